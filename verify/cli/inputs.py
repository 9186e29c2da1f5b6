"""A run's inputs: files, directories, lists of inputs (--from), stdin and URLs, read into articles.

One bad input never stops the rest: it becomes an ArticleError in its place, which the command
reports, and the next input is read.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, Union

from claims import Article, ArticleError, article_from_text, read_article

from ..fetch import Fetcher
from ..model import internal_error_reason, without_credentials

# What a directory contributes: the two forms an article is saved in (text, saved web page).
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
STDIN = "-"

Entry = Union[str, ArticleError]  # an input name, or why an input could not even be listed


class InputCrash(ArticleError):
    """claimcheck itself failed reading an input (a bug, not a bad file): exit 3, not 2."""


def is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


class Batch:
    """The expanded inputs of one run, what became of each, and a hook for a progress display.

    It iterates like the list of names it holds, so it goes wherever a list of names goes;
    `load_articles` fills `loaded` and `failed` as it reads, for the run's summary.
    """

    def __init__(self, entries: Iterable[Entry]):
        self.entries: list[Entry] = list(entries)
        self.loaded: list[str] = []
        self.failed: list[ArticleError] = []
        self.on_next: Callable[[str | None], None] | None = None  # input about to be read; None: all done

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def _next(self, name: str | None) -> None:
        if self.on_next is not None:
            self.on_next(name)


def expand_inputs(names: Iterable[str], lists: Iterable[str] = (), stdin: IO | None = None) -> Batch:
    """Names and --from lists -> one ordered Batch; directories expand to their article files.

    A file appearing twice (named and inside a directory) is read once: the same article twice
    would report every claim twice under the same claim_key.
    """
    entries: list[Entry] = []
    for name in names:
        entries.extend(_expand(name))
    for list_file in lists:
        try:
            listed = read_list(list_file, stdin)
        except ArticleError as error:
            entries.append(error)
            continue
        for name in listed:
            entries.extend(_expand(name))
    seen: set[str] = set()
    unique: list[Entry] = []
    for entry in entries:
        key = entry if isinstance(entry, ArticleError) or is_url(entry) or entry == STDIN else os.path.normpath(entry)
        if isinstance(key, str):
            if key in seen:
                continue
            seen.add(key)
        unique.append(entry)
    return Batch(unique)


def read_list(path: str, stdin: IO | None = None) -> list[str]:
    """The inputs named by a --from file: one per line; blank lines and # comment lines skipped.

    Only whole-line comments: a URL may itself contain '#'. Relative paths are taken from the
    current directory, as `tar -T` and `wget -i` do. "-" reads the list from stdin.
    """
    try:
        if path == STDIN:
            data = (stdin.read() if stdin is not None else "")
            text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        else:
            text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file (--from)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ArticleError(f"{path}: cannot read the list of inputs ({getattr(error, 'strerror', None) or error})") from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _expand(name: str) -> list[Entry]:
    if name == STDIN or is_url(name) or not os.path.isdir(name):
        return [name]  # a missing file is reported when it is read, in its place in the run
    found = article_files(name)
    if not found:
        return [ArticleError(f"{name}: no article files ({', '.join('*' + s for s in ARTICLE_SUFFIXES)}) in this directory")]
    return found


def article_files(directory: str) -> list[str]:
    """Article files under `directory`, recursively, sorted by path; hidden files and folders skipped."""
    root = Path(directory)
    found = []
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue  # .git, editor swap files, .DS_Store folders
        if path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
            found.append((relative.parts, str(path)))
    return [path for _, path in sorted(found)]


def load_article(name: str, fetcher: Fetcher, stdin: IO | None = None) -> Article:
    """An article from a file path, "-" (stdin) or a URL (fetched); ArticleError if unreadable."""
    if not is_url(name):
        return read_article(name, stdin)
    page = fetcher.fetch(name)
    shown = without_credentials(name)  # the article's name in every report: no password in it
    if not page.ok:
        raise ArticleError(f"{shown}: {page.reason or page.status}")
    return article_from_text(page.text, shown)


def load_articles(names: Iterable[Entry], fetcher: Fetcher, stdin: IO | None = None) -> Iterator[Article | ArticleError]:
    """Each input in order: its Article, or the error that names it (the run goes on).

    With a Batch, each outcome is recorded on it, and its progress hook hears of each input as
    the previous one is finished with (a generator resumes only when the caller is done).
    """
    batch = names if isinstance(names, Batch) else None
    for name in names:
        if batch:
            batch._next(str(name) if isinstance(name, ArticleError) else without_credentials(name))
        try:
            if isinstance(name, ArticleError):
                raise name
            article = load_article(name, fetcher, stdin)
        except ArticleError as error:
            if batch:
                batch.failed.append(error)
            yield error
            continue
        except Exception as error:  # noqa: BLE001 - one input must not stop the batch (issue #11)
            crash = InputCrash(f"{without_credentials(name)}: {internal_error_reason(error)}")
            if batch:
                batch.failed.append(crash)
            yield crash
            continue
        if batch:
            batch.loaded.append(without_credentials(name))
        yield article
    if batch:
        batch._next(None)

"""What each CLI command does, once its options are parsed."""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
from importlib import resources
from pathlib import Path

from claims import ArticleError

from ..fetch import CassetteError, Fetcher, Settings, recording, replaying
from ..model import ClaimResult, without_credentials
from ..pipeline import verify_article
from ..sources import SourceLoader
from .environment import Environment, ExitStatus
from .inputs import Batch, expand_inputs, load_articles
from .parser import UsageError

DEMO_ARTICLE = "000_8a0206ff2ce473fd.txt"


def _settings(args: argparse.Namespace) -> Settings:
    changes = {}
    if getattr(args, "timeout", None):
        changes["read_timeout"] = args.timeout
        changes["connect_timeout"] = min(args.timeout, Settings.connect_timeout)
        # The wall-clock bound on a page, documented as 3x --timeout (docs/fetching.md).
        changes["page_timeout"] = args.timeout * 3
    if getattr(args, "allow_private", False):
        changes["allow_private"] = True
    # Fetching politely (issue #6): each option maps onto one Settings field.
    for option, name in (("per_host", "per_host"), ("delay", "delay"), ("retries", "retries"),
                         ("deadline", "deadline"), ("cache", "cache_path")):
        if getattr(args, option, None) is not None:
            changes[name] = Path(args.cache) if option == "cache" else getattr(args, option)
    for flag, name, value in (("no_cache", "cache_path", None), ("refresh", "refresh", True),
                              ("offline", "offline", True), ("no_archive", "archive", False),
                              ("ignore_robots", "robots", False)):
        if getattr(args, flag, False):
            changes[name] = value
    return dataclasses.replace(Settings(), **changes) if changes else Settings()


def _network(args: argparse.Namespace):
    """The cassette replay when --cassette is given; otherwise the live network."""
    cassette = getattr(args, "cassette", None)
    return replaying(cassette) if cassette else contextlib.nullcontext()


def _run(names: list[str], args: argparse.Namespace, env: Environment) -> tuple[list[ClaimResult], int]:
    results: list[ClaimResult] = []
    failed = 0
    with _network(args), Fetcher(_settings(args)) as fetcher:
        loader = SourceLoader(fetcher)
        for item in load_articles(names, fetcher, env.stdin):
            if isinstance(item, ArticleError):
                env.error(str(item))
                failed += 1
                continue
            warn_unread_citations(item, env)
            loader.prefetch(_cited(item))  # all sources at once, in parallel across hosts
            results.extend(verify_article(item, loader))
    return results, failed


# What claims/ notes on a block whose 出典 line has no URL it could read (Block.url_note).
NO_URL_NOTE = "出典 line without a URL"


def warn_unread_citations(article, env: Environment) -> None:
    """One stderr line per block that has a 出典 line but no URL read from it: its claims would
    otherwise quietly become uncited (checked against the article's other sources only)."""
    for block in article.blocks:
        if getattr(block, "url_note", "") == NO_URL_NOTE and not block.source_url:
            heading = block.heading if len(block.heading) <= 30 else block.heading[:29] + "…"
            print(f"claimcheck: warning: {article.name}: block {block.id}{f' 「{heading}」' if heading else ''}: "
                  "出典 line without a URL that could be read; its claims are checked against the "
                  "article's other sources", file=env.stderr)


def _cited(article) -> dict[str, str]:
    """Each URL the article cites, with the date of the first block citing it (for the archive)."""
    dates: dict[str, str] = {}
    for block in article.blocks:
        if block.source_url:
            dates.setdefault(block.source_url, block.published)
    return dates


def _inputs(args: argparse.Namespace, env: Environment) -> Batch:
    """ARTICLE arguments and --from lists, directories expanded (see inputs.py)."""
    names, lists = list(getattr(args, "articles", None) or []), list(getattr(args, "from_", None) or [])
    if not names and not lists:
        raise UsageError("the following arguments are required: ARTICLE (or --from FILE)")
    return expand_inputs(names, lists, env.stdin)


def _write_reports(results: list[ClaimResult], args: argparse.Namespace, env: Environment, summary=None) -> None:
    from ..report import print_summary, print_table

    color = env.stdout_isatty and not env.no_color
    if results:
        print_table(results, env.stdout, color=color)
    if summary is not None:
        print_summary(summary, env.stdout, color=color)
    if not results:
        return
    for option, write in (("csv", _write_csv), ("json", _write_json), ("html", _write_html), ("xlsx", _write_xlsx)):
        path = getattr(args, option, None)
        if path:
            try:
                write(results, path, args, summary)
            except OSError as error:
                raise ArticleError(f"{path}: cannot write ({error.strerror or error})") from None


def _write_csv(results, path, args, summary) -> None:
    from ..report import write_csv

    write_csv(results, path)


def _write_json(results, path, args, summary) -> None:
    from ..report import write_json

    with open(path, "w", encoding="utf-8") as out:
        write_json(results, out, lines=args.nl, disappeared=summary.disappeared if summary else ())


def _write_html(results, path, args, summary) -> None:
    from datetime import datetime

    from ..report import write_html

    with open(path, "w", encoding="utf-8") as out:
        write_html(results, out, summary, generated=datetime.now().astimezone().isoformat(timespec="seconds"))


def _write_xlsx(results, path, args, summary) -> None:
    from ..report import write_xlsx

    write_xlsx(results, path, summary)


def cmd_verify(args: argparse.Namespace, env: Environment) -> int:
    from ..report import RoundTripError, Summary, carry_over, describe, flagged, progress, read_previous

    try:
        batch = _inputs(args, env)
        # Read --previous before the run: a wrong path should not cost a whole batch.
        previous = read_previous(args.previous) if getattr(args, "previous", None) else None
        terminal = env.stderr if env.stderr_isatty else None
        with progress(len(batch), terminal, env.no_color) as on_next:
            batch.on_next = on_next
            try:
                results, failed = _run(batch, args, env)
            finally:
                batch.on_next = None
        disappeared = []
        if previous is not None:
            results, disappeared = carry_over(results, previous)
            for row in disappeared:
                print(f"claimcheck: {describe(row)}", file=env.stderr)
        _write_reports(results, args, env, Summary.of(results, batch.loaded, batch.failed, disappeared))
    except (CassetteError, ArticleError, RoundTripError) as error:
        env.error(str(error))
        return ExitStatus.ERROR
    if failed:
        return ExitStatus.ERROR
    fail_on = frozenset(v for values in getattr(args, "fail_on", None) or () for v in values)
    hits = flagged(results, fail_on)
    if hits:
        verdicts = ", ".join(sorted({r.verdict.value for r in hits}))
        print(f"claimcheck: --fail-on: {len(hits)} claim{'s' * (len(hits) != 1)} {verdicts}; exit 1", file=env.stderr)
        return ExitStatus.FLAGGED
    return ExitStatus.OK


def demo_paths() -> tuple[Path, Path]:
    """The bundled example article and the cassette of the pages it cites."""
    article = resources.files("claims") / "examples" / DEMO_ARTICLE
    cassette = resources.files("cassettes") / "demo.yaml"
    return Path(str(article)), Path(str(cassette))


def cmd_demo(args: argparse.Namespace, env: Environment) -> int:
    article, cassette = demo_paths()
    print(f"claimcheck demo: {article.name} against {cassette.name} (offline replay)\n", file=env.stdout)
    args.cassette, args.articles = str(cassette), [str(article)]
    return cmd_verify(args, env)


def cmd_extract(args: argparse.Namespace, env: Environment) -> int:
    failed, articles = 0, []
    with Fetcher(Settings()) as fetcher:
        for item in load_articles(_inputs(args, env), fetcher, env.stdin):
            if isinstance(item, ArticleError):
                env.error(str(item))
                failed += 1
            else:
                warn_unread_citations(item, env)
                articles.append(item)
    if args.json:
        json.dump([_article_json(a) for a in articles], env.stdout, ensure_ascii=False, indent=2)
        env.stdout.write("\n")
    else:
        for a in articles:
            _print_article(a, env)
    return ExitStatus.ERROR if failed else ExitStatus.OK


def _article_json(article) -> dict:
    return {
        "article": article.name, "title": article.title,
        "blocks": [{"id": b.id, "heading": b.heading, "published": b.published,
                    "source_url": without_credentials(b.source_url), "outlet": b.outlet,
                    "claims": [{"id": c.id, "key": c.key, "line": c.line, "text": c.text} for c in b.claims]}
                   for b in article.blocks],
        "points": [{"id": p.id, "key": p.key, "line": p.line, "text": p.text} for p in article.points],
    }


def _print_article(article, env: Environment) -> None:
    out = env.stdout
    print(f"{article.name}: {article.title}", file=out)
    for b in article.blocks:
        print(f"\n[{b.id}] {b.heading}  公開日 {b.published or '-'}", file=out)
        print(f"    source: {without_credentials(b.source_url) or '(none)'}  outlet: {b.outlet or '-'}", file=out)
        for c in b.claims:
            print(f"    {c.id:<6} {c.text}", file=out)
    if article.points:
        print("\n[points]", file=out)
        for p in article.points:
            print(f"    {p.id:<6} {p.text}", file=out)
    print(file=out)


def cmd_record(args: argparse.Namespace, env: Environment) -> int:
    failed, statuses = 0, {}
    try:
        with recording(args.cassette), Fetcher(_settings(args)) as fetcher:
            loader = SourceLoader(fetcher)
            for item in load_articles(expand_inputs(args.articles), fetcher, env.stdin):
                if isinstance(item, ArticleError):
                    env.error(str(item))
                    failed += 1
                    continue
                for block in item.blocks:
                    if block.source_url:
                        statuses[block.source_url] = loader(block.source_url, block.published).status
    except (CassetteError, OSError) as error:
        env.error(f"{args.cassette}: cannot record ({error})")
        return ExitStatus.ERROR
    for url, status in statuses.items():
        print(f"{status:<16} {without_credentials(url)}", file=env.stdout)
    print(f"recorded {len(statuses)} source(s) into {args.cassette}", file=env.stdout)
    return ExitStatus.ERROR if failed else ExitStatus.OK

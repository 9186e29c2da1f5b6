"""Reading an article from bytes (a file, stdin or a fetched page) in text or HTML form."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from .html import html_to_text, looks_like_html
from .model import Article
from .parse import ArticleError, parse_text

# Japanese article files in the wild: UTF-8 (with or without BOM), then the two legacy
# encodings that Windows and Unix tools still write.
_ENCODINGS = ("utf-8-sig", "cp932", "euc-jp")
MAX_ARTICLE_BYTES = 20 * 1024 * 1024


def decode_article(data: bytes, name: str) -> str:
    """Text of an article file; ArticleError when it is binary or in no known encoding."""
    if b"\x00" in data[:4096]:
        raise ArticleError(f"{name}: binary file, not an article")
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ArticleError(f"{name}: not UTF-8, Shift_JIS or EUC-JP text")


def article_from_bytes(data: bytes, name: str, identity: str | None = None) -> Article:
    """Parse article bytes, HTML or text, into an Article."""
    return article_from_text(decode_article(data, name), name, identity)


def article_from_text(text: str, name: str, identity: str | None = None) -> Article:
    """Parse decoded article text, HTML or the plain summary format, into an Article."""
    if looks_like_html(text):
        text = html_to_text(text)
    return parse_text(text, name=name, identity=identity or article_identity(name))


def article_identity(name: str) -> str:
    """What makes claim keys stable across runs: the file's name or the URL, not its folder."""
    if "://" in name:
        return name
    return os.path.basename(name) or name


def _read_stream(stream: IO) -> bytes:
    data = (stream.buffer if hasattr(stream, "buffer") else stream).read()
    return data.encode("utf-8") if isinstance(data, str) else data


def read_article(path: str, stdin: IO | None = None) -> Article:
    """Read an article file, or `stdin` when path is "-"; ArticleError names the file and problem."""
    if path == "-":
        return article_from_bytes(_read_stream(stdin or sys.stdin), "<stdin>")
    file = Path(path)
    try:
        if file.is_dir():
            raise ArticleError(f"{path}: is a directory")
        if file.stat().st_size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"{path}: larger than {MAX_ARTICLE_BYTES // 2**20} MB")
        data = file.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except PermissionError:
        raise ArticleError(f"{path}: permission denied") from None
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return article_from_bytes(data, path)

"""Helpers shared by the fetch tests: a source page, an article citing local URLs, the CLI run
in-process, and the CSV it writes."""
from __future__ import annotations

import csv
import io

from verify.cli import Environment, main

SOURCE_TEXT = "ロシアとイランは17日、20年間の包括的戦略パートナーシップ条約に署名した。両国は軍事協力を強化する。"
PAGE = (f"<!DOCTYPE html><html lang=\"ja\"><head><title>条約に署名</title></head><body><article>"
        f"<h1>条約に署名</h1><p>{SOURCE_TEXT}</p></article></body></html>")
CLAIMS = ("ロシアとイランが20年間の条約に署名した。", "両国は軍事協力を強化する。")


def write_article(tmp_path, *urls: str):
    """An article with one block of the two CLAIMS per cited URL, published 2025-01-17."""
    blocks = "".join(
        f"見出し{i}\n公開日:2025/01/17\n" + "".join(f"✅ {c}\n" for c in CLAIMS)
        + f"さらに読む ⇒ニュース出典/画像元: {url}次の文。\n" for i, url in enumerate(urls, 1))
    path = tmp_path / "article.txt"
    path.write_text("ロシアとイランの条約\n" + blocks, encoding="utf-8")
    return path


def run_cli(*argv) -> tuple[int, str]:
    """`claimcheck ARGV` in-process; (exit code, stderr)."""
    code, _, stderr = run_cli_out(*argv)
    return code, stderr


def run_cli_out(*argv) -> tuple[int, str, str]:
    """`claimcheck ARGV` in-process; (exit code, stdout, stderr)."""
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(),
                      stdout_isatty=False, stderr_isatty=False, no_color=True)
    code = main([str(a) for a in argv], env)
    return code, env.stdout.getvalue(), env.stderr.getvalue()


def read_rows(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))

"""Untrusted text never drives the terminal: escape sequences and control characters in claims,
reasons, file names and URLs are stripped from everything printed (table, summary, progress bar,
warnings), while the CSV and JSON reports keep the text exactly as it was (issue #11)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from verify.cli import Environment, ExitStatus, main
from verify.report import printable

HERE = Path(__file__).parent
CASSETTE = HERE / "fixtures" / "cassettes" / "devset.yaml"
SEED = HERE / "fixtures" / "articles" / "000_8a0206ff2ce473fd.txt"

TITLE = "\x1b]0;pwned\x07"            # sets the window title
CLEAR = "\x1b[2J\x1b[H"               # clears the screen
HOSTILE = ["\x1b]0;", "\x1b[2J", "pwned", "\x07", "\u202e", "\x9b"]  # not "\x1b[" alone: rich draws colours with it
CLAIM = f"北朝鮮とロシア{TITLE}の間の{CLEAR}条約\u202eが\x9b31m発効した。"


def _run(*argv, tty: bool = False):
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(),
                      stdout_isatty=tty, stderr_isatty=tty, no_color=not tty)
    code = main([str(a) for a in argv], env)
    return code, env.stdout.getvalue(), env.stderr.getvalue()


def _hostile_article(tmp_path: Path, name: str = "a.txt") -> Path:
    text = SEED.read_text(encoding="utf-8").replace("✅ ", f"✅ {CLAIM}", 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _clean(printed: str) -> bool:
    return not any(bad in printed for bad in HOSTILE)


@pytest.mark.parametrize("tty", [False, True], ids=["piped", "terminal"])
def test_claim_text_is_stripped_in_the_table_and_kept_in_the_reports(tmp_path, tty):
    article = _hostile_article(tmp_path, f"a{TITLE}{CLEAR}.txt")
    missing = tmp_path / f"gone{TITLE}.txt"
    out_csv, out_json = tmp_path / "r.csv", tmp_path / "r.json"
    code, stdout, stderr = _run("verify", article, missing, "--cassette", CASSETTE, "--csv", out_csv,
                                "--json", out_json, "--fail-on", "partial", tty=tty)
    assert code == ExitStatus.ERROR  # the missing input
    assert _clean(stdout) and _clean(stderr), (stdout, stderr)
    assert "北朝鮮とロシア" in stdout and "gone" in stderr  # the rest of the text is still shown
    with open(out_csv, encoding="utf-8-sig", newline="") as f:
        assert any(row["claim"].startswith(CLAIM) for row in csv.DictReader(f))
    claims = json.loads(out_json.read_text(encoding="utf-8"))["claims"]
    assert any(c["claim"].startswith(CLAIM) for c in claims)


def test_extract_prints_no_control_characters(tmp_path):
    code, stdout, _ = _run("extract", _hostile_article(tmp_path))
    assert code == ExitStatus.OK and _clean(stdout) and "北朝鮮とロシア" in stdout


@pytest.mark.parametrize("text, shown", [
    (f"a{TITLE}b", "ab"),
    (f"a{CLEAR}b", "ab"),
    ("\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\", "link"),  # a hidden hyperlink
    ("price\x9b31m up", "price up"),                                   # 8-bit CSI
    ("abc\u202edef\u2066", "abc\ufffddef\ufffd"),                      # bidi overrides made visible
    ("bell\x07 nul\x00 del\x7f", "bell\ufffd nul\ufffd del\ufffd"),
    ("two\nlines\tand\rreturn", "two lines and return"),
    ("日本語 ✅ 💡 (ok)", "日本語 ✅ 💡 (ok)"),
])
def test_printable(text, shown):
    assert printable(text) == shown

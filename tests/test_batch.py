"""Batch runs: directories, --from lists, stdin; a failing input never stops the rest; --fail-on; progress."""
import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from claims import ArticleError
from verify.cli import Environment, ExitStatus, main
from verify.cli.inputs import expand_inputs

HERE = Path(__file__).parent
ARTICLES = HERE / "fixtures" / "articles"
SEED = ARTICLES / "000_8a0206ff2ce473fd.txt"
ALTERED = ARTICLES / "seed_altered.txt"
CASSETTE = HERE / "fixtures" / "cassettes" / "devset.yaml"
MISSING_URL = "https://example.org/an-article-not-in-the-cassette"
DEVSET_CLAIMS = 18  # 9 claims in each of the two dev-set articles


def run(*argv, stdin="", tty=False, no_color=True):
    env = Environment(stdin=io.StringIO(stdin), stdout=io.StringIO(), stderr=io.StringIO(),
                      stdout_isatty=False, stderr_isatty=tty, no_color=no_color)
    code = main([str(a) for a in argv], env)
    return code, env.stdout.getvalue(), env.stderr.getvalue()


@pytest.fixture
def tree(tmp_path):
    """articles/: the two dev-set articles (one nested), a binary .txt, and files that are not articles."""
    root = tmp_path / "articles"
    (root / "nested" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    shutil.copy(SEED, root / "b_seed.txt")
    shutil.copy(ALTERED, root / "nested" / "deeper" / "a_altered.TXT")
    (root / "nested" / "broken.txt").write_bytes(b"\x00\x01 not text")
    (root / "labels.csv").write_text("not,an,article\n", encoding="utf-8")
    (root / ".hidden" / "draft.txt").write_text("✅ never read", encoding="utf-8")
    return root


def test_directory_expands_recursively_sorted_skipping_other_and_hidden_files(tree):
    names = [Path(n).relative_to(tree).as_posix() for n in expand_inputs([str(tree)])]
    assert names == ["b_seed.txt", "nested/broken.txt", "nested/deeper/a_altered.TXT"]


def test_from_file_lines_comments_and_blank_lines(tmp_path, tree):
    listing = tmp_path / "inputs.txt"
    listing.write_text(f"# the dev set\n\n{tree / 'b_seed.txt'}\n  {MISSING_URL}#frag  \n# {ALTERED}\n",
                       encoding="utf-8")
    assert list(expand_inputs([], [str(listing)])) == [str(tree / "b_seed.txt"), MISSING_URL + "#frag"]


def test_from_stdin_and_duplicates_read_once(tree):
    batch = expand_inputs([str(tree / "b_seed.txt")], ["-"], io.StringIO(f"{tree}/b_seed.txt\n{tree}/./b_seed.txt\n"))
    assert list(batch) == [str(tree / "b_seed.txt")]


def test_missing_list_and_empty_directory_become_errors_in_place(tmp_path):
    (tmp_path / "empty").mkdir()
    entries = list(expand_inputs([str(tmp_path / "empty"), "x.txt"], [str(tmp_path / "nope.lst")]))
    assert [type(e) for e in entries] == [ArticleError, str, ArticleError]
    assert "no article files" in str(entries[0]) and "nope.lst: no such file" in str(entries[2])


@pytest.fixture
def batch_run(tmp_path, tree):
    out = {ext: tmp_path / f"report.{ext}" for ext in ("csv", "json", "html", "xlsx")}
    code, stdout, stderr = run("verify", tree, MISSING_URL, "--cassette", CASSETTE,
                               *(arg for ext, path in out.items() for arg in (f"--{ext}", path)))
    return code, stdout, stderr, out


def test_failing_inputs_are_reported_and_the_rest_go_on(batch_run):
    code, stdout, stderr, _ = batch_run
    assert code == ExitStatus.ERROR
    lines = stderr.strip().splitlines()
    assert len(lines) == 2 and "broken.txt: binary file" in lines[0] and MISSING_URL in lines[1]
    assert "Traceback" not in stderr
    assert re.search(r"articles\s+2 verified · 2 failed", stdout) and "failed: " + MISSING_URL in stdout
    assert f"{DEVSET_CLAIMS} claims" in stdout


def test_every_claim_of_the_readable_articles_is_in_every_report(batch_run):
    _, _, _, out = batch_run
    with open(out["csv"], encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    claims = json.loads(out["json"].read_text(encoding="utf-8"))["claims"]
    html = out["html"].read_text(encoding="utf-8")
    from openpyxl import load_workbook
    sheet = load_workbook(out["xlsx"])["claims"]
    assert len(rows) == len(claims) == html.count('<article class="claim') == sheet.max_row - 1 == DEVSET_CLAIMS
    assert {Path(r["article"]).name for r in rows} == {"b_seed.txt", "a_altered.TXT"}
    assert [r["claim_key"] for r in rows] == [c["claim_key"] for c in claims]
    assert "broken.txt: binary file" in html


def test_fail_on_exits_1_when_a_claim_has_a_named_verdict():
    code, _, stderr = run("verify", ALTERED, "--cassette", CASSETTE, "--fail-on", "contradicted")
    assert code == ExitStatus.FLAGGED and "--fail-on: 3 claims contradicted" in stderr


def test_fail_on_is_repeatable_and_comma_separated():
    code, _, stderr = run("verify", SEED, "--cassette", CASSETTE, "--fail-on", "contradicted,unverifiable",
                          "--fail-on", "contradicted")
    assert code == ExitStatus.OK, stderr  # nothing in the seed is contradicted or unreadable
    code, _, _ = run("verify", SEED, "--cassette", CASSETTE, "--fail-on", "partial", "--fail-on", "not_found")
    assert code == ExitStatus.FLAGGED


def test_unreadable_input_stays_exit_2_even_with_fail_on(tmp_path):
    code, _, _ = run("verify", ALTERED, tmp_path / "nope.txt", "--cassette", CASSETTE, "--fail-on", "contradicted")
    assert code == ExitStatus.ERROR


@pytest.mark.parametrize("value", ["supported", "bogus", ",", "partial,nope"])
def test_fail_on_rejects_unknown_verdicts(value):
    code, _, stderr = run("verify", SEED, "--fail-on", value)
    assert code == ExitStatus.ERROR and "unknown verdict" in stderr and len(stderr.strip().splitlines()) == 1


def test_from_alone_is_enough_and_nothing_at_all_is_a_usage_error(tmp_path):
    listing = tmp_path / "list.txt"
    listing.write_text(f"{SEED}\n", encoding="utf-8")
    code, stdout, _ = run("verify", "--from", listing, "--cassette", CASSETTE)
    assert code == ExitStatus.OK and "9 claims" in stdout
    code, _, stderr = run("verify", "--cassette", CASSETTE)
    assert code == ExitStatus.ERROR and "ARTICLE (or --from FILE)" in stderr


def test_progress_bar_only_on_a_terminal_and_without_colour_under_no_color():
    _, _, quiet = run("verify", SEED, "--cassette", CASSETTE, tty=False)
    assert quiet == ""
    _, _, shown = run("verify", SEED, ALTERED, "--cassette", CASSETTE, tty=True, no_color=True)
    assert "articles" in shown and "2/2" in shown
    assert not re.search(r"\x1b\[[0-9;]*(3[0-9]|9[0-7])(;[0-9]+)*m", shown)  # no foreground colour codes


def test_extract_takes_directories_and_from_lists(tmp_path, tree):
    listing = tmp_path / "list.txt"
    listing.write_text(f"# one more\n{SEED}\n", encoding="utf-8")
    code, stdout, stderr = run("extract", tree, "--from", listing, "--json")
    names = [Path(a["article"]).name for a in json.loads(stdout)]
    assert names == ["b_seed.txt", "a_altered.TXT", SEED.name]
    assert code == ExitStatus.ERROR and "broken.txt" in stderr


def test_demo_takes_the_report_options(tmp_path):
    html, xlsx = tmp_path / "demo.html", tmp_path / "demo.xlsx"
    code, _, stderr = run("demo", "--html", html, "--xlsx", xlsx, "--fail-on", "contradicted")
    assert code == ExitStatus.OK, stderr
    assert html.read_text(encoding="utf-8").count('<article class="claim') == 9 and xlsx.stat().st_size > 0


@pytest.mark.parametrize("option", ["--html", "--xlsx", "--csv", "--json"])
def test_unwritable_report_exits_2_with_one_line(tmp_path, option):
    code, _, stderr = run("verify", SEED, "--cassette", CASSETTE, option, tmp_path / "no" / "such" / "dir" / "r")
    assert code == ExitStatus.ERROR and "cannot write" in stderr and len(stderr.strip().splitlines()) == 1

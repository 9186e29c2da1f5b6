"""The CLI behaves like the tools editors know (httpie, sqlite-utils, lychee): -V, -q, reports on
stdout with `-`, no abbreviations, defaults and examples in --help, completion, --fail-on that
honours an editor's verdict. Driven as a user would: in-process main(argv, env) and, where real
streams matter, a subprocess."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from verify.cli import Environment, ExitStatus, build_parser, main

HERE = Path(__file__).parent
ROOT = HERE.parent
SEED = HERE / "fixtures" / "articles" / "000_8a0206ff2ce473fd.txt"
ALTERED = HERE / "fixtures" / "articles" / "seed_altered.txt"
CASSETTE = HERE / "fixtures" / "cassettes" / "devset.yaml"


def run(*argv, cwd=None, environ=None):
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), stdout_isatty=False,
                      stderr_isatty=False, no_color=True, environ=environ or {}, cwd=cwd or Path.cwd())
    code = main([str(a) for a in argv], env)
    return code, env.stdout.getvalue(), env.stderr.getvalue()


def test_dash_capital_v_prints_the_version_like_dash_dash_version():
    short, long_ = run("-V"), run("--version")
    assert short == long_ and short[0] == 0 and short[1].startswith("claimcheck ")


def test_quiet_prints_nothing_on_success_and_only_the_error_on_failure(tmp_path):
    code, stdout, stderr = run("verify", ALTERED, "--cassette", CASSETTE, "-q", "--html", tmp_path / "r.html")
    assert (code, stdout, stderr) == (ExitStatus.OK, "", "")
    assert (tmp_path / "r.html").stat().st_size > 0
    code, stdout, stderr = run("-q", "verify", tmp_path / "missing.txt", ALTERED, "--cassette", CASSETTE)
    assert code == ExitStatus.ERROR and stdout == ""
    assert stderr.splitlines() == [f"claimcheck: error: {tmp_path / 'missing.txt'}: no such file"]


def test_quiet_and_verbose_together_is_a_usage_error():
    code, _, stderr = run("verify", SEED, "-q", "-v")
    assert code == ExitStatus.ERROR and "not allowed with" in stderr


def test_json_to_stdout_is_pure_json_and_the_table_goes_to_stderr():
    code, stdout, stderr = run("verify", ALTERED, "--cassette", CASSETTE, "--json", "-")
    assert code == ExitStatus.OK
    doc = json.loads(stdout)
    assert doc["schema_version"] == 1 and len(doc["claims"]) == 9
    assert "contradicted" in stderr and "verdicts" in stderr  # the table and summary, for the eyes
    assert not Path("-").exists()


def test_json_lines_and_csv_to_stdout():
    code, stdout, _ = run("verify", ALTERED, "--cassette", CASSETTE, "--json", "-", "--nl", "-q")
    assert code == 0 and [json.loads(line)["claim_id"] for line in stdout.splitlines()][:2] == ["b1-c1", "b1-c2"]
    code, stdout, _ = run("verify", ALTERED, "--cassette", CASSETTE, "--csv", "-", "-q")
    rows = list(csv.DictReader(io.StringIO(stdout.lstrip("\ufeff"))))
    assert code == 0 and len(rows) == 9 and rows[0]["claim_id"] == "b1-c1"  # data stays in article order


@pytest.mark.parametrize("argv, message", [
    (["--json", "-", "--csv", "-"], "only one report can go to stdout"),
    (["--xlsx", "-"], "a workbook is binary"),
])
def test_what_cannot_go_to_stdout_is_refused_before_the_run(argv, message):
    code, stdout, stderr = run("verify", ALTERED, "--cassette", CASSETTE, *argv)
    assert code == ExitStatus.ERROR and message in stderr and stdout == ""


def test_a_real_process_keeps_stdout_for_the_report(tmp_path):
    done = subprocess.run([sys.executable, "-m", "verify", "verify", str(ALTERED), "--cassette", str(CASSETTE),
                           "--json", "-", "--html", str(tmp_path / "r.html")],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["claims"]
    assert f"wrote {tmp_path / 'r.html'} (9 claims)" in done.stderr
    quiet = subprocess.run([sys.executable, "-m", "verify", "-q", "verify", str(ALTERED), "--cassette", str(CASSETTE)],
                           capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_wrote_lines_name_each_report_file(tmp_path):
    code, stdout, _ = run("verify", ALTERED, SEED, "--cassette", CASSETTE, "--csv", tmp_path / "a.csv",
                          "--html", tmp_path / "a.html")
    assert code == 0
    assert f"wrote {tmp_path / 'a.csv'} (18 claims)" in stdout and f"wrote {tmp_path / 'a.html'} (18 claims)" in stdout


def test_options_are_never_abbreviated():
    code, _, stderr = run("verify", SEED, "--off")
    assert code == ExitStatus.ERROR and "unrecognized arguments: --off" in stderr


def test_help_shows_the_defaults_three_examples_and_the_exit_codes():
    _, top, _ = run("--help")
    _, verify, _ = run("verify", "--help")
    flat = " ".join(verify.split())  # argparse wraps to the terminal's width
    assert "(default: 30.0)" in flat and "http-cache.sqlite)" in flat and "(default: worst)" in flat
    for text in (top, verify):
        examples = text.split("examples:")[1].split("exit status:")[0]
        assert len([line for line in examples.splitlines() if line.strip().startswith("claimcheck ")]) == 3
        for status in ExitStatus:
            assert f"\n  {int(status):<4}" in text.split("exit status:")[1]


def test_parser_defaults_are_the_fetch_settings_defaults():
    from verify.fetch import Settings

    verify = next(a for a in build_parser()._actions if a.dest == "command").choices["verify"]
    args = verify.parse_args(["a.txt"])
    s = Settings()
    assert (args.timeout, args.per_host, args.delay, args.retries) == (s.read_timeout, s.per_host, s.delay, s.retries)
    assert Path(args.cache) == s.cache_path


@pytest.mark.parametrize("shell, marker", [("bash", "complete -o"), ("zsh", "#compdef claimcheck")])
def test_completion_scripts_know_the_commands_and_options(shell, marker):
    code, stdout, _ = run("completion", shell)
    assert code == 0 and marker in stdout
    assert "--fail-on" in stdout and "verify" in stdout and "--order" in stdout
    assert ("_shtab_compgen_files" if shell == "bash" else "_files") in stdout  # ARTICLE, --csv FILE, ...


def _previous_report(tmp_path, editor: dict[str, str]) -> Path:
    """A CSV report of ALTERED with `editor` (claim_id -> editor_verdict) filled in."""
    path = tmp_path / "old.csv"
    assert run("verify", ALTERED, "--cassette", CASSETTE, "--csv", path, "-q")[0] == 0
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["editor_verdict"] = editor.get(row["claim_id"], "")
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_fail_on_spares_a_claim_an_editor_reviewed_as_supported(tmp_path):
    contradicted = {"b1-c3", "b2-c1", "b2-c3"}  # what claimcheck says of ALTERED
    code, _, stderr = run("verify", ALTERED, "--cassette", CASSETTE, "--fail-on", "contradicted")
    assert code == ExitStatus.FLAGGED and "3 claims contradicted" in stderr
    reviewed = _previous_report(tmp_path, {cid: "supported" for cid in contradicted})
    code, _, stderr = run("verify", ALTERED, "--cassette", CASSETTE, "--previous", reviewed, "--fail-on", "contradicted")
    assert code == ExitStatus.OK, stderr
    partly = _previous_report(tmp_path, {"b1-c3": "Supported", "b2-c1": "要確認"})  # a note is not a verdict
    code, _, stderr = run("verify", ALTERED, "--cassette", CASSETTE, "--previous", partly, "--fail-on", "contradicted")
    assert code == ExitStatus.FLAGGED and "2 claims contradicted" in stderr


def test_fail_on_honours_an_editor_who_contradicts_claimcheck(tmp_path):
    marked = _previous_report(tmp_path, {"p2": "contradicted"})  # claimcheck: supported
    code, _, stderr = run("verify", ALTERED, "--cassette", CASSETTE, "--previous", marked, "--fail-on", "contradicted")
    assert code == ExitStatus.FLAGGED and "4 claims contradicted" in stderr


def test_help_starts_fast_and_imports_nothing_heavy():
    done = subprocess.run([sys.executable, "-c", "import sys; from verify.cli import main; main(['verify', '--help']);"
                           "print(sorted(m for m in ('requests', 'rich', 'pandas', 'shtab', 'sudachipy') if m in sys.modules))"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "[]"

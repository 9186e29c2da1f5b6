"""The docs keep up with the code: every option, exit code, source status, verdict and report column
is documented where a reader looks for it, and every path and link in the docs exists."""
import re
from pathlib import Path

import pytest

from verify.cli import ExitStatus, build_parser
from verify.model import FACT_KINDS, SOURCE_STATUSES, Verdict
from verify.report import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


README = _read(ROOT / "README.md")
USAGE, REPORTS, FETCHING, VERDICTS, ARCHITECTURE = (
    _read(DOCS / name) for name in ("usage.md", "reports.md", "fetching.md", "verdicts.md", "ARCHITECTURE.md"))
# The report and input options verify and demo share.
REPORT_OPTIONS = ["--from", "--csv", "--json", "--nl", "--html", "--xlsx", "--previous", "--fail-on"]


def _commands() -> dict[str, object]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return dict(sub.choices)


def _options(parser) -> set[str]:
    return {s for a in parser._actions for s in a.option_strings if s not in ("-h", "--help")}


@pytest.mark.parametrize("command", ["verify", "demo"])
def test_verify_and_demo_take_every_report_option(command):
    assert set(REPORT_OPTIONS) <= _options(_commands()[command])


@pytest.mark.parametrize("command", ["(top level)", *sorted(_commands())])
def test_every_option_of_every_command_is_in_usage_md(command):
    parser = build_parser() if command == "(top level)" else _commands()[command]
    assert [o for o in sorted(_options(parser)) if f"`{o}" not in USAGE] == []


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_command_is_in_usage_md(command):
    assert f"claimcheck {command}" in USAGE


@pytest.mark.parametrize("status", list(ExitStatus))
def test_exit_code_is_in_usage_md(status):
    assert f"| {int(status)} |" in USAGE


def test_usage_md_documents_exactly_the_exit_codes_there_are():
    table = USAGE.split("## Exit codes", 1)[1]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.M)}
    assert documented == {int(status) for status in ExitStatus}


def test_every_bound_is_in_reports_md_with_its_value():
    from verify import pipeline
    from verify.text import sentences, tokens

    section = REPORTS.split("## Bounds", 1)[1].split("\n## ", 1)[0]
    for value in (pipeline.MAX_CLAIM_CHARS, pipeline.MAX_SOURCE_CHARS, pipeline.MAX_SOURCE_SENTENCES,
                  sentences.MAX_SENTENCE_CHARS, tokens.CHUNK_CHARS):
        assert f"| {value:,} |" in section
    assert f"claim cut to the first {pipeline.MAX_CLAIM_CHARS:,} characters" in section
    assert f"page cut to the first {pipeline.MAX_SOURCE_SENTENCES:,} sentences" in section


@pytest.mark.parametrize("column", COLUMNS)
def test_column_is_in_reports_md(column):
    assert column in REPORTS


def test_every_fact_kind_is_in_reports_md():
    assert [k for k in FACT_KINDS if k not in REPORTS] == []


def test_every_source_status_is_in_fetching_md():
    assert [s for s in SOURCE_STATUSES if f"`{s}`" not in FETCHING] == []


@pytest.mark.parametrize("verdict", [v.value for v in Verdict])
def test_every_verdict_is_in_the_readme_and_verdicts_md(verdict):
    assert f"| `{verdict}` |" in README and f"| `{verdict}` |" in VERDICTS


def _fenced_sh_lines(text: str) -> list[str]:
    return [line.strip() for block in re.findall(r"```sh\n(.*?)```", text, re.S) for line in block.splitlines()]


def test_ci_runs_the_readmes_two_commands_literally():
    # A CI that upgrades pip or installs differently hides what a new user meets (issue 11).
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci.splitlines() if line.startswith(("python3 -m venv", ". .venv"))]
    readme = _fenced_sh_lines(README)
    assert len(commands) == 2
    for command in commands:
        assert command in readme
    assert "upgrade pip" not in ci and "-U pip" not in ci


def _markdown_files() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


@pytest.mark.parametrize("page", _markdown_files(), ids=lambda p: p.name)
def test_every_relative_link_leads_to_a_file(page):
    links = re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", _read(page))
    assert [link for link in links if not (page.parent / link).exists()] == []


@pytest.mark.parametrize("page", _markdown_files(), ids=lambda p: p.name)
def test_every_path_of_ours_named_in_the_docs_exists(page):
    # Paths from the repository's root; tests/test_extract_<site>.py or proto_*.py are patterns, not paths.
    named = set(re.findall(r"(?<![\w/.])((?:verify|claims|tests|benchmarks|cassettes|docs)/[\w./-]*\w)(?![\w<*])",
                           _read(page)))
    assert sorted(p for p in named if not (ROOT / p).exists()) == []


def test_architecture_names_every_stage_folder_and_module():
    stages = [p for p in sorted((ROOT / "verify").iterdir()) if p.is_dir() and (p / "__init__.py").exists()]
    modules = [p for p in sorted((ROOT / "verify").glob("*.py")) if not p.name.startswith("__")]
    assert [str(p.relative_to(ROOT)) for p in stages + modules
            if str(p.relative_to(ROOT)) not in ARCHITECTURE] == []


def test_the_readmes_report_excerpt_is_what_claimcheck_demo_prints():
    import io

    from verify.cli import Environment, main

    out = io.StringIO()
    env = Environment(stdin=io.StringIO(), stdout=out, stderr=io.StringIO(), stdout_isatty=False,
                      stderr_isatty=False, no_color=True)
    assert main(["demo"], env) == ExitStatus.OK
    printed = {line.rstrip() for line in out.getvalue().splitlines()}
    excerpt = re.search(r"```text\n(claimcheck demo:.*?)```", README, re.S).group(1).splitlines()
    assert len(excerpt) > 5 and [line for line in excerpt if line.rstrip() not in printed] == []

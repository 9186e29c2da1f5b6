"""The README documents every report and input option, every report column and every exit code."""
from pathlib import Path

import pytest

from verify.cli import ExitStatus, build_parser
from verify.report import COLUMNS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
# Fetch options are documented by their own owners; these are the report and input options.
OPTIONS = ["--from", "--csv", "--json", "--nl", "--html", "--xlsx", "--previous", "--fail-on"]


def _options(command):
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return {s for a in sub.choices[command]._actions for s in a.option_strings}


@pytest.mark.parametrize("command", ["verify", "demo"])
def test_verify_and_demo_take_every_report_option(command):
    assert set(OPTIONS) <= _options(command)


@pytest.mark.parametrize("option", OPTIONS)
def test_option_is_documented(option):
    assert f"`{option}" in README


@pytest.mark.parametrize("column", COLUMNS)
def test_column_is_documented(column):
    assert column in README


@pytest.mark.parametrize("status", list(ExitStatus))
def test_exit_code_is_documented(status):
    assert f"| {int(status)} |" in README


def _fenced_sh_lines(text: str) -> list[str]:
    import re
    return [line.strip() for block in re.findall(r"```sh\n(.*?)```", text, re.S) for line in block.splitlines()]


def test_ci_runs_the_readmes_two_commands_literally():
    # A CI that upgrades pip or installs differently hides what a new user meets (issue 11).
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci.splitlines() if line.startswith(("python3 -m venv", ". .venv"))]
    readme = _fenced_sh_lines(README)
    assert len(commands) == 2
    for command in commands:
        assert command in readme
    assert "upgrade pip" not in ci and "-U pip" not in ci

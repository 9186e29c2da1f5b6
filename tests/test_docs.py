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

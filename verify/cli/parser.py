"""The options of every command (argparse). Parsing imports nothing heavy, so `--help` is instant.

Every option here is documented in docs/usage.md (tests/test_docs.py checks it). Defaults come
from `defaults` (the built-in values, claimcheck.toml and CLAIMCHECK_* variables: configfile.py),
so `--help` shows what a run will use.
"""
from __future__ import annotations

import argparse
from typing import Any, Mapping

from .environment import EXIT_MEANINGS

# What a run uses when nothing is configured; tests/test_cli_conventions.py checks that they are
# verify/fetch's Settings defaults (importing those here would make `--help` import requests).
BUILT_IN: dict[str, Any] = {"timeout": 30.0, "per_host": 2, "delay": 1.0, "retries": 2}
ORDERS = ("worst", "article")  # report/order.py
SHELLS = ("bash", "zsh")

EXAMPLES = """\
examples:
  claimcheck verify articles/ --html report.html        # worst claims first, on screen and in a page
  claimcheck verify a.txt --cassette a.yaml --fail-on contradicted   # offline, exit 1 on a contradiction
  claimcheck verify articles/ --json - -q | jq '.claims[] | select(.verdict != "supported")'
"""


def _exit_codes() -> str:
    return "exit status:\n" + "".join(f"  {int(code):<4}{meaning}\n" for code, meaning in EXIT_MEANINGS.items())


class UsageError(Exception):
    pass


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the epilog's lines, and shows a default wherever there is one worth showing."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        default = action.default
        if "%(default)" in text or not action.option_strings or default in (None, False, argparse.SUPPRESS) \
                or isinstance(default, list):
            return text
        return f"{text} (default: %(default)s)"

    def _split_lines(self, text: str, width: int) -> list[str]:
        # A path or URL is never broken at its hyphens (http-cache.sqlite stays one word).
        import textwrap

        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False, break_long_words=False)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # --off is not --offline: an abbreviation would silently change the meaning of a script.
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # one line, not argparse's usage dump
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser(defaults: Mapping[str, Any] | None = None) -> argparse.ArgumentParser:
    """The whole CLI; `defaults` (configfile.Config.values) override the built-in defaults."""
    values = {**BUILT_IN, "cache": _default_cache(), **(defaults or {})}
    parser = _Parser(prog="claimcheck", epilog=EXAMPLES + "\n" + _exit_codes(), description=(
        "Check that the claims of Japanese summary articles say what their cited sources say."))
    parser.add_argument("-V", "--version", action="store_true", help="print the version and exit")
    _add_verbosity(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    verify = sub.add_parser("verify", help="verify articles' claims against their cited sources",
                            epilog=EXAMPLES + "\n" + _exit_codes(),
                            description="Verify every claim of each ARTICLE against the page it cites.")
    _add_input_options(verify)
    _add_fetch_options(verify, values)
    _add_report_options(verify)
    _add_scale_options(verify, cluster=True)
    _add_verbosity(verify)

    demo = sub.add_parser("demo", help="verify the bundled example article offline",
                          description="Verify the bundled example article against the bundled cassette.")
    demo.add_argument("--from", dest="from_", action="append", metavar="FILE",
                      help="also verify the inputs listed in FILE (replayed from the bundled cassette)")
    _add_report_options(demo)
    _add_scale_options(demo)
    _add_verbosity(demo)

    fetch = sub.add_parser("fetch", help="fetch the cited pages into the HTTP cache, politely (no matching)",
                           description="Fetch every source cited by ARTICLE into the HTTP cache, one line per "
                                       "URL; then 'verify --offline' (or --dask) runs without the network.")
    _add_input_options(fetch)
    _add_fetch_options(fetch, values, warming=True)
    _add_verbosity(fetch)

    extract = sub.add_parser("extract", help="show the blocks and claims parsed from an article",
                             description="Parse ARTICLE and print its blocks and claims (no fetching).")
    _add_input_options(extract)
    extract.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _add_verbosity(extract)

    record = sub.add_parser("record", help="fetch the cited pages live and save them as a cassette",
                            description="Fetch every source cited by ARTICLE and write a vcrpy cassette.")
    record.add_argument("articles", nargs="+", metavar="ARTICLE")
    record.add_argument("--cassette", metavar="FILE", required=True, help="cassette file to write")
    record.add_argument("--timeout", type=_positive, metavar="SECONDS", default=values["timeout"],
                        help="per-request read timeout")
    record.add_argument("--user-agent", dest="user_agent", metavar="TEXT", default=values.get("user_agent"),
                        help="the User-Agent to send (default: claimcheck's, with `contact` from claimcheck.toml)")
    record.add_argument("--allow-private", action="store_true", help=argparse.SUPPRESS)
    _add_verbosity(record)

    completion = sub.add_parser("completion", help="print a shell completion script (bash or zsh)",
                                description="Print a completion script for SHELL: "
                                            "eval \"$(claimcheck completion bash)\" in ~/.bashrc, or "
                                            "claimcheck completion zsh > \"${fpath[1]}/_claimcheck\".")
    completion.add_argument("shell", choices=SHELLS, metavar="SHELL", help="bash or zsh")
    parser.set_defaults(config_values=values)
    _complete_files(parser)
    return parser


# What shtab.FILE says, without importing shtab on every start: complete these with file names.
_FILES = {"bash": "_shtab_compgen_files", "zsh": "_files"}
_FILE_METAVARS = {"ARTICLE", "FILE", "PATH", "OLD"}


def _complete_files(parser: argparse.ArgumentParser) -> None:
    """Mark every option and argument that names a file, for the completion scripts."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                _complete_files(sub)
        elif action.metavar in _FILE_METAVARS:
            action.complete = _FILES  # type: ignore[attr-defined] - read by shtab


def _default_cache() -> str:
    import platformdirs  # light; what verify/fetch/config.py's default_cache_path says

    return str(platformdirs.user_cache_path("claimcheck") / "http-cache.sqlite")


def _add_verbosity(p: argparse.ArgumentParser, top: bool = False) -> None:
    # Accepted before and after the command (claimcheck -q verify … / claimcheck verify -q …);
    # SUPPRESS keeps a subcommand from resetting what was given before it.
    default = 0 if top else argparse.SUPPRESS
    group = p.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", default=False if top else argparse.SUPPRESS,
                       help="print nothing but errors (on stderr); the exit status tells the rest")
    group.add_argument("-v", "--verbose", action="count", default=default,
                       help="-v: each URL's fetch (cache, robots.txt, retries and waits, redirects, "
                            "archive) on stderr and a tally per host at the end; -vv: every request too")


def _add_input_options(p: argparse.ArgumentParser) -> None:
    # ARTICLE is optional for argparse so that --from alone is enough; commands.py insists on one.
    p.add_argument("articles", nargs="*", metavar="ARTICLE",
                   help="article file (.txt or saved .html), directory (searched recursively for "
                        "*.txt, *.html, *.htm), URL, or - for stdin")
    p.add_argument("--from", dest="from_", action="append", metavar="FILE",
                   help="read more inputs from FILE, one per line (# comments); - for stdin; repeatable")


def _add_report_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--csv", metavar="FILE", help="write the CSV report (UTF-8 with BOM); - for stdout")
    p.add_argument("--json", metavar="FILE", help="write the JSON report; - for stdout")
    p.add_argument("--nl", action="store_true", help="with --json: one JSON object per line")
    p.add_argument("--html", metavar="FILE", help="write the HTML report (one self-contained page); - for stdout")
    p.add_argument("--xlsx", metavar="FILE", help="write the XLSX report")
    p.add_argument("--parquet", metavar="FILE", help="write the Parquet report (needs the dask extra)")
    p.add_argument("--order", choices=ORDERS, default="worst",
                   help="terminal table and HTML: worst verdicts first (contradicted, partial, not_found, "
                        "unverifiable, supported), or article as read")
    p.add_argument("--previous", metavar="OLD", help="carry editor_verdict/editor_note over from an "
                                                     "earlier CSV or XLSX report; list claims that disappeared")
    p.add_argument("--fail-on", dest="fail_on", action="append", type=_verdicts, metavar="VERDICTS",
                   help="exit 1 when a claim has one of these verdicts: partial, contradicted, "
                        "not_found, unverifiable (comma-separated or repeated)")


def _verdicts(text: str) -> list[str]:
    from ..model import Verdict

    # Failing a run for a supported claim would mean nothing.
    choices = [v.value for v in Verdict if v is not Verdict.SUPPORTED]
    names = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [n for n in names if n not in choices]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown verdict {', '.join(unknown) or repr(text)} "
                                         f"(choose from {', '.join(choices)})")
    return names


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be > 0: {text!r}")
    return value


def _number(kind: type, minimum: float, inclusive: bool = True):
    """An argparse type: `kind` (int or float) no smaller than `minimum`."""
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {'an integer' if kind is int else 'a number'}: {text!r}") from None
        if value < minimum or (value == minimum and not inclusive):
            raise argparse.ArgumentTypeError(f"must be {'>=' if inclusive else '>'} {minimum:g}: {text!r}")
        return value
    return parse


def _add_scale_options(p: argparse.ArgumentParser, cluster: bool = False) -> None:
    p.add_argument("--jobs", "-j", type=_number(int, 1), metavar="N",
                   help="match on N processes (default: the number of cores); fetching stays in this one")
    if cluster:
        p.add_argument("--dask", metavar="ADDRESS",
                       help="verify on the workers of this Dask scheduler; they read the HTTP cache "
                            "(see 'claimcheck fetch') or the cassette, never the network")


def _add_fetch_options(p: argparse.ArgumentParser, values: Mapping[str, Any], warming: bool = False) -> None:
    """The fetch options; `warming` (the fetch command) leaves out those that would keep the
    cache from being filled: a cassette, --offline, --no-cache."""
    if not warming:
        p.add_argument("--cassette", metavar="FILE",
                       help="replay this vcrpy cassette instead of the network (URLs not in it: not_in_cassette)")
    p.add_argument("--timeout", type=_positive, metavar="SECONDS", default=values["timeout"],
                   help="per-request read timeout; a whole page takes at most 3x this")
    p.add_argument("--allow-private", action="store_true",
                   help="allow sources on loopback/private addresses (testing only)")
    # Fetching politely (docs/fetching.md); defaults live in verify/fetch/config.py.
    p.add_argument("--per-host", type=_number(int, 1), metavar="N", default=values["per_host"],
                   help="at most N requests at once to one host")
    p.add_argument("--delay", type=_number(float, 0), metavar="SECONDS", default=values["delay"],
                   help="pause between two requests to the same host")
    p.add_argument("--retries", type=_number(int, 0), metavar="N", default=values["retries"],
                   help="retries after a connection error, 5xx or 429, with backoff")
    p.add_argument("--user-agent", dest="user_agent", metavar="TEXT", default=values.get("user_agent"),
                   help="the User-Agent to send (default: claimcheck's, with `contact` from claimcheck.toml)")
    p.add_argument("--deadline", type=_number(float, 0, inclusive=False), metavar="SECONDS",
                   help="stop all fetching after this long: pages not started and requests still "
                        "running get status deadline")
    cache = p.add_mutually_exclusive_group()
    cache.add_argument("--cache", metavar="PATH", default=values["cache"], help="HTTP cache file")
    freshness = p.add_mutually_exclusive_group()
    freshness.add_argument("--refresh", action="store_true", help="fetch again and update the cache")
    if not warming:
        cache.add_argument("--no-cache", action="store_true", help="neither read nor write the HTTP cache")
        freshness.add_argument("--offline", action="store_true",
                               help="use only the cache; pages not in it get status not_cached")
    p.add_argument("--no-archive", action="store_true",
                   help="do not read web-archive snapshots of dead or blocked sources")
    p.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt")

"""The options of every command (argparse). Parsing imports nothing heavy, so `--help` is instant.

Every option here is documented in docs/usage.md (tests/test_docs.py checks it).
"""
from __future__ import annotations

import argparse


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not argparse's usage dump
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="claimcheck", description=(
        "Check that the claims of Japanese summary articles say what their cited sources say."))
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    verify = sub.add_parser("verify", help="verify articles' claims against their cited sources",
                            description="Verify every claim of each ARTICLE against the page it cites.")
    _add_input_options(verify)
    _add_fetch_options(verify)
    _add_report_options(verify)

    demo = sub.add_parser("demo", help="verify the bundled example article offline",
                          description="Verify the bundled example article against the bundled cassette.")
    demo.add_argument("--from", dest="from_", action="append", metavar="FILE",
                      help="also verify the inputs listed in FILE (replayed from the bundled cassette)")
    _add_report_options(demo)

    extract = sub.add_parser("extract", help="show the blocks and claims parsed from an article",
                             description="Parse ARTICLE and print its blocks and claims (no fetching).")
    _add_input_options(extract)
    extract.add_argument("--json", action="store_true", help="print JSON instead of a table")

    record = sub.add_parser("record", help="fetch the cited pages live and save them as a cassette",
                            description="Fetch every source cited by ARTICLE and write a vcrpy cassette.")
    record.add_argument("articles", nargs="+", metavar="ARTICLE")
    record.add_argument("--cassette", metavar="FILE", required=True, help="cassette file to write")
    record.add_argument("--timeout", type=_positive, metavar="SECONDS", help="per-request read timeout")
    record.add_argument("--allow-private", action="store_true", help=argparse.SUPPRESS)
    return parser


def _add_input_options(p: argparse.ArgumentParser) -> None:
    # ARTICLE is optional for argparse so that --from alone is enough; commands.py insists on one.
    p.add_argument("articles", nargs="*", metavar="ARTICLE",
                   help="article file (.txt or saved .html), directory (searched recursively for "
                        "*.txt, *.html, *.htm), URL, or - for stdin")
    p.add_argument("--from", dest="from_", action="append", metavar="FILE",
                   help="read more inputs from FILE, one per line (# comments); - for stdin; repeatable")


def _add_report_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--csv", metavar="FILE", help="write the CSV report (UTF-8 with BOM)")
    p.add_argument("--json", metavar="FILE", help="write the JSON report")
    p.add_argument("--nl", action="store_true", help="with --json: one JSON object per line")
    p.add_argument("--html", metavar="FILE", help="write the HTML report (one self-contained page)")
    p.add_argument("--xlsx", metavar="FILE", help="write the XLSX report")
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


def _add_fetch_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cassette", metavar="FILE",
                   help="replay this vcrpy cassette instead of the network (URLs not in it: not_in_cassette)")
    p.add_argument("--timeout", type=_positive, metavar="SECONDS",
                   help="per-request read timeout; a whole page takes at most 3x this")
    p.add_argument("--allow-private", action="store_true",
                   help="allow sources on loopback/private addresses (testing only)")
    # Fetching politely (docs/fetching.md); defaults live in verify/fetch/config.py.
    p.add_argument("--per-host", type=_number(int, 1), metavar="N",
                   help="at most N requests at once to one host (default 2)")
    p.add_argument("--delay", type=_number(float, 0), metavar="SECONDS",
                   help="pause between two requests to the same host (default 1)")
    p.add_argument("--retries", type=_number(int, 0), metavar="N",
                   help="retries after a connection error, 5xx or 429, with backoff (default 2)")
    p.add_argument("--deadline", type=_number(float, 0, inclusive=False), metavar="SECONDS",
                   help="stop all fetching after this long: pages not started and requests still "
                        "running get status deadline")
    cache = p.add_mutually_exclusive_group()
    cache.add_argument("--cache", metavar="PATH", help="HTTP cache file (default: in the user cache directory)")
    cache.add_argument("--no-cache", action="store_true", help="neither read nor write the HTTP cache")
    freshness = p.add_mutually_exclusive_group()
    freshness.add_argument("--refresh", action="store_true", help="fetch again and update the cache")
    freshness.add_argument("--offline", action="store_true",
                           help="use only the cache; pages not in it get status not_cached")
    p.add_argument("--no-archive", action="store_true",
                   help="do not read web-archive snapshots of dead or blocked sources")
    p.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt")

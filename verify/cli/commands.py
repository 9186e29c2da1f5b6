"""What each CLI command does, once its options are parsed."""
from __future__ import annotations

import argparse
import dataclasses
import json
from importlib import resources
from pathlib import Path

from claims import ArticleError

from ..fetch import CassetteError, Fetcher, HostRule, Settings, default_user_agent, recording
from ..model import ClaimResult, without_credentials
from ..parallel import ClusterError
from ..sources import ExtractorUnavailable, SourceLoader, check_extractors
from .environment import Environment, ExitStatus
from .fetchlog import FetchLog
from .inputs import Batch, InputCrash, expand_inputs, load_articles
from .output import announce, check_destinations, open_reports, show_stream, terminal
from .parser import UsageError
from .run import NO_URL_NOTE, run_batch, warm_cache, warn_unread_citations  # noqa: F401 - NO_URL_NOTE: tests

DEMO_ARTICLE = "000_8a0206ff2ce473fd.txt"


def _settings(args: argparse.Namespace) -> Settings:
    changes = _configured(args)
    if getattr(args, "timeout", None):
        changes["read_timeout"] = args.timeout
        changes["connect_timeout"] = min(args.timeout, Settings.connect_timeout)
        # The wall-clock bound on a page, documented as 3x --timeout (docs/fetching.md).
        changes["page_timeout"] = args.timeout * 3
    if getattr(args, "allow_private", False):
        changes["allow_private"] = True
    # Fetching politely (issue #6): each option maps onto one Settings field.
    for option, name in (("per_host", "per_host"), ("delay", "delay"), ("retries", "retries"),
                         ("deadline", "deadline"), ("cache", "cache_path")):
        if getattr(args, option, None) is not None:
            changes[name] = Path(args.cache).expanduser() if option == "cache" else getattr(args, option)
    for flag, name, value in (("no_cache", "cache_path", None), ("refresh", "refresh", True),
                              ("offline", "offline", True), ("no_archive", "archive", False),
                              ("ignore_robots", "robots", False)):
        if getattr(args, flag, False):
            changes[name] = value
    return dataclasses.replace(Settings(), **changes) if changes else Settings()


def _configured(args: argparse.Namespace) -> dict:
    """Settings fields from claimcheck.toml and CLAIMCHECK_* that are no option: the
    User-Agent's contact, and each host's politeness and headers (a subscriber's cookie)."""
    config = getattr(args, "config", None)
    changes: dict = {}
    user_agent = getattr(args, "user_agent", None)
    contact = config.values.get("contact", "") if config else ""
    if user_agent or contact:
        changes["user_agent"] = user_agent or default_user_agent(contact)
    if config and config.hosts:
        changes["hosts"] = {host: _host_rule(table) for host, table in config.hosts.items()}
    return changes


def _host_rule(table: dict) -> HostRule:
    headers = dict(table.get("headers", {}))
    if table.get("cookies"):
        cookies = "; ".join(f"{name}={value}" for name, value in table["cookies"].items())
        headers["Cookie"] = f"{headers['Cookie']}; {cookies}" if headers.get("Cookie") else cookies
    return HostRule(delay=table.get("delay"), per_host=table.get("per_host"), headers=tuple(headers.items()))


def secret_headers(args: argparse.Namespace) -> tuple[str, ...]:
    """The names of every configured per-host header: a recording must not keep their values."""
    config = getattr(args, "config", None)
    names = {name for table in (config.hosts.values() if config else ()) for name in table.get("headers", {})}
    if config and any(table.get("cookies") for table in config.hosts.values()):
        names.add("Cookie")
    return tuple(sorted(names))


def _inputs(args: argparse.Namespace, env: Environment) -> Batch:
    """ARTICLE arguments and --from lists, directories expanded (see inputs.py)."""
    names, lists = list(getattr(args, "articles", None) or []), list(getattr(args, "from_", None) or [])
    if not names and not lists:
        raise UsageError("the following arguments are required: ARTICLE (or --from FILE)")
    return expand_inputs(names, lists, env.stdin)


def _installed(env: Environment) -> bool:
    """False, after one line on stderr, when an extractor cannot work: say so before any work."""
    try:
        check_extractors()
    except ExtractorUnavailable as error:
        env.error(str(error))
        return False
    return True


def cmd_verify(args: argparse.Namespace, env: Environment) -> int:
    from ..report import (CarryOver, RoundTripError, Summary, UnwritableReport, describe, printable, progress,
                          read_previous)

    if not _installed(env):
        return ExitStatus.BROKEN_INSTALL
    verbosity = 0 if env.quiet else getattr(args, "verbose", 0)
    log = FetchLog(env.stderr if verbosity else None, verbosity)
    try:
        # Before the run: a report path or --previous file that is wrong must not cost a batch.
        check_destinations(args)
        batch = _inputs(args, env)
        previous = read_previous(args.previous) if getattr(args, "previous", None) else None
        carry = CarryOver(previous) if previous is not None else None
        # A progress bar and a -v log would draw over each other: the log wins.
        terminal = env.stderr if env.stderr_isatty and not env.quiet and not verbosity else None
        # Every report is opened now (a wrong path costs nothing) and written as results arrive.
        with open_reports(args, env) as reports:
            def take(results: list[ClaimResult]) -> None:
                reports.add([carry(r) for r in results] if carry else results)

            with progress(len(batch), terminal, env.no_color) as on_next:
                batch.on_next = on_next
                try:
                    failed = run_batch(batch, args, env, _settings(args), take, log)
                finally:
                    batch.on_next = None
            log.print_tally()
            if log.no_network():
                env.warn(f"no source could be fetched: no host name resolved ({log.pages} page{'s' * (log.pages != 1)}). "
                         "No network? Use --cassette FILE to replay recorded pages, or --offline to read the HTTP cache")
            disappeared = carry.disappeared() if carry else []
            for row in disappeared:
                if not env.quiet:
                    print(f"claimcheck: {printable(describe(row))}", file=env.stderr)
            summary = Summary.of_tally(reports.tally, batch.loaded, batch.failed, disappeared)
            unwritten = reports.finish(summary)  # the files first: they must not depend on the terminal
            show_stream(reports, summary, args, env)
            announce(reports, summary, args, env)
    except (CassetteError, ArticleError, RoundTripError, UnwritableReport, ClusterError) as error:
        env.error(str(error))
        return ExitStatus.ERROR
    for line in unwritten:
        env.error(line)
    return _status(reports, batch, failed, args, env)


def _status(reports, batch: Batch, failed: int, args: argparse.Namespace, env: Environment) -> ExitStatus:
    """The run's exit status: 2 (an input or a report failed), else 3 (claimcheck failed on a
    claim, an input or a report), else 1 (--fail-on), else 0. docs/usage.md lists them."""
    crashed = sum(isinstance(e, InputCrash) for e in batch.failed)
    if failed > crashed or reports.unwritable:
        return ExitStatus.ERROR
    errors = reports.tally.internal_errors
    if errors or crashed or reports.crashed:
        what = ", ".join(f"{n} {name}{'s' * (n != 1)}" for n, name in ((errors, "claim"), (crashed, "input")) if n)
        env.error(f"internal error on {what or 'a report'}; exit {int(ExitStatus.INTERNAL_ERROR)}")
        return ExitStatus.INTERNAL_ERROR
    return _fail_on(reports.tally, args, env)


def cmd_fetch(args: argparse.Namespace, env: Environment) -> int:
    """Warm the HTTP cache: every cited page fetched politely, no matching."""
    settings = _settings(args)
    verbosity = 0 if env.quiet else getattr(args, "verbose", 0)
    log = FetchLog(env.stderr if verbosity else None, verbosity)
    failed, statuses = warm_cache(_inputs(args, env), env, settings, log)
    log.print_tally()
    if not env.quiet:
        total = sum(statuses.values())
        counts = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items(), key=lambda kv: -kv[1]))
        print(f"fetched {total} source{'s' * (total != 1)} into {settings.cache_path}"
              f"{f' ({counts})' if counts else ''}", file=env.stdout)
    return ExitStatus.ERROR if failed else ExitStatus.OK


def _fail_on(tally, args: argparse.Namespace, env: Environment) -> int:
    """--fail-on: exit 1 when a claim has a named verdict, as an editor judged it where one did
    (--previous): a claim an editor marked supported stops failing the run."""
    fail_on = frozenset(v for values in getattr(args, "fail_on", None) or () for v in values)
    hits = tally.flagged(fail_on)
    if not hits:
        return ExitStatus.OK
    n = sum(hits.values())
    print(f"claimcheck: --fail-on: {n} claim{'s' * (n != 1)} {', '.join(hits)}; exit 1", file=env.stderr)
    return ExitStatus.FLAGGED


def demo_paths() -> tuple[Path, Path]:
    """The bundled example article and the cassette of the pages it cites."""
    article = resources.files("claims") / "examples" / DEMO_ARTICLE
    cassette = resources.files("cassettes") / "demo.yaml"
    return Path(str(article)), Path(str(cassette))


def cmd_demo(args: argparse.Namespace, env: Environment) -> int:
    if not _installed(env):
        return ExitStatus.BROKEN_INSTALL
    article, cassette = demo_paths()
    out, _ = terminal(args, env)
    if out is not None:
        print(f"claimcheck demo: {article.name} against {cassette.name} (offline replay)\n", file=out)
    args.cassette, args.articles = str(cassette), [str(article)]
    return cmd_verify(args, env)


def cmd_extract(args: argparse.Namespace, env: Environment) -> int:
    failed, crashed, articles = 0, 0, []
    with Fetcher(Settings()) as fetcher:
        for item in load_articles(_inputs(args, env), fetcher, env.stdin):
            if isinstance(item, ArticleError):
                env.error(str(item))
                failed += 1
                crashed += isinstance(item, InputCrash)
            else:
                warn_unread_citations(item, env)
                articles.append(item)
    if args.json:
        json.dump([_article_json(a) for a in articles], env.stdout, ensure_ascii=False, indent=2)
        env.stdout.write("\n")
    else:
        for a in articles:
            _print_article(a, env)
    if failed > crashed:
        return ExitStatus.ERROR
    return ExitStatus.INTERNAL_ERROR if crashed else ExitStatus.OK


def _article_json(article) -> dict:
    return {
        "article": article.name, "title": article.title,
        "blocks": [{"id": b.id, "heading": b.heading, "published": b.published,
                    "source_url": without_credentials(b.source_url), "outlet": b.outlet,
                    "claims": [{"id": c.id, "key": c.key, "line": c.line, "text": c.text} for c in b.claims]}
                   for b in article.blocks],
        "points": [{"id": p.id, "key": p.key, "line": p.line, "text": p.text} for p in article.points],
    }


def _print_article(article, env: Environment) -> None:
    from ..report import printable as shown  # article text, never terminal control

    out = env.stdout
    print(f"{shown(article.name)}: {shown(article.title)}", file=out)
    for b in article.blocks:
        print(f"\n[{b.id}] {shown(b.heading)}  公開日 {b.published or '-'}", file=out)
        print(f"    source: {shown(without_credentials(b.source_url) or '(none)')}  outlet: {shown(b.outlet or '-')}",
              file=out)
        for c in b.claims:
            print(f"    {c.id:<6} {shown(c.text)}", file=out)
    if article.points:
        print("\n[points]", file=out)
        for p in article.points:
            print(f"    {p.id:<6} {shown(p.text)}", file=out)
    print(file=out)


def cmd_record(args: argparse.Namespace, env: Environment) -> int:
    if not _installed(env):  # the statuses it prints come from extracting each page
        return ExitStatus.BROKEN_INSTALL
    failed, statuses = 0, {}
    try:
        verbosity = 0 if env.quiet else getattr(args, "verbose", 0)
        log = FetchLog(env.stderr if verbosity else None, verbosity)
        with recording(args.cassette, secret_headers(args)), Fetcher(_settings(args), observer=log) as fetcher:
            loader = SourceLoader(fetcher)
            for item in load_articles(expand_inputs(args.articles), fetcher, env.stdin):
                if isinstance(item, ArticleError):
                    env.error(str(item))
                    failed += 1
                    continue
                for block in item.blocks:
                    if block.source_url:
                        statuses[block.source_url] = loader(block.source_url, block.published).status
    except (CassetteError, OSError) as error:
        env.error(f"{args.cassette}: cannot record ({error})")
        return ExitStatus.ERROR
    log.print_tally()
    if env.quiet:
        return ExitStatus.ERROR if failed else ExitStatus.OK
    from ..report import printable

    for url, status in statuses.items():
        print(f"{status:<16} {printable(without_credentials(url))}", file=env.stdout)
    print(f"recorded {len(statuses)} source(s) into {printable(args.cassette)}", file=env.stdout)
    return ExitStatus.ERROR if failed else ExitStatus.OK

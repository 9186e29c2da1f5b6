"""-v and -vv: the fetcher reports what it does through an observer (it never prints), the CLI
logs it per URL and tallies it per host; a run with no network says so once."""
import io
from pathlib import Path

from fetch_helpers import PAGE, write_article
from verify.cli import Environment, ExitStatus, main
from verify.fetch import Fetcher, FetchEvent


def run(*argv):
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), stdout_isatty=False,
                      stderr_isatty=False, no_color=True, environ={}, cwd=Path.cwd())
    code = main([str(a) for a in argv], env)
    return code, env.stdout.getvalue(), env.stderr.getvalue()


def test_the_fetcher_tells_its_observer_and_prints_nothing(local_server, fast_settings, tmp_path, capsys):
    import dataclasses

    local_server.route("/a", PAGE)
    local_server.redirect("/old", "/a", status=301)
    events: list[FetchEvent] = []
    settings = dataclasses.replace(fast_settings, cache_path=tmp_path / "c.sqlite")
    with Fetcher(settings, observer=events.append) as fetcher:
        fetcher.fetch(local_server.url("/old"))
        fetcher.fetch(local_server.url("/a"))
    kinds = [(e.kind, e.url.rsplit("/", 1)[-1]) for e in events]
    assert ("redirect", "old") in kinds and ("robots", "a") in kinds and ("cache", "a") in kinds
    assert [e.outcome for e in events if e.kind == "done"] == ["ok", "ok"]
    assert any(e.kind == "request" and e.status == 200 for e in events)
    assert capsys.readouterr() == ("", "")


def test_an_observer_that_fails_never_costs_a_page(local_server, fast_settings):
    local_server.route("/a", PAGE)

    def broken(event):
        raise RuntimeError("log full")

    with Fetcher(fast_settings, observer=broken) as fetcher:
        assert fetcher.fetch(local_server.url("/a")).ok


def test_dash_v_logs_each_url_and_a_tally_per_host(local_server, tmp_path):
    local_server.route("/a", PAGE)
    local_server.route("/robots.txt", "User-agent: *\nDisallow: /private\n", content_type="text/plain")
    local_server.sequence("/busy", {"status": 429, "headers": {"Retry-After": "0"}}, {"body": PAGE})
    article = write_article(tmp_path, local_server.url("/a"), local_server.url("/private/x"), local_server.url("/busy"))
    argv = ("verify", article, "--allow-private", "--no-archive", "--delay", "0", "--no-cache")
    code, stdout, stderr = run(*argv, "-v")
    assert code == ExitStatus.OK, stderr
    assert "robots   " in stderr and "/private/x disallowed by robots.txt" in stderr
    assert "wait     127.0.0.1 asked for 0 s of quiet (Retry-After, HTTP 429)" in stderr
    assert "retry    " in stderr and "fetched  " + local_server.url("/a") + ": ok (HTTP 200)" in stderr
    assert "request  " not in stderr  # -vv only
    tally = stderr.split("fetch tally per host")[1].splitlines()
    assert "requests" in tally[1] and "429s" in tally[1] and "Retry-After pauses" in tally[1]
    row = next(line for line in tally if line.strip().startswith("127.0.0.1")).split()
    assert row[1:] == ["4", "0", "1", "1", "0"]  # robots.txt, /a, /busy twice (not /private); one 429, one pause
    assert "fetched" not in stdout and "verdicts" in stdout
    _, _, louder = run(*argv, "-vv")
    assert "request  " + local_server.url("/a") in louder and "allowed by robots.txt" in louder


def test_no_host_resolved_says_no_network_once(tmp_path):
    article = write_article(tmp_path, "http://claimcheck-a.invalid/x", "http://claimcheck-b.invalid/y")
    code, stdout, stderr = run("verify", article, "--no-cache", "--no-archive", "--retries", "0")
    assert code == ExitStatus.OK
    assert stderr.count("No network?") == 1 and "--cassette" in stderr and "--offline" in stderr
    assert "connection_error" in stdout


def test_a_run_where_something_resolved_says_nothing_of_the_network(tmp_path, closed_port_url):
    article = write_article(tmp_path, "http://claimcheck-a.invalid/x", closed_port_url)
    _, _, stderr = run("verify", article, "--no-cache", "--no-archive", "--retries", "0", "--allow-private")
    assert "No network?" not in stderr

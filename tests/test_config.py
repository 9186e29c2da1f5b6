"""claimcheck.toml and CLAIMCHECK_* variables: found where documented, overridden in order, checked
strictly; a subscriber's per-host headers and cookies reach their host and nothing else."""
import io
import json
import sqlite3
from pathlib import Path

import pytest

from fetch_helpers import PAGE, write_article
from verify.cli import Environment, ExitStatus, main
from verify.cli.configfile import ConfigError, load
from verify.fetch import HostRule, Settings
from verify.fetch.politeness import HostScheduler

SECRET = "member-7f3a9c"


def run(*argv, cwd: Path, environ=None, user_config=None):
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), stdout_isatty=False,
                      stderr_isatty=False, no_color=True, environ=environ or {}, cwd=cwd, user_config=user_config)
    code = main([str(a) for a in argv], env)
    return code, env.stdout.getvalue(), env.stderr.getvalue()


def test_the_current_directory_wins_over_the_user_file_and_variables_over_both(tmp_path):
    user = tmp_path / "user.toml"
    user.write_text('contact = "user@example.jp"\ndelay = 4\nper_host = 3\n', encoding="utf-8")
    (tmp_path / "claimcheck.toml").write_text('delay = 2.5\n[hosts."mainichi.jp"]\ndelay = 5\n', encoding="utf-8")
    config = load({"CLAIMCHECK_PER_HOST": "1"}, tmp_path, user)
    assert config.values == {"contact": "user@example.jp", "delay": 2.5, "per_host": 1}
    assert config.hosts == {"mainichi.jp": {"delay": 5.0}}
    assert config.files == (str(user), str(tmp_path / "claimcheck.toml"))


def test_claimcheck_config_names_the_one_file_to_read(tmp_path):
    (tmp_path / "claimcheck.toml").write_text("delay = 9\n", encoding="utf-8")
    other = tmp_path / "ci.toml"
    other.write_text("delay = 0\n", encoding="utf-8")
    assert load({"CLAIMCHECK_CONFIG": str(other)}, tmp_path, tmp_path / "none.toml").values == {"delay": 0.0}


def test_help_shows_the_configured_defaults(tmp_path):
    (tmp_path / "claimcheck.toml").write_text('delay = 2.5\ncache = "/srv/cc/cache.sqlite"\n', encoding="utf-8")
    code, stdout, _ = run("verify", "--help", cwd=tmp_path, environ={"CLAIMCHECK_TIMEOUT": "12"})
    flat = " ".join(stdout.split())
    assert code == 0 and "(default: 2.5)" in flat and "(default: /srv/cc/cache.sqlite)" in flat
    assert "(default: 12.0)" in flat


@pytest.mark.parametrize("text, message", [
    ("delai = 3\n", "unknown setting 'delai'"),
    ("delay = \"slow\"\n", "delay: expected a number"),
    ('[hosts."mainichi.jp"]\ncookie = { a = "b" }\n', "unknown setting 'cookie'"),
    ('[hosts."mainichi.jp"]\nheaders = { "X-A" = "b\\r\\nHost: evil" }\n', "characters a header cannot carry"),
    ("delay = [\n", "not valid TOML"),
])
def test_a_bad_config_file_is_exit_2_with_one_line_naming_it(tmp_path, text, message):
    (tmp_path / "claimcheck.toml").write_text(text, encoding="utf-8")
    code, _, stderr = run("verify", "a.txt", cwd=tmp_path)
    assert code == ExitStatus.ERROR and message in stderr and "claimcheck.toml" in stderr
    assert len(stderr.strip().splitlines()) == 1


def test_a_bad_variable_is_named(tmp_path):
    code, _, stderr = run("verify", "a.txt", cwd=tmp_path, environ={"CLAIMCHECK_DELAY": "soon"})
    assert code == ExitStatus.ERROR and "CLAIMCHECK_DELAY" in stderr
    with pytest.raises(ConfigError, match="CLAIMCHECK_HOSTS"):
        load({"CLAIMCHECK_HOSTS": "not toml ["}, tmp_path, tmp_path / "none.toml")


def test_host_politeness_of_its_own(tmp_path):
    now, slept = [0.0], []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    scheduler = HostScheduler(per_host=2, delay=1.0, clock=lambda: now[0], sleep=sleep, hosts={"slow.jp": (1, 5.0)})
    for host in ("slow.jp", "slow.jp", "fast.jp", "fast.jp"):
        with scheduler.slot(host):
            pass
    assert slept == [5.0, 1.0]
    assert repr(HostRule(headers=(("Cookie", SECRET),))).count(SECRET) == 0  # a traceback shows no secret


def test_per_host_headers_reach_only_their_host_and_no_file(tmp_path, local_server):
    """The Mainichi member's case: a cookie and a header for one host. A redirect to another host
    (localhost is another name for the same server) does not carry them; robots.txt of the host
    may; no report, cache row or -vv line holds them."""
    port = local_server.httpd.server_address[1]
    local_server.route("/article", PAGE)
    local_server.redirect("/moved", f"http://localhost:{port}/article")
    article = write_article(tmp_path, local_server.url("/article"), local_server.url("/moved"))
    (tmp_path / "claimcheck.toml").write_text(
        f'contact = "desk@example.jp"\n[hosts."127.0.0.1"]\ncookies = {{ session = "{SECRET}" }}\n'
        f'headers = {{ "X-Member" = "{SECRET}" }}\n', encoding="utf-8")
    cache = tmp_path / "cache.sqlite"
    code, stdout, stderr = run("verify", article, "--allow-private", "--no-archive", "--delay", "0", "--cache", cache,
                               "--json", tmp_path / "r.json", "--html", tmp_path / "r.html", "-vv", cwd=tmp_path)
    assert code == ExitStatus.OK, stderr
    by_host = {}
    for seen in local_server.requests:
        by_host.setdefault((seen.headers.get("Host", "").split(":")[0], seen.path), seen.headers)
    member = by_host[("127.0.0.1", "/article")]
    assert member["Cookie"] == f"session={SECRET}" and member["X-Member"] == SECRET
    assert "contact: desk@example.jp" in member["User-Agent"]
    followed = by_host[("localhost", "/article")]
    assert "Cookie" not in followed and "X-Member" not in followed
    assert "redirect" in stderr and "localhost" in stderr
    files = [tmp_path / "r.json", tmp_path / "r.html"]
    assert all(SECRET not in f.read_text(encoding="utf-8") for f in files) and SECRET not in stdout + stderr
    with sqlite3.connect(cache) as db:
        assert SECRET not in json.dumps(db.execute("SELECT url, headers FROM claimcheck_pages_v1").fetchall())
    assert SECRET.encode() not in cache.read_bytes()


def test_settings_carry_host_rules_from_the_config(tmp_path):
    from verify.cli.commands import _settings
    from verify.cli.parser import build_parser

    (tmp_path / "claimcheck.toml").write_text('[hosts."Mainichi.JP"]\ndelay = 3\nper_host = 1\n'
                                              'cookies = { a = "1", b = "2" }\n', encoding="utf-8")
    config = load({}, tmp_path, tmp_path / "none.toml")
    args = build_parser(config.values).parse_args(["verify", "a.txt"])
    args.config = config
    s = _settings(args)
    assert s.rule("mainichi.jp") == HostRule(delay=3.0, per_host=1, headers=(("Cookie", "a=1; b=2"),))
    assert s.rule("www.mainichi.jp") is None and Settings().rule("mainichi.jp") is None

"""Replaying and recording vcrpy cassettes: offline, cookie-free, no mojibake."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from fetch_helpers import run_cli_out
from verify.fetch import CassetteError, Fetcher, cassette, recording, replaying  # cassette: for is_active()

# A copy of shared/devset/cassette.yaml, so the tests do not depend on files outside the repo.
DEVSET = Path(__file__).parent / "fixtures" / "cassettes" / "devset.yaml"
SEED = Path(__file__).parent / "fixtures" / "articles" / "000_8a0206ff2ce473fd.txt"
MAINICHI = "https://mainichi.jp/articles/20241205/k00/00m/030/043000c"
REUTERS = "https://jp.reuters.com/world/europe/UEFNC4ERRFOTLOKZXDUN4LQ3BY-2025-01-17/"
JA = "ロシアとイランが20年間の戦略条約に署名"
SJIS_PAGE = '<html><head><meta charset="Shift_JIS"><title>条約</title></head><body>①条約が発効</body></html>'


def test_devset_replays_both_pages_ok(fast_settings):
    with replaying(DEVSET), Fetcher(fast_settings) as fetcher:
        pages = fetcher.fetch_many([MAINICHI, REUTERS])
    assert [p.status for p in pages.values()] == ["ok", "ok"]
    assert "包括的戦略パートナーシップ条約" in pages[MAINICHI].text
    assert pages[MAINICHI].encoding == "utf-8 (header)"


def test_devset_reuters_without_charset_is_not_mojibake(fast_settings):
    with replaying(DEVSET), Fetcher(fast_settings) as fetcher:
        page = fetcher.fetch(REUTERS)
    assert page.ok and page.content_type == "text/html"
    assert JA in page.text
    assert "ã" not in page.text  # the ISO-8859-1 mojibake requests would produce


def test_same_url_replays_more_than_once(fast_settings):
    with replaying(DEVSET), Fetcher(fast_settings) as fetcher:
        assert fetcher.fetch(MAINICHI).ok and fetcher.fetch(MAINICHI).ok


def test_url_missing_from_cassette_is_not_in_cassette(fast_settings):
    with replaying(DEVSET), Fetcher(fast_settings) as fetcher:
        page = fetcher.fetch("https://mainichi.jp/articles/20990101/k00/00m/000/000000c")
    assert page.status == "not_in_cassette"
    assert page.reason.startswith("not_in_cassette: ")


def test_replay_never_reaches_the_network_even_for_a_live_server(local_server, fast_settings):
    url = local_server.route("/live", "<html>live</html>")
    with replaying(DEVSET), Fetcher(fast_settings) as fetcher:
        assert fetcher.fetch(url).status == "not_in_cassette"
    assert local_server.hits("/live") == 0


def test_missing_cassette_file_is_a_clear_error(tmp_path):
    missing = tmp_path / "nope.yaml"
    with pytest.raises(CassetteError, match="nope.yaml: cassette file not found"):
        with replaying(missing):
            pass


@pytest.mark.parametrize("content", ["just: [a, list", "- 1\n- 2\n", "interactions: 5\n", "\n"])
def test_invalid_cassette_is_a_clear_one_line_error(tmp_path, content):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(CassetteError) as info:
        with replaying(bad):
            pass
    message = str(info.value)
    assert str(bad) in message and "\n" not in message
    assert isinstance(info.value, ValueError)


def test_cassette_flag_is_set_only_inside_the_block():
    assert not cassette.is_active()
    with replaying(DEVSET):
        assert cassette.is_active()
    assert not cassette.is_active()


def _pages(interactions: list[dict]) -> list[dict]:
    """The recorded interactions minus robots.txt (recorded too, so a replay obeys it the same way)."""
    return [i for i in interactions if not i["request"]["uri"].endswith("/robots.txt")]


def _serve_sample(local_server) -> dict[str, str]:
    return {
        "gzip": local_server.route("/gz", "<html><body>" + JA * 20 + "</body></html>", gzip=True,
                                   headers=[("Set-Cookie", "datadome=secret1; Path=/"),
                                            ("Set-Cookie", "session=secret2")]),
        "sjis": local_server.route("/sjis", SJIS_PAGE.encode("cp932"), content_type="text/html"),
        "redirect": local_server.redirect("/old", "/gz"),
        "missing": local_server.route("/gone", "<html>gone</html>", status=404),
    }


def test_record_then_replay_offline_gives_the_same_pages(local_server, fast_settings, tmp_path):
    urls = _serve_sample(local_server)
    path = tmp_path / "cassettes" / "run.yaml"
    with recording(path), Fetcher(fast_settings) as fetcher:
        live = fetcher.fetch_many(urls.values())
    assert [p.status for p in live.values()] == ["ok", "ok", "ok", "http_404"]

    local_server.routes.clear()  # the server now answers 404 to everything
    with replaying(path), Fetcher(fast_settings) as fetcher:
        replayed = fetcher.fetch_many(urls.values())
    for url, page in live.items():
        again = replayed[url]
        assert (again.status, again.text, again.redirects, again.final_url) == (
            page.status, page.text, page.redirects, page.final_url)
    assert "①条約が発効" in replayed[urls["sjis"]].text
    assert replayed[urls["redirect"]].redirects == (urls["redirect"],)


def test_recorded_cassette_has_no_cookies_and_decoded_gzip(local_server, fast_settings, tmp_path):
    urls = _serve_sample(local_server)
    path = tmp_path / "run.yaml"
    with recording(path), Fetcher(fast_settings) as fetcher:
        fetcher.fetch(urls["gzip"])
    raw = path.read_text(encoding="utf-8")
    assert "secret1" not in raw and "secret2" not in raw
    assert "set-cookie" not in raw.lower()
    (interaction,) = _pages(yaml.safe_load(raw)["interactions"])
    headers = {k.lower() for k in interaction["response"]["headers"]}
    assert "content-encoding" not in headers
    assert JA in interaction["response"]["body"]["string"]


def test_recording_filters_credentials_from_requests(local_server, fast_settings, tmp_path):
    url = local_server.route("/auth", "<html>x</html>")
    path = tmp_path / "run.yaml"
    with recording(path), Fetcher(fast_settings) as fetcher:
        fetcher.session.headers.update({"Authorization": "Bearer token-xyz", "Cookie": "a=cookie-xyz"})
        assert fetcher.fetch(url).ok
    raw = path.read_text(encoding="utf-8")
    assert "token-xyz" not in raw and "cookie-xyz" not in raw


def test_recording_replaces_an_old_cassette_instead_of_appending(local_server, fast_settings, tmp_path):
    path = tmp_path / "run.yaml"
    shutil.copy(DEVSET, path)
    url = local_server.route("/new", "<html>new</html>")
    with recording(path), Fetcher(fast_settings) as fetcher:
        fetcher.fetch(url)
    uris = [i["request"]["uri"] for i in _pages(yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"])]
    assert uris == [url]


def test_interrupted_recording_keeps_the_old_cassette(local_server, fast_settings, tmp_path):
    path = tmp_path / "run.yaml"
    shutil.copy(DEVSET, path)
    url = local_server.route("/new", "<html>new</html>")
    with pytest.raises(KeyboardInterrupt):
        with recording(path), Fetcher(fast_settings) as fetcher:
            fetcher.fetch(url)
            raise KeyboardInterrupt
    assert path.read_bytes() == DEVSET.read_bytes()
    assert list(tmp_path.iterdir()) == [path]


def test_recording_nothing_writes_an_empty_valid_cassette(tmp_path, fast_settings):
    path = tmp_path / "empty.yaml"
    with recording(path):
        pass
    with replaying(path), Fetcher(fast_settings) as fetcher:
        assert fetcher.fetch("https://example.org/").status == "not_in_cassette"


def _interaction(method: str, uri: str, body: str) -> dict:
    return {"request": {"body": None, "headers": {}, "method": method, "uri": uri},
            "response": {"body": {"string": body}, "headers": {"Content-Type": ["text/html"]},
                         "status": {"code": 200, "message": "OK"}}}


def test_replay_lookup_answers_as_vcrpys_own_scan(tmp_path):
    # The index (method, host, path) must find exactly what vcrpy's matchers find, in the same
    # order: a bare host and its "/" are one URL to vcrpy, a query or a method is not, and a
    # URL recorded twice plays its first recording.
    recorded = [("GET", "https://news.example/"), ("GET", "https://news.example/a/1"),
                ("GET", "https://news.example/a/1"), ("GET", "https://news.example/a/1?page=2"),
                ("HEAD", "https://news.example/a/1"), ("GET", "https://NEWS.example/a/2/"),
                ("GET", "http://news.example/a/1"), ("GET", "https://other.example/a/1"), ("GET", "https://news.example")]
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump({"interactions": [_interaction(m, u, f"<p>{i}</p>")
                                                     for i, (m, u) in enumerate(recorded)], "version": 1}),
                    encoding="utf-8")
    asked = [*recorded, ("GET", "https://news.example"), ("GET", "https://news.example/a/2"),
             ("GET", "https://news.example/a/1/"), ("GET", "https://news.example/a/3"), ("POST", "https://news.example/")]
    from vcr.cassette import Cassette
    from vcr.request import Request

    with replaying(path) as played:
        for method, uri in asked:
            request = Request(method, uri, None, {})
            assert list(played._responses(request)) == list(Cassette._responses(played, request)), (method, uri)


def test_replay_compares_a_request_with_its_own_recordings_only(tmp_path, fast_settings, monkeypatch):
    # vcrpy alone compares every request with every recording (twice): replay time grew with the
    # cassette. With the index, each fetch is compared with the few recordings of its own URL.
    import vcr.cassette
    from vcr import matchers

    pages = [_interaction("GET", f"https://news.example/a/{i}", "<p>本文</p>") for i in range(300)]
    robots = _interaction("GET", "https://news.example/robots.txt", "")
    path = tmp_path / "big.yaml"
    path.write_text(yaml.safe_dump({"interactions": [robots, *pages], "version": 1}), encoding="utf-8")
    compared = []
    real = matchers.requests_match
    for module in (matchers, vcr.cassette):  # vcrpy's scan calls its own imported name
        monkeypatch.setattr(module, "requests_match", lambda *a, **k: compared.append(1) or real(*a, **k))
    with replaying(path), Fetcher(fast_settings) as fetcher:
        statuses = {fetcher.fetch(f"https://news.example/a/{i}").status for i in range(0, 300, 30)}
    assert statuses == {"ok"} and len(compared) <= 4 * 11


def _cassette_with(**response) -> dict:
    good = _interaction("GET", MAINICHI, "<html><body><p>本文</p></body></html>")
    good["response"].update(response)
    return {"interactions": [good], "version": 1}


@pytest.mark.parametrize("data, problem", [
    (_cassette_with(status={"code": "banana", "message": "OK"}), "interaction 1: response status code 'banana' is not an HTTP status"),
    (_cassette_with(status="banana"), "interaction 1: response status is str 'banana', not a mapping of code and message"),
    (_cassette_with(headers=5), "interaction 1: response headers are int 5, not a mapping"),
    (_cassette_with(headers={"Content-Type": 5}), "interaction 1: response header 'Content-Type' is int 5, not text"),
    (_cassette_with(body={"string": 12345}), "interaction 1: response body is int 12345, not text or bytes under 'string'"),
    (_cassette_with(body=["<p>"]), "interaction 1: response body is list ['<p>'], not text or bytes under 'string'"),
    ({"interactions": ["hello"], "version": 1}, "interaction 1 is str 'hello', not a mapping of request and response"),
    ({"hello": "world"}, "the file holds dict {'hello': 'world'}, not a mapping with a list of 'interactions'"),
    (["a", "list"], "the file holds list ['a', 'list'], not a mapping with a list of 'interactions'"),
    ({"interactions": [], "version": 2}, "version 2: only version 1 cassettes can be read"),
])
def test_cli_exits_2_with_one_line_naming_a_bad_cassette(tmp_path, data, problem):
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, stdout, stderr = run_cli_out("verify", SEED, "--cassette", bad, "--csv", tmp_path / "o.csv")
    assert code == 2 and stdout == ""
    assert stderr == f"claimcheck: error: {bad}: not a valid cassette ({problem})\n"
    assert not (tmp_path / "o.csv").exists()


def test_a_cassette_with_a_python_tag_runs_nothing(tmp_path):
    marker = tmp_path / "ran"
    bad = tmp_path / "evil.yaml"
    bad.write_text(f"!!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    code, _, stderr = run_cli_out("verify", SEED, "--cassette", bad)
    assert code == 2 and not marker.exists()
    assert stderr.startswith(f"claimcheck: error: {bad}: not a valid cassette (") and stderr.count("\n") == 1

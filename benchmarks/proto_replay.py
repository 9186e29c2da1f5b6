"""Prototype: cassette replay that finds a recording by dictionary lookup instead of a scan.

vcrpy's `Cassette._responses` compares the request with every recorded interaction, and does
it twice per request (`can_play_response_for` then `play_response`), each comparison running
the matchers and formatting a debug message for every mismatch. Replay cost grows with the
cassette: measured ~10 µs per interaction per request, so ~5 ms a page at 500 pages and ~30 ms
at 3,000. With `match_on=("method", "uri")`, as verify.fetch.cassette replays, the candidates can be
looked up in an index keyed on (method, uri) and only those confirmed with the real matchers:
same answers, constant time. The change proposed for verify/cassette.py is exactly this
(a Cassette subclass, or this patch applied in `replaying`).
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator


@contextlib.contextmanager
def indexed_replay() -> Iterator[None]:
    from vcr import matchers
    from vcr.cassette import Cassette

    original = Cassette._responses
    keyed = {matchers.method, matchers.uri}

    def _responses(self, request):
        if set(self._match_on) != keyed:
            yield from original(self, request)
            return
        index = self.__dict__.get("_bench_index")
        if index is None or index[0] != len(self.data):
            table: dict[tuple[str, str], list[int]] = {}
            for i, (stored, _) in enumerate(self.data):
                table.setdefault((stored.method, stored.uri), []).append(i)
            index = self._bench_index = (len(self.data), table)
        request = self._before_record_request(request)
        if not request:
            return
        for i in index[1].get((request.method, request.uri), ()):
            stored, response = self.data[i]
            if matchers.requests_match(request, stored, self._match_on):
                yield i, response

    Cassette._responses = _responses
    try:
        yield
    finally:
        Cassette._responses = original


def main(argv: list[str] | None = None) -> int:
    """ms per replayed fetch at 100, 1,000 and 3,000 recorded pages, vcrpy as is vs indexed."""
    import tempfile
    import time
    from pathlib import Path

    import yaml

    from verify.fetch import Fetcher, replaying

    with tempfile.TemporaryDirectory() as tmp:
        for pages in (100, 1000, 3000):
            path = Path(tmp) / f"{pages}.yaml"
            with open(path, "w", encoding="utf-8") as out:
                out.write("interactions:\n")
                out.writelines(yaml.safe_dump([{
                        "request": {"body": None, "headers": {"Accept": ["*/*"]}, "method": "GET",
                                    "uri": f"https://news.example.com/a/{i}"},
                        "response": {"body": {"string": "<html><body><p>本文</p></body></html>"},
                                     "headers": {"Content-Type": ["text/html; charset=utf-8"]},
                                     "status": {"code": 200, "message": "OK"}}}], allow_unicode=True) for i in range(pages))
                out.write("version: 1\n")
            urls = [f"https://news.example.com/a/{i}" for i in range(0, pages, max(1, pages // 50))]
            for indexed in (False, True):
                with (indexed_replay() if indexed else contextlib.nullcontext()), replaying(path), Fetcher() as f:
                    f.fetch(urls[0])  # robots.txt lookups and first-use costs
                    start = time.perf_counter()
                    statuses = {f.fetch(url).status for url in urls}
                    ms = (time.perf_counter() - start) / len(urls) * 1000
                print(f"{pages:5} pages  {'indexed' if indexed else 'vcrpy  '}  {ms:6.2f} ms per fetch  {statuses}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

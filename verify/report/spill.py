"""The spill file: a run's results on disk, one JSON line each, read back for the reports that
need them all (the HTML page, the workbook, the terminal table) -- so memory does not grow
with the batch.

A spill is a private temporary file of this run, removed when it is closed. Its lines are plain
JSON values, never pickles, and read back into the same `ClaimResult`s that were written
(`tests/test_stream.py` checks every field round-trips).
"""
from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Iterable, Iterator

from ..model import ClaimResult, Fact, Verdict

_FIELDS = tuple(f.name for f in dataclasses.fields(ClaimResult))


def encode(result: ClaimResult) -> str:
    """One result as one line of JSON (no newline: strings escape theirs)."""
    values = []
    for name in _FIELDS:
        value = getattr(result, name)
        if name == "verdict":
            value = value.value
        elif name == "evidence_spans":
            value = [list(span) for span in value]
        elif name == "facts":
            value = [[f.kind, f.text, f.status, f.source, list(f.span) if f.span else None] for f in value]
        values.append(value)
    return json.dumps(values, ensure_ascii=False)


def decode(line: str) -> ClaimResult:
    values = dict(zip(_FIELDS, json.loads(line)))
    values["verdict"] = Verdict(values["verdict"])
    values["evidence_spans"] = tuple(tuple(span) for span in values["evidence_spans"])
    values["facts"] = tuple(Fact(kind, text, status, source, tuple(span) if span else None)
                            for kind, text, status, source, span in values["facts"])
    return ClaimResult(**values)


class Spill:
    """Results appended as they arrive; iterate to read them back in the same order (as often as
    needed), or one article's with `article`. A context manager: the file is gone once closed."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile("w+b", prefix="claimcheck-spill-")
        self.count = 0
        # article -> [(offset, claims)]: where each run of its results starts, in the order seen
        self._segments: dict[str, list[list[int]]] = {}
        self._last = None

    def add(self, results: Iterable[ClaimResult]) -> None:
        for result in results:
            if result.article != self._last or self._last is None:
                self._segments.setdefault(result.article, []).append([self._file.tell(), 0])
                self._last = result.article
            self._segments[result.article][-1][1] += 1
            self._file.write(encode(result).encode("utf-8") + b"\n")
            self.count += 1

    def articles(self) -> list[str]:
        """The articles of the results, each once, in the order first seen."""
        return list(self._segments)

    def __iter__(self) -> Iterator[ClaimResult]:
        self._file.seek(0)
        for line in self._file:
            yield decode(line.decode("utf-8"))
        self._file.seek(0, 2)  # appending again goes at the end

    def article(self, name: str) -> list[ClaimResult]:
        """Every result of the article `name`, in the order they came."""
        rows = []
        for offset, count in self._segments.get(name, ()):
            self._file.seek(offset)
            rows += [decode(self._file.readline().decode("utf-8")) for _ in range(count)]
        self._file.seek(0, 2)
        return rows

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

"""Splitting Japanese text into sentences, with character offsets into the original."""
from __future__ import annotations

_OPEN = "「『（(【［[〈《"
_CLOSE = "」』）)】］]〉》"
_ENDS = "。！？!?"
# A "sentence" longer than this is not one (a page without punctuation, a table flattened into a
# line, hostile input); it is cut into pieces of at most this length, preferably after a 、 or a
# space. Japanese news sentences run to 100-300 characters. Per-sentence analysis (clauses,
# names) grows faster than the sentence, so this bounds the work one sentence can cost.
MAX_SENTENCE_CHARS = 1000
_PIECE_BREAKS = "、，,；; 　"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: ends at 。！？ (or a newline) outside brackets.

    A quote 「…。…」 stays inside its sentence; a bracket left open by bad markup is closed by
    the end of the line, so one stray 「 cannot swallow a whole page. A sentence longer than
    MAX_SENTENCE_CHARS is cut into pieces no longer than that.
    """
    spans: list[tuple[int, int]] = []
    start, depth, i, n = 0, 0, 0, len(text)

    def close(end: int) -> None:
        nonlocal start
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        while e - s > MAX_SENTENCE_CHARS:
            cut = s + MAX_SENTENCE_CHARS
            cut = max(text.rfind(ch, s + MAX_SENTENCE_CHARS // 2, cut) for ch in _PIECE_BREAKS) + 1 or cut
            spans.append((s, cut))
            s = cut
        if e > s:
            spans.append((s, e))
        start = end

    while i < n:
        ch = text[i]
        if ch == "\n":
            depth = 0
            close(i)
            start = i + 1
        elif ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in _ENDS or text.startswith("……", i)):
            end = i + 1
            while end < n and (text[end] in _ENDS or text[end] in "…" or text[end] in _CLOSE):
                end += 1
            close(end)
            i = end
            continue
        i += 1
    close(n)
    return spans

"""The HTML report: one self-contained page an editor opens from disk, with the evidence in view.

Every string from articles and pages is hostile: it goes through html.escape (attribute values
too), and a link is made only from an http(s) URL. The page loads nothing from the network and
its Content-Security-Policy allows only its own inline style and script (by hash), so even a
slip in escaping could not run a script. Without JavaScript everything is shown; the script
only filters by verdict, from buttons or a `?filter=` / `#filter=` parameter (partial,contradicted).
"""
from __future__ import annotations

import base64
import hashlib
from html import escape
from itertools import groupby
from typing import IO, Iterable, Iterator, Sequence
from urllib.parse import quote, urlsplit

from claims import POINTS

from ..model import CONFLICTING, FOUND, MISSING, ClaimResult, Verdict
from ..text import normalize
from .order import articles_of, ordered
from .summary import Summary

_STYLE = """
body{font:15px/1.6 system-ui,"Hiragino Sans","Noto Sans CJK JP",sans-serif;margin:0 auto;max-width:1100px;padding:1em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:2px solid #ddd;margin-top:1.5em}h3{font-size:1em;margin:1em 0 .3em}
table{border-collapse:collapse;margin:.3em 1.5em .8em 0}td,th{border:1px solid #ddd;padding:.15em .6em;text-align:left}
td.n{text-align:right}caption{text-align:left;font-weight:bold}.tables{display:flex;flex-wrap:wrap;align-items:flex-start}
#filters{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ddd;z-index:1}
#filters button{font:inherit;margin:0 .3em .2em 0;padding:.1em .7em;border:1px solid #999;border-radius:1em;background:#f6f6f6;cursor:pointer}
#filters button[aria-pressed=true]{background:#333;color:#fff}
.claim{border:1px solid #ddd;border-left:6px solid #bbb;border-radius:4px;margin:.6em 0;padding:.4em .8em}
.claim p{margin:.25em 0}.claim .text{font-weight:600}
.badge{display:inline-block;border-radius:3px;padding:0 .5em;color:#fff;font-size:.85em;font-weight:bold}
.badge.v-supported{background:#2e7d32}.claim.v-supported{border-left-color:#2e7d32}
.badge.v-partial{background:#b26a00}.claim.v-partial{border-left-color:#b26a00}
.badge.v-contradicted{background:#c62828}.claim.v-contradicted{border-left-color:#c62828}
.badge.v-not_found{background:#6a1b9a}.claim.v-not_found{border-left-color:#6a1b9a}
.badge.v-unverifiable{background:#757575}.claim.v-unverifiable{border-left-color:#757575}
.evidence{white-space:pre-wrap;background:#f7f7f2;border-left:3px solid #ccc;margin:.3em 0;padding:.3em .7em}
mark.found{background:#c8e6c9}mark.missing{background:#fff3b0}mark.conflicting{background:#ffcdd2;color:#b71c1c;font-weight:bold}
.meta,.reason{font-size:.9em;color:#555}.score{font-variant-numeric:tabular-nums;color:#555}code{font-size:.9em}
.editor{background:#e3f2fd;padding:.1em .5em}.failures{color:#b71c1c}[hidden]{display:none!important}
.point{font-size:.9em;color:#555}.closest{font-size:.9em;color:#555}.closest blockquote{margin:.3em 0;padding:.3em .7em;border-left:3px dashed #ccc}
#per-article td.zero{color:#bbb}#per-article a{word-break:break-all}
"""

# Filtering without a server: state lives in the URL, so a filtered view can be bookmarked.
_SCRIPT = """(function () {
  "use strict";
  var known = VERDICTS;
  function wanted() {
    var m = /[#&]filter=([a-z_,]*)/.exec(location.hash) || /[?&]filter=([a-z_,]*)/.exec(location.search);
    return m ? m[1].split(",").filter(function (v) { return known.indexOf(v) >= 0; }) : [];
  }
  function apply() {
    var active = wanted();
    document.querySelectorAll(".claim").forEach(function (c) {
      c.hidden = active.length > 0 && active.indexOf(c.getAttribute("data-verdict")) < 0;
    });
    document.querySelectorAll(".block, .article").forEach(function (s) {
      s.hidden = !s.querySelector(".claim:not([hidden])");
    });
    document.querySelectorAll("#filters button").forEach(function (b) {
      var f = b.getAttribute("data-filter");
      b.setAttribute("aria-pressed", String(f ? active.indexOf(f) >= 0 : active.length === 0));
    });
    document.body.setAttribute("data-filter", active.join(","));
    document.getElementById("shown").textContent = document.querySelectorAll(".claim:not([hidden])").length;
  }
  document.getElementById("filters").addEventListener("click", function (event) {
    var button = event.target.closest("button[data-filter]");
    if (!button) { return; }
    var f = button.getAttribute("data-filter"), active = wanted(), at = active.indexOf(f);
    if (!f) { active = []; } else if (at >= 0) { active.splice(at, 1); } else { active.push(f); }
    location.hash = "filter=" + active.join(",");
    apply();
  });
  window.addEventListener("hashchange", apply);
  apply();
})();
""".replace("VERDICTS", "[" + ",".join(f'"{v.value}"' for v in Verdict) + "]")

_PRIORITY = {FOUND: 1, MISSING: 2, CONFLICTING: 3}  # a conflict wins where marks overlap
_FRAGMENT_MAX = 60  # characters of evidence in a #:~:text= link; shorter survives page edits
_BREAKS = "。、」）!?！？ "


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def safe_href(url: str) -> str | None:
    """The URL if it is an absolute http(s) URL a browser may follow, else None (no link)."""
    if not url or any(ord(ch) < 0x21 or ch in "\x7f\"'<>`\\" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def text_fragment(evidence: str) -> str:
    """`#:~:text=` for the start of the evidence, percent-encoded as the Text Fragments spec asks.

    Browsers match a fragment only on word boundaries, so the text is cut at punctuation (a
    boundary in Japanese too), never mid-word; '-', '&' and ',' are syntax there and encoded.
    """
    first = evidence.strip().split("\n")[0].split(" … ")[0].strip()
    if not first:
        return ""
    end = first.find("。")
    if end > 0:
        first = first[:end + 1]
    if len(first) > _FRAGMENT_MAX:
        cut = max(first.rfind(ch, 0, _FRAGMENT_MAX) for ch in _BREAKS)
        first = first[:cut + 1].strip() if cut > 10 else first
    return "#:~:text=" + quote(first, safe="").replace("-", "%2D")


def highlight(text: str, needles: Iterable[tuple[str, str]]) -> str:
    """Escaped `text` with each (needle, status) found in it wrapped in <mark class=status>.

    Matching is on the normalised forms (full-width digits, kanji numerals, spaces), so the
    source's "２０年" is marked for the fact "20年"; the marks land on the original characters.
    """
    normal = normalize(text)
    level = [0] * len(text)
    for needle, status in needles:
        target = normalize(needle).text if needle else ""
        if not target or status not in _PRIORITY:
            continue
        at = normal.text.find(target)
        while at >= 0:
            start, end = normal.span(at, at + len(target))
            for i in range(start, min(end, len(text))):
                level[i] = max(level[i], _PRIORITY[status])
            at = normal.text.find(target, at + len(target))
    names = {p: s for s, p in _PRIORITY.items()}
    out, i = [], 0
    for value, run in groupby(level):
        n = len(list(run))
        chunk = escape(text[i:i + n])
        out.append(f'<mark class="{names[value]}">{chunk}</mark>' if value else chunk)
        i += n
    return "".join(out)


def _claim_marks(r: ClaimResult) -> list[tuple[str, str]]:
    return [(f.text, f.status) for f in r.facts]


def _evidence_marks(r: ClaimResult) -> list[tuple[str, str]]:
    marks = []
    for f in r.facts:
        if f.status == CONFLICTING and f.source:
            marks.append((f.source, CONFLICTING))
        elif f.status == FOUND:
            marks.append((f.source or f.text, FOUND))
    return marks


def _link(url: str, label: str, fragment: str = "") -> str:
    href = safe_href(url)
    if href is None:
        return escape(label)
    href = href.split("#", 1)[0] + fragment if fragment else href
    return f'<a href="{escape(href, quote=True)}" rel="noopener noreferrer" target="_blank">{escape(label)}</a>'


def _source_meta(r: ClaimResult) -> str:
    parts = [f'<span class="status">{escape(r.source_status)}</span>']
    if r.source_title:
        parts.append(escape(r.source_title))
    if r.source_published:
        parts.append(escape(r.source_published))
    if r.source_url:
        parts.append(_link(r.source_url, r.source_url))
    return " · ".join(parts)


def _claim(r: ClaimResult, index: int, shared_source: bool, owners: dict[str, str] | None = None) -> str:
    v = escape(r.verdict.value, quote=True)
    html = [f'<article class="claim v-{v}" data-verdict="{v}" id="claim-{index}">',
            f'<p><span class="badge v-{v}">{escape(r.verdict.value)}</span> '
            f'<span class="score" title="score">{int(r.score)}</span> <code>{escape(r.claim_id)}</code></p>',
            f'<p class="text">{highlight(r.claim, _claim_marks(r))}</p>']
    if r.block == POINTS and owners is not None:
        html.append(f'<p class="point">{escape(_point_note(r, owners))}</p>')
    # not_found: the best passage is not evidence of anything, so it is never shown as evidence,
    # marked up, or linked to as "the evidence"; an editor may still open it, folded.
    evidence = r.evidence if r.verdict is not Verdict.NOT_FOUND else ""
    if evidence:
        html.append(f'<blockquote class="evidence">{highlight(evidence, _evidence_marks(r))}</blockquote>')
    elif r.evidence:
        html.append('<details class="closest"><summary>closest passage in the source (not evidence: '
                    f'nothing there is close to the claim)</summary><blockquote>{escape(r.evidence)}</blockquote></details>')
    html.append(f'<p class="reason">{escape(r.reason)}</p>')
    links = []
    if r.source_url and evidence:
        links.append(_link(r.source_url, "open the source at the evidence", text_fragment(evidence)))
    if r.archive_url:
        label = f"archive snapshot {r.archive_date}".strip()
        links.append(_link(r.archive_url, label, text_fragment(evidence) if evidence else ""))
    if not shared_source and r.source_url:
        links.insert(0, _source_meta(r))
    if links:
        html.append(f'<p class="meta">{" · ".join(links)}</p>')
    if r.editor_verdict or r.editor_note:
        html.append(f'<p class="editor">editor: {escape(r.editor_verdict)} {escape(r.editor_note)}</p>')
    html.append("</article>")
    return "\n".join(html)


def _point_note(r: ClaimResult, owners: dict[str, str]) -> str:
    """What a 💡 point, which cites nothing, was checked against and which source decided it."""
    if not owners:
        return "💡 point: the article cites no source to check it against"
    tried = "the article's only source" if len(owners) == 1 else f"every source of the article ({len(owners)})"
    owner = owners.get(r.source_url)
    if r.verdict is Verdict.UNVERIFIABLE:
        return f"💡 point: checked against {tried}; none could be read"
    return f"💡 point: checked against {tried}; the verdict is from {owner}'s source" if owner \
        else f"💡 point: checked against {tried}"


def _sources_of(rows: Sequence[ClaimResult]) -> dict[str, str]:
    """Each source an article cites -> the first block citing it (points cite none of their own)."""
    owners: dict[str, str] = {}
    for r in sorted((r for r in rows if r.block != POINTS and r.source_url), key=lambda r: _block_number(r.block)):
        owners.setdefault(r.source_url, r.block)
    return owners


def _block_number(block: str) -> int:
    return int(block[1:]) if block[1:].isdigit() else 0


def _count_table(caption: str, head: str, counts: Iterable[tuple[str, int]], badges: bool = False) -> str:
    def label(k: str) -> str:
        return f'<span class="badge v-{escape(k, quote=True)}">{escape(k)}</span>' if badges else escape(k)

    rows = "".join(f'<tr><td>{label(k)}</td><td class="n">{n}</td></tr>' for k, n in counts)
    return f"<table><caption>{escape(caption)}</caption><tr><th>{escape(head)}</th><th>claims</th></tr>{rows}</table>"


def _per_article(s: Summary, anchors: dict[str, str]) -> str:
    """One row per article: claims per verdict and failed sources, linking to its section."""
    head = "".join(f'<th><span class="badge v-{v}">{v}</span></th>' for v in s.verdicts)
    rows = []
    for name, anchor in anchors.items():
        a = s.article(name)
        if a is None:
            continue
        cells = "".join(f'<td class="n{" zero" if not n else ""}">{n}</td>' for n in a.verdicts.values())
        failed = f"{a.sources_failed} of {a.sources}" if a.sources else "-"
        rows.append(f'<tr><td><a href="#{anchor}">{escape(name)}</a></td><td class="n">{a.claims}</td>{cells}'
                    f'<td class="n{" zero" if not a.sources_failed else ""}">{failed}</td></tr>')
    return (f'<table id="per-article"><caption>per article</caption><tr><th>article</th><th>claims</th>{head}'
            f'<th>sources failed</th></tr>{"".join(rows)}</table>')


def _summary(s: Summary, anchors: dict[str, str]) -> str:
    html = ['<section id="summary"><h2>Summary</h2><div class="tables">',
            _count_table("claims per verdict", "verdict", s.verdicts.items(), badges=True),
            _count_table("claims per source status", "source status", s.statuses.items()),
            "<table><caption>articles</caption>"
            f'<tr><td>verified</td><td class="n">{s.articles_ok}</td></tr>'
            f'<tr><td>failed</td><td class="n">{s.articles_failed}</td></tr>'
            f'<tr><td>claims disappeared</td><td class="n">{len(s.disappeared)}</td></tr>'
            + (f'<tr><td>internal errors</td><td class="n">{s.internal_errors}</td></tr>' if s.internal_errors else "")
            + "</table></div>",
            _per_article(s, anchors)]
    if s.failures:
        html.append('<ul class="failures">' + "".join(f"<li>{escape(f)}</li>" for f in s.failures) + "</ul>")
    if s.disappeared:
        rows = "".join(f"<tr><td>{escape(d.article)}</td><td><code>{escape(d.claim_id)}</code></td><td>{escape(d.claim)}</td>"
                       f"<td>{escape(d.editor_verdict)} {escape(d.editor_note)}</td></tr>" for d in s.disappeared)
        html.append(f"<details><summary>{len(s.disappeared)} claims of the previous report disappeared</summary>"
                    f"<table><tr><th>article</th><th>id</th><th>claim</th><th>editor</th></tr>{rows}</table></details>")
    html.append("</section>")
    return "\n".join(html)


def _filters(s: Summary) -> str:
    buttons = [f'<button type="button" data-filter="" aria-pressed="true">all {s.claims}</button>']
    buttons += [f'<button type="button" data-filter="{v}" aria-pressed="false">{v} {n}</button>'
                for v, n in s.verdicts.items()]
    return (f'<nav id="filters" aria-label="filter by verdict">{"".join(buttons)} '
            f'<span class="meta"><span id="shown">{s.claims}</span> shown</span></nav>')


def render_html(results: Sequence[ClaimResult], summary: Summary | None = None, generated: str = "",
                order: str = "worst") -> str:
    """The whole report page as a string: worst claims first (order.py), or `order="article"`."""
    shown = ordered(results, order)
    return "\n".join(page(shown, articles_of(shown), summary or Summary.of(results), generated, order))


def page(shown: Iterable[ClaimResult], articles: Sequence[str], summary: Summary, generated: str = "",
         order: str = "worst") -> Iterator[str]:
    """The page's pieces, to be joined by newlines. `shown`: the results in the order shown
    (order.py), read once, an article's claims together -- so they may come from a spill file;
    `articles`: the article names in that order (the summary's links)."""
    csp = (f"default-src 'none'; style-src {_csp_hash(_STYLE)}; script-src {_csp_hash(_SCRIPT)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    anchors = {name: f"article-{i}" for i, name in enumerate(articles, start=1)}
    stamp = f" · {escape(generated)}" if generated else ""
    yield from [
        "<!DOCTYPE html>", '<html lang="ja"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(csp, quote=True)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>claimcheck report: {summary.claims} claims</title>", f"<style>{_STYLE}</style></head><body>",
        f'<h1>claimcheck report</h1><p class="meta">{_plural(summary.claims, "claim")} in '
        f'{_plural(summary.articles_ok, "article")}{stamp}</p>',
        _summary(summary, anchors), _filters(summary), "<main>"]
    index = 0
    for article, in_article in groupby(shown, key=lambda r: r.article):
        in_article = list(in_article)
        owners = _sources_of(in_article)
        yield f'<section class="article" id="{anchors[article]}"><h2>{escape(article)}</h2>'
        # Worst first mixes the blocks, so each claim shows its own source; as read, a block's
        # claims share one heading and one source line.
        groups = groupby(in_article, key=lambda r: r.block) if order == "article" else [("", in_article)]
        for block, in_block in groups:
            rows = list(in_block)
            shared = bool(block) and len({r.source_url for r in rows}) == 1 and bool(rows[0].source_url)
            meta = f'<p class="meta">{_source_meta(rows[0])}</p>' if shared else ""
            yield f'<section class="block"><h3>{escape(block)}</h3>{meta}' if block else '<section class="block">'
            for r in rows:
                index += 1
                yield _claim(r, index, shared, owners)
            yield "</section>"
        yield "</section>"
    yield from ["</main>", f"<script>{_SCRIPT}</script></body></html>", ""]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def write_html(results: Sequence[ClaimResult], out: IO[str], summary: Summary | None = None, generated: str = "",
               order: str = "worst") -> None:
    """Write the report page to an open text stream (UTF-8)."""
    shown = ordered(results, order)
    write_page(shown, articles_of(shown), out, summary or Summary.of(results), generated, order)


def write_page(shown: Iterable[ClaimResult], articles: Sequence[str], out: IO[str], summary: Summary,
               generated: str = "", order: str = "worst") -> None:
    """page(), written piece by piece to `out`."""
    for i, piece in enumerate(page(shown, articles, summary, generated, order)):
        out.write("\n" + piece if i else piece)

"""The HTML report: hostile text stays text, links are http(s) only, filters and counts are there."""
import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest

from verify.model import ClaimResult, Fact, Verdict
from verify.report import Summary, render_html
from verify.report.html_page import highlight, safe_href, text_fragment


def result(**kw):
    base = dict(article="a.txt", block="b1", claim_id="b1-c1", claim="主張", source_url="https://x.jp/a",
                source_status="ok", verdict=Verdict.SUPPORTED, score=80, evidence="根拠の文。", reason="ok")
    base.update(kw)
    return ClaimResult(**base)


class Page(HTMLParser):
    """Every start tag with its attributes, and the text inside <script> elements."""

    def __init__(self, html: str):
        super().__init__()
        self.tags, self.scripts, self._in_script = [], [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)

    def all(self, tag):
        return [attrs for t, attrs in self.tags if t == tag]


HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def test_hostile_claim_evidence_reason_and_names_are_shown_as_text():
    html = render_html([result(claim=HOSTILE, evidence=HOSTILE, reason=HOSTILE, article=HOSTILE + ".txt",
                               block=HOSTILE, claim_id=HOSTILE, source_title=HOSTILE, source_status=HOSTILE,
                               editor_note=HOSTILE, editor_verdict=HOSTILE)])
    page = Page(html)
    assert len(page.all("script")) == 1 and page.all("img") == []
    assert not any(name.startswith("on") for _, attrs in page.tags for name in attrs)
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 8


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "vbscript:x", "file:///etc/passwd",
                                 'https://x.jp/"onmouseover="alert(1)', "https://x.jp/<script>", "//evil.example/",
                                 "https:///nohost", "http://x.jp/a b", "https://x.jp/\nx"])
def test_unsafe_urls_get_no_link(url):
    assert safe_href(url) is None
    page = Page(render_html([result(source_url=url, archive_url=url, evidence="根拠")]))
    assert [a for a in page.all("a") if not a["href"].startswith("#article-")] == []  # in-page links only


def test_only_http_links_with_escaped_attributes():
    url = "https://x.jp/a?b=1&c=2"
    html = render_html([result(source_url=url, archive_url="http://web.archive.org/web/2025/https://x.jp/a",
                               archive_date="2025-01-02")])
    hrefs = [a["href"] for a in Page(html).all("a")]
    assert url in hrefs and 'href="https://x.jp/a?b=1&amp;c=2"' in html
    assert any(h.startswith("https://x.jp/a?b=1&c=2#:~:text=") for h in hrefs)
    assert any(h.startswith("http://web.archive.org/web/2025/") for h in hrefs)
    assert all(a.get("rel") == "noopener noreferrer" for a in Page(html).all("a") if not a["href"].startswith("#"))


def test_text_fragment_encodes_dash_ampersand_comma_and_cuts_at_a_sentence():
    fragment = text_fragment("A-B社, C&D。次の文は入らない。")
    assert fragment == "#:~:text=A%2DB%E7%A4%BE%2C%20C%26D%E3%80%82"
    assert text_fragment("") == ""


def test_text_fragment_of_a_long_sentence_ends_at_punctuation_not_mid_word():
    sentence = "ロシアのプーチン大統領は１７日、モスクワを訪問したイランのペゼシュキアン大統領と会談し、期間を２０年とする包括的戦略パートナーシップ条約に署名した。"
    fragment = text_fragment(sentence)
    from urllib.parse import unquote
    assert unquote(fragment.split("=", 1)[1]).endswith("、")


def test_conflicting_facts_marked_in_claim_and_evidence_across_full_width_digits():
    r = result(claim="期間を30年間とする条約", evidence="期間を２０年とする条約", verdict=Verdict.CONTRADICTED,
               facts=(Fact("number", "30年間", "conflicting", "20年"), Fact("entity", "条約", "found")))
    html = render_html([r])
    assert '<mark class="conflicting">30年間</mark>' in html
    assert '<mark class="conflicting">２０年</mark>' in html
    assert '<mark class="found">条約</mark>' in html


def test_highlight_escapes_inside_and_outside_marks():
    assert highlight("<b>&20年", [("20年", "conflicting")]) == '&lt;b&gt;&amp;<mark class="conflicting">20年</mark>'


def test_summary_counts_and_a_filter_button_per_verdict():
    results = [result(), result(claim_id="b1-c2", verdict=Verdict.CONTRADICTED),
               result(claim_id="b1-c3", verdict=Verdict.UNVERIFIABLE, source_status="blocked")]
    page = Page(render_html(results, Summary.of(results)))
    filters = [b["data-filter"] for b in page.all("button")]
    assert filters == ["", "contradicted", "partial", "not_found", "unverifiable", "supported"]  # worst first
    html = render_html(results)
    assert re.search(r"contradicted</span></td><td class=\"n\">1<", html)
    assert re.search(r"blocked</td><td class=\"n\">1<", html)
    assert ">contradicted 1</button>" in html and ">all 3</button>" in html
    assert [c["data-verdict"] for c in page.all("article")] == ["contradicted", "unverifiable", "supported"]
    as_read = Page(render_html(results, order="article"))
    assert [c["data-verdict"] for c in as_read.all("article")] == ["supported", "contradicted", "unverifiable"]


def test_csp_allows_exactly_the_inline_script_and_style_and_no_network():
    html = render_html([result()])
    page = Page(html)
    csp = next(m["content"] for m in page.all("meta") if m.get("http-equiv") == "Content-Security-Policy")
    script = page.scripts[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html.split("<main>")[0])  # nothing loaded


def test_failures_and_disappeared_claims_in_the_summary():
    from verify.report import PreviousClaim

    gone = PreviousClaim("a.txt", "b1-c9", "消えた<主張>", "k1", "supported", "ok", "確認済み")
    summary = Summary(claims=1, verdicts={"supported": 1}, failures=("nope.txt: no such file",), disappeared=(gone,))
    html = render_html([result()], summary)
    assert "nope.txt: no such file" in html and "消えた&lt;主張&gt;" in html and "確認済み" in html

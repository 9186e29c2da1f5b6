"""What an editor sees first: worst verdicts first in the terminal and the HTML page, one heading
per article, per-article counts, closest passages that are not evidence, points that say what
they were checked against, polarity named in the article's own words, saved pages' titles."""
import io
import re
from html.parser import HTMLParser
from pathlib import Path

from claims import article_from_text
from verify.cli import Environment, main
from verify.model import ClaimResult, Verdict
from verify.report import WORST_FIRST, Summary, ordered, render_html

HERE = Path(__file__).parent
SEED = HERE / "fixtures" / "articles" / "000_8a0206ff2ce473fd.txt"
ALTERED = HERE / "fixtures" / "articles" / "seed_altered.txt"
CASSETTE = HERE / "fixtures" / "cassettes" / "devset.yaml"
RANK = {v.value: i for i, v in enumerate(WORST_FIRST)}
ID_ROW = re.compile(r"^│ (b\d+-c\d+|p\d+)\s+│ (\w+)")


def run(*argv):
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), stdout_isatty=False,
                      stderr_isatty=False, no_color=True, environ={}, cwd=Path.cwd())
    code = main([str(a) for a in argv], env)
    assert code == 0, env.stderr.getvalue()
    return env.stdout.getvalue()


def table_rows(stdout: str) -> list[tuple[str, str, str]]:
    """(article heading, claim id, verdict) for every row of the printed tables."""
    rows, article = [], ""
    for line in stdout.splitlines():
        if line.strip().endswith(".txt") and not line.startswith(("│", "┃")) and "claims" not in line:
            article = line.strip()
        elif m := ID_ROW.match(line):
            rows.append((article, m.group(1), m.group(2)))
    return rows


def test_terminal_table_is_worst_first_with_each_article_once():
    stdout = run("verify", SEED, ALTERED, "--cassette", CASSETTE)
    rows = table_rows(stdout)
    assert len(rows) == 18
    # the article with a contradicted claim comes first, though it was named second
    assert [a for a in dict.fromkeys(a for a, _, _ in rows)] == [str(ALTERED), str(SEED)]
    for article in (str(ALTERED), str(SEED)):
        verdicts = [RANK[v] for a, _, v in rows if a == article]
        assert verdicts == sorted(verdicts)
        assert stdout.count(article + "\n") == 1 or stdout.count(article) == 2  # heading + summary line
    altered = [cid for a, cid, _ in rows if a == str(ALTERED)]
    assert altered[:3] == ["b1-c3", "b2-c1", "b2-c3"]  # the contradicted ones, in article order
    assert not any(len(line) > 5 and line.startswith("│ " + str(SEED)) for line in stdout.splitlines())


def test_order_article_keeps_the_order_as_read():
    rows = table_rows(run("verify", SEED, ALTERED, "--cassette", CASSETTE, "--order", "article"))
    assert [a for a in dict.fromkeys(a for a, _, _ in rows)] == [str(SEED), str(ALTERED)]
    assert [cid for a, cid, _ in rows if a == str(ALTERED)][:4] == ["b1-c1", "b1-c2", "b1-c3", "b2-c1"]


def test_summary_has_one_line_per_article_with_its_counts():
    stdout = run("verify", SEED, ALTERED, "--cassette", CASSETTE)
    summary = stdout[stdout.index("verdicts "):]
    assert re.search(r"verdicts\s+18 claims: 3 contradicted · 4 partial · 3 not_found · 0 unverifiable · 8 supported",
                     summary)
    header = next(line for line in summary.splitlines() if re.match(r"article\s+claims", line))
    assert header.split()[1:] == ["claims", "contradicted", "partial", "not_found", "unverifiable", "supported",
                                  "sources", "failed"]
    lines = [line.split() for line in summary.splitlines() if line.startswith(str(HERE))]
    assert lines == [[str(ALTERED), "9", "3", "3", "2", "·", "1", "·", "of", "2"],
                     [str(SEED), "9", "·", "1", "1", "·", "7", "·", "of", "2"]]


def test_a_failed_source_is_counted_for_its_article(tmp_path):
    article = tmp_path / "dead.txt"
    article.write_text("題\n公開日:2025/01/01\n✅ 何かが起きた。\nさらに読む ⇒どこか出典/画像元: https://example.org/missing次の文。\n",
                       encoding="utf-8")
    stdout = run("verify", article, SEED, "--cassette", CASSETTE)
    line = [line for line in stdout.splitlines() if line.startswith(str(article))][-1]  # its summary line
    assert line.split()[-3:] == ["1", "of", "1"]


class Page(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_html_is_worst_first_and_each_article_row_links_to_its_section(tmp_path):
    out = tmp_path / "r.html"
    run("verify", SEED, ALTERED, "--cassette", CASSETTE, "--html", out)
    html = out.read_text(encoding="utf-8")
    page = Page(html)
    sections = [a["id"] for t, a in page.tags if t == "section" and a.get("class") == "article"]
    links = [a["href"] for t, a in page.tags if t == "a" and a.get("href", "").startswith("#article-")]
    assert sections == ["article-1", "article-2"] and links == ["#article-1", "#article-2"]
    assert html.index(f'id="article-1"><h2>{ALTERED}') > 0
    cards = [a["data-verdict"] for t, a in page.tags if t == "article"]
    assert cards[:3] == ["contradicted"] * 3
    first, second = cards[:9], cards[9:]
    assert [RANK[v] for v in first] == sorted(RANK[v] for v in first)
    assert [RANK[v] for v in second] == sorted(RANK[v] for v in second)
    row = re.search(r'<tr><td><a href="#article-1">[^<]*</a></td>(.*?)</tr>', html).group(1)
    assert re.findall(r">([^<>]+)</td>", row) == ["9", "3", "3", "2", "0", "1", "0 of 2"]


def result(**kw):
    base = dict(article="a.txt", block="b1", claim_id="b1-c1", claim="主張", source_url="https://x.jp/a",
                source_status="ok", verdict=Verdict.SUPPORTED, score=80, evidence="根拠の文。", reason="ok")
    base.update(kw)
    return ClaimResult(**base)


def test_a_not_found_card_shows_only_a_folded_closest_passage():
    html = render_html([result(verdict=Verdict.NOT_FOUND, evidence="関係のない文。", score=12)])
    assert '<blockquote class="evidence">' not in html and "open the source at the evidence" not in html
    assert re.search(r'<details class="closest"><summary>closest passage.*?<blockquote>関係のない文。</blockquote>', html)
    assert "#:~:text=" not in html and "<mark" not in html


def test_points_say_what_they_were_checked_against():
    rows = [result(), result(block="b2", claim_id="b2-c1", source_url="https://y.jp/b"),
            result(block="points", claim_id="p1", source_url="https://y.jp/b", reason="uncited point: …")]
    html = render_html(rows)
    assert "💡 point: checked against every source of the article (2); the verdict is from b2&#x27;s source" in html


def test_points_of_an_article_whose_sources_all_failed_are_not_no_citation(tmp_path):
    article = tmp_path / "dead.txt"
    article.write_text("題\n💡 何かが起きた。\n公開日:2025/01/01\n✅ 何かが起きた。\n"
                       "さらに読む ⇒どこか出典/画像元: https://example.org/missing次の文。\n", encoding="utf-8")
    out = tmp_path / "r.csv"
    run("verify", article, "--cassette", CASSETTE, "--csv", out)
    point = [line for line in out.read_text(encoding="utf-8-sig").splitlines() if ",points,p1," in line][0]
    assert ",not_in_cassette,unverifiable," in point and "no_citation" not in point
    assert "checked against the article's 1 source, none could be read (b1 not_in_cassette)" in point


def test_polarity_reasons_quote_the_words_as_written(tmp_path):
    out = tmp_path / "r.csv"
    run("verify", ALTERED, "--cassette", CASSETTE, "--csv", out)
    row = [line for line in out.read_text(encoding="utf-8-sig").splitlines() if ",b2-c3," in line][0]
    assert "polarity: claim positive (盛り込まれている), source negative (盛り込まれなかった)" in row
    assert "(含む)" not in row and row.count("polarity:") == 1


def test_a_saved_page_takes_its_title_from_h1_then_title():
    body = ("<nav><a href='/'>ホーム</a> <a href='/n'>ニュース</a></nav>{h1}<p>見出しA</p><p>公開日:2025/01/04</p>"
            "<p>✅ 何かが起きた。</p><p>さらに読む ⇒毎日出典/画像元: https://mainichi.jp/a</p>")
    page = "<html><head><title>記事の題 | サイト</title></head><body>{}</body></html>"
    with_h1 = article_from_text(page.format(body.format(h1="<h1>本当の見出し</h1>")), "a.html")
    assert with_h1.title == "本当の見出し" and with_h1.blocks[0].heading == "見出しA"
    assert article_from_text(page.format(body.format(h1="")), "a.html").title == "記事の題 | サイト"


def test_ordered_is_stable_and_data_formats_keep_article_order():
    rows = [result(claim_id=f"c{i}", verdict=v) for i, v in enumerate(
        [Verdict.SUPPORTED, Verdict.NOT_FOUND, Verdict.CONTRADICTED, Verdict.SUPPORTED, Verdict.CONTRADICTED])]
    assert [r.claim_id for r in ordered(rows)] == ["c2", "c4", "c1", "c0", "c3"]
    assert [r.claim_id for r in ordered(rows, "article")] == ["c0", "c1", "c2", "c3", "c4"]
    assert list(Summary.of(rows).verdicts) == [v.value for v in WORST_FIRST]


def test_a_narrow_terminal_gets_one_line_per_article():
    from verify.report import print_summary

    rows = [result(article="a.txt", verdict=Verdict.CONTRADICTED), result(article="a.txt", claim_id="b1-c2"),
            result(article="b.txt", source_status="http_404", verdict=Verdict.UNVERIFIABLE)]
    out = io.StringIO()
    print_summary(Summary.of(rows), out, color=False, width=80)
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
    assert "a.txt: 2 claims: 1 contradicted, 1 supported" in lines
    assert "b.txt: 1 claim: 1 unverifiable; 1 of 1 source failed" in lines

"""Sites without their own module: JSON-LD articleBody first, then trafilatura."""
import subprocess
import sys
from pathlib import Path

from verify.model import Page
from verify.sources import extract

PAGES = Path(__file__).parent / "fixtures" / "pages"
URL = "https://news.example.jp/articles/2025/02/08/0001"


def fixture(name: str) -> str:
    return (PAGES / name).read_text("utf-8")


def generic(html: str, url: str = URL) -> Page:
    return Page(url=url, final_url=url, http_status=200, text=html,
                content_type="text/html; charset=utf-8")


def article_page(json_ld: str, body: str = "<p>本文とは別の短い段落。</p>") -> str:
    return (f'<html><head><title>見出し</title><script type="application/ld+json">{json_ld}'
            f"</script></head><body><article>{body}</article></body></html>")


# --- JSON-LD articleBody ---------------------------------------------------------------------

def test_article_body_in_graph_splits_on_newlines_and_drops_blank_lines():
    doc = extract(generic(fixture("generic_jsonld.html")))
    assert doc.status == "ok" and doc.site == "generic"
    assert doc.paragraphs == (
        "JR東日本によると、8日未明から降り続いた大雪の影響で、東北新幹線は始発から約4時間にわたり一部区間で運転を見合わせた。",
        "上下線あわせて42本が運休し、約3万人に影響が出た。",
        "気象台は、9日朝にかけても局地的に強い雪が降るおそれがあるとして、交通への影響に注意を呼びかけている。",
    )


def test_json_ld_page_metadata():
    doc = extract(generic(fixture("generic_jsonld.html")))
    assert doc.title == "新幹線、大雪で一時運転見合わせ　約３万人に影響"  # og:title less " | site"
    assert doc.published == "2025-02-08T06:58:00+09:00"  # JSON-LD beats meta and the sidebar
    assert doc.author == "佐藤 拓海"  # the Person, not the publishing organisation


def test_article_body_in_a_top_level_list_with_type_list():
    html = article_page('[{"@type": ["NewsArticle", "Thing"], "headline": "H",'
                        ' "articleBody": "一段落目。\\n二段落目。"}]')
    assert extract(generic(html)).paragraphs == ("一段落目。", "二段落目。")


def test_article_body_holding_html_is_split_at_blocks_not_at_links():
    html = article_page('{"@type": "Article", "articleBody": "<p>県は<a href=\\"/x\\">新制度</a>を'
                        '始めた。</p><p>対象は&amp;約2万人。<br>申請は4月から。</p>"}')
    assert extract(generic(html)).paragraphs == ("県は新制度を始めた。", "対象は&約2万人。", "申請は4月から。")


def test_non_article_json_ld_and_broken_blocks_are_ignored():
    html = article_page('{"@type": "WebSite", "articleBody": "サイトの説明"} {broken',
                        body="<h1>見出し</h1>" + "<p>市は新しい保育施設を来年春に開く予定だと明らかにした。定員は120人。</p>" * 3)
    doc = extract(generic(html))
    assert doc.status == "ok" and "サイトの説明" not in doc.text
    assert "定員は120人" in doc.text


# --- trafilatura -----------------------------------------------------------------------------

def test_page_without_json_ld_gives_paragraphs_without_comments_or_title():
    doc = extract(generic(fixture("generic_no_jsonld.html"), "https://minato.example.jp/news/102"))
    assert doc.status == "ok"
    assert doc.paragraphs == (
        "みなと市は1日、市立中央図書館の平日の開館時間を、11月から現在の午後7時から午後9時まで延長すると"
        "発表した。仕事帰りの会社員や学生の利用を増やすのが狙いだという。",
        "延長にかかる人件費などの費用は年間約1200万円で、市は補正予算で対応する。昨年度の来館者数は"
        "約38万人で、利用者アンケートでは回答者の6割近くが夜間の開館を望んでいた。",
        "市の担当者は「学び直しの場として、より多くの市民に使ってほしい」と話している。土曜と日曜の開館時間は変更しない。",
    )


def test_page_without_json_ld_metadata_uses_time_inside_article_not_sidebar():
    doc = extract(generic(fixture("generic_no_jsonld.html"), "https://minato.example.jp/news/102"))
    assert doc.title == "市立図書館、開館時間を午後9時まで延長へ"
    assert doc.published == "2024-10-01T09:30:00+09:00"
    assert doc.author == "高橋 彩"


def test_time_outside_any_article_element_is_not_a_published_date():
    html = ("<html><head><title>T</title></head><body><aside><time datetime='2020-01-01'>x</time>"
            "</aside><main><p>" + "町の人口は10年で1割減った。" * 10 + "</p></main></body></html>")
    assert extract(generic(html)).published == ""


def test_published_meta_is_read_by_property_or_by_name():
    for attr in ("property", "name"):
        tag = f'<meta {attr}="article:published_time" content="2024-05-01T10:00:00+09:00">'
        html = article_page('{"@type": "Article", "articleBody": "本文。"}').replace(
            "<title>", tag + "<title>")
        assert extract(generic(html)).published == "2024-05-01T10:00:00+09:00"


def test_page_with_no_text_is_empty():
    html = "<html><head><title>無題</title></head><body><nav><a href='/'>トップ</a></nav></body></html>"
    doc = extract(generic(html))
    assert doc.status == "empty" and "generic" in doc.reason


def test_importing_the_extract_stage_does_not_load_trafilatura():
    code = "import sys, verify.sources; print('trafilatura' in sys.modules)"
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "False"


def test_visible_headline_date_when_the_page_has_no_meta():
    from verify.model import Page
    from verify.sources import extract

    html = ("<html><head><title>開幕戦｜日刊スポーツ</title></head><body><div id='news'><div id='news-header'>"
            "<h1>ドジャース開幕戦白星</h1><p>[2025年3月18日22時15分]</p></div>"
            "<div class='article-body'><p>大リーグの開幕戦が１８日、東京ドームで行われ、ドジャースがカブスに勝った。"
            "先発の山本由伸投手は５回を投げ１失点だった。大谷翔平選手は２安打だった。</p></div></div>"
            "<aside><h2>ランキング</h2><p>2020年1月1日</p></aside></body></html>")
    doc = extract(Page("https://www.example-sports.jp/news/1.html", text=html, content_type="text/html"))
    assert doc.published == "2025-03-18T22:15:00+09:00"

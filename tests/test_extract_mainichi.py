"""mainichi.jp pages: title, JST dates, body paragraphs, pay wall.

mainichi_devset.html is a byte copy of the Mainichi page in shared/devset/cassette.yaml.
"""
from pathlib import Path

from verify.model import Page
from verify.sources import extract

PAGES = Path(__file__).parent / "fixtures" / "pages"
URL = "https://mainichi.jp/articles/20250114/k00/00m/040/215000c"


def mainichi(name: str = "mainichi_normal.html", html: str | None = None,
             url: str = URL) -> Page:
    text = html if html is not None else (PAGES / name).read_text("utf-8")
    return Page(url=url, final_url=url, http_status=200, text=text,
                content_type="text/html; charset=utf-8")


def fixture(name: str) -> str:
    return (PAGES / name).read_text("utf-8")


# --- the real-markup dev-set page ------------------------------------------------------------

DEVSET_URL = "https://mainichi.jp/articles/20241205/k00/00m/030/043000c"


def test_devset_page_gives_the_five_paragraphs_and_metadata():
    doc = extract(mainichi("mainichi_devset.html", url=DEVSET_URL))
    assert doc.status == "ok" and doc.site == "mainichi" and not doc.truncated
    assert doc.title == "ロシアと北朝鮮の「包括的戦略パートナーシップ条約」が発効 有事の軍事援助を規定"
    assert doc.published == "2024-12-05T06:12:00+09:00"
    assert doc.author == "ソウル支局"
    assert doc.paragraphs == (
        "北朝鮮の朝鮮中央通信は5日、ロシアとの「包括的戦略パートナーシップ条約」が4日に発効したと報じた。"
        "両国の外務次官がモスクワで批准書を交換したという。",
        "条約はプーチン大統領が6月に平壌を訪れた際、金正恩総書記との間で署名した。全23条からなり、"
        "一方が武力攻撃を受けて戦争状態になった場合には、遅滞なく軍事的な援助を提供すると定めている。"
        "有効期限は設けられておらず、無期限とされる。",
        "批准書の交換には、北朝鮮のキム・ジョンギュ外務次官とロシアのルデンコ外務次官が臨んだ。"
        "条約の発効に伴い、2000年に両国が結んだ友好善隣協力条約は効力を失った。",
        "北朝鮮はウクライナへの侵攻を続けるロシアを支援するため、1万人以上の兵士をロシアに送ったとされる。"
        "米国や韓国は、北朝鮮兵がロシア西部のクルスク州で戦闘に加わっていると指摘している。",
        "両国の軍事協力はここ1年で急速に進んでおり、条約の発効でさらに加速するとみられる。日米韓は警戒を強めている。",
    )


def test_devset_caption_and_ad_are_not_text():
    text = extract(mainichi("mainichi_devset.html", url=DEVSET_URL)).text
    assert "記者会見の様子" not in text and "広告" not in text and "関連ニュース" not in text


# --- title -----------------------------------------------------------------------------------

def test_title_comes_from_the_h1_and_keeps_its_ideographic_space():
    assert extract(mainichi()).title == "県内の公立小、来春から給食費を無償化\u3000対象は約4万人"


def test_title_falls_back_to_meta_title_without_the_suffix():
    html = fixture("mainichi_normal.html").replace('<h1 class="title-page">', '<p class="x">')
    assert extract(mainichi(html=html)).title == "県内の公立小、来春から給食費を無償化 対象は約4万人"


def test_title_falls_back_to_og_title_with_the_site_suffix_stripped():
    html = (fixture("mainichi_normal.html").replace('<h1 class="title-page">', '<p class="x">')
            .replace('<meta name="title"', '<meta name="x-title"'))
    assert extract(mainichi(html=html)).title == "県内の公立小、来春から給食費を無償化 対象は約4万人"


# --- published -------------------------------------------------------------------------------

def test_published_from_json_ld_gets_an_offset_with_a_colon():
    assert extract(mainichi()).published == "2025-01-14T21:17:27+09:00"


def test_published_falls_back_to_firstcreate_read_as_jst():
    html = (fixture("mainichi_normal.html").replace('"datePublished"', '"x"')
            .replace("cXenseParse:recs:publishtime", "x-publishtime"))
    assert extract(mainichi(html=html)).published == "2025-01-14T21:17:27+09:00"


def test_published_falls_back_to_cxense_publishtime():
    html = (fixture("mainichi_normal.html").replace('"datePublished"', '"x"')
            .replace('"2025-01-14T21:17:27+0900"', '"2025-01-14T20:00:00+0900"')
            .replace('name="firstcreate"', 'name="x"'))
    assert extract(mainichi(html=html)).published == "2025-01-14T20:00:00+09:00"


def test_sidebar_relative_dates_are_never_the_published_date():
    html = (fixture("mainichi_normal.html").replace('"datePublished"', '"x"')
            .replace("cXenseParse:recs:publishtime", "x").replace('name="firstcreate"', 'name="y"'))
    assert extract(mainichi(html=html)).published == ""


# --- author and body -------------------------------------------------------------------------

def test_author_comes_from_the_title_block_then_cxense():
    assert extract(mainichi()).author == "北川 真理"
    html = fixture("mainichi_normal.html").replace('class="articletag-author"', 'class="x"')
    html = html.replace('content="北川 真理"', 'content="社会部"')
    assert extract(mainichi(html=html)).author == "社会部"


def test_body_paragraphs_and_subheading_exact_with_leading_space_stripped():
    assert extract(mainichi()).paragraphs == (
        "県教育委員会は14日、来年4月から県内すべての公立小学校で給食費を無償化すると発表した。"
        "対象となる児童は約4万1000人で、必要な費用は年間およそ23億円と見込んでいる。",
        "財源には国の交付金に加え、県の財政調整基金を充てる。市町村の負担は求めない方針で、"
        "県は2月の定例議会に関連予算案を提出する。",
        "中学校は「段階的に検討」",
        "一方、中学校については対象に含めなかった。教育長は記者会見で「まず小学校で実施し、"
        "効果や課題を見極めたうえで段階的に検討したい」と述べた。",
        "物価の上昇を受け、給食費は昨年度から1食あたり平均で18円値上がりしていた。保護者からは"
        "「家計の負担が軽くなる」と歓迎する声が上がる一方、食材の質の確保を求める意見もある。【北川真理】",
    )


def test_ads_captions_and_related_links_are_excluded():
    text = extract(mainichi()).text
    for junk in ("広告", "おすすめ記事", "記者会見で無償化について説明する", "関連記事", "アクセスランキング"):
        assert junk not in text


def test_paragraphs_wrapped_in_a_container_are_found_without_captions():
    html = (fixture("mainichi_normal.html")
            .replace('id="articledetail-body">', 'id="articledetail-body"><div class="inner">')
            .replace("</section>", "</div></section>"))
    doc = extract(mainichi(html=html))
    assert len(doc.paragraphs) == 5 and doc.paragraphs[-1].endswith("【北川真理】")
    assert "記者会見で無償化" not in doc.text and "おすすめ記事" not in doc.text


def test_unknown_template_falls_back_to_the_generic_extractor():
    html = fixture("mainichi_normal.html").replace('id="articledetail-body"', 'id="other"')
    doc = extract(mainichi(html=html))
    assert doc.status == "ok" and doc.site == "generic"
    assert any("約4万1000人" in p for p in doc.paragraphs)
    assert doc.title == "県内の公立小、来春から給食費を無償化 対象は約4万人"  # og:title less suffix


def test_page_without_any_article_text_is_empty():
    html = ('<html><head><title>毎日新聞</title></head><body><div id="articledetail-title">'
            '<h1 class="title-page">見出しだけ</h1></div><section id="articledetail-body">'
            "</section></body></html>")
    doc = extract(mainichi(html=html))
    assert doc.status == "empty" and doc.paragraphs == () and "mainichi" in doc.reason


# --- pay wall --------------------------------------------------------------------------------

def test_paywalled_page_keeps_the_teaser_and_drops_the_notices():
    doc = extract(mainichi("mainichi_paywalled.html"))
    assert doc.status == "paywalled" and doc.truncated and doc.readable
    assert doc.paragraphs == (
        "全国の主要港で、コンテナの積み降ろしを担う荷役作業員の不足が深刻になっている。"
        "業界団体の調べでは、作業員の数はこの5年で約2割減った。",
        "船の到着から荷物の引き渡しまでにかかる日数は平均で1.5日延び、輸入品の価格にも影響が出始めている。",
    )
    assert "有料記事" not in doc.text and "残り" not in doc.text and "会員登録" not in doc.text


def test_paywall_reason_counts_visible_and_full_characters():
    doc = extract(mainichi("mainichi_paywalled.html"))
    visible = sum(len(p) for p in doc.paragraphs)
    assert doc.reason == f"paywalled: {visible} of 2941 characters visible"


def test_notices_alone_mark_the_page_paywalled_and_full_width_counts_are_read():
    html = (fixture("mainichi_paywalled.html").replace(" is-mustpay", "")
            .replace("残り1828文字（全文2941文字）", "残り１，８２８文字（全文２，９４１文字）"))
    doc = extract(mainichi(html=html))
    assert doc.status == "paywalled" and doc.truncated
    assert doc.reason.endswith("of 2941 characters visible")


def test_mustpay_class_alone_takes_the_full_length_from_the_title_block():
    html = (fixture("mainichi_paywalled.html").replace("この記事は有料記事です。", "")
            .replace("残り1828文字（全文2941文字）", ""))
    doc = extract(mainichi(html=html))
    assert doc.status == "paywalled" and doc.reason.endswith("of 2941 characters visible")


def test_free_article_is_not_truncated():
    doc = extract(mainichi())
    assert doc.status == "ok" and not doc.truncated and doc.reason == ""

"""www.reuters.com and jp.reuters.com: DOM paragraphs first, Fusion JSON as the fallback.

reuters_jp_devset.html is a byte copy of the jp.reuters.com page in shared/devset/cassette.yaml
(served as plain text/html with no charset anywhere).
"""
from pathlib import Path

from verify.model import Page
from verify.sources import extract

PAGES = Path(__file__).parent / "fixtures" / "pages"
DEVSET_URL = "https://jp.reuters.com/world/europe/UEFNC4ERRFOTLOKZXDUN4LQ3BY-2025-01-17/"
JP_URL = "https://jp.reuters.com/markets/japan/ABCDEFGHIJKLMNOPQRSTUVWXYZ-2025-01-24/"
WWW_URL = "https://www.reuters.com/markets/asia/japans-exports-rise-third-month-2023-11-16/"


def fixture(name: str) -> str:
    return (PAGES / name).read_text("utf-8")


def reuters(name: str, url: str = JP_URL, html: str | None = None) -> Page:
    return Page(url=url, final_url=url, http_status=200, content_type="text/html",
                text=fixture(name) if html is None else html)


DEVSET_PARAGRAPHS = (
    "［モスクワ　１７日　ロイター］ - ロシアのプーチン大統領は１７日、モスクワを訪問したイランの"
    "ペゼシュキアン大統領と会談し、期間を２０年とする包括的戦略パートナーシップ条約に署名した。",
    "条約に基づき、両国は治安機関や軍事演習、軍艦の寄港、合同訓練などの分野で協力を強め、軍事面の関係を深めていく。",
    "両国は自国の領土が相手国の安全を脅かす行為に使われることを認めず、いずれか一方を攻撃した国を支援しないことも約束した。",
    "ただし、ロシアが北朝鮮と結んだ条約とは異なり、相互防衛の条項は盛り込まれなかった。"
    "欧米が懸念する武器の移転についても、条約は具体的に触れていない。",
    "ペゼシュキアン氏がクレムリンを訪れるのは、昨年７月の大統領選挙で勝利して以来初めて。",
)


# --- the real-markup dev-set page ------------------------------------------------------------

def test_devset_page_keeps_the_dateline_paragraph_the_fusion_json_omits():
    doc = extract(reuters("reuters_jp_devset.html", DEVSET_URL))
    assert doc.status == "ok" and doc.site == "reuters"
    assert doc.paragraphs == DEVSET_PARAGRAPHS


def test_devset_metadata_published_is_utc():
    doc = extract(reuters("reuters_jp_devset.html", DEVSET_URL))
    assert doc.title == "ロシアとイランが20年間の戦略条約に署名、軍事協力を強化"
    assert doc.published == "2025-01-17T13:40:00+00:00"
    assert doc.author == "ロイター編集"


def test_devset_sign_off_promo_and_trust_badge_are_not_text():
    text = extract(reuters("reuters_jp_devset.html", DEVSET_URL)).text
    for junk in ("Reporting by", "ニュースレター", "opens new tab", "信頼の原則", "関連記事"):
        assert junk not in text


def test_metered_page_marked_not_free_is_not_truncated():
    doc = extract(reuters("reuters_jp_devset.html", DEVSET_URL))
    assert '"isAccessibleForFree": false' in fixture("reuters_jp_devset.html")
    assert doc.status == "ok" and not doc.truncated


def test_undeclared_charset_bytes_decode_without_mojibake():
    body = (PAGES / "reuters_jp_devset.html").read_bytes()
    assert b"charset" not in body.lower()
    page = Page(url=DEVSET_URL, final_url=DEVSET_URL, http_status=200,
                content_type="text/html", body=body)
    assert extract(page).paragraphs == DEVSET_PARAGRAPHS


# --- jp.reuters.com, <div> paragraphs (2024 layout) ------------------------------------------

def test_jp_div_paragraphs_keep_full_width_characters_and_join_lines():
    doc = extract(reuters("reuters_jp_div.html"))
    assert doc.paragraphs == (
        "［東京　２４日　ロイター］ - 日銀は２３―２４日に開いた金融政策決定会合で、政策金利を０．２５％から"
        "０．５％に引き上げることを賛成多数で決めた。 ０．５％は日銀が２００８年以来、約１７年ぶりの水準となる。",
        "植田和男総裁は会見で、賃上げの動きが広がり、物価の上振れリスクに注意が必要だと説明した。",
        "決定には９人の政策委員のうち８人が賛成し、１人が反対した。",
    )


def test_jp_metadata_drops_milliseconds_and_ignores_related_story_dates():
    doc = extract(reuters("reuters_jp_div.html"))
    assert doc.title == "日銀、政策金利を０．５％に引き上げ　１７年ぶり水準"
    assert doc.published == "2025-01-24T03:45:12+00:00"
    assert doc.author == "杉山健太郎"


# --- www.reuters.com, <p> paragraphs (2023 layout) -------------------------------------------

def test_www_p_paragraphs_keep_spaces_around_links_and_drop_new_tab_labels():
    doc = extract(reuters("reuters_www_2023.html", WWW_URL))
    assert doc.status == "ok" and doc.site == "reuters"
    assert doc.paragraphs == (
        "TOKYO, Nov 16 (Reuters) - Japan's exports rose 1.6% in October from a year earlier, "
        "Ministry of Finance data showed on Thursday, the third straight month of gains as "
        "shipments of chips and cars to Asia picked up.",
        "The rise compared with a 1.0% increase expected by economists in a Reuters poll, and "
        "followed a 4.3% gain in September.",
        "Imports fell 12.5% over the same period, leaving a trade deficit of 662.5 billion yen "
        "($4.38 billion).",
        '"Demand from China is still weak, but we see the bottom forming," said an economist at a '
        "Tokyo think tank.",
    )


def test_www_promo_box_and_sign_off_are_skipped():
    text = extract(reuters("reuters_www_2023.html", WWW_URL)).text
    assert "Sign up here" not in text and "Editing by" not in text


def test_www_metadata_from_meta_name_not_from_time_elements():
    doc = extract(reuters("reuters_www_2023.html", WWW_URL))
    assert doc.title == "Japan's exports rise for third month as chip demand recovers"
    assert doc.published == "2023-11-16T00:21:37+00:00"
    assert doc.author == "Tetsushi Kajimoto, Kantaro Komiya"


def test_published_falls_back_to_json_ld_when_the_meta_tags_are_gone():
    html = fixture("reuters_www_2023.html").replace("article:published_time", "x-published")
    html = html.replace('"datePublished":"2023-11-16T00:21:37Z"',
                        '"datePublished":"2023-11-16T09:21:37+09:00"')
    assert extract(reuters("", WWW_URL, html)).published == "2023-11-16T00:21:37+00:00"


def test_bare_reuters_com_host_uses_the_reuters_extractor():
    url = "https://reuters.com/markets/asia/japans-exports-rise-third-month-2023-11-16/"
    assert extract(reuters("reuters_www_2023.html", url)).site == "reuters"


# --- Fusion fallback -------------------------------------------------------------------------

def test_fusion_json_is_used_when_the_dom_has_no_paragraphs():
    doc = extract(reuters("reuters_fusion_only.html"))
    assert doc.status == "ok"
    assert doc.paragraphs == (
        "トヨタ自動車は、米ノースカロライナ州の電池工場に約２０億ドルを追加で投じると発表した。",
        "追加投資により、同工場の投資総額は約１３９億ドルとなる。トヨタは２０２５年中の稼働開始を目指している。",
    )


def test_fusion_only_page_takes_title_date_and_authors_from_the_json():
    doc = extract(reuters("reuters_fusion_only.html"))
    assert doc.title == "トヨタ、北米で電池工場を増強　追加投資は約２０億ドル"
    assert doc.published == "2025-02-05T06:30:00+00:00"  # not the related card's 2018 date
    assert doc.author == "白木真紀, 久保信博"


def test_dom_paragraphs_win_over_fusion_even_when_both_exist():
    doc = extract(reuters("reuters_jp_div.html"))
    assert len(doc.paragraphs) == 3 and doc.paragraphs[0].startswith("［東京　２４日　ロイター］")


def test_broken_fusion_json_and_no_dom_text_is_empty_not_an_error():
    html = fixture("reuters_fusion_only.html").replace('Fusion.globalContent={"result"',
                                                       'Fusion.globalContent={result')
    doc = extract(reuters("", JP_URL, html))
    assert doc.status == "empty" and doc.paragraphs == ()
    assert doc.title == "トヨタ、北米で電池工場を増強　追加投資は約２０億ドル"  # <title>, suffix stripped

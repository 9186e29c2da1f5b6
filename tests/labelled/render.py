"""Render one source spec (an entry of sources.yaml) into the HTTP response its site serves.

One function per site layout, following docs/SOURCES.md: mainichi.jp (normal and members-only),
jp.reuters.com (Arc XP / Fusion, full-width digits, no charset anywhere), Japanese sites that
carry a JSON-LD NewsArticle with articleBody, sites with no JSON-LD (a main-text extractor must
find the body among navigation, rankings and footers), and the failures: DataDome 401, 404 and a
soft 404 (a 200 page that says ページが見つかりません).

Everything is deterministic: no clock, no randomness; "hashed" class names and DataDome ids are
derived from the URL, so rebuilding a cassette gives the same bytes.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

DATE_HEADER = "Thu, 26 Nov 2026 09:00:00 GMT"  # same fixed date as the devset cassette
LINK = re.compile(r"\[\[(.+?)\|(.+?)\]\]")
DATELINE = re.compile(r"^\[([^\]]+)\] - ")


@dataclass(frozen=True)
class Response:
    status: int
    message: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- helpers

def esc(text: str) -> str:
    return html.escape(text, quote=True)


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""


def token(url: str, n: int = 6, salt: str = "") -> str:
    """A stable pseudo-random token (hashed class names, ids) derived from the URL."""
    return hashlib.sha1((salt + url).encode()).hexdigest()[:n]


def when(src: dict) -> datetime:
    return datetime.fromisoformat(src["published"])


def plain_text(para: str) -> str:
    """Paragraph as a reader sees it: link markup dropped, heading marker dropped."""
    para = para[3:] if para.startswith("## ") else para
    return LINK.sub(lambda m: m.group(1), para)


def inline_html(para: str, link=None) -> str:
    """Escape a paragraph and turn [[text|url]] into links (`link` renders one)."""
    link = link or (lambda text, url: f'<a href="{esc(url)}">{esc(text)}</a>')
    out, pos = [], 0
    for m in LINK.finditer(para):
        out.append(esc(para[pos:m.start()]))
        out.append(link(m.group(1), m.group(2)))
        pos = m.end()
    out.append(esc(para[pos:]))
    return "".join(out)


def body_paragraphs(src: dict) -> list[str]:
    """The paragraphs the server sends (a pay wall cuts the list)."""
    paras = list(src.get("paragraphs") or [])
    wall = src.get("paywall")
    return paras[: wall["visible"]] if wall else paras


def article_body_text(src: dict, sep: str = "\n") -> str:
    return sep.join(plain_text(p) for p in body_paragraphs(src) if not p.startswith("## "))


HEADLINES = [  # unrelated sidebar / ranking items: noise for main-text extraction
    "週末は広い範囲で行楽日和 紅葉見ごろの名所に人出",
    "新しい1万円札、流通開始から1年 キャッシュレス化で出番減る",
    "高校野球の秋季大会、21世紀枠の推薦校が決まる",
    "駅前再開発で商業ビルが完成 地元商店街は期待と不安",
    "将棋の竜王戦第3局、挑戦者が先勝",
    "ふるさと納税の返礼品、人気1位は今年もホタテ",
    "冬のボーナス、平均支給額が増加 民間調査",
    "動物園でレッサーパンダの赤ちゃん誕生 名前を募集",
    "来春の新卒採用、売り手市場続く 内定率は高い水準に",
    "図書館の開館時間延長へ 市議会で予算可決",
]


def headlines(url: str, n: int = 4) -> list[str]:
    start = int(token(url, 4, "hl"), 16) % len(HEADLINES)
    return [HEADLINES[(start + i) % len(HEADLINES)] for i in range(n)]


def ranking_html(url: str, title: str = "アクセスランキング") -> str:
    items = "".join(f'<li><a href="/r/{token(url, 8, h)}">{esc(h)}</a></li>' for h in headlines(url))
    return f'<aside class="ranking"><h2>{title}</h2><ol>{items}</ol></aside>'


def jp_date(dt: datetime) -> str:
    return f"{dt.year}年{dt.month}月{dt.day}日 {dt.hour}時{dt.minute:02d}分"


# ---------------------------------------------------------------- mainichi.jp

def mainichi(src: dict) -> str:
    url, title, author = src["url"], src["title"], src["author"]
    dt = when(src)
    iso = dt.strftime("%Y-%m-%dT%H:%M:%S%z")                     # +0900, no colon
    visible = f"{dt.year}/{dt.month}/{dt.day} {dt:%H:%M}（最終更新 {dt.month}/{dt.day} {dt:%H:%M}）"
    full_len = sum(len(plain_text(p)) for p in src["paragraphs"] if not p.startswith("## "))
    wall = src.get("paywall")
    parts = []
    for i, para in enumerate(body_paragraphs(src)):
        if para.startswith("## "):
            parts.append(f"<h2>{esc(para[3:])}</h2>")
            continue
        parts.append(f"<!-- cxenseparse_start --><p>\u3000{inline_html(para)}</p><!-- cxenseparse_end -->")
        if i == 0:
            parts.append(f'<aside class="ad-articledetail-1"><div class="ad">広告</div></aside>\n'
                         f'<div class="articledetail-image-left"><figure><img src="https://cdn.mainichi.jp/vol1/'
                         f'{token(url, 10)}.jpg" alt=""><figcaption>関連する写真(資料写真)</figcaption></figure></div>')
    section_class = "articledetail-body"
    paytag = ""
    if wall:
        shown = sum(len(plain_text(p)) for p in body_paragraphs(src) if not p.startswith("## "))
        section_class += " is-mustpay"
        paytag = '\n<li><span class="articletag-mustpay">有料記事</span></li>'
        parts.append("<p>この記事は有料記事です。</p>")
        parts.append(f"<p>残り{full_len - shown}文字（全文{full_len}文字）</p>")
        parts.append('<div class="articledetail-paywall"><a class="btn-login" href="https://mainichi.jp/auth/login">'
                     'ログインする</a><a class="btn-register" href="https://mainichi.jp/plan/">会員登録して続きを読む</a></div>')
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": f"{title} - 毎日新聞",
          "datePublished": iso, "author": [{"@type": "Organization", "name": "毎日新聞"}]}
    body = "\n".join(parts)
    return f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="UTF-8">
<meta name="viewport" content="width=1280">
<title>{esc(title)} | 毎日新聞</title>
<meta name="title" content="{esc(title)}">
<meta name="robots" content="noarchive">
<meta property="og:title" content="{esc(title)} | 毎日新聞">
<meta property="og:type" content="article">
<meta property="og:url" content="{esc(url)}">
<meta property="og:site_name" content="毎日新聞">
<meta name="firstcreate" content="{dt:%Y-%m-%d %H:%M:%S}">
<meta name="cXenseParse:recs:publishtime" content="{iso}">
<meta name="cXenseParse:author" content="{esc(author)}">
<meta property="article:modified_time" content="{iso}">
<link rel="canonical" href="{esc(url)}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head><body>
<header class="header"><a href="https://mainichi.jp/">毎日新聞</a><nav class="header-nav"><a href="/flash/">速報</a><a href="/ranking/">ランキング</a><a href="/shasetsu/">社説</a></nav></header>
<main class="main"><article class="article">
<div id="articledetail-title" class="articledetail-title">
<h1 class="title-page">{esc(title)}</h1>
<ul class="articletag"><li><span class="articletag-date is-articledetail">{visible}</span></li>
<li><a class="articletag-author" href="/author/{token(url, 5, 'a')}/">{esc(author)}</a></li>
<li><span class="articletag-count">{full_len}文字</span></li>{paytag}</ul>
</div>
<section class="{section_class}" id="articledetail-body">
{body}
</section>
<div class="articledetail-related"><h2>関連記事</h2><ul><li><a href="/articles/{token(url, 8, 'rel')}">{esc(headlines(url, 1)[0])}</a><span class="articletag-date">1時間前</span></li></ul></div>
</article></main>
<aside class="sidebar"><h2>アクセスランキング</h2><ol>{"".join(f'<li><a href="/articles/{token(url, 8, h)}">{esc(h)}</a><span class="articletag-date">3時間前</span></li>' for h in headlines(url, 3))}</ol></aside>
<footer class="footer">Copyright 毎日新聞社. 無断転載禁止</footer>
</body></html>"""


# ---------------------------------------------------------------- jp.reuters.com

_FW = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz%.,()&/+:"}


def fullwidth(text: str) -> str:
    """jp.reuters.com style: full-width digits, Latin letters, brackets; dateline spaces U+3000."""
    m = DATELINE.match(text)
    head = ""
    if m:
        inner = "".join(_FW.get(c, c) for c in m.group(1)).replace(" ", "\u3000")
        head, text = f"［{inner}］ - ", text[m.end():]
    out, pos = [], 0
    for lm in LINK.finditer(text):  # keep URLs inside link markup untouched
        out.append("".join(_FW.get(c, c) for c in text[pos:lm.start()]))
        out.append(f"[[{''.join(_FW.get(c, c) for c in lm.group(1))}|{lm.group(2)}]]")
        pos = lm.end()
    out.append("".join(_FW.get(c, c) for c in text[pos:]))
    return head + "".join(out)


def reuters(src: dict) -> str:
    url = src["url"]
    title = fullwidth(src["title"])
    author = src["author"]
    utc = when(src).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    jst = when(src)
    paras = [fullwidth(p) for p in src["paragraphs"]]
    h = token(url, 5)
    tab = ('<a href="{u}" target="_blank" rel="noopener">{t}<span class="text__sr-only">, opens new tab</span></a>')
    def rlink(text, u):
        return tab.format(u=esc(u), t=esc(text))
    divs = "\n".join(f'<div data-testid="paragraph-{i}" class="article-body-module__paragraph__{h}">{inline_html(p, rlink)}</div>'
                     for i, p in enumerate(paras))
    fusion = {"result": {"title": title, "display_time": utc, "authors": [{"name": author}],
                         "content_elements": [{"type": "paragraph", "content": inline_html(p)} for p in paras[1:]]}}
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title, "datePublished": utc,
          "isAccessibleForFree": False, "author": [{"@type": "Person", "name": author}]}
    return f"""<!DOCTYPE html>
<html lang="ja"><head>
<title>{esc(title)} | ロイター</title>
<meta property="og:title" content="{esc(title)}">
<meta property="og:site_name" content="Reuters">
<meta name="article:published_time" content="{utc}">
<meta property="og:article:published_time" content="{utc}">
<meta name="article:modified_time" content="{utc}">
<meta name="article:author" content="{esc(author)}">
<meta name="article:content_tier" content="metered">
<link rel="canonical" href="{esc(url)}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
</head><body>
<div id="fusion-app"><header class="site-header"><a href="/">ロイター</a><nav><a href="/markets/">マーケット</a><a href="/business/">ビジネス</a><a href="/world/">ワールド</a></nav></header>
<main id="main-content"><article class="article__container">
<header class="article-header"><h1 data-testid="Heading" class="text__heading_2">{esc(title)}</h1>
<div class="article-info"><a rel="author" href="/authors/{token(url, 6, 'au')}/">{esc(author)}</a>
<time><span data-testid="DateLineText">{jst:%Y-%m-%d}</span><span data-testid="DateLineText">{jst:%H:%M} JST</span></time></div></header>
<div class="article-body-module__content__{h}" data-testid="ArticleBody">
{divs}
<p data-testid="SignOff">（編集：{esc(author)}）</p>
<div data-testid="promo-box">ロイターのニュースレターに登録する</div>
</div>
<ul class="related"><li><a href="/world/{token(url, 8, 'rel')}/">{esc(headlines(url, 1)[0])}</a> <time datetime="2020-01-01T00:00:00Z">2020年1月1日</time></li></ul>
<p class="trust-badge">私たちの行動規範:トムソン・ロイター「信頼の原則」<span>opens new tab</span></p>
</article></main></div>
<script id="fusion-metadata" type="application/javascript">window.Fusion=window.Fusion||{{}};Fusion.globalContent={json.dumps(fusion, ensure_ascii=False)};</script>
</body></html>"""


def datadome(src: dict) -> Response:
    url = src["url"]
    cid = token(url, 32, "cid")
    page = ('<html lang="en"><head><title>jp.reuters.com</title><style>#cmsg{animation: A 1.5s;}'
            '@keyframes A{0%{opacity:0;}99%{opacity:0;}100%{opacity:1;}}</style></head>'
            '<body style="margin:0"><p id="cmsg">Please enable JS and disable any ad blocker</p>'
            f"<script data-cfasync=\"false\">var dd={{'rt':'c','cid':'{cid}','hsh':'{token(url, 30, 'hsh').upper()}',"
            f"'t':'bv','s':46743,'e':'{token(url, 40, 'e')}','host':'geo.captcha-delivery.com'}}</script>"
            '<script data-cfasync="false" src="https://ct.captcha-delivery.com/c.js"></script></body></html>\n')
    headers = {
        "Content-Type": "text/html;charset=utf-8",
        "Cache-Control": "max-age=0, private, no-cache, no-store, must-revalidate",
        "x-datadome": "protected",
        "x-dd-b": "1",
        "Set-Cookie": f"datadome={token(url, 40, 'ck')}; Max-Age=31536000; Domain=.reuters.com; Path=/; Secure; SameSite=Lax",
    }
    return Response(401, "Unauthorized", page.encode("utf-8"), headers)


# ---------------------------------------------------------------- sites with JSON-LD articleBody

JSONLD_SITES = {  # host -> (site name, how the visible body is marked up)
    "www3.nhk.or.jp": ("NHK NEWS WEB", "nhk"),
    "www.asahi.com": ("朝日新聞デジタル", "hashed_div"),
    "www.yomiuri.co.jp": ("読売新聞オンライン", "yomiuri"),
    "www.nikkei.com": ("日本経済新聞", "hashed_section"),
    "news.yahoo.co.jp": ("Yahoo!ニュース", "yahoo"),
    "www.jiji.com": ("時事ドットコム", "jiji"),
    "www.sankei.com": ("産経ニュース", "article_body"),
    "www.kyodonews.jp": ("共同通信", "article_body"),
    "newsdig.tbs.co.jp": ("TBS NEWS DIG", "article_body"),
}


def jsonld_body(style: str, src: dict) -> str:
    url = src["url"]
    paras = [p for p in body_paragraphs(src)]
    h = token(url, 5)

    def ps(attrs: str = "") -> str:
        return "\n".join(f"<p{attrs}>{inline_html(plain_text(p))}</p>" for p in paras)
    if style == "nhk":
        rest = "\n".join(f"<p>{inline_html(p)}</p>" for p in paras[1:])
        return (f'<div class="content--detail-body"><p class="content--summary">{inline_html(paras[0])}</p>\n'
                f'<div class="content--body"><div class="body-text">\n{rest}\n</div></div></div>')
    if style == "hashed_div":
        attrs = f' class="p{h}"'
        return f'<div class="nfy{h}" data-article-body="true">\n{ps(attrs)}\n</div>'
    if style == "yomiuri":
        attrs = ' itemprop="articleBody"'
        return f'<div class="p-main-contents">\n{ps(attrs)}\n</div>'
    if style == "hashed_section":
        attrs = f' class="paragraph_{h}"'
        return f'<section class="container_{h}">\n{ps(attrs)}\n</section>'
    if style == "yahoo":  # one <p>, paragraphs separated by blank lines of <br>
        joined = "<br><br>".join(inline_html(p) for p in paras)
        return (f'<div class="article_body highLightSearchTarget"><div class="sc-{h}">'
                f'<p class="sc-54nboa-0 yjSlinkDirectlink highLightSearchTarget">{joined}</p></div></div>')
    if style == "jiji":
        return f'<div class="ArticleText clearfix">\n{ps()}\n</div>'
    attrs = ' class="article-text"'
    return f'<div class="article-body">\n{ps(attrs)}\n</div>'


def jsonld_block(src: dict, site: str) -> str:
    url = src["url"]
    author = src["author"]
    person = not any(w in author for w in ("NHK", "通信", "新聞", "部", "テレビ"))
    article = {
        "@type": "NewsArticle",
        "headline": src["title"],
        "datePublished": src["published"],
        "dateModified": src["published"],
        "author": [{"@type": "Person" if person else "Organization", "name": author}],
        "publisher": {"@type": "Organization", "name": site,
                      "logo": {"@type": "ImageObject", "url": f"https://{host_of(url)}/logo.png"}},
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "inLanguage": "ja",
        "articleBody": article_body_text(src, "\n\n" if "nhk" in url else "\n"),
    }
    style = src.get("jsonld", "object")
    crumbs = {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "トップ", "item": f"https://{host_of(url)}/"},
        {"@type": "ListItem", "position": 2, "name": src["title"], "item": url}]}
    if style == "list":
        data = [{"@context": "https://schema.org", **crumbs}, {"@context": "https://schema.org", **article}]
    elif style == "graph":
        data = {"@context": "https://schema.org", "@graph": [crumbs, article]}
    else:
        data = {"@context": "https://schema.org", **article}
    ascii_only = host_of(url) in ("www.nikkei.com", "www.yomiuri.co.jp")  # some sites \u-escape
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=ascii_only)}</script>'


def jsonld_page(src: dict) -> str:
    url, title = src["url"], src["title"]
    site, style = JSONLD_SITES[host_of(url)]
    dt = when(src)
    return f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8">
<title>{esc(title)} | {esc(site)}</title>
<meta name="description" content="{esc(plain_text(src['paragraphs'][0])[:80])}">
<meta property="og:title" content="{esc(title)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{esc(site)}">
<meta property="article:published_time" content="{src['published']}">
<link rel="canonical" href="{esc(url)}">
{jsonld_block(src, site)}
</head><body>
<header class="g-header"><a class="logo" href="/">{esc(site)}</a><nav><ul><li><a href="/national/">社会</a></li><li><a href="/politics/">政治</a></li><li><a href="/economy/">経済</a></li><li><a href="/sports/">スポーツ</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">トップ</a> &gt; <span>{esc(title)}</span></div>
<main><div class="article-wrap">
<h1 class="article-title">{esc(title)}</h1>
<div class="article-meta"><time datetime="{src['published']}">{jp_date(dt)}</time><span class="byline">{esc(src['author'])}</span></div>
{jsonld_body(style, src)}
<div class="share">この記事をシェアする</div>
</div></main>
{ranking_html(url)}
<footer><p>Copyright {esc(site)} All rights reserved.</p></footer>
</body></html>"""


# ---------------------------------------------------------------- sites without JSON-LD

PLAIN_SITES = {  # host -> (site name, layout)
    "www.tokyo-np.co.jp": ("東京新聞デジタル", "article_time"),
    "www.hokkaido-np.co.jp": ("北海道新聞デジタル", "article_meta"),
    "www.jomo-news.co.jp": ("上毛新聞", "article_text_date"),
    "www.nikkansports.com": ("日刊スポーツ", "legacy_div"),
    "www.chugoku-np.co.jp": ("中国新聞デジタル", "div_body"),
    "www.fukuishimbun.co.jp": ("福井新聞ONLINE", "article_time"),
    "www.sponichi.co.jp": ("スポニチ Sponichi Annex", "div_body"),
    "www.minpo.jp": ("福島民報", "article_time"),
}


def plain_page(src: dict) -> str:
    url, title = src["url"], src["title"]
    site, layout = PLAIN_SITES[host_of(url)]
    dt = when(src)
    paras = "\n".join(f"<p>{inline_html(plain_text(p))}</p>" for p in body_paragraphs(src))
    meta_time = ""
    nav = ('<header id="header"><div class="logo"><a href="/">' + esc(site) + '</a></div><ul class="gnav">'
           '<li><a href="/news/">ニュース</a></li><li><a href="/sports/">スポーツ</a></li>'
           '<li><a href="/local/">地域</a></li><li><a href="/opinion/">オピニオン</a></li></ul></header>')
    if layout == "article_time":
        main = (f'<article class="article"><h1 class="article-title">{esc(title)}</h1>\n'
                f'<div class="article-date"><time datetime="{src["published"]}">{dt.year}年{dt.month}月{dt.day}日 {dt:%H:%M}</time></div>\n'
                f'<div class="article-body">\n{paras}\n</div>\n<p class="article-writer">{esc(src["author"])}</p></article>')
    elif layout == "article_meta":
        meta_time = f'\n<meta property="article:published_time" content="{src["published"]}">'
        main = (f'<article><header><h1>{esc(title)}</h1><p class="article-date">{dt.year}年{dt.month}月{dt.day}日 {dt:%H:%M}'
                f'（{dt.month}月{dt.day}日 {dt:%H:%M}更新）</p></header>\n{paras}\n'
                f'<footer class="article-footer">{esc(src["author"])}</footer></article>')
    elif layout == "article_text_date":
        main = (f'<article class="p-article"><h1 class="p-article__title">{esc(title)}</h1>\n'
                f'<p class="p-article__date">{dt:%Y/%m/%d %H:%M}</p>\n<div class="p-article__body">\n{paras}\n</div></article>')
    elif layout == "legacy_div":  # old table-era template, no <article>
        main = (f'<div id="news"><div id="news-header"><h1>{esc(title)}</h1>'
                f'<p id="update-time">[{dt.year}年{dt.month}月{dt.day}日{dt.hour}時{dt.minute}分]</p></div>\n'
                f'<div id="news-article" class="article-body">\n{paras}\n</div>\n'
                f'<p class="news-writer">（{esc(src["author"])}）</p></div>')
    else:  # div_body: no <article>, no datetime attribute
        main = (f'<div class="article"><div class="article__head"><h1>{esc(title)}</h1>'
                f'<span class="article__date">{dt.year}/{dt.month}/{dt.day} {dt:%H:%M}</span></div>\n'
                f'<div class="article__body">\n{paras}\n</div></div>')
    return f"""<!DOCTYPE html>
<html lang="ja"><head>{{charset}}
<title>{esc(title)}｜{esc(site)}</title>
<meta name="description" content="{esc(plain_text(src['paragraphs'][0])[:60])}">{meta_time}
<link rel="stylesheet" href="/common/css/style.css">
</head><body>
{nav}
<div id="contents"><div id="main">
{main}
<div class="sns-share"><a href="https://twitter.com/share">ポスト</a><a href="https://www.facebook.com/share">シェア</a></div>
<div class="related"><h3>関連ニュース</h3><ul>{"".join(f'<li><a href="/news/{token(url, 7, h)}">{esc(h)}</a></li>' for h in headlines(url, 2))}</ul></div>
</div>
<div id="side">{ranking_html(url, "よく読まれている記事")}
<div class="banner"><a href="/subscribe/">電子版のお申し込みはこちら。初月無料でお試しいただけます。</a></div></div></div>
<footer id="footer"><p>このサイトに掲載の記事・写真の無断転載を禁じます。</p><p>Copyright {esc(site)}</p></footer>
</body></html>"""


# ---------------------------------------------------------------- failures

def not_found(src: dict) -> Response:
    host = host_of(src["url"])
    if host == "news.yahoo.co.jp":
        msg = "指定されたURLは存在しませんでした。"
        sub = "記事の掲載期間が終了したか、URLが間違っている可能性があります。"
    else:
        msg = "お探しのページは見つかりませんでした。"
        sub = "ニュースの掲載期間が終了したか、URLが変更された可能性があります。"
    page = (f'<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8"><title>404 Not Found</title></head>'
            f'<body><div class="error"><h1>{msg}</h1><p>{sub}</p><p><a href="/">トップページへ</a></p></div></body></html>\n')
    return Response(404, "Not Found", page.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"})


def soft_404(src: dict) -> Response:
    url = src["url"]
    host = host_of(url)
    site = (JSONLD_SITES.get(host) or PLAIN_SITES.get(host))[0]
    if host == "www.minpo.jp":
        heading, note = "お探しのページは見つかりませんでした", "記事の公開期間が終了したか、削除された可能性があります。"
    else:
        heading, note = "ページが見つかりません", "お探しのページは、URLが変更されたか、削除された可能性があります。"
    latest = "".join(f'<li><a href="/articles/-/{int(token(url, 6, h), 16)}">{esc(h)}</a></li>' for h in headlines(url, 5))
    page = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8">
<title>{heading} | {esc(site)}</title>
<meta property="og:title" content="{esc(site)}">
<meta property="og:type" content="website">
</head><body>
<header><a href="/">{esc(site)}</a><nav><a href="/list/">最新ニュース</a><a href="/ranking/">ランキング</a></nav></header>
<main><div class="notfound"><h1>{heading}</h1><p>{note}</p><p>トップページや検索から、目的のページをお探しください。</p>
<form action="/search"><input type="text" name="q" placeholder="キーワードを入力"><button>検索</button></form></div>
<section class="latest"><h2>最新のニュース</h2><ul>{latest}</ul></section></main>
<footer>Copyright {esc(site)} All Rights Reserved.</footer>
</body></html>"""
    return Response(200, "OK", page.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"})


# ---------------------------------------------------------------- dispatch

CHARSET_LABEL = {"shift_jis": "Shift_JIS", "euc_jp": "EUC-JP", "utf-8": "UTF-8"}


def render(src: dict) -> Response:
    """The response the site serves for `src` (status, headers without Date, body bytes)."""
    status = src.get("status", "ok")
    if status == "blocked":
        assert host_of(src["url"]).endswith("reuters.com"), src["url"]
        return datadome(src)
    if status == "not_found":
        return not_found(src)
    if status == "soft_404":
        return soft_404(src)
    site = src["site"]
    if site == "mainichi":
        return Response(200, "OK", mainichi(src).encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"})
    if site == "reuters":  # no charset in the header nor in the page (requests falls back to ISO-8859-1)
        return Response(200, "OK", reuters(src).encode("utf-8"), {"Content-Type": "text/html"})
    if site == "jsonld":
        return Response(200, "OK", jsonld_page(src).encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"})
    if site == "plain":
        charset = src.get("charset", "utf-8")
        where = src.get("charset_in", "meta" if charset != "utf-8" else "both")
        label = CHARSET_LABEL[charset]
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={label}">' if where in ("meta", "both") else ""
        ctype = f"text/html; charset={label}" if where in ("header", "both") else "text/html"
        page = plain_page(src).replace("{charset}", meta, 1)
        return Response(200, "OK", page.encode(charset, errors="strict"), {"Content-Type": ctype})
    raise ValueError(f"unknown site layout {site!r} for {src['url']}")

"""Seeded Japanese news text: stories of ~5,000 characters and the claims a summary makes of them.

Every sentence comes from a template with two wordings: the source's (news style, with a
date and attribution) and a summary's paraphrase (what a ✅ line says). A claim is either the
faithful paraphrase or a paraphrase with one fact changed (a number, an entity, the polarity),
so a generated claim carries its own label. Written for this project; the vocabulary is
ordinary news Japanese, the facts are invented.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

PLACES = ("東京", "大阪", "名古屋", "福岡", "札幌", "仙台", "広島", "神戸", "京都", "横浜", "那覇",
          "ソウル", "北京", "上海", "ワシントン", "ニューヨーク", "ロンドン", "パリ", "ベルリン",
          "モスクワ", "ニューデリー", "ジャカルタ", "シドニー", "ブリュッセル", "ジュネーブ")
COUNTRIES = ("米国", "中国", "韓国", "英国", "フランス", "ドイツ", "インド", "ロシア", "オーストラリア",
             "インドネシア", "ベトナム", "ブラジル", "カナダ", "イタリア", "トルコ", "メキシコ")
ORGS = ("経済産業省", "国土交通省", "厚生労働省", "財務省", "外務省", "文部科学省", "日本銀行", "総務省",
        "環境省", "気象庁", "国際通貨基金", "世界保健機関", "東京証券取引所", "日本経済団体連合会",
        "トヨタ自動車", "ソニーグループ", "日立製作所", "パナソニック", "三菱重工業", "任天堂",
        "日本郵政", "東日本旅客鉄道", "全日本空輸", "楽天グループ", "京都大学", "東京大学")
SURNAMES = ("佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田",
            "山田", "佐々木", "山口", "松本", "井上", "木村", "清水", "山崎", "池田", "橋本", "阿部",
            "石川", "前田", "藤田", "岡田", "後藤", "長谷川", "村上", "近藤")
GIVEN = ("健一", "浩二", "誠", "陽子", "恵子", "直樹", "大輔", "美穂", "隆", "亮", "真理子", "和也",
         "裕子", "翔太", "智子", "修", "剛", "明美", "拓也", "由紀")
TITLES = ("大臣", "社長", "総裁", "知事", "市長", "会長", "教授", "委員長", "代表", "長官")
TOPICS = ("半導体の供給網", "再生可能エネルギーの導入", "物価高対策", "賃上げ", "防衛費の増額",
          "訪日客の受け入れ", "少子化対策", "人工知能の規制", "自動運転の実用化", "原発の再稼働",
          "農産物の輸出", "脱炭素", "医療のデジタル化", "物流の人手不足", "水素の活用", "宇宙開発",
          "大学の国際化", "地方の交通網", "災害への備え", "金融政策の正常化", "電気自動車の普及",
          "サイバー攻撃への対策", "食品ロスの削減", "外国人労働者の受け入れ")
PLANS = ("計画", "方針", "指針", "報告書", "基本方針", "行動計画", "工程表", "中間報告", "新制度")
METRICS = ("売上高", "営業利益", "輸出額", "投資額", "生産量", "受注額", "出荷額", "輸入額")
HEADCOUNTS = ("来場者数", "利用者数", "訪日客数", "加入者数", "会員数")
QUOTES = ("スピード感を持って取り組む", "国民の理解を得ることが重要だ", "あらゆる選択肢を排除しない",
          "現時点で見直す考えはない", "丁寧に説明を尽くしたい", "対話の扉は開かれている",
          "責任を持って実行する", "状況を注視していく", "極めて遺憾だ", "前例のない取り組みになる")
PROTESTS = ("市民団体", "労働組合", "住民ら", "学生ら")

# (source wording, summary wording, summary wording with the polarity flipped or None)
# Slots: {org} {org2} {person} {title} {title2} {place} {country} {topic} {plan} {metric}
# {heads} {quote} {d} {mon} {y} {y2} {n} {n2} {p} {k} {m} {who}. Numbered slots are what a
# "number" alteration changes: n, p, k, m.
TEMPLATES: tuple[tuple[str, str, str | None], ...] = (
    ("{org}は{d}日、{topic}に関する新たな{plan}を発表した。",
     "{org}は{topic}に関する新たな{plan}を発表しました。",
     "{org}は{topic}に関する新たな{plan}の発表を見送りました。"),
    ("{org}によると、{y}年度の{metric}は前年度比{p}%増の{n}億円となり、過去最高を更新した。",
     "{y}年度の{metric}は前年度から{p}%増えて{n}億円となり、過去最高を記録しました。", None),
    ("{person}{title}は{d}日の記者会見で、{topic}について「{quote}」と述べた。",
     "{person}{title}は{topic}について「{quote}」と語りました。", None),
    ("{place}で開かれた会合には、{k}カ国の代表が参加した。",
     "{place}での会合には{k}カ国の代表が集まりました。", None),
    ("計画では、{y}年までに{topic}に総額{n}億円を投じる。",
     "{y}年までに{topic}へ{n}億円を投じる計画です。", None),
    ("{org}は{topic}を巡り、{country}との協議を{d}日に始めた。",
     "{org}は{topic}を巡って{country}との協議を開始しました。",
     "{org}は{topic}を巡る{country}との協議を始めていません。"),
    ("関係者によると、{topic}に関わる企業は全国で約{k}社に上る。",
     "{topic}に関わる企業は全国に約{k}社あるといいます。", None),
    ("{person}氏は{y}年に{org}の{title}に就任し、{topic}を主導してきた。",
     "{person}氏は{y}年から{org}の{title}として{topic}を率いてきました。", None),
    ("{org}がまとめた{plan}には、罰則の規定は盛り込まれなかった。",
     "{org}の{plan}には罰則の規定は含まれていません。",
     "{org}の{plan}には罰則の規定が盛り込まれています。"),
    ("{country}の{metric}は{m}カ月連続で減少した。",
     "{country}の{metric}は{m}カ月続けて減少しました。",
     "{country}の{metric}は{m}カ月連続で増加しました。"),
    ("{org}は{place}に新たな拠点を設け、約{k}人を採用する方針だ。",
     "{org}は{place}に新拠点を開設し、約{k}人を採用する方針です。",
     "{org}は{place}での新拠点の開設を断念しました。"),
    ("調査は{mon}月に実施され、全国の{n2}人が回答した。",
     "調査は{mon}月に行われ、全国で{n2}人が回答しました。", None),
    ("回答者の{p}%が{topic}に期待していると答えた。",
     "回答者の{p}%が{topic}に期待を寄せています。", None),
    ("{place}では{d}日、{topic}に反対する{who}約{k}人がデモ行進した。",
     "{place}で{topic}に反対する約{k}人がデモ行進を行いました。", None),
    ("{org}は{topic}の遅れについて、{country}の輸出規制が影響したと説明した。",
     "{org}は{topic}の遅れの原因として{country}の輸出規制を挙げました。", None),
    ("{person}{title}は{d}日、{place}を訪れ、{country}の{title2}と会談した。",
     "{person}{title}は{place}を訪問し、{country}の{title2}と会談しました。",
     "{person}{title}は{country}の{title2}との会談を見送りました。"),
    ("{org}は{topic}の実証実験を{mon}月から{place}で始めると明らかにした。",
     "{org}は{mon}月から{place}で{topic}の実証実験を始めます。", None),
    ("{org}によると、{heads}は{y}年に{n}万人を超え、{y2}年には{n2}万人に達する見込みだ。",
     "{heads}は{y2}年に{n2}万人に達する見通しです。", None),
    ("ただ、{topic}を巡っては財源の確保が課題となっている。",
     "{topic}では財源の確保が課題になっています。", None),
    ("{org}は{d}日、{topic}の{plan}を閣議決定した。",
     "{topic}の{plan}が閣議決定されました。", None),
    ("{org2}の{person}{title}は、{topic}の効果は限定的だとの見方を示した。",
     "{org2}の{person}{title}は{topic}の効果は限られると指摘しました。", None),
    ("{org}は{topic}について、{y}年から制度を見直す方向で検討に入った。",
     "{org}は{y}年から{topic}の制度を見直す検討を始めました。", None),
    ("{country}政府は{d}日、{topic}で日本と協力する覚書に署名した。",
     "{country}政府は{topic}で日本と協力する覚書に署名しました。",
     "{country}政府は日本との覚書への署名を拒否しました。"),
    ("{org}の{metric}は前年同期比{p}%減の{n}億円だった。",
     "{org}の{metric}は{n}億円で、前年同期より{p}%減りました。", None),
)
_NUMBER_SLOTS = ("n", "p", "k", "m")
_ENTITY_SLOTS = (("place", PLACES), ("country", COUNTRIES), ("org", ORGS))
_KANJI = "〇一二三四五六七八九"


@dataclass(frozen=True)
class Claim:
    text: str
    label: str          # "supported" | "not_supported"
    kind: str           # faithful | number | entity | negation | unrelated


@dataclass
class Story:
    """One source article: its text, metadata, and the claims a summary could make of it."""

    title: str
    paragraphs: list[str]
    published: str                       # ISO 8601 with +09:00
    author: str
    place: str
    facts: list[tuple[str, dict]] = field(default_factory=list)   # (template index, slots)

    @property
    def chars(self) -> int:
        return sum(len(p) for p in self.paragraphs)


def _kanji_small(n: int) -> str:
    """10..99 as kanji (二十三); used now and then so the normaliser has work to do."""
    tens, ones = divmod(n, 10)
    return (_KANJI[tens] if tens > 1 else "") + "十" + (_KANJI[ones] if ones else "")


def _slots(rng: random.Random, cast: dict, year: int) -> dict:
    y = rng.choice((year - 1, year, year + 1, year + 2, year + 5))
    return {
        "org": rng.choice(cast["orgs"]), "org2": rng.choice(cast["orgs"]),
        "person": rng.choice(cast["people"]), "title": rng.choice(TITLES), "title2": rng.choice(TITLES),
        "place": rng.choice(cast["places"]), "country": rng.choice(cast["countries"]),
        "topic": rng.choice(cast["topics"]), "plan": rng.choice(PLANS), "metric": rng.choice(METRICS), "heads": rng.choice(HEADCOUNTS),
        "quote": rng.choice(QUOTES), "who": rng.choice(PROTESTS),
        "d": rng.randint(1, 28), "mon": rng.randint(1, 12), "y": y, "y2": y + rng.randint(3, 10),
        "n": rng.randint(12, 9800), "n2": rng.randint(1200, 98000), "p": rng.randint(2, 48),
        "k": rng.randint(11, 95), "m": rng.randint(2, 11),
    }


def make_story(rng: random.Random, year: int, min_chars: int = 5000) -> Story:
    """A coherent story (a small cast of names and topics) of at least `min_chars` characters."""
    cast = {
        "orgs": rng.sample(ORGS, 3),
        "people": [rng.choice(SURNAMES) + rng.choice(GIVEN) for _ in range(3)],
        "places": rng.sample(PLACES, 3),
        "countries": rng.sample(COUNTRIES, 2),
        "topics": rng.sample(TOPICS, 3),
    }
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    published = f"{year:04d}-{month:02d}-{day:02d}T{rng.randint(5, 23):02d}:{rng.randint(0, 59):02d}:00+09:00"
    story = Story(title="", paragraphs=[], published=published, author="",
                  place=cast["places"][0])
    total, deck = 0, []
    while total < min_chars:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            if not deck:  # every template once before any repeats: fewer near-duplicate sentences
                deck = rng.sample(range(len(TEMPLATES)), len(TEMPLATES))
            index = deck.pop()
            slots = _slots(rng, cast, year)
            text = TEMPLATES[index][0].format(**slots)
            if "カ国" in text and rng.random() < 0.3:  # 十二カ国: kanji numerals in running text
                text = text.replace(f"{slots['k']}カ国", f"{_kanji_small(slots['k'])}カ国")
            sentences.append(text)
            story.facts.append((index, slots))
        paragraph = "".join(sentences)
        story.paragraphs.append(paragraph)
        total += len(paragraph)
    first = story.facts[0][1]
    story.title = f"{first['org']}、{first['topic']}で新{rng.choice(PLANS)} {cast['people'][0]}氏「{rng.choice(QUOTES)}」"
    story.author = rng.choice(("経済部", "政治部", "外信部", "社会部")) if rng.random() < 0.5 else \
        rng.choice(SURNAMES) + rng.choice(GIVEN)
    return story


def _altered_number(rng: random.Random, slots: dict, summary: str) -> dict | None:
    present = [s for s in _NUMBER_SLOTS if "{" + s + "}" in summary]
    if not present:
        return None
    slot = rng.choice(present)
    changed = dict(slots)
    while changed[slot] == slots[slot]:
        changed[slot] = max(2, slots[slot] + rng.choice((-1, 1)) * rng.randint(1, max(2, slots[slot] // 2)))
    return changed


def _altered_entity(rng: random.Random, slots: dict, summary: str) -> dict | None:
    present = [(s, pool) for s, pool in _ENTITY_SLOTS if "{" + s + "}" in summary]
    if not present:
        return None
    slot, pool = rng.choice(present)
    changed = dict(slots)
    changed[slot] = rng.choice([x for x in pool if x != slots[slot]])
    return changed


def make_claims(rng: random.Random, story: Story, count: int = 6,
                altered_share: float = 0.34) -> list[Claim]:
    """`count` claims about distinct facts of the story; about a third have one fact changed."""
    picks = rng.sample(range(len(story.facts)), min(count, len(story.facts)))
    claims = []
    for i, pick in enumerate(picks):
        index, slots = story.facts[pick]
        _, summary, negated = TEMPLATES[index]
        if rng.random() >= altered_share:
            claims.append(Claim(summary.format(**slots), "supported", "faithful"))
            continue
        choice = rng.random()
        if choice < 0.4 and (changed := _altered_number(rng, slots, summary)):
            claims.append(Claim(summary.format(**changed), "not_supported", "number"))
        elif choice < 0.7 and negated:
            claims.append(Claim(negated.format(**slots), "not_supported", "negation"))
        elif changed := _altered_entity(rng, slots, summary):
            claims.append(Claim(summary.format(**changed), "not_supported", "entity"))
        else:  # a claim about something the story never says
            other = _slots(rng, {"orgs": ORGS, "people": [rng.choice(SURNAMES) + rng.choice(GIVEN)],
                                 "places": PLACES, "countries": COUNTRIES, "topics": TOPICS}, 2000)
            claims.append(Claim(TEMPLATES[rng.randrange(len(TEMPLATES))][1].format(**other),
                                "not_supported", "unrelated"))
    return claims

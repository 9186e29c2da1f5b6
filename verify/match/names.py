"""Names in claims and sources: people, places, organisations, and the slot each stands in.

A changed name is one of the commonest alterations (テヘラン for モスクワ, 大谷 for フリーマン);
Sudachi's proper-noun tags find the names, the particle after each tells its slot.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import Token, analyze, fold_dots
from . import lexicon


@dataclass(frozen=True)
class Entity:
    text: str
    kind: str       # person | place | org | name
    role: str = ""  # the particle after the name (が, は, を, の, で ...), titles skipped: 大谷選手が -> が
    start: int = -1  # offset in the analysed text
    weak: bool = False  # too common to require (日本), but a rival when swapped (日本国籍 vs 米国籍)
    country: bool = False  # Sudachi's 地名/国: 日本, 米国, 中国

    @property
    def direction(self) -> str:
        """Which end of a relation the name is: "from" (が, 発, から) or "to" (を, 行き, まで)."""
        return _DIRECTION_OF.get(self.role, "")

    @property
    def case(self) -> str:
        """"subj" (が/は), "obj" (を) or "": to catch "A beat B" turned into "B beat A"."""
        return "subj" if self.role in _SUBJECT else "obj" if self.role in _OBJECT else ""

    def same_slot(self, other: Entity) -> bool:
        """Both names stand in the same grammatical place (鹿児島県が / 大分県が)."""
        return bool(self.role) and (self.role == other.role or self.case == other.case == "subj")


_SUBJECT, _OBJECT = ("が", "は"), ("を",)
# Asymmetric slots: a name moving from one to the other turns the claim around
# (ヤンキースがドジャースを破った, 羽田発新千歳行き, 東京から大阪まで). と is symmetric: left out.
_DIRECTION_OF = {"が": "from", "は": "from", "発": "from", "から": "from",
                 "を": "to", "行き": "to", "行": "to", "着": "to", "まで": "to", "へ": "to"}
_KATAKANA_RE = re.compile(r"[\u30a1-\u30faー]{2,}")
_AREA_RE = re.compile(r"^(.+[都道府県市区町村])(?:内|全域|全体|各地)$")
_PLURAL_MARKS = ("など", "ら", "たち")


# Suffixes that give a name its role in a route or an origin: 羽田発新千歳行き.
_ROUTE_SUFFIXES = ("発", "行き", "行", "着", "向け", "産", "製")


def _role_after(tokens: tuple[Token, ...], j: int) -> str:
    # skip a title or counter noun or two: 大谷選手が, 佐藤社長は, 日本国籍の, エーザイなどが
    for tok in tokens[j:j + 3]:
        if tok.surface in _ROUTE_SUFFIXES:
            return tok.surface
        if tok.pos[0] == "助詞" and tok.surface not in _PLURAL_MARKS:
            return tok.surface
        if tok.pos[0] not in ("名詞", "接尾辞"):
            return ""
    return ""


def entities(text: str) -> list[Entity]:
    """Proper nouns (Sudachi long units), with surname+given name joined and unknown katakana names."""
    out: list[Entity] = []
    tokens = analyze(text, "C")
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = _entity_kind(tok)
        if kind is None:
            inner = _country_inside(tok)
            if inner:  # 日本国籍 vs 米国籍: the country is the fact, hidden in a compound
                out.append(Entity(inner, "place", _role_after(tokens, i + 1), tok.start, weak=True, country=True))
            i += 1
            continue
        surface, start, start_index = tok.surface, tok.start, i
        while kind in ("person", "name") and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            if _entity_kind(nxt) in ("person", "name") and (kind == "person" or _entity_kind(nxt) == "name"):
                i += 1
                surface += nxt.surface
            elif nxt.surface == "・" and i + 2 < len(tokens) and (
                    _entity_kind(tokens[i + 2]) in ("person", "name") or _KATAKANA_RE.fullmatch(tokens[i + 2].surface)):
                surface += "・" + tokens[i + 2].surface  # フレディ・フリーマン; ペルー・リマ stays two places
                i += 2
                kind = "person"
            else:
                break
        following = tokens[i + 1].surface if i + 1 < len(tokens) else ""
        stem = _PLACE_SUFFIX_RE.match(surface)
        if kind == "place" and stem and following.startswith("長"):
            # 米沢市長 names a mayor, whom the source may call 米沢則寿市長: keep the name part
            surface, kind = stem.group(1), "person"
        role = _role_after(tokens, i + 1)
        before = [t.surface for t in tokens[max(0, start_index - 3):start_index] if t.surface != "、"]
        if before[-2:] == ["の", "は"]:
            role = "が"  # 最も多かったのは(、)中国で: the cleft's focus is its subject
        area = _AREA_RE.match(surface)
        if area:
            surface, kind = area.group(1), "place"  # 北海道内 -> 北海道
        if len(surface) >= 2 and not surface.isdigit() and surface not in lexicon.ERA_NAMES \
                and surface not in lexicon.AGENCIES:
            out.append(Entity(surface, kind, role, start, weak=surface in lexicon.NOT_ENTITIES,
                              country=tok.pos[2:4] == ("地名", "国")))
        i += 1
    return out


_ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9]{1,7}")
_TITLE_RE = re.compile(r"「([^「」]{1,30})」")


def acronyms_and_titles(text: str) -> list[Entity]:
    """Latin acronyms (PWR, BWR) and 「titles」 — names the dictionary cannot know.

    Titles are compared only for swaps in their slot (「正体」の河合 vs 「あんのこと」の河合);
    whether a quote is verbatim is the quote check's work.
    """
    out = []
    tokens = analyze(text, "C")
    by_start = {t.start: i for i, t in enumerate(tokens)}
    for m in _ACRONYM_RE.finditer(text):
        if (m.start() and text[m.start() - 1].isascii() and text[m.start() - 1].isalnum()) \
                or (m.end() < len(text) and text[m.end()].isascii() and text[m.end()].isalnum()):
            continue
        after = next((i for s, i in by_start.items() if s >= m.end()), len(tokens))
        out.append(Entity(m.group(0), "acronym", _role_after(tokens, after), m.start()))
    for m in _TITLE_RE.finditer(text):
        after = next((i for s, i in by_start.items() if s >= m.end()), len(tokens))
        out.append(Entity(m.group(1), "title", _role_after(tokens, after), m.start()))
    return out


def _country_inside(tok: Token) -> str:
    """The country that opens a compound common noun (日本国籍 -> 日本), or ""."""
    if tok.pos[:2] != ("名詞", "普通名詞") or len(tok.surface) < 3:
        return ""
    first = analyze(tok.surface, "A")[0]
    return first.surface if first.pos[2:4] == ("地名", "国") and len(first.surface) >= 2 else ""


# Government bodies are common nouns to the dictionary (財務省, 気象庁, 金融庁) but name one
# organisation each, as 日銀 does.
_GOVERNMENT_RE = re.compile(r"^(?!同|当|両|各|本|省|庁)[\u4e00-\u9fff]{1,6}(?:省|庁)$")  # not 同庁 (= the one named before)


def _entity_kind(tok: Token) -> str | None:
    if tok.is_proper:
        return {"人名": "person", "地名": "place"}.get(tok.pos[2], "org")
    if tok.pos[:2] == ("名詞", "普通名詞") and _GOVERNMENT_RE.match(tok.surface):
        return "org"
    if tok.oov and re.fullmatch(r"[\u30a1-\u30faー]{3,}", tok.surface):
        return "name"  # a foreign name the dictionary lacks, e.g. ペゼシュキアン
    return None


_PLACE_PARTS_RE = re.compile(r"^(.{2,4}?[都道府県])(.{2,}[市区町村])$")
_PLACE_SUFFIX_RE = re.compile(r"^(.{2,})[市区町村]$")


def can_rival(name: Entity, other: Entity) -> bool:
    """Could `other` stand where the claim put `name`? Same kind of thing; and a country named
    in passing (日本円, 日本酒) competes only with another country (日本国籍 vs 米国籍)."""
    if other.kind not in compatible_kinds(name.kind):
        return False
    if name.weak or other.weak:
        return name.country and other.country
    return True


def compatible_kinds(kind: str) -> set[str]:
    """Kinds a name can be mistaken for: a name the dictionary lacks (a new drug, a foreign
    person or company) may stand for a person or an organisation; people and organisations
    are not confused (an award is not its director)."""
    if kind in ("acronym", "title"):
        return {kind}
    return {kind, "name"} | ({"person", "org"} if kind == "name" else set())


def entity_in(entity: str, text: str) -> bool:
    """True when the entity, an alias, or its parts (宮崎県日南市 -> 宮崎県 + 日南市) occur in text."""
    entity, text = fold_dots(entity), fold_dots(text)
    if any(alias in text for alias in lexicon.aliases(entity)):
        return True
    parts = _PLACE_PARTS_RE.match(entity)
    if parts:
        return all(part in text for part in parts.groups())
    return _abbreviation_of(entity, text)


_KANJI = "\u4e00-\u9fff"


def _abbreviation_of(short: str, text: str) -> bool:
    """陸連 for 陸上競技連盟, 経産省 for 経済産業省: Japanese abbreviations keep characters of the
    full name in order (日本生協連 for 日本生活協同組合連合会). Only short all-kanji names, with at
    most three kanji skipped per gap."""
    if not 2 <= len(short) <= 6 or not re.fullmatch(f"[{_KANJI}]+", short):
        return False
    return _abbreviation_pattern(short).search(text) is not None


@lru_cache(maxsize=1024)
def _abbreviation_pattern(short: str) -> re.Pattern:
    return re.compile(f"[{_KANJI}]{{0,3}}".join(map(re.escape, short)))


_OWN_AREA = {"県": ("県内", "同県", "県警"), "道": ("道内", "道警", "全道"), "府": ("府内", "同府", "府警"),
             "都": ("都内", "同都"), "市": ("市内", "同市"), "町": ("町内", "同町"), "村": ("村内", "同村")}


def own_area_word(entity: Entity, text: str) -> str:
    """The word by which a local page names its own area (福井県 -> 県内), if the page uses one."""
    if entity.kind != "place" or not entity.text or entity.text[-1] not in _OWN_AREA:
        return ""
    return next((w for w in _OWN_AREA[entity.text[-1]] if w in text), "")

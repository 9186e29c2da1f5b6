"""The acts a sentence says happened, and the modifiers on them, read off SudachiPy's parts of
speech: predicates (verbs, サ変 nouns with する), the act a support verb carries (会見を開く:
会見), the act a verb of going is for (視察に訪れた: 視察), bare noun predicates (支援策を発表。),
and adverbial modifiers that change the fact (正式に, 独自に, すでに, 全国で).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..text import Token, analyze
from .negation import negated_after
from .words import (ANNOUNCING_VERBS, DISCOURSE_ADVERBS, FACT_ADVERBS, GOING_VERBS, INTO_VERBS, LIGHT_PREDICATES, MODAL_VERBS,
                    NECESSITY_VERBS as NECESSITY, PARTICLE_VERBS, SELF_WORDS, VIEW_VERBS, REPORTING_VERBS, STANCE_NOUNS, SUPPORT_VERBS,
                    UNDOING_VERBS as UNDOING, LIMITING_PARTICLES, _SCOPE_RE)

@dataclass(frozen=True)
class Act:
    """A predicate of the sentence: the act it says happened."""

    lemma: str              # Sudachi normalized form of the content word: 視察, 開く, 導入
    word: str               # the content word as written: 視察, 開き, 導入
    start: int              # offsets of the content word in the analysed text
    end: int
    chain_end: int          # end of the predicate with its auxiliaries (視察[した])
    negated: bool = False
    reporting: bool = False  # a verb of saying
    verb: str = ""          # the support or modal verb whose object is the act (会見を開く: 開く)
    synonyms: tuple[int, ...] = ()
    sino: bool = False      # a Sino-Japanese compound (視察, 導入): the words that name discrete acts
    counted: bool = False   # its clause states a number: the act is a quantity's (190ミリ近い雨が降り)

    def describe(self, text: str) -> str:
        return text[self.start:self.chain_end]


@dataclass(frozen=True)
class Modifier:
    """An adverbial modifier that changes the fact: 正式に, 独自に, すでに, 全国で."""

    lemma: str
    text: str
    start: int
    end: int
    synonyms: tuple[int, ...] = ()


def _sahen_head(tokens: tuple[Token, ...], i: int) -> bool:
    """tokens[i] is a サ変 noun used as a verb: 視察した, 発表し, 導入される."""
    return (tokens[i].pos[0] == "名詞" and tokens[i].pos[2] == "サ変可能" and i + 1 < len(tokens)
            and tokens[i + 1].lemma in ("為る", "出来る", "致す"))


def _object_before(tokens: tuple[Token, ...], i: int) -> int | None:
    """Index of the noun right before 「を」 (or the topic は/が of a passive, or に before a verb
    that takes its act so) before tokens[i]: 会見を開く -> 会見; 調査が行われた -> 調査; 利下げに
    踏み切った -> 利下げ."""
    particles = ("を", "が", "は", "に") if tokens[i].lemma in INTO_VERBS else ("を", "が", "は")
    i = _skip_adverbs(tokens, i)
    if i >= 2 and tokens[i - 1].surface in particles and tokens[i - 2].pos[0] == "名詞" \
            and tokens[i - 2].pos[1] not in ("数詞", "固有名詞"):
        if tokens[i - 1].surface != "を" and tokens[i - 2].pos[2] != "サ変可能":
            return None  # 政府が進める: a subject, not the act
        return i - 2
    return None


def _skip_adverbs(tokens: tuple[Token, ...], i: int) -> int:
    """Step back over adverbs between an object and its verb: 獲得を[正式に]発表した."""
    while i >= 2 and (tokens[i - 1].pos[0] == "副詞" or tokens[i - 1].surface in ("に", "で")
                      and tokens[i - 1].pos[0] == "助動詞" and tokens[i - 2].pos[0] == "形状詞"):
        i -= 1 if tokens[i - 1].pos[0] == "副詞" else 2
    return i


def _quantity_object(tokens: tuple[Token, ...], i: int) -> bool:
    """The を-object before tokens[i] is a number or a superlative (41.8度を, 過去最高を)."""
    j = i - 2
    while j >= 0 and tokens[j].pos[0] in ("名詞", "接尾辞", "接頭辞"):
        if tokens[j].pos[1] == "数詞" or tokens[j].surface.startswith("最"):
            return True
        j -= 1
    return False


def _is_sino(word: str) -> bool:
    return len(word) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in word)


def _noun_predicate(tokens: tuple[Token, ...], i: int) -> bool:
    """A サ変 noun that ends its clause without する, as headlines and terse summaries write:
    支援策を発表。 / 5日に会談、合意した / 導入へ."""
    return (tokens[i].pos[0] == "名詞" and tokens[i].pos[2] == "サ変可能" and i > 0
            and tokens[i - 1].surface in ("を", "に", "と", "で") and i + 1 < len(tokens)
            and tokens[i + 1].surface in ("。", "、", "へ"))


def _inevitable(tokens: tuple[Token, ...], i: int) -> bool:
    """A サ変 noun said to be certain: 噴火の発生は避けられない, 値上げは必至."""
    return (tokens[i].pos[2] == "サ変可能" and i + 2 < len(tokens) and tokens[i + 1].surface in ("は", "が", "も")
            and (tokens[i + 2].lemma in NECESSITY or tokens[i + 2].surface in ("必至", "確実")))


def _purpose_before(tokens: tuple[Token, ...], i: int) -> int | None:
    """The サ変 noun a verb of going is for: 視察に訪れた -> 視察."""
    if tokens[i].lemma in GOING_VERBS and i >= 2 and tokens[i - 1].surface == "に" \
            and tokens[i - 2].pos[2] == "サ変可能":
        return i - 2
    return None


def acts(text: str) -> list[Act]:
    """Every content predicate of `text`, in order."""
    tokens = analyze(text, "B")
    out: list[Act] = []
    for i, tok in enumerate(tokens):
        if _noun_predicate(tokens, i) or _inevitable(tokens, i):
            out.append(Act(tok.lemma, tok.surface, tok.start, tok.end, tok.end, False, False, "",
                           tok.synonyms, _is_sino(tok.lemma), _counted(tokens, i)))
            continue
        purpose = _purpose_before(tokens, i) if tok.pos[0] == "動詞" else None
        if purpose is None and tok.lemma == "為る" and i >= 2 and tokens[i - 1].surface == "に" \
                and tokens[i - 2].pos[2] == "サ変可能":
            purpose = i - 2  # 休校にした, 中止にする: the act is the noun's
        if purpose is not None:
            target = tokens[purpose]
            out.append(Act(target.lemma, target.surface, target.start, target.end, tok.end, False, False,
                           tok.lemma, target.synonyms, _is_sino(target.lemma), _counted(tokens, i)))
        if tok.pos[0] == "動詞" and (tok.pos[1] != "非自立可能" or _after_particle(tokens, i)):
            if tok.lemma in PARTICLE_VERBS and i and tokens[i - 1].surface in ("に", "を", "と") \
                    and not _ends_clause(tokens, i):
                continue  # について, に対して, を含め: a particle, unless it ends the clause (対象に含める)
        elif not _sahen_head(tokens, i):
            continue
        lemma = tok.lemma
        negated, end = negated_after(tokens, i + 1)
        chain_end = tokens[end - 1].end if end > i + 1 else tok.end
        reporting = lemma in REPORTING_VERBS | VIEW_VERBS and _quoted(tokens, i) or _right_after_quote(tokens, i)
        verb, head = "", tok
        obj = _object_before(tokens, i)
        if obj is not None and _quantity_object(tokens, i):
            continue  # 41.8度を記録, 過去最高を更新: the numbers and emphasis checks read these
        if lemma in UNDOING and obj is not None and tokens[obj].pos[2] == "サ変可能":
            # 抗告を見送る, 計画を撤回した: the object names an act that did not happen (and a
            # compound verb such as 撤回 is an act of its own, read below)
            target = tokens[obj]
            out.append(Act(target.lemma, target.surface, target.start, target.end, chain_end, not negated,
                           False, lemma, target.synonyms, _is_sino(target.lemma), _counted(tokens, i)))
        if lemma in ANNOUNCING_VERBS and not reporting and obj is not None \
                and tokens[obj].pos[2] == "サ変可能" and tokens[obj].lemma not in STANCE_NOUNS:
            # 導入を表明した, 結果を公表した: announcing is reporting (any verb of saying will do);
            # what was announced is the act the page must tell
            target = tokens[obj]
            out.append(Act(target.lemma, target.surface, target.start, target.end, chain_end, negated,
                           False, lemma, target.synonyms, _is_sino(target.lemma), _counted(tokens, i)))
            reporting = True
        if lemma in SUPPORT_VERBS or lemma in MODAL_VERBS:
            if obj is not None and tokens[obj].lemma in STANCE_NOUNS:
                if lemma not in REPORTING_VERBS:
                    continue  # 方針を決めた: the plan's content is the act, read where it is said
                reporting = True
            elif obj is not None and tokens[obj].lemma not in LIGHT_PREDICATES:
                verb, head = lemma, tokens[obj]
                reporting = head.lemma in REPORTING_VERBS and _quoted(tokens, obj)
            elif not reporting:
                continue  # 進めている, 検討している alone say too little to check
        elif lemma in LIGHT_PREDICATES and not (reporting and lemma in VIEW_VERBS):
            continue
        out.append(Act(head.lemma, head.surface, head.start, head.end, chain_end, negated, reporting,
                       verb, head.synonyms, _is_sino(head.lemma), _counted(tokens, i)))
    return out


def _after_particle(tokens: tuple[Token, ...], i: int) -> bool:
    """A verb Sudachi marks as possibly auxiliary (出す, 始める) is a main verb after a case
    particle: 結論を出す, 事業を始めた (not 降り出す, 話し始めた)."""
    return i > 0 and tokens[i - 1].pos[:2] in (("助詞", "格助詞"), ("助詞", "係助詞"))


def _ends_clause(tokens: tuple[Token, ...], i: int) -> bool:
    """tokens[i] is a clause's predicate: what follows is an auxiliary, 。 or the end."""
    return i + 1 >= len(tokens) or tokens[i + 1].pos[0] == "助動詞" or tokens[i + 1].surface in ("。", "と")


def _right_after_quote(tokens: tuple[Token, ...], i: int) -> bool:
    """「…」と陳謝した: the verb tells how words were said; the quote check reads the words."""
    return i >= 2 and tokens[i - 1].surface == "と" and tokens[i - 2].surface == "」"


def _quoted(tokens: tuple[Token, ...], i: int) -> bool:
    """The verb of saying reports words: 「…」と述べた, …との考えを示した, …と強調した. Without
    と it is an act like any other (墓前に報告した)."""
    for tok in reversed(tokens[max(0, i - 12):i]):
        if tok.surface == "。":
            break
        if tok.surface in ("と", "との", "って") and tok.pos[0] == "助詞" and tok.pos[1] != "並立助詞":
            j = tokens.index(tok)
            nxt = tokens[j + 1].surface if j + 1 < len(tokens) else ""
            if nxt not in ("ともに", "共に", "とも", "一緒", "並ん", "比べ", "同様", "同じ"):
                return True
    return False


def _counted(tokens: tuple[Token, ...], i: int) -> bool:
    """A number stands in the predicate's clause (since the last 、 or 。)."""
    for tok in reversed(tokens[:i]):
        if tok.surface in ("、", "。"):
            return False
        if tok.pos[1] == "数詞":
            return True
    return False


def modifiers(text: str) -> list[Modifier]:
    """Adverbial modifiers that say something about the fact (not discourse words)."""
    tokens = analyze(text, "B")
    out: list[Modifier] = []
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        adverbial = nxt is not None and nxt.surface in ("に", "で") and nxt.pos[0] in ("助動詞", "助詞")
        if tok.pos[0] == "副詞":
            pass
        elif tok.pos[0] == "形状詞" and tok.pos[1] == "一般" and adverbial:
            pass
        elif tok.pos[0] == "名詞" and tok.pos[2] == "形状詞可能" and adverbial and tok.surface.endswith("的"):
            pass
        elif tok.pos[0] == "名詞" and _SCOPE_RE.match(tok.surface) and nxt is not None \
                and nxt.surface in ("で", "に"):
            pass
        elif tok.pos[0] == "名詞" and tok.lemma in FACT_ADVERBS and (adverbial or tok.lemma in SELF_WORDS):
            pass  # 一斉に, 一時, 自ら (Sudachi tags some of these as nouns)
        else:
            continue
        if i and (tokens[i - 1].pos[1] == "数詞" or tokens[i - 1].pos[2] in ("助数詞", "助数詞可能")
                  or tokens[i - 1].pos[0] == "接尾辞" and i > 1 and tokens[i - 2].pos[1] == "数詞"):
            continue  # 1割あまり, 3人ほど, 20人あまり: approximation of the number before
        if tok.lemma in REPORTING_VERBS:
            continue  # 明らかにした: a verb of saying, not a modifier
        if tok.lemma in DISCOURSE_ADVERBS and tok.lemma not in FACT_ADVERBS \
                and tok.surface not in FACT_ADVERBS:
            continue
        end = nxt.end if adverbial and nxt is not None else tok.end
        out.append(Modifier(tok.lemma, text[tok.start:end], tok.start, end, tok.synonyms))
    return out


def limits(text: str) -> list[Modifier]:
    """Limiting particles and the word they limit: 社員だけ, 東京のみ (not 手取りだけでなく)."""
    tokens = analyze(text, "B")
    out = []
    for i, tok in enumerate(tokens[1:], 1):
        if tok.surface not in LIMITING_PARTICLES or tok.pos[0] != "助詞":
            continue
        if text.startswith(("でなく", "ではなく", "じゃなく"), tok.end):
            continue
        limited = tokens[i - 1]
        if limited.lemma in ("出来る", "其れ", "此れ", "彼れ", "それ", "これ", "あれ"):
            continue  # できるだけ (as far as possible), それだけ (that much): no limit on a word
        out.append(Modifier(tok.surface, text[limited.start:tok.end], limited.start, tok.end, limited.synonyms))
    return out

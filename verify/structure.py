"""What a sentence says happened: its acts, the modifiers on them, how sure it is, why, who said it.

Names and numbers can all be on the page while the claim's statement is not: 「知事は5日、現地を
視察した」 against a page where the governor held a press conference on the 5th. This module reads
that structure off SudachiPy's parts of speech — the predicates (verbs, サ変 nouns with する),
the argument a support verb carries (会見を開く: the act is 会見), adverbial modifiers (正式に,
独自に, すでに), modality (検討している, 方針, 可能性がある), causal connectives (〜のため, 〜を
受けて) and the speaker of a quote. It is pure text analysis; `elements.py` compares it with the
evidence.

Word lists here are closed grammatical classes only (support verbs, reporting verbs,
connectives, modality markers, discourse adverbs), never topic words: which words mean the same
is left to the synonym resources (see `synonyms.py`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .facts import negated_after
from .lexicon import NECESSITY_VERBS as NECESSITY
from .lexicon import UNDOING_VERBS as UNDOING
from .tokens import Token, analyze

# Verbs that take the act they carry out with に: 利下げに踏み切る, 調査に乗り出す, 検討に入る.
INTO_VERBS = frozenset({"踏み切る", "乗り出す", "着手", "取り組む", "入る", "臨む", "至る", "こぎ着ける", "漕ぎ着ける"})


# Verbs that carry little meaning of their own: the act is their を-object (会見を開く = 会見,
# 調査を実施 = 調査, 協議を進める = 協議). Without an object they are acts themselves.
SUPPORT_VERBS = frozenset({
    "行う", "実施", "開く", "開催", "進める", "図る", "示す", "見せる", "受ける", "出す", "与える",
    "加える", "果たす", "持つ", "取る", "掲げる", "始める", "続ける", "強める", "深める", "急ぐ",
    "迎える", "得る", "目指す", "求める", "挙げる", "始まる", "続く", "起こす", "起きる",
    "獲得", "記録", "更新", "マーク", "達成",
}) | INTO_VERBS
# Nouns of stance: 〜との見方を示した, 〜との認識を示した say what someone thinks, like 述べた.
STANCE_NOUNS = frozenset({"考え", "見方", "認識", "意向", "姿勢", "方針", "見解", "考え方", "立場", "意欲",
                          "懸念", "期待", "意見", "決意", "覚悟", "自信", "不満", "遺憾", "理解"})
# Verbs of expectation and planning: what they take is a forecast or a plan, not an act
# (modality() reads their level); 予想している is a claim about the future, like 見通し.
MODAL_VERBS = frozenset({"予想", "予測", "見込む", "見通す", "想定", "推計", "試算", "検討", "計画",
                         "予定", "模索", "調整", "目指す", "決める", "決定", "決まる"})
# Verbs of saying: news copy alternates them freely (述べた, 語った, 強調した, 明らかにした), so
# any of them in the evidence accounts for any other. What was said is checked separately.
REPORTING_VERBS = frozenset({
    "述べる", "語る", "話す", "言う", "強調", "指摘", "説明", "明らか", "表明", "訴える", "言及",
    "発言", "答える", "明かす", "報告", "伝える", "コメント", "示す", "主張", "述懐", "記す", "書く",
    "発表", "公表", "回答", "応じる", "呼び掛ける", "呼びかける", "漏らす", "打ち明ける", "明言",
    "宣言", "認める", "強調", "力説", "話る", "語す", "評価", "批判", "反論", "要請", "求める",
})
# Predicates too general to say what happened (する, なる, ある ...).
LIGHT_PREDICATES = frozenset({
    "為る", "有る", "居る", "成る", "言う", "出来る", "行く", "来る", "見る", "思う", "無い", "良い",
    "上", "下", "呉れる", "貰う", "遣る", "置く", "仕舞う", "見える", "分かる", "向ける", "向かう",
    "関する", "対する", "よる", "因る", "依る", "基づく", "伴う", "通じる", "通ずる", "巡る", "含める",
    "受ける", "付ける", "上る", "達する", "占める", "当たる", "於く", "於ける",
})
# Adverbs that organise discourse rather than state a fact (closed class).
DISCOURSE_ADVERBS = frozenset({
    "又", "また", "更に", "さらに", "尚", "なお", "特に", "主に", "先ず", "まず", "今後", "一方", "共に",
    "ともに", "いずれ", "其れ其れ", "それぞれ", "改めて", "同時に", "約", "凡そ", "およそ", "殆ど",
    "ほぼ", "実際", "現在", "少なくとも", "合わせて", "計", "次々", "こう", "そう", "どう", "同じく",
    "まだ", "未だ", "もう", "やはり", "矢張り", "これまで", "此れ迄", "今回", "今", "最も", "初めて",
    "既に", "すでに", "約", "概ね", "大体", "実に", "あくまで", "必ずしも", "当初", "最終的", "具体的",
    "本格的", "一時", "順次", "例えば", "仮に", "逆に", "如何に", "いかに", "単に", "全く", "決して",
    "とても", "非常", "大変", "かなり", "ちょうど", "丁度", "単独", "新た", "一層", "より", "極めて",
    "一旦", "いったん", "ついに", "遂に", "いよいよ", "ようやく", "漸く", "なかなか", "まさに", "正に",
})
# The words above that still state a fact when a claim adds them: "already", "alone", "for
# the first time", "newly" change what happened (issue: すでに, 独自に, 単独で). Compared.
FACT_ADVERBS = frozenset({"既に", "すでに", "単独", "独自", "正式", "公式", "直接", "全面", "全面的",
                          "一斉", "完全", "大幅", "急速", "急激", "初めて", "唯一", "再び", "相次いで",
                          "本格的", "一時", "新た", "事実上", "異例", "無期限", "永久", "恒久的"})

_SCOPE_RE = re.compile(r"^(?:全[\u4e00-\u9fff]{1,3}|世界中|全世界|各地|各国|国内外)$")


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
    if i >= 2 and tokens[i - 1].surface in particles and tokens[i - 2].pos[0] == "名詞" \
            and tokens[i - 2].pos[1] not in ("数詞", "固有名詞"):
        if tokens[i - 1].surface != "を" and tokens[i - 2].pos[2] != "サ変可能":
            return None  # 政府が進める: a subject, not the act
        return i - 2
    return None


# Verbs that are only a compound particle after に/を/と: について, に対して, に合わせて, として.
PARTICLE_VERBS = frozenset({"就く", "対する", "於く", "合わせる", "為る", "取る", "依る", "因る", "巡る",
                            "関する", "伴う", "向ける", "通じる", "通ずる", "基づく", "比べる", "加える",
                            "除く", "含める", "受ける", "当たる", "際する", "先立つ", "応じる", "沿う",
                            "限る", "渡る", "亘る", "至る", "残る", "及ぶ", "掛ける"})


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


# Verbs of going that take their purpose with に: 視察に訪れた, 調査に入った, 応援に駆けつけた.
GOING_VERBS = frozenset({"訪れる", "出向く", "向かう", "行く", "来る", "入る", "駆け付ける", "駆けつける",
                         "赴く", "出掛ける", "乗り込む"})


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
        reporting = lemma in REPORTING_VERBS and _quoted(tokens, i) or _right_after_quote(tokens, i)
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
        elif lemma in LIGHT_PREDICATES:
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
                and nxt.surface in ("で", "に", "の"):
            pass
        elif tok.pos[0] == "名詞" and tok.lemma in FACT_ADVERBS and adverbial:
            pass  # 一斉に, 一時 (Sudachi tags some of these as nouns)
        else:
            continue
        if i and (tokens[i - 1].pos[1] == "数詞" or tokens[i - 1].pos[2] in ("助数詞", "助数詞可能")):
            continue  # 1割あまり, 3人ほど: approximation of the number before
        if tok.lemma in REPORTING_VERBS:
            continue  # 明らかにした: a verb of saying, not a modifier
        if tok.lemma in DISCOURSE_ADVERBS and tok.lemma not in FACT_ADVERBS \
                and tok.surface not in FACT_ADVERBS:
            continue
        end = nxt.end if adverbial and nxt is not None else tok.end
        out.append(Modifier(tok.lemma, text[tok.start:end], tok.start, end, tok.synonyms))
    return out


# ---- modality ------------------------------------------------------------------------------
# How sure a statement is, from the words that follow its predicate (closed class).
ASSERTED, DECIDED, PLANNED, CONSIDERED, POSSIBLE, REQUESTED, REPORTED = (
    "asserted", "decided", "planned", "considered", "possible", "requested", "reported")
# 0: stated as done or decided; 1: a plan; 2: still uncertain. A claim more certain than its
# source (検討している -> 決定した) or far less certain (決定した -> 検討している) misstates it.
CERTAINTY = {ASSERTED: 0, DECIDED: 0, PLANNED: 1, CONSIDERED: 2, POSSIBLE: 2}
_MODALITY_MARKERS = {
    POSSIBLE: r"可能性|恐れ|おそれ|公算|かもしれ|だろう|と推定|見込|見通し|懸念|予想|予測|想定|試算|推計",
    # said on someone's authority or believed: dropping these is how summaries report (送ったと
    # される -> 送った); only a claim that calls the fact established (判明, 確定) overstates it
    REPORTED: r"とされ|という|とみられ|と見られ|もよう|模様|疑い|そうだ|そうです",
    # 〜する方向だ leans toward a decision not yet taken: as tentative as 調整している
    CONSIDERED: r"検討|調整|模索|視野|協議|議論|構想|計画案|素案|原案|検証|かどうか|か否か|方向で|方向だ|方向です",
    PLANNED: r"予定|方針|計画|意向|考えを示|考えだ|目指|目標|ことにしている|構え|準備を進め|へ$|へ。",
    # what someone is asked or obliged to do (法案は保存を求める / 義務付ける): not yet done
    REQUESTED: r"求め|要請|要求|要望|呼び掛け|呼びかけ|促し|促す|義務付け|義務づけ|義務化",
    DECIDED: r"決定|決め|決ま|確定|判明|正式|確認され|明らかになっ|成立|可決|閣議決定|断定|"
             r"避けられない|避けられません|必至|確実|間違いない",
}
_MODALITY_RE = re.compile("|".join(f"(?P<{level}>{pattern})" for level, pattern in _MODALITY_MARKERS.items()))
MODALITY_SCOPE = 16  # characters after a predicate in which its modality is said


def modality(text: str, start: int) -> tuple[str, str]:
    """(level, marker) of the statement whose predicate ends at `start` in `text`: of the markers
    that follow it in its sentence, within MODALITY_SCOPE characters, the least certain —
    導入を[検討している], 導入する[方針]を決めた (a plan, decided: still a plan)."""
    tail = text[start:start + MODALITY_SCOPE]
    for stop in ("。", "\n"):
        cut = tail.find(stop)
        tail = tail[:cut] if cut >= 0 else tail
    found = list(_MODALITY_RE.finditer(tail))
    if not found:
        return ASSERTED, ""
    # 見送る方向で検討: the least certain marker says how sure the whole statement is
    ranked = [m for m in found if m.lastgroup in CERTAINTY] or found
    best = max(ranked, key=lambda m: CERTAINTY.get(m.lastgroup or "", -1))
    return best.lastgroup or ASSERTED, best.group(0)


# ---- causes --------------------------------------------------------------------------------
# Connectives that make one fact the cause or trigger of another (closed class). Purpose ため
# (支援するため) links two facts just as firmly, so it is kept.
CAUSAL_CONNECTIVES = ("のため", "ため", "を受けて", "を受け、", "を受けた", "により", "ことで", "ことにより",
                      "が背景にある", "が背景にあり", "が背景", "も影響し", "が影響し", "が原因", "が要因", "によって", "による", "ことから",
                      "ので", "影響で", "影響により", "を背景に", "に伴い", "に伴って", "に伴う", "結果、",
                      "を理由に", "を理由として", "をきっかけに", "を機に", "が原因で", "が要因", "から、")
_CAUSE_RE = re.compile("|".join(sorted(map(re.escape, CAUSAL_CONNECTIVES), key=len, reverse=True)))
# Words by which a source links a cause to its effect within a sentence (その背景には…がある,
# 原因は…, これを受けて…); a cause noun followed directly by で (大雨で) counts too (elements.py).
CAUSE_WORDS = tuple(dict.fromkeys(c.lstrip("のをが") for c in CAUSAL_CONNECTIVES)) + (
    "理由", "原因", "要因", "背景", "影響", "きっかけ", "受け")


@dataclass(frozen=True)
class Cause:
    connective: str
    start: int      # offset of the connective in the text
    end: int


def causes(text: str) -> list[Cause]:
    """Causal connectives joining two parts of `text` (not at its very start or end), each
    starting where a word starts (無期限のもので is not …ので)."""
    starts = {t.start for t in analyze(text, "B")}
    out = []
    for m in _CAUSE_RE.finditer(text):
        if m.start() < 2 or len(text) - m.end() < 4 and not m.group(0).startswith(("が", "も")):
            continue  # (…が背景にある and …も影響した may end the sentence: the effect is the context)
        begins = m.start() + (1 if m.group(0)[0] in "のをが" and m.group(0) not in ("ので",) else 0)
        if begins not in starts:
            continue
        if m.group(0) == "による" and text[m.end():m.end() + 1] not in ("、", ""):
            continue  # 台風による被害: a noun phrase, not a link between two statements
        out.append(Cause(m.group(0), m.start(), m.end()))
    return out


# ---- speakers ------------------------------------------------------------------------------
# A quote is words said: 「…」 followed by と (と述べた, との考え); a 「title」 is not.
_QUOTE_RE = re.compile(r"「([^「」]{2,})」(?=と|って)")
_SAY_AFTER_RE = re.compile(r"^(?:と|との)")


_SAID_RE = re.compile(r"^(?:との|と(?:、|述べ|語|話|言|強調|指摘|説明|明か|訴え|答え|コメント|発言|記))")


def quote_spans(text: str) -> list[tuple[str, int, int]]:
    """「…」 that are words said: followed by a verb of saying, or words with kana in them
    (「DTOPIA」と鈴木さんの… is a title in a list, 「必ず勝つ」と誓った a quote)."""
    out = []
    for m in _QUOTE_RE.finditer(text):
        if _SAID_RE.match(text, m.end()) or re.search(r"[\u3041-\u309f]", m.group(1)):
            out.append((m.group(1), m.start(), m.end()))
    return out


def speaker(text: str, quote_start: int, quote_end: int) -> str:
    """Who says the quote at [quote_start, quote_end) in `text`: the topic before it (田中社長は、
    「…」と述べた) or the subject after it (「…」と田中社長は述べた); "" when the sentence omits it."""
    before = text[:quote_start]
    after = text[quote_end:]
    found = topic(before)
    if found:
        return found
    m = re.match(r"^と(?:、)?(.{1,24}?)(?:は|が)", after)
    if m:
        return _head_phrase(m.group(1))
    m = re.match(r"^と(?:、)?(.{1,24}?)(?:。|$)", after)  # 「…」と田中社長。
    if m and not re.search(r"[しいっ]た|する|述べ|語|話", m.group(1)):
        return _head_phrase(m.group(1))
    return ""


_TOPIC_RE = re.compile(r"(?:^|、|。)([^、。「」]{1,30}?)(?:は|が)、?$|(?:^|、|。)([^、。「」]{1,30}?)(?:は|が)、[^「」]{0,30}$")


def topic(before: str, first: bool = False) -> str:
    """The last (or `first`) 〜は/〜が noun phrase in `before` (nouns joined by の): who speaks
    in 「田中社長は、…と述べた」."""
    before = re.sub(r"\([^()]*\)", "", before)  # 長男(48)は: the age is no part of the name
    tokens = analyze(before, "C")
    found = []
    for i, tok in enumerate(tokens):
        if tok.surface not in ("は", "が") or tok.pos[0] != "助詞" or i == 0:
            continue
        j = i
        while j > 0 and (tokens[j - 1].pos[0] in ("名詞", "接尾辞", "接頭辞")
                         or tokens[j - 1].surface in ("の", "・") and j > 1 and tokens[j - 2].pos[0] == "名詞"):
            j -= 1
        if j < i and tokens[j].pos[0] == "名詞":
            found.append(before[tokens[j].start:tok.start])
    if not found:
        return ""
    return _head_phrase(found[0] if first else found[-1])


def _head_phrase(phrase: str) -> str:
    return phrase.strip("、 ")


def _speaker_words(phrase: str) -> tuple[set[str], set[str]]:
    tokens = analyze(phrase, "C")
    names = {t.surface for t in tokens if t.is_proper or t.oov and len(t.surface) >= 2}
    nouns = {t.lemma for t in tokens if t.pos[0] == "名詞"}
    return names, nouns


# How Japanese names a person by role: a name, or a word ending in a title or a person suffix
# (社長, 知事, 大臣, 委員, 弁護士, 氏, さん).
_PERSON_END = tuple("長相官員者手師士事臣裁表督役将氏男女親妻夫母父兄姉弟妹") + ("さん", "代表", "会長", "議員", "幹部", "担当")


def personal(phrase: str) -> bool:
    """Could the phrase name someone who speaks? 田中社長, 組合の幹部, オルトバーグCEO yes;
    岡山両県 no."""
    if re.search(r"\d", phrase):
        return False  # 82医療機関のうち7割近く: a share of respondents, not a person
    names, _ = _speaker_words(phrase)
    return bool(names) or phrase.endswith(_PERSON_END) or bool(re.search(r"[A-Z]{2,4}$", phrase)) \
        or bool(re.match(r"[\u30a1-\u30fa\u30fc・]{3,}", phrase))


def same_speaker(claim: str, source: str) -> bool:
    """Could the two phrases name the same speaker? Names decide when both give one (岸田首相 /
    首相 agree; 林官房長官 / 岸田首相 do not); otherwise any shared noun (社長, 組合) will do."""
    claim_names, claim_nouns = _speaker_words(claim)
    source_names, source_nouns = _speaker_words(source)
    if claim_names and source_names:
        return any(a in b or b in a for a in claim_names for b in source_names)
    return bool(claim_nouns & source_nouns) or claim in source or source in claim

"""Every content element of a claim accounted for by the evidence: acts, modifiers, modality,
causes and speakers (structure.py reads them off the text).

An element with no counterpart in the evidence is `missing` (the claim says more than the
source: `partial`); one the evidence states otherwise is `conflicting`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import structure as S
from ..model import CONFLICTING, FOUND, MISSING, Fact
from ..text import Token, analyze, is_kanji
from . import lexicon
from . import names as N
from .binding import claim_clauses
from .links import check_links
from .sureness import check_modality, in_quote
from .prepared import PreparedClaim, PreparedSource, Sentence, clause_spans



def _stem(lemma: str) -> str:
    """A verb without its inflecting kana (引き上げる -> 引き上げ), so its noun form matches."""
    stripped = lemma.rstrip("うくぐすつぬぶむるえけげせてねべめれいきぎしちにびみり")
    return stripped if stripped != lemma else ""


@dataclass(frozen=True)
class Counterpart:
    sentence: int       # index into the evidence sentences
    start: int          # offsets of the word in that sentence's text
    end: int
    word: str


def _with_prefixes(tokens: tuple[Token, ...]) -> list[Token]:
    """Tokens, plus a prefix joined to its noun (再 + 稼働 -> 再稼働) as one more word."""
    out = list(tokens)
    for a, b in zip(tokens, tokens[1:]):
        if a.pos[0] == "接頭辞" and b.pos[0] == "名詞" and a.end == b.start:
            out.append(Token(a.surface + b.surface, a.lemma + b.lemma, b.pos, a.start, b.end, b.oov, b.synonyms))
    return out


class Evidence:
    """What the evidence sentences offer as counterparts: words, synonyms, their positions."""

    def __init__(self, sentences: list[Sentence]):
        self.sentences = sentences
        self.texts = [s.text for s in sentences]
        self.text = "\n".join(self.texts)
        self.tokens: list[list[Token]] = [_with_prefixes(analyze(t, "B")) for t in self.texts]

    def counterparts(self, lemma: str, word: str = "", synonyms: tuple[int, ...] = ()) -> list[Counterpart]:
        """Where the evidence says the same word: its lemma or written form, a verb's stem, a
        synonym (Sudachi's synonym groups, the lexicon's groups), or the same act in the other
        register (求める / 要求)."""
        canonical = lexicon.canonical_predicate(lemma)
        stem = _stem(lemma)
        needles = [n for n in dict.fromkeys((lemma, word, stem)) if len(n) >= 2 or n == lemma]
        out = []
        for i, (text, tokens) in enumerate(zip(self.texts, self.tokens)):
            for needle in needles:
                at = text.find(needle)
                while at >= 0:  # every time the sentence says it (救助を求め…救助された)
                    out.append(Counterpart(i, at, at + len(needle), needle))
                    at = text.find(needle, at + len(needle))
                if out and out[-1].sentence == i:
                    break
            else:
                for j, tok in enumerate(tokens):
                    if tok.lemma == lemma or lexicon.canonical_predicate(tok.lemma) == canonical \
                            or set(tok.synonyms) & set(synonyms) or _other_register(lemma, tok) \
                            or _spelled_out(lemma, tokens, j):
                        out.append(Counterpart(i, tok.start, tok.end, tok.surface))
                        break
        return out

    def telling(self, claim: PreparedClaim, found: list[Counterpart], at: int) -> list[Counterpart]:
        """The counterparts in the sentences that tell the claim's clause around `at`: those
        sharing nearly as much of its words (names and numbers weigh most) as the best one does
        (the 大型魚 sentence's 増え does not speak for a claim about 小型魚's 4007トン)."""
        clause = next(((a, b) for a, b in claim_clauses(claim) if a <= at < b), (0, len(claim.norm)))
        # the act's own phrase first (来年度の契約を更新しない), then its clause, then the claim
        phrase = (max(clause[0], at - 8), min(clause[1], at + 8))
        for start, end in (phrase, clause, (0, len(claim.norm))):
            words = [(t, w) for t, w in zip(claim.tokens, claim.weights) if start <= t.start < end]
            cover = [sum(w for t, w in words if t.lemma in s.lemmas or t.surface in s.text) for s in self.sentences]
            best = max(cover, default=0)
            telling = [c for c in found if cover[c.sentence] >= 0.8 * best]
            if telling:  # (a clause naming the page's other topic falls back to the whole claim)
                return telling
        return []

    def span(self, c: Counterpart) -> tuple[int, int]:
        """Original offsets in the source text of a counterpart."""
        sentence = self.sentences[c.sentence]
        a, b = sentence.norm.span(c.start, c.end)
        return sentence.start + a, sentence.start + b

    def has_reporting(self) -> bool:
        return "「" in self.text or "によると" in self.text or "によれば" in self.text \
            or any(t.lemma in S.REPORTING_VERBS for tokens in self.tokens for t in tokens)


# Kanji that turn an act into its opposite or a lesser rank (辞任/就任, 可決/否決, 出場/欠場,
# 優勝/準優勝): two compounds that differ in one of these are not the same act (closed class).
_POLARITY_KANJI = frozenset("不非未無否欠落退辞就減増廃休停止終閉反準副脱解撤却拒失敗負勝賛")


# Verbs whose one kanji says too little to pair them with a compound.
_VAGUE_VERBS = frozenset({"行う", "為る", "出す", "取る", "持つ", "得る", "受ける", "与える", "見る", "出る",
                          "入る", "成る", "付ける", "上げる", "下げる"})


def _other_register(lemma: str, tok: Token) -> bool:
    """A native verb and a compound that share their one kanji say the same act in two
    registers: 求める / 要求, 増やす / 増発, 辞める / 辞任."""
    if tok.pos[0] not in ("動詞", "名詞") or tok.lemma == lemma or tok.lemma in _VAGUE_VERBS:
        return False  # 行う shares its 行 with every 運行 and 実行
    mine, theirs = [c for c in lemma if is_kanji(c)], [c for c in tok.lemma if is_kanji(c)]
    if not mine or not theirs:
        return False
    native, other_native = len(mine) < len(lemma), len(theirs) < len(tok.lemma)
    if native and other_native:
        return False
    if native:
        return len(mine) == 1 and mine[0] in theirs and tok.pos[2] == "サ変可能"
    # two compounds that share a kanji name different acts as often as the same one (会談 /
    # 会見 / 会合, 辞任 / 就任): only the synonym groups may pair them
    return other_native and tok.pos[0] == "動詞" and len(theirs) == 1 and theirs[0] in lemma


def _spelled_out(lemma: str, tokens: list[Token], j: int) -> bool:
    """A verb-object compound said as an object and a verb: 派兵 as 兵士を送った, 増税 as 税を
    上げる. The compound's second kanji heads the evidence's を-object; its first must not be one
    that reverses the act (撤兵 is not 兵士を送った)."""
    if len(lemma) != 2 or not all(is_kanji(c) for c in lemma) or lemma[0] in _POLARITY_KANJI:
        return False
    tok = tokens[j]
    if tok.pos[0] != "名詞" or not tok.surface.startswith(lemma[1]) or j + 2 >= len(tokens) \
            or tokens[j + 1].surface != "を":
        return False
    for after in tokens[j + 2:j + 6]:  # 兵士を(ロシアに)送った
        if after.pos[0] == "動詞":
            return True
        if after.pos[0] == "補助記号":
            return False
    return False


def _check_acts(claim: PreparedClaim, ev: Evidence, source: PreparedSource) -> list[Fact]:
    """Each act of the claim needs a counterpart; found acts must be as certain as the source's."""
    out = []
    for act in S.acts(claim.norm):
        said = claim.norm[act.start:act.chain_end]
        if act.reporting:
            # a view (…とみられる, …と見込んでいる) only hedges: a page that states the thing
            # plainly backs it; who holds the view is the speaker check's (links.py)
            if act.lemma not in S.VIEW_VERBS and not ev.has_reporting():
                out.append(Fact("predicate", said, MISSING))
            continue
        if act.lemma in lexicon.EMPHASIS:
            continue  # 倍増, 半減: the emphasis check asks the numbers to back these
        found = ev.counterparts(act.lemma, act.word, act.synonyms)
        if act.lemma in S.GOING_VERBS:  # any visit will do (出向く / 訪れる / 訪問), but it must be
            # told in the sentence telling the claim: whose visit it was matters
            found += [c for verb in sorted(S.GOING_VERBS | {"訪問"}) for c in ev.counterparts(verb, verb, ())]
            found = ev.telling(claim, found, act.start)
        if not found:
            # a native verb is often a loose paraphrase (退ける, 届かない, 大台に乗る: measured on
            # the labelled sets, checking them flags one faithful claim in ten), and an act denied
            # (修正しなかった) restates what the source words as keeping (据え置いた): only an act
            # a compound names, and says happened, must be in the source — and a visit (訪れる,
            # 出向く: a closed class of going verbs), which summaries invent around the page's names
            if (act.sino or act.lemma in S.GOING_VERBS) and not act.negated:
                told = _told_elsewhere(claim, act, source)
                out.append(Fact("predicate", said, FOUND, told) if told else Fact("predicate", said, MISSING))
            continue
        flipped = _opposite_polarity(act, claim, ev, found)
        if flipped:
            out.append(Fact("polarity", f"{'negative' if act.negated else 'positive'} ({said})",
                              CONFLICTING, f"{'positive' if act.negated else 'negative'} ({flipped})"))
            continue
        out.append(Fact("predicate", said, FOUND, found[0].word, ev.span(found[0])))
        out.extend(check_modality(claim, act, ev, found))
    return out


def _told_elsewhere(claim: PreparedClaim, act: S.Act, source: PreparedSource) -> str:
    """The act in a page sentence the evidence left out, told of the same thing: 台風が上陸した一昨日
    backed by 「台風15号は13日午後8時ごろ…上陸しました」 (a word of the act's own phrase is there too)."""
    # only a background act, told in a clause that describes a noun (上陸した[一昨日]), not the
    # claim's own statement nor a plan (逮捕する[方針])
    following = claim.norm[act.chain_end:act.chain_end + 1]
    if not following or not (is_kanji(following) or following.isdigit()) or S.modality(claim.norm, act.end)[0] != S.ASSERTED:
        return ""
    near = {t.lemma for t in claim.tokens if act.start - 12 <= t.start < act.chain_end + 6 and t.pos[0] == "名詞"
            and len(t.surface) >= 2 and not act.start <= t.start < act.end}
    sentences = [s for s in source.sentences if near & s.lemmas and (act.word in s.text or act.lemma in s.lemmas)]
    return act.word if sentences else ""


def _opposite_polarity(act: S.Act, claim: PreparedClaim, ev: Evidence, found: list[Counterpart]) -> str:
    """What the page's own account says of the act, when every time it says it happened where
    the claim says it did not, or the reverse: 利下げを見送った against 利下げに踏み切った. Words
    in 「」 are someone's view, not the account, unless the claim too reports a view (…との見方).
    "" when they agree or the page says both."""
    reported = _reported(claim.norm, act.chain_end)
    said = []
    for c in ev.telling(claim, found, act.start):
        text = ev.texts[c.sentence]
        if in_quote(text, c.start) and not reported:
            continue
        said += [(text, a) for a in S.acts(text) if a.start <= c.start < a.end or c.start <= a.start < c.end]
    if said and all(a.negated != act.negated for _, a in said):
        text, first = said[0]
        return text[first.start:first.chain_end]
    if not said and act.negated:  # 値上げを見送った against 値上げ率を平均9.6%に抑える: a size of the act says it happens
        for c in ev.telling(claim, found, act.start):
            sized = _SIZED_RE.match(ev.texts[c.sentence], c.end)
            if sized and not in_quote(ev.texts[c.sentence], c.start):
                return ev.texts[c.sentence][c.start:sized.end()]
    return ""


_SIZED_RE = re.compile(r"(?:率|幅|額)(?:は|を|が)?[^、。]{0,6}?\d")


def _reported(text: str, end: int) -> bool:
    """The act is what someone says or thinks: …見送る[との見方], …見送る[と述べた]."""
    return text[end:end + 3].startswith(("と", "との", "って"))


def _check_modifiers(claim: PreparedClaim, ev: Evidence) -> list[Fact]:
    out = []
    for mod in S.modifiers(claim.norm):
        if any(mod.text.startswith(word) or word.endswith(mod.lemma) for word in lexicon.EMPHASIS):
            continue  # 初めて, 全員: the emphasis check asks the source to back these
        found = ev.counterparts(mod.lemma, mod.text.removesuffix("に").removesuffix("で"), mod.synonyms)
        out.append(Fact("modifier", mod.text, FOUND, found[0].word, ev.span(found[0])) if found
                   else Fact("modifier", mod.text, MISSING))
    return out


def _check_limits(claim: PreparedClaim, ev: Evidence) -> list[Fact]:
    """A limit the claim puts on its statement (社員だけで約180人) needs one where the page names
    the limited word, or in the sentences telling the claim (協力会社を含めて約180人 has none)."""
    out = []
    for limit in S.limits(claim.norm):
        word = claim.norm[limit.start:limit.end - len(limit.lemma)]
        naming = [t for t in ev.texts if word in t] or [ev.texts[c.sentence] for c in ev.telling(claim, [
            Counterpart(i, 0, 0, "") for i in range(len(ev.texts))], limit.start)]
        if not any(w in t for t in naming for w in S.LIMIT_WORDS):
            out.append(Fact("modifier", limit.text, MISSING))
    return out


# Prefixes that make a word name another role or rank (副議長 is not 議長, 準決勝 not 決勝, 元社長
# not 社長), with the words where the same character is no prefix (午前, 地元, 復旧).
_ROLE_PREFIXES = {"副": (), "準": (), "次期": (), "名誉": (), "元": tuple("紀次地身手足還復根"),
                  "前": tuple("午以直目寸事名手生空戦最"), "旧": tuple("新復懐")}


# Affixes that deny the word (非正規, 不参加, 未発表, 対象外): the page says the opposite.
_NEGATING_PREFIXES = {"非": (), "不": (), "未": (), "無": ()}
_NEGATING_SUFFIXES = ("外",)


def _role_prefix(text: str, at: int, end: int | None = None) -> str:
    """The rank or negating affix the word at text[at:end] carries, as written ("副", "外")."""
    for prefix, not_after in {**_ROLE_PREFIXES, **_NEGATING_PREFIXES}.items():
        start = at - len(prefix)
        if start >= 0 and text[start:at] == prefix and not (start and text[start - 1] in not_after):
            return prefix
    if end is not None and text[end:end + 1] in _NEGATING_SUFFIXES and not is_kanji(text[end + 1:end + 2] or "、"):
        return text[end]  # 対象外とする; not 訪日外国人
    return ""


def _check_roles(claim: PreparedClaim, ev: Evidence) -> list[Fact]:
    """A word the evidence uses only with a rank prefix the claim dropped (or added): the claim's
    会長 is the page's 副会長. Where the page has both (議長に浅野氏、副議長に川端氏), the clauses
    that name the claim's people decide."""
    out = []
    names = [e.text for e in claim.entities if not e.weak]
    for tok in analyze(claim.norm, "B"):
        if tok.pos[0] != "名詞" or len(tok.surface) < 2 or not all(is_kanji(c) for c in tok.surface):
            continue
        mine = _role_prefix(claim.norm, tok.start, tok.end)
        uses = []  # (affix, names the clause shares with the claim)
        for text in ev.texts:
            for start, end in clause_spans(text):
                clause = text[start:end]
                at = clause.find(tok.surface)
                while at >= 0:
                    uses.append((_role_prefix(clause, at, at + len(tok.surface)),
                                 any(N.entity_in(n, clause) for n in names)))
                    at = clause.find(tok.surface, at + 1)
        named = [affix for affix, shared in uses if shared] or [affix for affix, _ in uses]
        if named and all(p and p != mine for p in named):
            theirs = named[0] + tok.surface if named[0] not in _NEGATING_SUFFIXES else tok.surface + named[0]
            negating = named[0] in _NEGATING_PREFIXES or named[0] in _NEGATING_SUFFIXES
            out.append(Fact("polarity" if negating else "role", tok.surface, CONFLICTING, theirs))
    return out


_COMPOUND_PARTS = ("名詞", "接尾辞", "接頭辞", "形状詞")


def _inserted_words(claim: PreparedClaim, ev: Evidence) -> list[Fact]:
    """A word the claim slips into one of the page's compound names: 熱中症[特別]警戒アラート where
    the page says 熱中症警戒アラート names another, stronger alert."""
    out = []
    tokens = analyze(claim.norm, "A")
    run: list[Token] = []
    for tok in list(tokens) + [None]:
        if tok is not None and tok.pos[0] in _COMPOUND_PARTS and (not run or run[-1].end == tok.start):
            run.append(tok)
            continue
        for k in range(1, len(run) - 1):
            whole = "".join(t.surface for t in run)
            without = "".join(t.surface for j, t in enumerate(run) if j != k)
            if len(run[k].surface) >= 2 and whole not in ev.text and without in ev.text \
                    and run[k].surface not in ev.text:
                out.append(Fact("modifier", run[k].surface, MISSING))
        run = [tok] if tok is not None and tok.pos[0] in _COMPOUND_PARTS else []
    return out


# A party named by what it does and a head (受注側, 被害者, 輸出国, 買い手): the page's counterpart
# with another first half (発注側) is the other party, not a paraphrase.
_PARTY_RE = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2})(者側|側|者|国|手)(?![\u4e00-\u9fff])")


def _check_parties(claim: PreparedClaim, ev: Evidence, source: PreparedSource) -> list[Fact]:
    """A party the page never names, where the sentence telling the claim names the one opposite it."""
    out = []
    for m in _PARTY_RE.finditer(claim.norm):
        if m.group(0) in source.norm_text:
            continue
        mine = {g for t in analyze(m.group(1), "B") for g in t.synonyms}
        for text in ev.texts:
            other = next((o.group(0) for o in _PARTY_RE.finditer(text) if o.group(2) == m.group(2)
                          and o.group(1) != m.group(1) and o.group(0) not in claim.norm
                          and not mine & {g for t in analyze(o.group(1), "B") for g in t.synonyms}), "")
            if other:
                out.append(Fact("role", m.group(0), CONFLICTING, other))
                break
    return out


def check_elements(claim: PreparedClaim, source: PreparedSource, evidence: list[Sentence]) -> list[Fact]:
    """Acts, modifiers, modality, causes and speakers of the claim against the evidence."""
    ev = Evidence(evidence)
    return (_check_acts(claim, ev, source) + _check_modifiers(claim, ev) + _check_limits(claim, ev) + _inserted_words(claim, ev) + _check_roles(claim, ev)
            + _check_parties(claim, ev, source)
            + check_links(claim, source))

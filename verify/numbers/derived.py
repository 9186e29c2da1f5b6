"""Numbers a summary computes from a page's: gaps, totals, ratios, shares, rates of change and
points, each backed only by the claim's own cue for it (差, 合わせて, 占め, 率)."""
from __future__ import annotations

import re
from dataclasses import replace

from .quantity import ANY_COUNT, DATE_UNITS, ORDINAL_UNITS, Quantity


def differences(found: list[Quantity]) -> list[Quantity]:
    """Numbers a summary computes from the page's: a gap ("120万票以上の差" from 291万 and 165万;
    14票上回る from 43 and 29), a total (委員10人 from 5人 and 5人; 合わせて7万7000人 from a list of
    three), a ratio (10倍 from 1000円 and 1万円), a share (回答率は約37% from 642施設 of 1731施設),
    a rise in percent (260円 -> 300円: 15%) and a gap in points (92.4% and 91.4%: 1ポイント). Only
    values of one unit combine, and only within the evidence, so a chance match stays unlikely."""
    out = []
    found = [q for q in found if q.unit not in ORDINAL_UNITS and q.start != q.end and q.text[:1].isdigit()]
    for i, a in enumerate(found):
        for b in found[i + 1:]:
            if a.unit == b.unit == "%":  # 60% - 30% is 30 points, not a 30% share
                out.append(Quantity(abs(a.value - b.value), "ポイント", f"{a.text}-{b.text}", a.start, a.end))
                continue
            bare_pair = a.unit == b.unit == "" and (not a.counted or not b.counted or a.counted == b.counted)
            if a.unit != b.unit or a.unit in DATE_UNITS or a.unit == "" and not bare_pair:
                continue  # bare numbers must count the same thing (a claim's cue gates their use)
            big, small = (a, b) if a.value >= b.value else (b, a)
            # bare counts (賛成18、反対4; 1731施設) take the claim's counter: ANY_COUNT
            unit = a.unit or ANY_COUNT
            out.append(Quantity(big.value - small.value, unit, f"{big.text}-{small.text}", big.start, big.end))
            out.append(Quantity(big.value + small.value, unit, f"{big.text}+{small.text}", big.start, big.end))
            if small.value > 0 and a.unit not in ("%", ANY_COUNT):
                # a rise or fall in percent: 260円 -> 300円 is 15%, 300円 -> 260円 13%
                out.append(Quantity(100 * (big.value - small.value) / small.value, "%", f"({big.text}-{small.text})/{small.text}",
                                    big.start, big.end, tolerance=0.05))
                out.append(Quantity(100 * (big.value - small.value) / big.value, "%", f"({big.text}-{small.text})/{big.text}",
                                    big.start, big.end, tolerance=0.05))
            if small.value > 0:
                ratio = big.value / small.value
                out.append(Quantity(ratio, "倍", f"{big.text}/{small.text}", big.start, big.end, tolerance=0.05 * ratio))
                if a.unit != "%":
                    share = 100 * small.value / big.value
                    out.append(Quantity(share, "%", f"{small.text}/{big.text}", big.start, big.end, tolerance=0.05))
    out += _list_totals(found) + _parts_of(found)
    return [replace(q, derived=True) for q in out]


def complements(found: list[Quantity]) -> list[Quantity]:
    """The level a fall leaves: 41%減った is 59% of the year before, 3割減 is the 7割 level."""
    return [Quantity(100 - q.value, "%", f"100-{q.text}", q.start, q.end, tolerance=q.tolerance, derived=True)
            for q in found if q.unit == "%" and q.direction < 0 and 0 < q.value < 100]


def _parts_of(found: list[Quantity]) -> list[Quantity]:
    """The part a share makes of a total told beside it (入館者約48万人のうち…約4割: about 19万人),
    within the rounding of both."""
    out = []
    for total in found:
        if not total.unit or total.unit in DATE_UNITS or total.unit in ("%", "倍", ANY_COUNT):
            continue
        for share in found:
            if share.unit != "%" or not 0 < share.value < 100 or abs(share.start - total.start) > 60:
                continue
            value = total.value * share.value / 100
            spread = total.tolerance / total.value + max(share.tolerance, 0.5) / share.value if total.value else 0.0
            out.append(Quantity(value, total.unit, f"{share.text}*{total.text}", total.start, total.end,
                                tolerance=value * spread))
    return out


# Words by which a claim says it computed a number (closed class): a gap, a total, a share, a
# rate of change, a ratio. A computed value backs a claim number only with its cue nearby, so a
# chance sum or quotient of unrelated numbers on the page backs nothing.
_CUES = {
    "-": r"差|上回|下回|多い|多く|少な|増|減|伸ば|伸び|縮|広げ|リード|引き離|失|ぶり|前年|前の年|より|から|"
         r"上が|下が|上げ|下げ|値上|値下|これまで|従来|以前|前回|もとの|元の|あと|残り",
    "+": r"合わせ|合計|計|総|全体|両|ともに|延べ|うち|と[^、。]{1,10}$",
    "/": r"率|割合|うち|人に1人|占め|倍|の\d|分の|\d[^\d、。]{0,3}の$",
    "(": r"率|上げ|下げ|上昇|下落|増|減|伸び|値上",
    "ポイント": r"ポイント",
    "*": r"うち|占め|にあたる|に当たる",  # a part of a total: 48万人のうち…19万人
}


def derivation_cued(derived: Quantity, claim: str, q: Quantity) -> bool:
    """Does the claim, near the number `q`, say it is what `derived` computed (差, 合わせて, 率)?"""
    if derived.unit == "ポイント":
        return True
    if derived.text.endswith(_PERIODS):  # 月20万円 for the page's 年240万円, 年240万円 for 月20万円
        return bool((_PER_MONTH_RE if derived.text.endswith("/12") else _PER_YEAR_RE).search(claim[:q.start]))
    if derived.text.startswith("100-"):  # 前年の6割ほど, 7割の水準, 半分以下に落ち込んだ
        return bool(re.search(r"の(?:約|およそ|ほぼ)?$", claim[max(0, q.start - 16):q.start])
                    or re.match(r"(?:ほど|程度|近く)?(?:の水準|以下|に落ち込|にとどま|に減)", claim[q.end:q.end + 10]))
    kind = "(" if derived.text.startswith("(") else "/" if "/" in derived.text else \
        "*" if "*" in derived.text else "+" if "+" in derived.text else "-"
    if kind == "+" and _cued("-", claim, q):
        return True  # 赤字2345億円…黒字1120億円…3465億円下回った: a gap across zero is a sum
    if kind == "/" and q.unit == "倍":
        return True  # a ratio (10倍に引き上げ) is what two numbers on the page make
    return _cued(kind, claim, q)


def _cued(kind: str, claim: str, q: Quantity) -> bool:
    before, after = claim[max(0, q.start - 16):q.start], claim[q.end:q.end + 10]
    return bool(re.search(_CUES[kind], before) or re.search(_CUES[kind].replace("|と[^、。]{1,10}$", ""), after))


def _list_totals(found: list[Quantity]) -> list[Quantity]:
    """Totals of three to six numbers of one unit written one after another (富士宮ルートは約3万9000
    人、須走ルートは約2万4000人、御殿場ルートは約1万4000人: 合わせて約7万7000人)."""
    out = []
    for start in range(len(found)):
        run = [found[start]]
        for q in found[start + 1:start + 6]:
            if not q.unit or q.unit != run[0].unit or q.unit in DATE_UNITS or q.unit == "%":
                break
            run.append(q)
            if len(run) >= 3:
                total = sum(x.value for x in run)
                out.append(Quantity(total, q.unit, "+".join(x.text for x in run), run[0].start, q.end,
                                    tolerance=sum(x.tolerance for x in run)))
    return out


def gaps_to_page(told: list[Quantity], page: list[Quantity]) -> list[Quantity]:
    """Gaps between a number the evidence tells and one of its unit told elsewhere on the page
    (2010年には約450騎 … 今年は約380騎: 約70騎少なく); the claim's cue still decides."""
    texts, out = {q.text for q in told}, []
    for a in told:
        if not a.measure or a.unit in DATE_UNITS or a.unit in ORDINAL_UNITS or a.unit == "%":
            continue
        for b in page:  # (bare counts of one noun, 約450騎 and 約380騎, take the claim's counter)
            if a.same_measure(b) and b.text not in texts and b.text[:1].isdigit():
                big, small = (a, b) if a.value >= b.value else (b, a)
                out.append(Quantity(big.value - small.value, a.unit or ANY_COUNT, f"{big.text}-{small.text}",
                                    a.start, a.end, derived=True))
    return out


# A yearly amount said monthly and back (年240万円 is 月20万円): the word before the number says
# which; a year written as a date (2024年240万円) is no period.
_PER_YEAR_RE = re.compile(r"(?<!\d)(?:年間|年額|年)(?:約|およそ|で)?$")
_PER_MONTH_RE = re.compile(r"(?:月額|毎月|ひと月|1カ月|(?<![\d年])月)(?:約|およそ|で)?$|月平均[^、。\d]{0,6}$|月当たり|月あたり")
_PERIODS = ("/12", "*12")


def per_period(text: str, found: list[Quantity]) -> list[Quantity]:
    out = []
    for q in found:
        if not q.unit or q.unit in DATE_UNITS or q.unit in ORDINAL_UNITS or q.unit == "%":
            continue
        before = text[max(0, q.start - 4):q.start]
        if _PER_YEAR_RE.search(before):
            out.append(replace(q, value=q.value / 12, text=q.text + "/12", tolerance=q.tolerance / 12, derived=True))
        elif _PER_MONTH_RE.search(before):
            out.append(replace(q, value=q.value * 12, text=q.text + "*12", tolerance=q.tolerance * 12, derived=True))
    return out


# A total over several years (3年間で約300億円): not the yearly amount (年間約300億円).
_SPAN_RE = re.compile(r"(?<![\d.])(\d{1,2})(?:年間|年)で?(?:約|およそ|計|合計)?$")


def period(text: str, start: int) -> str:
    """What span of time the number at `start` covers, as written before it: "年" (年間, 年),
    "月" (月額, 毎月), "3年" (3年間で), or "" when unsaid."""
    before = text[max(0, start - 8):start]
    span = _SPAN_RE.search(before)
    if span:
        return f"{span.group(1)}年"
    return "年" if _PER_YEAR_RE.search(before) else "月" if _PER_MONTH_RE.search(before) else ""


_RANGE_BEFORE = re.compile(r"\d[\d.,万千億]*[^\d、。~〜]{0,3}[~〜]$")
_RANGE_AFTER = re.compile(r"^[^\d、。~〜]{0,3}[~〜]\d[\d.万千億]*[^\d、。]{0,3}")


def range_around(text: str, start: int, end: int) -> str:
    """The range a number is one end of (年約1100~5000円), or ""."""
    before = _RANGE_BEFORE.search(text[max(0, start - 14):start])
    if before:
        return text[start - len(before.group(0)):end]
    after = _RANGE_AFTER.match(text[end:end + 14])
    return text[start:end + after.end()] if after else ""

"""A number as a claim or a page states it, and when a page's number is the one a claim states.

The value carries what the writer committed to: its unit, how precise it is (約500人 is 450-550),
a bound (以上, 未満), a band (110円台), a direction (増, 減) and the noun before it (賛成112).
All text here is already normalised (see text/normalization.py).
"""
from __future__ import annotations

from dataclasses import dataclass

DATE_UNITS = {"年(year)", "月", "日", "時", "分"}
ANY_COUNT = "(count)"  # the unit of a number computed from two bare counts: any counter agrees
ORDINAL_UNITS = {"位", "回目", "期", "代", "号", "番", "条", "項", "階"}  # ranks and orders do not add up
# (claim unit, source unit) -> how many source units make one claim unit: 約1.1キロ is 1100メートル.
_CONVERSIONS = {("km", "メートル"): 1000.0, ("メートル", "km"): 0.001, ("メートル", "センチ"): 100.0,
                ("センチ", "メートル"): 0.01, ("トン", "kg"): 1000.0, ("kg", "トン"): 0.001,
                ("時間", "分"): 60.0, ("分", "時間"): 1 / 60}


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str           # canonical unit, "年(year)" for calendar years
    text: str
    start: int
    end: int
    tolerance: float = 0.0   # how far a source value may be and still be what the claim says
    bound: str = ""          # "min" (以上, 超), "max" (以下, 未満) or ""
    direction: int = 0       # +1 (増, 上昇), -1 (減, 下落), 0 unsaid
    trend: str = ""          # the word that gave the direction
    label: str = ""          # the noun written right before the number: 賛成 in 賛成112
    strict: bool = False     # 超/を超え: the bound excludes the value (12人を超え is not 12人)
    band: float = 0.0        # 110円台: the value is in [value, value + band); compared as a band
    half_open: bool = False  # 2割: a rounded share, [15%, 25%) under round-half-up
    counted: str = ""        # the noun a bare number counts (1731施設): two such may combine
    derived: bool = False    # computed from two of the page's numbers, not written on it
    approx: bool = False     # 約, ほど, 近く: the writer rounded

    @property
    def measure(self) -> str:
        """What the number measures: its unit, or for a bare number the noun it counts (19試合)."""
        return self.unit or self.counted

    def same_measure(self, other: "Quantity") -> bool:
        """Both measure the same thing: one unit (年 is not 年(year)), or bare counts of one noun
        (3党 and 3党連立)."""
        if self.unit or other.unit:
            return self.unit == other.unit
        a, b = self.counted, other.counted
        return bool(a and b) and (a.startswith(b) or b.startswith(a))

    @property
    def phrase(self) -> str:
        return self.text + self.trend

    @property
    def kind(self) -> str:
        return "date" if self.unit in DATE_UNITS else "number"

    def agrees(self, other: Quantity) -> bool:
        """True when `other` (from the source) is the value this claim quantity states."""
        if not self.unit and other.derived and other.unit != ANY_COUNT:
            return False  # a bare number (100館余り) is not a percentage someone could compute
        if not self.unit and not other.unit and self.counted and other.counted \
                and not (self.counted.startswith(other.counted) or other.counted.startswith(self.counted)):
            return False  # 19試合 is not 19得点 (3党連立 is 3党)
        if self.unit == "年(year)" and other.unit == "年" and other.text.endswith("年") and other.value < 100:
            return int(self.value) % 100 == int(other.value)  # 2014年 and the source's later "14年"
        if other.unit == ANY_COUNT and self.unit not in DATE_UNITS and self.unit not in ("%", "倍"):
            other = Quantity(other.value, self.unit, other.text, other.start, other.end, other.tolerance)
        if other.unit != self.unit and self.unit:
            factor = _CONVERSIONS.get((self.unit, other.unit))
            if factor is None:
                return False  # a bare number in a claim (6500万CGT) may take the source's unit
            other = Quantity(other.value / factor, self.unit, other.text, other.start, other.end,
                             other.tolerance / factor, other.bound, other.direction, strict=other.strict,
                             band=other.band / factor)
        if self.band and other.band:
            return abs(self.value - other.value) < 1e-9  # 110円台 is not 113円台
        if self.band:
            return self.value <= other.value < self.value + self.band
        if other.band:
            return other.value <= self.value < other.value + other.band
        if self.bound == "min":
            if self.strict and other.bound != "min" and abs(other.value - self.value) < 1e-9:
                return False  # 12人を超え against a page that says 12人
            if other.approx and not self.approx and other.bound != "min" and abs(other.value - self.value) <= other.tolerance:
                return False  # 4割以上 against a page that says 約4割: about is not at least
            if self.value <= other.value <= self.value * 1.5:
                return True
        if self.bound == "max" and self.value * 0.67 <= other.value <= self.value:
            return True
        if self.half_open:
            return self.value - self.tolerance <= other.value < self.value + self.tolerance
        if self.approx and other.approx and other.text.endswith("割"):  # およそ46% and 4割強 (40-45%) overlap
            return abs(other.value - self.value) <= self.tolerance + other.tolerance
        return abs(other.value - self.value) <= self.tolerance + 1e-9 * max(1.0, abs(self.value))

"""Claims -> verdicts: the stated rules on hand-made measurements."""

from __future__ import annotations

import pytest

from borderwatch.model import AnchorRef, Claim, Measurement, Span, TargetRef
from borderwatch.units import from_km, to_km
from borderwatch.verdict import judge, rounding_unit, unit_pair_check, window_km


def claim(value, unit="km", hedge=None, *, high=None, paired=None, punit=None):
    return Claim(index=1, span=Span(0, 1), quote="x", sentence=Span(0, 1), value=value, unit=unit,
                 value_high=high, paired_value=paired, paired_unit=punit, hedge=hedge,
                 anchor=AnchorRef("A"), target=TargetRef("place", "B", name="B"))


def measured(d, radius=0.0):
    return Measurement(distance_km=d, low_km=max(0, d - radius), high_km=d + radius, origin=(0, 0),
                       nearest=(0, 0), method="test", dataset="test", target_label="B")


# (id, claim, measured km, uncertainty radius, expected status, expected direction)
CASES = [
    ("seed-just-over-40-vs-48.7", claim(40, hedge="just over", paired=25, punit="mi"), 48.682, 3.2, "inconsistent", "understated"),
    ("seed-90-vs-92.4", claim(90, paired=56, punit="mi"), 92.424, 3.2, "consistent", None),
    ("about-30-vs-33", claim(30, hedge="about"), 33.0, 0, "consistent", None),
    ("about-30-vs-40", claim(30, hedge="about"), 40.0, 1, "inconsistent", "understated"),
    ("within-40-vs-38", claim(40, hedge="within"), 38.0, 0, "consistent", None),
    ("within-40-vs-60", claim(40, hedge="within"), 60.0, 2, "inconsistent", "understated"),
    ("less-than-10-vs-12", claim(10, hedge="less than"), 12.0, 0.5, "inconsistent", "understated"),
    ("more-than-100-vs-250", claim(100, hedge="more than"), 250.0, 0, "consistent", None),
    ("more-than-100-vs-60", claim(100, hedge="more than"), 60.0, 1, "inconsistent", "overstated"),
    ("plain-48-vs-48.4", claim(48), 48.4, 0, "consistent", None),
    ("range-25-30-vs-28", claim(25, high=30), 28.0, 0, "consistent", None),
    ("miles-46-vs-59.9km", claim(46, "mi"), 59.9, 1, "inconsistent", "overstated"),
    ("edge-within-radius", claim(40, hedge="just over"), 46.0, 3.2, "consistent", None),
]


@pytest.mark.parametrize("c,d,r,status,direction", [x[1:] for x in CASES], ids=[x[0] for x in CASES])
def test_verdicts(c, d, r, status, direction):
    v = judge(c, measured(d, r))
    assert v.status == status, v.reason
    assert v.direction == direction
    assert v.rule and v.reason


def test_inconsistent_verdict_states_margin():
    v = judge(claim(40, hedge="just over"), measured(48.682, 3.2))
    assert v.off_km == pytest.approx(8.682, abs=0.001)
    assert v.off_pct == pytest.approx(17.8, abs=0.1)
    assert "8.7 km" in v.reason and "40.0–44.0" in v.reason


def test_just_over_is_not_about():
    (lo, hi), _ = window_km(claim(40, hedge="just over"))
    (alo, ahi), _ = window_km(claim(40, hedge="about"))
    assert lo == 40 and alo < 40 and hi <= ahi


@pytest.mark.parametrize("v,u", [(40, 10), (25, 5), (48, 1), (100, 100), (4.5, 0.1), (1000, 1000)])
def test_rounding_unit(v, u):
    assert rounding_unit(v) == pytest.approx(u)


# (45, 27): 27.96 truncated — ordinary newsroom practice (issue 9); (35, 21): 21.75 truncated.
@pytest.mark.parametrize("km,mi,ok", [(40, 25, True), (90, 56, True), (40, 30, False), (74, 45, True),
                                      (45, 27, True), (35, 21, True), (45, 26, False), (45, 29, False)])
def test_unit_pairs(km, mi, ok):
    text = unit_pair_check(claim(km, paired=mi, punit="mi"))
    assert ("is consistent" in text) is ok


def test_exact_units():
    assert to_km(1, "mi") == 1.609344
    assert from_km(40, "mi") == pytest.approx(24.855, abs=0.001)
    assert to_km(1, "nmi") == 1.852
    assert to_km(1000, "ft") == pytest.approx(0.3048)


# A measurement just outside the window, within its range: printed with the decimals that tell it from the bound
# ('measured 52.2 km is outside 52.2–57.8 km' read as nonsense; 55 km plain allows 52.25–57.75 km).
@pytest.mark.parametrize("c,d,text", [
    (claim(55), 52.249, "measured 52.249 km is outside 52.250–57.750 km"),
    (claim(55), 52.1, "measured 52.1 km is outside 52.2–57.8 km"),
    (claim(55, "mi"), 84.085, "measured 52.248 mi (84.085 km) is outside 52.250–57.750 mi (84.088–92.940 km)"),
])
def test_a_measurement_just_outside_prints_apart_from_the_bound(c, d, text):
    v = judge(c, measured(d, 3))
    assert v.status == "consistent" and v.reason.startswith(text), v.reason

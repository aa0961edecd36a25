"""Claim + measurement -> verdict. The rules, stated.

1. The window the wording allows, from the claimed value V (km):
   rounding unit u = the largest of 1000, 500, 100, 50, 10, 5, 1 dividing V as written
   (10^-decimals for a decimal); h_round = min(u/2, 10 % of V); h = max(h_round, 5 % of V).
   - no hedge, "just", "only": [V − h, V + h]
   - "about", "around", "some", "roughly", "approximately": ± max(h, 10 % of V)
   - "nearly", "almost", "just under", "close to": [85 % of V, V + h_round]
   - "less than", "under", "within", "up to", "no more than": [0, V + h_round]
   - "more than", "over", "at least", "beyond": [V − h_round, ∞)
   - "just over", "just more than", "slightly more than": [V, V + max(h, 10 % of V)]
   - a range "A–B": [A − h(A), B + h(B)]
2. The measurement's range: the anchor's uncertainty radius r (a town's extent, or a
   feature known only by its town) and the data's spread s (two outlines of a river
   border) give [d − r − s, d + r + s].
3. Verdict: d inside the window → consistent; the range overlaps the window →
   consistent within the uncertainty; otherwise inconsistent, understated (claimed
   less than measured) or overstated, by d − V km and that as % of d.
4. The paired conversion ("40 kilometers (25 miles)") is consistent when the
   converted value rounds to the paired one at the paired figure's precision.
"""

from __future__ import annotations

import math

from .lexicon import LEXICON
from .model import Claim, Direction, Measurement, Status, Verdict
from .settings import DEFAULTS, Settings
from .units import from_km, to_km

__all__ = ["in_unit", "part_sentence", "explain", "window_km", "judge", "unit_pair_check", "not_checkable", "unresolved", "rounding_unit"]


def rounding_unit(value: float, *, settings: Settings = DEFAULTS) -> float:
    """Return the rounding unit a figure as written suggests: 40 → 10, 25 → 5, 48 → 1, 4.5 → 0.1.

    >>> rounding_unit(40), rounding_unit(4.5)
    (10.0, 0.1)
    """
    if value != int(value):
        decimals = len(f"{value:g}".split(".")[1]) if "." in f"{value:g}" else 0
        return 10.0 ** -decimals
    for u in settings.rounding_units:
        if value >= u and int(value) % u == 0:
            return float(u)
    return 1.0


def _tolerances(value: float, unit: str, settings: Settings) -> tuple[float, float, float]:
    """(V km, h_round km, h km) for a figure in its own unit (rounding is of the figure as written)."""
    v_km = to_km(value, unit)
    h_round = min(to_km(rounding_unit(value, settings=settings), unit) / 2.0, 0.1 * v_km)
    return v_km, h_round, max(h_round, settings.plain_tolerance * v_km)


def in_unit(km: float, unit: str) -> str:
    """'4.3 km'; for a claim in another unit its own unit first: '2.7 mi (4.3 km)'.

    >>> in_unit(4.828, "mi"), in_unit(48.66, "km")
    ('3.0 mi (4.8 km)', '48.7 km')
    """
    return in_unit_digits(km, unit, 1)


def in_unit_digits(km: float, unit: str, digits: int) -> str:
    if unit == "km":
        return f"{km:.{digits}f} km"
    return f"{from_km(km, unit):.{digits}f} {unit} ({km:.{digits}f} km)"


def _digits_apart(d: float, bound: float, unit: str) -> int:
    """Decimals (1 to 3) at which a measurement just outside a window does not print as its bound ('52.2 km is
    outside 52.2–57.8 km' read as nonsense: 52.24 is outside 52.25–57.75)."""
    return next((n for n in (1, 2) if f"{from_km(d, unit):.{n}f}" != f"{from_km(bound, unit):.{n}f}"
                 and f"{d:.{n}f}" != f"{bound:.{n}f}"), 3)


def _span_in_unit(lo: float, hi: float, unit: str, digits: int = 1) -> str:
    """'40.0–44.0 km', '2.7–3.3 mi (4.3–5.3 km)', '≥ 9.5 mi' style window text; two decimals for a window
    narrower than 0.2 in a unit ('half a mile': '0.45–0.55 mi (0.72–0.89 km)'), so its two ends differ."""
    def fmt(x: float, width: float) -> str:
        return "∞" if math.isinf(x) else f"{x:.{max(digits, 2 if width < 0.2 else 1)}f}"

    if unit == "km":
        return f"{fmt(lo, hi - lo)}–{fmt(hi, hi - lo)} km"
    lo_u, hi_u = from_km(lo, unit), from_km(hi, unit)
    return f"{fmt(lo_u, hi_u - lo_u)}–{fmt(hi_u, hi_u - lo_u)} {unit} ({fmt(lo, hi - lo)}–{fmt(hi, hi - lo)} km)"


def part_sentence(m: Measurement) -> str:
    """The sentence a measurement to a region's detached part adds to its verdict ('' when none)."""
    if m.part is None:
        return ""
    return (f"; the nearest point is on {m.part.label}, a detached part of the target "
            f"({m.target_label.removesuffix(' boundary')}); its main part is {m.part.main_km:.1f} km away")


def window_km(claim: Claim, *, settings: Settings = DEFAULTS, unit: str | None = None
              ) -> tuple[tuple[float, float], str]:
    """Return ((low, high) km, rule sentence) for what the claim's wording allows.

    The sentence gives figures in ``unit`` (default: the claim's own), with km in brackets.
    """
    v, h_round, h = _tolerances(claim.value, claim.unit, settings)
    hedge = claim.hedge
    group = LEXICON.hedge_group(hedge)
    if claim.value_high is not None:
        v2, _, h2 = _tolerances(claim.value_high, claim.unit, settings)
        return (max(0.0, v - h), v2 + h2), f"a range {claim.value:g}–{claim.value_high:g} {claim.unit}, widened by its rounding"
    u = unit or claim.unit
    if group == "about":
        a = max(h, settings.about_tolerance * v)
        return (v - a, v + a), f"'{hedge}' allows ±{in_unit(a, u)} (at least ±{settings.about_tolerance:.0%})"
    if group == "nearly":
        return (settings.nearly_floor * v, v + h_round), f"'{hedge}' means a little less than {in_unit(v, u)}"
    if group == "upper":
        return (0.0, v + h_round), f"'{hedge}' is an upper bound (plus rounding {in_unit(h_round, u)})"
    if group == "just_over":
        a = max(h, settings.just_over_tolerance * v)
        return (v, v + a), f"'{hedge}' means at least {in_unit(v, u)} and not much more (≤ +{in_unit(a, u)})"
    if group == "lower":
        return (v - h_round, math.inf), f"'{hedge}' is a lower bound (minus rounding {in_unit(h_round, u)})"
    label = f"'{hedge}' with " if hedge else ""
    return (v - h, v + h), (f"{label}a plain figure allows ±{in_unit(h, u)} (its rounding, at least "
                            f"±{settings.plain_tolerance:.0%})")


def _matches(converted: float, stated: float, settings: Settings) -> bool:
    """Whether ``converted``, rounded or truncated to the precision ``stated`` is written to, gives
    ``stated`` ("45 km (27 miles)": 27.96 truncated is 27 — ordinary newsroom practice)."""
    unit = rounding_unit(stated, settings=settings)
    if abs(converted - stated) <= max(unit / 2.0, settings.pair_min_tolerance) + 1e-9:
        return True
    return math.isclose(math.floor(converted / unit + 1e-9) * unit, stated, abs_tol=1e-9)


def unit_pair_check(claim: Claim, *, settings: Settings = DEFAULTS) -> str | None:
    """Return a sentence judging the paired conversion, or None when there is none.

    The pair is consistent when the conversion, rounded or truncated to the precision the
    paired figure is written to, gives it.

    >>> from borderwatch.model import Claim, Span
    >>> c = Claim(1, Span(0, 1), "45 km (27 miles)", Span(0, 1), 45, "km", paired_value=27, paired_unit="mi")
    >>> unit_pair_check(c).endswith("the pair is consistent")
    True
    """
    if claim.paired_value is None or claim.paired_unit is None:
        return None
    converted = from_km(claim.value_km, claim.paired_unit)
    ok = _matches(converted, claim.paired_value, settings)
    sign = "≈" if ok else "≠"
    verdict = "consistent" if ok else "inconsistent"
    return (f"{claim.value:g} {claim.unit} = {converted:.2f} {claim.paired_unit} {sign} "
            f"{claim.paired_value:g} {claim.paired_unit}: the pair is {verdict}")


def judge(claim: Claim, m: Measurement, *, settings: Settings = DEFAULTS, unit: str | None = None) -> Verdict:
    """Return the verdict of ``claim`` against measurement ``m`` (rules in the module docstring).

    Its sentences give figures in ``unit`` (default: the claim's own), km in brackets.
    """
    (lo, hi), rule = window_km(claim, settings=settings, unit=unit)
    d = m.distance_km
    pair = unit_pair_check(claim, settings=settings)
    v = claim.value_km
    off = d - v
    pct = 100.0 * off / d if d > 0 else None
    u, part = unit or claim.unit, part_sentence(m)
    window_txt = f"the wording allows {_span_in_unit(lo, hi, u)}"
    if lo <= d <= hi:
        return Verdict(Status.CONSISTENT, f"measured {in_unit(d, u)}; {window_txt}{part}", rule, None, (lo, hi),
                       off, pct, pair)
    if m.high_km >= lo and m.low_km <= hi:
        n = _digits_apart(d, lo if d < lo else hi, u)
        return Verdict(Status.CONSISTENT,
                       f"measured {in_unit_digits(d, u, n)} is outside {_span_in_unit(lo, hi, u, n)}, but the "
                       f"measurement's range {m.low_km:.1f}–{m.high_km:.1f} km (anchor extent and data spread) "
                       f"reaches it{part}",
                       rule, None, (lo, hi), off, pct, pair)
    direction = Direction.UNDERSTATED if d > hi else Direction.OVERSTATED
    gap = d - hi if d > hi else lo - d
    return Verdict(Status.INCONSISTENT,
                   f"{direction}: measured {in_unit(d, u)} (range {m.low_km:.1f}–{m.high_km:.1f} km) vs claimed "
                   f"{claim.claimed_text}; {window_txt}; off by {in_unit(abs(off), u)} ({abs(pct or 0):.0f} % of "
                   f"the measured distance), {in_unit(gap, u)} beyond what the wording allows{part}",
                   rule, direction, (lo, hi), off, pct, pair)


def explain(claim: Claim, m: Measurement | None, verdict: Verdict, unit: str, *,
            settings: Settings = DEFAULTS) -> str:
    """The verdict's reason with its figures in ``unit`` (the page's km/mi switch).

    The stored reason already speaks the claim's own unit (km in brackets), so for "km" or
    the claim's unit it is returned as it is; so is an unmeasured claim's (no figures)."""
    if m is None or unit in ("km", claim.unit):
        return verdict.reason
    return judge(claim, m, settings=settings, unit=unit).reason


def not_checkable(claim: Claim, why: str) -> Verdict:
    """A verdict that says why the claim cannot be checked."""
    return Verdict(Status.NOT_CHECKABLE, why, "", unit_check=unit_pair_check(claim))


def unresolved(claim: Claim, why: str) -> Verdict:
    """A verdict that says which place could not be resolved and why."""
    return Verdict(Status.UNRESOLVED, why, "", unit_check=unit_pair_check(claim))

"""The values that flow between stages: frozen dataclasses, no dicts as contracts.

Coordinates are (lat, lon) in degrees on WGS84 everywhere in this package; lon-first
order appears only at the edges where a library wants it (pyproj, shapely, GeoJSON).
Distances are kilometres and say so in their names.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .errors import CoordinateError

__all__ = [
    "Span", "TargetRef", "Claim", "Place", "Candidate", "Resolution",
    "Measurement", "Verdict", "ClaimResult", "Report", "check_latlon",
]


def check_latlon(lat: float, lon: float) -> tuple[float, float]:
    """Return (lat, lon) as floats, or raise CoordinateError if not a finite WGS84 pair.

    Latitude must lie in [-90, 90] and longitude in [-180, 180] degrees.
    """
    try:
        lat_f, lon_f = float(lat), float(lon)
    except (TypeError, ValueError) as exc:
        raise CoordinateError(f"coordinates must be numbers, got lat={lat!r}, lon={lon!r}") from exc
    if not (math.isfinite(lat_f) and math.isfinite(lon_f)):
        raise CoordinateError(f"coordinates must be finite, got lat={lat!r}, lon={lon!r}")
    if not -90.0 <= lat_f <= 90.0:
        raise CoordinateError(f"latitude must be within [-90, 90] degrees, got {lat!r}")
    if not -180.0 <= lon_f <= 180.0:
        raise CoordinateError(f"longitude must be within [-180, 180] degrees, got {lon!r}")
    return lat_f, lon_f


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) in the article text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"span must satisfy 0 <= start <= end, got {self.start}..{self.end}")

    def of(self, text: str) -> str:
        """Return the slice of ``text`` this span covers."""
        return text[self.start:self.end]


@dataclass(frozen=True)
class TargetRef:
    """What a claim measures to, as the text says it (no geography yet).

    kind: 'place' (a named town), 'region' (an admin-1 region's boundary),
    'border' (a country's border), 'coast', or 'line' (front line, DMZ, LoC).
    ``name`` is the place or region name as written; ``country`` the country as
    written ("Ukraine", "Russian"), when the text gives one.
    """

    kind: str
    text: str
    name: str | None = None
    country: str | None = None
    span: Span | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("place", "region", "border", "coast", "line"):
            raise ValueError(f"target kind must be place/region/border/coast/line, got {self.kind!r}")


@dataclass(frozen=True)
class Claim:
    """One distance statement found in the text.

    ``value`` (and ``value_high`` for a range such as "25-30 km") are in ``unit``
    as written; ``paired_value``/``paired_unit`` hold a conversion given in
    parentheses ("40 kilometers (25 miles)"). ``hedge`` is the bound or
    approximation word as written, lower-cased ("just over", "within").
    """

    index: int
    span: Span
    quote: str
    sentence: Span
    value: float
    unit: str
    value_high: float | None = None
    paired_value: float | None = None
    paired_unit: str | None = None
    hedge: str | None = None
    direction: str | None = None
    anchor_text: str | None = None
    anchor_span: Span | None = None
    anchor_feature: str | None = None
    anchor_region: str | None = None
    target: TargetRef | None = None
    checkable: bool = True
    why_not: str | None = None

    @property
    def value_km(self) -> float:
        from .units import to_km

        return to_km(self.value, self.unit)

    @property
    def value_high_km(self) -> float | None:
        from .units import to_km

        return None if self.value_high is None else to_km(self.value_high, self.unit)

    @property
    def claimed_text(self) -> str:
        """The claimed distance as a short phrase: 'just over 40 km'."""
        num = _fmt_num(self.value)
        if self.value_high is not None:
            num = f"{num}–{_fmt_num(self.value_high)}"
        words = [self.hedge, f"{num} {self.unit}"]
        return " ".join(w for w in words if w)


def _fmt_num(x: float) -> str:
    """A figure as a person reads it: '40', '4.5', '48.0000001', '9,999,999' (never '1e+07');
    only a magnitude no distance has (1e308) is written with an exponent."""
    if not math.isfinite(x) or abs(x) >= 1e15:
        return f"{x:.3g}"
    if x == int(x):
        return f"{int(x):,}"
    return f"{x:,.10f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Place:
    """A resolved place: a point (town), a region, a country or a border.

    kind: 'city', 'region', 'country' or 'border'. ``lat``/``lon`` is the
    representative point (GeoNames point for a town, a label point for areas).
    ``radius_km`` is how far the thing meant may lie from that point (a town's
    extent; a feature known only by its town). ``key`` identifies its geometry
    in the embedded geodata ('region:123', 'country:UA', 'border:BY|UA').
    """

    kind: str
    name: str
    country: str
    lat: float
    lon: float
    dataset: str
    key: str
    population: int = 0
    geonameid: int | None = None
    admin1: str | None = None
    admin1_name: str | None = None
    radius_km: float = 0.0
    note: str | None = None

    def __post_init__(self) -> None:
        check_latlon(self.lat, self.lon)
        if self.radius_km < 0 or not math.isfinite(self.radius_km):
            raise ValueError(f"radius_km must be finite and >= 0, got {self.radius_km!r}")

    @property
    def label(self) -> str:
        """A readable label: 'Rechytsa (Homyel' Voblasc', BY)'."""
        if self.kind == "city" and self.admin1_name:
            return f"{self.name} ({self.admin1_name}, {self.country})"
        if self.kind in ("city", "region"):
            return f"{self.name} ({self.country})"
        return self.name


@dataclass(frozen=True)
class Candidate:
    """One place considered for a name, with its score and why."""

    place: Place
    score: float
    match: str
    matched_name: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving a name: the winner (or None) and every candidate seen."""

    query: str
    place: Place | None
    candidates: tuple[Candidate, ...]
    reason: str
    source: str = "embedded gazetteer"

    @property
    def ambiguous(self) -> bool:
        """True when another candidate scored close to the winner."""
        if self.place is None or len(self.candidates) < 2:
            return False
        return self.candidates[1].score >= self.candidates[0].score - 0.15


@dataclass(frozen=True)
class Measurement:
    """A distance measured on the WGS84 ellipsoid, with how and on what data.

    ``distance_km`` is from the anchor point to ``nearest`` (lat, lon);
    ``low_km``..``high_km`` is the range over the anchor's uncertainty radius and
    the data's own spread. ``inside`` is True when the anchor lies inside the
    target region (the distance is then to its boundary from within).
    """

    distance_km: float
    low_km: float
    high_km: float
    origin: tuple[float, float]
    nearest: tuple[float, float]
    method: str
    dataset: str
    target_label: str
    inside: bool | None = None
    note: str | None = None
    path: tuple[tuple[float, float], ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class Verdict:
    """A judgement of one claim: status, the rule applied and the margin.

    status: 'consistent', 'inconsistent', 'not checkable' or 'unresolved'.
    ``direction`` for an inconsistent claim: 'understated' (claimed less than
    measured) or 'overstated'. ``window_km`` is the range the wording allows.
    """

    status: str
    reason: str
    rule: str = ""
    direction: str | None = None
    window_km: tuple[float, float] | None = None
    off_km: float | None = None
    off_pct: float | None = None
    unit_check: str | None = None


@dataclass(frozen=True)
class ClaimResult:
    """A claim with its resolved ends, its measurement and its verdict."""

    claim: Claim
    anchor: Resolution | None
    target: Resolution | None
    measurement: Measurement | None
    verdict: Verdict
    alternatives: tuple[tuple[Candidate, Measurement | None, Verdict], ...] = ()


@dataclass(frozen=True)
class Report:
    """Everything borderwatch found in one article."""

    text: str
    title: str
    results: tuple[ClaimResult, ...]
    datasets: tuple[str, ...]
    attribution: str

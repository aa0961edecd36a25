"""The values that flow between stages: frozen dataclasses and closed sets (StrEnums).

Coordinates are (lat, lon) in degrees on WGS84 everywhere in this package; lon-first
order appears only at the edges where a library wants it (pyproj, shapely, GeoJSON).
Distances are kilometres and say so in their names (``distance_km``, ``radius_km``);
a claimed figure keeps its own unit beside it (``value`` + ``unit``).

The stages, and the value each one hands on::

    extract  text                     -> Claim, NonClaim
    context  text                     -> ArticleContext
    resolve  Claim + ArticleContext   -> Resolution (anchor), TargetResolution
    measure  Place + TargetResolution -> Measurement
    judge    Claim + Measurement      -> Verdict
    check    all of the above         -> ClaimResult, Report
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import StrEnum

from .errors import CoordinateError, InvalidValue, UnknownClaim
from .units import Unit, to_km

__all__ = [
    "PlaceKind", "TargetKind", "ClaimKind", "MatchKind", "Status", "Direction", "ChosenBy",
    "Span", "AnchorRef", "MAX_ANCHOR_FALLBACKS", "TargetRef", "Claim", "NonClaim", "Place", "Candidate", "Resolution",
    "TargetResolution", "TargetPart", "Measurement", "Verdict", "Alternative", "ClaimResult", "ArticleContext", "Dateline",
    "Report", "Provenance", "check_latlon", "closed", "format_figure",
]


def closed(enum: type[StrEnum], value: object, *, field_name: str) -> StrEnum:
    """Return ``value`` as a member of ``enum``, or raise InvalidValue listing the valid options.

    >>> closed(Status, "consistent", field_name="status")
    <Status.CONSISTENT: 'consistent'>
    """
    try:
        return enum(value)
    except ValueError:
        options = ", ".join(repr(m.value) for m in enum)
        raise InvalidValue(f"{field_name} must be one of {options}; got {value!r}") from None


class PlaceKind(StrEnum):
    """What a resolved place is."""

    CITY = "city"          # a GeoNames populated place (a point with an extent)
    REGION = "region"      # an admin-1 region (an outline)
    COUNTRY = "country"    # a country (an outline)
    BORDER = "border"      # the shared border of two countries (lines)
    POINT = "point"        # a point a user chose on the map or typed in
    LANDMARK = "landmark"  # a landmark's point: a nuclear power plant, an airport (landmarks.py)
    COAST = "coast"        # a country's coast: its land outline where it meets the sea (lines)
    LINE = "line"          # a named line that is part of a border (a line of control, a DMZ)


class TargetKind(StrEnum):
    """What a claim says it is measured to."""

    PLACE = "place"        # a named town (or a country: then its border)
    REGION = "region"      # an admin-1 region's boundary
    BORDER = "border"      # a country's border
    COAST = "coast"        # a coast
    LINE = "line"          # a front line, DMZ or line of control


class ClaimKind(StrEnum):
    """What a claim's figure measures."""

    DISTANCE = "distance"  # a straight line between two ends (what borderwatch checks)
    ROUTE = "route"        # a drive, a road, a flight path: listed, never checked as a straight line


class MatchKind(StrEnum):
    """How a name met a gazetteer entry."""

    EXACT = "exact"
    TRANSLITERATION = "transliteration"
    FUZZY = "fuzzy"
    DERIVED = "derived"    # not matched by name: computed (a border between two countries)
    CHOSEN = "chosen"      # put in by a person (page edit, map click)


class Status(StrEnum):
    """A verdict's status."""

    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    NOT_CHECKABLE = "not checkable"
    UNRESOLVED = "unresolved"


class Direction(StrEnum):
    """Which way an inconsistent claim is off."""

    UNDERSTATED = "understated"  # the claim says less than was measured
    OVERSTATED = "overstated"


class ChosenBy(StrEnum):
    """Who or what chose a resolution's place."""

    GAZETTEER = "gazetteer"      # the best name match, the article's context changing nothing
    CONTEXT = "context"          # the article's context put this candidate ahead of a better name match
    DERIVED = "derived"          # computed from the claim (a border from the countries it names)
    PAGE_EDIT = "page edit"      # a person picked it on the page
    MAP_CLICK = "map click"      # a person clicked it on the map
    ONLINE = "online lookup"     # the opt-in online geocoder found it
    NOBODY = "nobody"            # unresolved


def check_latlon(lat: float, lon: float) -> tuple[float, float]:
    """Return (lat, lon) as floats, or raise CoordinateError if not a finite WGS84 pair.

    Latitude must lie in [-90, 90] and longitude in [-180, 180] degrees.

    >>> check_latlon(52.3617, 30.3916)
    (52.3617, 30.3916)
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
            raise InvalidValue(f"span must satisfy 0 <= start <= end, got {self.start}..{self.end}")

    def of(self, text: str) -> str:
        """Return the slice of ``text`` this span covers.

        >>> Span(0, 7).of("Kharkiv is 30 km from the border")
        'Kharkiv'
        """
        return text[self.start:self.end]

    @property
    def empty(self) -> bool:
        """True for a claim added by hand: it has no place in the text."""
        return self.end <= self.start


#: Places an anchor keeps for when it names a state or a country: a clause seldom names more.
MAX_ANCHOR_FALLBACKS = 3


@dataclass(frozen=True)
class AnchorRef:
    """Where a claim is measured from, as the text says it (no geography yet).

    ``text`` is the name as written ("Rechnitsa"); ``feature`` a feature in it the claim
    names ("station"); ``region`` a region the text names next to it ("Gomel region");
    ``locator`` the words right after it that may say which state or country it is in
    ("Columbus, N.M.", "Stanstead, Quebec", "Volodymyr in Ukraine"): the resolver reads
    them as context when they name a state or country, else as the place itself.
    """

    text: str
    span: Span | None = None
    feature: str | None = None
    region: str | None = None
    locator: str | None = None
    point: tuple[float, float] | None = None
    """(lat, lon) when the text gives the anchor as coordinates ("centred at 25.1N, 80.2W")."""
    fallbacks: tuple["AnchorRef", ...] = ()
    """The other places the rule passed over, nearest first: the checker takes the first that
    resolves to a point when this one names a state or a country ("After hitting Quapaw, the
    twister continued into Kansas and struck Baxter Springs, about 5 miles away": Quapaw)."""
    aliases: tuple[str, ...] = ()
    """Other names the text gives it in parentheses right after it ("Karakorum (Harhorin)", "Kharahhorin
    (also spelled Karakorin and Kharkhorin)"): the checker tries them in order when this name is in no
    dataset here."""
    settlement: bool = False
    """The text calls it a village, town or city ("Palla Megha village in Ferozepur"): a place of its own, never
    the town its locator names, which only locates it."""
    unnamed: bool = False
    """The text describes it by its kind and never names it ("a Customs and Border Protection checkpoint 23
    miles north of …"): a particular thing that stays where it is, which a user can mark on the map."""

    def __post_init__(self) -> None:
        if self.point is not None:
            object.__setattr__(self, "point", check_latlon(*self.point))


@dataclass(frozen=True)
class TargetRef:
    """What a claim measures to, as the text says it (no geography yet).

    ``name`` is the place or region name as written; ``countries`` the countries as
    written ("Ukraine", "Russian"), in order. ``either`` is True when the text names
    several neighbours as alternatives ("the border with Russia and Belarus": the
    anchor's border with either of them). ``locator`` is the name written after a place
    target's comma ("Portland, Maine"), which may name its state or country.
    """

    kind: TargetKind
    text: str
    name: str | None = None
    countries: tuple[str, ...] = ()
    span: Span | None = None
    either: bool = False
    locator: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", closed(TargetKind, self.kind, field_name="target kind"))
        object.__setattr__(self, "countries", tuple(self.countries))


@dataclass(frozen=True)
class Claim:
    """One distance statement found in the text.

    ``value`` (and ``value_high`` for a range such as "25-30 km") are in ``unit`` as
    written; ``paired_value``/``paired_unit`` hold a conversion given beside it
    ("40 kilometers (25 miles)"). ``hedge`` is the bound or approximation word as
    written, lower-cased ("just over", "within"). ``edited`` lists the fields a person
    changed on the page; a claim added by hand has an empty span.
    """

    index: int
    span: Span
    quote: str
    sentence: Span
    value: float
    unit: Unit
    value_high: float | None = None
    paired_value: float | None = None
    paired_unit: Unit | None = None
    hedge: str | None = None
    direction: str | None = None
    anchor: AnchorRef | None = None
    target: TargetRef | None = None
    checkable: bool = True
    why_not: str | None = None
    edited: tuple[str, ...] = ()
    kind: ClaimKind = ClaimKind.DISTANCE
    rules: tuple[str, ...] = ()
    """The ids of the extraction rules that read the claim (figure, target, anchor): see attach.RULES."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit", closed(Unit, self.unit, field_name="unit"))
        object.__setattr__(self, "kind", closed(ClaimKind, self.kind, field_name="claim kind"))
        if self.paired_unit is not None:
            object.__setattr__(self, "paired_unit", closed(Unit, self.paired_unit, field_name="paired unit"))

    @property
    def value_km(self) -> float:
        """The claimed value in kilometres."""
        return to_km(self.value, self.unit)

    @property
    def anchor_text(self) -> str | None:
        """The anchor's name as written, or None when the text names none."""
        return self.anchor.text if self.anchor else None

    @property
    def claimed_text(self) -> str:
        """The claimed distance as a short phrase: 'just over 40 km'."""
        num = format_figure(self.value)
        if self.value_high is not None:
            num = f"{num}–{format_figure(self.value_high)}"
        words = [self.hedge, f"{num} {self.unit}"]
        return " ".join(w for w in words if w)


@dataclass(frozen=True)
class NonClaim:
    """A number with a length unit that is not a checkable distance claim, and why."""

    span: Span
    quote: str
    why: str
    rule: str | None = None
    """The id of the rule that set the figure aside (see attach.RULES)."""


def format_figure(x: float) -> str:
    """A figure as a person reads it: '40', '4.5', '48.0000001', '9,999,999' (never '1e+07');
    only a magnitude no distance has (1e308) is written with an exponent.

    >>> format_figure(9999999), format_figure(4.5), format_figure(1e308)
    ('9,999,999', '4.5', '1e+308')
    """
    if not math.isfinite(x) or abs(x) >= 1e15:
        return f"{x:.3g}"
    if x == int(x):
        return f"{int(x):,}"
    return f"{x:,.10f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Place:
    """A resolved place: a town, a region, a country, a border or a chosen point.

    ``lat``/``lon`` is the representative point (GeoNames point for a town, a label point
    for areas, the nearest border point for a border). ``countries`` holds ISO2 codes:
    one for a town, region or country, two for a border, none for a point at sea.
    ``radius_km`` is how far the thing meant may lie from that point (a town's extent; a
    feature known only by its town). ``key`` is an opaque identity (never parsed);
    ``geometry`` the geodata keys of its outline or lines, for drawing.
    """

    kind: PlaceKind
    name: str
    countries: tuple[str, ...]
    lat: float
    lon: float
    dataset: str
    key: str
    population: int = 0
    geonameid: int | None = None
    region_id: int | None = None
    admin1: str | None = None
    admin1_name: str | None = None
    radius_km: float = 0.0
    note: str | None = None
    geometry: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", closed(PlaceKind, self.kind, field_name="place kind"))
        object.__setattr__(self, "countries", tuple(self.countries))
        check_latlon(self.lat, self.lon)
        if self.radius_km < 0 or not math.isfinite(self.radius_km):
            raise InvalidValue(f"radius_km must be finite and >= 0, got {self.radius_km!r}")

    @property
    def country(self) -> str:
        """The place's one country (ISO2), or '' for a border or a point at sea."""
        return self.countries[0] if len(self.countries) == 1 else ""

    @property
    def label(self) -> str:
        """A readable label: 'Rechytsa (Homyel' Voblasc', BY)'."""
        if self.kind is PlaceKind.CITY and self.admin1_name:
            return f"{self.name} ({self.admin1_name}, {self.country})"
        if self.kind in (PlaceKind.CITY, PlaceKind.REGION):
            return f"{self.name} ({self.country})"
        return self.name


@dataclass(frozen=True)
class Candidate:
    """One place considered for a name, with its score and why.

    ``similarity`` is the name similarity (1.0 for exact and transliteration matches).
    """

    place: Place
    score: float
    match: MatchKind
    matched_name: str
    reasons: tuple[str, ...] = ()
    similarity: float = 1.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "match", closed(MatchKind, self.match, field_name="match kind"))

    @property
    def match_text(self) -> str:
        """The match as a reader sees it: 'exact', 'fuzzy (0.91)'."""
        return f"fuzzy ({self.similarity:.2f})" if self.match is MatchKind.FUZZY else str(self.match)


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving a name: the winner (or None) and every candidate seen.

    ``reason`` says in words why the winner won (or why none did); ``chosen_by`` who or
    what made the choice; ``source`` the dataset the winner came from; ``online_error``
    why the opt-in online lookup of a name the embedded data lacks failed, if it did;
    ``understood`` what the name was found to mean when that leaves no point to measure from
    (a state, region or country; an unnamed camp): the claim is then not checkable, not unresolved.
    """

    query: str
    place: Place | None
    candidates: tuple[Candidate, ...]
    reason: str
    chosen_by: ChosenBy = ChosenBy.GAZETTEER
    source: str = "embedded gazetteer"
    online_error: str | None = None
    understood: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "chosen_by", closed(ChosenBy, self.chosen_by, field_name="chosen_by"))


@dataclass(frozen=True)
class TargetResolution:
    """A claim's target, resolved once: a place to measure to, or why there is none.

    ``text`` is the target as written. For a border, ``named`` holds the ISO2 codes of the countries the text names and
    ``either`` whether it names them as alternatives; the border measured is chosen with
    the anchor (see resolve.border_pairs). ``why_not`` says why there is nothing to
    measure to; ``unresolved`` is True when that is because a name was not found.
    ``context_countries``/``context_geometry`` are the border an unmeasured claim names
    (ISO2 pair, geodata keys), for drawing.
    """

    resolution: Resolution | None
    kind: TargetKind
    text: str = ""
    named: tuple[str, ...] = ()
    either: bool = False
    why_not: str | None = None
    unresolved: bool = False
    context_countries: tuple[str, ...] = ()
    context_geometry: tuple[str, ...] = ()

    @property
    def place(self) -> Place | None:
        """The resolved target place, or None."""
        return self.resolution.place if self.resolution else None


@dataclass(frozen=True)
class TargetPart:
    """The detached part of a region that holds a measurement's nearest point.

    Set only when the region has several parts and the nearest point is not on the
    largest one (Kyiv Oblast's Slavutych exclave, a coastal island). ``name`` is the most
    populous embedded town inside the part (None when it holds none); ``exclave`` is False
    when most of the part's outline is the country's own outline (an island, a coast);
    ``main_km`` is the geodesic distance from the anchor to the region's main (largest)
    part, ``main_nearest`` its nearest point (lat, lon); ``bounds`` the part's
    (south, west, north, east) degrees, for the map.
    """

    name: str | None
    exclave: bool
    main_km: float
    main_nearest: tuple[float, float]
    bounds: tuple[float, float, float, float]

    @property
    def label(self) -> str:
        """'the Slavutych exclave', 'a detached part (an island or coastal part)'."""
        kind = "exclave" if self.exclave else "detached part"
        return f"the {self.name} {kind}" if self.name else f"a {kind}"


@dataclass(frozen=True)
class Measurement:
    """A distance measured on the WGS84 ellipsoid, with how and on what data.

    ``distance_km`` is from the anchor point ``origin`` to ``nearest`` (lat, lon);
    ``low_km``..``high_km`` is the range over the anchor's uncertainty radius and the
    data's own spread. ``inside`` is True when the anchor lies inside the target region
    (the distance is then to its boundary from within). ``geometry`` names the geodata
    keys of what was measured to (for drawing). ``part`` names the detached part of a
    region (an exclave) that holds the nearest point, with the distance to the main part.
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
    geometry: tuple[str, ...] = ()
    part: TargetPart | None = None


@dataclass(frozen=True)
class Verdict:
    """A judgement of one claim: status, the rule applied and the margin.

    ``direction`` for an inconsistent claim; ``window_km`` the range the wording allows;
    ``off_km`` measured minus claimed.
    """

    status: Status
    reason: str
    rule: str = ""
    direction: Direction | None = None
    window_km: tuple[float, float] | None = None
    off_km: float | None = None
    off_pct: float | None = None
    unit_check: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", closed(Status, self.status, field_name="verdict status"))
        if self.direction is not None:
            object.__setattr__(self, "direction", closed(Direction, self.direction, field_name="direction"))


@dataclass(frozen=True)
class Alternative:
    """Another candidate for a claim's anchor, measured and judged on its own."""

    candidate: Candidate
    measurement: Measurement | None
    verdict: Verdict


@dataclass(frozen=True)
class ClaimResult:
    """A claim with its resolved ends, its measurement and its verdict."""

    claim: Claim
    anchor: Resolution | None
    target: TargetResolution | None
    measurement: Measurement | None
    verdict: Verdict
    alternatives: tuple[Alternative, ...] = ()

    @property
    def anchor_place(self) -> Place | None:
        """The place measured from, or None."""
        return self.anchor.place if self.anchor else None

    @property
    def target_place(self) -> Place | None:
        """The place measured to, or None."""
        return self.target.place if self.target else None

    @property
    def target_geometry(self) -> tuple[str, ...]:
        """Geodata keys of the target to draw (measured, or named by an unmeasured claim)."""
        if self.measurement is not None:
            return self.measurement.geometry
        place = self.target_place
        return (place.geometry if place else ()) or (self.target.context_geometry if self.target else ())


@dataclass(frozen=True)
class Dateline:
    """The article's dateline ("COLUMBUS, N.M. —", "KYIV, Ukraine —", "TAIPEI (Taiwan News) —").

    ``city`` and ``region`` are as written ("COLUMBUS", "N.M."); ``admin1`` the GeoNames
    admin-1 code the region names ('US.NM') and ``admin1_name`` its name ("New Mexico");
    ``country`` the ISO2 code it names or implies (a state's country; a bare city's own).
    """

    text: str
    span: Span
    city: str
    region: str | None = None
    admin1: str | None = None
    admin1_name: str | None = None
    country: str | None = None

    @property
    def where(self) -> str:
        """The dateline's place in words: 'Columbus, New Mexico', 'Taipei (TW)'."""
        city = self.city.title() if self.city.isupper() else self.city
        return f"{city}, {self.admin1_name}" if self.admin1_name else f"{city} ({self.country})"


@dataclass(frozen=True)
class ArticleContext:
    """What the whole article says that helps resolve its places, computed once.

    ``countries``: ISO2 codes of the countries it names (by name or adjective), and those of
    the regions it names; ``dateline``: its dateline, when it has one that names a known place;
    ``regions``: GeoNames admin-1 codes ('BY.02') of the regions it names anywhere ("the Gomel
    region", "Kharkiv Oblast"); ``places``: (name as written, lat, lon) of the places its claims
    name whose resolution is clear on its own (Kupiansk): same-name places near them are likelier.
    """

    countries: frozenset[str] = frozenset()
    dateline: Dateline | None = None
    regions: frozenset[str] = frozenset()
    places: tuple[tuple[str, float, float], ...] = ()


@dataclass(frozen=True)
class Report:
    """Everything borderwatch found in one article.

    ``non_claims`` are the figures set aside, each with its reason; ``warnings`` say
    what went wrong on the way without stopping the check (an online lookup failed).
    """

    text: str
    title: str
    results: tuple[ClaimResult, ...]
    datasets: tuple[str, ...]
    attribution: str
    context: ArticleContext = ArticleContext()
    non_claims: tuple[NonClaim, ...] = ()
    warnings: tuple[str, ...] = ()

    def result(self, index: int) -> ClaimResult:
        """Return the result of claim ``index`` (its Claim.index), or raise UnknownClaim."""
        for r in self.results:
            if r.claim.index == index:
                return r
        raise UnknownClaim(f"no claim #{index} in this report; claims are {[r.claim.index for r in self.results]}")


@dataclass(frozen=True)
class Provenance:
    """Where a piece of evidence came from: stated in every export.

    ``tool_version`` is borderwatch's version; ``data_version`` the embedded geodata's
    (its checksum and build metadata); ``made_at`` when the export was made (timezone
    aware, kept in UTC); ``source`` the article's source as a person names it (a file
    name, "pasted text", a URL); ``method`` how the claims were checked, in one sentence.
    """

    tool_version: str
    data_version: str
    made_at: datetime
    source: str
    method: str

    def __post_init__(self) -> None:
        if self.made_at.tzinfo is None:
            raise InvalidValue(f"made_at must be timezone-aware (UTC), got {self.made_at!r}")
        object.__setattr__(self, "made_at", self.made_at.astimezone(timezone.utc))

    @property
    def made_at_text(self) -> str:
        """The time as ISO 8601 UTC to the second: '2026-12-01T09:55:59Z'."""
        return self.made_at.replace(microsecond=0).isoformat().replace("+00:00", "Z")

    def lines(self) -> list[tuple[str, str]]:
        """(label, text) pairs in a fixed order, for the text exports."""
        return [("Tool", f"borderwatch {self.tool_version}"), ("Data", self.data_version),
                ("Made", self.made_at_text), ("Source", self.source), ("Method", self.method)]

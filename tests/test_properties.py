"""Properties that must hold for every input, checked with hypothesis.

* claims.extract never raises on any text, and every span it returns lies inside it;
* geodesy.distance_km is a metric on WGS84 (non-negative, symmetric, zero to self,
  triangle inequality);
* nearest_on_segments / Boundaries.to_region gives 0 for points on a real boundary,
  agrees with the point-in-region test, and matches a brute-force reference (edges
  densified to <= 50 m, vectorised pyproj Geod.inv, minimum) within 1 m, including
  near the pole and across the antimeridian (Chukotka, Fiji) and at Kinmen;
* NaN, infinite or out-of-range coordinates raise CoordinateError with a message
  that names the bad value.

Example counts are set per property (``EXAMPLES``) and printed with ``-s``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pyproj import Geod

from borderwatch.check import default_checker
from borderwatch.claims import extract
from borderwatch.errors import BorderwatchError, CoordinateError, InputError
from borderwatch.geodesy import Segments, distance_km, nearest_on_segments
from borderwatch.model import Place, check_latlon

# Independent of borderwatch.geodesy.GEOD on purpose (same library, own instance).
REF_GEOD = Geod(ellps="WGS84")

EXAMPLES = {
    "extract_any_text": 1000,
    "extract_newsy_text": 1000,
    "distance_metric": 1000,
    "triangle": 1000,
    "vs_geographiclib": 1000,
    "on_boundary": 400,
    "contains_consistent": 300,
    "offsets_flip_containment": 300,
    "brute_force_near_hard_places": 60,
    "bad_coordinates": 500,
}
_SLOW = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def checker():
    return default_checker()


# ----------------------------------------------------------------- claims.extract
def _assert_spans_inside(text: str) -> None:
    claims, non = extract(text)
    n = len(text)
    for c in claims:
        for span in (c.span, c.sentence, c.anchor.span if c.anchor else None, c.target.span if c.target else None):
            if span is not None:
                assert 0 <= span.start <= span.end <= n, (span, n)
        assert c.quote == text[c.span.start:c.span.end]
        assert c.sentence.start <= c.span.start
        assert math.isfinite(c.value) and c.value >= 0
        if c.anchor is not None and c.anchor.span is not None:
            # The anchor span covers the anchor as written (possessive "’s" dropped).
            assert c.anchor_text.split()[0] in text[c.anchor.span.start:c.anchor.span.end]
    for x in non:
        assert 0 <= x.span.start <= x.span.end <= n
        assert x.quote == text[x.span.start:x.span.end]


@settings(max_examples=EXAMPLES["extract_any_text"], **_SLOW)
@given(st.text(max_size=2000))
def test_extract_never_raises_on_any_text(text):
    _assert_spans_inside(text)


_PIECES = st.sampled_from([
    "40", "4.5", "1,070", "25-30", "ten", "one hundred and fifty", "½", " 1/2", "km", "kilometers",
    "kilometres", "miles", "mi", "(25 miles)", "(", ")", " ", " ", " ", ", ", ". ", "\n", "–", "—",
    "from", "of", "north of", "northeast of", "away from", "the border", "the border with Ukraine",
    "Ukraine's", "Kharkiv", "Rechytsa", "Gomel region", "the Chernihiv region", "Kyiv Oblast",
    "is", "lies", "about", "just over", "within", "nearly", "and", "which is", "it", "the city",
    "station", "airport", "the front line", "coast", "’s", "'", '"', "Vovchansk, a town around",
    "drive", "long", "square", "per hour", "!", "?", "é", "中", "\u200b", "\x00", "\t", "𝟒𝟎",
])


@settings(max_examples=EXAMPLES["extract_newsy_text"], **_SLOW)
@given(st.lists(_PIECES, max_size=80).map("".join))
def test_extract_never_raises_on_newsy_fragments(text):
    """Random sentences made of the words claims are made of reach the deep branches."""
    _assert_spans_inside(text)


def test_extract_refuses_over_long_text_with_a_size_message():
    from borderwatch.settings import MAX_INPUT_CHARS

    with pytest.raises(InputError, match=r"200,001 characters.*at most 200,000"):
        extract("a" * (MAX_INPUT_CHARS + 1))


# ----------------------------------------------------------------- distance_km
lats = st.floats(min_value=-90, max_value=90, allow_nan=False)
lons = st.floats(min_value=-180, max_value=180, allow_nan=False)
points = st.tuples(lats, lons)


@settings(max_examples=EXAMPLES["distance_metric"], deadline=None)
@given(points, points)
def test_distance_is_nonnegative_symmetric_and_zero_to_self(p, q):
    d_pq = distance_km(*p, *q)
    d_qp = distance_km(*q, *p)
    assert d_pq >= 0 and math.isfinite(d_pq)
    assert d_pq <= 20003.94  # half a meridian: no two points on WGS84 are farther apart
    assert d_pq == pytest.approx(d_qp, abs=1e-9)
    assert distance_km(*p, *p) == 0.0


@settings(max_examples=EXAMPLES["triangle"], deadline=None)
@given(points, points, points)
def test_distance_triangle_inequality(p, q, r):
    # Geodesic distance is a metric; GeographicLib is accurate to ~15 nm, so 1e-6 km slack is ample.
    assert distance_km(*p, *r) <= distance_km(*p, *q) + distance_km(*q, *r) + 1e-6


@settings(max_examples=EXAMPLES["vs_geographiclib"], deadline=None)
@given(points, points)
def test_distance_agrees_with_geographiclib(p, q):
    """pyproj.Geod wraps GeographicLib's C port; the pure-Python geographiclib is an
    independent implementation of the same method (Karney 2013)."""
    from geographiclib.geodesic import Geodesic

    ref = Geodesic.WGS84.Inverse(p[0], p[1], q[0], q[1])["s12"] / 1000.0
    assert distance_km(*p, *q) == pytest.approx(ref, abs=1e-6)


# ----------------------------------------------------------------- boundaries
# Real regions: Gomel (Natural Earth), Kyiv Oblast with its Slavutych exclave (geoBoundaries),
# Fujian (Natural Earth, many islands), Fiji's Central division (near 180°).
REGIONS = {"Gomel": 426, "Kyiv Oblast": 5, "Fujian": 603, "Central (FJ)": 1010}


def _edge_point(seg: Segments, i: int, t: float) -> tuple[float, float]:
    """(lat, lon) at parameter t of edge i, straight in lon/lat (as the data defines edges)."""
    dx = (seg.x2[i] - seg.x1[i] + 180.0) % 360.0 - 180.0
    lon = (seg.x1[i] + t * dx + 180.0) % 360.0 - 180.0
    return float(seg.y1[i] + t * (seg.y2[i] - seg.y1[i])), float(lon)


@settings(max_examples=EXAMPLES["on_boundary"], **_SLOW)
@given(region=st.sampled_from(sorted(REGIONS)), u=st.floats(0, 1, exclude_max=True),
       t=st.sampled_from([0.0, 0.5, 1.0]) | st.floats(0, 1))
def test_points_on_a_real_boundary_are_at_distance_zero(checker, region, u, t):
    rid = REGIONS[region]
    seg = checker.boundaries.segments(f"region:{rid}")
    i = int(u * len(seg))
    lat, lon = _edge_point(seg, i, t)
    hit = checker.boundaries.to_region(lat, lon, rid)
    assert hit.distance_km < 0.001, f"{region} edge {i} t={t}: {hit.distance_km * 1000:.3f} m"
    assert nearest_on_segments(lat, lon, seg).distance_km < 0.001


def _offset(lat: float, lon: float, azimuth: float, metres: float) -> tuple[float, float]:
    lon2, lat2, _ = REF_GEOD.fwd(lon, lat, azimuth, metres)
    return float(lat2), float((lon2 + 180.0) % 360.0 - 180.0)


@settings(max_examples=EXAMPLES["contains_consistent"], **_SLOW)
@given(region=st.sampled_from(sorted(REGIONS)), u=st.floats(0, 1, exclude_max=True),
       side=st.sampled_from([-90.0, 90.0]), metres=st.floats(30.0, 5000.0))
def test_distance_agrees_with_the_point_in_region_test(checker, region, u, side, metres):
    """No boundary lies closer than the measured distance: points on the way to the
    nearest boundary point (up to 90 % of it) are on the same side as the start."""
    rid = REGIONS[region]
    key = f"region:{rid}"
    b = checker.boundaries
    seg = b.segments(key)
    i = int(u * len(seg))
    mlat, mlon = _edge_point(seg, i, 0.5)
    az, _, _ = REF_GEOD.inv(seg.x1[i], seg.y1[i], seg.x2[i], seg.y2[i])
    lat, lon = _offset(mlat, mlon, az + side, metres)
    hit = b.to_region(lat, lon, rid)
    assert hit.inside == b.contains(key, lat, lon)
    assert hit.distance_km <= metres / 1000.0 + 1e-6  # the edge midpoint is that far
    assume(hit.distance_km > 0.005)
    nlat, nlon = hit.nearest
    az_n, _, d_n = REF_GEOD.inv(lon, lat, nlon, nlat)
    for f in (0.25, 0.5, 0.9):
        qlat, qlon = _offset(lat, lon, az_n, f * d_n)
        assert b.contains(key, qlat, qlon) == hit.inside, (
            f"{region}: point {f:.0%} of the way to the nearest boundary point changed side")


@settings(max_examples=EXAMPLES["offsets_flip_containment"], **_SLOW)
@given(region=st.sampled_from(sorted(REGIONS)), u=st.floats(0, 1, exclude_max=True),
       metres=st.floats(5.0, 200.0))
def test_a_point_just_inside_and_just_outside_an_edge(checker, region, u, metres):
    """Offsets either side of an edge's midpoint: one inside, one outside, when the
    edge is the nearest boundary to both (both measure ~ the offset)."""
    rid = REGIONS[region]
    key = f"region:{rid}"
    b = checker.boundaries
    seg = b.segments(key)
    i = int(u * len(seg))
    az, _, length = REF_GEOD.inv(seg.x1[i], seg.y1[i], seg.x2[i], seg.y2[i])
    assume(length > 4 * metres)
    mlat, mlon = _edge_point(seg, i, 0.5)
    hits = []
    for side in (-90.0, 90.0):
        lat, lon = _offset(mlat, mlon, az + side, metres)
        hits.append((b.to_region(lat, lon, rid), b.contains(key, lat, lon)))
    assume(all(h.distance_km * 1000 > 0.99 * metres for h, _ in hits))
    for h, _ in hits:
        assert h.distance_km * 1000 == pytest.approx(metres, rel=0.011)
    assert hits[0][1] != hits[1][1], f"{region} edge {i}: both offsets on the same side"


# ------------------------------------------------------------ brute-force reference
def brute_force_km(lat: float, lon: float, seg: Segments, *, step_m: float = 50.0) -> float:
    """Minimum geodesic distance (km) from (lat, lon) to the edges, densified to <= step_m.

    Edges are straight in lon/lat (wrapped across 180°). Only edges that could hold
    the minimum are densified: those whose nearer end is within (nearest vertex +
    1.5 × edge length + 1 km); a point of an edge is never nearer than its nearer end
    minus the edge's length.
    """
    n = len(seg)
    d1 = REF_GEOD.inv(np.full(n, lon), np.full(n, lat), seg.x1, seg.y1)[2]
    d2 = REF_GEOD.inv(np.full(n, lon), np.full(n, lat), seg.x2, seg.y2)[2]
    length = REF_GEOD.inv(seg.x1, seg.y1, seg.x2, seg.y2)[2]
    # Straight-in-lon/lat edges are a little longer than geodesics: 1.5 × is generous.
    keep = np.nonzero(np.minimum(d1, d2) - 1.5 * length - 1000.0 <= min(d1.min(), d2.min()))[0]
    def along(i: int, t: np.ndarray) -> np.ndarray:
        dx = (seg.x2[i] - seg.x1[i] + 180.0) % 360.0 - 180.0
        plon = (seg.x1[i] + t * dx + 180.0) % 360.0 - 180.0
        plat = seg.y1[i] + t * (seg.y2[i] - seg.y1[i])
        return REF_GEOD.inv(np.full(len(t), lon), np.full(len(t), lat), plon, plat)[2]

    coarse = []  # (distance m, edge, t of the best sample, sample spacing in t)
    for i in keep:
        k = max(2, int(math.ceil(length[i] * 1.5 / step_m)) + 1)
        t = np.linspace(0.0, 1.0, k)
        d = along(i, t)
        j = int(np.argmin(d))
        coarse.append((float(d[j]), i, t[j], 1.0 / (k - 1)))
    best = min(c[0] for c in coarse)
    # Second pass: 2,001 samples across the best coarse sample's neighbourhood (on an
    # edge the origin lies on, the coarse grid alone is off by up to half a step).
    refined = best
    for dist, i, tj, dt in coarse:
        if dist <= best + step_m:
            t = np.linspace(max(0.0, tj - dt), min(1.0, tj + dt), 2001)
            refined = min(refined, float(along(i, t).min()))
    return refined / 1000.0


# (name, lat, lon, geometry key) — real places where the maths is hardest.
HARD_CASES = [
    ("Anadyr to Russia's outline (Chukotka, 64.7N)", 64.7337, 177.5089, "country:RU"),
    ("Chukchi Sea at 179.99W to Russia's outline across 180°", 65.0, -179.99, "country:RU"),
    ("Bering Strait, Big Diomede side, to Russia", 65.78, -169.5, "country:RU"),
    ("Wrangel Island, 71N, across 180°", 71.2, -179.95, "country:RU"),
    ("Franz Josef Land, 81N", 81.0, 55.0, "country:RU"),
    ("Suva to Fiji's outline (crosses 180°)", -18.1416, 178.4415, "country:FJ"),
    ("Sea east of Taveuni at 179.9W to Fiji", -16.85, -179.9, "country:FJ"),
    ("Sea at 179.99E between Fiji's islands", -16.5, 179.99, "country:FJ"),
    ("Jincheng (Kinmen) to China's outline", 24.4336, 118.3172, "country:CN"),
    ("Jincheng (Kinmen) to Taiwan's outline", 24.4336, 118.3172, "country:TW"),
    ("Xiamen to Taiwan's outline (Kinmen)", 24.4798, 118.0819, "country:TW"),
    ("Rechytsa to Kyiv Oblast (with Slavutych)", 52.3617, 30.3916, "region named Kyiv Oblast"),
    ("Inland Chukotka at 179.99E to Russia's outline (seam dropped)", 67.0, 179.99, "country:RU"),
    ("On the 180° cut line at 65.5N to Russia", 65.5, 180.0, "country:RU"),
    ("Saskatchewan, 49.5N, to the Canada–US border (long straight edges)", 49.5, -105.0, "border:CA|US|US"),
    ("Wadi Halfa to the Egypt–Sudan border (22N, straight)", 21.80, 31.35, "border:EG|SD|EG"),
]


@pytest.mark.parametrize("name, lat, lon, key", HARD_CASES, ids=[c[0] for c in HARD_CASES])
def test_nearest_matches_brute_force_on_hard_real_cases(checker, name, lat, lon, key):
    if key.startswith("region named "):  # by name: row ids are the build's, not facts
        (key,) = checker.gazetteer.resolve_region(key.removeprefix("region named ")).place.geometry
    seg = checker.boundaries.segments(key)
    got = nearest_on_segments(lat, lon, seg)
    ref = brute_force_km(lat, lon, seg)
    assert got.distance_km == pytest.approx(ref, abs=0.001), \
        f"{name}: {got.distance_km:.6f} km vs brute force {ref:.6f} km"
    # The reported nearest point really is that far away.
    assert distance_km(lat, lon, got.lat, got.lon) == pytest.approx(got.distance_km, abs=1e-6)


_AROUND = st.sampled_from([
    (64.7337, 177.5089, "country:RU"), (65.0, 180.0, "country:RU"), (-18.1416, 178.4415, "country:FJ"),
    (-16.8, 180.0, "country:FJ"), (24.4336, 118.3172, "country:CN"), (24.4336, 118.3172, "country:TW"),
])


@settings(max_examples=EXAMPLES["brute_force_near_hard_places"], **_SLOW)
@given(_AROUND, st.floats(-0.6, 0.6), st.floats(-0.6, 0.6))
def test_nearest_matches_brute_force_around_hard_places(checker, where, dlat, dlon):
    lat0, lon0, key = where
    lat, lon = lat0 + dlat, (lon0 + dlon + 180.0) % 360.0 - 180.0
    seg = checker.boundaries.segments(key)
    got = nearest_on_segments(lat, lon, seg).distance_km
    assert got == pytest.approx(brute_force_km(lat, lon, seg), abs=0.001)


def test_antimeridian_seam_is_not_a_boundary(checker):
    """Regression: the lon/lat data cuts Russia's outline along 180°; those cut edges
    were measured as if they were Russia's coast, so a point inland in Chukotka at
    179.99E was ~0.5 m from "Russia's outline". The nearest real coast is ~13 km."""
    b = checker.boundaries
    assert b.contains("country:RU", 67.0, 179.99)
    hit = b.to_country(67.0, 179.99, "RU")
    assert hit.distance_km > 10.0, hit
    assert abs(hit.nearest[1]) < 179.999, hit  # not a point on the cut
    east = b.to_country(67.0, -179.99, "RU")  # the same place seen from the other side
    assert east.distance_km > 10.0, east
    seg = b.segments("country:RU")
    assert not np.any((np.abs(seg.x1) == 180.0) & (seg.x1 == seg.x2))


@pytest.mark.parametrize("lat, lon", [(24.4336, 118.3172), (26.16, 119.95)], ids=["Jincheng-Kinmen", "Nangan-Matsu"])
def test_kinmen_is_not_inside_china(checker, lat, lon):
    """Regression: geo-maps gives China a copy of Kinmen and Matsu (Taiwan-administered);
    the build removes Taiwan's land from China's outline, so Jincheng and Nangan lie only
    in Taiwan's."""
    assert checker.boundaries.contains("country:TW", lat, lon)
    assert not checker.boundaries.contains("country:CN", lat, lon)


# ------------------------------------------------------------ bad coordinates
_bad_lat = st.one_of(st.just(float("nan")), st.just(float("inf")), st.just(float("-inf")),
                     st.floats(min_value=90.0, exclude_min=True, allow_infinity=False),
                     st.floats(max_value=-90.0, exclude_max=True, allow_infinity=False))
_bad_lon = st.one_of(st.just(float("nan")), st.just(float("inf")), st.just(float("-inf")),
                     st.floats(min_value=180.0, exclude_min=True, allow_infinity=False),
                     st.floats(max_value=-180.0, exclude_max=True, allow_infinity=False))
_bad_pair = st.one_of(st.tuples(_bad_lat, lons), st.tuples(lats, _bad_lon),
                      st.tuples(st.sampled_from(["north", None, "", [1]]), lons))


def _calls(checker):
    (key,) = checker.gazetteer.resolve_region("Gomel region").place.geometry
    seg = checker.boundaries.segments(key)
    return {
        "check_latlon": lambda la, lo: check_latlon(la, lo),
        "Place": lambda la, lo: Place(kind="city", name="X", countries=("BY",), lat=la, lon=lo, dataset="t", key="t"),
        "distance_km from": lambda la, lo: distance_km(la, lo, 52.36, 30.39),
        "distance_km to": lambda la, lo: distance_km(52.36, 30.39, la, lo),
        "Checker.point_anchor": lambda la, lo: checker.point_anchor(la, lo),
        "nearest_on_segments": lambda la, lo: nearest_on_segments(la, lo, seg),
        "Boundaries.to_region": lambda la, lo: checker.boundaries.to_region(la, lo, 426),
    }


@settings(max_examples=EXAMPLES["bad_coordinates"], **_SLOW)
@given(pair=_bad_pair, which=st.sampled_from(["check_latlon", "Place", "distance_km from", "distance_km to",
                                               "Checker.point_anchor", "nearest_on_segments",
                                               "Boundaries.to_region"]))
def test_bad_coordinates_raise_coordinate_error(checker, pair, which):
    lat, lon = pair
    with pytest.raises(CoordinateError) as info:
        _calls(checker)[which](lat, lon)
    msg = str(info.value)
    assert isinstance(info.value, BorderwatchError) and isinstance(info.value, ValueError)
    assert any(w in msg for w in ("latitude", "longitude", "finite", "numbers")), msg
    assert repr(lat) in msg or repr(lon) in msg, f"message does not show the bad value: {msg}"


@pytest.mark.parametrize("lat, lon", [(90.0, 180.0), (-90.0, -180.0), (0.0, 0.0), (90.0, 0.0)],
                         ids=["north-pole-180", "south-pole-minus-180", "null-island", "north-pole"])
def test_edge_of_range_coordinates_are_accepted(checker, lat, lon):
    assert check_latlon(lat, lon) == (lat, lon)
    assert distance_km(lat, lon, lat, lon) == 0.0
    assert checker.point_anchor(lat, lon).lat == lat


@pytest.mark.parametrize("lat, lon", [(44.6, 33.52), (44.95, 34.1)], ids=["Sevastopol", "Simferopol"])
def test_crimea_is_only_in_ukraines_outline(checker, lat, lon):
    """Regression: geo-maps draws Crimea in both Ukraine and Russia; borderwatch takes the
    geoBoundaries view (Ukraine) and removes Ukraine's land from Russia's outline."""
    assert checker.boundaries.contains("country:UA", lat, lon)
    assert not checker.boundaries.contains("country:RU", lat, lon)


def test_crimeas_coast_is_not_the_russian_border_from_kherson(checker):
    """Regression: Kherson read 89 km from "the Russian border" (Crimea's northern coast in
    Russia's outline); the nearest Russian land is across the Kerch Strait or in the east."""
    hit = checker.boundaries.to_border(46.6354, 32.6169, "UA", "RU")
    assert hit.distance_km > 200, hit

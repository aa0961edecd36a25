"""Coasts, islands and named lines measured on the 10 m outlines.

A coast is a country's land outline minus its land borders, where it meets the sea. The references here do not
use the coast derivation: each is a brute-force minimum (tests/bruteforce.py, every edge split to
≤ 50 m) over the country's whole outline, for points whose nearest outline point lies on the open sea, far
from any other country's land and from any river mouth — there outline and coast are the same line, so the
coast must give the same distance, within 1 m.
"""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from bruteforce import densified_min_km
from borderwatch.check import check_text, default_checker
from borderwatch.geodata import coast_key, country_key
from borderwatch.model import PlaceKind

# id, (lat, lon), country, what the point is (real places news measures from)
COAST_CASES = [
    # "Snake Island, some 35 km off Ukraine's coast": an island measures to the rest of the coast.
    ("snake-island-to-ukraine-mainland", (45.2553, 30.2036), "UA", "Zmiinyi (Snake) Island, Black Sea"),
    # Ships off Crimea: Sevastopol roads, 10 km out to sea.
    ("off-sevastopol", (44.62, 33.35), "UA", "at sea west of Sevastopol"),
    # "Gaza, … 40 km off the Israeli coast"-style sea points: a point at sea off Tel Aviv.
    ("off-tel-aviv", (32.10, 34.60), "IL", "at sea west of Tel Aviv"),
    ("inland-odesa", (46.60, 30.60), "UA", "15 km north of Odesa, from inland to the Black Sea coast"),
]


@pytest.fixture(scope="module")
def checker():
    return default_checker()


MIN_ISLAND_DEG = 0.05  # the documented rule (geodata/SOURCES.md): islands under 0.05° round are no coast


def _reference(checker, lat, lon, iso, *, skip_part_at_point: bool):
    """Brute force over the land outline the coast is cut from (the input's 10 m outline): every
    exterior ring (holes are lakes) of every part at least MIN_ISLAND_DEG round."""
    geom = checker.gazetteer.geodata.coast_outline(iso)
    rings = [p.exterior for p in shapely.get_parts(geom) if p.exterior.length >= MIN_ISLAND_DEG]
    if skip_part_at_point:
        rings = [r for r in rings if not shapely.Polygon(r).buffer(1e-4).contains(shapely.points(lon, lat))]
    return densified_min_km(lat, lon, shapely.MultiLineString(rings), window_deg=1.5)


@pytest.mark.parametrize("case, point, iso, what", COAST_CASES, ids=[c[0] for c in COAST_CASES])
def test_coast_distance_matches_brute_force_on_the_outline(checker, case, point, iso, what):
    lat, lon = point
    hit = checker.measurer.coasts.to_coast(lat, lon, iso)
    assert hit is not None
    island = "island" in case
    ref_km, ref_lat, ref_lon = _reference(checker, lat, lon, iso, skip_part_at_point=island)
    # Where the reference's nearest point is, no other country's land is near: outline = coast there.
    for other in checker.gazetteer.neighbours(iso):
        far = checker.boundaries.to_country(ref_lat, ref_lon, other).distance_km
        assert far > 5.0, f"reference point is {far:.1f} km from {other}: not a coast-only case"
    # within 1 m, and never below the brute force by more than its 50 m step allows
    assert hit.distance_km == pytest.approx(ref_km, abs=0.001), (case, hit.distance_km, ref_km)
    assert "countries-land-10m" in hit.dataset and "coast = outline minus land borders" in hit.dataset


def test_the_shore_of_the_island_a_town_lies_on_matches_brute_force(checker):
    """Split to the shore of Hvar island (the town of Hvar lies on it, 43.1725 N 16.44278 E): the brute force over
    that one part's exterior ring of the 10 m outline (an island has no land border, so outline = shore)."""
    town, split = (43.1725, 16.44278), (43.50891, 16.43915)
    hit = checker.measurer.coasts.to_own_island(*split, "HR", town)
    geom = checker.gazetteer.geodata.coast_outline("HR")
    (ring,) = [p.exterior for p in shapely.get_parts(geom) if p.contains(shapely.points(town[1], town[0]))]
    ref_km, _, _ = densified_min_km(*split, ring, window_deg=1.5)
    assert hit.distance_km == pytest.approx(ref_km, abs=0.001)
    assert "island" in hit.note and checker.measurer.coasts.to_own_island(*split, "HR", split) is None


def test_the_island_is_its_own_land_part(checker):
    lat, lon = COAST_CASES[0][1]
    hit = checker.measurer.coasts.to_coast(lat, lon, "UA")
    assert "island" in hit.note and "excluded" in hit.note, hit.note
    assert hit.distance_km > 30


def test_no_coast_segment_lies_on_a_land_border(checker):
    """Every coast vertex of these countries is farther than the border tolerance from its neighbours' land."""
    gd = checker.gazetteer.geodata
    tol = float(gd.meta["border_tolerance_deg"])
    for iso in ("UA", "PL", "RO", "IL", "KR"):
        mids = []
        for line in shapely.get_parts(gd.geometry(coast_key(iso))):
            xy = shapely.get_coordinates(line)
            mids.append((xy[:-1] + xy[1:]) / 2)
        mids = np.concatenate(mids)[::10]
        for other in checker.gazetteer.neighbours(iso):
            land = gd.geometry(country_key(other))
            near = shapely.dwithin(land, shapely.points(mids), tol / 2)
            assert not near.any(), (iso, other, mids[near][:3])


def test_a_landlocked_country_has_no_coast(checker):
    assert checker.measurer.coasts.to_coast(53.9, 27.56, "BY") is None
    report = check_text("Minsk is 300 km from the coast of Belarus.")
    reasons = [r.verdict.reason for r in report.results]
    assert any("no coast" in why for why in reasons), reasons


def test_off_the_coast_of_a_country_in_an_article():
    """A real shape of sentence: "N km off the coast of X" measures to X's coast (the nearest point on it)."""
    report = check_text("Odesa is 1 km from the coast of Ukraine.")
    (r,) = [r for r in report.results if r.measurement]
    assert r.target.place.kind is PlaceKind.COAST
    assert r.measurement.distance_km < 3.0
    assert "coast = outline minus land borders" in r.measurement.dataset


@pytest.mark.parametrize("text, iso", [
    # 'off' before a coast is a relation, not "X … N km off" (the name before as the target)
    ("Odesa lies 1 km off the Ukrainian coast.", "UA"),
    ("Odesa is about 1 km off the coast of Ukraine.", "UA"),
])
def test_off_the_coast_measures_to_the_coast(text, iso):
    (r,) = check_text(text).results
    assert r.claim.target.kind.value == "coast" and r.claim.rules[0] == "relation"
    assert r.target.place is not None and r.target.place.kind is PlaceKind.COAST, r.verdict.reason
    assert iso in r.target.place.countries and r.measurement.distance_km < 3.0


# id, sentence, the line measured to, the border pair it is part of
LINE_CASES = [
    ("korea-dmz", "Kaesong lies about 10 km north of the DMZ.", "Korean Demilitarized Zone (the KR–KP line)", ("KP", "KR")),
    ("india-pakistan-loc", "Kupwara is about 30 km from the Line of Control.", "India–Pakistan line of control", ("IN", "PK")),
    ("israel-gaza", "Sderot is about 1 km from the Gaza border.", "Israel–Gaza line", ("IL", "PS")),
    # a territory named as the place: the distance to the Gaza Strip, not to the West Bank's border
    ("gaza-strip-as-a-place", "Tel Aviv is about 70 km north of the Gaza Strip.", "Israel–Gaza line", ("IL", "PS")),
]


@pytest.mark.parametrize("case, text, line, pair", LINE_CASES, ids=[c[0] for c in LINE_CASES])
def test_a_named_line_is_measured_to_the_border_it_is_part_of(checker, case, text, line, pair):
    report = check_text(text)
    (r,) = report.results
    assert r.measurement is not None, r.verdict.reason
    assert r.target.place.kind is PlaceKind.LINE and r.target.place.name == line
    # The same point measured to the whole border (nearest of its two sides) is no farther.
    a, b = pair
    sides = [checker.boundaries.to_border(*r.measurement.origin, a, b)]
    assert sides[0] is not None
    whole = min(checker.boundaries.nearest(k, *r.measurement.origin).distance_km
                for k in checker.boundaries.border_keys(a, b))
    assert r.measurement.distance_km >= whole - 1e-6
    ref = densified_min_km(*r.measurement.origin, checker.gazetteer.geodata.geometry(r.target.place.geometry[0]),
                           window_deg=2.0)
    assert r.measurement.distance_km == pytest.approx(ref[0], abs=0.001)


@pytest.mark.parametrize("text", ["Enerhodar is 50 km from the front line.",
                                  "Kupiansk is only 10 km from the frontline."])
def test_a_front_line_is_not_checkable_and_says_why(text):
    report = check_text(text)
    (r,) = report.results
    assert r.measurement is None
    assert "front line" in r.verdict.reason and "moves" in r.verdict.reason, r.verdict.reason


def test_every_country_outline_is_at_10_m(checker):
    rows = checker.gazetteer.geodata.query("SELECT iso2, dataset FROM countries")
    assert len(rows) > 200
    coarse = [iso for iso, ds in rows if "countries-land-10m" not in ds and "geoBoundaries" not in ds]
    assert not coarse, coarse


@pytest.mark.parametrize("iso, lat, lon, low, high", [
    # an island country whose small islands lie near a neighbour's coast keeps its coast (Kinmen near Xiamen)
    ("TW", 25.128, 121.740, 0.0, 3.0),      # Keelung, a port
    # a country with no land border keeps its coast, and an island in a salt lake is no coast:
    # Alice Springs was "322 km from the coast" (an islet of Lake Amadeus); the sea is ~880 km off
    ("AU", -23.698, 133.881, 800.0, 1000.0),
])
def test_coasts_of_island_countries_and_no_lake_islands(checker, iso, lat, lon, low, high):
    hit = checker.measurer.coasts.to_coast(lat, lon, iso)
    assert hit is not None and low <= hit.distance_km <= high, hit
    assert "on the mainland" in hit.note


def test_a_coast_named_by_a_demonym_is_that_country_s():
    (r,) = check_text("Alice Springs is about 1,000 km from the Australian coast.").results
    assert r.target.place is not None and r.target.place.countries == ("AU",), r.verdict.reason


# A country's whole outline, read only in the window that can hold the answer (Boundaries.to_country):
# (case, point, ISO2), checked against the brute force over the whole full-resolution outline.
COUNTRY_EDGE_CASES = [
    ("key-west-to-cuba", (24.5551, -81.7800), "CU"),
    ("nome-to-russia-across-the-bering-strait", (64.5, -165.4), "RU"),  # Russia's outline spans the antimeridian
    ("bushehr-to-kuwait", (28.9684, 50.8385), "KW"),
]


@pytest.mark.parametrize("case, point, iso", COUNTRY_EDGE_CASES, ids=[c[0] for c in COUNTRY_EDGE_CASES])
def test_distance_to_a_country_outline_matches_brute_force(checker, case, point, iso):
    lat, lon = point
    hit = checker.boundaries.to_country(lat, lon, iso)
    geom = checker.gazetteer.geodata.geometry(country_key(iso))
    ref_km, _, _ = densified_min_km(lat, lon, geom, window_deg=4.5)
    # within 2 m of the 50 m brute force (which runs up to ~1.2 m long), never above it
    assert ref_km - 0.002 <= hit.distance_km <= ref_km + 0.0005, (case, hit.distance_km, ref_km)


def test_a_river_s_bank_is_no_coast(checker):
    """The land outlines stop at the banks of wide rivers: Paraguay's, along the Paraná and the Paraguay, had been
    its "coast", and 'seven hundred miles from the sea' was measured from Asunción to a river islet 223 km off, a
    confident 'inconsistent' (dev15 t-citycontrast-asuncion-1). A coast is where the outline meets the sea."""
    assert checker.measurer.coasts.coast_keys("PY") == ()
    (r,) = check_text("Asuncion is the capital of Paraguay. The city is situated on the banks of the Rio Paraguay "
                      "some seven hundred miles from the sea.").results
    assert r.measurement is None and "Paraguay has no coast" in r.verdict.reason
    # Kherson lies on the Dnipro: its outline's nearest point is the river's bank (14.9 km), its coast's the
    # estuary's shore, farther off
    kherson = checker.measurer.coasts.to_coast(46.6354, 32.6169, "UA")
    ref_km, _, _ = _reference(checker, 46.6354, 32.6169, "UA", skip_part_at_point=False)
    assert kherson.distance_km > ref_km + 0.5

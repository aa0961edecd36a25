"""What the map and the verdict answer beyond the line: the exclave, the band, units, the tools."""

from __future__ import annotations

import json
import re
from pathlib import Path

import folium
import pytest
import shapely

from borderwatch.geodata import border_key
from borderwatch.mapjs import StaticGeoJson, script_bundle
from borderwatch.maplayers import GENERATED_DIR
from borderwatch.mapview import build_map, claim_label
from borderwatch.offline import STATIC_PREFIX, external_urls
from support import walk_elements

STATIC = Path(__file__).resolve().parents[1] / "static"


@pytest.fixture(scope="module")
def report(seed_report):
    return seed_report


def _geometry(layer: StaticGeoJson):
    data = json.loads((GENERATED_DIR / layer.url.split("/generated/", 1)[1]).read_text())
    return shapely.union_all([shapely.from_geojson(json.dumps(f["geometry"])) for f in data["features"]])


@pytest.mark.parametrize("index, name, exclave", [(3, "Slavutych", True), (2, None, None)],
                         ids=["kyiv-oblast-slavutych-exclave", "chernihiv-oblast-one-piece"])
def test_the_part_holding_the_nearest_point(report, index, name, exclave):
    r = report.result(index)
    part = r.measurement.part
    if name is None:
        assert part is None and "detached part" not in r.verdict.reason
        return
    assert (part.name, part.exclave) == (name, exclave)
    # the main part is farther than the exclave the distance was measured to, and the verdict says so
    assert part.main_km > r.measurement.distance_km
    assert f"the nearest point is on the {name} exclave" in r.verdict.reason
    assert f"its main part is {part.main_km:.1f} km away" in r.verdict.reason


@pytest.mark.parametrize("text, expected", [
    ("Shelling hit Sumy, about 3 miles from the border with Russia.", "allows 2.7–3.3 mi (4.3–5.3 km)"),
    ("Rechytsa is 90 kilometers from the Kyiv region.", "the wording allows 85.0–95.0 km"),
], ids=["miles-claim-in-miles", "km-claim-in-km"])
def test_the_window_is_explained_in_the_claims_unit(checker, text, expected):
    (r,) = checker.check_text(text).results
    assert expected in r.verdict.reason + " " + r.verdict.rule


@pytest.mark.parametrize("unit, label", [("km", "measured 48.7 km · claimed just over 40 km"),
                                         ("mi", "measured 30.2 mi · claimed just over 40 km")])
def test_map_labels_follow_the_unit_switch(checker, report, unit, label):
    assert claim_label(report.result(2), unit) == label
    raw = build_map(checker.geodata, report, selected=2, unit=unit).get_root().render()
    shown = re.sub(r"\\u([0-9a-fA-F]{4})", lambda g: chr(int(g.group(1), 16)), raw)  # JSON string escapes
    assert f"claim 2: {label}" in shown


def test_the_band_of_the_within_40_km_claim(checker, report):
    """Claim 1 ("within 40 km of the Belarusian border with Ukraine"): the band lies in Belarus
    and reaches 40 km from the border, no farther."""
    m = build_map(checker.geodata, report, selected=1)
    (band,) = [e for e in walk_elements(m) if isinstance(e, StaticGeoJson) and e.key.startswith("band-")]
    geom = _geometry(band)
    belarus = checker.geodata.geometry("country:BY", display=True)
    assert geom.area > 0 and geom.difference(belarus.buffer(0.01)).area < 1e-6 * geom.area
    key = border_key("BY", "UA", "BY")
    far = [checker.boundaries.nearest(key, y, x).distance_km
           for x, y in shapely.get_coordinates(geom)]
    assert max(far) == pytest.approx(40.0, abs=1.5), max(far)


def test_measure_and_fullscreen_are_vendored(checker, report):
    """The plugins' scripts are the vendored files (in the one bundle the map loads), their CSS the vendored CSS."""
    m = build_map(checker.geodata, report, selected=2)
    js = {src for e in walk_elements(m) for _, src in getattr(e, "default_js", [])}
    css = {src for e in walk_elements(m) for _, src in getattr(e, "default_css", [])}
    assert js == {script_bundle()}, js
    bundle = (STATIC / script_bundle().removeprefix("/app/static/")).read_text(encoding="utf-8")
    for name in ("leaflet-measure/leaflet-measure.min.js", "leaflet.fullscreen/Control.FullScreen.js",
                 "jquery/jquery.min.js"):
        assert (STATIC / "vendor" / name).read_text(encoding="utf-8") in bundle, name
    assert {f"{STATIC_PREFIX}/leaflet-measure/leaflet-measure.css",
            f"{STATIC_PREFIX}/leaflet.fullscreen/Control.FullScreen.css"} <= css, css
    for url in css:
        assert (STATIC / url.removeprefix("/app/static/")).is_file(), url
    assert external_urls(m.get_root().render()) == []


def test_outlines_are_static_files_not_inline(checker, report):
    """The basemap and the targets' outlines travel once (static files), not in every map's script."""
    html = build_map(checker.geodata, report, selected=2).get_root().render()
    assert len(html) < 100_000, len(html)
    assert not any(isinstance(e, folium.GeoJson) and e.layer_name == "land"
                   for e in walk_elements(build_map(checker.geodata, report, selected=2)))

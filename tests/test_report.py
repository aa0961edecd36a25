"""Report outputs: JSON, GeoJSON, Markdown, CSV, table — on the seed and on hostile text."""

from __future__ import annotations

import csv
import io
import json

import pytest

from borderwatch import report as rep


def test_json_has_measurements_and_verdicts(seed_report):
    data = json.loads(json.dumps(rep.to_json(seed_report)))
    c = data["claims"]
    assert [x["verdict"]["status"] for x in c] == ["not checkable", "inconsistent", "consistent"]
    assert c[1]["measurement"]["distance_km"] == pytest.approx(48.682, abs=0.1)
    assert c[1]["anchor"]["resolved"]["geonameid"] == 622794
    assert c[1]["anchor"]["candidates"][0]["reasons"]


def test_geojson_feature_collection(seed_report):
    gj = rep.to_geojson(seed_report)
    assert gj["type"] == "FeatureCollection"
    roles = [f["properties"]["role"] for f in gj["features"]]
    assert roles.count("anchor") == 2 and roles.count("measured geodesic") == 2
    line = next(f for f in gj["features"] if f["properties"]["role"] == "measured geodesic")
    lon, lat = line["geometry"]["coordinates"][-1]
    assert (round(lat, 3), round(lon, 3)) == (52.089, 30.949)  # lon, lat order
    p = line["properties"]
    assert p["claimed_km"] == 40 and p["measured_km"] == pytest.approx(48.682, abs=0.1)
    assert p["verdict"] == "inconsistent" and "geoBoundaries" in p["dataset"]


def test_markdown_and_csv(seed_report):
    md = rep.to_markdown(seed_report)
    assert "inconsistent" in md and "OpenStreetMap" in md and "48.68 km" in md
    rows = list(csv.reader(io.StringIO(rep.to_csv(seed_report))))
    assert rows[0][0] == "claim" and len(rows) == 4


def test_hostile_text_is_escaped(checker):
    text = ('<script>alert(1)</script> =cmd|calc Kharkiv is 30 km from the Russian border. '
            '<img src=x onerror=alert(1)> [link](javascript:alert(1))')
    r = checker.check_text(text)
    md = rep.to_markdown(r)
    assert "<script>" not in md and "<img" not in md and "](javascript" not in md
    for row in csv.reader(io.StringIO(rep.to_csv(r))):
        assert all(not cell.startswith(("=", "+", "@")) for cell in row)

"""Report outputs: JSON, GeoJSON, Markdown, CSV, table, HTML sheet — on the seed and on hostile text.

Every export states its provenance and marks what a person changed on the page (issue 11, 4).
Golden values come from outside the code under test: the checksum from geodata/SHA256SUMS
read as text, the tolerance from the database's meta table read with sqlite3, circle
radii from GeographicLib's inverse problem, the rendering from markdown-it-py (CommonMark).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from dataclasses import replace
from datetime import datetime, timezone
from html.parser import HTMLParser

import pytest
from geographiclib.geodesic import Geodesic
from markdown_it import MarkdownIt

import borderwatch
from borderwatch import page
from borderwatch import report as rep
from borderwatch.mapview import ANCHOR_COLOUR, STATUS_COLOURS, TARGET_COLOUR
from borderwatch.model import ChosenBy, Provenance
from borderwatch.provenance import export_name, make_provenance, slug
from support import ROOT

MADE_AT = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
SHA256 = (ROOT / "geodata" / "SHA256SUMS").read_text().split()[0]


@pytest.fixture(scope="module")
def prov(checker):
    return make_provenance(checker.geodata, source="000_f87aa17481a03d45.txt", made_at=MADE_AT)


@pytest.fixture(scope="module")
def edited(checker, seed_report):
    """The seed with claim 2's figure edited, claim 3 anchored by a map click and a claim added by hand."""
    r = page.with_edit(checker, seed_report, 2, value=49.0, unit="km", hedge="about")
    r = page.with_anchor(checker, r, 3, checker.point_anchor(52.0, 30.6), by=ChosenBy.MAP_CLICK)
    return page.with_added_claim(checker, r, anchor_text="Mazyr", target_kind="region", target_name="Chernihiv",
                                 value=60.0, target_country="Ukraine")


def _render(fmt, report, prov, geodata) -> str:
    return {"json": lambda: json.dumps(rep.to_json(report, provenance=prov), ensure_ascii=False),
            "geojson": lambda: json.dumps(rep.to_geojson(report, provenance=prov, geodata=geodata), ensure_ascii=False),
            "markdown": lambda: rep.to_markdown(report, provenance=prov),
            "csv": lambda: rep.to_csv(report, provenance=prov),
            "table": lambda: rep.to_table(report, provenance=prov),
            "html": lambda: rep.to_html(report, provenance=prov)}[fmt]()


FORMATS = ["json", "geojson", "markdown", "csv", "table", "html"]


# ------------------------------------------------------------------ provenance and marks
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_states_its_provenance(fmt, checker, seed_report, prov):
    out = _render(fmt, seed_report, prov, checker.geodata)
    for expected in (borderwatch.__version__, SHA256, "2026-01-02T03:04:05Z", "000_f87aa17481a03d45.txt",
                     "WGS84 ellipsoid", f"schema {checker.geodata.meta['schema']}"):
        assert expected in out, (fmt, expected)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_without_provenance_says_so(fmt, checker, seed_report):
    assert "not stated" in _render(fmt, seed_report, None, checker.geodata)


QUOTE_2 = "just over 40 kilometers (25 miles) from the border with Ukraine’s Chernihiv region"


@pytest.mark.parametrize("fmt, expected", [
    ("markdown", [f"about 49 km (49.00 km) (edited on the page: value, hedge; the article says: {QUOTE_2})",
                  "set by hand on the page: map click; the article names: Rechnitsa",
                  "added by hand on the page; not in the article"]),
    ("table", [f"(edited on the page: value, hedge; the article says: {QUOTE_2})", "about 49 km*",
               "point on the map*", "set by hand on the page: map click"]),
    ("html", ["Changed by hand — edited on the page: value, hedge", "set by hand on the page: map click",
              "added by hand on the page; not in the article"]),
    ("csv", ["value, hedge", "set by hand on the page: map click", "added by hand on the page"]),
], ids=["markdown", "table", "html", "csv"])
def test_edits_and_hand_set_anchors_are_marked(fmt, expected, checker, edited, prov):
    out = _render(fmt, edited, prov, checker.geodata)
    for text in expected:
        assert text in out, (fmt, text)


def test_json_and_geojson_say_what_was_done_by_hand(checker, edited, prov):
    claims = {c["index"]: c for c in rep.to_json(edited, provenance=prov)["claims"]}
    assert claims[2]["by_hand"]["edited"] == ["value", "hedge"] and not claims[2]["by_hand"]["anchor_set_by_hand"]
    assert claims[3]["by_hand"]["anchor_chosen_by"] == "map click" and claims[3]["by_hand"]["anchor_set_by_hand"]
    assert claims[4]["by_hand"]["added"] and claims[1]["by_hand"]["marks"] == []
    feats = rep.to_geojson(edited, provenance=prov, geodata=checker.geodata)["features"]
    line2 = next(f for f in feats if f["properties"]["claim"] == 2 and f["properties"]["role"] == "measured geodesic")
    assert line2["properties"]["claimed"].startswith("about 49 km (edited on the page: value, hedge;")
    anchor3 = next(f for f in feats if f["properties"]["claim"] == 3 and f["properties"]["role"] == "anchor")
    assert "set by hand on the page: map click" in anchor3["properties"]["name"]


def test_csv_columns_carry_provenance_and_edits(edited, prov):
    rows = {r["claim"]: r for r in csv.DictReader(io.StringIO(rep.to_csv(edited, provenance=prov)))}
    assert rows["2"]["edited"] == "value, hedge" and QUOTE_2 in rows["2"]["edit_note"]
    assert rows["3"]["anchor_set_by_hand"].startswith("set by hand on the page: map click")
    assert {r["made_at"] for r in rows.values()} == {"2026-01-02T03:04:05Z"}
    assert {r["tool_version"] for r in rows.values()} == {borderwatch.__version__}


def test_provenance_time_must_be_timezone_aware():
    from borderwatch.errors import InvalidValue

    with pytest.raises(InvalidValue, match="timezone-aware"):
        Provenance("0", "d", datetime(2026, 1, 1), "s", "m")


# ------------------------------------------------------------------ JSON / GeoJSON
def test_json_has_measurements_and_verdicts(seed_report):
    data = json.loads(json.dumps(rep.to_json(seed_report)))
    c = data["claims"]
    assert [x["verdict"]["status"] for x in c] == ["not checkable", "inconsistent", "consistent"]
    assert c[1]["measurement"]["distance_km"] == pytest.approx(48.682, abs=0.1)
    assert c[1]["anchor"]["resolved"]["geonameid"] == 622794
    assert c[1]["anchor"]["candidates"][0]["reasons"]


def _features(gj, claim, role):
    return [f for f in gj["features"] if f["properties"]["claim"] == claim and f["properties"]["role"] == role]


def test_geojson_feature_collection(checker, seed_report, prov):
    gj = rep.to_geojson(seed_report, provenance=prov, geodata=checker.geodata)
    assert gj["type"] == "FeatureCollection"
    roles = [f["properties"]["role"] for f in gj["features"]]
    assert roles.count("anchor") == 2 and roles.count("measured geodesic") == 2
    (line,) = _features(gj, 2, "measured geodesic")
    lon, lat = line["geometry"]["coordinates"][-1]
    assert (round(lat, 3), round(lon, 3)) == (52.089, 30.949)  # lon, lat order
    p = line["properties"]
    assert p["claimed_km"] == 40 and p["measured_km"] == pytest.approx(48.682, abs=0.1)
    assert p["verdict"] == "inconsistent" and "geoBoundaries" in p["dataset"]
    assert gj["properties"]["provenance"]["data_version"].startswith(f"borderwatch.sqlite sha256 {SHA256}")


@pytest.mark.parametrize("claim, role, radius_km", [
    (2, "claimed ring", 40.0),            # "just over 40 kilometers"
    (3, "claimed ring", 90.0),            # "90 kilometers"
    (2, "anchor uncertainty", None),      # Rechytsa's extent (Place.radius_km)
], ids=["ring-40", "ring-90", "uncertainty"])
def test_geojson_circles_are_geodesic_polygons(claim, role, radius_km, checker, seed_report):
    gj = rep.to_geojson(seed_report, geodata=checker.geodata)
    (feat,) = _features(gj, claim, role)
    radius_km = radius_km or seed_report.result(claim).anchor_place.radius_km
    lat0, lon0 = seed_report.result(claim).measurement.origin
    ring = feat["geometry"]["coordinates"][0]
    assert feat["geometry"]["type"] == "Polygon" and ring[0] == ring[-1] and len(ring) > 60
    for lon, lat in ring:  # lon/lat order, each vertex at the radius (coordinates rounded to 1e-5°, ~1 m)
        assert Geodesic.WGS84.Inverse(lat0, lon0, lat, lon)["s12"] == pytest.approx(radius_km * 1000, abs=2.0)
    assert feat["properties"]["radius_km"] == pytest.approx(radius_km, abs=1e-3)


def test_geojson_target_outline_states_its_simplification(checker, seed_report):
    db = sqlite3.connect(ROOT / "geodata" / "borderwatch.sqlite")
    tolerance = float(dict(db.execute("SELECT key, value FROM meta"))["display_tolerance_deg"])
    gj = rep.to_geojson(seed_report, geodata=checker.geodata)
    (target,) = _features(gj, 2, "target")
    assert target["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert target["properties"]["simplify_tolerance_deg"] == tolerance
    assert str(tolerance) in target["properties"]["simplified"]
    assert target["properties"]["name"] == "Chernihiv Oblast boundary"


@pytest.mark.parametrize("claim, role, stroke, fill", [
    (2, "measured geodesic", STATUS_COLOURS["inconsistent"], None),
    (3, "measured geodesic", STATUS_COLOURS["consistent"], None),
    (2, "target", TARGET_COLOUR, TARGET_COLOUR),
    (2, "anchor", ANCHOR_COLOUR, None),
    (2, "anchor uncertainty", ANCHOR_COLOUR, ANCHOR_COLOUR),
], ids=["line-inconsistent", "line-consistent", "target", "anchor", "uncertainty"])
def test_geojson_simplestyle_uses_the_page_colours(claim, role, stroke, fill, checker, seed_report):
    (feat,) = _features(rep.to_geojson(seed_report, geodata=checker.geodata), claim, role)
    p = feat["properties"]
    assert p["stroke"] == stroke and p["marker-color"] == stroke and p["stroke-width"] > 0
    assert p.get("fill") == fill
    if fill:
        assert 0 < p["fill-opacity"] < 1


def test_geojson_keeps_unmeasured_claims_with_their_reason(checker, seed_report):
    gj = rep.to_geojson(seed_report, geodata=checker.geodata)
    (feat,) = [f for f in gj["features"] if f["properties"]["claim"] == 1]
    assert feat["geometry"] is None and feat["properties"]["verdict"] == "not checkable"
    assert "no fixed place is named" in feat["properties"]["why_no_geometry"]


@pytest.mark.parametrize("lat, lon, radius_km, drawable", [
    (52.36, 30.39, 40.0, True),       # Rechytsa, the seed's ring
    (-16.5, 179.9, 300.0, True),      # Fiji, across the antimeridian
    (78.2, 15.6, 1500.0, False),      # Longyearbyen: 1,500 km encloses the North Pole
    (-77.8, 166.7, 1500.0, False),    # McMurdo: encloses the South Pole
], ids=["rechytsa", "antimeridian", "north-pole", "south-pole"])
def test_geodesic_circle(lat, lon, radius_km, drawable):
    geom, why = rep.geodesic_circle(lat, lon, radius_km)
    if not drawable:
        assert geom is None and "encloses a pole" in why
        return
    lons = [x for x, _ in geom["coordinates"][0]]
    assert why is None and max(lons) - min(lons) < 20  # continuous: no jump of 360°


# ------------------------------------------------------------------ Markdown
class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self._where = [], {}, []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._where.append(tag)

    def handle_endtag(self, tag):
        if self._where and self._where[-1] == tag:
            self._where.pop()

    def handle_data(self, data):
        key = "blockquote" if "blockquote" in self._where else (self._where[-1] if self._where else "")
        self.text[key] = self.text.get(key, "") + data


HOSTILE = [
    "just over 40 kilometers (25 miles) from the border with Ukraine’s Chernihiv region",
    "<script>alert(1)</script> 30 km from <b>the border</b>",
    "<img src=http://203.0.113.9/x.png onerror=alert(1)> 30 km",
    "[link](javascript:alert(1)) and ![i](http://203.0.113.9/i.png) 30 km",
    "Ukraine's *border* & _Russia_ `code` ~~gone~~ &amp; &#x27; 30 km",
    "<http://203.0.113.9/a> <a@example.org> 30 km",
    "1. 30 km from the border",
    "# 30 km from the border #",
    "- 30 km, $5 and $10 \\ back",
    "<!-- comment --> <?php x ?> <![CDATA[x]]> 30 km",
]


@pytest.mark.parametrize("text", HOSTILE, ids=["seed-quote", "script", "img", "links", "emphasis-entities",
                                                "autolinks", "ordered-list", "heading", "list-math", "html-other"])
def test_markdown_renders_the_article_text_as_written(text, seed_report):
    """CommonMark (markdown-it-py) renders the quote and title as the same words, with no tag
    from the article: only the report's own headings, paragraphs, quote, list and bold."""
    result = replace(seed_report.results[1], claim=replace(seed_report.results[1].claim, quote=text))
    report = replace(seed_report, title=text, results=(result,), datasets=())
    md = rep.to_markdown(report)
    parsed = _Tags()
    parsed.feed(MarkdownIt("commonmark").render(md))
    assert set(parsed.tags) <= {"h1", "h2", "p", "blockquote", "ul", "li", "strong"}, parsed.tags
    assert parsed.text["blockquote"].strip() == text
    assert parsed.text["h1"] == f"borderwatch report: {text}"
    if "&" not in text:
        assert "&" not in md.split("## Data and attribution")[0], "no HTML entities"


def test_markdown_reads_as_plain_text(seed_report):
    md = rep.to_markdown(seed_report)
    assert f"> {QUOTE_2}" in md  # no '\(25 miles\)', no '&#x27;'
    assert "&#" not in md and "&amp;" not in md and "\\(" not in md
    assert "inconsistent" in md and "OpenStreetMap" in md and "48.68 km" in md


def test_csv(seed_report):
    rows = list(csv.reader(io.StringIO(rep.to_csv(seed_report))))
    assert rows[0][0] == "claim" and len(rows) == 4


def test_hostile_text_is_escaped(checker):
    text = ('<script>alert(1)</script> =cmd|calc Kharkiv is 30 km from the Russian border. '
            '<img src=x onerror=alert(1)> [link](javascript:alert(1))')
    r = checker.check_text(text)
    rendered = MarkdownIt("commonmark").render(rep.to_markdown(r))
    assert "<script>" not in rendered and "<img" not in rendered and 'href="javascript' not in rendered
    sheet = rep.to_html(r)
    assert "<script>" not in sheet and "<img" not in sheet and "&lt;script&gt;" in sheet
    for row in csv.reader(io.StringIO(rep.to_csv(r))):
        assert all(not cell.startswith(("=", "+", "@")) for cell in row)


# ------------------------------------------------------------------ evidence sheet and file names
def test_html_sheet_is_standalone_and_printable(checker, edited, prov):
    sheet = rep.to_html(edited, provenance=prov)
    assert sheet.startswith("<!doctype html>") and "@media print" in sheet
    assert not re.search(r"<(script|link|img|iframe)\b", sheet) and "http://" not in sheet.split("</style>")[0]
    assert "Claim 2: " in sheet and "measured 48.7 km; the wording allows 44.1–53.9 km" in sheet
    assert "No map image is included" in sheet and "<svg" not in sheet and "52.08948, 30.94933" in sheet
    assert "In the article: “Equipment has been seen near the Rechnitsa station" in sheet
    one = rep.to_html(edited, provenance=prov, selected=3)
    assert "Claim 3: " in one and "Claim 2: " not in one


@pytest.mark.parametrize("title, ext, expected", [
    ("‘Allied Resolve’ begins Troops spotted near the border with Ukraine as Russian forces arrive in Belarus",
     "md", "borderwatch-allied-resolve-begins-troops-spotted-near-the-border-with-2026-01-02.md"),
    ("Kharkiv: 30 km from Russia's Belgorod region", "geojson",
     "borderwatch-kharkiv-30-km-from-russia-s-belgorod-region-2026-01-02.geojson"),
    ("Речица в 40 км от границы", "csv", "borderwatch-rechitsa-v-40-km-ot-granitsy-2026-01-02.csv"),
    ("../../etc/passwd <script>", "html", "borderwatch-etc-passwd-script-2026-01-02.html"),
    ("!!!", "json", "borderwatch-article-2026-01-02.json"),
], ids=["seed", "apostrophe", "cyrillic", "path", "empty"])
def test_export_file_names(title, ext, expected, prov):
    assert export_name(title, prov, ext) == expected


def test_slug_is_bounded_and_ascii():
    s = slug("Supercalifragilistic " * 20)
    assert len(s) <= 60 and s.isascii() and not s.endswith("-")
    assert len(slug("x" * 500)) == 60


def _pick_brest(checker, report):
    brest = next(c.place for c in page.anchor_choices(report.result(2)) if "Brest" in c.label)
    return page.with_anchor(checker, report, 2, brest)


@pytest.mark.parametrize("change, fact, mark", [
    (lambda ck, r: page.with_edit(ck, r, 2, value=49.0, unit="km", hedge="just over"), "Claimed",
     f"just over 49 km (49.00 km) (edited on the page: value; the article says: {QUOTE_2})"),
    (lambda ck, r: page.with_edit(ck, r, 2, value=40.0, unit="mi", hedge="just over"), "Claimed",
     "(edited on the page: unit;"),
    (lambda ck, r: page.with_edit(ck, r, 2, value=40.0, unit="km", hedge=""), "Claimed",
     "40 km (40.00 km) (edited on the page: hedge;"),
    (lambda ck, r: page.with_edit(ck, r, 2, value=40.0, unit="km", hedge="just over", anchor_text="Mazyr"),
     "Anchor", f"(name edited on the page; the article says: {QUOTE_2})"),
    (lambda ck, r: page.with_edit(ck, r, 2, value=40.0, unit="km", hedge="just over",
                                  target=page._hand_target("region", "Kyiv", None)),
     "Target", f"Kyiv Oblast boundary (edited on the page; the article says: {QUOTE_2})"),
    (_pick_brest, "Anchor", "(set by hand on the page: page edit; the article names: Rechnitsa)"),
    (lambda ck, r: page.with_anchor(ck, r, 2, ck.point_anchor(52.0, 30.6), by=ChosenBy.MAP_CLICK), "Anchor",
     "point on the map (set by hand on the page: map click; the article names: Rechnitsa)"),
], ids=["value", "unit", "hedge", "anchor-name", "target", "candidate-picked", "map-click"])
def test_each_kind_of_change_is_marked_beside_its_value(change, fact, mark, checker, seed_report):
    facts = dict(rep._facts(change(checker, seed_report).result(2)))
    assert mark in facts[fact], facts[fact]
    others = {k: v for k, v in facts.items() if k in ("Anchor", "Target", "Claimed") and k != fact}
    assert not any("by hand" in v or "edited" in v for v in others.values()), others


def test_an_unchanged_claim_has_no_mark(seed_report):
    facts = " ".join(v for _, v in rep._facts(seed_report.result(2)))
    assert "by hand" not in facts and "edited" not in facts


def test_html_sheet_sketches_each_measured_claim_to_scale(checker, seed_report):
    """The sketch is drawn to scale: the pixels from the anchor's dot to the nearest point's, times the
    scale bar's km per pixel, give the measured distance (equirectangular at the view's centre: ±3 %)."""
    sheet = rep.to_html(seed_report, geodata=checker.geodata)
    svgs = re.findall(r"<svg .*?</svg>", sheet)
    assert len(svgs) == 2 and "static sketch" in sheet and "<script" not in sheet  # claims 2 and 3
    for svg, n in zip(svgs, (2, 3)):
        dots = [tuple(map(float, d)) for d in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)]
        (ax, ay), (nx, ny) = dots
        bar_px = float(re.search(r'<rect x="12" y="[\d.]+" width="([\d.]+)"', svg).group(1))
        bar_km = float(re.search(r"<text x=\"12\" y=\"[\d.]+\">([\d,]+) km</text>", svg).group(1).replace(",", ""))
        km = ((ax - nx) ** 2 + (ay - ny) ** 2) ** 0.5 * bar_km / bar_px
        assert km == pytest.approx(seed_report.result(n).measurement.distance_km, rel=0.03), n


def test_html_sketch_labels_are_escaped(checker, seed_report):
    r = seed_report.results[1]
    hostile = replace(r.anchor.place, name="<script>alert(1)</script>")
    result = replace(r, anchor=replace(r.anchor, place=hostile))
    sheet = rep.to_html(replace(seed_report, results=(result,)), geodata=checker.geodata)
    assert "<script>" not in sheet and "&lt;script&gt;alert(1)&lt;/script&gt;" in sheet

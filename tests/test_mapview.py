"""The folium map of the seed report: what a reader needs to check each claim by eye."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace

import folium
import pytest
import shapely

from borderwatch.mapjs import StaticGeoJson, script_bundle
from borderwatch import maplayers
from borderwatch.maplayers import GENERATED_DIR
from borderwatch.mapview import basemap_geojson, build_map, claim_label, map_parts
from borderwatch.model import PlaceKind
from borderwatch.offline import STATIC_PREFIX, external_urls
from support import walk_elements


@pytest.fixture(scope="module")
def report(seed_report):
    return seed_report


def _of(m, cls):
    return [e for e in walk_elements(m) if type(e) is cls]


def _shown(m) -> str:
    """The rendered map with JSON string escapes undone: the text a reader sees.

    Labels reach the map's script as JSON strings, so '·' is '\\u00b7' and '&' is
    '\\u0026' in the raw HTML."""
    raw = m.get_root().render()
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda g: chr(int(g.group(1), 16)), raw)


def _result(report, index):
    return next(r for r in report.results if r.claim.index == index)


def test_geodesic_lines_run_from_anchor_to_nearest_point(report, checker):
    m = build_map(checker.geodata, report, selected=2)
    lines = [[tuple(p) for p in pl.locations] for pl in _of(m, folium.PolyLine)]
    for index in (2, 3):
        meas = _result(report, index).measurement
        ends = [(ln[0], ln[-1]) for ln in lines]
        assert (pytest.approx(meas.origin), pytest.approx(meas.nearest)) in ends, index
    html = m.get_root().render()
    # Rechytsa's GeoNames point and the nearest point on Chernihiv Oblast's boundary.
    assert "52.3617" in html and "30.3916" in html
    assert f"{_result(report, 2).measurement.nearest[0]}" in html


@pytest.mark.parametrize("radius_m", [40_000.0, 90_000.0], ids=["just over 40 km", "90 km"])
def test_rings_of_the_claimed_distances(report, checker, radius_m):
    m = build_map(checker.geodata, report, selected=2)
    radii = [c.options["radius"] for c in _of(m, folium.Circle)]
    assert radius_m in radii
    # the anchor's uncertainty circle (Rechytsa's extent, ~3.2 km) is drawn too
    assert any(3000 < r < 3500 for r in radii), radii


def _outlines(m) -> dict:
    """key -> the outline layer of a target or border (a static file the map fetches)."""
    return {g.key: g for g in _of(m, StaticGeoJson)}


def _outline_geometry(layer):
    """The geometry in the static file a layer points at (served from static/generated/)."""
    path = GENERATED_DIR / layer.url.split("/generated/", 1)[1]
    return shapely.from_geojson(json.dumps(json.loads(path.read_text())["features"][0]["geometry"]))


def test_targets_are_highlighted(report, checker):
    m = build_map(checker.geodata, report, selected=2)
    layers = _outlines(m)
    chernihiv, kyiv = _result(report, 2), _result(report, 3)
    assert (chernihiv.target_place.name, kyiv.target_place.name) == ("Chernihiv Oblast", "Kyiv Oblast")
    (c_key,), (k_key,) = chernihiv.target_geometry, kyiv.target_geometry
    # the Belarus–Ukraine border claim 1 names is drawn on both sides, though nothing is measured to it
    assert len(_result(report, 1).target_geometry) == 2
    for key in (c_key, k_key, *_result(report, 1).target_geometry):
        assert key in layers, sorted(layers)
    strong, quiet = layers[c_key].style, layers[k_key].style
    assert strong["weight"] > quiet["weight"] and strong["opacity"] > quiet["opacity"]


def test_kyiv_oblast_is_drawn_with_its_slavutych_exclave(report, checker):
    m = build_map(checker.geodata, report, selected=3)
    (key,) = _result(report, 3).target_geometry
    geom = _outline_geometry(_outlines(m)[key])
    assert len(shapely.get_parts(geom)) >= 2
    assert geom.contains(shapely.Point(30.75, 51.52))  # Slavutych (lon, lat)


def test_selected_claim_has_the_permanent_label(report, checker):
    html = _shown(build_map(checker.geodata, report, selected=2))
    assert claim_label(_result(report, 2)) == "measured 48.7 km · claimed just over 40 km"
    assert "measured 48.7 km · claimed just over 40 km" in html
    assert '"permanent": true' in html


@pytest.mark.parametrize("selected", [None, 1, 2, 3])
@pytest.mark.parametrize("alts", [False, True], ids=["plain", "alternatives"])
def test_map_is_offline(report, checker, selected, alts):
    m = build_map(checker.geodata, report, selected=selected, show_alternatives=alts)
    html = m.get_root().render()
    assert external_urls(html) == []
    bundle = script_bundle()  # the vendored Leaflet, jQuery and plugins, one file, unmodified
    assert bundle in html and f"{STATIC_PREFIX}/leaflet/leaflet.css" in html
    text = (GENERATED_DIR.parent / bundle.split("/app/static/", 1)[1]).read_text(encoding="utf-8")
    assert text.startswith((GENERATED_DIR.parent / "vendor" / "leaflet" / "leaflet.js").read_text(encoding="utf-8"))
    assert "geoBoundaries" in html  # attribution
    assert m.control_scale


def test_online_tiles_are_opt_in(report, checker):
    assert not _of(build_map(checker.geodata, report, selected=2), folium.TileLayer)
    online = build_map(checker.geodata, report, selected=2, online_tiles=True)
    assert "openstreetmap" in " ".join(external_urls(online.get_root().render()))


def test_map_is_stable_across_reruns(report, checker):
    """Same report and selection: the same script, so the component does not remount."""
    assert _render_script(build_map(checker.geodata, report, selected=2)) == \
        _render_script(build_map(checker.geodata, report, selected=2))
    assert _render_script(build_map(checker.geodata, report, selected=2)) != \
        _render_script(build_map(checker.geodata, report, selected=3))


def test_rendering_twice_does_not_break_the_map(report, checker):
    """Regression: st_folium renames elements while rendering; the cached map was rendered
    again by a second browser session and its script referenced vanished ids (blank map)."""
    from streamlit_folium import _get_map_string

    first = build_map(checker.geodata, report, selected=2)
    first.get_root().render()
    script1 = _get_map_string(first)
    second = build_map(checker.geodata, report, selected=2)
    second.get_root().render()
    assert _get_map_string(second) == script1


def _render_script(m) -> str:
    return m.get_root().render()


def test_alternatives_show_the_brest_region_rechytsa(report, checker):
    html = _shown(build_map(checker.geodata, report, selected=2, show_alternatives=True))
    assert "Rechytsa (Brest, BY)" in html
    assert "Rechytsa (Brest, BY)" not in _shown(build_map(checker.geodata, report, selected=2))


def test_article_names_are_escaped(report, checker):
    """A name taken from the article (the anchor as written) must not become markup."""
    evil = "<img src=x onerror=alert(1)>"
    r2 = _result(report, 2)
    bad = replace(report, results=tuple(
        replace(r, claim=replace(r.claim, anchor=replace(r.claim.anchor, text=evil))) if r is r2 else r
        for r in report.results))
    m = build_map(checker.geodata, bad, selected=2, show_alternatives=True)
    assert evil not in m.get_root().render()
    html = _shown(m)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_basemap_is_small_and_clipped(checker):
    fc = basemap_geojson(checker.geodata, (26.0, 48.0, 35.0, 55.0))
    isos = {f["properties"]["iso2"] for f in fc["features"]}
    assert {"BY", "UA", "RU", "LT"} <= isos and "PL" not in isos  # PL ends at ~24.1°E
    n = sum(shapely.get_num_coordinates(shapely.from_geojson(json.dumps(f["geometry"])))
            for f in fc["features"])
    assert n < 6000, n


@pytest.mark.parametrize("bbox, cols, rows", [
    ((15.1, 45.9, 40.3, 58.5), range(3, 9), range(9, 12)),        # the seed's base: every cell it needs
    ((-180.0, -90.0, 180.0, 90.0), range(-5, 5), range(-5, 5)),   # the world: 10 × 10 round its centre
    ((-200.0, 20.0, 260.0, 80.0), range(1, 11), range(5, 15)),    # centre (30°E, 50°N) taken before the cut to the world
    ((150.0, 60.0, 200.0, 89.0), range(30, 36), range(12, 18)),   # at the edge: wholly inside the world
], ids=["seed", "world", "off-centre", "edge"])
def test_fine_basemap_cells_are_bounded(bbox, cols, rows):
    """A claim of 20,000 km frames the world: its fine cells (5°) are at most 100 round the
    centre, not 1,446 built in one rerun; the map's script is told where they end."""
    fine = maplayers.LODS[1]
    assert maplayers.lod_window(fine, bbox) == (cols, rows)
    assert len(cols) * len(rows) <= fine.max_cells
    assert maplayers.lod_bounds(fine, bbox) == [[rows.start * 5.0, cols.start * 5.0], [rows.stop * 5.0, cols.stop * 5.0]]


def test_payload_per_rerun_is_under_500_kb(report, checker):
    for sel in (1, 2, 3):
        assert len(build_map(checker.geodata, report, selected=sel).get_root().render()) < 500_000


def test_a_town_target_is_drawn_with_its_extent(checker):
    report = checker.check_text("Equipment was seen in Rechytsa, about 40 kilometers from Gomel, officials said.")
    (r,) = report.results
    assert r.target_place.kind is PlaceKind.CITY and r.measurement is not None
    m = build_map(checker.geodata, report, selected=r.claim.index)
    circles = [(tuple(c.location), c.options["radius"]) for c in _of(m, folium.Circle)]
    assert any(loc == pytest.approx((r.target_place.lat, r.target_place.lon)) for loc, _ in circles)
    assert 40_000.0 in [rad for _, rad in circles]
    assert html.escape(r.target_place.name) in _shown(m)  # "Homyel&#x27;" labelled


def test_clear_caches_empties_every_map_cache(report, checker):
    """The benchmarks measure uncached figures by clearing these caches: every one must clear."""
    import functools

    from borderwatch import maplayers, mapview

    build_map(checker.geodata, report, selected=1)
    mapview.clear_caches()
    cached = [f for m in (maplayers, mapview) for f in vars(m).values()
              if isinstance(f, functools._lru_cache_wrapper) and f.__module__ == m.__name__]
    assert cached and all(f.cache_info().currsize == 0 for f in cached), \
        [f.__name__ for f in cached if f.cache_info().currsize]


def _sent(checker, report, selected, *, render: bool, show_alternatives: bool = True) -> dict[str, str]:
    """What the map component receives from app.py's call: st_folium(base, feature_group_to_add=layers)."""
    import streamlit_folium as sf

    got = {}
    parts = map_parts(checker.geodata, report, selected=selected, show_alternatives=show_alternatives)
    real = sf._component_func
    sf._component_func = lambda **kw: got.update(kw)
    try:
        sf.st_folium(parts.base, feature_group_to_add=parts.layers, key="map", height=640,
                     returned_objects=["last_clicked"], render=render)
    finally:
        sf._component_func = real
    return {k: re.sub(r"[0-9a-f]{32}", "ID", got[k]) for k in ("script", "header", "html", "feature_group", "key")}


@pytest.mark.parametrize("selected", [1, 2, 3])
def test_the_page_may_skip_st_folium_s_extra_render_pass(report, checker, selected):
    """app.py passes render=False to st_folium (one render pass fewer per rerun): what the map
    component receives must be the same as with the figure rendered first (folium's own markers
    with icons would differ: their icons are set in that pass; labels are TextLabels instead)."""
    assert _sent(checker, report, selected, render=True) == _sent(checker, report, selected, render=False)


def test_a_new_selection_swaps_the_layers_in_the_map_already_drawn(report, checker):
    """st_folium keys its component on the base map's script: the same script for every selection
    (and with alternatives shown or not) keeps the frame and its Leaflet map; only the claim
    layers change. Before the split, every selection was a new script: a new frame each time."""
    sent = [_sent(checker, report, sel, render=False, show_alternatives=alts) for sel in (1, 2, 3)
            for alts in (False, True)]
    assert len({(x["script"], x["key"], x["header"], x["html"]) for x in sent}) == 1
    assert len({x["feature_group"] for x in sent[::2]}) == 3  # one set of layers per selection
    # what one selection draws is in its layers, not in the base
    assert "measured 92.4 km" in _sent(checker, report, 3, render=False)["feature_group"]
    assert "measured" not in sent[0]["script"]


def test_the_claim_layers_undo_what_they_add_to_the_map(report, checker):
    """Swapped out, a selection's layers leave nothing behind: each control and handler they add
    to the map is removed with them (the legend, the zoom switch, the label placer)."""
    fg = _sent(checker, report, 2, render=False)["feature_group"]
    for added, removed in (("legend.addTo(map)", "legend.remove()"),
                           ("map.on('zoomend', sync)", "map.off('zoomend', sync)"),
                           ("map.on('zoomend moveend bw:relabel', later)", "map.off('zoomend moveend bw:relabel', later)")):
        assert fg.count(added) == fg.count(removed) == 1, added
    assert "group.on('remove'" in fg

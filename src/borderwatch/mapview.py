"""Report -> folium map that makes each claim checkable by eye, fully offline.

For every measured claim the map draws: the anchor (a marker and its uncertainty
circle, ``Place.radius_km``), the target (a region's outline or the border's side
lines, highlighted), the geodesic line from the anchor to the nearest boundary point
(``Measurement.path``, labelled "measured 48.7 km · claimed just over 40 km") and a
ring of the *claimed* distance around the anchor, so one sees where the claim would
reach. One claim is *selected*: drawn strong, its label permanent, the view fitted
to it; the others stay visible but quiet.

The basemap is vector, drawn from the embedded countries' display geometry clipped to
the view (``tiles=None``); OSM tiles are an opt-in for users who are online. Every
map goes through :func:`borderwatch.offline.make_offline`. Coordinates are (lat, lon)
degrees WGS84 for folium; shapely/GeoJSON are (lon, lat), converted at the edge here.
"""

from __future__ import annotations

import copy
import functools
import html
import json
import math

import folium
import shapely
from branca.element import MacroElement
from folium.template import Template

from .geodata import GeoData, country_key
from .model import ClaimResult, Place, PlaceKind, Report, Status
from .offline import make_offline
from .settings import DEFAULTS

__all__ = [
    "STATUS_COLOURS", "WATER_COLOUR", "build_map", "claim_label", "basemap_geojson", "view_bounds",
    "SafeTooltip",
]

#: Verdict status -> colour, shared by the map, the legend and the page's tags.
STATUS_COLOURS = {
    Status.CONSISTENT: "#1a9850",
    Status.INCONSISTENT: "#d73027",
    Status.NOT_CHECKABLE: "#7f7f7f",
    Status.UNRESOLVED: "#e08214",
}
_POINT_KINDS = (PlaceKind.CITY, PlaceKind.POINT, PlaceKind.LANDMARK)
WATER_COLOUR = "#c6dbef"
LAND_COLOUR = "#f4f1ea"
TARGET_COLOUR = "#6a3d9a"
ANCHOR_COLOUR = "#1f4e9c"
QUIET_OPACITY = 0.35
#: Basemap simplification tolerance as a fraction of the view's larger side (degrees).
_BASEMAP_TOLERANCE = 1 / 800
#: Coordinates sent to the browser are rounded to 1e-5 degrees (~1 m): plenty to draw.
_DECIMALS = 5


# --------------------------------------------------------------------- labels
def claim_label(result: ClaimResult) -> str:
    """Return the line label of a claim: 'measured 48.7 km · claimed just over 40 km'."""
    claimed = f"claimed {result.claim.claimed_text}"
    if result.measurement is None:
        return f"{claimed} · {result.verdict.status}"
    return f"measured {result.measurement.distance_km:.1f} km · {claimed}"


def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


class SafeTooltip(folium.Tooltip):
    """A tooltip whose HTML reaches the page as a JSON string, never inside a JavaScript
    template literal (folium's own Tooltip puts its text in backticks, where ``${…}``
    in a place name would run and a backtick would break the map's script)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindTooltip({{ this.html|tojson }}, {{ this.options|tojavascript }});
        {% endmacro %}
    """)

    def __init__(self, text: str, *, style: str | None = None, **kwargs) -> None:
        super().__init__(text, style=style, **kwargs)
        attr = f' style="{_esc(style)}"' if style else ""
        self.html = f"<div{attr}>{_esc(text)}</div>"


class SafePopup(MacroElement):
    """A popup whose (escaped) text reaches the page as a JSON string: see SafeTooltip."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindPopup(
                L.popup({maxWidth: {{ this.max_width|tojson }}}).setContent({{ this.html|tojson }}));
        {% endmacro %}
    """)

    def __init__(self, text: str, *, max_width: int = 320) -> None:
        super().__init__()
        self._name = "SafePopup"
        self.html = f"<div>{_esc(text)}</div>"
        self.max_width = max_width


# --------------------------------------------------------------------- geometry keys
def _target_keys(result: ClaimResult) -> tuple[str, ...]:
    """Geodata keys of the target a claim was measured to (a region's outline, a border's lines)."""
    place = result.target_place
    return place.geometry if place is not None else ()


def _context_keys(result: ClaimResult) -> tuple[str, ...]:
    """Geodata keys of the border an unmeasured claim names (nothing measured, still worth seeing)."""
    if result.measurement is not None or result.target is None:
        return ()
    return result.target.context_geometry


# --------------------------------------------------------------------- bounds
def _ring_bounds(lat: float, lon: float, radius_km: float) -> list[tuple[float, float]]:
    dlat = radius_km / 111.0
    dlon = radius_km / (111.0 * max(0.05, math.cos(math.radians(lat))))
    return [(lat - dlat, lon - dlon), (lat + dlat, lon + dlon)]


def _claim_points(result: ClaimResult) -> list[tuple[float, float]]:
    """(lat, lon) points a view of this claim must contain: anchor, ring, path."""
    m = result.measurement
    if m is None:
        place = _anchor_place(result)
        return [(place.lat, place.lon)] if place else []
    pts = list(m.path) or [m.origin, m.nearest]
    pts += _ring_bounds(*m.origin, max(result.claim.value_km, 1.0))
    return pts


def view_bounds(geodata: GeoData, report: Report, *, selected: int | None = None
                ) -> tuple[tuple[float, float], tuple[float, float]]:
    """Return ((south, west), (north, east)) degrees framing the selected claim, else all.

    Falls back to the drawn context (border lines) and finally to Europe when the
    report has nothing to draw.
    """
    results = [r for r in report.results if selected is None or r.claim.index == selected]
    pts = [p for r in results for p in _claim_points(r)]
    if not pts and selected is not None:
        for r in results:
            for key in _context_keys(r):
                minx, miny, maxx, maxy = geodata.geometry(key, display=True).bounds
                pts += [(miny, minx), (maxy, maxx)]
    if not pts:
        results = list(report.results)
        pts = [p for r in results for p in _claim_points(r)]
    if not pts:
        for r in report.results:
            for key in _context_keys(r):
                minx, miny, maxx, maxy = geodata.geometry(key, display=True).bounds
                pts += [(miny, minx), (maxy, maxx)]
    if not pts:
        return (35.0, -10.0), (60.0, 40.0)
    lats, lons = [p[0] for p in pts], [p[1] for p in pts]
    return (min(lats), min(lons)), (max(lats), max(lons))


# --------------------------------------------------------------------- basemap
@functools.lru_cache(maxsize=4)
def _country_index(geodata: GeoData):
    codes = sorted(geodata.country_names())
    geoms = [geodata.geometry(country_key(c), display=True) for c in codes]
    return codes, geoms, shapely.STRtree(geoms)


def _outer_only(geom, min_area: float):
    """Drop holes (lakes) and parts smaller than ``min_area`` deg²: a basemap needs neither."""
    polys = [shapely.Polygon(p.exterior) for p in shapely.get_parts(geom)
             if p.geom_type == "Polygon" and p.area >= min_area]
    return shapely.MultiPolygon(polys) if polys else None


def _round_coords(obj):
    if isinstance(obj, float):
        return round(obj, _DECIMALS)
    if isinstance(obj, (list, tuple)):
        return [_round_coords(x) for x in obj]
    return obj


def _feature(geom, **props) -> dict:
    g = json.loads(shapely.to_geojson(geom))
    g["coordinates"] = _round_coords(g["coordinates"])
    return {"type": "Feature", "geometry": g, "properties": props}


@functools.lru_cache(maxsize=32)
def basemap_geojson(geodata: GeoData, bbox: tuple[float, float, float, float]) -> dict:
    """Return a GeoJSON FeatureCollection of country land clipped to bbox (west, south, east, north).

    Simplified to ~1/800 of the view and without lakes, so the payload stays small;
    drawn non-interactive under everything else.
    """
    west, south, east, north = bbox
    tol = max(east - west, north - south) * _BASEMAP_TOLERANCE
    codes, geoms, tree = _country_index(geodata)
    feats = []
    for i in tree.query(shapely.box(west, south, east, north)):
        clipped = shapely.clip_by_rect(geoms[i], west, south, east, north)
        if clipped.is_empty:
            continue
        land = _outer_only(clipped, tol * tol)
        if land is None:
            continue
        land = shapely.simplify(land, tol, preserve_topology=True)
        if not land.is_empty:
            feats.append(_feature(land, iso2=codes[i]))
    return {"type": "FeatureCollection", "features": feats}


# --------------------------------------------------------------------- map furniture
class _Furniture(MacroElement):
    """Water colour, legend and attribution, added by script (no CDN, no external CSS)."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
    var map = {{ this._parent.get_name() }};
    map.getContainer().style.background = {{ this.water|tojson }};
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution({{ this.attribution|tojson }});
    var attr = map.attributionControl.getContainer();
    attr.style.fontSize = '10px';
    attr.style.lineHeight = '1.3';
    var legend = L.control({position: 'bottomleft'});
    legend.onAdd = function () {
        var div = L.DomUtil.create('div', 'bw-legend');
        div.style.cssText = 'background:rgba(255,255,255,0.92);padding:6px 9px;border-radius:4px;' +
            'font:11px/1.4 sans-serif;color:#222;box-shadow:0 1px 4px rgba(0,0,0,0.3);max-width:230px';
        div.innerHTML = {{ this.legend_html|tojson }};
        return div;
    };
    legend.addTo(map);
})();
{% endmacro %}
""")

    def __init__(self, *, attribution: str, legend_html: str, water: str = WATER_COLOUR) -> None:
        super().__init__()
        self._name = "BorderwatchFurniture"
        self.attribution = _esc(attribution)
        self.legend_html = legend_html
        self.water = water


def _legend_html(statuses: set[str], *, context: bool = False) -> str:
    def swatch(colour: str, text: str, *, line: bool = True, dash: bool = False) -> str:
        style = (f"border-top:3px {'dashed' if dash else 'solid'} {colour};height:0" if line
                 else f"background:{colour};height:10px;border-radius:5px")
        return (f'<div><span style="display:inline-block;width:22px;margin-right:6px;'
                f'vertical-align:middle;{style}"></span>{_esc(text)}</div>')

    rows = ['<b>borderwatch</b>',
            swatch(ANCHOR_COLOUR, "anchor (circle: its uncertainty)", line=False),
            swatch(TARGET_COLOUR, "target (region / border)"),
            swatch("#333", "ring: the claimed distance", dash=True)]
    for status in (Status.CONSISTENT, Status.INCONSISTENT):
        if status in statuses:
            rows.append(swatch(STATUS_COLOURS[status], f"measured line: {status}"))
    if context:
        rows.append(swatch(TARGET_COLOUR, "border a claim names, nothing to measure from", dash=True))
    return "".join(rows)


# --------------------------------------------------------------------- layers
def _anchor_place(result: ClaimResult) -> Place | None:
    return result.anchor.place if result.anchor else None


def _geo_layer(geodata: GeoData, key: str, *, colour: str, strong: bool, tooltip: str,
               dash: str | None = None) -> folium.GeoJson:
    geom = geodata.geometry(key, display=True)
    is_line = geom.geom_type in ("LineString", "MultiLineString")
    style = {
        "color": colour,
        "weight": (5 if is_line else 3) if strong else 2,
        "opacity": 0.95 if strong else QUIET_OPACITY,
        "fillColor": colour,
        "fillOpacity": (0.12 if strong else 0.04) if not is_line else 0.0,
    }
    if dash:
        style["dashArray"] = dash
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": [_feature(geom, key=key)]},
        name=key, style_function=lambda _f, s=style: s,
        tooltip=SafeTooltip((tooltip), sticky=True),
        smooth_factor=1.0,
    )


def _draw_anchor(fm: folium.FeatureGroup, result: ClaimResult, *, strong: bool, op: float) -> None:
    anchor, n = _anchor_place(result), result.claim.index
    if anchor.radius_km > 0:
        folium.Circle(location=(anchor.lat, anchor.lon), radius=anchor.radius_km * 1000.0,
                      color=ANCHOR_COLOUR, weight=1, fill=True, fill_opacity=0.15 * op + 0.05, opacity=op,
                      tooltip=SafeTooltip(f"{anchor.label}: uncertainty ±{anchor.radius_km:.1f} km")).add_to(fm)
    anchor_tip = f"anchor of claim {n}: {anchor.label}" + (f" — {anchor.note}" if anchor.note else "")
    if strong:
        folium.Marker(location=(anchor.lat, anchor.lon), tooltip=SafeTooltip(anchor_tip)
                      ).add_child(SafePopup(anchor_tip)).add_to(fm)
    else:
        folium.CircleMarker(location=(anchor.lat, anchor.lon), radius=5, color=ANCHOR_COLOUR, fill=True,
                            fill_opacity=0.6, opacity=0.8, tooltip=SafeTooltip(anchor_tip)).add_to(fm)


def _draw_town_target(fm: folium.FeatureGroup, result: ClaimResult, *, strong: bool, op: float) -> None:
    tplace = result.target_place
    tip = f"target of claim {result.claim.index}: {tplace.label}" + (
        f" (extent ±{tplace.radius_km:.1f} km)" if tplace.radius_km else "")
    folium.Circle(location=(tplace.lat, tplace.lon), radius=max(tplace.radius_km, 0.5) * 1000.0,
                  color=TARGET_COLOUR, weight=3 if strong else 1, fill=True, fill_opacity=0.2 if strong else 0.05,
                  opacity=op, tooltip=SafeTooltip(tip)).add_to(fm)
    folium.CircleMarker(location=(tplace.lat, tplace.lon), radius=5, color=TARGET_COLOUR, fill=True,
                        fill_opacity=1.0, opacity=op, tooltip=SafeTooltip(tip)).add_to(fm)


def _draw_measurement(fm: folium.FeatureGroup, result: ClaimResult, *, strong: bool, op: float) -> None:
    """The claimed ring around the anchor, the measured geodesic line and the nearest point."""
    m, n, anchor = result.measurement, result.claim.index, _anchor_place(result)
    colour = STATUS_COLOURS[result.verdict.status]
    folium.Circle(location=m.origin, radius=result.claim.value_km * 1000.0, color="#333",
                  weight=2 if strong else 1, dash_array="6 6", fill=False, opacity=0.85 * op,
                  tooltip=SafeTooltip(f"claim {n}: {result.claim.claimed_text} "
                                      f"from {anchor.label if anchor else 'the anchor'}")).add_to(fm)
    path = [tuple(p) for p in (m.path or (m.origin, m.nearest))]
    folium.PolyLine(path, color=colour, weight=5 if strong else 3, opacity=op,
                    tooltip=SafeTooltip(f"claim {n}: {claim_label(result)}", permanent=strong, direction="top",
                                        sticky=False, style="font-size:13px;font-weight:600;")).add_to(fm)
    folium.CircleMarker(location=m.nearest, radius=4, color=colour, fill=True, fill_opacity=1.0, opacity=op,
                        tooltip=SafeTooltip(f"nearest point of {m.target_label}: "
                                            f"{m.nearest[0]:.4f}, {m.nearest[1]:.4f}")).add_to(fm)


def _draw_claim(fm: folium.FeatureGroup, geodata: GeoData, result: ClaimResult, *, strong: bool,
                drawn_targets: set[str], drawn_anchors: set[str]) -> None:
    """Add one claim's anchor, target, line and ring to ``fm`` (what another claim drew is not drawn twice)."""
    n, op = result.claim.index, 1.0 if strong else QUIET_OPACITY
    anchor = _anchor_place(result)
    if anchor is not None and (strong or anchor.key not in drawn_anchors):
        drawn_anchors.add(anchor.key)
        _draw_anchor(fm, result, strong=strong, op=op)
    label = result.measurement.target_label if result.measurement else (
        result.target_place.label if result.target_place else "")
    for key in _target_keys(result):
        if strong or key not in drawn_targets:
            drawn_targets.add(key)
            fm.add_child(_geo_layer(geodata, key, colour=TARGET_COLOUR, strong=strong,
                                    tooltip=f"target of claim {n}: {label}"))
    tplace = result.target_place
    if tplace is not None and tplace.kind in _POINT_KINDS and (strong or tplace.key not in drawn_targets):
        drawn_targets.add(tplace.key)
        _draw_town_target(fm, result, strong=strong, op=op)
    for key in _context_keys(result):
        if key not in drawn_targets:
            drawn_targets.add(key)
            fm.add_child(_geo_layer(geodata, key, colour=TARGET_COLOUR, strong=strong, dash="8 6",
                                    tooltip=f"claim {n} names this border ({result.verdict.status}: "
                                            f"{result.verdict.reason})"))
    if result.measurement is not None:
        _draw_measurement(fm, result, strong=strong, op=op)


def _draw_alternatives(fm: folium.FeatureGroup, result: ClaimResult) -> None:
    """Other candidates of the selected claim's anchor name, each with its own verdict."""
    for alt in result.alternatives:
        p, meas, verdict = alt.candidate.place, alt.measurement, alt.verdict
        colour = STATUS_COLOURS[verdict.status]
        dist = f"{meas.distance_km:.1f} km" if meas else "not measured"
        tip = f"other candidate for {result.claim.anchor_text!r}: {p.label} — {dist}, {verdict.status}"
        folium.CircleMarker(location=(p.lat, p.lon), radius=6, color="#555", fill=True,
                            fill_color="#ffffff", fill_opacity=0.9, weight=2,
                            tooltip=SafeTooltip((tip))).add_to(fm)
        folium.Marker((p.lat, p.lon), interactive=False,
                      icon=_label_icon(f"{p.label}? {dist}, {verdict.status}", colour="#444", size=12,
                                       anchor="left")).add_to(fm)
        if meas is not None and meas.path:
            folium.PolyLine([tuple(q) for q in meas.path], color=colour, weight=2, opacity=0.6,
                            dash_array="4 6", tooltip=SafeTooltip((tip))).add_to(fm)


# --------------------------------------------------------------------- the map
def build_map(geodata: GeoData, report: Report, *, selected: int | None = None,
              show_alternatives: bool = False, online_tiles: bool = False) -> folium.Map:
    """Return the folium map of ``report`` focused on claim ``selected`` (its ``Claim.index``).

    The map is built once per (geodata, report, selected, options) and cached; each call
    returns a deep copy of the cached map. The copy keeps every element's id, so a rerun
    that changes nothing renders the *same* script and the component does not remount.
    A copy, not the cached object, because ``st_folium`` renames elements while rendering
    (it rewrites ids to ``map_div`` …): rendering one object twice, as a second browser
    session would, produced a script that referenced vanished ids and a blank, 0-px map.
    Offline unless ``online_tiles`` (OSM tiles from tile.openstreetmap.org, opt-in).
    """
    return copy.deepcopy(_build_map(geodata, report, selected=selected, show_alternatives=show_alternatives,
                                    online_tiles=online_tiles))


@functools.lru_cache(maxsize=64)
def _build_map(geodata: GeoData, report: Report, *, selected: int | None, show_alternatives: bool,
               online_tiles: bool) -> folium.Map:
    (s, w), (n, e) = view_bounds(geodata, report, selected=selected)
    # Room around the claim so the target area (not just its nearest point) is in view.
    dlat, dlon = max(n - s, 0.2) * 0.3, max(e - w, 0.3) * 0.3
    s, n, w, e = s - dlat, n + dlat, w - dlon, e + dlon
    (as_, aw), (an, ae) = view_bounds(geodata, report)
    if show_alternatives and selected is not None:
        sel = next((r for r in report.results if r.claim.index == selected), None)
        for alt in (sel.alternatives if sel else ()):
            p, meas = alt.candidate.place, alt.measurement
            if meas is None or meas.distance_km > DEFAULTS.alternatives_frame_km:
                continue  # drawn, but a town 1,000 km away must not zoom the view out to a continent
            s, w = min(s, p.lat), min(w, p.lon)
            n, e = max(n, p.lat), max(e, p.lon)
        (as_, aw), (an, ae) = (min(s, as_), min(w, aw)), (max(n, an), max(e, ae))
    # The basemap must cover whatever the (roughly square) map shows around the view,
    # even a wide, flat view such as a whole border: pad by the larger extent each way.
    lo_s, lo_w, hi_n, hi_e = min(s, as_), min(w, aw), max(n, an), max(e, ae)
    pad = max(hi_n - lo_s, (hi_e - lo_w) * 0.65, 2.0)
    bbox = (round(lo_w - pad * 1.6, 1), round(lo_s - pad, 1), round(hi_e + pad * 1.6, 1), round(hi_n + pad, 1))
    m = make_offline(folium.Map(location=((s + n) / 2, (w + e) / 2), zoom_start=8, tiles=None,
                                control_scale=True, prefer_canvas=False))
    if online_tiles:
        folium.TileLayer("OpenStreetMap", name="OSM tiles (online)").add_to(m)
    else:
        folium.GeoJson(basemap_geojson(geodata, bbox), name="land",
                       style_function=lambda _f: {"color": "#9a9a9a", "weight": 1, "fillColor": LAND_COLOUR,
                                                  "fillOpacity": 1.0},
                       interactive=False, smooth_factor=1.0).add_to(m)
    quiet = folium.FeatureGroup(name="other claims")
    strong = folium.FeatureGroup(name="selected claim")
    drawn_targets: set[str] = set()
    drawn_anchors: set[str] = set()
    ordered = sorted(report.results, key=lambda r: r.claim.index == selected)  # selected last, on top
    for r in ordered:
        is_sel = r.claim.index == selected
        _draw_claim(strong if is_sel else quiet, geodata, r, strong=is_sel,
                    drawn_targets=set() if is_sel else drawn_targets, drawn_anchors=drawn_anchors
                    if not is_sel else set())
        if is_sel and show_alternatives:
            _draw_alternatives(strong, r)
    quiet.add_to(m)
    strong.add_to(m)
    statuses = {r.verdict.status for r in report.results if r.measurement is not None}
    context = any(_context_keys(r) for r in report.results)
    m.add_child(_Furniture(attribution=report.attribution, legend_html=_legend_html(statuses, context=context)))
    _add_labels(m, geodata, report, selected=selected, view=(w, s, e, n), land=basemap_geojson(geodata, bbox))
    m.fit_bounds([(s, w), (n, e)], padding=(10, 10))
    return m


def _label_icon(text: str, *, colour: str, size: int, italic: bool = False,
                anchor: str = "center") -> folium.DivIcon:
    """A text-only marker icon (no image, no CDN); ``anchor`` 'center' or 'left' of the point."""
    shift = "translate(-50%,-50%)" if anchor == "center" else "translate(10px,-50%)"
    style = (f"font:{'italic ' if italic else ''}600 {size}px/1.2 sans-serif;color:{colour};white-space:nowrap;"
             f"text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff;transform:{shift};"
             "pointer-events:none")
    return folium.DivIcon(html=f'<div style="{style}">{_esc(text)}</div>', icon_size=(0, 0),
                          class_name="bw-label")


def _add_labels(m: folium.Map, geodata: GeoData, report: Report, *, selected: int | None,
                view: tuple[float, float, float, float], land: dict) -> None:
    """Name what is on screen: countries (grey), the selected claim's target and anchor.

    A vector basemap has no place names; without them a reader cannot tell where the
    lines are. Labels sit at a point inside the visible part of each area.
    """
    w, s, e, n = view
    box = shapely.box(w, s, e, n)
    for feat in land["features"]:
        # clip_by_rect, not intersection: the 10 m outlines' display rings are unrepaired (see the build)
        part = shapely.clip_by_rect(shapely.from_geojson(json.dumps(feat["geometry"])), w, s, e, n)
        if part.is_empty or part.area < 0.04 * box.area:
            continue
        p = part.point_on_surface()
        name = geodata.country_names()[feat["properties"]["iso2"]]
        folium.Marker((p.y, p.x), icon=_label_icon(name.upper(), colour="#8a8a8a", size=13),
                      interactive=False).add_to(m)
    sel = next((r for r in report.results if r.claim.index == selected), None)
    if sel is None:
        return
    for key in _context_keys(sel)[:1]:
        line = geodata.geometry(key, display=True).intersection(box)
        if not line.is_empty:
            p = shapely.line_interpolate_point(shapely.line_merge(line) if line.geom_type == "MultiLineString"
                                               else line, 0.5, normalized=True)
            names = "–".join(geodata.country_names()[c] for c in sel.target.context_countries)
            folium.Marker((p.y, p.x), interactive=False,
                          icon=_label_icon(f"{names} border (claim {sel.claim.index})", colour=TARGET_COLOUR,
                                           size=13, italic=True, anchor="left")).add_to(m)
    tplace = sel.target_place
    if tplace is not None and tplace.kind in _POINT_KINDS:
        folium.Marker((tplace.lat, tplace.lon), interactive=False,
                      icon=_label_icon(tplace.name, colour=TARGET_COLOUR, size=13, italic=True,
                                       anchor="left")).add_to(m)
    keys = _target_keys(sel) if tplace is not None and tplace.kind is PlaceKind.REGION else ()
    if keys:
        part = shapely.union_all([geodata.geometry(k, display=True) for k in keys]).intersection(box)
        if not part.is_empty:
            p = part.point_on_surface()
            folium.Marker((p.y, p.x), icon=_label_icon(tplace.label, colour=TARGET_COLOUR, size=13,
                                                       italic=True), interactive=False).add_to(m)
    anchor = _anchor_place(sel)
    if anchor is not None:
        folium.Marker((anchor.lat, anchor.lon), interactive=False,
                      icon=folium.DivIcon(html=f'<div style="font:600 13px/1.2 sans-serif;color:{ANCHOR_COLOUR};'
                                               'white-space:nowrap;text-shadow:0 0 3px #fff,0 0 3px #fff;'
                                               f'transform:translate(14px,-8px);pointer-events:none">'
                                               f'{_esc(anchor.name)}</div>',
                                          icon_size=(0, 0), class_name="bw-label")).add_to(m)

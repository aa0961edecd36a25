"""Report -> folium map that makes each claim checkable by eye, fully offline.

For every measured claim the map draws: the anchor (a marker and its uncertainty
circle, ``Place.radius_km``), the target (a region's outline or the border's side
lines, highlighted), the geodesic line from the anchor to the nearest boundary point
(``Measurement.path``, labelled "measured 48.7 km · claimed just over 40 km") and a
ring of the *claimed* distance around the anchor, so one sees where the claim would
reach. One claim is *selected*: drawn strong, its label permanent, the view fitted to
both its ends; the others stay visible but quiet. For the selected claim the map also
shows the detached part of the target that holds the nearest point (an exclave, named,
with a line to the main part), the band a "within N km of the border" claim allows,
the most populous towns in view, and full-resolution outlines from zoom
``settings.MAP_FULL_RES_ZOOM``. A measuring tool and a full-screen button
(folium plugins, vendored) and a folding legend are on every map; distances are shown
in the page's unit (km or mi).

The map comes in two parts (:class:`MapParts`): the *base* (land, tiles, tools, attribution),
the same for every selection of one article, and the *claim layers* of one selection (a
feature group: claims, labels, legend, the fitted view). The page hands the layers to
st_folium apart from the base, so a new selection swaps them into the map already drawn in
the browser; :func:`build_map` joins the two for a map rendered by itself.

The basemap is vector land from the embedded countries, **served once** as static
GeoJSON cells (:mod:`borderwatch.maplayers`) that the map fetches, not embedded in its
HTML; online OSM tiles are an opt-in (with a notice when they fail). Every map goes
through :func:`borderwatch.offline.make_offline`. Coordinates are (lat, lon) degrees
WGS84 for folium; shapely/GeoJSON are (lon, lat), converted at the edge here.
"""

from __future__ import annotations

import copy
import functools
import html
import math
from dataclasses import dataclass

import folium
import shapely
from branca.element import MacroElement
from folium.template import Template

from . import maplayers
from .geodata import GeoData
from .geodesy import geodesic_path
from .lexicon import LEXICON
from .mapjs import (FitView, Furniture, LabelPlacer, LandLoader, Legend, StaticGeoJson, TextLabels, TileNotice,
                    ZoomSwitch, fullscreen_control, measure_control, use_bundle)
from .model import ClaimResult, Place, PlaceKind, Report, Status, TargetKind
from .offline import make_offline
from .settings import (DEFAULTS, MAP_CACHE_ENTRIES, MAP_FULL_RES_WINDOW_DEG, MAP_FULL_RES_ZOOM, MAP_TOWN_LABELS)
from .units import from_km

__all__ = [
    "STATUS_COLOURS", "WATER_COLOUR", "UNITS", "MapParts", "map_parts", "build_map", "claim_label", "basemap_geojson",
    "view_bounds", "SafeTooltip", "distance_text", "clear_caches",
]

#: Verdict status -> colour, shared by the map, the legend and the page's tags.
STATUS_COLOURS = {
    Status.CONSISTENT: "#1a9850",
    Status.INCONSISTENT: "#d73027",
    Status.NOT_CHECKABLE: "#7f7f7f",
    Status.UNRESOLVED: "#e08214",
}
#: Units the page can show distances in.
UNITS = ("km", "mi")
_POINT_KINDS = (PlaceKind.CITY, PlaceKind.POINT, PlaceKind.LANDMARK)
WATER_COLOUR = "#c6dbef"
LAND_COLOUR = "#f4f1ea"
TARGET_COLOUR = "#6a3d9a"
PART_COLOUR = "#e7298a"
ANCHOR_COLOUR = "#1f4e9c"
QUIET_OPACITY = 0.35
#: Basemap simplification tolerance as a fraction of the view's larger side (embedded fallback).
_BASEMAP_TOLERANCE = 1 / 800


# --------------------------------------------------------------------- labels
def distance_text(km: float, unit: str = "km") -> str:
    """'48.7 km' or '30.3 mi': a measured distance in the page's unit."""
    return f"{km:.1f} km" if unit == "km" else f"{from_km(km, unit):.1f} {unit}"


def claim_label(result: ClaimResult, unit: str = "km") -> str:
    """Return the line label of a claim: 'measured 48.7 km · claimed just over 40 km'.

    The claimed part is the claim as written (its own unit); the measured part is in ``unit``.
    """
    claimed = f"claimed {result.claim.claimed_text}"
    if result.measurement is None:
        return f"{claimed} · {result.verdict.status}"
    return f"measured {distance_text(result.measurement.distance_km, unit)} · {claimed}"


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


def _band_spec(result: ClaimResult) -> tuple[tuple[str, ...], str | None] | None:
    """(border line keys, the side's ISO2) for a "within N km of the border" claim, else None."""
    c = result.claim
    if c.target is None or c.target.kind is not TargetKind.BORDER or LEXICON.hedge_group(c.hedge) != "upper":
        return None
    if result.measurement is not None:
        anchor = _anchor_place(result)
        side = anchor.countries[0] if anchor is not None and anchor.countries else None
        return (result.measurement.geometry, side) if result.measurement.geometry else None
    keys = _context_keys(result)
    side = result.target.context_countries[0] if result.target.context_countries else None
    return (keys, side) if keys else None


# --------------------------------------------------------------------- bounds
def _ring_bounds(lat: float, lon: float, radius_km: float) -> list[tuple[float, float]]:
    dlat = radius_km / 111.0
    dlon = radius_km / (111.0 * max(0.05, math.cos(math.radians(lat))))
    return [(lat - dlat, lon - dlon), (lat + dlat, lon + dlon)]


def _claim_points(result: ClaimResult, *, ring: bool = True) -> list[tuple[float, float]]:
    """(lat, lon) points a view of this claim must contain: anchor, path (and ring), an exclave."""
    m = result.measurement
    if m is None:
        place = _anchor_place(result)
        return [(place.lat, place.lon)] if place else []
    pts = list(m.path) or [m.origin, m.nearest]
    for place in (_anchor_place(result), result.target_place):  # their circles (a town's extent) in view
        if place is not None and place.kind in _POINT_KINDS and place.radius_km > 0:
            pts += _ring_bounds(place.lat, place.lon, place.radius_km)
    if ring:
        pts += _ring_bounds(*m.origin, max(result.claim.value_km, 1.0))
    if m.part is not None:
        s, w, n, e = m.part.bounds
        pts += [(s, w), (n, e)]
    return pts


def _geom_points(geoms) -> list[tuple[float, float]]:
    pts = []
    for g in geoms:
        minx, miny, maxx, maxy = g.bounds
        pts += [(miny, minx), (maxy, maxx)]
    return pts


def _target_label_point(geodata: GeoData, r: ClaimResult) -> tuple[float, float] | None:
    """(lat, lon) inside a region target near the measured nearest point, where its name goes.

    Near the line's end, not at the region's middle: the view is fitted to the line and
    a point on the far side of a large region would be off screen (or widen the view)."""
    m, place = r.measurement, r.target_place
    if m is None or place is None or place.kind is not PlaceKind.REGION or not m.geometry:
        return None
    # An exclave holds the nearest point and has its own label: the region's name goes on its main part.
    lat, lon = m.part.main_nearest if m.part is not None else m.nearest
    d = max(0.25 * max(abs(m.origin[0] - lat), abs(m.origin[1] - lon)), 0.05)
    near = maplayers.clip(maplayers.union([geodata.geometry(k, display=True) for k in m.geometry]),
                                lon - d, lat - d, lon + d, lat + d)
    if near.is_empty or near.area == 0:
        return None
    p = near.point_on_surface()
    return (p.y, p.x)


def _selected_points(geodata: GeoData, r: ClaimResult) -> list[tuple[float, float]]:
    """A selected claim's view: both ends of its line (its exclave, its target's name), else its band or border."""
    band = _band_spec(r)
    pts = _claim_points(r, ring=False)
    label = _target_label_point(geodata, r)
    if label is not None:
        pts.append(label)
    if band is not None:
        pts += _geom_points([maplayers.band_geometry(geodata, band[0], band[1], r.claim.value_km)])
    if not pts:
        pts = _geom_points(geodata.geometry(k, display=True) for k in _context_keys(r))
    return pts


def view_bounds(geodata: GeoData, report: Report, *, selected: int | None = None
                ) -> tuple[tuple[float, float], tuple[float, float]]:
    """Return ((south, west), (north, east)) degrees framing the selected claim, else all.

    The selected claim is framed by both ends of its line (the ring may reach beyond),
    its band or the border it names; with no selection every claim with its ring.
    Europe when the report has nothing to draw.
    """
    pts: list[tuple[float, float]] = []
    if selected is not None:
        for r in report.results:
            if r.claim.index == selected:
                pts = _selected_points(geodata, r)
    if not pts:
        pts = [p for r in report.results for p in _claim_points(r)]
    if not pts:
        pts = _geom_points(geodata.geometry(k, display=True) for r in report.results for k in _context_keys(r))
    if not pts:
        return (35.0, -10.0), (60.0, 40.0)
    lats, lons = [p[0] for p in pts], [p[1] for p in pts]
    return (min(lats), min(lons)), (max(lats), max(lons))


# --------------------------------------------------------------------- basemap (embedded fallback)
@functools.lru_cache(maxsize=8)
def basemap_geojson(geodata: GeoData, bbox: tuple[float, float, float, float]) -> dict:
    """Return a GeoJSON FeatureCollection of country land clipped to bbox (west, south, east, north).

    Simplified to ~1/800 of the view and without lakes. The page's maps fetch the
    static basemap cells instead; this is for a read-only install and the evidence sheet.
    """
    west, south, east, north = bbox
    tol = max(east - west, north - south) * _BASEMAP_TOLERANCE
    fc = maplayers.land_cells_geojson(geodata, bbox, tol)
    return {"type": "FeatureCollection", "features": [f for f in fc["features"] if f["properties"]["kind"] == "land"]}


@functools.lru_cache(maxsize=256)
def _key_collection(geodata: GeoData, key: str) -> dict:
    """The display geometry of one key as a FeatureCollection (built once per key, shared by every map)."""
    return {"type": "FeatureCollection", "features": [maplayers.feature(geodata.geometry(key, display=True), key=key)]}


def clear_caches() -> None:
    """Empty every in-process cache of the map (benchmarks measure uncached figures)."""
    for fn in (_base_map, _claim_layers, basemap_geojson, _key_collection):
        fn.cache_clear()
    maplayers.clear_caches()


# --------------------------------------------------------------------- legend
def _legend_html(statuses: set[str], *, context: bool = False, band: bool = False, part: bool = False) -> str:
    def swatch(colour: str, text: str, *, line: bool = True, dash: bool = False) -> str:
        style = (f"border-top:3px {'dashed' if dash else 'solid'} {colour};height:0" if line
                 else f"background:{colour};height:10px;border-radius:5px")
        return (f'<div><span style="display:inline-block;width:22px;margin-right:6px;'
                f'vertical-align:middle;{style}"></span>{_esc(text)}</div>')

    rows = [swatch(ANCHOR_COLOUR, "anchor (circle: its uncertainty)", line=False),
            swatch(TARGET_COLOUR, "target (region / border)"),
            swatch("#333", "ring: the claimed distance", dash=True)]
    for status in (Status.CONSISTENT, Status.INCONSISTENT):
        if status in statuses:
            rows.append(swatch(STATUS_COLOURS[status], f"measured line: {status}"))
    if part:
        rows.append(swatch(PART_COLOUR, "detached part holding the nearest point; dashed: to the main part"))
    if band:
        rows.append(swatch(TARGET_COLOUR, "band: the distance a 'within N of the border' claim allows",
                           line=False))
    if context:
        rows.append(swatch(TARGET_COLOUR, "border a claim names, nothing to measure from", dash=True))
    rows.append('<div style="color:#555;margin-top:3px">Ruler and full screen: buttons at the top left.</div>')
    return "".join(rows)


# --------------------------------------------------------------------- layers
def _anchor_place(result: ClaimResult) -> Place | None:
    return result.anchor.place if result.anchor else None


def _geo_layer(geodata: GeoData, key: str, *, colour: str, strong: bool, tooltip: str,
               dash: str | None = None):
    """A target's or border's display outline: a static file the browser caches (embedded when
    the file cannot be written)."""
    data = _key_collection(geodata, key)
    is_line = data["features"][0]["geometry"]["type"] in ("LineString", "MultiLineString")
    style = {
        "color": colour,
        "weight": (5 if is_line else 3) if strong else 2,
        "opacity": 0.95 if strong else QUIET_OPACITY,
        "fillColor": colour,
        "fillOpacity": (0.12 if strong else 0.04) if not is_line else 0.0,
    }
    if dash:
        style["dashArray"] = dash
    url = maplayers.static_geojson(geodata, f"geom-{key}", lambda: data)
    if url is not None:
        return StaticGeoJson(url, key=key, style=style, tooltip_html=f"<div>{_esc(tooltip)}</div>")
    return folium.GeoJson(data, name=key, style_function=lambda _f, s=style: s,
                          tooltip=SafeTooltip(tooltip, sticky=True), smooth_factor=1.0)


def _draw_anchor(fm: folium.FeatureGroup, result: ClaimResult, *, strong: bool, op: float, unit: str) -> None:
    anchor, n = _anchor_place(result), result.claim.index
    if anchor.radius_km > 0:
        folium.Circle(location=(anchor.lat, anchor.lon), radius=anchor.radius_km * 1000.0,
                      color=ANCHOR_COLOUR, weight=1, fill=True, fill_opacity=0.15 * op + 0.05, opacity=op,
                      tooltip=SafeTooltip(f"{anchor.label}: uncertainty ±{distance_text(anchor.radius_km, unit)}")
                      ).add_to(fm)
    anchor_tip = f"anchor of claim {n}: {anchor.label}" + (f" — {anchor.note}" if anchor.note else "")
    if strong:
        folium.Marker(location=(anchor.lat, anchor.lon), tooltip=SafeTooltip(anchor_tip)
                      ).add_child(SafePopup(anchor_tip)).add_to(fm)
    else:
        folium.CircleMarker(location=(anchor.lat, anchor.lon), radius=5, color=ANCHOR_COLOUR, fill=True,
                            fill_opacity=0.6, opacity=0.8, tooltip=SafeTooltip(anchor_tip)).add_to(fm)


def _draw_town_target(fm: folium.FeatureGroup, result: ClaimResult, *, strong: bool, op: float, unit: str) -> None:
    tplace = result.target_place
    tip = f"target of claim {result.claim.index}: {tplace.label}" + (
        f" (extent ±{distance_text(tplace.radius_km, unit)})" if tplace.radius_km else "")
    folium.Circle(location=(tplace.lat, tplace.lon), radius=max(tplace.radius_km, 0.5) * 1000.0,
                  color=TARGET_COLOUR, weight=3 if strong else 1, fill=True, fill_opacity=0.2 if strong else 0.05,
                  opacity=op, tooltip=SafeTooltip(tip)).add_to(fm)
    folium.CircleMarker(location=(tplace.lat, tplace.lon), radius=5, color=TARGET_COLOUR, fill=True,
                        fill_opacity=1.0, opacity=op, tooltip=SafeTooltip(tip)).add_to(fm)


def _draw_measurement(fm: folium.FeatureGroup, result: ClaimResult, *, strong: bool, op: float,
                      unit: str) -> folium.PolyLine:
    """The claimed ring around the anchor, the measured geodesic line and the nearest point; returns the line."""
    m, n, anchor = result.measurement, result.claim.index, _anchor_place(result)
    colour = STATUS_COLOURS[result.verdict.status]
    folium.Circle(location=m.origin, radius=result.claim.value_km * 1000.0, color="#333",
                  weight=2 if strong else 1, dash_array="6 6", fill=False, opacity=0.85 * op,
                  tooltip=SafeTooltip(f"claim {n}: {result.claim.claimed_text} "
                                      f"from {anchor.label if anchor else 'the anchor'}")).add_to(fm)
    path = [tuple(p) for p in (m.path or (m.origin, m.nearest))]
    line = folium.PolyLine(path, color=colour, weight=5 if strong else 3, opacity=op,
                           tooltip=SafeTooltip(f"claim {n}: {claim_label(result, unit)}", permanent=strong,
                                               direction="top", sticky=False, class_name="bw-claim-label",
                                               style="font-size:13px;font-weight:600;"))
    line.add_to(fm)
    where = f" ({m.part.label})" if m.part is not None else ""
    folium.CircleMarker(location=m.nearest, radius=4, color=colour, fill=True, fill_opacity=1.0, opacity=op,
                        tooltip=SafeTooltip(f"nearest point of {m.target_label}{where}: "
                                            f"{m.nearest[0]:.4f}, {m.nearest[1]:.4f}")).add_to(fm)
    return line


def _draw_part(fm: folium.FeatureGroup, geodata: GeoData, result: ClaimResult, unit: str) -> None:
    """The detached part (exclave) holding the nearest point, highlighted, and a line to the main part."""
    m = result.measurement
    part, region = m.part, m.target_label.removesuffix(" boundary")
    s, w, n, e = part.bounds
    pad = 0.02
    geom = maplayers.union([maplayers.clip(geodata.geometry(k, display=True), w - pad, s - pad, e + pad,
                                                   n + pad) for k in m.geometry])
    if not geom.is_empty:
        folium.GeoJson(maplayers.feature(geom), name="detached part",
                       style_function=lambda _f: {"color": PART_COLOUR, "weight": 3, "fillColor": PART_COLOUR,
                                                  "fillOpacity": 0.35},
                       tooltip=SafeTooltip(f"{part.label} of {region}: the nearest point is on it")).add_to(fm)
    path = geodesic_path(*m.origin, *part.main_nearest, points=DEFAULTS.path_points)
    folium.PolyLine(path, color=PART_COLOUR, weight=2, opacity=0.9, dash_array="5 7",
                    tooltip=SafeTooltip(f"to the main part of {region}: {distance_text(part.main_km, unit)}")
                    ).add_to(fm)


def _draw_band(fm: folium.FeatureGroup, geodata: GeoData, result: ClaimResult, unit: str) -> None:
    keys, side = _band_spec(result)
    band = maplayers.band_geometry(geodata, keys, side, result.claim.value_km)
    if band.is_empty:
        return
    where = f" on the {geodata.country_names().get(side, side)} side" if side else ""
    style = {"color": TARGET_COLOUR, "weight": 1, "dashArray": "4 4", "fillColor": TARGET_COLOUR, "fillOpacity": 0.16}
    tip = (f"claim {result.claim.index}: the band {result.claim.claimed_text} of the border{where} "
           f"({distance_text(result.claim.value_km, unit)} wide)")
    name = f"band-{'+'.join(keys)}-{side}-{result.claim.value_km:.3f}"
    url = maplayers.static_geojson(geodata, name, lambda: {"type": "FeatureCollection",
                                                            "features": [maplayers.feature(band)]})
    if url is not None:
        fm.add_child(StaticGeoJson(url, key=name, style=style, tooltip_html=f"<div>{_esc(tip)}</div>"))
        return
    folium.GeoJson(maplayers.feature(band), name="claimed band", style_function=lambda _f: style,
                   tooltip=SafeTooltip(tip)).add_to(fm)


def _draw_claim(fm: folium.FeatureGroup, geodata: GeoData, result: ClaimResult, *, strong: bool,
                drawn_targets: set[str], drawn_anchors: set[str], unit: str) -> folium.PolyLine | None:
    """Add one claim's anchor, target, line and ring to ``fm`` (what another claim drew is not drawn twice).

    Returns the measured line (None when nothing was measured)."""
    n, op = result.claim.index, 1.0 if strong else QUIET_OPACITY
    anchor = _anchor_place(result)
    if anchor is not None and (strong or anchor.key not in drawn_anchors):
        drawn_anchors.add(anchor.key)
        _draw_anchor(fm, result, strong=strong, op=op, unit=unit)
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
        _draw_town_target(fm, result, strong=strong, op=op, unit=unit)
    for key in _context_keys(result):
        if key not in drawn_targets:
            drawn_targets.add(key)
            fm.add_child(_geo_layer(geodata, key, colour=TARGET_COLOUR, strong=strong, dash="8 6",
                                    tooltip=f"claim {n} names this border ({result.verdict.status}: "
                                            f"{result.verdict.reason})"))
    if strong and _band_spec(result) is not None:
        _draw_band(fm, geodata, result, unit)
    if result.measurement is None:
        return None
    if strong and result.measurement.part is not None:
        _draw_part(fm, geodata, result, unit)
    return _draw_measurement(fm, result, strong=strong, op=op, unit=unit)


def _draw_alternatives(fm: folium.FeatureGroup, result: ClaimResult, unit: str) -> None:
    """Other candidates of the selected claim's anchor name, each with its own verdict."""
    labels = TextLabels()
    for alt in result.alternatives:
        p, meas, verdict = alt.candidate.place, alt.measurement, alt.verdict
        colour = STATUS_COLOURS[verdict.status]
        dist = distance_text(meas.distance_km, unit) if meas else "not measured"
        tip = f"other candidate for {result.claim.anchor_text!r}: {p.label} — {dist}, {verdict.status}"
        folium.CircleMarker(location=(p.lat, p.lon), radius=6, color="#555", fill=True,
                            fill_color="#ffffff", fill_opacity=0.9, weight=2,
                            tooltip=SafeTooltip(tip)).add_to(fm)
        labels.add(p.lat, p.lon, _label_html(f"{p.label}? {dist}, {verdict.status}", colour="#444", size=12,
                                             anchor="left", role="bw-minor"))
        if meas is not None and meas.path:
            folium.PolyLine([tuple(q) for q in meas.path], color=colour, weight=2, opacity=0.6,
                            dash_array="4 6", tooltip=SafeTooltip(tip)).add_to(fm)
    if labels.rows:
        fm.add_child(labels)


# --------------------------------------------------------------------- the map
@dataclass(frozen=True)
class MapParts:
    """A map in two parts: ``base`` (a folium.Map: land, tiles, tools, attribution), which every
    selection of one article shares, and ``layers`` (a folium.FeatureGroup not yet on it: the
    claims, labels, legend and the view of one selection). The page passes ``layers`` to
    st_folium as ``feature_group_to_add``: while ``base`` renders the same script, st_folium keeps
    the map drawn in the browser and swaps the layers in place (no new frame, no new Leaflet)."""

    base: folium.Map
    layers: folium.FeatureGroup


def map_parts(geodata: GeoData, report: Report, *, selected: int | None = None, show_alternatives: bool = False,
              online_tiles: bool = False, unit: str = "km") -> MapParts:
    """Return the two parts of the map of ``report`` focused on claim ``selected`` (its ``Claim.index``).

    Each part is built once per (geodata, report, options) and kept in a bounded cache
    (settings.MAP_CACHE_ENTRIES); each call returns deep copies. A copy keeps every element's
    id, so a rerun that changes nothing renders the *same* script and the map is left alone.
    A copy, not the cached object, because ``st_folium`` renames elements while rendering:
    rendering one object twice, as a second browser session would, produced a script that
    referenced vanished ids and a blank map. What every map shares (target outlines, basemap
    cells, towns, bands) is cached by itself, so a new selection builds only its layers.
    Offline unless ``online_tiles`` (OSM tiles from tile.openstreetmap.org, opt-in).
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}, got {unit!r}")
    base = _base_map(geodata, report, online_tiles=online_tiles, unit=unit)
    layers = _claim_layers(geodata, report, selected=selected, show_alternatives=show_alternatives, unit=unit)
    return MapParts(*copy.deepcopy((base, layers)))


def build_map(geodata: GeoData, report: Report, *, selected: int | None = None,
              show_alternatives: bool = False, online_tiles: bool = False, unit: str = "km") -> folium.Map:
    """Return the whole folium map (:func:`map_parts`, the layers added to the base): one object
    to render or save by itself, e.g. as a standalone HTML file."""
    parts = map_parts(geodata, report, selected=selected, show_alternatives=show_alternatives,
                      online_tiles=online_tiles, unit=unit)
    parts.layers.add_to(parts.base)
    return parts.base


def _fit_box(geodata: GeoData, report: Report, selected: int | None, show_alternatives: bool
             ) -> tuple[float, float, float, float]:
    """(s, w, n, e) to fit: the selected claim (with its alternatives near enough), else every claim."""
    (s, w), (n, e) = view_bounds(geodata, report, selected=selected)
    if show_alternatives and selected is not None:
        sel = next((r for r in report.results if r.claim.index == selected), None)
        for alt in (sel.alternatives if sel else ()):
            p, meas = alt.candidate.place, alt.measurement
            if meas is None or meas.distance_km > DEFAULTS.alternatives_frame_km:
                continue  # drawn, but a town 1,000 km away must not zoom the view out to a continent
            s, w, n, e = min(s, p.lat), min(w, p.lon), max(n, p.lat), max(e, p.lon)
    return s, w, n, e


def _cover_points(geodata: GeoData, r: ClaimResult) -> list[tuple[float, float]]:
    """Points around every view claim ``r`` selected can fit (cheaply: no band is built): its
    line, ring and exclave, the border a band follows, its alternatives near enough."""
    pts = _claim_points(r)
    band = _band_spec(r)
    if band is not None:
        pts += _geom_points(geodata.geometry(k, display=True) for k in band[0])
    if not pts:
        pts = _geom_points(geodata.geometry(k, display=True) for k in _context_keys(r))
    pts += [(a.candidate.place.lat, a.candidate.place.lon) for a in r.alternatives
            if a.measurement is not None and a.measurement.distance_km <= DEFAULTS.alternatives_frame_km]
    return pts


def _base_box(geodata: GeoData, report: Report) -> tuple[float, float, float, float]:
    """(west, south, east, north) the basemap must cover: every view a selection of this report
    can fit (alternatives shown or not), padded, so the base never depends on the selection."""
    (lo_s, lo_w), (hi_n, hi_e) = view_bounds(geodata, report)
    for p in (p for r in report.results for p in _cover_points(geodata, r)):
        lo_s, lo_w, hi_n, hi_e = min(lo_s, p[0]), min(lo_w, p[1]), max(hi_n, p[0]), max(hi_e, p[1])
    pad = max(hi_n - lo_s, (hi_e - lo_w) * 0.65, 2.0)
    return (round(lo_w - pad * 1.6, 1), round(lo_s - pad, 1), round(hi_e + pad * 1.6, 1), round(hi_n + pad, 1))


def _add_basemap(m: folium.Map, geodata: GeoData, bbox, online_tiles: bool) -> None:
    """The land: static cells fetched by the map (embedded when they cannot be written); OSM tiles over it."""
    cells = maplayers.basemap_cells(geodata, bbox)
    if cells is None:
        folium.GeoJson(basemap_geojson(geodata, bbox), name="land",
                       style_function=lambda _f: {"color": "#9a9a9a", "weight": 1, "fillColor": LAND_COLOUR,
                                                  "fillOpacity": 1.0},
                       interactive=False, smooth_factor=1.0).add_to(m)
    else:
        lods = [{"name": lod.name, "min_zoom": lod.min_zoom, "bounds": maplayers.lod_bounds(lod, bbox)}
                for lod in maplayers.LODS]
        m.add_child(LandLoader(list(cells), lods, land=LAND_COLOUR, under_tiles=online_tiles))
    if online_tiles:
        tiles = folium.TileLayer("OpenStreetMap", name="OSM tiles (online)")
        tiles.add_to(m)
        m.add_child(TileNotice(tiles))


@functools.lru_cache(maxsize=MAP_CACHE_ENTRIES)
def _base_map(geodata: GeoData, report: Report, *, online_tiles: bool, unit: str) -> folium.Map:
    s, w, n, e = _fit_box(geodata, report, None, False)
    m = make_offline(folium.Map(location=((s + n) / 2, (w + e) / 2), zoom_start=8, tiles=None,
                                control_scale=True, prefer_canvas=False))
    _add_basemap(m, geodata, _base_box(geodata, report), online_tiles)
    m.add_child(Furniture(attribution=_esc(report.attribution), water=WATER_COLOUR))
    tools = [measure_control(unit), fullscreen_control()]
    for tool in tools:
        m.add_child(tool)
    use_bundle([m, *tools])
    return m


@functools.lru_cache(maxsize=MAP_CACHE_ENTRIES)
def _claim_layers(geodata: GeoData, report: Report, *, selected: int | None, show_alternatives: bool,
                  unit: str) -> folium.FeatureGroup:
    s, w, n, e = _fit_box(geodata, report, selected, show_alternatives)
    fg = folium.FeatureGroup(name="claims", control=False)
    quiet = folium.FeatureGroup(name="other claims")
    strong = folium.FeatureGroup(name="selected claim")
    drawn_targets: set[str] = set()
    drawn_anchors: set[str] = set()
    line = None
    for r in sorted(report.results, key=lambda r: r.claim.index == selected):  # selected last, on top
        is_sel = r.claim.index == selected
        got = _draw_claim(strong if is_sel else quiet, geodata, r, strong=is_sel,
                          drawn_targets=set() if is_sel else drawn_targets,
                          drawn_anchors=drawn_anchors if not is_sel else set(), unit=unit)
        if is_sel:
            line = got
            if show_alternatives:
                _draw_alternatives(strong, r, unit)
    quiet.add_to(fg)
    strong.add_to(fg)
    sel = next((r for r in report.results if r.claim.index == selected), None)
    if sel is not None and sel.measurement is not None:
        _add_full_res(fg, geodata, sel)
    fg.add_child(Legend(_legend(report, sel)))
    _add_labels(fg, geodata, report, sel, view=(w, s, e, n))
    fg.add_child(LabelPlacer(line))
    # Room for the labels at both ends of the selected claim; a town-to-town line of 5 km is not zoom 18.
    fg.add_child(FitView([(s, w), (n, e)], padding=(70, 70) if sel is not None else (10, 10), max_zoom=13))
    return fg


def _legend(report: Report, sel: ClaimResult | None) -> str:
    statuses = {r.verdict.status for r in report.results if r.measurement is not None}
    return _legend_html(statuses, context=any(_context_keys(r) for r in report.results),
                        band=sel is not None and _band_spec(sel) is not None,
                        part=sel is not None and sel.measurement is not None and sel.measurement.part is not None)


def _add_full_res(fg: folium.FeatureGroup, geodata: GeoData, sel: ClaimResult) -> None:
    """Full-resolution outlines around the nearest point, shown from settings.MAP_FULL_RES_ZOOM on."""
    meas = sel.measurement
    target, countries = maplayers.full_res_window(geodata, meas.geometry, tuple(meas.nearest),
                                                  MAP_FULL_RES_WINDOW_DEG)
    group = folium.FeatureGroup(name="full resolution", control=False, show=False)
    folium.GeoJson(countries, style_function=lambda _f: {"color": "#666", "weight": 1.5, "opacity": 0.9},
                   interactive=False, smooth_factor=0.5).add_to(group)
    folium.GeoJson(target, style_function=lambda _f: {"color": TARGET_COLOUR, "weight": 3, "opacity": 1.0},
                   interactive=False, smooth_factor=0.5).add_to(group)
    group.add_to(fg)
    fg.add_child(ZoomSwitch(group, MAP_FULL_RES_ZOOM))


def _label_html(text: str, *, colour: str, size: int, italic: bool = False, anchor: str = "center",
                role: str = "bw-key", weight: int = 600) -> str:
    """A text-only label's HTML (no image, no CDN); ``anchor`` 'center', 'left' or 'anchor' (beside a marker).

    ``role`` 'bw-key' (an anchor's or target's name: never moved or hidden) or 'bw-minor'
    (hidden by the label placer where it would cover something).
    """
    shift = {"center": "translate(-50%,-50%)", "left": "translate(10px,-50%)",
             "anchor": "translate(14px,-8px)"}[anchor]
    style = (f"font:{'italic ' if italic else ''}{weight} {size}px/1.2 sans-serif;color:{colour};"
             f"white-space:nowrap;text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff;transform:{shift};"
             "pointer-events:none;display:inline-block")
    return f'<div class="{role}" style="{style}">{_esc(text)}</div>'


def _pad_view(view: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The area a ~3:2 map shows around a fitted view (west, south, east, north), roughly."""
    w, s, e, n = view
    dy, dx = max(n - s, 0.1), max(e - w, 0.15)
    dx = max(dx, 1.5 * dy / max(0.2, math.cos(math.radians((s + n) / 2))))
    return (round(w - 0.25 * dx, 2), round(s - 0.25 * dy, 2), round(e + 0.25 * dx, 2), round(n + 0.25 * dy, 2))


def _add_context_labels(labels: TextLabels, geodata: GeoData, view, skip: frozenset[str]) -> None:
    """Country names (grey capitals) and the most populous towns in view, both minor labels."""
    names = geodata.country_names()
    for code, lat, lon in maplayers.country_label_points(geodata, view, 0.04):
        labels.add(lat, lon, _label_html(names[code].upper(), colour="#8a8a8a", size=13, role="bw-minor"))
    for name, lat, lon, _pop in maplayers.towns_in_view(geodata, view, MAP_TOWN_LABELS, skip):
        labels.add(lat, lon, _label_html(f"• {name}", colour="#555", size=11, role="bw-minor", anchor="left",
                                         weight=400))


def _add_labels(fg: folium.FeatureGroup, geodata: GeoData, report: Report, sel: ClaimResult | None, *,
                view: tuple[float, float, float, float]) -> None:
    """Name what is on screen: the selected claim's anchor and target (key labels), the detached
    part, the border it names, and for orientation countries and towns (minor labels).

    A vector basemap has no place names; without them a reader cannot tell where the lines are.
    """
    view = _pad_view(view)
    box = shapely.box(*view)
    skip = frozenset(p.name for p in ((_anchor_place(sel), sel.target_place) if sel else ()) if p is not None)
    labels = TextLabels()
    if sel is not None:
        _add_claim_labels(labels, geodata, sel, box)
    _add_context_labels(labels, geodata, view, skip)
    if labels.rows:
        fg.add_child(labels)


def _add_claim_labels(labels: TextLabels, geodata: GeoData, sel: ClaimResult, box) -> None:
    for key in _context_keys(sel)[:1]:
        line = maplayers.one_kind(geodata.geometry(key, display=True).intersection(box))
        if not line.is_empty:
            p = shapely.line_interpolate_point(shapely.line_merge(line) if line.geom_type == "MultiLineString"
                                               else line, 0.5, normalized=True)
            names = "–".join(geodata.country_names()[c] for c in sel.target.context_countries)
            labels.add(p.y, p.x, _label_html(f"{names} border (claim {sel.claim.index})", colour=TARGET_COLOUR,
                                             size=13, italic=True, anchor="left"))
    tplace = sel.target_place
    if tplace is not None and tplace.kind in _POINT_KINDS:
        labels.add(tplace.lat, tplace.lon, _label_html(tplace.name, colour=TARGET_COLOUR, size=13, italic=True,
                                                       anchor="left"))
    keys = _target_keys(sel) if tplace is not None and tplace.kind is PlaceKind.REGION else ()
    at = _target_label_point(geodata, sel)
    if keys and at is None:
        whole = maplayers.union([geodata.geometry(k, display=True) for k in keys])
        part = maplayers.one_kind(whole.intersection(box))
        at = None if part.is_empty else (part.point_on_surface().y, part.point_on_surface().x)
    if keys and at is not None:
        labels.add(*at, _label_html(tplace.label, colour=TARGET_COLOUR, size=13, italic=True))
    meas = sel.measurement
    if meas is not None and meas.part is not None:
        s, w, n, e = meas.part.bounds
        labels.add((s + n) / 2, e, _label_html(f"{meas.part.label} ({meas.target_label.removesuffix(' boundary')})",
                                               colour=PART_COLOUR, size=13, italic=True, anchor="left"))
    anchor = _anchor_place(sel)
    if anchor is not None:
        labels.add(anchor.lat, anchor.lon, _label_html(anchor.name, colour=ANCHOR_COLOUR, size=13, anchor="anchor"))

"""The map's furniture and behaviour, as folium elements with their own (small) scripts.

The map is built in two parts (see :mod:`borderwatch.mapview`): the *base* every selection of
an article shares (land, tiles, tools, attribution) and the *claim layers* of one selection (one
feature group). The page hands the layers to st_folium apart from the base, which swaps them in
the map already drawn instead of building the map again. So an element inside the layers reaches
the map through its group (``group._map``): it starts when the group is added to the map and
undoes what it did to the map (a control, an event handler) when the group is removed.

Base:

- :class:`Furniture`: water colour and attribution.
- :class:`LandLoader`: fetches the basemap cells (static GeoJSON files, see
  :mod:`borderwatch.maplayers`) the view needs at its zoom; marks the container
  ``data-bw-land`` ``loading``/``ready``/``failed``; a failure is a visible notice.
- :class:`TileNotice`: a visible notice when online tiles fail to load.
- :func:`measure_control`, :func:`fullscreen_control`: folium's plugins pointed at the
  vendored copies under ``static/vendor`` (no CDN).

Claim layers:

- :class:`Legend`: a collapsible legend (``<details>``) of what this selection draws.
- :class:`ZoomSwitch`: shows a layer only from a zoom on (full-resolution outlines).
- :class:`FitView`: fits the view to the selected claim when its layers are added.
- :class:`TextLabels`: the map's text labels (names of places, borders, towns), all drawn by
  one script: a folium marker and icon per label cost two elements each, and every element
  is a template compile on each render of the map.
- :class:`LabelPlacer`: keeps labels off each other: the anchor's and target's names
  (``bw-key``) never move; the claim's line label is slid along its line until it covers
  neither them nor a control; towns and country names (``bw-minor``) that would cover
  anything already placed are hidden. Re-run after every zoom and pan.

Every text reaches the script as a JSON string (``tojson``), never inside a template literal.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path

from branca.element import MacroElement
from folium.plugins import Fullscreen, MeasureControl
from folium.template import Template

from .offline import STATIC_PREFIX

__all__ = ["script_bundle", "use_bundle", "Furniture", "LandLoader", "StaticGeoJson", "ZoomSwitch", "TileNotice",
           "TextLabels", "LabelPlacer", "Legend", "FitView", "measure_control", "fullscreen_control", "NOTICE_CSS"]

_MEASURE = f"{STATIC_PREFIX}/leaflet-measure"
_FULLSCREEN = f"{STATIC_PREFIX}/leaflet.fullscreen"
NOTICE_CSS = ("background:#fff3cd;color:#5c4400;border:1px solid #e0b84c;padding:5px 9px;border-radius:4px;"
              "font:12px/1.35 sans-serif;max-width:320px;box-shadow:0 1px 4px rgba(0,0,0,0.25)")


def _layer_template(body: str) -> Template:
    """The template of a claim-layer element: ``body`` runs as ``start(map)`` each time the
    element's feature group (``group``) is added to a map (at once if it is on one), and the
    function ``body`` returns, if any, runs when the group is removed."""
    return Template("""
{% macro script(this, kwargs) %}
(function () {
    var group = {{ this._parent.get_name() }}, stop = null;
    function start(map) {""" + body + """}
    function go() { stop = start(group._map) || null; }
    group.on('add', go);
    group.on('remove', function () { if (stop) stop(); stop = null; });
    if (group._map) go();
})();
{% endmacro %}
""")


class _Measure(MeasureControl):
    """folium's MeasureControl with its template's comment URL dropped (a scan for http(s)
    URLs guards the offline map); the Leaflet ≥ 1.8 workaround it carries is kept."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = new L.Control.Measure({{ this.options|tojavascript }});
            {{this._parent.get_name()}}.addControl({{this.get_name()}});
            // Leaflet >= 1.8 workaround, from folium (leaflet-measure issue 171)
            L.Control.Measure.include({
                _setCaptureMarkerIcon: function () {
                    this._captureMarker.options.autoPanOnFocus = false;
                    this._captureMarker.setIcon(L.divIcon({iconSize: this._map.getSize().multiplyBy(2)}));
                },
            });
        {% endmacro %}
    """)


_VENDOR_DIR = Path(__file__).resolve().parents[2] / "static" / "vendor"
_BUNDLE_PARTS = ("leaflet/leaflet.js", "jquery/jquery.min.js", None, "leaflet-measure/leaflet-measure.min.js",
                 "leaflet.fullscreen/Control.FullScreen.js")


@functools.lru_cache(maxsize=1)
def script_bundle() -> str | None:
    """URL of one script holding the map's vendored libraries, in their order, or None (not writable).

    streamlit_folium loads a map's scripts one after another; four vendored files cost four
    round trips on every (re)mount of the map (~0.1 s each on a busy machine). The files are
    concatenated unmodified (``None``: the marker-image path line of :mod:`borderwatch.offline`),
    written under ``static/generated/`` with their checksum in the name.
    """
    images = f"{STATIC_PREFIX}/leaflet/images/"
    parts = [f"L.Icon.Default.imagePath={images!r};" if p is None else (_VENDOR_DIR / p).read_text(encoding="utf-8")
             for p in _BUNDLE_PARTS]
    text = "\n;\n".join(parts) + "\n"
    name = f"bw-map-{hashlib.sha256(text.encode()).hexdigest()[:12]}.js"
    out = _VENDOR_DIR.parent / "generated" / name
    try:
        if not out.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, out)
    except OSError:
        return None
    return f"{STATIC_PREFIX.rsplit('/', 1)[0]}/generated/{name}"


def use_bundle(elements) -> None:
    """Point the map and its plugins at :func:`script_bundle` (one request instead of four)."""
    url = script_bundle()
    if url is None:
        return
    for el in elements:
        el.default_js = [("borderwatch_map_bundle", url)]


def measure_control(unit: str) -> MeasureControl:
    """folium's MeasureControl (leaflet-measure 2.1.7), vendored; lengths in ``unit`` first."""
    primary, secondary = ("miles", "kilometers") if unit == "mi" else ("kilometers", "miles")
    ctl = _Measure(position="topleft", primary_length_unit=primary, secondary_length_unit=secondary,
                         primary_area_unit="sqkilometers" if unit == "km" else "sqmiles",
                         secondary_area_unit="sqmiles" if unit == "km" else "sqkilometers")
    ctl.default_js = [("leaflet_measure_js", f"{_MEASURE}/leaflet-measure.min.js")]
    ctl.default_css = [("leaflet_measure_css", f"{_MEASURE}/leaflet-measure.css")]
    return ctl


def fullscreen_control() -> Fullscreen:
    """folium's Fullscreen (leaflet.fullscreen 3.0.0), vendored."""
    ctl = Fullscreen(position="topleft", title="Full screen", title_cancel="Leave full screen")
    ctl.default_js = [("Control.Fullscreen.js", f"{_FULLSCREEN}/Control.FullScreen.js")]
    ctl.default_css = [("Control.FullScreen.css", f"{_FULLSCREEN}/Control.FullScreen.css")]
    return ctl


class Furniture(MacroElement):
    """Water colour and attribution (the base map's)."""

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
})();
{% endmacro %}
""")

    def __init__(self, *, attribution: str, water: str) -> None:
        super().__init__()
        self._name = "BorderwatchFurniture"
        self.attribution = attribution
        self.water = water


class Legend(MacroElement):
    """A legend that folds to one line (folded at first), on the map while its group is."""

    _template = _layer_template("""
        var legend = L.control({position: 'bottomright'});
        legend.onAdd = function () {
            var div = L.DomUtil.create('details', 'bw-legend leaflet-control');
            div.style.cssText = 'background:rgba(255,255,255,0.92);padding:4px 8px;border-radius:4px;' +
                'font:11px/1.4 sans-serif;color:#222;box-shadow:0 1px 4px rgba(0,0,0,0.3);max-width:230px';
            div.innerHTML = '<summary style="cursor:pointer;font-weight:600">Legend</summary>' +
                '<div class="bw-legend-body">' + {{ this.legend_html|tojson }} + '</div>';
            L.DomEvent.disableClickPropagation(div);
            div.addEventListener('toggle', function () { map.fire('bw:relabel'); });
            return div;
        };
        legend.addTo(map);
        return function () { legend.remove(); };
""")

    def __init__(self, legend_html: str) -> None:
        super().__init__()
        self._name = "BorderwatchLegend"
        self.legend_html = legend_html


class FitView(MacroElement):
    """Fit the map's view to ``bounds`` ((south, west), (north, east)) when the group is added."""

    _template = _layer_template("""
        map.fitBounds({{ this.bounds|tojson }}, {{ this.options|tojson }});
""")

    def __init__(self, bounds, *, padding: tuple[int, int], max_zoom: int) -> None:
        super().__init__()
        self._name = "BorderwatchFitView"
        self.bounds = [list(map(float, p)) for p in bounds]
        self.options = {"padding": list(padding), "maxZoom": int(max_zoom)}


class LandLoader(MacroElement):
    """Fetch the basemap cells the view needs (coarse or fine by zoom) into a pane under the claims."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
    var map = {{ this._parent.get_name() }}, cells = {{ this.cells|tojson }}, lods = {{ this.lods|tojson }};
    var box = map.getContainer(), groups = {}, started = {}, notified = false;
    map.createPane('bwLand').style.zIndex = {{ this.z_index }};
    box._bwPending = 0;
    // Every static GeoJSON file of this map (land cells, outlines, bands) loads through here:
    // the container says 'loading' until the last has been drawn ('ready'), or 'failed'.
    window.bwFetch = function (url, draw) {
        box._bwPending += 1; box.setAttribute('data-bw-land', 'loading');
        fetch(url, {cache: 'force-cache'}).then(function (r) {
            if (!r.ok) throw new Error(r.status); return r.json();
        }).then(function (data) {
            draw(data); box._bwPending -= 1;
            if (box._bwPending === 0 && box.getAttribute('data-bw-land') !== 'failed') {
                box.setAttribute('data-bw-land', 'ready'); map.fire('bw:relabel'); }
        }).catch(function () { box._bwPending -= 1; fail(url); });
    };
    lods.forEach(function (l) { groups[l.name] = L.layerGroup(); });
    function style(f) {
        return f.properties.kind === 'line'
            ? {color: '#9a9a9a', weight: 1, fill: false, interactive: false}
            : {stroke: false, fillColor: {{ this.land|tojson }}, fillOpacity: 1, interactive: false};
    }
    // the finest level whose zoom is reached and whose cells cover the view's centre
    function lodAt(z, c) {
        var pick = lods[0];
        lods.forEach(function (l) { if (z >= l.min_zoom && L.latLngBounds(l.bounds).contains(c)) pick = l; });
        return pick;
    }
    function fail(url) {
        box.setAttribute('data-bw-land', 'failed');
        if (notified) return; notified = true;
        var n = L.control({position: 'topright'});
        n.onAdd = function () { var d = L.DomUtil.create('div', 'bw-notice leaflet-control');
            d.style.cssText = {{ this.notice_css|tojson }};
            d.textContent = 'Part of the map could not be loaded (' + url + '): the server may have stopped.';
            return d; };
        n.addTo(map);
    }
    function load() {
        var lod = lodAt(map.getZoom(), map.getCenter()), view = map.getBounds().pad(0.5);
        lods.forEach(function (l) { if (l.name === lod.name) groups[l.name].addTo(map); else map.removeLayer(groups[l.name]); });
        cells.forEach(function (c) {
            if (c.lod !== lod.name || started[c.url] || !view.intersects(L.latLngBounds(c.bounds))) return;
            started[c.url] = true;
            window.bwFetch(c.url, function (data) {
                groups[c.lod].addLayer(L.geoJSON(data, {pane: 'bwLand', style: style, interactive: false}));
            });
        });
        if (box._bwPending === 0 && !box.getAttribute('data-bw-land')) box.setAttribute('data-bw-land', 'ready');
    }
    // the claim layers fit the view as they are added, just after this: load for that view
    map.on('moveend zoomend', load);
    setTimeout(load, 0);
})();
{% endmacro %}
""")

    def __init__(self, cells: list[dict], lods: list[dict], *, land: str, notice_css: str = NOTICE_CSS,
                 under_tiles: bool = False) -> None:
        super().__init__()
        self._name = "BorderwatchLand"
        # Over Leaflet's tile pane (200) offline; under it with online tiles, where it shows only
        # through tiles that failed to load.
        self.z_index = 150 if under_tiles else 250
        self.cells = cells
        self.lods = lods
        self.land = land
        self.notice_css = notice_css


class StaticGeoJson(MacroElement):
    """A GeoJSON layer read from a static file (``url``) into its parent (a map or feature group),
    with one style for every feature and an (escaped) tooltip, like folium.GeoJson with a
    constant style_function. Needs :class:`LandLoader` (its ``bwFetch``) earlier in the map."""

    _template = Template("""
{% macro script(this, kwargs) %}
window.bwFetch({{ this.url|tojson }}, function (data) {
    var layer = L.geoJSON(data, {style: function () { return {{ this.style|tojson }}; },
                                 interactive: {{ this.interactive|tojson }}});
    {% if this.tooltip_html %}layer.bindTooltip({{ this.tooltip_html|tojson }}, {{ this.tooltip_options|tojson }});{% endif %}
    layer.addTo({{ this._parent.get_name() }});
});
{% endmacro %}
""")

    def __init__(self, url: str, *, key: str, style: dict, tooltip_html: str | None = None,
                 tooltip_options: dict | None = None, interactive: bool = True) -> None:
        super().__init__()
        self._name = "BorderwatchStaticGeoJson"
        self.url = url
        self.key = key
        self.style = style
        self.tooltip_html = tooltip_html
        self.tooltip_options = tooltip_options or {"sticky": True}
        self.interactive = interactive


class TextLabels(MacroElement):
    """Text-only markers (``L.divIcon``, class ``bw-label``, no image) from ``(lat, lon, html)``
    rows, in order; ``html`` is built escaped by the caller and reaches the script as JSON."""

    _template = Template("""
{% macro script(this, kwargs) %}
{{ this.rows|tojson }}.forEach(function (r) {
    L.marker([r[0], r[1]], {interactive: false, keyboard: false,
        icon: L.divIcon({html: r[2], iconSize: [0, 0], className: 'bw-label'})}).addTo({{ this._parent.get_name() }});
});
{% endmacro %}
""")

    def __init__(self) -> None:
        super().__init__()
        self._name = "BorderwatchTextLabels"
        self.rows: list[tuple[float, float, str]] = []

    def add(self, lat: float, lon: float, html: str) -> None:
        self.rows.append((round(lat, 5), round(lon, 5), html))


class ZoomSwitch(MacroElement):
    """Show ``layer`` (in the same group, added hidden) only from zoom ``min_zoom`` on."""

    _template = _layer_template("""
        var layer = {{ this.layer.get_name() }};
        function sync() { if (map.getZoom() >= {{ this.min_zoom }}) group.addLayer(layer); else group.removeLayer(layer); }
        map.on('zoomend', sync); sync();
        return function () { map.off('zoomend', sync); group.removeLayer(layer); };
""")

    def __init__(self, layer, min_zoom: int) -> None:
        super().__init__()
        self._name = "BorderwatchZoomSwitch"
        self.layer = layer
        self.min_zoom = int(min_zoom)


class TileNotice(MacroElement):
    """A notice on the map when tiles of ``layer`` fail (offline): the embedded land stays drawn under them."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
    var map = {{ this._parent.get_name() }}, tiles = {{ this.layer.get_name() }}, shown = false;
    tiles.on('tileerror', function () {
        if (shown) return; shown = true;
        var n = L.control({position: 'topright'});
        n.onAdd = function () { var d = L.DomUtil.create('div', 'bw-notice bw-tile-notice leaflet-control');
            d.style.cssText = {{ this.notice_css|tojson }}; d.textContent = {{ this.text|tojson }}; return d; };
        n.addTo(map);
    });
})();
{% endmacro %}
""")

    def __init__(self, layer, *, notice_css: str = NOTICE_CSS) -> None:
        super().__init__()
        self._name = "BorderwatchTileNotice"
        self.layer = layer
        self.notice_css = notice_css
        self.text = ("Map tiles could not be loaded (no network?). The outlines shown are the embedded "
                     "data; switch “OSM tiles (online)” off to hide this.")


class LabelPlacer(MacroElement):
    """Keep labels off the anchor's and target's names, off controls and off each other (see module doc)."""

    _template = _layer_template("""
    var line = {% if this.line %}{{ this.line.get_name() }}{% else %}null{% endif %};
    var box = map.getContainer();
    function rect(el) { var r = el.getBoundingClientRect(); return {l: r.left - 2, t: r.top - 2, r: r.right + 2, b: r.bottom + 2}; }
    function hit(a, b) { return a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b; }
    function any(a, list) { for (var i = 0; i < list.length; i++) if (hit(a, list[i])) return true; return false; }
    function covered(a, list) {
        var sum = 0;
        list.forEach(function (b) { if (hit(a, b)) sum += (Math.min(a.r, b.r) - Math.max(a.l, b.l)) *
                                                           (Math.min(a.b, b.b) - Math.max(a.t, b.t)); });
        return sum;
    }
    function placeLine(taken) {
        var tip = line && line.getTooltip && line.getTooltip();
        if (!tip || !tip.getElement()) return;
        var pts = line.getLatLngs(), n = pts.length, fr = [0.5, 0.65, 0.35, 0.8, 0.2, 0.9, 0.1];
        var dirs = ['top', 'bottom', 'right', 'left'], best = null;
        for (var d = 0; d < dirs.length; d++) {
            tip.options.direction = dirs[d];
            for (var i = 0; i < fr.length; i++) {  // the first place it covers nothing, else the least covered
                var at = pts[Math.min(n - 1, Math.round(fr[i] * (n - 1)))];
                tip.setLatLng(at);
                var cost = covered(rect(tip.getElement()), taken);
                if (best === null || cost < best.cost) best = {cost: cost, dir: dirs[d], at: at};
                if (cost === 0) { d = dirs.length; break; }
            }
        }
        tip.options.direction = best.dir; tip.setLatLng(best.at);
        taken.push(rect(tip.getElement()));
    }
    function relabel() {
        var taken = [];
        box.querySelectorAll('.leaflet-control').forEach(function (el) { taken.push(rect(el)); });
        box.querySelectorAll('.bw-key, .leaflet-marker-icon:not(.bw-label)').forEach(function (el) {
            taken.push(rect(el)); });
        placeLine(taken);
        box.querySelectorAll('.bw-minor').forEach(function (el) {
            el.style.visibility = 'visible';
            var r = rect(el), out = box.getBoundingClientRect();
            if (any(r, taken) || r.l < out.left || r.r > out.right || r.t < out.top || r.b > out.bottom) {
                el.style.visibility = 'hidden';
            } else { taken.push(r); }
        });
    }
    function later() { setTimeout(relabel, 0); }
    map.on('zoomend moveend bw:relabel', later);
    setTimeout(relabel, 50);
    return function () { map.off('zoomend moveend bw:relabel', later); };
""")

    def __init__(self, line=None) -> None:
        super().__init__()
        self._name = "BorderwatchLabels"
        self.line = line

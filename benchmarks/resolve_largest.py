"""Resolve the N most populous towns of the embedded gazetteer by their own name alone.

A town comes back as itself, or as a same-name town at least as large (San Jose, Costa Rica's
capital, for San Jose, California, with no context): anything else is an alias or a spelling
rule hijacking a well-known name (before the fixes of Dec 2026: Philadelphia → Amman, once
Philadelphia; Cape Town → 'Cape', no such place). Prints the count and the misses.

Run from the repo root:  .venv/bin/python benchmarks/resolve_largest.py [N]
"""

from __future__ import annotations

import sys

from borderwatch.check import default_checker
from borderwatch.names import exact_key


def main(n: int) -> None:
    ck = default_checker()
    rows = ck.geodata.query("SELECT geonameid, name, country, population FROM places "
                            "ORDER BY population DESC LIMIT ?", (n,))
    misses = []
    for gid, name, cc, pop in rows:
        got = ck.gazetteer.resolve(name).place
        if got is not None and (got.geonameid == gid or (exact_key(got.name) == exact_key(name)
                                                          and got.population >= pop)):
            continue
        misses.append(f"{name} ({cc}, {pop:,}) → {got.label if got else 'unresolved'}")
    print(f"{len(rows) - len(misses)} of {len(rows)} largest towns resolve to themselves (or a larger namesake) "
          f"by name alone")
    for m in misses:
        print("  ", m)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 600)

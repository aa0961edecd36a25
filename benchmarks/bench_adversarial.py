"""Time check_text on adversarial inputs: 1 MB (refused) and just under the cap (processed),
then the worst cases we can construct under the caps (issue 13), on the CLI and the page.

Run: .venv/bin/python benchmarks/bench_adversarial.py [--chars N] [--repeat R] [--no-worst]

Prints, for each pattern, the time of extract() alone (the regular expressions) and
of the whole check_text() (extraction + resolution + measurement), the number of
figures and claims, and the per-claim cost; a 1 MB input of each pattern must be
refused with InputError. Figures, not assertions (tests/test_adversarial.py asserts).
The peer figure is the seed article (a real 5 KB news story) checked end to end.

Worst cases (benchmarks/worst_cases.py): each is timed on the CLI (a real
`borderwatch check FILE` process, start-up and geodata verification included, and the
check alone in-process) and on the page (AppTest: paste, check, draw; HTML: the upload's
parse plus the check). Targets: 1 s on the CLI (the check), 2 s on the page, or refused.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))

from test_adversarial import PATTERNS, repeat_to  # noqa: E402

from borderwatch.check import check_text, default_checker  # noqa: E402
from borderwatch.claims import extract  # noqa: E402
from borderwatch.errors import InputError  # noqa: E402
from borderwatch.settings import MAX_INPUT_CHARS  # noqa: E402


def _best(fn, repeat: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=199_000, help="size of the under-cap inputs (default 199,000)")
    ap.add_argument("--repeat", type=int, default=1, help="best of R runs (default 1)")
    ap.add_argument("--no-worst", action="store_true", help="skip the worst constructed cases")
    ap.add_argument("--no-patterns", action="store_true", help="skip the repeated-pattern table")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    default_checker()
    print(f"load checker (geodata verify + open): {time.perf_counter() - t0:.2f} s")
    seed = (REPO / "seeds" / "000_f87aa17481a03d45.txt").read_text(encoding="utf-8")
    t_seed, rep = _best(lambda: check_text(seed), max(args.repeat, 3))
    print(f"peer: seed article, {len(seed):,} chars, {len(rep.results)} claims: check_text {t_seed * 1000:.1f} ms\n")

    if not args.no_worst:
        from worst_cases import run_worst

        run_worst(seed)
    if args.no_patterns:
        return 0
    print(f"\n{'pattern':26s} {'1 MB refused':>13s} | {args.chars:,} chars: {'extract':>8s} {'check_text':>10s} "
          f"{'claims':>7s} {'ms/claim':>9s}")
    worst = 0.0
    for name, unit in PATTERNS.items():
        big = repeat_to(unit, 1_000_000)
        t1 = time.perf_counter()
        try:
            check_text(big)
            refused = "NOT REFUSED"
        except InputError:
            refused = f"{(time.perf_counter() - t1) * 1000:.1f} ms"
        text = repeat_to(unit, args.chars)
        t1 = time.perf_counter()
        try:
            extract(text)
        except InputError:
            print(f"{name:26s} {refused:>13s} | refused as too many length figures in "
                  f"{(time.perf_counter() - t1) * 1000:.1f} ms")
            continue
        t_ex, (claims, _non) = _best(lambda: extract(text), args.repeat)
        t_ck, report = _best(lambda: check_text(text), args.repeat)
        n = len(report.results)
        per = f"{t_ck / n * 1000:.2f}" if n else "-"
        worst = max(worst, t_ck)
        print(f"{name:26s} {refused:>13s} | {'':>{len(f'{args.chars:,} chars:')}} {t_ex:7.3f}s {t_ck:9.3f}s "
              f"{n:7d} {per:>9s}")
    print(f"\nworst check_text: {worst:.2f} s ({worst / t_seed:,.0f}× the seed article); cap {MAX_INPUT_CHARS:,} chars")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Time check_text on adversarial inputs: 1 MB (refused) and just under the cap (processed),
then the worst cases we can construct under the caps (issue 13), on the CLI and the page.

Run: .venv/bin/python benchmarks/bench_adversarial.py [--chars N] [--repeat R] [--no-worst]

Prints, for each pattern, twice: at 199,000 characters (just under the size cap) and cut
to the figure cap (settings.MAX_LENGTH_FIGURES length units, the densest text admitted),
the outcome (refused up front, with its time, or checked), the time of extract() alone
and of the whole check_text() (wall, and CPU of the thread: the work budget counts CPU,
and on a shared machine wall time is mostly the load), the claims and how many the work
budget left "not checkable"; a 1 MB input of each pattern must be refused with
InputError. Then 199,000 characters of real news (the dev sets' sentences). Figures, not
assertions (tests/test_adversarial.py asserts). The peer figure is the seed article (a
real 5 KB news story) checked end to end; every check runs on a fresh checker.

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

from corpus_kit import real_news_text  # noqa: E402
from test_adversarial import PATTERNS, at_figure_cap, repeat_to  # noqa: E402

from borderwatch.budget import budget_reason  # noqa: E402
from borderwatch.check import check_text, default_checker  # noqa: E402
from borderwatch.claims import _UNIT_WORD, extract  # noqa: E402
from borderwatch.errors import InputError  # noqa: E402
from borderwatch.settings import MAX_INPUT_CHARS, MAX_LENGTH_FIGURES, WORK_BUDGET_S  # noqa: E402


def _best(fn, repeat: int) -> tuple[float, float, object]:
    """(best wall s, its CPU s of this thread, the result) of ``repeat`` runs."""
    best, cpu, out = float("inf"), 0.0, None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.thread_time()
        out = fn()
        if time.perf_counter() - t0 < best:
            best, cpu = time.perf_counter() - t0, time.thread_time() - c0
    return best, cpu, out


def _fresh():
    """A checker with empty caches and measurement memo (shares the loaded geodata)."""
    base = default_checker()
    return type(base)(base.geodata)


def _row(label: str, text: str, repeat: int) -> tuple[str, float]:
    """One table row for ``text``: refused (and how fast) or checked; returns (row, check CPU s)."""
    units = sum(1 for _ in _UNIT_WORD.finditer(text))
    head = f"{label:34s} {len(text):8,d} {units:7,d}"
    t0 = time.perf_counter()
    try:
        extract(text)
    except InputError:
        return f"{head}  refused up front in {(time.perf_counter() - t0) * 1000:.1f} ms", 0.0
    t_ex, c_ex, _ = _best(lambda: extract(text), repeat)
    t_ck, c_ck, report = _best(lambda: check_text(text, checker=_fresh()), repeat)
    n = len(report.results)
    left = sum(1 for r in report.results if r.verdict.reason == budget_reason(WORK_BUDGET_S))
    per = f"{c_ck / n * 1000:.2f}" if n else "-"
    return (f"{head} {t_ex:7.3f}s {c_ex:6.3f}s {t_ck:7.3f}s {c_ck:6.3f}s {n:6,d} {left:6,d} {per:>8s}", c_ck)


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
    t_seed, c_seed, rep = _best(lambda: check_text(seed), max(args.repeat, 3))
    t_fresh, c_fresh, _ = _best(lambda: check_text(seed, checker=_fresh()), max(args.repeat, 3))
    print(f"peer: seed article, {len(seed):,} chars, {len(rep.results)} claims: check_text {t_seed * 1000:.1f} ms "
          f"(CPU {c_seed * 1000:.1f} ms) warm, {t_fresh * 1000:.1f} ms (CPU {c_fresh * 1000:.1f} ms) on a fresh checker\n")
    c_seed = c_fresh  # the tables check on fresh checkers: the peer is the same

    if not args.no_worst:
        from worst_cases import run_worst

        run_worst(seed)
    if args.no_patterns:
        return 0
    print(f"\n{'pattern':34s} {'chars':>8s} {'units':>7s} {'extract':>8s} {'cpu':>7s} {'check':>8s} {'cpu':>7s} "
          f"{'claims':>6s} {'left':>6s} {'cpu ms/claim':>8s}   (1 MB refused in)")
    worst = 0.0
    for name, unit in PATTERNS.items():
        big = repeat_to(unit, 1_000_000)
        t1 = time.perf_counter()
        try:
            check_text(big)
            refused = "NOT REFUSED"
        except InputError:
            refused = f"{(time.perf_counter() - t1) * 1000:.1f} ms"
        row, cpu = _row(name, repeat_to(unit, args.chars), args.repeat)
        print(f"{row}   ({refused})", flush=True)
        worst = max(worst, cpu)
        if sum(1 for _ in _UNIT_WORD.finditer(repeat_to(unit, args.chars))) > MAX_LENGTH_FIGURES:
            capped = at_figure_cap(unit, args.chars)
            row, cpu = _row(f"  at the {MAX_LENGTH_FIGURES:,}-figure cap", capped, args.repeat)
            print(row, flush=True)
            worst = max(worst, cpu)
    row, cpu_real = _row("real news (dev sets' sentences)", real_news_text(args.chars), args.repeat)
    print(row)
    print(f"\nworst check_text: {worst:.2f} s CPU ({worst / c_seed:,.0f}× the seed article's CPU); real news "
          f"{args.chars:,} chars: {cpu_real:.2f} s CPU ({cpu_real / c_seed:,.0f}×); caps {MAX_INPUT_CHARS:,} chars, "
          f"{MAX_LENGTH_FIGURES:,} length units, work budget {WORK_BUDGET_S:g} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

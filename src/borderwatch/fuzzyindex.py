"""The fuzzy-name index: misspelled town names found by a few SQL queries, any typo position.

A derived file, ``geodata/fuzzy.sqlite`` (git-ignored), built from the embedded database by

    python -m borderwatch.fuzzyindex build      # `make run` / `make test` run it when needed

Method: partition-based candidate search (pigeonhole principle, as in Pass-Join: Li, Deng,
Wang and Feng 2011, "PASS-JOIN: a partition-based method for similarity joins", PVLDB 5(3)).
Every folded place key of length L is cut into τ(L) + 1 consecutive pieces, τ(L) being the
largest edit distance the similarity cut-off allows for a key of that length. An edit touches
at most one piece, so a name within τ edits of the key contains at least one piece unchanged,
shifted by at most τ places: the lookup asks for the name's substrings at those offsets and
gets every key a full Levenshtein scan would accept (the first letter is no different from
any other), plus some that the scorer then drops. Candidates are scored by rapidfuzz as before.

The index records the sha256 of the database it was built from, the cut-off and its format;
opening it against another database (or a lower cut-off) raises GeodataError with the fix.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import GeodataError
from .geodata import DB_NAME, GeoData, default_geodata_dir, open_geodata, sha256_file
from .settings import DEFAULTS

__all__ = ["INDEX_NAME", "FuzzyIndex", "build", "max_edits", "pieces", "BUILD_COMMAND"]

INDEX_NAME = "fuzzy.sqlite"
FORMAT = "pass-join-1"
BUILD_COMMAND = "python -m borderwatch.fuzzyindex build"
_EPS = 1e-9  # float slack: the index may hold a few extra candidates, never miss one


def max_edits(length: int, cutoff: float) -> int:
    """Return the most edits a key of ``length`` may differ by from a name that still scores ≥ cutoff.

    rapidfuzz's normalized similarity is 1 − d / max(len); the loosest case is a name d letters
    longer: 1 − d / (length + d) ≥ cutoff.

    >>> [max_edits(n, 0.84) for n in (5, 6, 10, 11, 15, 16)]
    [0, 1, 1, 2, 2, 3]
    """
    d = 0
    while 1.0 - (d + 1) / (length + d + 1) >= cutoff - _EPS:
        d += 1
    return d


def pieces(length: int, cutoff: float) -> list[tuple[int, int]]:
    """Return the (start, size) of the τ + 1 pieces a key of ``length`` is cut into (the last ones longer)."""
    n = max_edits(length, cutoff) + 1
    size, extra = divmod(length, n)
    out, start = [], 0
    for i in range(n):
        width = size + (1 if i >= n - extra else 0)
        out.append((start, width))
        start += width
    return out


def _pair_allows(len_a: int, len_b: int, cutoff: float) -> bool:
    """Whether two lengths can score ≥ cutoff at all (the length difference is a lower bound on d)."""
    return 1.0 - abs(len_a - len_b) / max(len_a, len_b) >= cutoff - _EPS


def probes(name: str, cutoff: float, min_length: int) -> list[tuple[int, int, str]]:
    """Return the (key length, piece number, substring) rows to look up for a folded ``name``."""
    n = len(name)
    out: set[tuple[int, int, str]] = set()
    reach = max_edits(n, cutoff) + 1
    for length in range(max(min_length, n - reach), n + reach + 1):
        if not _pair_allows(n, length, cutoff):
            continue
        tau = max_edits(length, cutoff)
        for seg, (start, width) in enumerate(pieces(length, cutoff)):
            for s in range(max(0, start - tau), min(n - width, start + tau) + 1):
                out.add((length, seg, name[s:s + width]))
    return sorted(out)


@dataclass(frozen=True)
class IndexInfo:
    """What an index file says about itself."""

    db_sha256: str
    cutoff: float
    min_length: int
    format: str
    keys: int


class FuzzyIndex:
    """A read-only handle on ``fuzzy.sqlite``, checked against the database it serves."""

    def __init__(self, path: Path, *, db_sha256: str, cutoff: float, min_length: int) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise GeodataError(f"the fuzzy-name index {str(self.path)!r} is missing (it is built from the "
                               f"embedded database, not kept in git); build it with `{BUILD_COMMAND}` or `make`")
        try:
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self.info = _read_info(self._db)
        except (sqlite3.DatabaseError, KeyError, ValueError) as exc:
            raise GeodataError(f"the fuzzy-name index {str(self.path)!r} cannot be read ({exc}); "
                               f"rebuild it with `{BUILD_COMMAND}`") from exc
        self._check(db_sha256, cutoff, min_length)
        self._lock = threading.Lock()

    def _check(self, db_sha256: str, cutoff: float, min_length: int) -> None:
        info, where = self.info, str(self.path)
        if info.format != FORMAT:
            raise GeodataError(f"the fuzzy-name index {where!r} has format {info.format!r}, this borderwatch "
                               f"reads {FORMAT!r}; rebuild it with `{BUILD_COMMAND}`")
        if info.db_sha256 != db_sha256:
            raise GeodataError(f"the fuzzy-name index {where!r} was built from another database (sha256 "
                               f"{info.db_sha256[:12]}…, the embedded one is {db_sha256[:12]}…); rebuild it "
                               f"with `{BUILD_COMMAND}`")
        if cutoff < info.cutoff - _EPS:
            raise GeodataError(f"the fuzzy-name index {where!r} was built for a similarity cut-off of "
                               f"{info.cutoff}; a lookup with the lower cut-off {cutoff} would miss names; "
                               f"rebuild it with `{BUILD_COMMAND} --cutoff {cutoff}`")
        if min_length < info.min_length:
            raise GeodataError(f"the fuzzy-name index {where!r} holds names of ≥ {info.min_length} letters, "
                               f"a lookup from {min_length} letters would miss names; rebuild it with "
                               f"`{BUILD_COMMAND} --min-length {min_length}`")

    def candidates(self, name: str) -> list[str]:
        """Return the folded keys that may score ≥ the cut-off against folded ``name``, in build order."""
        rows = probes(name, self.info.cutoff, self.info.min_length)
        if not rows:
            return []
        values = ",".join("(?,?,?)" for _ in rows)
        # CROSS JOIN keeps SQLite's plan: each probe is one primary-key range of ``pieces``.
        sql = (f"WITH probe(len, seg, piece) AS (VALUES {values}) SELECT DISTINCT k.id, k.key FROM probe "
               f"CROSS JOIN pieces p ON p.len = probe.len AND p.seg = probe.seg AND p.piece = probe.piece "
               f"CROSS JOIN keys k ON k.id = p.id ORDER BY k.id")
        with self._lock:
            found = self._db.execute(sql, [v for row in rows for v in row]).fetchall()
        return [key for _, key in found]


def _read_info(db: sqlite3.Connection) -> IndexInfo:
    meta = dict(db.execute("SELECT key, value FROM meta"))
    return IndexInfo(db_sha256=meta["db_sha256"], cutoff=float(meta["cutoff"]),
                     min_length=int(meta["min_length"]), format=meta["format"], keys=int(meta["keys"]))


def index_path(directory: Path) -> Path:
    """Return where the index of the geodata in ``directory`` lives."""
    return Path(directory) / INDEX_NAME


def open_index(geodata: GeoData, *, cutoff: float = DEFAULTS.fuzzy_cutoff,
               min_length: int = DEFAULTS.fuzzy_min_length) -> FuzzyIndex:
    """Return the fuzzy index next to ``geodata``'s database, verified against it."""
    return FuzzyIndex(index_path(geodata.directory), db_sha256=geodata.db_sha256, cutoff=cutoff,
                      min_length=min_length)


def _rows(keys: list[str], cutoff: float, report) -> Iterator[tuple[int, int, str, int]]:
    step = max(1, len(keys) // 10)
    for ident, key in enumerate(keys):
        for seg, (start, width) in enumerate(pieces(len(key), cutoff)):
            yield len(key), seg, key[start:start + width], ident
        if ident % step == step - 1:
            done = ident + 1
            report(f"step 2/3 cutting keys into pieces: {done:,}/{len(keys):,} ({done / len(keys):.0%})")


def build(directory: Path | None = None, *, cutoff: float = DEFAULTS.fuzzy_cutoff,
          min_length: int = DEFAULTS.fuzzy_min_length, report=print) -> Path:
    """Build ``fuzzy.sqlite`` from the embedded database in ``directory``; return its path."""
    geodata = open_geodata(directory)
    t0 = time.perf_counter()
    report(f"step 1/3 reading folded place names from {geodata.directory / DB_NAME}")
    # The same query (and so the same order) the gazetteer scanned before: ties keep their order.
    keys = [k for (k,) in geodata.query("SELECT DISTINCT phonetic FROM names WHERE kind='place'")
            if len(k) >= min_length]
    report(f"step 1/3 done: {len(keys):,} distinct keys of ≥ {min_length} letters")
    rows = sorted(_rows(keys, cutoff, report))
    target = index_path(geodata.directory)
    tmp = target.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    report(f"step 3/3 writing {len(rows):,} pieces to {tmp.name}")
    db = sqlite3.connect(tmp)
    with db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE keys (id INTEGER PRIMARY KEY, key TEXT)")
        db.execute("CREATE TABLE pieces (len INTEGER, seg INTEGER, piece TEXT, id INTEGER, "
                   "PRIMARY KEY (len, seg, piece, id)) WITHOUT ROWID")
        db.executemany("INSERT INTO keys VALUES (?, ?)", enumerate(keys))
        db.executemany("INSERT INTO pieces VALUES (?, ?, ?, ?)", rows)
        meta = {"format": FORMAT, "db_sha256": geodata.db_sha256, "cutoff": repr(cutoff),
                "min_length": str(min_length), "keys": str(len(keys))}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    db.execute("VACUUM")
    db.close()
    os.replace(tmp, target)
    size = target.stat().st_size / 2**20
    report(f"step 3/3 done: {target} ({size:.1f} MiB) in {time.perf_counter() - t0:.1f} s")
    return target


def main(argv: list[str] | None = None) -> int:
    """``python -m borderwatch.fuzzyindex build|check [--geodata DIR] [--cutoff X] [--min-length N]``."""
    parser = argparse.ArgumentParser(prog="python -m borderwatch.fuzzyindex",
                                     description="build or check the fuzzy-name index (geodata/fuzzy.sqlite)")
    parser.add_argument("command", choices=["build", "check"])
    parser.add_argument("--geodata", type=Path, default=None, help="geodata folder (default: this checkout's)")
    parser.add_argument("--cutoff", type=float, default=DEFAULTS.fuzzy_cutoff,
                        help=f"lowest similarity cut-off the index must serve (default {DEFAULTS.fuzzy_cutoff})")
    parser.add_argument("--min-length", type=int, default=DEFAULTS.fuzzy_min_length,
                        help=f"shortest name the index must serve (default {DEFAULTS.fuzzy_min_length})")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            build(args.geodata, cutoff=args.cutoff, min_length=args.min_length,
                  report=lambda m: print(f"fuzzy index: {m}", flush=True))
        else:
            idx = open_index(open_geodata(args.geodata), cutoff=args.cutoff, min_length=args.min_length)
            print(f"fuzzy index: {idx.path} matches its database ({idx.info.keys:,} keys)")
    except GeodataError as exc:
        print(f"borderwatch: GeodataError: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

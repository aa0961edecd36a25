"""Batch results -> files: the JSONL journal (one row per claim), its recovery, Parquet, the summary.

Row schema (JSONL; every row has every key, in this order):

============== ==========================================================================
article_id     the article's id (file path in a folder, ``id`` of a JSONL/CSV record)
row_kind       ``claim`` (one row per claim), ``no_claims`` (the article was checked and has
               none) or ``error`` (it could not be checked: ``error`` says why)
article_rows   how many rows this article has (its rows are always contiguous)
url, outlet, date, source   the record's metadata and where it was read (file, file:line)
error          why the article could not be checked, else null
title, datasets, attribution   the article's JSON report fields (borderwatch.report.to_json)
claim          one element of the report's ``claims`` (index, quote, span, claimed, anchor,
               target, measurement, verdict, alternatives ...), null for no_claims / error rows
============== ==========================================================================

Atomicity: all rows of an article are written by one ``os.write`` on an O_APPEND file
before the next article is taken, so a killed process (kill -9, Ctrl-C) leaves whole
articles, and at worst one partial tail, which :func:`recover` cuts off on resume. What
is written is in the OS's page cache, which outlives the process; the file is fsynced at
most every ``BATCH_FSYNC_EVERY_S`` and at the end, so an OS crash or a power cut loses at
most that much (and a torn tail is cut off the same way).
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .settings import BATCH_FSYNC_EVERY_S, BATCH_LISTED_FAILURES

__all__ = ["ROW_KEYS", "PARQUET_COLUMNS", "Summary", "Journal", "result_rows", "recover", "write_parquet",
           "summary_path", "journal_path"]

ROW_KEYS = ("article_id", "row_kind", "article_rows", "url", "outlet", "date", "source", "error",
            "title", "datasets", "attribution", "claim")


def summary_path(output: Path) -> Path:
    """Return the side file of ``output``'s summary: corpus.jsonl -> corpus.summary.json."""
    return output.with_name(output.stem + ".summary.json")


def journal_path(output: Path) -> Path:
    """Return the JSONL journal behind ``output``: itself, or corpus.parquet -> corpus.journal.jsonl."""
    return output.with_name(output.stem + ".journal.jsonl") if output.suffix.lower() == ".parquet" else output


def result_rows(result) -> list[dict]:
    """Return the output rows of one ArticleResult (see the module docstring)."""
    base = {"article_id": result.id, **result.meta.fields()}
    rep = result.report
    if rep is None:
        return [_row(base, "error", 1, error=result.error)]
    claims = rep["claims"] or [None]
    kind = "claim" if rep["claims"] else "no_claims"
    return [_row(base, kind, len(claims), title=rep["title"], datasets=rep["datasets"],
                 attribution=rep["attribution"], claim=c) for c in claims]


def _row(base: dict, kind: str, n: int, *, error=None, title=None, datasets=(), attribution=None, claim=None) -> dict:
    row = {"article_id": base["article_id"], "row_kind": kind, "article_rows": n, "url": base["url"],
           "outlet": base["outlet"], "date": base["date"], "source": base["source"], "error": error,
           "title": title, "datasets": list(datasets), "attribution": attribution, "claim": claim}
    return row


# --------------------------------------------------------------------- summary
@dataclass
class Summary:
    """Running totals of a batch run (a mutable accumulator, written out at the end)."""

    input: str
    output: str
    engine: str
    workers: int
    articles: int = 0
    resumed: int = 0
    claims: int = 0
    verdicts: Counter = field(default_factory=Counter)
    failed: int = 0
    failures: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)
    checked: int = 0
    checked_claims: int = 0
    elapsed_s: float = 0.0
    interrupted: bool = False

    def add(self, rows: list[dict], *, resumed: bool = False) -> None:
        """Count one article's rows (``resumed``: found in the output from an earlier run)."""
        first = rows[0]
        self.articles += 1
        self.resumed += resumed
        self.checked += not resumed
        if first["row_kind"] == "error":
            self.failed += 1
            if len(self.failures) < BATCH_LISTED_FAILURES:
                self.failures.append({"article_id": first["article_id"], "reason": first["error"]})
            return
        claims = [r["claim"] for r in rows if r["claim"] is not None]
        self.claims += len(claims)
        self.checked_claims += 0 if resumed else len(claims)
        self.verdicts.update(c["verdict"]["status"] for c in claims)

    def to_json(self) -> dict:
        """Return the summary as a JSON-ready dict (the side file)."""
        rate = self.checked / self.elapsed_s if self.elapsed_s > 0 else None
        crate = self.checked_claims / self.elapsed_s if self.elapsed_s > 0 else None
        return {"input": self.input, "output": self.output, "engine": self.engine, "workers": self.workers,
                "interrupted": self.interrupted, "articles": self.articles, "resumed": self.resumed,
                "checked_this_run": self.checked, "claims": self.claims, "verdicts": dict(sorted(self.verdicts.items())),
                "failed": self.failed, "failures": self.failures, "failures_listed_max": BATCH_LISTED_FAILURES,
                "duplicate_ids_skipped": self.duplicates, "elapsed_s": round(self.elapsed_s, 3),
                "articles_per_s": None if rate is None else round(rate, 2),
                "claims_per_s": None if crate is None else round(crate, 2)}

    def format(self) -> str:
        """Return the summary as a few readable lines."""
        d = self.to_json()
        verdicts = ", ".join(f"{k} {v:,}" for k, v in d["verdicts"].items()) or "none"
        lines = [("interrupted: " if self.interrupted else "done: ")
                 + f"{self.articles:,} articles in {self.output} ({self.resumed:,} from an earlier run, "
                   f"{self.checked:,} checked now), {self.claims:,} claims",
                 f"verdicts: {verdicts}",
                 f"failed: {self.failed:,}" + "".join(f"\n  {f['article_id']}: {f['reason']}" for f in self.failures[:10])
                 + (f"\n  … (all listed in the summary file, up to {BATCH_LISTED_FAILURES:,})" if self.failed > 10 else "")]
        if self.duplicates:
            lines.append(f"duplicate ids skipped: {len(self.duplicates):,} (e.g. {self.duplicates[0]!r})")
        if d["articles_per_s"] is not None:
            lines.append(f"throughput: {d['articles_per_s']:,} articles/s, {d['claims_per_s']:,} claims/s "
                         f"({self.elapsed_s:.1f} s, engine {self.engine}, {self.workers} worker(s))")
        return "\n".join(lines)


# --------------------------------------------------------------------- journal
class Journal:
    """The append-only JSONL output: one os.write per article, fsynced every BATCH_FSYNC_EVERY_S; resumable."""

    def __init__(self, path: Path, *, resume: bool, summary: Summary) -> None:
        self.path = path
        self.done: set[str] = set()
        self.recovered_tail = False
        self._fd = -1
        if path.is_dir():
            raise InputError(f"the output {str(path)!r} is a folder; give a file name ending in .jsonl or .parquet")
        if resume and path.exists():
            self.done, self.recovered_tail = recover(path, summary=summary)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if resume else os.O_TRUNC)
        try:
            self._fd = os.open(path, flags, 0o644)
        except OSError as exc:
            raise InputError(f"cannot write the output {str(path)!r}: {exc.strerror or exc}; "
                             "give -o a file in a folder that exists and you may write to") from exc
        self._synced = time.monotonic()

    def append(self, result) -> list[dict]:
        """Write all rows of ``result`` in one write (fsync at most every BATCH_FSYNC_EVERY_S); return them."""
        rows = result_rows(result)
        data = b"".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
                        for r in rows)
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view):]
        if time.monotonic() - self._synced >= BATCH_FSYNC_EVERY_S:
            os.fsync(self._fd)
            self._synced = time.monotonic()
        self.done.add(result.id)
        return rows

    def close(self) -> None:
        """fsync and close the file (idempotent)."""
        if self._fd >= 0:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = -1


def _parse_row(line: bytes) -> dict | None:
    """A journal row, or None if ``line`` is not one (cut short, or not ours)."""
    if not line.endswith(b"\n"):
        return None
    try:
        row = json.loads(line)
    except ValueError:
        return None
    if not isinstance(row, dict) or not all(k in row for k in ROW_KEYS):
        return None
    return row


def recover(path: Path, *, summary: Summary) -> tuple[set[str], bool]:
    """Return (ids done, whether a partial tail was cut) of an existing journal, counting it in ``summary``.

    The rows of the last article may be incomplete (a run killed while writing it): they
    are truncated away so that the article is checked again. Raises InputError if the file
    is anything else than borderwatch batch rows.
    """
    done: set[str] = set()
    good = offset = 0
    group: list[dict] = []
    with path.open("rb") as fh:
        for line in fh:
            row = _parse_row(line)
            if row is None or (group and row["article_id"] != group[0]["article_id"]):
                if line.endswith(b"\n") or fh.read(1):
                    raise InputError(f"{str(path)!r} exists but is not a borderwatch batch output (byte {offset:,}: "
                                     f"{line[:60]!r}); give another -o, or --overwrite to replace it")
                break  # the cut last line of a killed run
            offset += len(line)
            group.append(row)
            if len(group) == group[0]["article_rows"]:
                done.add(group[0]["article_id"])
                summary.add(group, resumed=True)
                good, group = offset, []
    cut = good < path.stat().st_size
    if cut:
        os.truncate(path, good)
    return done, cut


# --------------------------------------------------------------------- parquet
#: (column, pyarrow type name, path into a row): the documented Parquet schema.
PARQUET_COLUMNS = (
    ("article_id", "string", ("article_id",)), ("row_kind", "string", ("row_kind",)),
    ("article_rows", "int32", ("article_rows",)), ("url", "string", ("url",)), ("outlet", "string", ("outlet",)),
    ("date", "string", ("date",)), ("source", "string", ("source",)), ("error", "string", ("error",)),
    ("title", "string", ("title",)), ("claim_index", "int32", ("claim", "index")),
    ("quote", "string", ("claim", "quote")), ("claimed_text", "string", ("claim", "claimed", "text")),
    ("claimed_value", "float64", ("claim", "claimed", "value")), ("claimed_unit", "string", ("claim", "claimed", "unit")),
    ("claimed_km", "float64", ("claim", "claimed", "km")), ("hedge", "string", ("claim", "claimed", "hedge")),
    ("anchor_text", "string", ("claim", "anchor_text")), ("target_text", "string", ("claim", "target_text")),
    ("target_kind", "string", ("claim", "target_kind")),
    ("anchor_label", "string", ("claim", "anchor", "resolved", "label")),
    ("anchor_lat", "float64", ("claim", "anchor", "resolved", "lat")),
    ("anchor_lon", "float64", ("claim", "anchor", "resolved", "lon")),
    ("measured_target", "string", ("claim", "measurement", "target")),
    ("measured_km", "float64", ("claim", "measurement", "distance_km")),
    ("low_km", "float64", ("claim", "measurement", "low_km")), ("high_km", "float64", ("claim", "measurement", "high_km")),
    ("nearest_lat", "float64", ("claim", "measurement", "nearest", "lat")),
    ("nearest_lon", "float64", ("claim", "measurement", "nearest", "lon")),
    ("dataset", "string", ("claim", "measurement", "dataset")),
    ("verdict", "string", ("claim", "verdict", "status")), ("verdict_direction", "string", ("claim", "verdict", "direction")),
    ("verdict_reason", "string", ("claim", "verdict", "reason")), ("off_km", "float64", ("claim", "verdict", "off_km")),
)


def _dig(row: dict, path: tuple[str, ...]):
    for key in path:
        if not isinstance(row, dict):
            return None
        row = row.get(key)
    return row


def _flat(row: dict) -> dict:
    flat = {name: _dig(row, path) for name, _, path in PARQUET_COLUMNS}
    flat["datasets"] = row["datasets"]
    flat["claim_json"] = None if row["claim"] is None else json.dumps(row["claim"], ensure_ascii=False)
    return flat


def write_parquet(journal: Path, target: Path, *, batch_rows: int = 20_000) -> int:
    """Write the journal's rows to ``target`` as Parquet (PARQUET_COLUMNS + datasets + claim_json); return rows.

    Written to a temporary file and renamed, so ``target`` is always whole.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    fields = [pa.field(n, getattr(pa, t)()) for n, t, _ in PARQUET_COLUMNS]
    schema = pa.schema(fields + [pa.field("datasets", pa.list_(pa.string())), pa.field("claim_json", pa.string())])
    tmp, count, batch, attribution = target.with_name(target.name + ".tmp"), 0, [], None
    with pq.ParquetWriter(tmp, schema) as writer:
        with journal.open("rb") as fh:
            for line in fh:
                row = json.loads(line)
                attribution = attribution or row["attribution"]
                batch.append(_flat(row))
                if len(batch) >= batch_rows:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    count, batch = count + len(batch), []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        if attribution:
            writer.add_key_value_metadata({"attribution": attribution})
    os.replace(tmp, target)
    return count + len(batch)

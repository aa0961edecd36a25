"""Many articles -> results: :func:`check_many` on local processes or a Dask cluster, and
:func:`run_batch`, the resumable ``borderwatch batch`` run behind the CLI.

Every engine runs the same per-article function, :func:`check_article`, with one
:class:`~borderwatch.check.Checker` per worker process (the geodata is opened once per
process, in the worker, from a path: nothing open crosses a process boundary). Articles
travel in chunks; at most ``BATCH_INFLIGHT_PER_WORKER`` chunks per worker are queued, so
memory stays flat on any corpus size, and results come back **in input order** whatever
the engine: 1 worker, N workers and a Dask cluster write the same bytes.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import json
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .batch_output import Journal, Summary, journal_path, summary_path, write_parquet
from .check import Checker, default_checker
from .corpus_io import Article, ArticleMeta, article_text, as_article, count_corpus, read_corpus
from .errors import BorderwatchError, EngineError, GeodataError, InputError
from .geodata import GeoData, default_geodata_dir
from .report import to_json
from .settings import BATCH_CHUNK_ARTICLES, BATCH_INFLIGHT_PER_WORKER, BATCH_PROGRESS_EVERY_S

__all__ = ["ArticleResult", "check_article", "check_many", "check_partition", "run_batch", "default_workers",
           "ENGINES"]

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class ArticleResult:
    """The outcome of one article: its JSON report (borderwatch.report.to_json), or why it failed."""

    id: str
    report: dict | None
    error: str | None = None
    meta: ArticleMeta = ArticleMeta()

    @property
    def claims(self) -> int:
        """Number of distance claims found (0 for a failed article)."""
        return len(self.report["claims"]) if self.report else 0


def check_article(article: Article, *, checker: Checker) -> ArticleResult:
    """Return the result of one article; a bad article gives a result with its error, never raises."""
    try:
        report = checker.check_text(article_text(article))
    except BorderwatchError as exc:
        return ArticleResult(article.id, None, str(exc), article.meta)
    except Exception as exc:  # noqa: BLE001 — one article's bug must not end a corpus run: it is its error row
        return ArticleResult(article.id, None, f"internal error (please report it): {type(exc).__name__}: {exc}",
                             article.meta)
    return ArticleResult(article.id, to_json(report), None, article.meta)


def default_workers() -> int:
    """Return the number of cores this process may run on (os.sched_getaffinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# --------------------------------------------------------------------- worker side
_WORKER: dict[str, Checker] = {}


def _worker_checker(geodata: str | None) -> Checker:
    """This process's Checker on ``geodata`` (a folder path; None = the worker's own default), made once."""
    key = geodata or ""
    if key not in _WORKER:
        # A fresh GeoData, never open_geodata's cache: a forked parent's sqlite handle must not be reused.
        _WORKER[key] = Checker(GeoData(Path(geodata) if geodata else default_geodata_dir()))
    return _WORKER[key]


@functools.lru_cache(maxsize=8)
def _geodata_id(directory: str) -> str:
    """A short fingerprint of a geodata folder: the SHA-256 of its checksum list (SHA256SUMS)."""
    return hashlib.sha256((Path(directory) / "SHA256SUMS").read_bytes()).hexdigest()[:16]


def _client_geodata_id(geodata: str | None) -> str | None:
    """The fingerprint of the geodata this client would use, if it has it (a remote path may not exist here)."""
    directory = Path(geodata) if geodata else default_geodata_dir()
    return _geodata_id(str(directory)) if (directory / "SHA256SUMS").is_file() else None


def _exit_with_parent(parent: int, every_s: float = 1.0) -> None:
    """End this worker once its parent is gone (kill -9 of the parent would otherwise leave it running)."""
    while os.getppid() == parent:
        time.sleep(every_s)
    os._exit(1)


def _init_local_worker(geodata: str | None, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops the pool and writes the summary
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True, name="borderwatch-parent-watch").start()
    try:
        _worker_checker(geodata)
    except BorderwatchError:
        pass  # raised again by the first task, whose error reaches the parent with its message (a failing
        # initializer would only break the pool)


def check_partition(articles: list[Article], geodata: str | None) -> tuple[str, list[ArticleResult]]:
    """Check a partition of articles in this worker; return (geodata fingerprint, results in order)."""
    checker = _worker_checker(geodata)
    results = [check_article(a, checker=checker) for a in articles]
    return _geodata_id(str(checker.geodata.directory)), results


# --------------------------------------------------------------------- engines
def _chunks(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while chunk := list(itertools.islice(articles, size)):
        yield chunk


def _ordered(chunks: Iterator[list[Article]], submit: Callable, collect: Callable, *,
             window: int) -> Iterator[ArticleResult]:
    """Submit chunks with at most ``window`` in flight; yield their results in submission order."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from collect(pending.popleft())
    while pending:
        yield from collect(pending.popleft())


def _in_process(chunks, *, geodata: str | None) -> Iterator[ArticleResult]:
    checker = default_checker() if geodata is None else Checker(GeoData(Path(geodata)))
    for chunk in chunks:
        yield from (check_article(a, checker=checker) for a in chunk)


def _local_pool(chunks, *, workers: int, geodata: str | None) -> Iterator[ArticleResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # spawn: a clean interpreter per worker (no inherited threads or sqlite handles), on every OS.
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_local_worker, initargs=(geodata, os.getpid()))
    try:
        yield from _ordered(chunks, lambda c: pool.submit(check_partition, c, geodata),
                            lambda f: f.result()[1], window=workers * BATCH_INFLIGHT_PER_WORKER)
    except BrokenProcessPool as exc:
        raise EngineError("a worker process died (out of memory, or killed; or check_many was called at the top "
                          "level of a script without `if __name__ == '__main__':`, which worker processes need); "
                          "results written so far are kept: run the same command again to resume") from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _dask_client(stack: contextlib.ExitStack, *, scheduler: str | None, workers: int):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise EngineError("--engine dask needs dask.distributed, which is not installed: "
                          "pip install 'borderwatch[dask]'") from exc
    if scheduler:
        try:
            return stack.enter_context(Client(scheduler, timeout="20s"))
        except (OSError, TimeoutError) as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler!r} ({exc}); start it with "
                              "`dask scheduler` or drop --scheduler to use a local cluster") from exc
    # Loopback only: scheduler, workers and the scheduler's small HTTP server (health and metrics; the
    # dashboard is off) listen on 127.0.0.1, so a local cluster opens no port to the network.
    import logging

    cluster = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                               host="127.0.0.1", dashboard_address=None,
                                               silence_logs=logging.ERROR))  # no warnings about tasks a Ctrl-C cancelled
    return stack.enter_context(Client(cluster))


def _dask(chunks, *, workers: int, scheduler: str | None, geodata: str | None) -> Iterator[ArticleResult]:
    with contextlib.ExitStack() as stack:
        client = _dask_client(stack, scheduler=scheduler, workers=workers)
        threads = sum(client.nthreads().values()) or workers
        expected = _client_geodata_id(geodata)

        def collect(future):
            found, results = future.result()
            if expected and found != expected:
                raise GeodataError(f"a Dask worker has other geodata (fingerprint {found}) than this client "
                                   f"({expected}); install the same borderwatch and geodata on every worker")
            return results

        yield from _ordered(chunks, lambda c: client.submit(check_partition, c, geodata, pure=False),
                            collect, window=threads * BATCH_INFLIGHT_PER_WORKER)


def _options(workers: int | None, engine: str) -> int:
    """Return the worker count to use, or raise InputError for a bad count or engine."""
    workers = default_workers() if workers is None else workers
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise InputError(f"workers must be a whole number ≥ 1, got {workers!r}")
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    return workers


def check_many(articles: Iterable, *, workers: int | None = None, engine: str = "local",
               scheduler: str | None = None, geodata: str | Path | None = None,
               chunk_size: int = BATCH_CHUNK_ARTICLES) -> Iterator[ArticleResult]:
    """Yield one ArticleResult per article, in input order.

    ``articles``: Articles, strings (their ids are their positions) or mappings with ``id``
    and ``text`` or ``html``. ``workers``: processes (default: the cores available; 1 runs in
    this process). ``engine``: 'local' or 'dask' (``scheduler``: a Dask scheduler address,
    else a LocalCluster on 127.0.0.1). ``geodata``: the geodata folder as seen by the workers.

    >>> next(check_many(["Kharkiv is 30 km from the Russian border."], workers=1)).claims
    1
    """
    workers = _options(workers, engine)
    path = None if geodata is None else str(geodata)
    items = (as_article(a, position=i) for i, a in enumerate(articles))
    chunks = _chunks(items, max(1, chunk_size))
    if engine == "dask":
        return _dask(chunks, workers=workers, scheduler=scheduler, geodata=path)
    if workers == 1:
        return _in_process(chunks, geodata=path)
    return _local_pool(chunks, workers=workers, geodata=path)


# --------------------------------------------------------------------- the batch run
class Progress:
    """A tqdm bar (rate, ETA) on a terminal; otherwise a plain line every ``every_s`` seconds."""

    def __init__(self, *, total: int, initial: int, stream, every_s: float) -> None:
        self.total, self.stream, self.every_s = total, stream, every_s
        self.start = self.last = time.monotonic()
        self.bar = None
        if getattr(stream, "isatty", lambda: False)():
            from tqdm import tqdm

            self.bar = tqdm(total=total, initial=initial, unit="article", file=stream, dynamic_ncols=True)

    def update(self, summary: Summary) -> None:
        """Count one more article written."""
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix(claims=summary.claims, failed=summary.failed, refresh=False)
        elif time.monotonic() - self.last >= self.every_s:
            self.last = time.monotonic()
            print(self.line(summary), file=self.stream, flush=True)

    def line(self, summary: Summary) -> str:
        """One plain progress line: done/total, claims, failures, rate and ETA."""
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = summary.checked / elapsed
        left = max(self.total - summary.articles, 0)
        eta = f"{left / rate:,.0f} s" if rate > 0 else "?"
        pct = 100.0 * summary.articles / self.total if self.total else 100.0
        return (f"borderwatch batch: {summary.articles:,}/{self.total:,} articles ({pct:.0f}%), "
                f"{summary.claims:,} claims, {summary.failed:,} failed, {rate:,.1f} articles/s, ETA {eta}")

    def close(self, summary: Summary) -> None:
        """Close the bar, or print the last plain line."""
        if self.bar is not None:
            self.bar.close()
        else:
            print(self.line(summary), file=self.stream, flush=True)


def _pending(articles: Iterator[Article], done: set[str], summary: Summary) -> Iterator[Article]:
    """The articles not in the output yet; a repeated id in the input is skipped and listed."""
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            summary.duplicates.append(article.id)
            continue
        seen.add(article.id)
        if article.id not in done:
            yield article


def run_batch(corpus: str | Path, output: str | Path, *, workers: int | None = None, engine: str = "local",
              scheduler: str | None = None, geodata: str | Path | None = None, resume: bool = True,
              stream=None, progress_every_s: float = BATCH_PROGRESS_EVERY_S) -> Summary:
    """Check every article of ``corpus`` into ``output`` (.jsonl, or .parquet); return the Summary.

    Resumes from ``output`` when it exists (unless ``resume`` is False: then it is replaced).
    Ctrl-C stops the run cleanly: the summary says so. The summary is also written beside
    the output (corpus.jsonl -> corpus.summary.json).
    """
    stream = sys.stderr if stream is None else stream
    out = Path(output)
    if out.suffix.lower() == ".parquet":
        _require_pyarrow()
    workers = _options(workers, engine)
    articles = read_corpus(corpus)  # raises now for a path that is no corpus
    total = count_corpus(corpus)
    summary = Summary(input=str(corpus), output=str(out), engine=engine, workers=workers)
    journal = Journal(journal_path(out), resume=resume, summary=summary)
    if journal.recovered_tail:
        print(f"borderwatch: {journal.path} ended with an incomplete article (an interrupted run): "
              "it is checked again", file=stream)
    progress = Progress(total=total, initial=summary.articles, stream=stream, every_s=progress_every_s)
    started, summary.interrupted = time.perf_counter(), True  # until the last article is written
    try:
        todo = _pending(articles, journal.done, summary)
        for result in check_many(todo, workers=workers, engine=engine, scheduler=scheduler, geodata=geodata):
            summary.add(journal.append(result))
            progress.update(summary)
        summary.interrupted = False
    except KeyboardInterrupt:
        pass
    finally:
        summary.elapsed_s = time.perf_counter() - started
        journal.close()
        progress.close(summary)
        _finish(out, journal.path, summary)
    return summary


def _require_pyarrow() -> None:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise InputError("writing Parquet needs pyarrow, which is not installed: pip install 'borderwatch[parquet]' "
                         "(or give an output ending in .jsonl)") from exc


def _finish(out: Path, journal: Path, summary: Summary) -> None:
    """Write the Parquet file (if asked) and the summary side file."""
    if journal != out and journal.exists():
        write_parquet(journal, out)
    side = summary_path(out)
    tmp = side.with_name(side.name + ".tmp")
    tmp.write_text(json.dumps(summary.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, side)

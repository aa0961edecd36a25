"""borderwatch batch / check_many: inputs, rows, error rows, kill -9 + resume, engines agree.

The corpus is built from the repo's real news text (tests/corpus_kit.py). Expected claim
counts and verdicts come from checking each article on its own with check_text, never
from the batch code under test.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from borderwatch.batch import check_many, run_batch
from borderwatch.batch_output import ROW_KEYS, Summary, recover
from borderwatch.cli import main
from borderwatch.corpus_io import read_corpus
from borderwatch.errors import GeodataError, InputError
from borderwatch.inputs import MAX_INPUT_BYTES
from borderwatch.report import to_json
from borderwatch.settings import MAX_INPUT_CHARS

from corpus_kit import build_articles, write_jsonl
from support import ROOT, SEED

N_KILL = 96  # articles in the kill -9 corpus: ~0.5 s of work left after the first write, so a kill lands mid-run


def rows_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def articles():
    return build_articles(24, seed=3)


@pytest.fixture(scope="module")
def expected(articles, checker):
    """Each article's JSON report, computed one by one with check_text (the independent path)."""
    return {a["id"]: to_json(checker.check_text(a["text"])) for a in articles}


@pytest.fixture(scope="module")
def reference(tmp_path_factory, articles):
    """One uninterrupted single-process run: the bytes every other run must reproduce."""
    d = tmp_path_factory.mktemp("ref")
    run_batch(write_jsonl(d / "corpus.jsonl", articles), d / "out.jsonl", workers=1, stream=io.StringIO())
    return (d / "out.jsonl").read_bytes()


# --------------------------------------------------------------------- rows
def test_rows_match_check_text_article_by_article(tmp_path, articles, expected):
    out = tmp_path / "out.jsonl"
    summary = run_batch(write_jsonl(tmp_path / "corpus.jsonl", articles), out, workers=1, stream=io.StringIO())
    rows = rows_of(out)
    assert all(tuple(r) == ROW_KEYS for r in rows)
    assert len(rows) == sum(max(1, len(rep["claims"])) for rep in expected.values())
    for art in articles:
        mine = [r for r in rows if r["article_id"] == art["id"]]
        rep = expected[art["id"]]
        assert [r["claim"] for r in mine if r["claim"]] == rep["claims"], art["id"]
        assert {(r["title"], r["url"], r["outlet"]) for r in mine} == {(rep["title"], art["url"], art["outlet"])}
        assert all(r["article_rows"] == len(mine) for r in mine)
    assert summary.claims == sum(len(r["claims"]) for r in expected.values()) > len(articles)
    side = json.loads((tmp_path / "out.summary.json").read_text())
    assert side["articles"] == len(articles) and side["failed"] == 0 and side["claims"] == summary.claims
    assert sum(side["verdicts"].values()) == summary.claims


def _folder(tmp_path: Path) -> Path:
    d = tmp_path / "folder"
    (d / "sub").mkdir(parents=True)
    (d / "seed.txt").write_bytes(SEED.read_bytes())
    (d / "sub" / "kharkiv.md").write_text("Kharkiv is 30 km (18 miles) from the Russian border.\n", encoding="utf-8")
    (d / "page.html").write_text("<html><head><title>t</title><script>x = '9 km from Kyiv'</script></head>"
                                 "<body><p>Kharkiv is 30 km (18 miles) from the Russian border.</p></body></html>",
                                 encoding="utf-8")
    (d / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")  # not a .txt/.md/.html: not read
    return d


def _jsonl(tmp_path: Path) -> Path:
    p = tmp_path / "corpus.jsonl"
    recs = [{"id": "seed.txt", "text": SEED.read_text(encoding="utf-8"), "outlet": "Meduza"},
            {"id": "sub/kharkiv.md", "text": "Kharkiv is 30 km (18 miles) from the Russian border.\n"},
            {"id": "page.html", "html": "<p>Kharkiv is 30 km (18 miles) from the Russian border.</p>"}]
    return write_jsonl(p, recs)


def _csv(tmp_path: Path) -> Path:
    p = tmp_path / "corpus.csv"
    with p.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "html", "url", "outlet", "date"])
        w.writerow(["seed.txt", SEED.read_text(encoding="utf-8"), "", "https://meduza.io/", "Meduza", "2022-01-19"])
        w.writerow(["sub/kharkiv.md", "Kharkiv is 30 km (18 miles) from the Russian border.\n", "", "", "", ""])
        w.writerow(["page.html", "", "<p>Kharkiv is 30 km (18 miles) from the Russian border.</p>", "", "", ""])
    return p


@pytest.mark.parametrize("make", [_folder, _jsonl, _csv], ids=["folder", "jsonl", "csv"])
def test_each_input_kind_gives_the_same_claims(tmp_path, make):
    """The seed (3 claims) and the Kharkiv sentence as text and as HTML, from each input kind."""
    out = tmp_path / "out.jsonl"
    run_batch(make(tmp_path), out, workers=1, stream=io.StringIO())
    rows = rows_of(out)
    by_id = {}
    for r in rows:
        by_id.setdefault(r["article_id"], []).append(r["claim"]["verdict"]["status"])
    assert by_id == {"seed.txt": ["not checkable", "inconsistent", "consistent"],
                     "sub/kharkiv.md": ["consistent"], "page.html": ["consistent"]}
    assert len(rows) == 5


def test_csv_metadata_is_kept(tmp_path):
    out = tmp_path / "out.jsonl"
    run_batch(_csv(tmp_path), out, workers=1, stream=io.StringIO())
    seed = [r for r in rows_of(out) if r["article_id"] == "seed.txt"]
    assert {(r["url"], r["outlet"], r["date"], r["source"]) for r in seed} == {
        ("https://meduza.io/", "Meduza", "2022-01-19", "corpus.csv:1")}


# --------------------------------------------------------------------- error rows
BAD_FILES = [
    ("binary", "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"binary file"),
    ("undecodable", "b.txt", "Kharkiv is 30 km from the border, café".encode("latin-1"), r"not UTF-8"),
    ("empty", "c.txt", b"   \n", r"empty"),
    ("too-long", "d.txt", b"Kharkiv is 30 km from the border. " * (MAX_INPUT_CHARS // 30), r"at most 200,000"),
    ("too-large-file", "e.txt", b"x" * (MAX_INPUT_BYTES + 1), r"larger than"),
    ("html-without-text", "f.html", b"<html><script>var a = 1;</script></html>", r"empty"),
]


@pytest.mark.parametrize("kind,name,content,reason", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_an_error_row_and_the_run_goes_on(tmp_path, kind, name, content, reason):
    d = tmp_path / "folder"
    d.mkdir()
    (d / name).write_bytes(content)
    (d / "z.txt").write_text("Kharkiv is 30 km (18 miles) from the Russian border.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch(d, out, workers=1, stream=io.StringIO())
    rows = rows_of(out)
    assert [r["row_kind"] for r in rows] == ["error", "claim"]
    assert rows[0]["article_id"] == name and re.search(reason, rows[0]["error"]), rows[0]["error"]
    assert summary.failed == 1 and summary.failures[0]["article_id"] == name


BAD_RECORDS = [
    ("not-json", b'{"id": "x", "text": "Kharkiv is 30 km from', r"not a JSON object"),
    ("array", b'["x", "Kharkiv is 30 km from the border"]', r"JSON list, expected an object"),
    ("no-id", b'{"text": "Kharkiv is 30 km from the border."}', r"no usable 'id'"),
    ("no-text", b'{"id": "x", "url": "https://example.org/"}', r"neither 'text' nor 'html'"),
    ("text-not-string", b'{"id": "x", "text": 42}', r"must be a string"),
    ("nul-in-text", b'{"id": "x", "text": "a\\u0000b 30 km from the border"}', r"NUL"),
    ("bad-utf8", b'{"id": "x", "text": "caf\xe9 30 km from the border"}', r"not UTF-8"),
    ("lone-surrogate", b'{"id": "x", "text": "\\ud800 is 30 km from the border"}', r"'text' is not valid UTF-8"),
    ("surrogate-in-id", b'{"id": "\\udc80", "text": "Kharkiv is 30 km from the border"}', r"'id' is not valid UTF-8"),
    ("too-long", json.dumps({"id": "x", "text": "word " * (MAX_INPUT_CHARS // 5 + 1)}).encode(), r"at most 200,000"),
]


@pytest.mark.parametrize("kind,line,reason", BAD_RECORDS, ids=[b[0] for b in BAD_RECORDS])
def test_bad_jsonl_record_is_an_error_row(tmp_path, kind, line, reason):
    good = json.dumps({"id": "ok", "text": "Kharkiv is 30 km (18 miles) from the Russian border."}).encode()
    p = tmp_path / "c.jsonl"
    p.write_bytes(line + b"\n\n" + good + b"\n")
    out = tmp_path / "out.jsonl"
    run_batch(p, out, workers=1, stream=io.StringIO())
    rows = rows_of(out)
    assert [r["row_kind"] for r in rows] == ["error", "claim"], rows
    assert re.search(reason, rows[0]["error"]), rows[0]["error"]
    assert rows[0]["article_id"] in ("x", "c.jsonl:1")


@pytest.mark.parametrize("header,match", [
    ("id,body\n", r"needs an 'id' column and a 'text' or 'html' column"),
    ("name,text\n", r"needs an 'id' column"),
], ids=["no-text-column", "no-id-column"])
def test_csv_without_the_columns_is_refused_up_front(tmp_path, header, match):
    p = tmp_path / "c.csv"
    p.write_text(header + "1,Kharkiv is 30 km from the border\n", encoding="utf-8")
    with pytest.raises(InputError, match=match):
        run_batch(p, tmp_path / "out.jsonl", workers=1, stream=io.StringIO())


def test_csv_with_bytes_that_are_not_utf8_is_an_error_row(tmp_path):
    p = tmp_path / "c.csv"
    p.write_bytes(b"id,text\nbad,caf\xe9 is 4 km from the border\nok,Kharkiv is 30 km from the Russian border.\n")
    out = tmp_path / "out.jsonl"
    run_batch(p, out, workers=1, stream=io.StringIO())
    rows = rows_of(out)
    assert [(r["article_id"], r["row_kind"]) for r in rows] == [("bad", "error"), ("ok", "claim")]
    assert "'text' is not valid UTF-8" in rows[0]["error"]


def test_duplicate_ids_are_written_once_and_listed(tmp_path):
    recs = [{"id": "a", "text": "Kharkiv is 30 km from the Russian border."},
            {"id": "a", "text": "Vovchansk is 4 km from the border."}]
    out = tmp_path / "out.jsonl"
    summary = run_batch(write_jsonl(tmp_path / "c.jsonl", recs), out, workers=1, stream=io.StringIO())
    assert [r["article_id"] for r in rows_of(out)] == ["a"] and summary.duplicates == ["a"]
    assert rows_of(out)[0]["claim"]["anchor_text"] == "Kharkiv"


# --------------------------------------------------------------------- resume
def test_resume_skips_done_articles_and_cut_tails_are_redone(tmp_path, articles, reference):
    """A journal cut at any byte (a kill mid-write) resumes to the uninterrupted bytes."""
    corpus = write_jsonl(tmp_path / "corpus.jsonl", articles)
    lines = reference.splitlines(keepends=True)
    ends = [sum(len(x) for x in lines[:i]) for i in range(len(lines) + 1)]
    cuts = sorted({ends[3], ends[3] + 17, ends[len(lines) // 2] - 1, ends[-1] - 5, len(reference)})
    for cut in cuts:
        out = tmp_path / f"out-{cut}.jsonl"
        out.write_bytes(reference[:cut])
        run_batch(corpus, out, workers=1, stream=io.StringIO())
        assert out.read_bytes() == reference, f"cut at byte {cut}"


def test_resume_refuses_a_file_that_is_not_ours_and_overwrite_replaces_it(tmp_path, articles):
    corpus = write_jsonl(tmp_path / "c.jsonl", articles[:2])
    out = tmp_path / "out.jsonl"
    out.write_text('{"name": "my notes"}\n{"name": "more"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="not a borderwatch batch output.*--overwrite"):
        run_batch(corpus, out, workers=1, stream=io.StringIO())
    assert out.read_text().startswith('{"name"')  # untouched
    run_batch(corpus, out, workers=1, resume=False, stream=io.StringIO())
    assert {r["article_id"] for r in rows_of(out)} == {a["id"] for a in articles[:2]}


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _default_sigint() -> None:
    """A run started from a background shell inherits SIGINT ignored (and Python then keeps it
    ignored): restore the default, as a terminal's Ctrl-C finds it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(corpus: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "borderwatch.cli", "batch", str(corpus), "-o", str(out), *extra],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_default_sigint)


def _wait_rows(proc: subprocess.Popen, out: Path, rows: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= rows:
            return
        time.sleep(0.01)
    raise AssertionError(f"the run wrote fewer than {rows} rows (exit {proc.poll()})")


@pytest.fixture(scope="module")
def kill_corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("kill")
    corpus = write_jsonl(d / "corpus.jsonl", build_articles(N_KILL, seed=9))
    run_batch(corpus, d / "reference.jsonl", workers=1, stream=io.StringIO())
    return corpus, (d / "reference.jsonl").read_bytes()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker processes")
def test_kill_9_mid_run_then_resume_gives_every_article_exactly_once(tmp_path, kill_corpus):
    corpus, reference = kill_corpus
    out = tmp_path / "out.jsonl"
    proc = _start(corpus, out, "--workers", "2")
    _wait_rows(proc, out, 12)
    workers = _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    proc.communicate()
    partial = out.read_bytes()
    snapshot = tmp_path / "snapshot.jsonl"
    snapshot.write_bytes(partial)
    done_before, _ = recover(snapshot, summary=Summary(input="", output="", engine="local", workers=2))
    assert 0 < len(done_before) < N_KILL, "the kill came too late to prove anything"
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers), "worker processes outlived their killed parent"
    resumed = _start(corpus, out, "--workers", "2")
    stdout, stderr = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, stderr
    assert out.read_bytes() == reference
    ids = [r["article_id"] for r in rows_of(out) if r["claim"] is None or r["claim"]["index"] == 1]
    assert len(ids) == len(set(ids)) == N_KILL
    assert f"{len(done_before):,} from an earlier run, {N_KILL - len(done_before):,} checked now" in stdout


def test_ctrl_c_stops_cleanly_with_the_summary_so_far(tmp_path, kill_corpus):
    corpus, reference = kill_corpus
    out = tmp_path / "out.jsonl"
    proc = _start(corpus, out, "--workers", "1")
    _wait_rows(proc, out, 8)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and stdout.startswith("interrupted: ")
    side = json.loads((tmp_path / "out.summary.json").read_text())
    assert side["interrupted"] is True and 0 < side["articles"] < N_KILL
    assert reference.startswith(out.read_bytes())  # whole articles only, in order
    run_batch(corpus, out, workers=1, stream=io.StringIO())
    assert out.read_bytes() == reference


# --------------------------------------------------------------------- engines agree
def test_two_worker_processes_write_the_same_bytes(tmp_path, articles, reference):
    out = tmp_path / "out.jsonl"
    run_batch(write_jsonl(tmp_path / "corpus.jsonl", articles), out, workers=2, stream=io.StringIO())
    assert out.read_bytes() == reference


def test_dask_local_cluster_writes_the_same_bytes_and_stays_on_loopback(tmp_path, articles, reference, monkeypatch):
    distributed = pytest.importorskip("dask.distributed")
    seen = []

    class Recorded(distributed.LocalCluster):
        def __enter__(self):
            cluster = super().__enter__()
            # The scheduler's HTTP server (health, metrics; the dashboard is off) is tornado's.
            http = [sock.getsockname()[0] for srv in cluster.scheduler.services.values()
                    for sock in srv._sockets.values()]
            seen.append((cluster.scheduler_address, http,
                         [w.worker_address for w in cluster.workers.values()]))
            return cluster

    monkeypatch.setattr(distributed, "LocalCluster", Recorded)
    out = tmp_path / "out.jsonl"
    summary = run_batch(write_jsonl(tmp_path / "corpus.jsonl", articles), out, workers=2, engine="dask",
                        stream=io.StringIO())
    assert out.read_bytes() == reference and summary.engine == "dask"
    [(scheduler, http, workers)] = seen
    assert scheduler.startswith("tcp://127.0.0.1:") and set(http) <= {"127.0.0.1"}, (scheduler, http)
    assert len(workers) == 2 and all(w.startswith("tcp://127.0.0.1:") for w in workers), workers


def test_an_existing_dask_cluster_by_its_address(tmp_path, articles, reference):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        out = tmp_path / "out.jsonl"
        assert main(["batch", str(write_jsonl(tmp_path / "corpus.jsonl", articles)), "-o", str(out),
                     "--scheduler", cluster.scheduler_address]) == 0
    assert out.read_bytes() == reference


@pytest.mark.parametrize("workers", [1, 2], ids=["in-process", "pool"])
def test_missing_geodata_is_one_clear_error(tmp_path, workers):
    with pytest.raises(GeodataError, match="missing"):
        list(check_many(["Kharkiv is 30 km from the Russian border."], workers=workers, geodata=tmp_path / "none"))


def test_parquet_has_the_jsonl_rows(tmp_path, articles, reference):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    run_batch(write_jsonl(tmp_path / "corpus.jsonl", articles), out, workers=1, stream=io.StringIO())
    table = pq.read_table(out).to_pylist()
    ref = [json.loads(line) for line in reference.splitlines()]
    assert len(table) == len(ref)
    assert [t["article_id"] for t in table] == [r["article_id"] for r in ref]
    assert [json.loads(t["claim_json"]) if t["claim_json"] else None for t in table] == [r["claim"] for r in ref]
    assert [t["verdict"] for t in table] == [r["claim"]["verdict"]["status"] if r["claim"] else None for r in ref]
    assert [t["measured_km"] for t in table] == [
        (r["claim"]["measurement"] or {}).get("distance_km") if r["claim"] else None for r in ref]


# --------------------------------------------------------------------- API, CLI, progress
def test_check_many_accepts_strings_and_mappings_in_order(checker):
    sentences = ["Kharkiv is 30 km (18 miles) from the Russian border.", "No distances here, only words."]
    got = list(check_many([sentences[0], {"id": "b", "text": sentences[1]}, {"id": "c"}], workers=1))
    assert [r.id for r in got] == ["0", "b", "c"]
    assert got[0].report == to_json(checker.check_text(sentences[0])) and got[0].claims == 1
    assert got[1].claims == 0 and got[1].error is None
    assert got[2].report is None and "neither 'text' nor 'html'" in got[2].error


@pytest.mark.parametrize("workers", [0, -2, 1.5, True], ids=["zero", "negative", "float", "bool"])
def test_check_many_refuses_bad_worker_counts(workers):
    with pytest.raises(InputError, match="workers must be a whole number"):
        list(check_many(["x"], workers=workers))


def test_import_borderwatch_stays_light():
    code = ("import sys, borderwatch; heavy = [m for m in ('borderwatch.batch', 'borderwatch.check', 'shapely', "
            "'dask') if m in sys.modules]; print(heavy); assert callable(borderwatch.check_many)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_plain_progress_lines_off_a_terminal(tmp_path, articles):
    stream = io.StringIO()
    run_batch(write_jsonl(tmp_path / "c.jsonl", articles[:3]), tmp_path / "o.jsonl", workers=1, stream=stream,
              progress_every_s=0.0)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 4 and "\r" not in stream.getvalue()
    assert re.fullmatch(r"borderwatch batch: 3/3 articles \(100%\), \d+ claims, 0 failed, [\d.,]+ articles/s, ETA 0 s",
                        lines[-1]), lines[-1]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_with_rate_on_a_terminal(tmp_path, articles):
    stream = _Terminal()
    run_batch(write_jsonl(tmp_path / "c.jsonl", articles[:3]), tmp_path / "o.jsonl", workers=1, stream=stream)
    text = stream.getvalue()
    assert "\r" in text and "3/3" in text and re.search(r"article/s|s/article", text), text
    assert "borderwatch batch:" not in text  # no plain lines on a terminal


def test_cli_batch_prints_the_summary(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(_jsonl(tmp_path)), "-o", str(out), "--workers", "1"]) == 0
    stdout = capsys.readouterr().out
    assert stdout.startswith("done: 3 articles") and "verdicts: consistent 3, inconsistent 1, not checkable 1" in stdout
    assert main(["batch", str(_jsonl(tmp_path)), "-o", str(out), "--workers", "1"]) == 0
    assert "3 from an earlier run, 0 checked now" in capsys.readouterr().out
    assert len(rows_of(out)) == 5


@pytest.mark.parametrize("argv,match", [
    (["batch", "no/such/corpus", "-o", "x.jsonl"], r"InputError: no such corpus"),
    (["batch", str(SEED), "-o", "x.jsonl"], r"cannot read .* as a corpus"),
    (["batch", str(ROOT / "tests" / "data" / "devset.jsonl"), "-o", "x.jsonl", "--workers", "0"],
     r"workers must be a whole number"),
    (["batch", str(ROOT / "tests" / "data" / "devset.jsonl"), "-o", "no/such/folder/x.jsonl"],
     r"InputError: cannot write the output .*No such file or directory"),
    (["batch", str(ROOT / "tests" / "data" / "devset.jsonl"), "-o", "."], r"InputError: the output '.' is a folder"),
], ids=["missing", "single-article", "zero-workers", "output-folder-missing", "output-is-a-folder"])
def test_cli_batch_errors_are_one_line(tmp_path, capsys, monkeypatch, argv, match):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and re.search(match, err), err


def test_recover_counts_what_is_there(tmp_path, reference, expected):
    p = tmp_path / "j.jsonl"
    p.write_bytes(reference)
    summary = Summary(input="c", output=str(p), engine="local", workers=1)
    done, cut = recover(p, summary=summary)
    assert done == set(expected) and not cut
    assert summary.claims == sum(len(r["claims"]) for r in expected.values()) and summary.resumed == len(expected)


def test_reading_a_corpus_is_lazy_and_bounded(tmp_path):
    """A 30 MB line is refused as one error row without being parsed; the next line is read."""
    p = tmp_path / "c.jsonl"
    with p.open("wb") as fh:
        fh.write(b'{"id": "huge", "text": "' + b"a" * 30_000_000 + b'"}\n')
        fh.write(b'{"id": "ok", "text": "Kharkiv is 30 km from the Russian border."}\n')
    got = list(read_corpus(p))
    assert [a.id for a in got] == ["c.jsonl:1", "ok"] and "longer than" in got[0].error

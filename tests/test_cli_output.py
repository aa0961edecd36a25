"""Every CLI output failure, and every bad `eval` input, is one line on stderr and a
non-zero exit, never a traceback (issue 13, defect 9).

Output: -o into a missing folder, onto a folder, onto /dev/full; standard output closed,
full, or unable to encode the report (PYTHONIOENCODING=ascii). Eval input: a bad JSONL
line (named by its number), a JSON list, a binary file, a folder, non-UTF-8, no items.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from borderwatch.cli import main

from support import SEED

REPO = Path(__file__).resolve().parents[1]
DEV_FULL = Path("/dev/full")


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{err}"
    assert "Traceback" not in err and lines[0].startswith("borderwatch: ")
    return lines[0]


@pytest.mark.parametrize("target, words", [
    ("missing-folder/out.json", "No such file or directory"),
    ("a-folder", "Is a directory"),
    ("/dev/full", "No space left on device"),
], ids=["missing-folder", "directory", "dev-full"])
def test_output_file_failure_is_one_line(tmp_path, capsys, target, words):
    if target == "/dev/full" and not DEV_FULL.exists():
        pytest.skip("no /dev/full on this system")
    (tmp_path / "a-folder").mkdir()
    out = target if target.startswith("/") else str(tmp_path / target)
    assert main(["check", str(SEED), "--format", "json", "-o", out]) == 1
    captured = capsys.readouterr()
    line = _one_line(captured.err)
    assert line.startswith("borderwatch: OutputError: cannot write") and words in line and "-o" not in line[:30]
    assert captured.out == ""


def _run_shell(redirect: str, env: dict | None = None, args: str = f"check {SEED}") -> subprocess.CompletedProcess:
    cmd = f"{sys.executable} -m borderwatch.cli {args} {redirect}"
    return subprocess.run(["sh", "-c", cmd], capture_output=True, text=True, timeout=120, cwd=REPO,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("redirect, words", [
    (">&-", "standard output is closed"),
    ("> /dev/full", "No space left on device"),
], ids=["stdout-closed", "stdout-full"])
def test_stdout_failure_is_one_line_in_a_real_process(redirect, words):
    if "full" in redirect and not DEV_FULL.exists():
        pytest.skip("no /dev/full on this system")
    proc = _run_shell(redirect)
    assert proc.returncode == 1
    line = _one_line(proc.stderr)
    assert line.startswith("borderwatch: OutputError: ") and words in line


def test_stdout_that_cannot_encode_the_report_is_one_line():
    proc = _run_shell("", env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 1
    line = _one_line(proc.stderr)
    assert "encoding (ascii)" in line and "PYTHONIOENCODING=utf-8" in line
    assert proc.stdout == ""  # nothing half-written


def test_an_ascii_stdout_still_gets_a_file_written(tmp_path):
    out = tmp_path / "seed.json"
    proc = _run_shell(f"-o {out}", env={"PYTHONIOENCODING": "ascii"}, args=f"check {SEED} --format json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["claims"]


# ------------------------------------------------------------------ eval input
GOOD = {"id": "x-1", "text": "Kharkiv is 30 km from the Russian border.", "claims": [], "non_claims": []}


def _eval_cases(tmp: Path) -> dict[str, tuple[Path, str]]:
    """name -> (the file given to `borderwatch eval`, words in the one-line error)."""
    good = json.dumps(GOOD)
    files = {
        "bad-jsonl-line": ("set.jsonl", f"{good}\n{good}\n{{\"id\": \"x-3\", \"text\": \n", "line 3 is not JSON"),
        "json-list": ("set.json", json.dumps([GOOD, GOOD]), "line 1: expected one JSON object per line, got an array"),
        "pretty-json-list": ("set.json", json.dumps([GOOD], indent=1), "line 1 is not JSON"),
        "binary": ("set.jsonl", bytes(range(256)) * 8, "binary"),
        "latin-1": ("set.jsonl", json.dumps({**GOOD, "text": "caf\xe9"}, ensure_ascii=False).encode("latin-1"),
                    "not UTF-8"),
        "empty": ("set.jsonl", "\n\n", "no labelled items"),
        "no-text": ("set.jsonl", json.dumps({"id": "a"}), "line 1: an item needs \"id\" and \"text\""),
        "claims-not-a-list": ("set.jsonl", json.dumps({**GOOD, "claims": {"quote": "x"}}),
                              "line 1: \"claims\" must be a list"),
        "claim-value-string": ("set.jsonl", json.dumps({**GOOD, "claims": [
            {"quote": "30 km", "value": "30", "expected_verdict": "consistent"}]}), "a number \"value\""),
    }
    out = {}
    for name, (fname, content, words) in files.items():
        d = tmp / name
        d.mkdir()
        p = d / fname
        p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        out[name] = (p, words)
    (tmp / "folder").mkdir()
    out["folder"] = (tmp / "folder", "is a folder")
    out["missing"] = (tmp / "nope.jsonl", "No such file")
    return out


EVAL_CASES = ["bad-jsonl-line", "json-list", "pretty-json-list", "binary", "latin-1", "empty", "no-text",
              "claims-not-a-list", "claim-value-string", "folder", "missing"]


@pytest.mark.parametrize("case", EVAL_CASES)
def test_eval_validates_its_input(tmp_path, capsys, case):
    path, words = _eval_cases(tmp_path)[case]
    assert main(["eval", str(path)]) == 1
    captured = capsys.readouterr()
    line = _one_line(captured.err)
    assert line.startswith("borderwatch: InputError: ") and words in line, line
    assert captured.out == ""


@pytest.mark.parametrize("case", ["bad-jsonl-line", "binary", "folder"])
def test_eval_bad_input_in_a_real_process(tmp_path, case):
    path, words = _eval_cases(tmp_path)[case]
    proc = subprocess.run([sys.executable, "-m", "borderwatch.cli", "eval", str(path)], capture_output=True,
                          text=True, timeout=120, cwd=REPO)
    assert proc.returncode == 1
    assert words in _one_line(proc.stderr)

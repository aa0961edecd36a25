"""The worst inputs we can construct under borderwatch's caps (issue 13), timed on the CLI
and the page. Used by bench_adversarial.py; prints figures, asserts nothing.

Each case is text (or an HTML upload) built from the embedded gazetteer, plus 199,000
characters of real news (the dev sets' sentences). For each:
- CLI: a real `python -m borderwatch.cli check FILE` process (wall time, start-up and
  the geodata checksum included) and the check alone in-process, wall and CPU time of the
  thread (the work budget counts CPU: on a shared machine wall time is the load) (target 1 s);
- page: AppTest pastes the text and presses "Check this text" (server time of the whole
  rerun: check, table, map); an HTML case is timed as text_from_upload + check (the
  upload widget cannot be driven by AppTest) (target 2 s);
- the outcome: accepted (claims, and how many the work budget left "not checkable") or
  refused (the message's first words).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from borderwatch.check import check_text, default_checker  # noqa: E402
from corpus_kit import real_news_text, town_names  # noqa: E402
from borderwatch.budget import budget_reason  # noqa: E402
from borderwatch.claims import MAX_LENGTH_FIGURES  # noqa: E402
from borderwatch.errors import InputError  # noqa: E402
from borderwatch.page import MAX_HTML_UPLOAD_BYTES, text_from_upload  # noqa: E402
from borderwatch.settings import MAX_HTML_TAGS, MAX_INPUT_CHARS, WORK_BUDGET_S  # noqa: E402

CLI_TARGET_S, PAGE_TARGET_S = 1.0, 2.0


def _names(n: int, *, ambiguous: bool) -> list[str]:
    return town_names(default_checker().geodata, n, ambiguous=ambiguous)


def _claims(names: list[str], n: int, target: str, unit: str = "km") -> str:
    return " ".join(f"{names[i % len(names)]} is {10 + i % 90} {unit} from {target}." for i in range(n))


def _fresh():
    """A checker with an empty measurement memo (shares the loaded geodata)."""
    base = default_checker()
    return type(base)(base.geodata)


def text_cases() -> list[tuple[str, str]]:
    cap = MAX_LENGTH_FIGURES
    far, amb = _names(cap, ambiguous=False), _names(cap, ambiguous=True)
    region = "the Dnipropetrovsk region"
    return [
        ("199,000 chars of real news (dev sets, repeated)", real_news_text(199_000)),
        (f"{cap + 1:,} 'N mi from' claims (issue: 32 s)", _claims(far, cap + 1, "Kyiv", "mi")),
        ("999 km-to-region, distinct far towns (was 12 s)", _claims(far, 999, region)),
        (f"{cap:,} km-to-region, distinct far towns", _claims(far, cap, region)),
        (f"{cap:,} km-to-region, distinct ambiguous towns", _claims(amb, cap, region)),
        (f"{cap:,} km-to-border, distinct ambiguous towns", _claims(amb, cap, "the border")),
        (f"{cap:,} km-to-border, one town (999 was 3.2 s)", "Kharkiv is 30 km from the Russian border. " * cap),
        (f"{cap:,} km-to-region, one town", "Rechytsa is 40 km from the Chernihiv region. " * cap),
    ]


def html_cases() -> list[tuple[str, bytes]]:
    cap = MAX_HTML_UPLOAD_BYTES
    filler = b"<p>Kharkiv is about 30 km from the Russian border.</p>\n"
    return [
        ("5 MB of '<' (was 10.8 s to parse)", b"<" * 5_000_000),
        ("5 MB of nested <div> (was 6.2 s)", b"<div>" * 1_000_000),
        (f"{cap / 1e6:.0f} MB of '<' (tag cap)", b"<" * cap),
        (f"{MAX_HTML_TAGS - 1:,} '<a =>' + text to {cap / 1e6:.0f} MB", _pad(b"<a =>" * (MAX_HTML_TAGS - 1), cap)),
        (f"{MAX_HTML_TAGS - 1:,} nested <div> + text to {cap / 1e6:.0f} MB", _pad(b"<div>" * (MAX_HTML_TAGS - 1), cap)),
        (f"{cap / 1e6:.0f} MB of closed tags with 2,000 attributes", _fill(b"<a " + b"x=1 " * 2000 + b">", cap)),
        (f"{cap / 1e6:.0f} MB of one unclosed tag", b"<a " + b"x=1 " * ((cap - 3) // 4)),
        (f"{cap / 1e6:.0f} MB of ordinary markup", _fill(filler, cap)),
    ]


def _fill(unit: bytes, n: int) -> bytes:
    return unit * (n // len(unit))


def _pad(head: bytes, n: int) -> bytes:
    return head + b"x" * max(0, n - len(head))


def _outcome(fn) -> tuple[float, float, str]:
    """(wall s, CPU s of this thread, the outcome in words)."""
    t0, c0 = time.perf_counter(), time.thread_time()
    try:
        report = fn()
        left = sum(1 for r in report.results if r.verdict.reason == budget_reason(WORK_BUDGET_S))
        out = f"accepted, {len(report.results):,} claims" + (f", {left:,} left by the budget" if left else "")
    except InputError as exc:
        out = f"refused: {str(exc)[:60]}…"
    return time.perf_counter() - t0, time.thread_time() - c0, out


def _cli(text: str) -> tuple[float, int]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(text)
    try:
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "borderwatch.cli", "check", fh.name], capture_output=True,
                              timeout=600, cwd=REPO)
        return time.perf_counter() - t0, proc.returncode
    finally:
        os.unlink(fh.name)


def _page(text: str) -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=600).run()
    at.radio(key="mode").set_value("Paste text").run()
    at.text_area(key="pasted").input(text)
    t0 = time.perf_counter()
    at.button(key="check_pasted").click().run()
    return time.perf_counter() - t0


def _mark(t: float, target: float) -> str:
    return "ok" if t <= target else "OVER"


def run_worst(seed: str) -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"worst constructed cases under the caps ({MAX_INPUT_CHARS:,} chars, {MAX_LENGTH_FIGURES:,} figures, "
          f"work budget {WORK_BUDGET_S:g} s CPU, HTML {MAX_HTML_UPLOAD_BYTES:,} B / {MAX_HTML_TAGS:,} tags); "
          f"load average {load:.1f} on {os.cpu_count()} CPUs; every check on a fresh checker (empty caches)")
    t_seed_cli, _ = _cli(seed)
    print(f"peer: seed article on the CLI (process, start-up included): {t_seed_cli:.2f} s\n")
    print(f"{'case':50s} {'check':>7s} {'cpu':>6s} {'CLI proc':>9s} {'page':>7s}  outcome")
    for name, text in text_cases():
        t_check, c_check, out = _outcome(lambda: check_text(text, checker=_fresh()))
        t_proc, _ = _cli(text)
        t_page = _page(text)
        print(f"{name:50s} {t_check:6.2f}s {c_check:5.2f}s {t_proc:8.2f}s {t_page:6.2f}s  {out} "
              f"[check cpu {_mark(c_check, CLI_TARGET_S)}, page {_mark(t_page, PAGE_TARGET_S)}]", flush=True)
    for name, data in html_cases():
        t_page, c_page, out = _outcome(lambda: check_text(text_from_upload("page.html", data), checker=_fresh()))
        print(f"{name:50s} {'':>7s} {c_page:5.2f}s {'':>9s} {t_page:6.2f}s  {out} [page {_mark(t_page, PAGE_TARGET_S)}]",
              flush=True)
    print()

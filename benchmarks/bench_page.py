"""Benchmark the page: start → map drawn, rerun time, map payload. Prints figures and targets.

Run from the repo root:  .venv/bin/python benchmarks/bench_page.py [--runs N]

1. server start → map rendered in Debian's chromium (cold: a fresh `streamlit run`;
   warm: a new browser page against the running server). Target ≤ 3 s warm.
2. server time of a rerun after selecting a claim (AppTest, mean and max). Target ≤ 300 ms.
3. map payload per rerun: the st_folium component's script + header + html. Target ≤ 500 KB.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from browserkit import CHROMIUM, CHROMIUM_ARGS as ARGS, MAP_IFRAME, wait_for_map_text  # noqa: E402


def _line(name: str, value: str, target: str, ok: bool | None) -> None:
    mark = "" if ok is None else ("  ok" if ok else "  OVER TARGET")
    print(f"{name:<52} {value:>14}   target {target}{mark}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_map(page, url: str) -> float:
    t0 = time.perf_counter()
    page.goto(url)
    frame_el = page.locator(MAP_IFRAME)
    frame_el.wait_for(state="visible", timeout=60_000)
    frame = frame_el.element_handle().content_frame()
    frame.locator(".leaflet-container").wait_for(state="visible", timeout=60_000)
    frame.locator(".leaflet-tooltip").first.wait_for(state="visible", timeout=60_000)
    return time.perf_counter() - t0


def bench_browser(runs: int) -> None:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        print(f"(browser figures skipped: {CHROMIUM} not found)")
        return
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"})
        try:
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                        if r.status == 200:
                            break
                except OSError:
                    time.sleep(0.05)
                if time.perf_counter() - t0 > 60:
                    raise RuntimeError("streamlit did not become healthy in 60 s")
            t_health = time.perf_counter() - t0
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            t_cold = t_health + _wait_map(page, url)
            page.close()
            warm = []
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1500, "height": 1000})
                warm.append(_wait_map(page, url))
                page.close()
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            _wait_map(page, url)
            t1 = time.perf_counter()
            page.get_by_text("#3 · 90 km · consistent").click()
            wait_for_map_text(page, "measured 92.4 km")
            t_click = time.perf_counter() - t1
        finally:
            proc.terminate()
            proc.wait(timeout=10)
            browser.close()
    _line("server start → healthy", f"{t_health:.2f} s", "—", None)
    _line("server start → map rendered (cold)", f"{t_cold:.2f} s", "—", None)
    _line(f"page load → map rendered (warm, median of {runs})", f"{statistics.median(warm):.2f} s",
          "≤ 3 s", statistics.median(warm) <= 3.0)
    _line("click claim #3 → its label on the map (browser)", f"{t_click:.2f} s", "—", None)


def bench_apptest(runs: int) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    times, payloads = [], {}
    for i in range(runs):
        sel = (3, 2, 1)[i % 3]
        t0 = time.perf_counter()
        at.radio(key="selected").set_value(sel).run()
        times.append(time.perf_counter() - t0)
        (comp,) = at.get("component_instance")
        args = json.loads(comp.proto.json_args)
        payloads[sel] = sum(len(args[k].encode()) for k in ("script", "header", "html"))
    at.radio(key="selected").set_value(2).run()
    at.checkbox(key="show_alts").check().run()
    (comp,) = at.get("component_instance")
    args = json.loads(comp.proto.json_args)
    alt_payload = sum(len(args[k].encode()) for k in ("script", "header", "html"))
    _line("first run of the page (AppTest, cold caches)", f"{first * 1000:.0f} ms", "—", None)
    _line(f"rerun after selecting a claim (AppTest, mean of {runs})", f"{statistics.mean(times) * 1000:.0f} ms",
          "≤ 300 ms", statistics.mean(times) <= 0.3)
    _line("   … max", f"{max(times) * 1000:.0f} ms", "≤ 300 ms", max(times) <= 0.3)
    for sel, size in sorted(payloads.items()):
        _line(f"map payload per rerun, claim #{sel} selected", f"{size / 1024:.0f} KB", "≤ 500 KB",
              size <= 500 * 1024)
    _line("map payload, claim #2 + other anchor candidates", f"{alt_payload / 1024:.0f} KB", "≤ 500 KB",
          alt_payload <= 500 * 1024)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=9, help="repetitions of each timed step")
    ap.add_argument("--no-browser", action="store_true", help="skip the chromium figures")
    opts = ap.parse_args()
    os.chdir(ROOT)
    bench_apptest(opts.runs)
    if not opts.no_browser:
        bench_browser(max(3, opts.runs // 3))


if __name__ == "__main__":
    main()

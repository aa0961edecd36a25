#!/usr/bin/env python3
"""Hostile-server benchmark of the opt-in online lookups: prints figures, not a test.

    .venv/bin/python benchmarks/bench_online.py [--quick]

A loopback server imitating Nominatim (127.0.0.1 only) plays the cases of issue 13,
defect 6; each client runs in its own process so its peak memory (VmHWM) is its own.
The named peer is geopy 2.5's stock path: ``Nominatim`` with its ``URLLibAdapter``
(one attempt per request; geopy's default ``RequestsAdapter`` retries read timeouts
on top) and ``RateLimiter(min_delay_seconds=1)``: what one writes first.

- an endless answer with no Content-Length (1.5 GB for borderwatch; 150 MB for the
  peer, which reads it whole, to spare a shared machine): time, bytes the server got
  to send, peak RSS of the client;
- five names each answered after 8 s: total time with the default 5 s timeout and
  the default article deadline (``online_article_deadline_s``);
- three processes sharing one cache, each looking up its own name at once: answers
  kept in the cache file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
NAMES = ("Zorkiv", "Blorvka", "Xandrivka", "Quemliv", "Vyzzyhorod")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        srv, q = self.server, parse_qs(urlsplit(self.path).query).get("q", [""])[0]
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            if srv.mode == "stream":
                self.end_headers()
                self.wfile.write(b"[")
                chunk = b" " * 65536
                while srv.sent < srv.limit:
                    self.wfile.write(chunk)
                    srv.sent += len(chunk)
                self.wfile.write(b"]")
                return
            time.sleep(srv.sleep_s)
            body = json.dumps([{"lat": "52.3617", "lon": "30.3916", "name": q, "display_name": f"{q}, Belarus",
                                "osm_type": "node", "osm_id": sum(map(ord, q)),
                                "address": {"country_code": "by"}}]).encode()
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client hung up

    def log_message(self, *args):
        pass


CLIENT = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
kind, domain, cache, names = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5].split(",")
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
if kind == "borderwatch":
    from borderwatch.errors import OnlineLookupError
    from borderwatch.online import OnlineGeocoder, article_deadline
    geo = OnlineGeocoder(domain=domain, scheme="http", cache_dir=cache)
    deadline = article_deadline()
    look = lambda n: geo.lookup(n, deadline=deadline)
    errors = (OnlineLookupError,)
else:
    from geopy.adapters import URLLibAdapter
    from geopy.exc import GeopyError
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim
    nom = Nominatim(user_agent="bench", domain=domain, scheme="http", timeout=5, adapter_factory=URLLibAdapter)
    look = RateLimiter(nom.geocode, min_delay_seconds=1, max_retries=0, swallow_exceptions=False)
    errors = (GeopyError, ValueError)
base, t0, outcomes = hwm(), time.monotonic(), []
for n in names:
    try:
        outcomes.append("ok" if look(n) else "none")
    except errors as exc:
        outcomes.append(type(exc).__name__ + ": " + str(exc)[:90])
print(json.dumps({"s": time.monotonic() - t0, "hwm_mb": hwm(), "base_mb": base, "outcomes": outcomes}))
"""


def client(kind: str, domain: str, cache: str, names) -> dict:
    env = {**os.environ, "NO_PROXY": "127.0.0.1"}
    out = subprocess.run([sys.executable, "-c", CLIENT, str(ROOT / "src"), kind, domain, cache, ",".join(names)],
                         capture_output=True, text=True, env=env, timeout=600, check=True)
    return json.loads(out.stdout)


def stream_case(srv, domain: str, cache: str, quick: bool) -> None:
    for kind, limit in (("borderwatch", 1_500_000_000), ("geopy-peer", 150_000_000)):
        if quick:
            limit //= 10
        srv.mode, srv.sent, srv.limit = "stream", 0, limit
        r = client(kind, domain, cache, ["Rechytsa"])
        time.sleep(0.2)
        print(f"endless answer ({limit / 1e6:,.0f} MB offered), {kind}: {r['s']:.2f} s, server sent "
              f"{srv.sent / 1e6:,.1f} MB, client peak RSS {r['hwm_mb']:,.0f} MB "
              f"(+{r['hwm_mb'] - r['base_mb']:,.0f} MB) — {r['outcomes'][0]}")


def slow_case(srv, domain: str, cache: str) -> None:
    srv.mode, srv.sleep_s = "answer", 8.0
    times = {}
    for kind in ("borderwatch", "geopy-peer"):
        r = client(kind, domain, tempfile.mkdtemp(dir=cache), NAMES)
        times[kind] = r["s"]
        print(f"5 names answered after 8 s each, {kind}: {r['s']:.1f} s — {r['outcomes'][0]}; "
              f"then {r['outcomes'][-1]}")
    print(f"  ratio peer/borderwatch: {times['geopy-peer'] / times['borderwatch']:.1f}x")


def shared_cache_case(srv, domain: str, cache: str) -> None:
    srv.mode, srv.sleep_s = "answer", 0.5
    shared = tempfile.mkdtemp(dir=cache)
    env = {**os.environ, "NO_PROXY": "127.0.0.1"}
    procs = [subprocess.Popen([sys.executable, "-c", CLIENT, str(ROOT / "src"), "borderwatch", domain, shared, n],
                              stdout=subprocess.PIPE, text=True, env=env) for n in NAMES[:3]]
    for p in procs:
        p.communicate(timeout=120)
    stored = json.loads((Path(shared) / "nominatim.json").read_text(encoding="utf-8"))
    kept = sum(len(v) for v in stored["endpoints"].values())
    print(f"3 concurrent runs sharing one cache: {kept} of 3 answers kept")


def main() -> None:
    quick = "--quick" in sys.argv
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads, srv.mode, srv.sleep_s, srv.sent, srv.limit = True, "answer", 0.0, 0, 0
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    domain = f"127.0.0.1:{srv.server_address[1]}"
    try:
        with tempfile.TemporaryDirectory() as cache:
            stream_case(srv, domain, cache, quick)
            slow_case(srv, domain, cache)
            shared_cache_case(srv, domain, cache)
    finally:
        srv.shutdown()
        srv.server_close()


if __name__ == "__main__":
    main()

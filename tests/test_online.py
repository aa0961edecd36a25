"""The opt-in online geocoder against a loopback server that imitates Nominatim.

No test here leaves 127.0.0.1: the server is ``http.server`` in a thread on a free
port, and each test sets what ``/search`` answers (a place, a slow answer, 429,
500, broken JSON, an empty list).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from borderwatch.errors import BorderwatchError, OnlineLookupError
from borderwatch.model import Place
from borderwatch.online import DATASET, OnlineFallback, OnlineGeocoder, make_fallback

# Nominatim's answer for "Rechytsa" (jsonv2-like subset, addressdetails=1), as seen on
# nominatim.openstreetmap.org: the town in Homyel Region, Belarus.
RECHYTSA = [{
    "place_id": 123456, "osm_type": "relation", "osm_id": 5799370,
    "lat": "52.3617", "lon": "30.3916", "name": "Rechytsa",
    "display_name": "Rechytsa, Rechytsa District, Homyel Region, Belarus",
    "boundingbox": ["52.3300", "52.3900", "30.3300", "30.4500"],
    "class": "place", "type": "town", "importance": 0.5,
    "address": {"town": "Rechytsa", "state": "Homyel Region", "country": "Belarus", "country_code": "by"},
}]


class _Nominatim(BaseHTTPRequestHandler):
    """Answers /search with whatever the server's ``mode`` says."""

    def do_GET(self):  # noqa: N802 (http.server's naming)
        srv = self.server
        srv.requests.append((self.path, self.headers.get("User-Agent")))
        mode = srv.mode
        if mode == "ok":
            self._send(200, json.dumps(RECHYTSA).encode())
        elif mode == "slow":
            time.sleep(srv.sleep_s)
            self._send(200, json.dumps(RECHYTSA).encode())
        elif mode == "trickle":
            # Headers at once, then one byte every 0.3 s: no single read ever times out.
            body = json.dumps(RECHYTSA).encode()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                for i in range(len(body)):
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
                    time.sleep(0.3)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif mode == "429":
            self._send(429, b'{"error": "Too Many Requests"}')
        elif mode == "500":
            self._send(500, b"<html>Internal Server Error</html>", ctype="text/html")
        elif mode == "503":
            self._send(503, b"<html>Service Unavailable</html>", ctype="text/html")
        elif mode == "malformed":
            self._send(200, b'[{"lat": "52.36", "lon": ')
        elif mode == "wrong_shape":
            self._send(200, json.dumps([{"lat": "north", "lon": "east", "display_name": "x"}]).encode())
        elif mode == "out_of_range":
            self._send(200, json.dumps([{**RECHYTSA[0], "lat": "152.0"}]).encode())
        elif mode == "empty":
            self._send(200, b"[]")
        else:  # pragma: no cover
            self._send(404, b"")

    def _send(self, code: int, body: bytes, ctype: str = "application/json") -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture(scope="module")
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    srv.daemon_threads = True
    srv.requests, srv.mode, srv.sleep_s = [], "ok", 0.0
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def nominatim(server, monkeypatch):
    """The server reset for one test; proxies disabled so loopback stays loopback."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    server.requests.clear()
    server.mode, server.sleep_s = "ok", 0.0
    return server


def _geocoder(server, tmp_path, **kw) -> OnlineGeocoder:
    host, port = server.server_address[:2]
    kw.setdefault("min_delay_s", 0.0)
    kw.setdefault("timeout", 2.0)
    return OnlineGeocoder(endpoint=f"http://{host}:{port}", cache_dir=tmp_path / "cache", **kw)


def test_success_returns_place_marked_online_and_second_call_is_cached(nominatim, tmp_path):
    geo = _geocoder(nominatim, tmp_path)
    place = geo.lookup("Rechytsa")
    assert isinstance(place, Place)
    assert place.kind == "city" and place.name == "Rechytsa" and place.country == "BY"
    assert place.dataset == DATASET == "OpenStreetMap Nominatim (online, opted in)"
    assert place.key == "online:relation/5799370"
    assert (place.lat, place.lon) == (52.3617, 30.3916)
    assert 1.0 <= place.radius_km <= 25.0  # half the bbox diagonal (~5 km), clamped
    assert place.radius_km == pytest.approx(4.9, abs=0.5)
    assert "Nominatim" in place.note
    again = geo.lookup("  rechytsa ")  # same query after case/space folding
    assert again == place
    assert len(nominatim.requests) == 1, "the second lookup must come from the cache"
    path, user_agent = nominatim.requests[0]
    assert urlsplit(path).path == "/search"
    assert parse_qs(urlsplit(path).query)["q"] == ["Rechytsa"]
    assert user_agent == "borderwatch/0.1 (fact-checking tool)"


def test_cache_persists_on_disk_across_instances(nominatim, tmp_path):
    _geocoder(nominatim, tmp_path).lookup("Rechytsa")
    nominatim.mode = "500"  # a second instance must not even ask
    place = _geocoder(nominatim, tmp_path).lookup("Rechytsa")
    assert place.name == "Rechytsa"
    assert len(nominatim.requests) == 1
    assert (tmp_path / "cache" / "nominatim.json").is_file()


def test_corrupt_cache_file_is_a_cold_cache(nominatim, tmp_path):
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "nominatim.json").write_text("{not json")
    assert _geocoder(nominatim, tmp_path).lookup("Rechytsa").country == "BY"
    assert len(nominatim.requests) == 1


def test_timeout_raises_within_the_timeout(nominatim, tmp_path):
    nominatim.mode, nominatim.sleep_s = "slow", 4.0
    geo = _geocoder(nominatim, tmp_path, timeout=1.0)
    t0 = time.monotonic()
    with pytest.raises(OnlineLookupError, match=r"did not answer .*'Rechytsa'.* within 1 s \(timeout\)"):
        geo.lookup("Rechytsa")
    elapsed = time.monotonic() - t0
    assert elapsed < 1.0 + 1.5, f"lookup hung for {elapsed:.2f} s with a 1 s timeout"


def test_a_trickling_answer_is_a_timeout_too(nominatim, tmp_path):
    """geopy's timeout bounds each read; a server sending a byte every 0.3 s would hold
    a lookup for minutes. The whole request must end within the timeout."""
    nominatim.mode = "trickle"
    geo = _geocoder(nominatim, tmp_path, timeout=1.0)
    t0 = time.monotonic()
    with pytest.raises(OnlineLookupError, match=r"within 1 s \(timeout\)"):
        geo.lookup("Rechytsa")
    elapsed = time.monotonic() - t0
    assert elapsed < 1.0 + 1.5, f"lookup hung for {elapsed:.2f} s with a 1 s timeout"


@pytest.mark.parametrize("mode, pattern", [
    ("429", r"HTTP 429 \(too many requests; rate limited\)"),
    ("500", r"HTTP 500 \(server error\)"),
    ("503", r"HTTP 503 \(server error\)"),
    ("malformed", r"malformed answer"),
    ("wrong_shape", r"malformed answer"),
    ("out_of_range", r"(?i)malformed answer.*latitude"),
    ("empty", r"found no place named 'Rechytsa'"),
], ids=["http-429", "http-500", "http-503", "malformed-json", "wrong-shape", "latitude-152", "empty-list"])
def test_each_failure_is_a_clear_online_lookup_error(nominatim, tmp_path, mode, pattern):
    nominatim.mode = mode
    geo = _geocoder(nominatim, tmp_path)
    t0 = time.monotonic()
    with pytest.raises(OnlineLookupError, match=pattern) as info:
        geo.lookup("Rechytsa")
    assert time.monotonic() - t0 < 2.0 + 1.5, "a failure must not wait for retries"
    assert isinstance(info.value, BorderwatchError) and isinstance(info.value, RuntimeError)
    assert "Nominatim" in str(info.value) and "\n" not in str(info.value)
    assert len(nominatim.requests) == 1, "no retries behind the caller's back"


def test_no_match_is_cached_too(nominatim, tmp_path):
    nominatim.mode = "empty"
    geo = _geocoder(nominatim, tmp_path)
    for _ in range(2):
        with pytest.raises(OnlineLookupError, match="found no place"):
            geo.lookup("Xyzzyville")
    assert len(nominatim.requests) == 1


def test_failures_are_not_cached(nominatim, tmp_path):
    nominatim.mode = "500"
    geo = _geocoder(nominatim, tmp_path)
    with pytest.raises(OnlineLookupError):
        geo.lookup("Rechytsa")
    nominatim.mode = "ok"
    assert geo.lookup("Rechytsa").name == "Rechytsa"
    assert len(nominatim.requests) == 2


@pytest.mark.parametrize("name", ["", "   ", "x" * 201], ids=["empty", "blank", "too-long"])
def test_bad_names_are_refused_without_a_request(nominatim, tmp_path, name):
    with pytest.raises(OnlineLookupError):
        _geocoder(nominatim, tmp_path).lookup(name)
    assert nominatim.requests == []


def test_rate_limiter_spaces_requests(nominatim, tmp_path):
    geo = _geocoder(nominatim, tmp_path, min_delay_s=0.5)
    t0 = time.monotonic()
    geo.lookup("Rechytsa")
    geo.lookup("Gomel")  # a different query: a second request
    assert len(nominatim.requests) == 2
    assert time.monotonic() - t0 >= 0.5


def test_unreachable_server_is_an_error_not_a_hang(tmp_path, monkeypatch):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    geo = OnlineGeocoder(endpoint=f"http://127.0.0.1:{port}", cache_dir=tmp_path, min_delay_s=0, timeout=1.0)
    t0 = time.monotonic()
    with pytest.raises(OnlineLookupError, match="Nominatim"):
        geo.lookup("Rechytsa")
    assert time.monotonic() - t0 < 2.5


def test_fallback_returns_none_and_records_the_message(nominatim, tmp_path):
    geo = _geocoder(nominatim, tmp_path)
    fallback = make_fallback(geo)
    assert isinstance(fallback, OnlineFallback) and callable(fallback)
    nominatim.mode = "429"
    assert fallback("Rechytsa") is None
    nominatim.mode = "empty"
    assert fallback("Xyzzyville") is None
    assert len(fallback.errors) == 2
    assert "HTTP 429" in fallback.errors[0] and "'Rechytsa'" in fallback.errors[0]
    assert "found no place named 'Xyzzyville'" in fallback.errors[1]
    nominatim.mode = "ok"
    assert fallback("Rechytsa").dataset == DATASET
    assert len(fallback.errors) == 2


def test_default_endpoint_is_the_public_nominatim_over_https(tmp_path):
    geo = OnlineGeocoder(cache_dir=tmp_path)  # constructing sends nothing
    assert geo.endpoint == "https://nominatim.openstreetmap.org"
    assert geo.requests_sent == 0


@pytest.mark.parametrize("kw", [{"timeout": 0}, {"timeout": float("nan")}, {"min_delay_s": -1},
                                {"user_agent": ""}, {"endpoint": "ftp://127.0.0.1"}],
                         ids=["timeout-0", "timeout-nan", "delay-negative", "no-user-agent", "ftp"])
def test_bad_options_are_refused(tmp_path, kw):
    with pytest.raises(ValueError):
        OnlineGeocoder(cache_dir=tmp_path, **kw)


# ------------------------------------------------------------ through the pipeline
def test_checker_uses_the_fallback_for_unresolved_names_only(nominatim, tmp_path):
    """'Zorkiv' is not in the embedded gazetteer: with the option on, it is looked up
    online (the loopback server answers Rechytsa) and the measurement says so; Gomel,
    which is embedded, is never sent."""
    from borderwatch.check import Checker

    checker = Checker()
    fallback = make_fallback(_geocoder(nominatim, tmp_path))
    checker.online = fallback
    try:
        report = checker.check_text("Zorkiv is about 40 km from Gomel.")
    finally:
        checker.online = None
    (result,) = report.results
    assert result.anchor.place.dataset == DATASET
    assert "found online" in result.anchor.reason
    assert DATASET in result.measurement.dataset
    assert result.measurement.distance_km == pytest.approx(40.55, abs=0.05)  # Rechytsa–Gomel
    queries = [parse_qs(urlsplit(p).query)["q"][0] for p, _ in nominatim.requests]
    assert queries == ["Zorkiv"]
    assert fallback.errors == []


def test_checker_with_a_failing_server_still_checks_the_rest_offline(nominatim, tmp_path):
    from borderwatch.check import Checker

    nominatim.mode = "429"
    checker = Checker()
    fallback = make_fallback(_geocoder(nominatim, tmp_path))
    checker.online = fallback
    try:
        report = checker.check_text("Zorkiv is about 40 km from Gomel. Rechytsa is about 40 km from Gomel.")
    finally:
        checker.online = None
    first, second = report.results
    assert first.verdict.status == "unresolved"
    assert second.verdict.status == "consistent"
    assert second.measurement.dataset.count("Nominatim") == 0
    assert len(fallback.errors) == 1 and "HTTP 429" in fallback.errors[0]

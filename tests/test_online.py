"""The opt-in online geocoder against a loopback server that imitates Nominatim.

No test here leaves 127.0.0.1: the server is ``http.server`` in a thread on a free
port, and each test sets what ``/search`` answers (a place, a slow answer, 429,
500, broken JSON, an empty list).
"""

from __future__ import annotations

import json
from dataclasses import replace
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from borderwatch.errors import BorderwatchError, OnlineLookupError
from borderwatch.model import Place
from borderwatch.check import Checker
from borderwatch.model import ChosenBy, Status
from borderwatch.online import DATASET, OnlineGeocoder
from borderwatch.settings import DEFAULTS
from borderwatch.settings import DEFAULTS

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
        handler = getattr(self, "_mode_" + srv.mode, None)
        if handler is not None:
            handler(srv)
        elif srv.mode in _FIXED:
            self._send(*_FIXED[srv.mode])
        else:  # pragma: no cover
            self._send(404, b"")

    def _query(self) -> str:
        return parse_qs(urlsplit(self.path).query)["q"][0]

    def _mode_ok(self, srv):
        self._send(200, json.dumps(RECHYTSA).encode())

    def _mode_slow(self, srv):
        time.sleep(srv.sleep_s)
        self._send(200, json.dumps(RECHYTSA).encode())

    def _mode_echo(self, srv):
        """A distinct place per query (its name and id), after ``sleep_s``."""
        time.sleep(srv.sleep_s)
        q = self._query()
        answer = {**RECHYTSA[0], "name": q, "display_name": f"{q}, Belarus", "osm_id": sum(map(ord, q))}
        self._send(200, json.dumps([answer]).encode())

    def _mode_body(self, srv):
        """Exactly ``srv.body`` with ``srv.ctype`` and ``srv.headers`` (status ``srv.status``)."""
        self._send(srv.status, srv.body, ctype=srv.ctype, headers=srv.headers)

    def _mode_answer(self, srv):
        """Rechytsa with some fields replaced (``srv.answer``); None values drop the field."""
        answer = {**RECHYTSA[0], **srv.answer}
        answer = {k: v for k, v in answer.items() if v is not None}
        self._send(200, json.dumps([answer]).encode())

    def _mode_trickle(self, srv):
        # Headers at once, then one byte every 0.3 s: no single read ever times out.
        body = json.dumps(RECHYTSA).encode()
        self._stream([body[i:i + 1] for i in range(len(body))], pause=0.3, length=len(body))

    def _mode_trickle_headers(self, srv):
        # The status line at once, then a header one byte every 0.2 s (for 20 s).
        try:
            self.wfile.write(b"HTTP/1.0 200 OK\r\nX-Pad: ")
            for _ in range(100):
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:  # BrokenPipe, ConnectionReset, SSLEOF: the client hung up
            srv.broken.set()

    def _mode_stream(self, srv):
        """A JSON array that never ends: 64 KiB of spaces at a time, no Content-Length."""
        self._stream([b"["] + [b" " * 65536] * srv.chunks, pause=srv.sleep_s, length=srv.announce)

    def _mode_redirect(self, srv):
        self._send(srv.status, b"", headers={"Location": srv.location})

    def _stream(self, chunks, *, pause: float, length: int | None):
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            if length is not None:
                self.send_header("Content-Length", str(length))
            self.end_headers()
            for chunk in chunks:
                self.wfile.write(chunk)
                self.wfile.flush()
                self.server.bytes_written += len(chunk)
                if pause:
                    time.sleep(pause)
        except OSError:  # BrokenPipe, ConnectionReset, SSLEOF: the client hung up
            self.server.broken.set()

    def _send(self, code: int, body: bytes, ctype: str = "application/json", headers=None) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            headers = {"Content-Length": str(len(body)), **(headers or {})}
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # BrokenPipe, ConnectionReset, SSLEOF: the client hung up
            pass  # the client gave up (the timeout test)

    def log_message(self, *args):  # keep pytest output clean
        pass


_FIXED = {  # mode -> (status, body, content type)
    "429": (429, b'{"error": "Too Many Requests"}', "application/json"),
    "500": (500, b"<html>Internal Server Error</html>", "text/html"),
    "503": (503, b"<html>Service Unavailable</html>", "text/html"),
    "malformed": (200, b'[{"lat": "52.36", "lon": ', "application/json"),
    "wrong_shape": (200, json.dumps([{"lat": "north", "lon": "east", "display_name": "x"}]).encode(),
                    "application/json"),
    "out_of_range": (200, json.dumps([{**RECHYTSA[0], "lat": "152.0"}]).encode(), "application/json"),
    "empty": (200, b"[]", "application/json"),
}


@pytest.fixture(scope="module")
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    srv.daemon_threads = True
    srv.requests = []
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
    server.mode, server.sleep_s, server.status, server.location = "ok", 0.0, 200, ""
    server.body, server.ctype, server.headers, server.answer = b"", "application/json", {}, {}
    server.chunks, server.announce, server.bytes_written = 0, None, 0
    server.broken = threading.Event()
    return server


def _geocoder(server, tmp_path, **kw) -> OnlineGeocoder:
    host, port = server.server_address[:2]
    kw.setdefault("min_delay_seconds", 0.0)
    kw.setdefault("timeout", 2.0)
    return OnlineGeocoder(domain=f"{host}:{port}", scheme="http", cache_dir=tmp_path / "cache", **kw)


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


@pytest.mark.parametrize("entry", ["garbage", {"lat": "999", "lon": "0"}, ["a", "list"], 7],
                         ids=["string", "latitude-999", "list", "number"])
def test_a_damaged_cache_entry_is_asked_again(nominatim, tmp_path, entry):
    cache = tmp_path / "cache"
    cache.mkdir()
    host, port = nominatim.server_address[:2]
    (cache / "nominatim.json").write_text(json.dumps(
        {"version": 2, "endpoints": {f"http://{host}:{port}": {"rechytsa": entry}}}))
    assert _geocoder(nominatim, tmp_path).lookup("Rechytsa").country == "BY"
    assert len(nominatim.requests) == 1
    assert _geocoder(nominatim, tmp_path).lookup("Rechytsa").country == "BY"
    assert len(nominatim.requests) == 1, "the repaired entry is served from the cache"


def test_an_answer_that_is_not_an_object_is_malformed(nominatim, tmp_path):
    nominatim.mode, nominatim.body = "body", b'["Rechytsa"]'
    with pytest.raises(OnlineLookupError, match="malformed answer for 'Rechytsa'"):
        _geocoder(nominatim, tmp_path).lookup("Rechytsa")


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
], ids=["http-429", "http-500", "http-503", "malformed-json", "wrong-shape", "latitude-152"])
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


def test_no_match_is_none_and_cached_too(nominatim, tmp_path):
    nominatim.mode = "empty"
    geo = _geocoder(nominatim, tmp_path)
    assert geo.lookup("Xyzzyville") is None
    assert _geocoder(nominatim, tmp_path).lookup("xyzzyville") is None  # from the disk cache
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
    geo = _geocoder(nominatim, tmp_path, min_delay_seconds=0.5)
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
    geo = OnlineGeocoder(domain=f"127.0.0.1:{port}", scheme="http", cache_dir=tmp_path, min_delay_seconds=0,
                         timeout=1.0)
    t0 = time.monotonic()
    with pytest.raises(OnlineLookupError, match="Nominatim"):
        geo.lookup("Rechytsa")
    assert time.monotonic() - t0 < 2.5


def test_a_failed_lookup_is_that_claims_reason_and_a_warning(nominatim, tmp_path, checker):
    """Each failure, and each "no match", says which name and why; the rest is checked offline."""
    online = checker.with_online(_geocoder(nominatim, tmp_path))
    nominatim.mode = "429"
    report = online.check_text("Zorkiv is about 40 km from Gomel.")
    (r,) = report.results
    assert r.verdict.status is Status.UNRESOLVED
    assert "online lookup failed" in r.verdict.reason and "HTTP 429" in r.verdict.reason
    assert len(report.warnings) == 1 and "'Zorkiv'" in report.warnings[0]
    nominatim.mode = "empty"
    (r,) = online.check_text("Xyzzyville is about 40 km from Gomel.").results
    assert r.verdict.status is Status.UNRESOLVED and "found no match either" in r.verdict.reason


def test_default_endpoint_is_the_public_nominatim_over_https(tmp_path):
    geo = OnlineGeocoder(cache_dir=tmp_path)  # constructing sends nothing
    assert geo.endpoint == "https://nominatim.openstreetmap.org"
    assert geo.requests_sent == 0


@pytest.mark.parametrize("kw, why", [
    ({"timeout": 0}, "timeout must be a positive number"),
    ({"timeout": float("nan")}, "timeout must be a positive number"),
    ({"min_delay_seconds": -1}, "min_delay_seconds must be a non-negative number"),
    ({"user_agent": ""}, "user_agent must identify"),
    ({"scheme": "ftp"}, "scheme must be 'http' or 'https'"),
    ({"domain": "http://127.0.0.1"}, "domain must be a host name"),
    ({"domain": "evil.example@127.0.0.1"}, "domain must be a host name"),
], ids=["timeout-0", "timeout-nan", "delay-negative", "no-user-agent", "ftp", "domain-with-scheme",
        "domain-with-userinfo"])
def test_bad_options_are_refused(tmp_path, kw, why):
    with pytest.raises(ValueError, match=why) as info:
        OnlineGeocoder(cache_dir=tmp_path, **kw)
    assert isinstance(info.value, BorderwatchError)


# ------------------------------------------------------------ through the pipeline
def test_checker_uses_the_fallback_for_unresolved_names_only(nominatim, tmp_path):
    """'Zorkiv' is not in the embedded gazetteer: with the option on, it is looked up
    online (the loopback server answers Rechytsa) and the measurement says so; Gomel,
    which is embedded, is never sent."""
    from borderwatch.check import Checker

    report = Checker(online=_geocoder(nominatim, tmp_path)).check_text("Zorkiv is about 40 km from Gomel.")
    (result,) = report.results
    assert result.anchor.place.dataset == DATASET
    assert "found online" in result.anchor.reason
    assert DATASET in result.measurement.dataset
    assert result.measurement.distance_km == pytest.approx(40.55, abs=0.05)  # Rechytsa–Gomel
    queries = [parse_qs(urlsplit(p).query)["q"][0] for p, _ in nominatim.requests]
    assert queries == ["Zorkiv"]
    assert report.warnings == ()
    assert result.anchor.chosen_by is ChosenBy.ONLINE


def test_checker_with_a_failing_server_still_checks_the_rest_offline(nominatim, tmp_path):
    from borderwatch.check import Checker

    nominatim.mode = "429"
    checker = Checker(online=_geocoder(nominatim, tmp_path))
    report = checker.check_text("Zorkiv is about 40 km from Gomel. Rechytsa is about 40 km from Gomel.")
    first, second = report.results
    assert first.verdict.status == "unresolved"
    assert second.verdict.status == "consistent"
    assert second.measurement.dataset.count("Nominatim") == 0
    assert len(report.warnings) == 1 and "HTTP 429" in report.warnings[0]


# ------------------------------------------------ issue 13, defect 6: hostile answers
def test_an_endless_stream_is_cut_at_the_byte_cap(nominatim, tmp_path):
    """Regression: the whole body was read into memory (a 1.5 GB stream took 2.9 GB).
    Now at most ``online_max_response_bytes`` are read, then the connection is dropped."""
    nominatim.mode, nominatim.chunks = "stream", 1024  # 64 MiB, no Content-Length
    geo = _geocoder(nominatim, tmp_path, timeout=5.0)
    t0 = time.monotonic()
    with pytest.raises(OnlineLookupError, match=r"sent more than 1,000,000 bytes; the rest was not downloaded"):
        geo.lookup("Rechytsa")
    assert time.monotonic() - t0 < 2.0
    assert nominatim.broken.wait(5.0), "the client must hang up, not drain the stream"
    assert nominatim.bytes_written < 16 * 2**20, f"{nominatim.bytes_written:,} bytes were sent"
    assert DEFAULTS.online_max_response_bytes == 1_000_000


def test_an_announced_oversized_answer_is_refused_unread(nominatim, tmp_path):
    nominatim.mode, nominatim.chunks, nominatim.announce = "stream", 64, 1_500_000_000
    with pytest.raises(OnlineLookupError, match=r"announced an answer of 1,500,000,000 bytes"):
        _geocoder(nominatim, tmp_path).lookup("Rechytsa")
    assert nominatim.broken.wait(5.0)
    assert nominatim.bytes_written < 16 * 2**20


@pytest.mark.parametrize("headers, pattern", [
    ({"Content-Length": "9" * 5000}, r"announced an answer of over 10\^18 bytes"),
    ({"Transfer-Encoding": "chunked"}, r"sent a broken HTTP response"),
], ids=["content-length-5000-digits", "bogus-chunked"])
def test_broken_framing_is_a_lookup_error(nominatim, tmp_path, headers, pattern):
    nominatim.mode, nominatim.body, nominatim.headers = "body", b"zz\r\nnot a chunk", headers
    with pytest.raises(OnlineLookupError, match=pattern):
        _geocoder(nominatim, tmp_path).lookup("Rechytsa")


def test_a_timed_out_lookup_stops_downloading(nominatim, tmp_path):
    """Regression: after the timeout the abandoned request kept downloading in the
    background (RSS 268 -> 1,561 MB). Now the connection is shut at the timeout."""
    nominatim.mode, nominatim.chunks, nominatim.sleep_s = "stream", 100, 0.1  # 6.4 MB over 10 s
    nominatim.announce = None
    geo = _geocoder(nominatim, tmp_path, timeout=1.0)
    t0 = time.monotonic()
    with pytest.raises(OnlineLookupError, match=r"within 1 s \(timeout\)"):
        geo.lookup("Rechytsa")
    assert time.monotonic() - t0 < 1.0 + 0.5
    assert nominatim.broken.wait(2.0), "the server was still being read from after the timeout"
    assert nominatim.bytes_written < 30 * 65536


def test_headers_sent_a_byte_at_a_time_are_a_timeout_too(nominatim, tmp_path):
    nominatim.mode = "trickle_headers"
    geo = _geocoder(nominatim, tmp_path, timeout=1.0)
    t0 = time.monotonic()
    with pytest.raises(OnlineLookupError, match=r"within 1 s \(timeout\)"):
        geo.lookup("Rechytsa")
    assert time.monotonic() - t0 < 1.0 + 0.5
    assert nominatim.broken.wait(2.0)


@pytest.mark.parametrize("status, location", [
    (302, "/search?q=Rechytsa&format=json"),
    (301, "http://198.51.100.7/search?q=Rechytsa"),
    (307, "ftp://127.0.0.1/answer.json"),
    (303, "file:///etc/passwd"),
    (302, ""),
], ids=["same-host-path", "other-host", "ftp", "file", "no-location"])
def test_redirects_are_refused_not_followed(nominatim, tmp_path, status, location):
    """Regression: redirects were followed to any host and scheme (ftp:// too), and the
    answer was still labelled as Nominatim's."""
    nominatim.mode, nominatim.status, nominatim.location = "redirect", status, location
    with pytest.raises(OnlineLookupError, match=rf"redirect \(HTTP {status}\).*not followed") as info:
        _geocoder(nominatim, tmp_path).lookup("Rechytsa")
    assert len(nominatim.requests) == 1, "the redirect must not be followed"
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("body, ctype, headers, pattern", [
    (json.dumps(RECHYTSA).encode(), "application/json; charset=bogus-charset-xyz", {},
     r"cannot be decoded as 'bogus-charset-xyz' text"),
    (json.dumps(RECHYTSA).encode(), "application/json; charset=rot13", {}, r"cannot be decoded as 'rot13'"),
    (b'[{"display_name": "\xff\xfe"}]', "application/json; charset=utf-8", {}, r"cannot be decoded as 'utf-8'"),
    (b"[" * 100_000 + b"]" * 100_000, "application/json", {}, r"JSON nested too deeply"),
    (b"<html><body>Nominatim is down for maintenance</body></html>", "text/html", {}, r"not valid JSON"),
    (b'[{"lat": NaN, "lon": 30.39, "display_name": "x"}]', "application/json", {}, r"not valid JSON"),
    (b'[{"lat": "52.3617"', "application/json", {"Content-Length": "4000"}, r"cut short"),
], ids=["bogus-charset", "rot13-charset", "invalid-utf8", "nested-100k", "html", "json-nan", "truncated"])
def test_undecodable_or_unparsable_answers_are_lookup_errors(nominatim, tmp_path, body, ctype, headers, pattern):
    """Regression: a bogus charset (LookupError) or deeply nested JSON (RecursionError)
    crashed the whole check with a traceback."""
    nominatim.mode, nominatim.body, nominatim.ctype, nominatim.headers = "body", body, ctype, headers
    with pytest.raises(OnlineLookupError, match=pattern) as info:
        _geocoder(nominatim, tmp_path).lookup("Rechytsa")
    assert "Nominatim" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("fields, pattern", [
    ({"address": {"country_code": "<script>"}}, r"country_code '<script>' is not two letters"),
    ({"address": {"country_code": "blr"}}, r"country_code 'blr' is not two letters"),
    ({"address": {"country_code": "b1"}}, r"country_code 'b1' is not two letters"),
    ({"address": {"country_code": "бу"}}, r"country_code 'бу' is not two letters"),
    ({"address": "Belarus"}, r"address is str, expected an object"),
    ({"lat": "nan"}, r"(latitude 'nan' is outside -90\.\.90 degrees|Point coordinates must be finite)"),
    ({"lon": "181.5"}, r"longitude '181.5' is outside -180\.\.180 degrees"),
    ({"lat": "1e400"}, r"(latitude '1e400' is outside|Point coordinates must be finite)"),
    ({"lat": True}, r"latitude is True, expected a number"),
    ({"lat": None}, r"latitude is None, expected a number"),
    ({"display_name": "R" * 5000}, r"display_name has 5,000 characters, at most 300"),
    ({"display_name": "Rechytsa\x1b]0;pwned\x07"}, r"display_name .* contains control characters"),
    ({"name": ["Rechytsa"]}, r"name is list, expected text"),
    ({"address": {"country_code": "by", "state": {"x": 1}}}, r"state is dict, expected text"),
], ids=["country-script-tag", "country-3-letters", "country-digit", "country-cyrillic", "address-not-object",
        "lat-nan", "lon-181", "lat-overflow", "lat-bool", "lat-missing", "display-name-5000", "display-name-osc",
        "name-list", "state-object"])
def test_returned_fields_are_validated(nominatim, tmp_path, fields, pattern):
    """Regression: a country_code of '<script>' was accepted (and reached the map)."""
    nominatim.mode, nominatim.answer = "answer", fields
    geo = _geocoder(nominatim, tmp_path)
    with pytest.raises(OnlineLookupError, match=r"malformed answer for 'Rechytsa': " + pattern):
        geo.lookup("Rechytsa")
    nominatim.mode = "ok"
    assert geo.lookup("Rechytsa").country == "BY", "a refused answer is not cached"


@pytest.mark.parametrize("fields, check", [
    ({"address": None}, lambda p: p.country == "" and p.admin1_name is None),
    ({"boundingbox": ["a", "b", "c", "d"]}, lambda p: p.radius_km == DEFAULTS.min_radius_km),
    ({"osm_type": "<b>", "osm_id": "x"}, lambda p: p.key == "online:123456"),
    ({"name": None}, lambda p: p.name == "Rechytsa"),
    ({"display_name": "  Re\u0301chytsa, Belarus "}, lambda p: p.note.endswith(": R\u00e9chytsa, Belarus")),
], ids=["no-address", "bad-bbox", "bad-osm-ref", "no-name", "nfd-display-name"])
def test_optional_fields_fall_back_sanely(nominatim, tmp_path, fields, check):
    nominatim.mode, nominatim.answer = "answer", fields
    place = _geocoder(nominatim, tmp_path).lookup("Rechytsa")
    assert check(place), place


def test_five_slow_names_share_one_deadline(nominatim, tmp_path):
    """Regression: no overall deadline (5 slow names: 33 s). Each lookup is cut at the
    article's deadline and later names are refused without a request."""
    nominatim.mode, nominatim.sleep_s = "echo", 4.0
    geo = _geocoder(nominatim, tmp_path, timeout=3.0)
    deadline = time.monotonic() + 2.0
    t0 = time.monotonic()
    messages = []
    for name in UNKNOWN_NAMES:
        with pytest.raises(OnlineLookupError) as info:
            geo.lookup(name, deadline=deadline)
        messages.append(str(info.value))
    assert time.monotonic() - t0 < 2.0 + 0.6
    assert "deadline" in messages[0] and "(timeout)" in messages[0]
    assert all("was not looked up online: the article's online deadline had passed" in m for m in messages[1:])
    assert len(nominatim.requests) == 1


def test_past_the_deadline_nothing_is_sent(nominatim, tmp_path):
    geo = _geocoder(nominatim, tmp_path)
    with pytest.raises(OnlineLookupError, match=r"'Rechytsa' was not looked up online: .*deadline"):
        geo.lookup("Rechytsa", deadline=time.monotonic() - 0.001)
    assert nominatim.requests == [] and geo.requests_sent == 0


def test_a_deadline_in_reach_leaves_the_lookup_alone(nominatim, tmp_path):
    geo = _geocoder(nominatim, tmp_path)
    assert geo.lookup("Rechytsa", deadline=time.monotonic() + 5).country == "BY"
    # A cached answer costs no wait, so it is served even past the deadline.
    assert geo.lookup("Rechytsa", deadline=time.monotonic() - 1).country == "BY"
    assert len(nominatim.requests) == 1


def test_the_fallback_holds_one_deadline_per_article(nominatim, tmp_path, checker):
    """Through the pipeline: five unknown names against a server that takes 4 s each
    cost the deadline (1.5 s here), not 5 x the timeout, over the offline check."""
    nominatim.mode, nominatim.sleep_s = "echo", 4.0
    text = " ".join(f"{n} is about 40 km from Gomel." for n in UNKNOWN_NAMES)
    base = Checker(checker.geodata, settings=replace(DEFAULTS, online_article_deadline_s=1.5))
    base.check_text(text)  # warm: the first fuzzy search of a process costs ~1 s
    t0 = time.monotonic()
    base.check_text(text)
    offline_s = time.monotonic() - t0
    online = base.with_online(_geocoder(nominatim, tmp_path, timeout=3.0))
    t0 = time.monotonic()
    report = online.check_text(text)
    assert time.monotonic() - t0 < offline_s + 1.5 + 1.0
    assert [r.verdict.status for r in report.results] == ["unresolved"] * 5
    assert len(report.warnings) == 5 and all("deadline" in m for m in report.warnings)
    assert len(nominatim.requests) == 1


UNKNOWN_NAMES = ("Zorkiv", "Blorvka", "Qwzxkiv", "Quemliv", "Vyzzyhorod")  # in no gazetteer, not even fuzzily

_WORKER = """
import sys
from borderwatch.online import OnlineGeocoder
domain, cache, name = sys.argv[1:4]
geo = OnlineGeocoder(domain=domain, scheme="http", cache_dir=cache, min_delay_seconds=0, timeout=10)
geo.cache.get("warm up")  # read the (still empty) cache before the others write to it
print(geo.lookup(name).name)
"""


def _run_processes(domain: str, cache, names) -> list[str]:
    import os
    import subprocess
    import sys

    procs = [subprocess.Popen([sys.executable, "-c", _WORKER, domain, str(cache), n], env=dict(os.environ),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in names]
    outs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outs]
    return [out.strip() for out, _ in outs]


def _run_threads(domain: str, cache, names) -> list[str]:
    geos = [OnlineGeocoder(domain=domain, scheme="http", cache_dir=cache, min_delay_seconds=0, timeout=10)
            for _ in names]
    for g in geos:
        g.cache.get("warm up")
    results: dict[str, str] = {}

    def run(geo, name):
        results[name] = geo.lookup(name).name

    threads = [threading.Thread(target=run, args=(g, n)) for g, n in zip(geos, names)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return [results.get(n, "") for n in names]


@pytest.mark.parametrize("runner, names", [
    (_run_processes, ["Zorkiv", "Pylypivka", "Khrestivka"]),
    (_run_threads, ["Ozerne", "Tokmachka", "Bilohorivka", "Synkivka", "Ivanivka", "Kupiansk-Vuzlovyi"]),
], ids=["3-processes", "6-threads"])
def test_concurrent_runs_sharing_the_cache_keep_every_answer(nominatim, tmp_path, runner, names):
    """Regression: three concurrent runs sharing the cache kept one answer of three
    (each wrote back the cache it had read, without the others' answers)."""
    nominatim.mode, nominatim.sleep_s = "echo", 0.5  # all lookups in flight at once
    host, port = nominatim.server_address[:2]
    cache = tmp_path / "shared"
    assert runner(f"{host}:{port}", cache, names) == names
    nominatim.mode = "500"  # every answer must now come from the cache
    geo = OnlineGeocoder(domain=f"{host}:{port}", scheme="http", cache_dir=cache, min_delay_seconds=0)
    assert [geo.lookup(n).name for n in names] == names
    assert geo.requests_sent == 0
    stored = json.loads((cache / "nominatim.json").read_text(encoding="utf-8"))
    assert sorted(stored["endpoints"][f"http://{host}:{port}"]) == sorted(n.casefold() for n in names)
    assert not list(cache.glob(".nominatim-*")), "no temporary file is left behind"


def test_no_exception_but_online_lookup_error_escapes(nominatim, tmp_path, monkeypatch):
    """Whatever breaks inside geopy while reading an answer is reported, not raised raw."""
    from geopy.geocoders import Nominatim

    def explode(self, places, exactly_one):
        raise ZeroDivisionError("geopy broke")

    monkeypatch.setattr(Nominatim, "_parse_json", explode)
    with pytest.raises(OnlineLookupError, match=r"malformed answer for 'Rechytsa': ZeroDivisionError: geopy broke"):
        _geocoder(nominatim, tmp_path).lookup("Rechytsa")


# ------------------------------------------------ the same over TLS (Nominatim is https)
@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    """A loopback https server (self-signed for 127.0.0.1) and a client context trusting it."""
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    d = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(d / "key.pem"), "-out", str(d / "cert.pem"), "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(d / "cert.pem", d / "key.pem")
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    srv.socket = server_ctx.wrap_socket(srv.socket, server_side=True)
    srv.daemon_threads = True
    srv.requests, srv.mode, srv.broken, srv.bytes_written = [], "ok", threading.Event(), 0
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv, ssl.create_default_context(cafile=str(d / "cert.pem"))
    srv.shutdown()
    srv.server_close()


def _tls_nominatim(srv, ctx, timeout):
    from geopy.geocoders import Nominatim

    from borderwatch.online import CappedAdapter

    return Nominatim(user_agent="borderwatch-test", domain=f"127.0.0.1:{srv.server_address[1]}", scheme="https",
                     ssl_context=ctx, timeout=timeout, adapter_factory=CappedAdapter)


def test_https_answers_are_read_through_the_capped_adapter(tls, monkeypatch):
    srv, ctx = tls
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    srv.mode = "ok"
    loc = _tls_nominatim(srv, ctx, timeout=2).geocode("Rechytsa")
    assert (loc.latitude, loc.longitude) == (52.3617, 30.3916)


def test_a_trickle_over_tls_is_cut_at_the_timeout(tls, monkeypatch):
    from geopy.exc import GeocoderTimedOut

    srv, ctx = tls
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    srv.mode, srv.broken = "trickle", threading.Event()
    t0 = time.monotonic()
    with pytest.raises(GeocoderTimedOut, match=r"no complete answer within 1 s"):
        _tls_nominatim(srv, ctx, timeout=1.0).geocode("Rechytsa")
    assert time.monotonic() - t0 < 1.0 + 0.5
    assert srv.broken.wait(2.0), "the TLS connection was not shut"

"""The opt-in online geocoder: OpenStreetMap Nominatim through geopy, for names the
embedded gazetteer cannot resolve.

borderwatch is offline by default; nothing here runs unless the user asks for it
(``borderwatch check --online`` or the page's option). The pieces, each small:

- :class:`CappedAdapter` — geopy's HTTP adapter contract, hardened: the answer is
  streamed with a byte cap, the whole request (not each read) ends at its timeout,
  redirects are refused, only ``http``/``https`` are spoken, and a bogus charset or
  deeply nested JSON is a parse error;
- :class:`NominatimCache` — answers (and "no match") in a JSON file, written
  atomically under a file lock and merged on write, so concurrent runs sharing the
  cache keep every answer;
- :func:`article_deadline` / :func:`seconds_left` — one overall deadline (a
  ``time.monotonic()`` instant) for all the online lookups of an article;
- :func:`place_from_answer` — every field of an answer validated before it becomes
  a :class:`~borderwatch.model.Place` whose ``dataset`` says it came from online;
- :class:`OnlineGeocoder` — the thin adapter over ``geopy.geocoders.Nominatim`` and
  geopy's ``RateLimiter`` (Nominatim's policy: at most 1 request/s, an identifying
  User-Agent) that ties them together. Every failure of any kind becomes an
  :class:`~borderwatch.errors.OnlineLookupError` with a one-line reason. The
  resolver (borderwatch.resolve) turns that into the claim's "online lookup failed
  (why)" and the report's warnings, so the rest of the article is still checked.

>>> geo = OnlineGeocoder(cache_dir=Path("/nonexistent"))  # constructing sends nothing
>>> geo.endpoint
'https://nominatim.openstreetmap.org'
>>> geo.lookup("Rechytsa", deadline=time.monotonic() - 1)
Traceback (most recent call last):
...
borderwatch.errors.OnlineLookupError: 'Rechytsa' was not looked up online: the article's online deadline had passed
"""

from __future__ import annotations

import functools
import http.client
import json
import math
import os
import socket
import tempfile
import threading
import time
import unicodedata
import urllib.request
import warnings
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlsplit

from geopy.adapters import AdapterHTTPError, BaseSyncAdapter
from geopy.exc import (
    GeocoderParseError,
    GeocoderQueryError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from .errors import InputError, InvalidValue, OnlineLookupError
from .geodesy import distance_km
from .model import Place, PlaceKind
from .settings import DEFAULTS, Settings

try:  # POSIX; elsewhere the cache is still replaced atomically, only unlocked
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

__all__ = ["OnlineGeocoder", "CappedAdapter", "NominatimCache",
           "article_deadline", "seconds_left", "place_from_answer", "default_cache_dir",
           "DATASET", "DEFAULT_USER_AGENT", "DEFAULT_DOMAIN"]

DATASET = "OpenStreetMap Nominatim (online, opted in)"
DEFAULT_USER_AGENT = "borderwatch/0.1 (fact-checking tool)"
DEFAULT_DOMAIN = "nominatim.openstreetmap.org"
_CHUNK_BYTES = 64 * 1024  # one recv's worth: the byte cap and the deadline are checked between chunks


# ---------------------------------------------------------------- deadline
def article_deadline(*, settings: Settings = DEFAULTS) -> float:
    """Return the ``time.monotonic()`` instant when an article's online lookups must stop."""
    return time.monotonic() + settings.online_article_deadline_s


def seconds_left(deadline: float | None) -> float:
    """Return the seconds until ``deadline`` (a ``time.monotonic()`` instant); inf for None."""
    return math.inf if deadline is None else deadline - time.monotonic()


class _Refused(GeocoderServiceError):
    """The adapter would not take an answer; the message says why, for a user."""


class _Cutoff:
    """Ends a request at its deadline: a timer thread shuts its sockets down.

    A socket timeout bounds each read, not the request: a server trickling a byte
    every 0.3 s would never trip it. Shutting the socket down wakes the blocked read.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.fired = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True

    def __enter__(self) -> "_Cutoff":
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            fired = self.fired
        if fired:
            _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    try:  # the plain-socket shutdown, also for TLS sockets: it must not touch the TLS state
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


class _Tracked:
    """A connection that hands its socket to the cutoff as soon as it has one."""

    def __init__(self, *args, cutoff: _Cutoff, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._cutoff = cutoff

    def connect(self) -> None:
        super().connect()
        self._cutoff.track(self.sock)


class _TrackedHTTP(_Tracked, http.client.HTTPConnection):
    pass


class _TrackedHTTPS(_Tracked, http.client.HTTPSConnection):
    pass


class _Handler(urllib.request.HTTPHandler, urllib.request.HTTPSHandler):
    """http and https through connections the cutoff can shut."""

    def __init__(self, cutoff: _Cutoff, ssl_context) -> None:
        urllib.request.HTTPHandler.__init__(self)
        self._cutoff, self._ssl = cutoff, ssl_context

    def http_open(self, req):
        return self.do_open(functools.partial(_TrackedHTTP, cutoff=self._cutoff), req)

    def https_open(self, req):
        return self.do_open(functools.partial(_TrackedHTTPS, cutoff=self._cutoff), req, context=self._ssl)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is refused: an answer from elsewhere must not pass for Nominatim's."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        fp.close()
        raise _Refused(f"answered with a redirect (HTTP {code}) to {_short(repr(newurl), 80)}, which "
                       f"is not followed: an answer from another address would pass for Nominatim's")


class CappedAdapter(BaseSyncAdapter):
    """geopy's sync adapter contract over urllib, for hostile answers.

    ``max_bytes`` caps the body (streamed in chunks, never read whole); the
    ``timeout`` geopy passes bounds the whole request; redirects and non-HTTP
    schemes are refused; proxies as geopy gives them (None: the system's).
    """

    def __init__(self, *, proxies, ssl_context, max_bytes: int = DEFAULTS.online_max_response_bytes):
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        if proxies is None:
            proxies = urllib.request.getproxies()
        # As geopy's adapters do: a bare "host:port" proxy means http://host:port.
        self.proxies = {k: v if "://" in v or k == "no" else f"http://{v}" for k, v in (proxies or {}).items() if v}
        self.ssl_context = ssl_context
        self.max_bytes = int(max_bytes)

    def get_json(self, url, *, timeout, headers):
        text = self.get_text(url, timeout=timeout, headers=headers)
        try:
            return json.loads(text, parse_constant=_no_constant)
        except RecursionError as exc:
            raise GeocoderParseError("JSON nested too deeply to read") from exc
        except ValueError as exc:
            raise GeocoderParseError(f"not valid JSON ({_short(exc, 60)})") from exc

    def get_text(self, url, *, timeout, headers):
        if urlsplit(url).scheme not in ("http", "https"):
            raise _Refused(f"refused to request {_short(repr(url), 80)}: only http and https are spoken")
        seconds = float(timeout) if timeout is not None else DEFAULTS.online_timeout_s
        with _Cutoff(seconds) as cutoff:
            try:
                with self._opener(cutoff).open(urllib.request.Request(url, headers=headers),
                                               timeout=max(seconds, 0.001)) as resp:
                    body = self._read(resp, cutoff)
                    charset = resp.headers.get_content_charset()
            except GeopyError:
                raise
            except HTTPError as exc:
                raise self._http_error(exc) from None
            except (OSError, http.client.HTTPException, ValueError) as exc:
                if cutoff.fired or isinstance(exc, TimeoutError) or "timed out" in str(exc):
                    raise GeocoderTimedOut(f"no complete answer within {seconds:g} s") from exc
                if isinstance(exc, OSError):
                    raise GeocoderUnavailable(f"unreachable ({_short(getattr(exc, 'reason', exc), 80)})") from exc
                raise _Refused(f"sent a broken HTTP response ({type(exc).__name__}: {_short(exc, 80)})") from exc
        return _decode(body, charset)

    def _opener(self, cutoff: _Cutoff) -> urllib.request.OpenerDirector:
        # Built by hand, not with build_opener: no ftp:, file: or data: handlers at all.
        opener = urllib.request.OpenerDirector()
        for handler in (urllib.request.ProxyHandler(self.proxies), _Handler(cutoff, self.ssl_context),
                        _NoRedirect(), urllib.request.HTTPDefaultErrorHandler(),
                        urllib.request.HTTPErrorProcessor(), urllib.request.UnknownHandler()):
            opener.add_handler(handler)
        return opener

    def _read(self, resp, cutoff: _Cutoff) -> bytes:
        declared = resp.headers.get("Content-Length", "").strip()
        if declared.isascii() and declared.isdigit() and (len(declared) > 18 or int(declared) > self.max_bytes):
            size = f"{int(declared):,}" if len(declared) <= 18 else "over 10^18"
            raise _Refused(f"announced an answer of {size} bytes; at most {self.max_bytes:,} are read")
        chunks, total = [], 0
        while not cutoff.fired:
            chunk = resp.read1(_CHUNK_BYTES)
            if not chunk:
                break
            total += len(chunk)
            if total > self.max_bytes:
                raise _Refused(f"sent more than {self.max_bytes:,} bytes; the rest was not downloaded")
            chunks.append(chunk)
        if cutoff.fired:
            raise GeocoderTimedOut(f"no complete answer within {cutoff.seconds:g} s")
        if resp.length:  # the connection closed before the announced length
            raise _Refused(f"sent an answer cut short ({total:,} bytes, {resp.length:,} missing)")
        return b"".join(chunks)

    @staticmethod
    def _http_error(exc: HTTPError) -> Exception:
        code = exc.code
        exc.close()  # the error body is not needed; it is never downloaded
        if 300 <= code < 400:
            return _Refused(f"answered with a redirect (HTTP {code}), which is not followed")
        return AdapterHTTPError(f"Non-successful status code {code}", status_code=code,
                                headers={k.lower(): v for k, v in exc.headers.items()}, text=None)


def _no_constant(name: str):
    raise InvalidValue(f"{name} is not a number JSON allows")


def _decode(body: bytes, charset: str | None) -> str:
    encoding = charset or "utf-8"
    try:
        return body.decode(encoding)  # LookupError: unknown codec, or not a text encoding (rot13)
    except (LookupError, UnicodeError, TypeError) as exc:
        raise GeocoderParseError(f"bytes that cannot be decoded as {_short(repr(encoding), 40)} text") from exc


# ---------------------------------------------------------------- answers
_ADDRESS_KEYS = ("country_code", "state")
_ANSWER_KEYS = ("lat", "lon", "name", "display_name", "osm_type", "osm_id", "place_id", "boundingbox")
_OSM_TYPES = frozenset({"node", "way", "relation"})


def place_from_answer(raw, *, query: str, settings: Settings = DEFAULTS) -> Place:
    """Return the Place one Nominatim answer (its JSON object) describes, every field checked.

    Raises ValueError naming the first field that is missing or out of range:
    latitude/longitude finite and within ±90°/±180°, ``country_code`` exactly two
    ASCII letters, names bounded strings without control characters.
    """
    if not isinstance(raw, dict):
        raise InvalidValue(f"expected a JSON object per place, got {type(raw).__name__}")
    lat = _coordinate(raw.get("lat"), "latitude", 90.0)
    lon = _coordinate(raw.get("lon"), "longitude", 180.0)
    address = raw.get("address", {})
    if not isinstance(address, dict):
        raise InvalidValue(f"address is {type(address).__name__}, expected an object")
    limit = settings.online_max_name_chars
    display = _text(raw.get("display_name"), "display_name", limit) or query
    label = _text(raw.get("name"), "name", limit) or display.split(",")[0].strip() or query
    state = _text(address.get("state"), "state", limit)
    code = _country_code(address.get("country_code"))
    return Place(kind=PlaceKind.CITY, name=label, countries=(code,) if code else (),
                 lat=lat, lon=lon, dataset=DATASET, key=f"online:{_osm_ref(raw, query)}",
                 radius_km=_radius_km(raw.get("boundingbox"), settings), admin1_name=state,
                 note=f"found online (OpenStreetMap Nominatim): {display}")


def _slim(raw: dict) -> dict:
    """The fields place_from_answer reads, for the cache (an answer may carry much more)."""
    out = {k: raw[k] for k in _ANSWER_KEYS if k in raw}
    address = raw.get("address")
    if isinstance(address, dict):
        out["address"] = {k: address[k] for k in _ADDRESS_KEYS if k in address}
    return out


def _coordinate(value, what: str, bound: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or \
            (isinstance(value, str) and len(value) > 40):
        raise InvalidValue(f"{what} is {_short(repr(value), 40)}, expected a number")
    number = float(value)  # ValueError names the bad text
    if not (math.isfinite(number) and -bound <= number <= bound):
        raise InvalidValue(f"{what} {_short(repr(value), 40)} is outside -{bound:g}..{bound:g} degrees")
    return number


def _country_code(value) -> str:
    if value is None:
        return ""  # Nominatim omits it for features in no country (the sea)
    if not (isinstance(value, str) and len(value) == 2 and value.isascii() and value.isalpha()):
        raise InvalidValue(f"country_code {_short(repr(value), 40)} is not two letters (ISO 3166-1)")
    return value.upper()


def _text(value, what: str, limit: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidValue(f"{what} is {type(value).__name__}, expected text")
    if len(value) > limit:
        raise InvalidValue(f"{what} has {len(value):,} characters, at most {limit:,} are accepted")
    if any(unicodedata.category(c) == "Cc" for c in value):
        raise InvalidValue(f"{what} {_short(repr(value), 60)} contains control characters")
    return unicodedata.normalize("NFC", value).strip() or None


def _osm_ref(raw: dict, query: str) -> str:
    """'relation/5799370' (OSM's own id) when given sanely, else the place_id, else the query."""
    kind, ident, place_id = raw.get("osm_type"), raw.get("osm_id"), raw.get("place_id")
    if kind in _OSM_TYPES and _is_id(ident):
        return f"{kind}/{int(ident)}"
    return str(int(place_id)) if _is_id(place_id) else _cache_key(query)


def _is_id(value) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool) and value >= 0) or \
        (isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 20)


def _radius_km(bbox, settings: Settings) -> float:
    """Half the bounding box's diagonal, clamped like a town's extent (km)."""
    try:
        south, north, west, east = (_coordinate(v, w, b) for v, w, b in
                                    zip(bbox, ("south", "north", "west", "east"), (90.0, 90.0, 180.0, 180.0)))
        radius = distance_km(south, west, north, east) / 2.0
    except (TypeError, ValueError):
        return settings.min_radius_km  # no usable box: the smallest extent, as for a hamlet
    return min(max(radius, settings.min_radius_km), settings.max_radius_km)


# ---------------------------------------------------------------- cache
_MISS = object()
_CACHE_FILE, _LOCK_FILE, _CACHE_VERSION = "nominatim.json", "nominatim.lock", 2


def default_cache_dir() -> Path:
    """Return $XDG_CACHE_HOME/borderwatch (default ~/.cache/borderwatch)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "borderwatch"


def _cache_key(name: str) -> str:
    """The cache key of a query: NFC, whitespace collapsed, case-folded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


class NominatimCache:
    """Nominatim's answers (an answer object, or None for "no match") per endpoint, on disk.

    ``{"version": 2, "endpoints": {"https://host": {query key: answer | null}}}`` in
    ``nominatim.json``. Writes take an exclusive ``flock`` on ``nominatim.lock``,
    re-read the file, merge, write a temporary file and ``os.replace`` it: a reader
    never sees half a file, and concurrent runs keep each other's answers. An
    unreadable cache is a cold cache; an unwritable one costs a repeated request.
    """

    def __init__(self, directory: Path, *, endpoint: str) -> None:
        self.directory = Path(directory)
        self.path = self.directory / _CACHE_FILE
        self.endpoint = endpoint
        self._answers: dict | None = None

    def get(self, key: str):
        """Return the cached answer for ``key`` (None = "no match"), or ``_MISS``."""
        if self._answers is None:
            self._answers = self._read().get(self.endpoint, {})
        return self._answers.get(key, _MISS)

    def put(self, key: str, answer: dict | None) -> None:
        """Record ``answer`` for ``key``, merged into what other runs wrote meanwhile."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with open(self.directory / _LOCK_FILE, "a+b") as lock:
                if fcntl is not None:
                    fcntl.flock(lock.fileno(), fcntl.LOCK_EX)  # released when the file closes
                endpoints = self._read()
                endpoints.setdefault(self.endpoint, {})[key] = answer
                self._write(endpoints)
        except OSError:
            endpoints = {self.endpoint: {**(self._answers or {}), key: answer}}
        self._answers = endpoints[self.endpoint]

    def _read(self) -> dict[str, dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}
        ok = isinstance(data, dict) and data.get("version") == _CACHE_VERSION and \
            isinstance(data.get("endpoints"), dict)
        return {k: v for k, v in data["endpoints"].items() if isinstance(v, dict)} if ok else {}

    def _write(self, endpoints: dict[str, dict]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".nominatim-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"version": _CACHE_VERSION, "endpoints": endpoints}, fh, ensure_ascii=False)
            os.replace(tmp, self.path)
        except BaseException:
            os.unlink(tmp)
            raise


# ---------------------------------------------------------------- geocoder
class OnlineGeocoder:
    """Look names up on OpenStreetMap Nominatim (network; opt-in), with a disk cache.

    ``timeout`` (s) bounds each whole request; ``min_delay_seconds`` (s) spaces
    requests (Nominatim's policy: at most 1 per second); ``domain`` and ``scheme``
    name the server (tests use a loopback one); ``cache_dir`` holds the cache
    (default :func:`default_cache_dir`). Constructing sends nothing.
    """

    def __init__(self, *, user_agent: str = DEFAULT_USER_AGENT, timeout: float = DEFAULTS.online_timeout_s,
                 cache_dir: Path | None = None, domain: str = DEFAULT_DOMAIN, scheme: str = "https",
                 min_delay_seconds: float = DEFAULTS.online_min_delay_s, settings: Settings = DEFAULTS) -> None:
        _check_options(user_agent, timeout, domain, scheme, min_delay_seconds)
        self.endpoint = f"{scheme}://{domain.rstrip('/')}"
        self.timeout = float(timeout)
        self.settings = settings
        self.cache = NominatimCache(Path(cache_dir) if cache_dir is not None else default_cache_dir(),
                                    endpoint=self.endpoint)
        adapter = functools.partial(CappedAdapter, max_bytes=settings.online_max_response_bytes)
        self._nominatim = Nominatim(user_agent=user_agent, timeout=self.timeout, domain=domain.rstrip("/"),
                                    scheme=scheme, adapter_factory=adapter)
        # No retries and no swallowing: a failure reaches the caller at once, not after
        # RateLimiter's retry waits (5 s each by default).
        self._geocode = RateLimiter(self._send, min_delay_seconds=float(min_delay_seconds),
                                    max_retries=0, swallow_exceptions=False)
        self._lock = threading.Lock()
        self.requests_sent = 0

    @property
    def where(self) -> str:
        return f"OpenStreetMap Nominatim ({self.endpoint})"

    def lookup(self, name: str, *, deadline: float | None = None) -> Place | None:
        """Return the Place Nominatim gives for ``name``, or None when it has no match.

        ``deadline`` is a ``time.monotonic()`` instant (see :func:`article_deadline`):
        no request starts after it and none outlasts it; cached answers are still
        served. Raises OnlineLookupError, with the reason, on any failure.
        """
        query = self._query(name)
        key = _cache_key(query)
        with self._lock:
            answer = self.cache.get(key)
            if answer is not _MISS:
                try:
                    return None if answer is None else place_from_answer(answer, query=query,
                                                                          settings=self.settings)
                except ValueError:
                    pass  # a damaged cache entry is only a miss: ask again
            answer, place = self._fetch(query, deadline)
            self.cache.put(key, answer)
        return place

    def _query(self, name) -> str:
        limit = self.settings.online_max_query_chars
        if not isinstance(name, str) or not name.strip():
            raise OnlineLookupError(f"nothing to look up online: expected a place name, got {_short(repr(name))}")
        if len(name) > limit:
            raise OnlineLookupError(f"not sent online: a place name has at most {limit} characters, "
                                    f"got {len(name)}")
        if any(unicodedata.category(c) == "Cc" for c in name):
            raise OnlineLookupError(f"not sent online: {_short(repr(name))} contains control characters")
        return " ".join(unicodedata.normalize("NFC", name).split())

    def _fetch(self, query: str, deadline: float | None) -> tuple[dict | None, Place | None]:
        """Ask Nominatim (rate limited); return (the slimmed answer to cache, its Place), or Nones."""
        if seconds_left(deadline) <= 0:
            raise _deadline_error(query)
        try:
            loc = self._geocode(query, deadline=deadline)
        except OnlineLookupError:
            raise
        except GeopyError as exc:
            raise OnlineLookupError(_explain(exc, self.where, query, self.timeout, deadline)) from exc
        except Exception as exc:  # noqa: BLE001 — geopy parses hostile JSON; whatever breaks is "malformed"
            why = _short(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {_short(exc)}"
            raise OnlineLookupError(f"{self.where} sent a malformed answer for {query!r}: {why}") from exc
        if loc is None:
            return None, None
        place = self._place(loc.raw, query)  # checked before anything is cached
        return _slim(loc.raw), place

    def _send(self, query: str, *, deadline: float | None):
        """The request itself, after RateLimiter's wait: bounded by the timeout and the deadline."""
        left = seconds_left(deadline)
        if left <= 0:
            raise _deadline_error(query)
        self.requests_sent += 1
        with warnings.catch_warnings():
            # geopy warns (besides raising) on out-of-range coordinates: the error says it.
            warnings.simplefilter("ignore", UserWarning)
            return self._nominatim.geocode(query, exactly_one=True, addressdetails=True, language="en",
                                           timeout=min(self.timeout, left))

    def _place(self, answer, query: str) -> Place:
        """The Place of a fresh answer; OnlineLookupError naming the bad field otherwise."""
        try:
            return place_from_answer(answer, query=query, settings=self.settings)
        except ValueError as exc:  # CoordinateError is one too
            raise OnlineLookupError(f"{self.where} sent a malformed answer for {query!r}: {_short(exc)}") from exc


def _check_options(user_agent, timeout, domain, scheme, min_delay_seconds) -> None:
    """Refuse options that cannot work, before anything is built (InputError, a ValueError)."""
    if not isinstance(user_agent, str) or not user_agent.strip():
        raise InputError("user_agent must identify the application (Nominatim's usage policy); got "
                         f"{user_agent!r}")
    for what, value, low in (("timeout", timeout, 0.0), ("min_delay_seconds", min_delay_seconds, None)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                or value < 0 or (low is not None and value <= low):
            raise InputError(f"{what} must be a {'positive' if low is not None else 'non-negative'} "
                             f"number of seconds, got {value!r}")
    if scheme not in ("http", "https"):
        raise InputError(f"scheme must be 'http' or 'https', got {scheme!r}")
    if not isinstance(domain, str) or not domain.strip("/") or any(c in domain for c in " \t\r\n?#@\\") \
            or "://" in domain:
        raise InputError(f"domain must be a host name with an optional port (e.g. {DEFAULT_DOMAIN!r}), "
                         f"got {domain!r}")


def _deadline_error(query: str) -> OnlineLookupError:
    return OnlineLookupError(f"{query!r} was not looked up online: the article's online deadline had passed")


def _short(exc, limit: int = 160) -> str:
    """The first line of a message (an exception or text), at most ``limit`` characters."""
    text = (str(exc).strip().splitlines() or [""])[0]
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _explain(exc: GeopyError, where: str, name: str, timeout: float, deadline: float | None) -> str:
    """One line saying what went wrong with a Nominatim request and what to do.

    geopy maps HTTP 503/504 to GeocoderTimedOut; the status code, kept on the
    adapter's error (``__cause__``), tells a refusal from a real timeout.
    """
    status = getattr(exc.__cause__, "status_code", None)
    if isinstance(exc, GeocoderRateLimited) or status == 429:
        return (f"{where} refused the lookup of {name!r} with HTTP 429 (too many requests; rate "
                f"limited); wait a minute before looking names up again")
    if status is not None and status >= 500:
        return (f"{where} answered HTTP {status} (server error) for {name!r}; the service is "
                f"unavailable — try again later")
    if status is not None:
        return f"{where} answered HTTP {status} for {name!r} ({type(exc).__name__}); the name stays unresolved"
    if isinstance(exc, GeocoderTimedOut) and seconds_left(deadline) <= 0.05:
        return (f"{where} had not answered for {name!r} when the article's online deadline came "
                f"(timeout); the name stays unresolved")
    if isinstance(exc, GeocoderTimedOut):
        return (f"{where} did not answer for {name!r} within {timeout:g} s (timeout); the name "
                f"stays unresolved — try again later")
    if isinstance(exc, GeocoderParseError):
        return f"{where} sent a malformed answer for {name!r}: {_short(exc)}"
    if isinstance(exc, _Refused):
        return f"{where} {_short(exc, 240)} (for {name!r}); the name stays unresolved"
    if isinstance(exc, GeocoderUnavailable):
        return f"{where} is {_short(exc)} for {name!r}; check the network connection or try again later"
    if isinstance(exc, (GeocoderQueryError, GeocoderServiceError)):
        return f"{where} failed for {name!r} (service error: {_short(exc)})"
    return f"{where} failed for {name!r}: {type(exc).__name__}: {_short(exc)}"


# ---------------------------------------------------------------- for the pipeline

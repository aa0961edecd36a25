"""The opt-in online geocoder: OpenStreetMap Nominatim through geopy, for names the
embedded gazetteer cannot resolve.

borderwatch is offline by default; nothing here runs unless the user asks for it
(``borderwatch check --online`` or the page's option). Then each unresolved name is
sent to Nominatim at most once: answers (and "no match") are kept in an on-disk JSON
cache keyed by the query, requests are spaced by geopy's RateLimiter (Nominatim's
usage policy allows 1 request/s and requires an identifying User-Agent), and every
failure — timeout, HTTP 429, 5xx, a malformed or empty answer — becomes an
:class:`~borderwatch.errors.OnlineLookupError` that says what happened.
:func:`make_fallback` turns those errors into ``None`` plus a recorded message, so
the rest of the article is still checked offline.

A place found online is a :class:`~borderwatch.model.Place` whose ``dataset`` says
where it came from, so a report never passes it off as embedded data.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import threading
import unicodedata
import warnings
from pathlib import Path
from typing import Callable

from geopy.adapters import URLLibAdapter
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

from .errors import OnlineLookupError
from .geodesy import distance_km
from .model import Place
from .settings import DEFAULTS, Settings

__all__ = ["OnlineGeocoder", "OnlineFallback", "make_fallback", "DATASET", "DEFAULT_USER_AGENT",
           "default_cache_dir"]

DATASET = "OpenStreetMap Nominatim (online, opted in)"
DEFAULT_USER_AGENT = "borderwatch/0.1 (fact-checking tool)"
MAX_QUERY_CHARS = 200  # a place name, not a paragraph; longer input is refused before sending
_CACHE_FILE = "nominatim.json"
_CACHE_VERSION = 1


def default_cache_dir() -> Path:
    """Return $XDG_CACHE_HOME/borderwatch (default ~/.cache/borderwatch)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "borderwatch"


def _cache_key(name: str) -> str:
    """The cache key of a query: NFC, whitespace collapsed, case-folded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


class OnlineGeocoder:
    """Look names up on OpenStreetMap Nominatim (network; opt-in), with a disk cache.

    ``timeout`` (s) bounds every request; ``min_delay_s`` (s) spaces requests
    (Nominatim's policy: at most 1 per second); ``endpoint`` overrides the server as
    ``"host[:port]"`` or ``"http(s)://host[:port]"`` (tests use a loopback server).

    >>> geo = OnlineGeocoder(cache_dir=Path("/tmp/bw-cache"))   # doctest: +SKIP
    >>> geo.lookup("Rechytsa").country                           # doctest: +SKIP
    'BY'
    """

    def __init__(self, *, user_agent: str = DEFAULT_USER_AGENT, timeout: float = 5.0,
                 min_delay_s: float = 1.0, cache_dir: Path | None = None, endpoint: str | None = None,
                 settings: Settings = DEFAULTS) -> None:
        if not user_agent or not user_agent.strip():
            raise ValueError("user_agent must identify the application (Nominatim's usage policy)")
        if not (math.isfinite(timeout) and timeout > 0):
            raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
        if not (math.isfinite(min_delay_s) and min_delay_s >= 0):
            raise ValueError(f"min_delay_s must be >= 0 seconds, got {min_delay_s!r}")
        scheme, domain = "https", "nominatim.openstreetmap.org"
        if endpoint:
            if "://" in endpoint:
                scheme, _, domain = endpoint.partition("://")
            else:
                domain = endpoint
            domain = domain.rstrip("/")
            if scheme not in ("http", "https"):
                raise ValueError(f"endpoint scheme must be http or https, got {scheme!r}")
        self.endpoint = f"{scheme}://{domain}"
        self.timeout = float(timeout)
        self.settings = settings
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        # geopy's default adapter (requests) retries a read timeout twice inside urllib3,
        # so a 5 s timeout became 15 s; the urllib adapter makes one attempt.
        self._nominatim = Nominatim(user_agent=user_agent, timeout=self.timeout, domain=domain, scheme=scheme,
                                    adapter_factory=URLLibAdapter)
        # No retries and no swallowing: a failure must reach the caller as an error at
        # once, not after RateLimiter's retry waits (5 s each by default).
        self._geocode = RateLimiter(self._nominatim.geocode, min_delay_seconds=min_delay_s,
                                    max_retries=0, swallow_exceptions=False)
        self._lock = threading.Lock()
        self._cache: dict[str, dict | None] | None = None
        self.requests_sent = 0

    # ------------------------------------------------------------------ cache
    @property
    def cache_path(self) -> Path:
        return self.cache_dir / _CACHE_FILE

    def _load_cache(self) -> dict[str, dict | None]:
        if self._cache is None:
            try:
                data = json.loads(self.cache_path.read_text(encoding="utf-8"))
                ok = isinstance(data, dict) and data.get("version") == _CACHE_VERSION \
                    and data.get("endpoint") == self.endpoint and isinstance(data.get("answers"), dict)
                self._cache = dict(data["answers"]) if ok else {}
            except (OSError, ValueError):
                # A missing or unreadable cache is only a cold cache.
                self._cache = {}
        return self._cache

    def _save_cache(self) -> None:
        payload = {"version": _CACHE_VERSION, "endpoint": self.endpoint, "answers": self._cache}
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.cache_dir, prefix=".nominatim-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(payload, fh, ensure_ascii=False)
            os.replace(tmp, self.cache_path)
        except OSError:
            pass  # an unwritable cache costs a repeated request, never a failed check

    # ------------------------------------------------------------------ lookup
    def lookup(self, name: str, *, deadline: float | None = None) -> Place | None:
        """Return the Place Nominatim gives for ``name`` (answers cached on disk).

        Raises OnlineLookupError on timeout, refusal (HTTP 429), server error (5xx),
        a malformed answer, or no match.
        """
        if not isinstance(name, str) or not name.strip():
            raise OnlineLookupError(f"nothing to look up online: expected a place name, got {name!r}")
        if len(name) > MAX_QUERY_CHARS:
            raise OnlineLookupError(f"not sent online: a place name has at most {MAX_QUERY_CHARS} "
                                    f"characters, got {len(name)}")
        key = _cache_key(name)
        with self._lock:
            cache = self._load_cache()
            if key in cache:
                raw = cache[key]
            else:
                raw = self._fetch(name)
                cache[key] = raw
                self._save_cache()
        if raw is None:
            raise OnlineLookupError(f"OpenStreetMap Nominatim ({self.endpoint}) found no place named {name!r}")
        return self._place(name, raw)

    def _fetch(self, name: str) -> dict | None:
        where = f"OpenStreetMap Nominatim ({self.endpoint})"
        self.requests_sent += 1
        try:
            loc = self._call_with_deadline(name)
        except GeopyError as exc:
            raise OnlineLookupError(_explain(exc, where, name, self.timeout)) from exc
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            # geopy parses the JSON itself; valid JSON of the wrong shape (strings where
            # numbers belong, coordinates out of range) surfaces here.
            raise OnlineLookupError(f"{where} sent a malformed answer for {name!r} "
                                    f"({type(exc).__name__}: {_short(exc)})") from exc
        if loc is None:
            return None
        raw = getattr(loc, "raw", None)
        if not isinstance(raw, dict):
            raise OnlineLookupError(f"{where} sent a malformed answer for {name!r}: expected a JSON object per place")
        return raw

    def _call_with_deadline(self, name: str):
        """Run the rate-limited geopy call; give up after the rate delay + timeout.

        geopy's timeout bounds each socket operation, not the request: a server that
        trickles its answer a byte at a time never trips it. The call runs in a daemon
        thread and is abandoned (GeocoderTimedOut) when the whole request overruns.
        """
        box: dict = {}

        def run() -> None:
            try:
                with warnings.catch_warnings():
                    # geopy warns (besides raising) on out-of-range coordinates: the error says it.
                    warnings.simplefilter("ignore", UserWarning)
                    box["loc"] = self._geocode(name, exactly_one=True, addressdetails=True, language="en",
                                               timeout=self.timeout)
            except BaseException as exc:  # noqa: BLE001 — handed to the caller's thread as is
                box["exc"] = exc

        worker = threading.Thread(target=run, name="borderwatch-nominatim", daemon=True)
        worker.start()
        worker.join(self._geocode.min_delay_seconds + self.timeout + 0.25)
        if worker.is_alive():
            raise GeocoderTimedOut(f"no complete answer within {self.timeout:g} s")
        if "exc" in box:
            raise box["exc"]
        return box.get("loc")

    def _place(self, name: str, raw: dict) -> Place:
        where = f"OpenStreetMap Nominatim ({self.endpoint})"
        try:
            lat, lon = float(raw["lat"]), float(raw["lon"])
            radius = self._radius_km(raw.get("boundingbox"), lat, lon)
            address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
            ident = (f"{raw['osm_type']}/{raw['osm_id']}" if raw.get("osm_type") and raw.get("osm_id") is not None
                     else str(raw.get("place_id", _cache_key(name))))
            display = str(raw.get("display_name") or name)
            label = str(raw.get("name") or display.split(",")[0]).strip() or name
            return Place(kind="city", name=label, country=str(address.get("country_code", "")).upper(),
                         lat=lat, lon=lon, dataset=DATASET, key=f"online:{ident}", radius_km=radius,
                         admin1_name=address.get("state") or None,
                         note=f"found online (OpenStreetMap Nominatim): {display}")
        except (KeyError, TypeError, ValueError) as exc:
            # CoordinateError is a ValueError too: out-of-range coordinates are malformed.
            raise OnlineLookupError(f"{where} sent a malformed answer for {name!r}: "
                                    f"{type(exc).__name__}: {_short(exc)}") from exc

    def _radius_km(self, bbox, lat: float, lon: float) -> float:
        """Half the bounding box's diagonal, clamped like a town's extent (km)."""
        s = self.settings
        try:
            south, north, west, east = (float(v) for v in bbox)
            r = distance_km(south, west, north, east) / 2.0
        except (TypeError, ValueError):
            return s.min_radius_km
        return min(max(r, s.min_radius_km), s.max_radius_km)


def _short(exc: BaseException, limit: int = 160) -> str:
    """The first line of an exception's message, at most ``limit`` characters."""
    text = (str(exc).strip().splitlines() or [""])[0]
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _explain(exc: GeopyError, where: str, name: str, timeout: float) -> str:
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
    if isinstance(exc, GeocoderTimedOut):
        return (f"{where} did not answer for {name!r} within {timeout:g} s (timeout); the name "
                f"stays unresolved — try again later")
    if isinstance(exc, GeocoderParseError):
        return f"{where} sent a malformed answer (not valid JSON) for {name!r}"
    if isinstance(exc, GeocoderUnavailable):
        return (f"{where} is unreachable for {name!r} ({_short(exc)}); check the network "
                f"connection or try again later")
    if isinstance(exc, (GeocoderQueryError, GeocoderServiceError)):
        return f"{where} failed for {name!r} (service error: {_short(exc)})"
    return f"{where} failed for {name!r}: {type(exc).__name__}: {_short(exc)}"


class OnlineFallback:
    """A callable ``name -> Place | None`` that never raises OnlineLookupError.

    Each failure's message is kept in ``errors`` (in order) so the CLI and the page
    can say which names could not be looked up online, and why.
    """

    def __init__(self, geocoder: OnlineGeocoder) -> None:
        self.geocoder = geocoder
        self.errors: list[str] = []

    def __call__(self, name: str) -> Place | None:
        try:
            return self.geocoder.lookup(name)
        except OnlineLookupError as exc:
            self.errors.append(str(exc))
            return None


def make_fallback(geocoder: OnlineGeocoder) -> Callable[[str], Place | None]:
    """Return an :class:`OnlineFallback` for ``geocoder``: failures become None plus a message."""
    return OnlineFallback(geocoder)


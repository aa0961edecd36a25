"""OfflineGeocoder honours geopy's Geocoder contract and never reaches for the network.

geopy's own suite (test/geocoders/__init__.py in geopy 2.x) checks every geocoder it
ships: no ``*args``/``**kwargs``; constructor options keyword-only, with ``timeout``,
``proxies`` and ``ssl_context`` defaulting to ``DEFAULT_SENTINEL`` and ``user_agent``
and ``adapter_factory`` to ``None``; ``geocode(query, *, exactly_one=True,
timeout=DEFAULT_SENTINEL, ...)``; and docstrings whose ``:param:`` fields list the
parameters in order, each with a type, plus the ``:rtype:`` wording geopy uses. The
checks below restate that contract (written here, not copied) and run it on
OfflineGeocoder, on geopy's own Nominatim as a control that the checks accept a
geocoder geopy accepts, and on deliberately broken geocoders that they must reject.
"""

from __future__ import annotations

import inspect
import re
import socket

import pytest
from geopy.adapters import BaseSyncAdapter, RequestsAdapter, URLLibAdapter
from geopy.exc import GeocoderServiceError
from geopy.geocoders import Nominatim
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from borderwatch.geocoder import NoNetworkAdapter, OfflineGeocoder

# geopy's wording for what geocode returns (its suite accepts exactly these).
GEOPY_RTYPES = (
    "``None``, :class:`geopy.location.Location` or a list of them, if ``exactly_one=False``.",
    ":class:`geopy.location.Location` or a list of them, if ``exactly_one=False``.",
)
KW = inspect.Parameter.KEYWORD_ONLY
_FIELD = re.compile(r"^\s*:(param|type|rtype)([^:]*):(.*)$")


class ContractError(AssertionError):
    """A geocoder method breaks geopy's signature contract."""


def docstring_fields(doc: str | None) -> tuple[list[str], dict[str, str], str | None]:
    """Return (documented params in order, param -> type, rtype) from reST field lists.

    A field's body runs on over indented continuation lines until a blank line or
    the next field (``:rtype:`` often wraps).
    """
    params: list[str] = []
    bodies: dict[tuple[str, str], list[str]] = {}
    current: list[str] | None = None
    for line in (doc or "").splitlines():
        m = _FIELD.match(line)
        if m:
            kind, words = m.group(1), m.group(2).split()
            name = words[-1] if words else ""
            if kind == "param":
                params.append(name)
                if len(words) == 2:  # ":param str query:" carries its type
                    bodies[("type", name)] = [words[0]]
            current = bodies.setdefault((kind, name), []) if kind != "param" else None
            if current is not None:
                current.append(m.group(3).strip())
        elif current is not None and line.strip():
            current.append(line.strip())
        else:
            current = None
    types = {name: " ".join(body) for (kind, name), body in bodies.items() if kind == "type"}
    rtype = " ".join(bodies[("rtype", "")]) if ("rtype", "") in bodies else None
    return params, types, rtype


def check_documented(method, sig: inspect.Signature, allowed_rtypes=(None,)) -> None:
    params, types, rtype = docstring_fields(method.__doc__)
    actual = list(sig.parameters)[1:]
    if params != actual:
        raise ContractError(f"{method.__qualname__}: documented params {params} != signature {actual}")
    if set(types) != set(params):
        raise ContractError(f"{method.__qualname__}: params without a type (or stray types): "
                            f"{sorted(set(params) ^ set(types))}")
    if rtype not in allowed_rtypes:
        raise ContractError(f"{method.__qualname__}: :rtype: {rtype!r} is not geopy's wording")


def check_no_varargs(method, sig: inspect.Signature) -> None:
    var = [p.name for p in sig.parameters.values() if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    if var:
        raise ContractError(f"{method.__qualname__}: geopy geocoders take no *args/**kwargs, got {var}")


def check_option(method, sig: inspect.Signature, name: str, default) -> None:
    p = sig.parameters.get(name)
    if p is None or p.kind != KW or p.default is not default:
        raise ContractError(f"{method.__qualname__}: {name!r} must be keyword-only with default "
                            f"{default!r}, got {p}")


def check_init(cls) -> None:
    sig = inspect.signature(cls.__init__)
    check_no_varargs(cls.__init__, sig)
    for name in ("timeout", "proxies", "ssl_context"):
        check_option(cls.__init__, sig, name, DEFAULT_SENTINEL)
    for name in ("user_agent", "adapter_factory"):
        check_option(cls.__init__, sig, name, None)
    check_documented(cls.__init__, sig)


def check_geocode(cls) -> None:
    method = cls.geocode
    sig = inspect.signature(method)
    check_no_varargs(method, sig)
    first, *rest = list(sig.parameters.values())[1:]
    if first.name != "query" or first.kind != first.POSITIONAL_OR_KEYWORD:
        raise ContractError(f"{method.__qualname__}: the first parameter must be a positional 'query', got {first}")
    if any(p.kind != KW for p in rest):
        raise ContractError(f"{method.__qualname__}: every option after 'query' must be keyword-only")
    if sig.parameters["exactly_one"].default is not True:
        raise ContractError(f"{method.__qualname__}: exactly_one must default to True")
    check_option(method, sig, "timeout", DEFAULT_SENTINEL)
    check_documented(method, sig, GEOPY_RTYPES)


# ---------------------------------------------------------------- broken controls
class _TimeoutNone(OfflineGeocoder):
    """The bug this file guards: ``timeout=None`` (geopy means "no timeout" by None)."""

    def geocode(self, query, *, exactly_one=True, timeout=None):
        """
        :param str query: A name.

        :param bool exactly_one: One or many.

        :param int timeout: Seconds.

        :rtype: ``None``, :class:`geopy.location.Location` or a list of them, if
            ``exactly_one=False``.
        """


class _PositionalOptions(OfflineGeocoder):
    def geocode(self, query, exactly_one=True, timeout=DEFAULT_SENTINEL):
        """
        :param str query: A name.

        :param bool exactly_one: One or many.

        :param int timeout: Seconds.

        :rtype: ``None``, :class:`geopy.location.Location` or a list of them, if
            ``exactly_one=False``.
        """


class _Undocumented(OfflineGeocoder):
    def geocode(self, query, *, exactly_one=True, timeout=DEFAULT_SENTINEL):
        """Return a place."""


class _Kwargs(Geocoder):
    def __init__(self, **kwargs):
        """:param dict kwargs: Anything."""
        super().__init__(**kwargs)


class _InitTimeoutNone(Geocoder):
    def __init__(self, *, timeout=None, proxies=DEFAULT_SENTINEL, user_agent=None,
                 ssl_context=DEFAULT_SENTINEL, adapter_factory=None):
        """
        :param int timeout: Seconds.

        :param dict proxies: Proxies.

        :param str user_agent: Agent.

        :param ssl_context: Context.
        :type ssl_context: :class:`ssl.SSLContext`

        :param callable adapter_factory: Factory.
        """


@pytest.mark.parametrize("check, cls", [
    (check_init, OfflineGeocoder),
    (check_geocode, OfflineGeocoder),
    (check_init, Nominatim),
    (check_geocode, Nominatim),
], ids=["offline-init", "offline-geocode", "control-geopy-nominatim-init", "control-geopy-nominatim-geocode"])
def test_geocoder_passes_geopys_signature_contract(check, cls):
    check(cls)


@pytest.mark.parametrize("check, cls, why", [
    (check_geocode, _TimeoutNone, r"'timeout' must be keyword-only with default"),
    (check_geocode, _PositionalOptions, r"keyword-only"),
    (check_geocode, _Undocumented, r"documented params \[\]"),
    (check_init, _Kwargs, r"no \*args/\*\*kwargs"),
    (check_init, _InitTimeoutNone, r"'timeout' must be keyword-only"),
], ids=["geocode-timeout-none", "geocode-positional-options", "geocode-undocumented", "init-kwargs",
        "init-timeout-none"])
def test_the_contract_checks_reject_broken_geocoders(check, cls, why):
    with pytest.raises(ContractError, match=why):
        check(cls)


# ---------------------------------------------------------------- no network
@pytest.fixture
def no_sockets(monkeypatch):
    """Every way to open a connection raises; what was tried is recorded."""
    tried: list[str] = []

    def refuse(*args, **kwargs):
        tried.append(repr(args[:2]))
        raise OSError("test_geocoder: the network is off")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return tried


@pytest.fixture
def no_http_adapters(monkeypatch):
    """Building geopy's HTTP adapters fails loudly, so a hidden one cannot go unseen."""
    def boom(self, *args, **kwargs):
        raise AssertionError(f"{type(self).__name__} was built")

    monkeypatch.setattr(RequestsAdapter, "__init__", boom)
    monkeypatch.setattr(URLLibAdapter, "__init__", boom)


def test_offline_geocoder_builds_no_network_adapter(checker, no_http_adapters):
    geo = OfflineGeocoder(checker.gazetteer)
    assert isinstance(geo.adapter, NoNetworkAdapter) and isinstance(geo.adapter, BaseSyncAdapter)
    assert not isinstance(geo.adapter, (RequestsAdapter, URLLibAdapter))
    assert geo.timeout == 1, "geopy's options.default_timeout applies when timeout is not given"


def test_control_geopy_nominatim_does_build_one(no_http_adapters):
    """Control for the fixture: geopy's own geocoders do build an HTTP adapter."""
    with pytest.raises(AssertionError, match="Adapter was built"):
        Nominatim(user_agent="borderwatch-test")


def test_the_adapter_refuses_any_request(checker, no_sockets):
    geo = OfflineGeocoder(checker.gazetteer)
    with pytest.raises(GeocoderServiceError, match="sends no requests"):
        geo._call_geocoder("https://nominatim.openstreetmap.org/search?q=Rechytsa", lambda raw: raw)
    assert no_sockets == []


@pytest.mark.parametrize("query, exactly_one, lat, lon, country", [
    ("Rechitsa", True, 52.3617, 30.3916, "BY"),
    ("Рэчыца", True, 52.3617, 30.3916, "BY"),
    ("Gomel", True, 52.4345, 30.9754, "BY"),
], ids=["rechitsa-latin", "rechitsa-cyrillic", "gomel"])
def test_geocode_answers_offline(checker, no_sockets, query, exactly_one, lat, lon, country):
    loc = OfflineGeocoder(checker.gazetteer).geocode(query, exactly_one=exactly_one)
    assert isinstance(loc, Location)
    assert (round(loc.latitude, 4), round(loc.longitude, 4)) == (lat, lon)
    assert loc.raw["country"] == country
    assert no_sockets == []


def test_geocode_many_and_none_offline(checker, no_sockets):
    geo = OfflineGeocoder(checker.gazetteer, timeout=3, user_agent="x", proxies={})
    many = geo.geocode("Rechytsa", exactly_one=False)
    assert isinstance(many, list) and len(many) >= 2 and all(isinstance(x, Location) for x in many)
    assert len({(x.latitude, x.longitude) for x in many}) == len(many), "no duplicate candidates"
    assert geo.geocode("Qwzxvbnm") is None
    assert no_sockets == []

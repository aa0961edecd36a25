"""The embedded gazetteer behind geopy's Geocoder interface, fully offline.

Code written for geopy can swap in :class:`OfflineGeocoder`; it honours the
contract geopy's own test suite checks for its geocoders (keyword-only options,
``timeout`` defaulting to ``DEFAULT_SENTINEL``, documented parameters), yet it
never builds an HTTP client: its adapter refuses every request.

    >>> loc = OfflineGeocoder().geocode("Rechitsa")
    >>> (round(loc.latitude, 4), round(loc.longitude, 4))
    (52.3617, 30.3916)
    >>> loc.raw["country"]
    'BY'
"""

from __future__ import annotations

from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderServiceError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from .gazetteer import Context, Gazetteer
from .geodata import open_geodata

__all__ = ["OfflineGeocoder", "NoNetworkAdapter"]


class NoNetworkAdapter(BaseSyncAdapter):
    """A geopy adapter that opens no connection: every request is refused.

    geopy's base Geocoder builds an HTTP adapter (requests or urllib) in its
    constructor; an offline geocoder has no use for one.
    """

    def __init__(self, *, proxies, ssl_context):
        super().__init__(proxies=proxies, ssl_context=ssl_context)

    def get_json(self, url, *, timeout, headers):
        return self.get_text(url, timeout=timeout, headers=headers)

    def get_text(self, url, *, timeout, headers):
        raise GeocoderServiceError(f"borderwatch's OfflineGeocoder sends no requests (refused {url!r})")


class OfflineGeocoder(Geocoder):
    """A geopy Geocoder answering from borderwatch's embedded GeoNames extract; never uses the network."""

    def __init__(
            self,
            gazetteer: Gazetteer | None = None,
            *,
            countries: frozenset[str] = frozenset(),
            timeout=DEFAULT_SENTINEL,
            proxies=DEFAULT_SENTINEL,
            user_agent=None,
            ssl_context=DEFAULT_SENTINEL,
            adapter_factory=None,
    ):
        """

        :type gazetteer: :class:`borderwatch.gazetteer.Gazetteer`
        :param gazetteer: The gazetteer to answer from; by default the embedded
            geodata, opened (and verified) once here.

        :param frozenset countries: ISO 3166-1 alpha-2 codes of countries the
            text mentions; towns in them are preferred, as in an article.

        :param float timeout: Accepted for geopy's contract; nothing waits on a
            network, so it bounds nothing.

        :param dict proxies: Accepted for geopy's contract; no request is sent.

        :param str user_agent: Accepted for geopy's contract; no request is sent.

        :type ssl_context: :class:`ssl.SSLContext`
        :param ssl_context: Accepted for geopy's contract; no request is sent.

        :param callable adapter_factory: geopy's adapter factory; by default
            :class:`NoNetworkAdapter`, which refuses every request.
        """
        super().__init__(timeout=timeout, proxies=proxies, user_agent=user_agent, ssl_context=ssl_context,
                         adapter_factory=adapter_factory or NoNetworkAdapter)
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer(open_geodata())
        self.countries = frozenset(countries)

    def geocode(self, query, *, exactly_one=True, timeout=DEFAULT_SENTINEL):
        """
        Return the place the embedded gazetteer resolves ``query`` to.

        :param str query: The place name to resolve (any script or spelling
            the gazetteer folds: "Rechitsa", "Рэчыца").

        :param bool exactly_one: Return one result, or a list of candidates
            (best first) if ``False``.

        :param int timeout: Accepted for geopy's contract; the lookup is local.

        :rtype: ``None``, :class:`geopy.location.Location` or a list of them, if
            ``exactly_one=False``.
        """
        res = self.gazetteer.resolve(str(query), context=Context(countries=self.countries))
        if res.place is None:
            return None
        places = [res.place] + [c.place for c in res.candidates[1:] if c.place.key != res.place.key]
        locs = [Location(p.label, (p.lat, p.lon, 0.0),
                         {"geonameid": p.geonameid, "country": p.country, "population": p.population,
                          "dataset": p.dataset, "reason": res.reason}) for p in places]
        return locs[0] if exactly_one else locs

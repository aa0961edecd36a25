"""The embedded gazetteer behind geopy's Geocoder interface, fully offline.

Code written for geopy can swap in :class:`OfflineGeocoder`:

    >>> OfflineGeocoder().geocode("Rechitsa").point   # doctest: +SKIP
    Point(52.3617, 30.3916, 0.0)
"""

from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .gazetteer import Context, Gazetteer
from .geodata import open_geodata

__all__ = ["OfflineGeocoder"]


class OfflineGeocoder(Geocoder):
    """A geopy Geocoder answering from borderwatch's embedded GeoNames extract; never uses the network."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, countries: frozenset[str] = frozenset()) -> None:
        super().__init__(scheme="https", timeout=1)
        self.gazetteer = gazetteer or Gazetteer(open_geodata())
        self.countries = countries

    def geocode(self, query: str, *, exactly_one: bool = True, timeout=None):
        """Return a geopy Location (or a list of them, best first), or None when nothing matches well."""
        res = self.gazetteer.resolve(str(query), context=Context(countries=self.countries))
        if res.place is None:
            return None
        places = [res.place] + [c.place for c in res.candidates[1:] if c.place.key != res.place.key]
        locs = [Location(p.label, (p.lat, p.lon, 0.0),
                         {"geonameid": p.geonameid, "country": p.country, "population": p.population,
                          "dataset": p.dataset, "reason": res.reason}) for p in places]
        return locs[0] if exactly_one else locs

    def reverse(self, query, *, exactly_one=True, timeout=None):
        raise NotImplementedError("OfflineGeocoder does not do reverse geocoding")

"""Coasts and islands, and named lines, measured from a point (see boundaries.py for regions and borders).

A country's coast is its land outline minus its land borders, where it meets the sea (geo-maps earth-seas-10m;
not the banks of rivers and lakes, which the land outlines also stop at) (built by scripts/geodata_lines.py,
stored as runs of the outline). Its land parts are its mainland (the largest) and its islands:
from a point on an island the coast measured is the rest of the country's coast, the island's
own shore excluded ("Snake Island, 35 km off Ukraine's coast"); every coast measurement says
which land part its nearest point is on.
"""

from __future__ import annotations

import functools

import shapely
from pyproj import Geod

from .boundaries import Boundaries, BoundaryHit, charge_measurement
from .budget import uncharged
from .errors import GeodataError
from .geodata import coast_key
from .geodesy import Segments, nearest_on_segments
from .model import check_latlon

__all__ = ["Coasts"]

_GEOD = Geod(ellps="WGS84")


class Coasts:
    """Point-to-coast and point-to-named-line measurements on the embedded geodata."""

    def __init__(self, boundaries: Boundaries) -> None:
        self.boundaries = boundaries

    def coast_keys(self, iso2: str) -> tuple[str, ...]:
        """Return the geodata key of ``iso2``'s coast, or () when it has none (landlocked, or no data)."""
        rows = self.boundaries.geodata.query("SELECT n_runs FROM coasts WHERE iso2=?", (iso2,))
        return (coast_key(iso2),) if rows and rows[0][0] else ()

    def to_coast(self, lat: float, lon: float, iso2: str) -> BoundaryHit | None:
        """Distance from (lat, lon) to country ``iso2``'s coast (its land outline where it meets the sea);
        None when it has none. The note says whether the nearest coast is the mainland's or an island's."""
        lat, lon = check_latlon(lat, lon)
        keys = self.coast_keys(iso2)
        if not keys:
            return None
        dataset = self.boundaries.geodata.query("SELECT dataset FROM coasts WHERE iso2=?", (iso2,))[0][0]
        part = self._part_at(iso2, lat, lon)
        if part:  # on an island of the country: to the rest of its coast ("an island 35 km off the coast")
            charge_measurement()
            hit = nearest_on_segments(lat, lon, self._coast_without(iso2, part))
            note = (f"measured from an island ({self._area_km2(iso2, part):,.1f} km²) to the rest of {iso2}'s coast, "
                    f"the island's own coast excluded; the nearest coast point is {self.land_part(iso2, hit.lat, hit.lon)}")
            return BoundaryHit(hit.distance_km, (hit.lat, hit.lon), dataset,
                               True, note=note)
        hit = self.boundaries.nearest(keys[0], lat, lon)
        inside = part is not None
        where = "from inland" if inside else "from off the coast"
        note = f"measured {where} to {iso2}'s coast; the nearest coast point is {self.land_part(iso2, hit.lat, hit.lon)}"
        return BoundaryHit(hit.distance_km, (hit.lat, hit.lon), dataset,
                           inside, note=note)

    def land_part(self, iso2: str, lat: float, lon: float) -> str:
        """Which of the country's land parts the outline point (lat, lon) lies on, in words."""
        parts = self._parts(iso2)
        if len(parts) == 1:
            return "on its only land part"
        box = shapely.box(lon - 1e-6, lat - 1e-6, lon + 1e-6, lat + 1e-6)
        near = [i for i in range(len(parts)) if shapely.intersects(shapely.box(*parts[i].bounds), box)]
        if not near:
            return "on an unknown land part"
        point = shapely.points(lon, lat)
        i = min(near, key=lambda k: shapely.distance(parts[k], point))
        if i == 0:
            return "on the mainland (its largest land part)"
        area = abs(_GEOD.geometry_area_perimeter(parts[i])[0]) / 1e6
        return f"on an island of {area:,.1f} km² (one of its {len(parts):,} land parts)"

    def island_area_at(self, iso2: str, lat: float, lon: float) -> float | None:
        """Area (km²) of the island of ``iso2`` that (lat, lon) lies on; None on its mainland, at sea,
        or for a country the data has no outline of."""
        try:
            part = self._part_at(iso2, lat, lon)
        except GeodataError:
            return None
        return self._area_km2(iso2, part) if part else None

    def _part_at(self, iso2: str, lat: float, lon: float) -> int | None:
        """Index (largest first) of the country's land part containing (lat, lon), or None (at sea)."""
        for i, part in enumerate(self._parts(iso2)):
            x0, y0, x1, y1 = part.bounds
            if x0 <= lon <= x1 and y0 <= lat <= y1 and shapely.contains_xy(part, lon, lat):
                return i
        return None

    def _area_km2(self, iso2: str, part: int) -> float:
        return abs(_GEOD.geometry_area_perimeter(self._parts(iso2)[part])[0]) / 1e6

    def to_own_island(self, lat: float, lon: float, iso2: str, at: tuple[float, float]) -> BoundaryHit | None:
        """Distance from (lat, lon) to the shore of the island of ``iso2`` that the point ``at`` lies on ("Tsushima
        is … 50 km from Busan": from Busan to Tsushima's shore); None when ``at`` is on no island of it."""
        lat, lon = check_latlon(lat, lon)
        part = self._part_at(iso2, *at)
        if not part:
            return None
        charge_measurement()
        hit = nearest_on_segments(lat, lon, self._own_shore(iso2, part))
        dataset = self.boundaries.geodata.query("SELECT dataset FROM coasts WHERE iso2=?", (iso2,))[0][0]
        return BoundaryHit(hit.distance_km, (hit.lat, hit.lon), dataset, False,
                           note=f"to the shore of the island ({self._area_km2(iso2, part):,.1f} km²) the town lies on")

    def _own_shore(self, iso2: str, part: int) -> Segments:
        """The coast segments of land part ``part`` alone (an island's own shore)."""
        return self._shore_split(iso2, part)[0]

    def _coast_without(self, iso2: str, part: int) -> Segments:
        """The country's coast segments less those of land part ``part`` (an island's own shore)."""
        return self._shore_split(iso2, part)[1]

    @functools.lru_cache(maxsize=64)
    @uncharged
    def _shore_split(self, iso2: str, part: int) -> tuple[Segments, Segments]:
        """(the coast segments on land part ``part``, the rest of the country's coast segments)."""
        seg = self.boundaries.segments(coast_key(iso2))
        island = self._parts(iso2)[part].buffer(1e-7)
        shapely.prepare(island)
        own = shapely.contains_xy(island, seg.x1, seg.y1) & shapely.contains_xy(island, seg.x2, seg.y2)
        return tuple(Segments(seg.x1[m], seg.y1[m], seg.x2[m], seg.y2[m]) for m in (own, ~own))

    @functools.lru_cache(maxsize=64)
    @uncharged
    def _parts(self, iso2: str) -> tuple:
        """The country's land parts, largest first (planar area: only the order is used)."""
        parts = shapely.get_parts(self.boundaries.geodata.coast_outline(iso2))
        return tuple(sorted(parts, key=lambda p: -p.area))

    def to_line(self, lat: float, lon: float, line) -> BoundaryHit:
        """Distance from (lat, lon) to a named line (a Place of kind LINE, from the gazetteer's named lines)."""
        lat, lon = check_latlon(lat, lon)
        hit = self.boundaries.nearest(line.geometry[0], lat, lon)
        return BoundaryHit(hit.distance_km, (hit.lat, hit.lon), line.dataset, None,
                           note=f"measured to the nearer of the two sides' outlines of {line.name}")

"""Regions, countries and the borders between them, measured from a point.

Targets come from the embedded geodata (see geodata/SOURCES.md):
- a region's boundary: geoBoundaries UKR ADM1 for Ukraine (OSM resolution, Kyiv
  Oblast with the Slavutych exclave), Natural Earth 10m admin-1 elsewhere;
- a country's border with another: for each neighbour pair, each side's outline
  where it lies within 0.02° of the other's. From a point outside both countries'
  far side, "the border" is where the other country begins: the far side's line is
  measured and the near side's line is reported as the data's spread (on a river
  border the two banks differ).
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass

import numpy as np
import shapely

from .budget import charge, uncharged, work_budget  # noqa: F401 (work_budget re-exported)
from .geodata import GeoData, border_key, country_key, region_key
from .geodesy import Segments, distance_km, nearest_on_each, nearest_on_segments
from .model import check_latlon

__all__ = ["BoundaryHit", "Boundaries", "work_budget", "charge_measurement"]  # work_budget: from budget.py


@dataclass(frozen=True)
class BoundaryHit:
    """A point-to-boundary measurement before it becomes a Measurement."""

    distance_km: float
    nearest: tuple[float, float]
    dataset: str
    inside: bool | None
    spread_km: float = 0.0
    note: str | None = None


# The display outline lies within display_tolerance_deg (0.01°, ≤ 1.12 km) of the full one: twice that
# bounds how much nearer the full outline can be than the display outline's nearest point.
COUNTRY_WINDOW_SLACK_KM = 2.5
_SEAM_LON = 179.999  # a point this near ±180° may lie on the cut of an outline that spans the antimeridian
_KM_PER_DEG_LAT = 110.57  # the least length of a degree of latitude (at the equator)


def _box_around(lat: float, lon: float, km: float) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) holding every point within ``km`` of (lat, lon); None when it would
    wrap the antimeridian or reach a pole (then the whole outline is read)."""
    dlat = km / _KM_PER_DEG_LAT
    top = abs(lat) + dlat
    if top >= 89.0:
        return None
    dlon = km / (111.32 * float(np.cos(np.radians(top))))
    if lon - dlon < -180 or lon + dlon > 180:
        return None
    return lon - dlon, lat - dlat, lon + dlon, lat + dlat


def _lines(geom) -> list[np.ndarray]:
    """Every ring or line of ``geom`` as an (N, 2) lon/lat array."""
    out = []
    for part in shapely.get_parts(geom):
        if part.geom_type == "Polygon":
            out.append(np.asarray(part.exterior.coords)[:, :2])
            out.extend(np.asarray(r.coords)[:, :2] for r in part.interiors)
        elif part.geom_type in ("LineString", "LinearRing"):  # a ring clipped whole keeps its type
            out.append(np.asarray(part.coords)[:, :2])
        elif part.geom_type in ("MultiLineString", "MultiPolygon", "GeometryCollection"):
            out.extend(_lines(part))
    return out


_MEMO_SIZE = 8192


def charge_measurement() -> None:
    """Check the article's work budget (budget.py) before a boundary measurement the memo does
    not hold; raises WorkBudgetSpent once it is spent (no budget open: free)."""
    charge()


class CountryOutlines:
    """A country's whole outline, for a point that shares no border with it ("Key West … 90 miles
    from Cuba"): read only where it can hold the answer, its rings cached per country."""

    def __init__(self, geodata: GeoData) -> None:
        self.geodata = geodata

    @functools.lru_cache(maxsize=16)
    @uncharged
    def _rings(self, iso2: str):
        """(rings, their lon/lat bounds as an (N, 4) array) of country ``iso2``'s full outline."""
        rings = shapely.get_rings(shapely.get_parts(self.geodata.geometry(country_key(iso2))))
        return rings, shapely.bounds(rings)

    @functools.lru_cache(maxsize=64)
    @uncharged
    def _display(self, iso2: str):
        return shapely.boundary(self.geodata.geometry(country_key(iso2), display=True))

    @functools.lru_cache(maxsize=64)
    @uncharged
    def _display_area(self, iso2: str):
        area = self.geodata.geometry(country_key(iso2), display=True)
        shapely.prepare(area)
        shapely.contains_xy(area, 0.0, 0.0)  # the prepared index is built on first use: here, with the load
        return area

    def inside(self, lat: float, lon: float, iso2: str) -> bool:
        """Whether (lat, lon) lies inside the country's display outline (a note's wording only)."""
        return bool(shapely.contains_xy(self._display_area(iso2), lon, lat))

    def near_km(self, lat: float, lon: float, iso2: str) -> tuple[float, tuple[float, float]]:
        """(km, (lat, lon)) to the nearest point of country ``iso2``'s display outline (simplified by
        display_tolerance_deg): within that tolerance of the true distance, cheap for any country."""
        lat, lon = check_latlon(lat, lon)
        near = shapely.shortest_line(shapely.Point(lon, lat), self._display(iso2)).coords[-1]
        return distance_km(lat, lon, near[1], near[0]), (near[1], near[0])

    def to_country(self, lat: float, lon: float, iso2: str):
        """The nearest point of country ``iso2``'s full-resolution outline (its land or coast).

        Exact on the outline, but only its part that can hold the answer is read: every point of it
        within the display outline's distance plus COUNTRY_WINDOW_SLACK_KM lies in a lon/lat box
        around (lat, lon), and the rings are clipped to that box (Russia's whole outline costs ~2 s)."""
        lat, lon = check_latlon(lat, lon)
        km, near = self.near_km(lat, lon, iso2)
        rings, bounds = self._rings(iso2)
        # a nearest point on the 180° cut of an outline that spans it is no coast: read it whole
        box = _box_around(lat, lon, km + COUNTRY_WINDOW_SLACK_KM) if abs(near[1]) < _SEAM_LON else None
        if box is not None:
            west, south, east, north = box
            keep = (bounds[:, 0] <= east) & (bounds[:, 2] >= west) & (bounds[:, 1] <= north) & (bounds[:, 3] >= south)
            rings = shapely.clip_by_rect(rings[keep], *box)
        # every edge of every (clipped) line at once: consecutive vertices of the same part
        coords, part = shapely.get_coordinates(shapely.get_parts(rings), return_index=True)
        a, b = coords[:-1], coords[1:]
        keep = (part[1:] == part[:-1]) & ~((np.abs(a[:, 0]) == 180.0) & (a[:, 0] == b[:, 0]))  # not the 180° cut
        a, b = a[keep], b[keep]
        return nearest_on_segments(lat, lon, Segments(a[:, 0].copy(), a[:, 1].copy(), b[:, 0].copy(), b[:, 1].copy()))


class Boundaries:
    """Point-to-boundary measurements on the embedded geodata."""

    def __init__(self, geodata: GeoData) -> None:
        self.geodata = geodata
        self._memo: dict = {}
        self._memo_lock = threading.Lock()
        self.outlines = CountryOutlines(geodata)

    @functools.lru_cache(maxsize=256)
    @uncharged
    def segments(self, key: str) -> Segments:
        """Return the boundary edges of the geometry ``key`` (see GeoData.geometry).

        Edges along the antimeridian (lon = ±180 at both ends) or a pole (lat = ±90 at
        both ends) are dropped: they are where the lon/lat data cuts a shape (Russia's
        Chukotka, Fiji, Antarctica), not a border or a coast. Kept, a point inside
        Chukotka near 180° measured ~0 km to "Russia's outline".
        """
        seg = Segments.from_lines(_lines(self.geodata.geometry(key)))
        seam = (((np.abs(seg.x1) == 180.0) & (seg.x1 == seg.x2))
                | ((np.abs(seg.y1) == 90.0) & (seg.y1 == seg.y2)))
        if not seam.any() or seam.all():
            return seg
        keep = ~seam
        return Segments(seg.x1[keep], seg.y1[keep], seg.x2[keep], seg.y2[keep])

    def nearest(self, key: str, lat: float, lon: float):
        """Return the NearestPoint of ``key``'s boundary to (lat, lon) (memoised).

        Pure in its arguments (the geodata is read-only), so an article that measures
        from the same town to the same border many times pays for it once: 4,700
        repeats of one claim took 20 s before (benchmarks/bench_adversarial.py). Each
        measurement not in the memo is charged to the current work budget, if any.
        """
        memo_key = (key, lat, lon)
        with self._memo_lock:
            hit = self._memo.get(memo_key)
        if hit is not None:
            return hit
        charge_measurement()
        hit = nearest_on_segments(lat, lon, self.segments(key))
        with self._memo_lock:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.pop(next(iter(self._memo)))  # the oldest entry
            self._memo[memo_key] = hit
        return hit

    @functools.lru_cache(maxsize=4096)
    def nearest_each(self, keys: tuple[str, ...], lat: float, lon: float):
        """Return the NearestPoint of each key's boundary to (lat, lon), searched together (memoised).

        A border's two outlines share one vectorised search (geodesy.nearest_on_each); a
        search not in the cache is charged to the work budget like :meth:`nearest`.
        """
        charge_measurement()
        return nearest_on_each(lat, lon, tuple(self.segments(k) for k in keys))

    @functools.lru_cache(maxsize=256)
    @uncharged
    def _prepared(self, key: str):
        geom = self.geodata.geometry(key)
        shapely.prepare(geom)
        shapely.contains_xy(geom, 0.0, 0.0)  # GEOS builds the prepared index on first use: here, with the load
        return geom

    def contains(self, key: str, lat: float, lon: float) -> bool:
        """True when (lat, lon) lies inside the region or country ``key``."""
        return bool(shapely.contains_xy(self._prepared(key), lon, lat))

    def region_dataset(self, region_id: int) -> str:
        return self.geodata.query("SELECT dataset FROM regions WHERE id=?", (region_id,))[0][0]

    def to_region(self, lat: float, lon: float, region_id: int) -> BoundaryHit:
        """Distance from (lat, lon) to region ``region_id``'s boundary (km, WGS84).

        Rechytsa to Kyiv Oblast, whose Slavutych exclave is the nearest part:

        >>> from borderwatch.check import default_checker
        >>> ck = default_checker()
        >>> kyiv = ck.gazetteer.resolve_region("Kyiv region").place
        >>> round(ck.boundaries.to_region(52.3617, 30.3916, kyiv.region_id).distance_km, 1)
        92.4
        """
        lat, lon = check_latlon(lat, lon)
        key = region_key(region_id)
        hit = self.nearest(key, lat, lon)
        return BoundaryHit(hit.distance_km, (hit.lat, hit.lon), self.region_dataset(region_id),
                           self.contains(key, lat, lon))

    def near_country_km(self, lat: float, lon: float, iso2: str) -> tuple[float, tuple[float, float]]:
        """(km, (lat, lon)) to country ``iso2``'s display outline: see CountryOutlines.near_km."""
        return self.outlines.near_km(lat, lon, iso2)

    def to_country(self, lat: float, lon: float, iso2: str) -> BoundaryHit:
        """Distance from (lat, lon) to country ``iso2``'s full-resolution outline: see CountryOutlines.to_country."""
        hit = self.outlines.to_country(lat, lon, iso2)
        dataset = self.geodata.query("SELECT dataset FROM countries WHERE iso2=?", (iso2,))[0][0]
        return BoundaryHit(hit.distance_km, (hit.lat, hit.lon), dataset, self.outlines.inside(lat, lon, iso2))

    def border_keys(self, a: str, b: str) -> tuple[str, ...]:
        """Return the geodata keys of the stored lines of the a–b border, one per side (may be empty)."""
        x, y = sorted((a, b))
        return tuple(border_key(x, y, side) for side, _ in self.border_sides(a, b))

    def country_at(self, lat: float, lon: float) -> str | None:
        """Return the ISO2 code of the country containing (lat, lon), or None (at sea, or no data)."""
        for iso in self._countries_by_population():
            if self.contains(country_key(iso), lat, lon):
                return iso
        return None

    @functools.lru_cache(maxsize=1)
    @uncharged
    def _countries_by_population(self) -> tuple[str, ...]:
        return tuple(r[0] for r in self.geodata.query("SELECT iso2 FROM countries ORDER BY population DESC"))

    def border_sides(self, a: str, b: str) -> list[tuple[str, str]]:
        """Return [(side ISO2, dataset)] of the stored lines of the a–b border (may be empty)."""
        x, y = sorted((a, b))
        return [(r[0], r[1]) for r in self.geodata.query(
            "SELECT side, dataset FROM borders WHERE a=? AND b=?", (x, y))]

    def to_border(self, lat: float, lon: float, a: str, b: str) -> BoundaryHit | None:
        """Distance from (lat, lon) to the border between countries ``a`` and ``b``.

        The side measured is the country the point is not in (where the other country
        begins); the other side's distance is returned as ``spread_km``. None when the
        data has no shared border for the pair.
        """
        lat, lon = check_latlon(lat, lon)
        sides = self.border_sides(a, b)
        if not sides:
            return None
        x, y = sorted((a, b))
        found = self.nearest_each(tuple(border_key(x, y, side) for side, _ in sides), lat, lon)
        hits = {side: (h, dataset) for (side, dataset), h in zip(sides, found)}
        inside = {iso: self.contains(country_key(iso), lat, lon) for iso in (a, b)}
        far = [iso for iso in hits if not inside.get(iso)]
        chosen = far[0] if len(far) == 1 else min(hits, key=lambda s: hits[s][0].distance_km)
        h, dataset = hits[chosen]
        others = [hits[s][0].distance_km for s in hits if s != chosen]
        spread = abs(others[0] - h.distance_km) if others else 0.0
        note = (f"measured to {chosen}'s outline ({dataset})"
                + (f"; the other side's outline gives {others[0]:.2f} km" if others else ""))
        return BoundaryHit(h.distance_km, (h.lat, h.lon), dataset, None, spread, note)

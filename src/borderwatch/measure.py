"""Resolutions -> measurements: exact distances on WGS84, each saying how and on what data.

- to a town: the geodesic between the two points (Karney 2013, via pyproj.Geod);
- to a region: the minimum geodesic distance to its boundary's edges;
- to a border: the same, to the border line of the nearest pair the claim may mean,
  measured on the far side's outline, the near side's distance giving the data's spread.

The range of every measurement adds the anchor's uncertainty radius (a town's extent)
and the data's spread (verdict rule 2).
"""

from __future__ import annotations

import functools
from dataclasses import replace

import numpy as np
import shapely

from .boundaries import Boundaries, BoundaryHit, _lines
from .coasts import Coasts
from .gazetteer import Gazetteer
from .geodata import country_key, region_key
from .geodesy import Segments, distance_km, geodesic_path, nearest_on_segments
from .model import (Candidate, ChosenBy, MatchKind, Measurement, Place, PlaceKind, Resolution, TargetKind,
                    TargetPart, TargetResolution)
from .settings import DEFAULTS, EXCLAVE_COAST_SHARE, EXCLAVE_COAST_TOLERANCE_DEG, Settings

__all__ = ["Measurer", "METHOD_POINT", "METHOD_BOUNDARY"]

METHOD_POINT = "geodesic on WGS84 (pyproj.Geod, GeographicLib; Karney 2013)"
METHOD_BOUNDARY = ("minimum geodesic distance on WGS84 to the boundary's edges "
                   "(golden-section search on each candidate edge; pyproj.Geod, Karney 2013)")


class Measurer:
    """Measures from an anchor place to a resolved target on the embedded geodata."""

    def __init__(self, boundaries: Boundaries, gazetteer: Gazetteer, *, settings: Settings = DEFAULTS) -> None:
        self.boundaries = boundaries
        self.coasts = Coasts(boundaries)
        self.gazetteer = gazetteer
        self.settings = settings

    def measure(self, anchor: Place, target: TargetResolution, *, pairs: tuple[tuple[str, str], ...] = (),
                outline: bool = True) -> tuple[TargetResolution, Measurement | None]:
        """Return (the target, completed for a border; the measurement or None with ``why_not`` set).
        ``outline``: a country sharing no border with the anchor's is measured to its whole outline
        (False for the alternatives of an anchor: a far namesake does not load a continent's outline)."""
        if target.kind is TargetKind.BORDER and target.why_not is None:
            return self._to_border(anchor, target, pairs, outline)
        if target.kind is TargetKind.COAST and target.why_not is None:
            return self._to_coast(anchor, target)
        place = target.place
        if place is None:
            return target, None
        if place.kind is PlaceKind.REGION:
            return target, self._to_region(anchor, place)
        if place.kind is PlaceKind.LINE:
            return target, self._to_line(anchor, place)
        return target, self._to_point(anchor, place)

    def _measurement(self, anchor: Place, d: float, nearest: tuple[float, float], method: str, dataset: str,
                     label: str, *, spread_km: float = 0.0, inside=None, note=None,
                     geometry: tuple[str, ...] = (), part: TargetPart | None = None) -> Measurement:
        r = anchor.radius_km + spread_km
        notes = [n for n in (anchor.note, note) if n]
        return Measurement(distance_km=d, low_km=max(0.0, d - r), high_km=d + r, origin=(anchor.lat, anchor.lon),
                           nearest=nearest, method=method, dataset=f"{anchor.dataset}; {dataset}",
                           target_label=label, inside=inside, note="; ".join(notes) or None,
                           path=tuple(geodesic_path(anchor.lat, anchor.lon, *nearest,
                                                    points=self.settings.path_points)),
                           geometry=geometry, part=part)

    def _to_point(self, anchor: Place, target: Place) -> Measurement:
        d = distance_km(anchor.lat, anchor.lon, target.lat, target.lon)
        return self._measurement(anchor, d, (target.lat, target.lon), METHOD_POINT, target.dataset,
                                 target.label,
                                 note=f"town centres; {target.name}'s own extent (±{target.radius_km:.1f} km) "
                                      f"is not added: the verdict's range is the anchor's (verdict rule 2)")

    def _to_region(self, anchor: Place, region: Place) -> Measurement:
        hit = self.boundaries.to_region(anchor.lat, anchor.lon, region.region_id)
        note = f"{anchor.name} lies inside {region.name}: distance to its boundary from within" if hit.inside else None
        part = None if hit.inside else self.detached_part(anchor, region, hit.nearest)
        return self._measurement(anchor, hit.distance_km, hit.nearest, METHOD_BOUNDARY, hit.dataset,
                                 f"{region.name} boundary", inside=hit.inside, note=note, geometry=region.geometry,
                                 part=part)

    def detached_part(self, anchor: Place, region: Place, nearest: tuple[float, float]) -> TargetPart | None:
        """Return the detached part of ``region`` that holds ``nearest`` (an exclave), or None.

        None when the region is one piece or the nearest point lies on its largest part.
        The distance to the main part is measured like any region (minimum geodesic to its edges).
        """
        parts, main = _parts(self.boundaries.geodata, region.region_id)
        if len(parts) < 2:
            return None
        point = shapely.Point(nearest[1], nearest[0])
        at = min(range(len(parts)), key=lambda i: parts[i].boundary.distance(point))
        if at == main:
            return None
        hit = nearest_on_segments(anchor.lat, anchor.lon, Segments.from_lines(_lines(parts[main])))
        west, south, east, north = parts[at].bounds
        return TargetPart(name=self._largest_town_in(parts[at]), exclave=self._is_exclave(parts[at], region),
                          main_km=hit.distance_km, main_nearest=(hit.lat, hit.lon), bounds=(south, west, north, east))

    def _largest_town_in(self, part) -> str | None:
        west, south, east, north = part.bounds
        rows = self.boundaries.geodata.query(
            "SELECT name, lat, lon FROM places WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
            "ORDER BY population DESC LIMIT 50", (south, north, west, east))
        if not rows:
            return None
        inside = shapely.contains_xy(part, np.array([r[2] for r in rows]), np.array([r[1] for r in rows]))
        return next((r[0] for r, ok in zip(rows, inside) if ok), None)

    def _is_exclave(self, part, region: Place) -> bool:
        """False when most of the part's outline is its country's outline (an island or coastal strip)."""
        if not region.countries:
            return True
        country = self.boundaries.geodata.geometry(country_key(region.countries[0]), display=True)
        ring = part.boundary
        shared = ring.intersection(country.boundary.buffer(EXCLAVE_COAST_TOLERANCE_DEG)).length
        return shared <= EXCLAVE_COAST_SHARE * ring.length

    def _to_coast(self, anchor: Place, target: TargetResolution) -> tuple[TargetResolution, Measurement | None]:
        """To the coast of the country the text names, else of the anchor's own country ("5 km from the coast")."""
        iso = target.named[0] if target.named else anchor.country
        if not iso:
            return replace(target, why_not="the text names no country whose coast it means, and the anchor is "
                                           "in none"), None
        name = self.gazetteer.country(iso).name
        hit = self.coasts.to_coast(anchor.lat, anchor.lon, iso)
        if hit is None:
            return replace(target, why_not=f"{name} has no coast in the embedded data (its outline meets no sea: "
                                           f"land borders, and the banks of rivers and lakes)"), None
        implicit = "" if target.named else f" (the text names no country: {anchor.name}'s own, {name})"
        place = Place(kind=PlaceKind.COAST, name=f"{name} coast", countries=(iso,), lat=hit.nearest[0],
                      lon=hit.nearest[1], dataset=hit.dataset, key=f"coast:{iso}", geometry=self.coasts.coast_keys(iso))
        res = Resolution(target.text, place, (Candidate(place, 1.0, MatchKind.DERIVED, place.name),),
                         f"{place.name}: {name}'s land outline where it meets the sea{implicit}", ChosenBy.DERIVED,
                         source=hit.dataset)
        m = self._measurement(anchor, hit.distance_km, hit.nearest, METHOD_BOUNDARY, hit.dataset, place.name,
                              inside=hit.inside, note=hit.note, geometry=place.geometry)
        return replace(target, resolution=res), m

    def _to_line(self, anchor: Place, line: Place) -> Measurement:
        hit = self.coasts.to_line(anchor.lat, anchor.lon, line)
        return self._measurement(anchor, hit.distance_km, hit.nearest, METHOD_BOUNDARY, hit.dataset, line.name,
                                 spread_km=hit.spread_km, note=hit.note, geometry=line.geometry)

    def _nearest_border(self, anchor: Place, pairs) -> tuple[tuple[str, str], BoundaryHit] | None:
        best = None
        for a, b in pairs:
            hit = self.boundaries.to_border(anchor.lat, anchor.lon, a, b)
            if hit and (best is None or hit.distance_km < best[1].distance_km):
                best = ((a, b), hit)
        return best

    def _to_border(self, anchor: Place, target: TargetResolution, pairs, outline: bool = True
                   ) -> tuple[TargetResolution, Measurement | None]:
        best = self._nearest_border(anchor, pairs)
        if best is None and outline and len(target.named) == 1 and target.named[0] != anchor.country:
            return _to_country(self, anchor, target, target.named[0])
        if best is None:
            names = " / ".join(f"{a}–{b}" for a, b in pairs) or "none"
            return replace(target, why_not=f"the embedded data has no shared border for {names}"), None
        (a, b), hit = best
        label = f"{self.gazetteer.country(a).name}–{self.gazetteer.country(b).name} border"
        keys = self.boundaries.border_keys(a, b)
        implicit = "" if target.named else f" (the text says only {target.text!r}: {_which_border(self, anchor, pairs)})"
        place = Place(kind=PlaceKind.BORDER, name=label, countries=(a, b), lat=hit.nearest[0], lon=hit.nearest[1],
                      dataset=hit.dataset, key=f"border:{'|'.join(sorted((a, b)))}", geometry=keys)
        res = Resolution(target.text, place, (Candidate(place, 1.0, MatchKind.DERIVED, label),), f"{label}{implicit}",
                         ChosenBy.DERIVED, source=hit.dataset)
        m = self._measurement(anchor, hit.distance_km, hit.nearest, METHOD_BOUNDARY, hit.dataset, label,
                              spread_km=hit.spread_km, note=hit.note, geometry=keys)
        return replace(target, resolution=res), m


def _which_border(m: "Measurer", anchor: Place, pairs) -> str:
    """How 'the border' was read: the nearest border with a neighbour the article names, or, when it names
    none, the nearest of all (said as a guess)."""
    neighbours = set(m.gazetteer.neighbours(anchor.country)) if anchor.country else set()
    if len(neighbours) > 1 and {b for _, b in pairs} == neighbours:
        return (f"the article names none of {anchor.country}'s {len(neighbours)} neighbours, so this is the "
                f"nearest of all its borders — a guess; the border meant may be another")
    return f"taken as the nearest border of {anchor.country} with a country the article mentions"


@functools.lru_cache(maxsize=64)
def _parts_cached(geodata, region_id: int):
    geom = geodata.geometry(region_key(region_id))
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    main = max(range(len(parts)), key=lambda i: parts[i].area) if parts else 0
    return parts, main


def _parts(geodata, region_id: int | None):
    """(the polygons of a region's full-resolution outline, the index of the largest)."""
    if region_id is None:
        return [], 0
    return _parts_cached(geodata, region_id)


def _to_country(m: "Measurer", anchor: Place, target: TargetResolution, iso: str
                ) -> tuple[TargetResolution, Measurement | None]:
    """ "Bushehr … 280 km from Kuwait": no land border between the two, so to the nearest edge of
    the named country's outline (its coast, or its border with a third country)."""
    name = m.gazetteer.country(iso).name
    hit = m.boundaries.to_country(anchor.lat, anchor.lon, iso)
    town = m.gazetteer.resolve(name).place
    if town is not None and town.country == iso and m.gazetteer.is_capital(town) and not hit.inside:
        # "2 km from Singapore" (its shore), "280 km from Kuwait" (Kuwait City)? Not guessed.
        d = distance_km(anchor.lat, anchor.lon, town.lat, town.lon)
        return replace(target, why_not=(
            f"{name!r} may mean its territory ({hit.distance_km:.1f} km to its nearest edge) or its capital, "
            f"which bears its name ({town.label}, {d:.1f} km): {anchor.country or 'the anchor'} and {iso} share "
            f"no land border in the embedded data, and the text does not say which")), None
    label = f"{name}'s outline"
    place = Place(kind=PlaceKind.BORDER, name=label, countries=(iso,), lat=hit.nearest[0], lon=hit.nearest[1],
                  dataset=hit.dataset, key=f"country:{iso}")  # its whole outline is not drawn (page weight)
    why = (f"{label}: {anchor.country or 'the anchor'} and {iso} share no land border in the embedded data, so "
           f"the distance is to the nearest edge of {name} (its coast or its border with a third country)")
    res = Resolution(target.text, place, (Candidate(place, 1.0, MatchKind.DERIVED, label),), why, ChosenBy.DERIVED,
                     source=hit.dataset)
    note = f"{anchor.name} lies inside {name}" if hit.inside else None
    got = m._measurement(anchor, hit.distance_km, hit.nearest, METHOD_BOUNDARY, hit.dataset, label,
                            inside=hit.inside, note=note, geometry=place.geometry)
    return replace(target, resolution=res), got

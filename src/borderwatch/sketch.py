"""Claim -> a static SVG map sketch for the printable evidence sheet, drawn offline.

The page's map needs Leaflet, which a saved file cannot load offline; this sketch needs
nothing: the country land (basemap), the target's outline, the claimed ring and the
anchor's uncertainty circle (geodesic polygons), the measured line and its two ends, drawn
in the page's colours. Projection: equirectangular with longitude scaled by cos(latitude)
at the view's centre, so shapes are true to within a few per cent over a few hundred km;
the scale bar is measured on the ellipsoid. Every label is HTML-escaped.
"""

from __future__ import annotations

import html
import math

import shapely

from .geodesy import distance_km
from .geodata import GeoData
from .model import ClaimResult
from . import maplayers

__all__ = ["claim_svg"]

WIDTH, HEIGHT = 640, 420


def _bounds(result: ClaimResult, ring) -> tuple[float, float, float, float]:
    m = result.measurement
    pts = [(lon, lat) for lat, lon in (m.path or (m.origin, m.nearest))]
    if ring is not None:
        pts += [tuple(p) for p in ring["coordinates"][0]]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    pad_x, pad_y = max(max(xs) - min(xs), 0.2) * 0.15, max(max(ys) - min(ys), 0.2) * 0.15
    return min(xs) - pad_x, min(ys) - pad_y, max(xs) + pad_x, max(ys) + pad_y


class _Frame:
    """lon/lat degrees -> SVG pixels for one view."""

    def __init__(self, west: float, south: float, east: float, north: float) -> None:
        self.k = math.cos(math.radians((south + north) / 2))
        self.scale = min(WIDTH / max((east - west) * self.k, 1e-6), HEIGHT / max(north - south, 1e-6))
        # the whole picture is map: widen the view to the picture's shape, the claim centred
        half_w, half_h = WIDTH / (2 * self.k * self.scale), HEIGHT / (2 * self.scale)
        cx, cy = (west + east) / 2, (south + north) / 2
        self.west, self.south, self.east, self.north = cx - half_w, cy - half_h, cx + half_w, cy + half_h

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.k * self.scale, (self.north - lat) * self.scale

    def path(self, geom) -> str:
        """SVG path data of a shapely geometry (polygons closed with Z)."""
        out = []
        for part in getattr(geom, "geoms", [geom]):
            rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
            for ring in rings:
                pts = [self.xy(x, y) for x, y in ring.coords]
                if pts:
                    out.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts)
                               + ("Z" if part.geom_type == "Polygon" else ""))
        return "".join(out)


def _shape(frame: _Frame, geom, style: str) -> str:
    return f'<path d="{frame.path(geom)}" style="{style}"/>' if not geom.is_empty else ""


def _scale_bar(frame: _Frame, south: float, west: float) -> str:
    """A bar of a round length, measured on the ellipsoid at the view's bottom edge."""
    km_per_px = distance_km(south, west, south, west + 1.0) / (frame.k * frame.scale)
    nice = next((n for n in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000) if n / km_per_px >= 60), 5000)
    px = nice / km_per_px
    return (f'<g style="font:12px sans-serif"><rect x="12" y="{HEIGHT - 24}" width="{px:.1f}" height="5" '
            f'fill="#222"/><text x="12" y="{HEIGHT - 30}">{nice:,} km</text></g>')


def claim_svg(geodata: GeoData, result: ClaimResult, *, colours, ring, halo) -> str:
    """Return an SVG sketch of one measured claim (``ring``/``halo``: the claimed ring and the
    anchor's uncertainty circle as GeoJSON polygons or None; ``colours``: mapview's palette)."""
    from .mapview import basemap_geojson

    m = result.measurement
    frame = _Frame(*_bounds(result, ring))
    west, south, east, north = frame.west, frame.south, frame.east, frame.north
    box = shapely.box(west, south, east, north)
    parts = [f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{colours.WATER_COLOUR}"/>']
    for feat in basemap_geojson(geodata, (round(west - 1, 1), round(south - 1, 1), round(east + 1, 1),
                                          round(north + 1, 1)))["features"]:
        parts.append(_shape(frame, maplayers.clip(shapely.geometry.shape(feat["geometry"]), *box.bounds),
                            f"fill:{colours.LAND_COLOUR};stroke:#9a9a9a;stroke-width:1"))
    for key in result.target_geometry:
        parts.append(_shape(frame, maplayers.clip(geodata.geometry(key, display=True), *box.bounds),
                            f"fill:{colours.TARGET_COLOUR};fill-opacity:.12;stroke:{colours.TARGET_COLOUR};stroke-width:2.5"))
    for circle, style in ((halo, f"fill:{colours.ANCHOR_COLOUR};fill-opacity:.18;stroke:{colours.ANCHOR_COLOUR}"),
                          (ring, "fill:none;stroke:#333;stroke-width:1.5;stroke-dasharray:6 5")):
        if circle is not None:
            parts.append(_shape(frame, shapely.geometry.shape(circle), style))
    line = shapely.LineString([(lon, lat) for lat, lon in (m.path or (m.origin, m.nearest))])
    colour = colours.STATUS_COLOURS[result.verdict.status]
    parts.append(_shape(frame, line, f"fill:none;stroke:{colour};stroke-width:4"))
    for (lat, lon), fill, label in ((m.origin, colours.ANCHOR_COLOUR, result.anchor_place.name if result.anchor_place
                                     else "anchor"), (m.nearest, colour, m.target_label)):
        x, y = frame.xy(lon, lat)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{fill}" stroke="#fff"/>'
                     f'<text x="{x + 8:.1f}" y="{y - 6:.1f}" style="font:600 13px sans-serif;fill:{fill};'
                     f'paint-order:stroke;stroke:#fff;stroke-width:3">{html.escape(label)}</text>')
    parts.append(_scale_bar(frame, south, west))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
            f'aria-label="map of claim {result.claim.index}">{"".join(parts)}</svg>')

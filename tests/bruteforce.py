"""An independent brute-force reference for point-to-boundary distances (tests only).

Every edge is split into pieces of at most ``step_m`` metres (linear in lon/lat, as
the edges are defined) and the minimum of vectorised pyproj Geod.inv is taken.
"""

from __future__ import annotations

import numpy as np
import shapely
from pyproj import Geod

_GEOD = Geod(ellps="WGS84")


def densified_min_km(lat: float, lon: float, geom, *, step_m: float = 50.0, window_deg: float = 3.0) -> tuple[float, float, float]:
    """Return (km, lat, lon) of the nearest densified boundary point of ``geom`` (lon/lat).

    Only edges with an end within ``window_deg`` of the origin are densified (the
    caller picks a window larger than the expected distance).
    """
    coords = []
    for part in shapely.get_parts(shapely.boundary(geom) if geom.geom_type.endswith("Polygon") else geom):
        for line in shapely.get_parts(part):
            coords.append(np.asarray(line.coords)[:, :2])
    best = (np.inf, 0.0, 0.0)
    for c in coords:
        a, b = c[:-1], c[1:]
        near = (np.abs(a[:, 1] - lat) < window_deg) & (np.abs(((a[:, 0] - lon + 180) % 360) - 180) < window_deg / max(np.cos(np.radians(lat)), 0.05))
        a, b = a[near], b[near]
        if len(a) == 0:
            continue
        _, _, seglen = _GEOD.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
        n = np.maximum(1, np.ceil(np.asarray(seglen) / step_m)).astype(int)
        idx = np.repeat(np.arange(len(a)), n)
        t = np.concatenate([np.arange(k) / k for k in n])
        dx = ((b[idx, 0] - a[idx, 0] + 180) % 360) - 180
        xs = ((a[idx, 0] + t * dx + 180) % 360) - 180
        ys = a[idx, 1] + t * (b[idx, 1] - a[idx, 1])
        xs = np.append(xs, b[-1, 0]); ys = np.append(ys, b[-1, 1])
        _, _, d = _GEOD.inv(np.full(len(xs), lon), np.full(len(xs), lat), xs, ys)
        i = int(np.argmin(d))
        if d[i] / 1000 < best[0]:
            best = (float(d[i]) / 1000, float(ys[i]), float(xs[i]))
    return best

"""Borders and coasts from land outlines, vertex by vertex.

A vertex of country A's outline is *on the border with B* when it lies within ``tol`` degrees
of B's land (B's outline, or inside it); a segment whose two ends are on the border with B
is part of the A–B border on A's side. A segment on no neighbour's border is coast: "a
country's land outline minus its land borders". Neighbours for the coast are every country
whose land comes within ``tol`` (not only GeoNames' neighbour list), so no land border is
ever taken for a coast.

Coasts are stored as runs of segments of the country's own outline (ring, first, last
vertex), not as a second copy of the coordinates: ``borderwatch.geodata`` rebuilds the lines
from the outline on reading (``outline_rings`` fixes the ring order for both).
"""

from __future__ import annotations

import numpy as np
import shapely

from borderwatch.geodata import outline_rings

CHUNK = 64  # vertices per indexed piece of a neighbour's outline


class Land:
    """One country's land, indexed for "is this point within tol of it"."""

    def __init__(self, geom) -> None:
        self.geom = geom
        shapely.prepare(geom)
        pieces = []
        for ring in outline_rings(geom):
            for s in range(0, len(ring) - 1, CHUNK):
                pieces.append(shapely.linestrings(ring[s:s + CHUNK + 1]))
        self.tree = shapely.STRtree(pieces)
        self.bounds = geom.bounds

    def near(self, xy: np.ndarray, tol: float) -> np.ndarray:
        """Boolean mask: which points of ``xy`` (N, 2 lon/lat) lie within ``tol`` degrees of this land."""
        x0, y0, x1, y1 = self.bounds
        sel = np.flatnonzero((xy[:, 0] >= x0 - tol) & (xy[:, 0] <= x1 + tol)
                             & (xy[:, 1] >= y0 - tol) & (xy[:, 1] <= y1 + tol))
        mask = np.zeros(len(xy), dtype=bool)
        if len(sel) == 0:
            return mask
        pts = shapely.points(xy[sel])
        hit = self.tree.query(pts, predicate="dwithin", distance=tol)[0]
        mask[sel[np.unique(hit)]] = True
        rest = sel[~mask[sel]]
        if len(rest):
            mask[rest] = shapely.contains_xy(self.geom, xy[rest, 0], xy[rest, 1])
        return mask


class Outline:
    """A country's outline as one vertex array, with where each ring starts."""

    def __init__(self, geom) -> None:
        self.rings = outline_rings(geom)
        self.xy = np.concatenate(self.rings) if self.rings else np.zeros((0, 2))
        self.starts = np.cumsum([0] + [len(r) for r in self.rings])[:-1]

    def segment_mask(self, vertex_mask: np.ndarray) -> list[np.ndarray]:
        """Per ring: True for a segment whose two ends are both in ``vertex_mask``."""
        out = []
        for start, ring in zip(self.starts, self.rings):
            m = vertex_mask[start:start + len(ring)]
            out.append(m[:-1] & m[1:])
        return out

    def runs(self, seg_masks: list[np.ndarray]) -> list[tuple[int, int, int]]:
        """(ring, first vertex, last vertex) of every run of True segments."""
        out = []
        for i, seg in enumerate(seg_masks):
            if not seg.any():
                continue
            d = np.diff(np.concatenate([[0], seg.astype(np.int8), [0]]))
            for s, e in zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1)):
                out.append((i, int(s), int(e)))
        return out

    def lines(self, runs: list[tuple[int, int, int]]):
        """The runs as one (merged) MultiLineString, or None."""
        if not runs:
            return None
        parts = [shapely.linestrings(self.rings[i][s:e + 1]) for i, s, e in runs]
        merged = shapely.line_merge(shapely.multilinestrings(parts))
        return merged


def border_and_coast(iso: str, geoms: dict, lands: dict, tree_keys: list[str], tree, tol: float,
                     pairs: set[str]) -> tuple[dict[str, object], list[tuple[int, int, int]]]:
    """Return ({neighbour: A's side of the A–neighbour border}, A's coast runs) for country ``iso``.

    Borders are kept for ``pairs`` (the neighbour list) when longer than 0.01°.
    """
    outline = Outline(geoms[iso])
    box = shapely.box(*geoms[iso].bounds).buffer(tol)
    border_any = [np.zeros(len(r) - 1, dtype=bool) for r in outline.rings]
    lines = {}
    for j in tree.query(box):
        other = tree_keys[j]
        if other == iso:
            continue
        seg = outline.segment_mask(lands[other].near(outline.xy, tol))
        if not any(s.any() for s in seg):
            continue
        border_any = [a | b for a, b in zip(border_any, seg)]
        if other in pairs:
            line = outline.lines(outline.runs(seg))
            if line is not None and line.length > 0.01:
                lines[other] = line
    coast = outline.runs([~b for b in border_any])
    return lines, coast

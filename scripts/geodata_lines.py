"""Borders and coasts from land outlines, vertex by vertex.

A vertex of country A's outline is *on the border with B* when it lies within ``tol`` degrees
of B's outline; a segment whose two ends are on the border with B
is part of the A–B border on A's side. A segment on no neighbour's border is coast where it meets
the sea: "a country's land outline minus its land borders", less the banks of rivers and lakes. Neighbours for the coast are every country
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
# Shorter runs of "no neighbour near" are gaps in the data, not coasts: where two countries'
# outlines part for a lake or a wide river on their border (Belarus had 19 such runs of 2–9
# vertices), or rocks and river islets. Kept, a landlocked country had a "coast".
MIN_COAST_RUN_DEG = 0.05
LONG_COAST_RUN_DEG = 0.3  # ~30 km of 10 m line: longer than the lake and river gaps seen on land borders
# A coast vertex lies on the sea's outline: the seas and the land outlines are the same OSM 2017 coastline at 10 m
# (98 % of Japan's coast vertices lie within 0.002° of it). A river's bank inland, which the land outlines also
# stop at (Paraguay's, along the Paraná), lies farther from any sea than this.
SEA_TOLERANCE_DEG = 0.005


class Land:
    """One country's land outline, indexed for "is this point within tol of it".

    Points deep inside the other country (land drawn in both, farther than tol from its
    outline: Israel's and Palestine's outlines overlap) are tested for neighbours only: a
    point-in-polygon test of every vertex against every country in its box cost minutes.
    """

    def __init__(self, geom) -> None:
        self.geom = geom
        shapely.prepare(geom)
        pieces = []
        for ring in outline_rings(geom):
            for s in range(0, len(ring) - 1, CHUNK):
                pieces.append(shapely.linestrings(ring[s:s + CHUNK + 1]))
        self.tree = shapely.STRtree(pieces)
        self.bounds = geom.bounds

    def near(self, xy: np.ndarray, tol: float, *, inside: bool = False) -> np.ndarray:
        """Boolean mask: which points of ``xy`` (N, 2 lon/lat) lie within ``tol`` degrees of this land's
        outline (or, with ``inside``, in this land: for neighbours, whose land may overlap)."""
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
        if inside and len(rest):
            mask[rest] = shapely.contains_xy(self.geom, xy[rest, 0], xy[rest, 1])
        return mask


def _in_a_hole(polys: list) -> list[bool]:
    """For each polygon, whether it lies within another polygon's shell (so in one of its holes)."""
    holed = [i for i, p in enumerate(polys) if len(p.interiors)]
    if not holed:
        return [False] * len(polys)
    shells = [shapely.Polygon(polys[i].exterior) for i in holed]
    tree = shapely.STRtree(shells)
    reps = [p.representative_point() for p in polys]
    inside, shell = tree.query(reps, predicate="within")
    out = [False] * len(polys)
    for i, k in zip(inside, shell):
        if holed[k] != i:
            out[i] = True
    return out


class Outline:
    """A country's outline as one vertex array; segments are the pairs of consecutive vertices of a ring."""

    def __init__(self, geom) -> None:
        self.rings = outline_rings(geom)
        self.xy = np.concatenate(self.rings) if self.rings else np.zeros((0, 2))
        self.starts = np.cumsum([0] + [len(r) for r in self.rings])[:-1]
        # segment i joins vertex i and i + 1; the join of one ring's last vertex to the next ring's first is none
        self.valid = np.ones(max(len(self.xy) - 1, 0), dtype=bool)
        self.valid[self.starts[1:] - 1] = False
        # Exterior rings only can be coast: a hole in a land outline is a lake or a wide river, and an
        # island in such a hole (a lake island: 5 km² in a salt lake 320 km from Australia's sea) is none.
        polys = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
        in_lake = _in_a_hole(polys)
        exterior = np.concatenate([[not lake] + [False] * len(p.interiors) for p, lake in zip(polys, in_lake)
                                   ]).astype(bool) if self.rings else np.zeros(0, bool)
        self.exterior = np.repeat(exterior, [len(r) for r in self.rings])[:-1] if self.rings else self.valid

    def segments(self, vertex_mask: np.ndarray) -> np.ndarray:
        """True for a segment whose two ends are both in ``vertex_mask``."""
        return vertex_mask[:-1] & vertex_mask[1:] & self.valid

    def runs(self, seg: np.ndarray) -> list[tuple[int, int, int]]:
        """(ring, first vertex, last vertex) of every run of True segments, vertices counted in the ring."""
        if not seg.any():
            return []
        d = np.diff(np.concatenate([[0], seg.astype(np.int8), [0]]))
        s, e = np.flatnonzero(d == 1), np.flatnonzero(d == -1)  # segments s..e-1: vertices s..e
        ring = np.searchsorted(self.starts, s, side="right") - 1
        return [(int(r), int(a - self.starts[r]), int(b - self.starts[r])) for r, a, b in zip(ring, s, e)]

    def lines(self, runs: list[tuple[int, int, int]]):
        """The runs as one (merged) MultiLineString, or None."""
        if not runs:
            return None
        parts = [shapely.linestrings(self.rings[i][s:e + 1]) for i, s, e in runs]
        return shapely.line_merge(shapely.multilinestrings(parts))


def border_and_coast(iso: str, geoms: dict, lands: dict, tree_keys: list[str], tree, tol: float,
                     pairs: set[str], own=None, sea: Land | None = None
                     ) -> tuple[dict[str, object], list[tuple[int, int, int]]]:
    """Return ({neighbour: A's side of the A–neighbour border}, A's coast runs) for country ``iso``.

    Borders are kept for ``pairs`` (the neighbour list) when longer than 0.01°. ``own`` is the
    outline to cut into border and coast (default: ``geoms[iso]``); with ``sea``, the coast is only
    where the outline meets it (within ``SEA_TOLERANCE_DEG``).
    """
    own = geoms[iso] if own is None else own
    outline = Outline(own)
    box = shapely.box(*own.bounds).buffer(tol)
    near_any = np.zeros(len(outline.xy), dtype=bool)  # a tri-point's segment joins two borders: not coast
    owners = np.full(len(outline.xy), -1)  # which neighbour (tree index) each vertex is near
    lines = {}
    for j in tree.query(box):
        other = tree_keys[j]
        if other == iso:
            continue
        near = lands[other].near(outline.xy, tol, inside=other in pairs)
        if not near.any():
            continue
        near_any |= near
        owners[near] = j
        seg = outline.segments(near)
        if other in pairs:
            line = outline.lines(outline.runs(seg))
            if line is not None and line.length > 0.01:
                lines[other] = line
    coast = outline.runs(outline.valid & outline.exterior & ~outline.segments(near_any))
    coast = [r for r in coast if _is_coast(outline, r, owners)]
    if sea is not None:  # the sea's shore, not a river's or a lake's bank
        kept = np.zeros(len(outline.valid), dtype=bool)
        for ring, s, e in coast:
            kept[outline.starts[ring] + s:outline.starts[ring] + e] = True
        coast = outline.runs(kept & outline.segments(sea.near(outline.xy, SEA_TOLERANCE_DEG)))
    if lines and all(s == 0 and e == len(outline.rings[i]) - 1 for i, s, e in coast):
        # land borders and no mainland coast: a landlocked country's islands are in lakes and rivers
        # (a country with no land border whose islands lie near a neighbour's, Taiwan, Australia, keeps them)
        coast = []
    return lines, coast


def _is_coast(outline: Outline, run: tuple[int, int, int], owners: np.ndarray) -> bool:
    """A run of outline far from every neighbour is coast when it is a whole island, or when it
    runs between two different neighbours, or is long; a short one that leaves a neighbour and
    comes back to it is a lake or a wide river on their border (Belarus had 19 such runs)."""
    ring, s, e = run
    length = _run_length(outline, run)
    if s == 0 and e == len(outline.rings[ring]) - 1:
        return length >= MIN_COAST_RUN_DEG
    start = outline.starts[ring]
    ends = {owners[start + s], owners[start + e]}
    return length >= LONG_COAST_RUN_DEG or (len(ends) == 2 and -1 not in ends)


def _run_length(outline: Outline, run: tuple[int, int, int]) -> float:
    ring, s, e = run
    d = np.diff(outline.rings[ring][s:e + 1], axis=0)
    return float(np.hypot(d[:, 0], d[:, 1]).sum())

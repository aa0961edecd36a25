"""The pipeline: text -> claims -> places -> geometry -> verdicts, in that order.

:func:`check_text` is the one call behind the CLI and the page. A :class:`Checker`
holds the loaded gazetteer and boundaries so that a page can re-check one claim
with another anchor (a different candidate, or a point clicked on the map).
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from .boundaries import Boundaries, work_budget
from .claims import extract
from .errors import InputError
from .inputs import check_length
from .gazetteer import Context, Gazetteer
from .geodata import ATTRIBUTION, GeoData, open_geodata
from .geodesy import distance_km, geodesic_path
from .model import Candidate, Claim, ClaimResult, Measurement, Place, Report, Resolution, check_latlon
from .settings import DEFAULTS, MAX_INPUT_CHARS, MAX_MEASUREMENTS, Settings
from .verdict import judge, not_checkable, unresolved

__all__ = ["Checker", "check_text", "check_work", "default_checker", "METHOD_POINT", "METHOD_BOUNDARY"]

METHOD_POINT = "geodesic on WGS84 (pyproj.Geod, GeographicLib; Karney 2013)"
METHOD_BOUNDARY = ("minimum geodesic distance on WGS84 to the boundary's edges "
                   "(golden-section search on each candidate edge; pyproj.Geod, Karney 2013)")
_COUNTRYISH = re.compile(r"\b[A-Z][a-z]{2,20}(?:\s[A-Z][a-z]{2,20})?\b")


class Checker:
    """Checks articles against the embedded geodata; load once, use many times."""

    def __init__(self, geodata: GeoData | None = None, *, settings: Settings = DEFAULTS) -> None:
        self.geodata = geodata or open_geodata()
        self.settings = settings
        self.gazetteer = Gazetteer(self.geodata, settings=settings)
        self.boundaries = Boundaries(self.geodata)
        # Opt-in online fallback for names the embedded gazetteer lacks: a callable
        # name -> Place | None (see borderwatch.online.make_fallback). None = offline.
        self.online = None

    # ------------------------------------------------------------ article level
    def article_countries(self, text: str) -> frozenset[str]:
        """ISO2 codes of the countries an article mentions by name or adjective."""
        found = set()
        for m in _COUNTRYISH.finditer(text[:MAX_INPUT_CHARS]):
            code = self.gazetteer.country_code(m.group())
            if code:
                found.add(code)
        return frozenset(found)

    def check_text(self, text: str, *, title: str | None = None) -> Report:
        """Return the Report of every distance claim in ``text``.

        Raises InputError for empty or over-long text.
        """
        if not isinstance(text, str):
            raise InputError(f"expected article text as str, got {type(text).__name__}")
        text = check_length(text)  # normalised: the Report's text, and the claims' spans into it
        claims, _ = extract(text)
        check_work(claims)
        countries = self.article_countries(text)
        with work_budget(MAX_MEASUREMENTS):
            results = tuple(self.check_claim(c, countries=countries) for c in claims)
        datasets = sorted({r.measurement.dataset for r in results if r.measurement})
        return Report(text=text, title=title or _title(text), results=results,
                      datasets=tuple(datasets), attribution=ATTRIBUTION)

    # ------------------------------------------------------------ claim level
    def resolve_anchor(self, claim: Claim, *, countries: frozenset[str] = frozenset()) -> Resolution:
        """Resolve the claim's anchor, steered by its region ("in the Gomel region") and the article."""
        admin1 = frozenset()
        if claim.anchor_region:
            admin1 = self.gazetteer.admin1_codes(claim.anchor_region)
        # Resolution in context: "X km from Y" puts X near Y, and "X km from the Ukrainian
        # border" (or "from Gaza") puts X outside the country it names.
        near, avoid = (), frozenset()
        t = claim.target
        if t is not None and t.kind == "place" and t.name and not self.gazetteer.country_code(t.name):
            res = self.gazetteer.resolve(t.name, context=Context(countries=countries))
            near = ((res.place.lat, res.place.lon),) if res.place else ()
        elif t is not None and t.kind in ("border", "place"):
            named = self._named_countries(t)
            avoid = frozenset(named) if len(named) == 1 else frozenset()
        ctx = Context(countries=countries - avoid, admin1=admin1, near=near, avoid=avoid)
        return self.gazetteer.resolve(claim.anchor_text or "", context=ctx, feature=claim.anchor_feature)

    def _named_countries(self, t) -> list[str]:
        """ISO2 codes of the countries a border target names ("Russia|Belarus"), or a place
        target that is a country or territory ("Gaza")."""
        text = t.country if t.kind == "border" else t.name
        codes = [self.gazetteer.country_code(c) for c in (text or "").split("|") if c]
        return [c for c in codes if c]

    def check_claim(self, claim: Claim, *, countries: frozenset[str] = frozenset(),
                    anchor: Place | None = None) -> ClaimResult:
        """Resolve, measure and judge one claim; ``anchor`` overrides the resolved anchor."""
        if not claim.checkable and anchor is None:
            return ClaimResult(claim, None, None, None, not_checkable(claim, claim.why_not or "not checkable"))
        anchor_res = None
        if anchor is None:
            anchor_res = self._online_fallback(self.resolve_anchor(claim, countries=countries))
            if anchor_res.place is None:
                return ClaimResult(claim, anchor_res, None, None,
                                   unresolved(claim, f"anchor {claim.anchor_text!r}: {anchor_res.reason}"))
            anchor = anchor_res.place
        target_res, measurement, why = self.measure(claim, anchor, countries=countries)
        if measurement is None:
            status = unresolved if target_res is not None and target_res.place is None else not_checkable
            return ClaimResult(claim, anchor_res, target_res, None, status(claim, why))
        verdict = judge(claim, measurement, settings=self.settings)
        alts = self._alternatives(claim, anchor_res, countries) if anchor_res else ()
        return ClaimResult(claim, anchor_res, target_res, measurement, verdict, alts)

    def _online_fallback(self, res: Resolution) -> Resolution:
        """When the user opted in, look an unresolved name up online and say so."""
        if res.place is not None or self.online is None or not res.query:
            return res
        place = self.online(res.query)
        if place is None:
            return res
        return Resolution(res.query, place, res.candidates, f"{place.label}: found online ({place.dataset}); "
                          f"offline: {res.reason}", source=place.dataset)

    def _alternatives(self, claim: Claim, res: Resolution, countries) -> tuple:
        """The other candidates of an ambiguous anchor, each measured and judged."""
        out = []
        for cand in res.candidates[1:4]:
            if cand.score < self.settings.accept_score * 0.75 or cand.place.key == res.place.key:
                continue
            _, m, why = self.measure(claim, cand.place, countries=countries)
            out.append((cand, m, judge(claim, m, settings=self.settings) if m else not_checkable(claim, why)))
        return tuple(out)

    def measure(self, claim: Claim, anchor: Place, *, countries: frozenset[str] = frozenset()
                ) -> tuple[Resolution | None, Measurement | None, str]:
        """Measure from ``anchor`` to the claim's target: (target resolution, measurement, why-not)."""
        t = claim.target
        if t is None:
            return None, None, "the text names nothing it is measured to"
        if t.kind == "place" and t.name and self.gazetteer.country_code(t.name):
            # "5 km from Gaza", "close to North Korea": a country or territory is measured to its border.
            return self._to_border(replace(claim, target=replace(t, kind="border", country=t.name)), anchor, countries)
        if t.kind == "place":
            if not t.name:
                return None, None, f"the target {t.text!r} names no place"
            res = self._online_fallback(self.gazetteer.resolve(t.name, context=Context(countries=countries)))
            if res.place is None:
                return res, None, f"target {t.name!r}: {res.reason}"
            return res, self._to_point(anchor, res.place), ""
        if t.kind == "region":
            res = self.gazetteer.resolve_region(f"{t.name} region", country=t.country)
            if res.place is None:
                return res, None, f"target region {t.name!r}: {res.reason}"
            return res, self._to_region(anchor, res.place), ""
        if t.kind == "border":
            return self._to_border(claim, anchor, countries)
        if t.kind == "coast":
            return None, None, "coastlines are not separated from land borders in the embedded data"
        return None, None, f"{t.text!r} is a line (front line, DMZ, line of control) that the embedded data does not have"

    def _measurement(self, anchor: Place, d: float, nearest: tuple[float, float], method: str, dataset: str,
                     label: str, *, extra_km: float = 0.0, spread_km: float = 0.0, inside=None, note=None) -> Measurement:
        r = anchor.radius_km + extra_km + spread_km
        notes = [n for n in (anchor.note, note) if n]
        return Measurement(distance_km=d, low_km=max(0.0, d - r), high_km=d + r, origin=(anchor.lat, anchor.lon),
                           nearest=nearest, method=method, dataset=f"{anchor.dataset}; {dataset}",
                           target_label=label, inside=inside, note="; ".join(notes) or None,
                           path=tuple(geodesic_path(anchor.lat, anchor.lon, *nearest, points=24)))

    def _to_point(self, anchor: Place, target: Place) -> Measurement:
        d = distance_km(anchor.lat, anchor.lon, target.lat, target.lon)
        return self._measurement(anchor, d, (target.lat, target.lon), METHOD_POINT, target.dataset,
                                 target.label,
                                 note=f"town centres; {target.name}'s own extent (±{target.radius_km:.1f} km) "
                                      f"is not added: the verdict's range is the anchor's (verdict rule 2)")

    def _to_region(self, anchor: Place, region: Place) -> Measurement:
        rid = int(region.key.split(":")[1])
        hit = self.boundaries.to_region(anchor.lat, anchor.lon, rid)
        note = f"{anchor.name} lies inside {region.name}: distance to its boundary from within" if hit.inside else None
        return self._measurement(anchor, hit.distance_km, hit.nearest, METHOD_BOUNDARY, hit.dataset,
                                 f"{region.name} boundary", inside=hit.inside, note=note)

    def _to_border(self, claim: Claim, anchor: Place, countries: frozenset[str]):
        named = [self.gazetteer.country_code(c) for c in (claim.target.country or "").split("|") if c]
        named = [c for c in named if c]
        home = anchor.country
        if len(named) >= 2 and home not in named and (claim.target.name or "").startswith("border with"):
            # "the border with Russia and Belarus": the anchor's border with either.
            pairs = [(home, c) for c in named]
        elif len(named) >= 2 and home in named:
            pairs = [(home, c) for c in named if c != home]
        elif len(named) >= 2:
            pairs = [(named[0], named[1])]
        elif len(named) == 1 and named[0] != home:
            pairs = [(home, named[0])]
        else:
            # "the border" (or "Ukraine's border" from inside Ukraine): the neighbours the
            # article mentions, else every neighbour; the nearest one is taken and said.
            neigh = self._neighbours(home)
            mentioned = [c for c in neigh if c in countries]
            pairs = [(home, c) for c in (mentioned or neigh)]
        best = None
        for a, b in pairs:
            hit = self.boundaries.to_border(anchor.lat, anchor.lon, a, b)
            if hit and (best is None or hit.distance_km < best[1].distance_km):
                best = ((a, b), hit)
        if best is None:
            names = " / ".join(f"{a}–{b}" for a, b in pairs) or "none"
            return None, None, f"the embedded data has no shared border for {names}"
        (a, b), hit = best
        label = f"{self.gazetteer.country(a).name}–{self.gazetteer.country(b).name} border"
        implicit = "" if named else f" (the text says only {claim.target.text!r}: taken as the nearest border of {home} with a country the article mentions)"
        border_place = Place(kind="border", name=label, country=f"{a}|{b}", lat=hit.nearest[0], lon=hit.nearest[1],
                             dataset=hit.dataset, key=f"border:{'|'.join(sorted((a, b)))}")
        res = Resolution(claim.target.text, border_place, (Candidate(border_place, 1.0, "border", label),),
                         f"{label}{implicit}")
        m = self._measurement(anchor, hit.distance_km, hit.nearest, METHOD_BOUNDARY, hit.dataset, label,
                              spread_km=hit.spread_km, note=hit.note)
        return res, m, ""

    @functools.lru_cache(maxsize=256)
    def _neighbours(self, iso2: str) -> tuple[str, ...]:
        rows = self.geodata.query("SELECT neighbours FROM countries WHERE iso2=?", (iso2,))
        return tuple(filter(None, rows[0][0].split(","))) if rows else ()

    def point_anchor(self, lat: float, lon: float, *, name: str = "point on the map") -> Place:
        """A Place for a point the user chose (validated WGS84 lat, lon), with no extent."""
        lat, lon = check_latlon(lat, lon)
        return Place(kind="point", name=name, country=self._country_of(lat, lon) or "", lat=lat, lon=lon,
                     dataset="user-chosen point", key=f"point:{lat:.5f},{lon:.5f}")

    def _country_of(self, lat: float, lon: float) -> str | None:
        for (iso,) in self.geodata.query("SELECT iso2 FROM countries ORDER BY population DESC"):
            if self.boundaries.contains(f"country:{iso}", lat, lon):
                return iso
        return None

    def with_anchor(self, result: ClaimResult, anchor: Place, *, countries=frozenset()) -> ClaimResult:
        """Re-check ``result``'s claim from another anchor (a candidate or a clicked point)."""
        claim = replace(result.claim, checkable=True, why_not=None) if result.claim.target else result.claim
        return self.check_claim(claim, countries=countries, anchor=anchor)


def check_work(claims: list[Claim]) -> None:
    """Refuse, before any measuring, an article with more than settings.MAX_MEASUREMENTS
    distinct (anchor, target) pairs: each needs at least one measurement (up to ~3 ms on a
    detailed boundary); repeats of one pair are measured once (memoised), so only distinct
    pairs count. The measurements themselves (alternatives, neighbour borders) are counted
    as they run (boundaries.work_budget)."""
    pairs = {(c.anchor_text, c.anchor_region, c.anchor_feature, c.target.kind, c.target.name, c.target.country)
             for c in claims if c.checkable and c.target is not None}
    if len(pairs) > MAX_MEASUREMENTS:
        raise InputError(f"the text has {len(pairs):,} different distance claims to measure (place and target "
                         f"pairs); borderwatch measures at most {MAX_MEASUREMENTS:,} per article — no news article "
                         "has that many; split it or check the part that matters")


def _title(text: str) -> str:
    first = next((ln.strip() for ln in text.splitlines() if len(ln.strip()) > 20), text.strip()[:80])
    return first[:120]


@functools.lru_cache(maxsize=1)
def default_checker() -> Checker:
    """The Checker on the default embedded geodata (loaded once per process)."""
    return Checker()


def check_text(text: str, *, title: str | None = None, checker: Checker | None = None) -> Report:
    """Return the Report of every distance claim in ``text`` (see Checker.check_text)."""
    return (checker or default_checker()).check_text(text, title=title)

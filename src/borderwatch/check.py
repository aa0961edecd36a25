"""The pipeline: extract -> context -> resolve -> measure -> judge -> Report.

:func:`check_text` is the one call behind the CLI, the page and batch runs. A
:class:`Checker` holds the loaded geodata, gazetteer and boundaries (load once, use
many times) and the stages built on them; the page uses :meth:`Checker.check_claim`
to re-check one claim from an anchor a person chose.
"""

from __future__ import annotations

import functools
from dataclasses import replace

from .boundaries import Boundaries, work_budget
from .claims import extract
from .context import article_context
from .errors import InputError
from .gazetteer import Gazetteer
from .geodata import ATTRIBUTION, GeoData, open_geodata
from .inputs import check_length
from .measure import METHOD_BOUNDARY, METHOD_POINT, Measurer
from .model import (Alternative, ArticleContext, Candidate, ChosenBy, Claim, ClaimResult, MatchKind, NonClaim,
                    Place, PlaceKind, Report, Resolution, TargetKind, TargetResolution, check_latlon)
from .resolve import OnlineBudget, OnlineLookup, Resolver
from .settings import DEFAULTS, MAX_MEASUREMENTS, TITLE_MAX_CHARS, Settings
from .verdict import judge, not_checkable, unresolved

__all__ = ["Checker", "check_text", "default_checker", "make_report", "chosen", "check_work", "METHOD_POINT", "METHOD_BOUNDARY"]


class Checker:
    """Checks articles against the embedded geodata; load once, use many times.

    ``online`` is the opt-in online geocoder (None: fully offline); it is fixed at
    construction: :meth:`with_online` returns another Checker sharing the loaded data.
    """

    def __init__(self, geodata: GeoData | None = None, *, settings: Settings = DEFAULTS,
                 online: OnlineLookup | None = None) -> None:
        self.geodata = geodata or open_geodata()
        self.settings = settings
        self.gazetteer = Gazetteer(self.geodata, settings=settings)
        self.boundaries = Boundaries(self.geodata)
        self.resolver = Resolver(self.gazetteer, self.boundaries, settings=settings, online=online)
        self.measurer = Measurer(self.boundaries, self.gazetteer, settings=settings)

    def with_online(self, online: OnlineLookup) -> Checker:
        """Return a Checker that shares this one's loaded data and caches but looks names up online."""
        other = object.__new__(Checker)
        other.__dict__.update(self.__dict__)
        other.resolver = Resolver(self.gazetteer, self.boundaries, settings=self.settings, online=online)
        return other

    @property
    def online(self) -> OnlineLookup | None:
        """The opt-in online geocoder, or None (offline)."""
        return self.resolver.online

    # ------------------------------------------------------------ article level
    def check_text(self, text: str, *, title: str | None = None) -> Report:
        """Return the Report of every distance claim in ``text``.

        Raises InputError for a non-string, empty or over-long text.
        """
        if not isinstance(text, str):
            raise InputError(f"expected article text as str, got {type(text).__name__}")
        text = check_length(text)  # normalised: the Report's text, and the claims' spans into it
        claims, non_claims = extract(text)
        check_work(claims)
        context = article_context(text, self.gazetteer, names=_place_names(claims))
        deadline = self.resolver.deadline()
        with work_budget(MAX_MEASUREMENTS):
            results = tuple(self.check_claim(c, context, deadline=deadline) for c in claims)
        return make_report(text, results, context=context, title=title, non_claims=tuple(non_claims))

    # ------------------------------------------------------------ claim level
    def check_claim(self, claim: Claim, context: ArticleContext, *, anchor: Resolution | None = None,
                    deadline: OnlineBudget | None = None) -> ClaimResult:
        """Resolve, measure and judge one claim; ``anchor`` (a chosen resolution) overrides the resolver's."""
        if not claim.checkable and anchor is None:
            return self._unmeasured(claim, None, None, not_checkable(claim, claim.why_not or "not checkable"))
        target = self.resolver.target(claim, context, deadline=deadline)
        if anchor is None:
            anchor = self.resolver.anchor(claim, context, target, deadline=deadline)
            if anchor.place is None:
                return self._unmeasured(claim, anchor, target,
                                        unresolved(claim, f"anchor {claim.anchor_text!r}: {anchor.reason}"))
        target, m = self._measure(anchor.place, target, context)
        if m is None:
            rule = unresolved if target.unresolved else not_checkable
            return self._unmeasured(claim, anchor, target, rule(claim, target.why_not or "nothing to measure to"))
        verdict = judge(claim, m, settings=self.settings)
        return ClaimResult(claim, anchor, target, m, verdict, self._alternatives(claim, anchor, target, context))

    def _measure(self, anchor: Place, target: TargetResolution, context: ArticleContext):
        pairs = self.resolver.pairs_for(target, anchor, context)
        return self.measurer.measure(anchor, target, pairs=pairs)

    def _unmeasured(self, claim: Claim, anchor: Resolution | None, target: TargetResolution | None,
                    verdict) -> ClaimResult:
        """A result with nothing measured; a border the claim names is kept for drawing."""
        pair, keys = self.resolver.context_border(claim)
        if target is None and claim.target is not None:
            target = TargetResolution(None, claim.target.kind, claim.target.text, why_not=verdict.reason)
        if target is not None and keys:
            target = replace(target, context_countries=pair, context_geometry=keys)
        return ClaimResult(claim, anchor, target, None, verdict)

    def _alternatives(self, claim: Claim, anchor: Resolution, target: TargetResolution,
                      context: ArticleContext) -> tuple[Alternative, ...]:
        """The other candidates of the anchor's name, each measured and judged on its own."""
        st = self.settings
        others = [c for c in anchor.candidates if c.place.key != anchor.place.key][:st.max_alternatives]
        out = []
        for cand in others:
            if cand.score < st.accept_score * st.alternative_min_ratio:
                continue
            alt_target, m = self._measure(cand.place, target, context)
            v = judge(claim, m, settings=st) if m else not_checkable(claim, alt_target.why_not or "not measured")
            out.append(Alternative(cand, m, v))
        return tuple(out)

    def point_anchor(self, lat: float, lon: float, *, name: str = "point on the map") -> Place:
        """Return a Place for a point a person chose (validated WGS84 lat, lon), with no extent."""
        lat, lon = check_latlon(lat, lon)
        country = self.boundaries.country_at(lat, lon)
        return Place(kind=PlaceKind.POINT, name=name, countries=(country,) if country else (), lat=lat, lon=lon,
                     dataset="user-chosen point", key=f"point:{lat:.5f},{lon:.5f}")


def make_report(text: str, results: tuple[ClaimResult, ...], *, context: ArticleContext,
                title: str | None = None, non_claims: tuple[NonClaim, ...] = ()) -> Report:
    """Return the Report of ``results``: datasets used, online lookup failures as warnings."""
    datasets = sorted({r.measurement.dataset for r in results if r.measurement})
    warnings = [f"online lookup failed, checked offline instead: {res.online_error}"
                for r in results for res in (r.anchor, r.target.resolution if r.target else None)
                if res is not None and res.online_error]
    return Report(text=text, title=title or _title(text), results=results, datasets=tuple(datasets),
                  attribution=ATTRIBUTION, context=context, non_claims=non_claims,
                  warnings=tuple(dict.fromkeys(warnings)))


def _place_names(claims: list[Claim]) -> list[str]:
    """The place names the claims give, as written: their anchors' and place targets' (article context)."""
    return [n for c in claims for n in ((c.anchor.text if c.anchor else None),
                                        (c.target.name if c.target and c.target.kind is TargetKind.PLACE else None))
            if n]


def check_work(claims: list[Claim]) -> None:
    """Refuse, before any measuring, an article with more than settings.MAX_MEASUREMENTS
    distinct (anchor, target) pairs: each needs at least one measurement (up to ~3 ms on a
    detailed boundary); repeats of one pair are measured once (memoised), so only distinct
    pairs count. The measurements themselves (alternatives, neighbour borders) are counted
    as they run (boundaries.work_budget)."""
    pairs = {(c.anchor.text, c.anchor.region, c.anchor.feature, c.target.kind, c.target.name, c.target.countries)
             for c in claims if c.checkable and c.target is not None and c.anchor is not None}
    if len(pairs) > MAX_MEASUREMENTS:
        raise InputError(f"the text has {len(pairs):,} different distance claims to measure (place and target "
                         f"pairs); borderwatch measures at most {MAX_MEASUREMENTS:,} per article — no news article "
                         "has that many; split it or check the part that matters")


def _title(text: str) -> str:
    """The first line of more than 20 characters, cut at a word to at most settings.TITLE_MAX_CHARS ('…' added).

    >>> _title("‘Allied Resolve’ begins Troops spotted near the border with Ukraine as Russian forces "
    ...        "arrive in Belarus for joint military drills")[-28:]
    'arrive in Belarus for joint…'
    """
    first = next((ln.strip() for ln in text.splitlines() if len(ln.strip()) > 20), text.strip()[:80])
    if len(first) <= TITLE_MAX_CHARS:
        return first
    cut = first[:TITLE_MAX_CHARS]
    at = cut.rfind(" ")
    return (cut[:at] if at > TITLE_MAX_CHARS // 2 else cut[:-1]).rstrip(" ,;:–-") + "…"


def chosen(place: Place, *, by: ChosenBy, previous: Resolution | None, query: str) -> Resolution:
    """Return the Resolution of an anchor a person chose, keeping the earlier candidates to switch back to."""
    cands = previous.candidates if previous else ()
    if all(c.place.key != place.key for c in cands):
        cands = (Candidate(place, 1.0, MatchKind.CHOSEN, place.name),) + tuple(cands)
    return Resolution(query, place, tuple(cands), f"chosen on the page ({by}): {place.label}", by)


@functools.lru_cache(maxsize=1)
def default_checker() -> Checker:
    """The offline Checker on the default embedded geodata (loaded once per process)."""
    return Checker()


def check_text(text: str, *, title: str | None = None, checker: Checker | None = None) -> Report:
    """Return the Report of every distance claim in ``text`` (see Checker.check_text).

    >>> report = check_text("Kharkiv is about 30 km from the Russian border.")
    >>> [(r.claim.anchor_text, r.verdict.status.value) for r in report.results]
    [('Kharkiv', 'consistent')]
    """
    return (checker or default_checker()).check_text(text, title=title)

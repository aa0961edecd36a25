"""The pipeline: extract -> context -> resolve -> measure -> judge -> Report.

:func:`check_text` is the one call behind the CLI, the page and batch runs. A
:class:`Checker` holds the loaded geodata, gazetteer and boundaries (load once, use
many times) and the stages built on them; the page uses :meth:`Checker.check_claim`
to re-check one claim from an anchor a person chose.
"""

from __future__ import annotations

import functools
import math
from dataclasses import fields, replace

from rapidfuzz.distance import Levenshtein

from .boundaries import Boundaries
from .budget import WorkBudget, work_budget
from .claims import extract
from .context import article_context
from .errors import InputError, WorkBudgetSpent
from .gazetteer import Gazetteer, town_radius_km
from .geodata import ATTRIBUTION, GeoData, open_geodata
from .inputs import check_length
from .measure import METHOD_BOUNDARY, METHOD_POINT, Measurer
from .model import (Alternative, ArticleContext, Candidate, ChosenBy, Claim, ClaimResult, MatchKind, NonClaim,
                    Place, PlaceKind, Report, Resolution, Status, TargetKind, TargetResolution, Verdict, check_latlon)
from .names import exact_key
from .resolve import OnlineBudget, OnlineLookup, Resolver, resolve_pair
from .settings import DEFAULTS, TITLE_MAX_CHARS, WORK_BUDGET_LOADING_S, WORK_BUDGET_S, Settings
from .verdict import judge, not_checkable, unresolved

# An anchor met by another name of a town on an island up to this size (Kinmen, 150 km²; Matsu)
# may name the island itself: the town's point is no stand-in for the island's shore.
ISLAND_NAME_MAX_KM2 = 5_000.0
_SAME_NAME = 0.6  # similarity from which another name is a spelling of the town's ("Mitilini" for Mytilene: 0.62; "Kinmen" for Jincheng: 0.5)


def _town_area_km2(population: int, settings: Settings) -> float:
    return math.pi * town_radius_km(population, settings) ** 2

__all__ = ["Checker", "check_text", "default_checker", "make_report", "chosen", "METHOD_POINT", "METHOD_BOUNDARY"]


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

        Raises InputError for a non-string, empty or over-long text, or one packed with more
        length figures than settings.MAX_LENGTH_FIGURES (which bounds reading them). Within
        settings.WORK_BUDGET_S of CPU for resolving and measuring (budget.py) every claim is
        checked; once it is spent the remaining claims are listed "not checkable", saying
        so, and the Report warns.
        """
        if not isinstance(text, str):
            raise InputError(f"expected article text as str, got {type(text).__name__}")
        text = check_length(text)  # normalised: the Report's text, and the claims' spans into it
        claims, non_claims = extract(text)
        with work_budget(WORK_BUDGET_S, loading_s=WORK_BUDGET_LOADING_S) as budget:
            context = article_context(text, self.gazetteer, names=_place_names(claims))
            results, left = self._check_all(claims, context, budget)
        return make_report(text, results, context=context, title=title, non_claims=tuple(non_claims),
                           warnings=_budget_warning(budget, left, len(results)))

    def _check_all(self, claims: list[Claim], context: ArticleContext, budget: WorkBudget
                   ) -> tuple[tuple[ClaimResult, ...], int]:
        """Return (each claim's result, how many the work budget left unchecked).

        A claim that says again what an earlier one said (same figure, places and wording, at
        another place in the text) shares its result: nothing in resolving, measuring or
        judging reads where a claim stands. Once the budget is spent, each remaining
        checkable claim is listed as not checkable with budget.budget_reason.
        """
        deadline = self.resolver.deadline()
        done: dict[tuple, ClaimResult] = {}
        out, left = [], 0
        for claim in claims:
            key = _repeat_key(claim)
            if key in done:
                out.append(replace(done[key], claim=claim))
                continue
            try:
                if claim.checkable:
                    budget.charge()
                result = self.check_claim(claim, context, deadline=deadline)
            except WorkBudgetSpent as exc:
                out.append(self._unmeasured(claim, None, None, not_checkable(claim, str(exc))))
                left += 1
                continue
            done[key] = result
            out.append(result)
        return tuple(out), left

    # ------------------------------------------------------------ claim level
    def check_claim(self, claim: Claim, context: ArticleContext, *, anchor: Resolution | None = None,
                    deadline: OnlineBudget | None = None) -> ClaimResult:
        """Resolve, measure and judge one claim; ``anchor`` (a chosen resolution) overrides the resolver's."""
        if not claim.checkable and anchor is None:
            return self._unmeasured(claim, None, None, not_checkable(claim, claim.why_not or "not checkable"))
        if anchor is not None:
            target = self.resolver.target(claim, context, deadline=deadline)
        else:
            target, anchor = resolve_pair(self.resolver, claim, context, deadline=deadline)
            if anchor.place is None and claim.anchor is not None:
                claim, target, anchor = _next_place(self.resolver, claim, context, target, anchor, deadline)
            if anchor.place is None:
                rule = not_checkable if anchor.understood else unresolved  # understood, yet no point
                return self._unmeasured(claim, anchor, target,
                                        rule(claim, f"anchor {claim.anchor_text!r}: {anchor.reason}"))
            island = island_named(anchor, self.measurer.coasts, self.settings)
            if island is not None:
                return replace(self._unmeasured(claim, anchor, target, not_checkable(claim, island)),
                               alternatives=self._alternatives(claim, anchor, target, context))
        target, m = self._measure(anchor.place, target, context)
        if m is None:
            rule = unresolved if target.unresolved else not_checkable
            return self._unmeasured(claim, anchor, target, rule(claim, target.why_not or "nothing to measure to"))
        verdict = judge(claim, m, settings=self.settings)
        verdict = territory_or_town(self.measurer, claim, anchor, target, m, verdict, self.settings) or verdict
        verdict = border_unsaid(self.measurer, claim, anchor.place, target, m, verdict,
                                self.resolver.pairs_for(target, anchor.place, context)) or verdict
        verdict = island_or_town(self.measurer.coasts, claim, anchor.place, target, verdict, self.settings) or verdict
        return ClaimResult(claim, anchor, target, m, verdict, self._alternatives(claim, anchor, target, context))

    def _measure(self, anchor: Place, target: TargetResolution, context: ArticleContext, *, outline: bool = True):
        pairs = self.resolver.pairs_for(target, anchor, context)
        return self.measurer.measure(anchor, target, pairs=pairs, outline=outline)

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
            try:
                alt_target, m = self._measure(cand.place, target, context, outline=False)  # no whole outlines
            except WorkBudgetSpent:
                break  # the claim's own verdict stands; its remaining alternatives are not measured
            v = judge(claim, m, settings=st) if m else not_checkable(claim, alt_target.why_not or "not measured")
            out.append(Alternative(cand, m, v))
        return tuple(out)

    def point_anchor(self, lat: float, lon: float, *, name: str = "point on the map") -> Place:
        """Return a Place for a point a person chose (validated WGS84 lat, lon), with no extent."""
        lat, lon = check_latlon(lat, lon)
        country = self.boundaries.country_at(lat, lon)
        return Place(kind=PlaceKind.POINT, name=name, countries=(country,) if country else (), lat=lat, lon=lon,
                     dataset="user-chosen point", key=f"point:{lat:.5f},{lon:.5f}")


def island_named(anchor: Resolution, coasts, settings: Settings = DEFAULTS) -> str | None:
    """Why a name met as another name of a town on a small island is not checked from that town:
    'Kinmen' is Jincheng's other name, and the island's (or its county's), so the distance may be
    from its shore; None for a town's own name or a spelling of it ('Lampedusa', 'Mitilini'), on a
    mainland or a large island, or for a city that covers its island ('Bombay')."""
    top = anchor.candidates[0] if anchor.candidates else None
    place = anchor.place
    if top is None or top.place.key != place.key or place.kind is not PlaceKind.CITY or not place.country:
        return None
    if Levenshtein.normalized_similarity(exact_key(top.matched_name), exact_key(place.name)) >= _SAME_NAME:
        return None
    area = coasts.island_area_at(place.country, place.lat, place.lon)
    if area is None or area > ISLAND_NAME_MAX_KM2 or _town_area_km2(place.population, settings) > area / 2:
        return None
    return (f"{anchor.query!r} is another name of {place.label}, a town on an island of {area:,.0f} km²: it may "
            f"name the island (or its county) rather than the town, and a distance from an island depends on "
            f"where on it one measures — the town's point does not stand for its coast")


def make_report(text: str, results: tuple[ClaimResult, ...], *, context: ArticleContext,
                title: str | None = None, non_claims: tuple[NonClaim, ...] = (),
                warnings: tuple[str, ...] = ()) -> Report:
    """Return the Report of ``results``: datasets used, ``warnings`` and online lookup failures as warnings."""
    datasets = sorted({r.measurement.dataset for r in results if r.measurement})
    warnings = list(warnings) + [f"online lookup failed, checked offline instead: {res.online_error}"
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


_POSITION = ("index", "span", "quote", "sentence", "anchor", "target")


def _repeat_key(claim: Claim) -> tuple:
    """What a claim says, without where it stands: equal for repeats of one claim."""
    anchor = replace(claim.anchor, span=None) if claim.anchor else None
    target = replace(claim.target, span=None) if claim.target else None
    return (anchor, target, *(getattr(claim, f.name) for f in fields(claim) if f.name not in _POSITION))


def _budget_warning(budget: WorkBudget, left: int, total: int) -> tuple[str, ...]:
    """The Report's warning when the work budget was spent: how many claims it left unchecked, and what to do."""
    if not budget.spent:
        return ()
    if not left:
        return (f"this article's work budget ({budget.seconds:g} s of resolving and measuring) was spent on the other "
                "candidates of its names: every claim is checked, some with fewer alternatives listed",)
    return (f"this article's work budget ({budget.seconds:g} s of resolving and measuring) was spent: "
            f"{left:,} of its {total:,} claims are listed as not checkable, not checked — check a part "
            "of the article (the paragraphs that matter) on its own to check them",)


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


def island_or_town(coasts, claim: Claim, anchor: Place, target: TargetResolution, verdict: Verdict,
                   settings: Settings = DEFAULTS) -> Verdict | None:
    """'Tsushima is approximately 50 kilometers from Busan': a town on a small island may stand for the island;
    when the town's point is inconsistent but the island's nearest shore lies where the wording allows, the claim
    is not checkable, both said; else None (the town's verdict stands)."""
    if verdict.status is not Status.INCONSISTENT or verdict.window_km is None or anchor.kind is not PlaceKind.CITY \
            or not anchor.country or target.place is None or target.place.kind not in (PlaceKind.CITY,
                                                                                       PlaceKind.LANDMARK):
        return None
    area = coasts.island_area_at(anchor.country, anchor.lat, anchor.lon)
    if area is None or area > ISLAND_NAME_MAX_KM2 or _town_area_km2(anchor.population, settings) > area / 2:
        return None
    hit = coasts.to_own_island(target.place.lat, target.place.lon, anchor.country, (anchor.lat, anchor.lon))
    lo, hi = verdict.window_km
    if hit is None or not lo <= hit.distance_km <= hi:
        return None
    return not_checkable(claim, f"{anchor.label} lies on an island of {area:,.0f} km², which its name may mean: "
                                f"from the town's point {target.place.label} is not what the wording allows "
                                f"({lo:.1f}–{hi:.1f} km), from the island's nearest shore it is "
                                f"{hit.distance_km:.1f} km, which is")


def border_unsaid(measurer: Measurer, claim: Claim, anchor: Place, target: TargetResolution, m, verdict: Verdict,
                  pairs: tuple[tuple[str, str], ...]) -> Verdict | None:
    """'Engels air base, about 450 km from the border': the text names no country, so the nearest border was
    taken (Kazakhstan's, 146 km); when that reading is inconsistent but the anchor's border with another
    neighbour it may mean lies where the wording allows (Ukraine's), the claim is not checkable, both said;
    else None (the nearest border's verdict stands, itself said to be a guess)."""
    if target.kind is not TargetKind.BORDER or target.named or verdict.status is not Status.INCONSISTENT \
            or len(pairs) < 2 or verdict.window_km is None or target.place is None:
        return None
    lo, hi = verdict.window_km
    taken = tuple(sorted(target.place.countries))
    fits = []
    for a, b in pairs:
        hit = None if tuple(sorted((a, b))) == taken else measurer.boundaries.to_border(anchor.lat, anchor.lon, a, b)
        if hit is not None and lo <= hit.distance_km <= hi:
            fits.append(f"the {measurer.gazetteer.country(a).name}–{measurer.gazetteer.country(b).name} border "
                        f"({hit.distance_km:.1f} km)")
    if not fits:
        return None
    return not_checkable(claim, f"the text says only {target.text!r}, and which border it means decides the verdict: "
                                f"the nearest, the {target.place.name} ({m.distance_km:.1f} km), is not what the "
                                f"wording allows ({lo:.1f}–{hi:.1f} km), but {' and '.join(fits[:3])} is")


def territory_or_town(measurer: Measurer, claim: Claim, anchor: Resolution, target: TargetResolution, m,
                      verdict: Verdict, settings: Settings = DEFAULTS) -> Verdict | None:
    """'Gaza, just 2km from Sderot': an anchor whose name is a territory's and a town's in it may mean
    either; measured from the town's point, and from the target to the territory's nearest edge. When
    the two readings give different verdicts the claim is not checkable, both figures said; else None
    (the town's verdict stands)."""
    place, other = anchor.place, target.place
    iso = measurer.gazetteer.country_code(anchor.query) if place is not None else None
    if iso is None or place.country != iso or target.kind is not TargetKind.PLACE or other is None \
            or other.country == iso:
        return None
    hit = measurer.boundaries.to_country(other.lat, other.lon, iso)
    if hit.inside:
        return None
    d, r = hit.distance_km, other.radius_km  # the target town's own extent, as for any town
    edge = judge(claim, replace(m, distance_km=d, low_km=max(0.0, d - r), high_km=d + r), settings=settings)
    if edge.status is verdict.status:
        return None
    name = measurer.gazetteer.country(iso).name
    return not_checkable(claim, f"{anchor.query!r} may mean the land of {name} ({hit.distance_km:.1f} km from "
                                f"{other.label} to its nearest edge: {edge.status}) or its town of that name "
                                f"({place.label}, {m.distance_km:.1f} km: {verdict.status}), and the text does not "
                                f"say which")


def _next_place(resolver, claim: Claim, context: ArticleContext, target: TargetResolution, anchor: Resolution,
                deadline: OnlineBudget | None) -> tuple[Claim, TargetResolution, Resolution]:
    """When the anchor names a state or a country (no point), the first of the places the extraction
    passed over that resolves to one; when its name is in no dataset here, the first of its other names
    in the text ("Karakorum (Harhorin)") that resolves; the reason says so; else the claim as it was."""
    if anchor.understood:
        others = [(o, f"{claim.anchor_text!r} names {anchor.understood}, no point to measure from; the place "
                      f"named before it, {o.text!r}, is taken") for o in claim.anchor.fallbacks]
    else:
        others = [(replace(claim.anchor, text=n, aliases=()), f"{claim.anchor_text!r} is in no dataset here; "
                   f"its other name in the text, {n!r}, is taken") for n in claim.anchor.aliases]
    for other, why in others:
        again = replace(claim, anchor=other)
        t, a = resolve_pair(resolver, again, context, deadline=deadline)
        if a.place is not None:
            return again, t, replace(a, reason=f"{why}: {a.reason}")
    return claim, target, anchor


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

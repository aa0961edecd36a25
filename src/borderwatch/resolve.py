"""Claims + the article's context -> resolutions: which places a claim's ends are.

Each claim's target is resolved once (:meth:`Resolver.target`); its anchor is resolved
in the light of that target (:meth:`Resolver.anchor`): "X, 6 km from Kupiansk" puts X
near Kupiansk, and "X, 30 km from the Ukrainian border" puts X outside Ukraine. Which
border a claim means depends on the anchor's country (:func:`border_pairs`).

The opt-in online geocoder is a constructor argument, never changed afterwards: a
resolver with ``online=None`` never touches the network.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace
from typing import Protocol

from .boundaries import Boundaries
from .coasts import Coasts
from .context import countries_named
from .errors import OnlineLookupError
from .gazetteer import Context, Gazetteer, Locality
from .geodesy import distance_km
from .landmarks import SpecialPlaces, kind_in_text, own_facility
from .lexicon import LEXICON
from .model import (AnchorRef, ArticleContext, Candidate, ChosenBy, Claim, MatchKind, Place, PlaceKind, Resolution, Span,
                    TargetKind, TargetRef, TargetResolution)
from .names import exact_key
from .settings import DEFAULTS, Settings
from .units import to_km

__all__ = ["Resolver", "OnlineLookup", "OnlineBudget", "border_pairs", "border_named", "plausibility",
           "decline_implausible", "decline_region_name", "resolve_pair"]


class OnlineBudget:
    """One article's time for online lookups: the clock starts at its first lookup, so the
    offline work before it (a first fuzzy search in a fresh process) costs none of it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end: float | None = None

    def end(self) -> float:
        """Return the monotonic instant by which this article's lookups must be done."""
        if self._end is None:
            self._end = time.monotonic() + self.seconds
        return self._end


class OnlineLookup(Protocol):
    """What the resolver needs of an online geocoder (see borderwatch.online.OnlineGeocoder)."""

    def lookup(self, name: str, *, deadline: OnlineBudget | None = None) -> Place | None:
        """Return the Place for ``name``, None for no match; raise OnlineLookupError on failure."""


def border_pairs(named: tuple[str, ...], home: str, *, either: bool,
                 neighbours: tuple[str, ...], mentioned: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """Return the (a, b) ISO2 pairs whose border a claim may mean, from an anchor in ``home``.

    - "the border with Russia and Belarus" (``either``): the anchor's border with each;
    - two or more named, the anchor's country among them: its border with the others;
    - two or more named, the anchor elsewhere: the first two named;
    - one named, not the anchor's: the anchor's border with it;
    - none named ("the border"), or only the anchor's own: its borders with the neighbours
      the article mentions, else with every neighbour.

    >>> border_pairs(("UA",), "BY", either=False, neighbours=("PL", "UA"), mentioned=frozenset())
    (('BY', 'UA'),)
    """
    if len(named) >= 2 and home not in named and either:
        return tuple((home, c) for c in named)
    if len(named) >= 2 and home in named:
        return tuple((home, c) for c in named if c != home)
    if len(named) >= 2:
        return ((named[0], named[1]),)
    if len(named) == 1 and named[0] != home:
        return ((home, named[0]),)
    near = [c for c in neighbours if c in mentioned]
    return tuple((home, c) for c in (near or neighbours))


def plausible_km(claim: Claim, settings: Settings = DEFAULTS) -> float:
    """How far from what the claim names a candidate may lie and still be plausible:
    max(claim × plausibility_factor, claim + plausibility_slack_km), the claim's upper figure."""
    km = to_km(claim.value_high if claim.value_high is not None else claim.value, claim.unit)
    return max(km * settings.plausibility_factor, km + settings.plausibility_slack_km)


def _what(where: Locality) -> str:
    return "a country" if not where.admin1 else "a state or region"


def plausibility(claim: Claim, best: str, dist: dict[str, tuple[float | None, str]], target_words: str,
                 settings: Settings = DEFAULTS) -> dict[str, tuple[float, str]]:
    """Score changes {place key: (delta, reason)} from the geometry a claim names.

    For "N km from the border with Z" (or from a region), a candidate within
    max(N × plausibility_factor, N + plausibility_slack_km) of it is plausible, a same-name
    place far beyond it (or in a country without that border) is not. Only when the best
    candidate (``best``) is implausible and another one is plausible: the plausible ones
    gain ``plausible_bonus``; the others keep their scores, so each still gets its own
    verdict in the alternatives. ``dist``: key -> (km to the target or None, what it is);
    ``target_words`` the target in words, for a candidate with no such border.

    >>> claim = Claim(index=1, span=Span(0, 5), quote="10 KM", sentence=Span(0, 5), value=10.0, unit="km")
    >>> plausibility(claim, "a", {"a": (546.7, "the UA–RU border"), "b": (17.8, "the UA–RU border")}, "Russia")["b"]
    (0.5, '18 km from the UA–RU border: plausible for a claim of 10 km')
    """
    st = settings
    limit = plausible_km(claim, st)
    # as far below a long claim as above it ("nearly 700 miles from Moscow" is not Korolev, a suburb
    # once called Kaliningrad); "less than N" sets no lower bound
    floor = 0.0 if LEXICON.hedge_group(claim.hedge) == "upper" else \
        max(0.0, to_km(claim.value, claim.unit) / st.plausibility_factor - st.plausibility_slack_km)
    near = {k for k, (d, _) in dist.items() if d is not None and floor <= d <= limit}
    if not near or best in near:
        return {}
    out = {}
    for key, (d, what) in dist.items():
        if key in near:
            out[key] = (st.plausible_bonus, f"{d:.0f} km from {what}: plausible for a claim of {claim.claimed_text}")
        elif d is None:
            out[key] = (0.0, f"not on {target_words}: implausible for a claim of {claim.claimed_text}")
        else:
            bound = f"beyond {limit:.0f} km" if d > limit else f"nearer than {floor:.0f} km"
            out[key] = (0.0, f"{d:.0f} km from {what}: implausible for a claim of {claim.claimed_text} ({bound})")
    return out


def decline_implausible(claim: Claim, res: Resolution, dist: dict[str, tuple[float | None, str]],
                        settings: Settings = DEFAULTS) -> Resolution:
    """Return ``res``, or no place when its winner (after :func:`plausibility`, which promotes a
    plausible rival) lies absurdly far from what the claim names: "Gorkha, 141 km from Kathmandu" is not Horgen (Switzerland), 6,835 km away.

    A loose match (a folded or fuzzy spelling) or a village (fewer than decline_small_population people)
    is declined once implausible (beyond :func:`plausible_km`), any other match beyond
    max(claim × decline_factor, claim + decline_slack_km): a name the gazetteer lacks is far
    likelier than a figure that wrong, and a confident false verdict is the worst outcome.
    """
    st = settings
    top = res.candidates[0] if res.place is not None and res.candidates else None
    if top is None or not dist:
        return res
    km = to_km(claim.value_high if claim.value_high is not None else claim.value, claim.unit)
    loose = top.match in (MatchKind.TRANSLITERATION, MatchKind.FUZZY)
    small = top.place.population < st.decline_small_population
    limit = plausible_km(claim, st) if small or loose else max(km * st.decline_factor, km + st.decline_slack_km)
    d, what = dist.get(top.place.key, (None, ""))
    if d is None or d <= limit:
        return res
    return replace(res, place=None, chosen_by=ChosenBy.NOBODY,
                   reason=f"no candidate fits the claim: the best, {top.place.label} ({top.match_text} match), "
                          f"is {d:.0f} km from {what} for a claim of {claim.claimed_text} (beyond {limit:.0f} km), "
                          f"and no other of the {len(dist)} measured is plausible; the place is likely missing "
                          f"from the embedded gazetteer")


# "Kuwait city", "Panama City": the words after a country's name that make it its city.
_CITY_AFTER = re.compile(r"\s+city\b", re.IGNORECASE)
# The text calls the target a capital ("the capital Beirut", "the Lithuanian capital").
_CAPITAL = re.compile(r"\bcapital\b", re.IGNORECASE)
# Words beside "capital" that name no country: "the country's capital" is the article's one country's.
_CAPITAL_OF = frozenset({"the", "its", "country's", "country’s", "nation's", "nation’s"})


def decline_region_name(res: Resolution, text: str, gazetteer: Gazetteer, settings: Settings = DEFAULTS
                        ) -> Resolution:
    """Return ``res``, or no place when ``text`` is the name of a state, region or country and
    the town that won lies outside it, met only by an alternate or loose spelling: "Indiana"
    is not Nanuque (Brazil), whose alternate names include it, nor "Ukraine" a village in
    Spain. A town of that very name keeps it; so does, for a state's or region's name, a national
    capital or a city of settings.region_name_min_population (Washington, D.C.), never for a
    country's name a town of another country ("Iraq" is not Arāk, Iran)."""
    best = res.candidates[0] if res.place is not None and res.candidates else None
    top = best.place if best else None
    if top is None:
        return _area_alone(res, text, gazetteer)
    if (best.match is MatchKind.EXACT and exact_key(best.matched_name) == exact_key(top.name)):
        return res  # a town of that very name (Durango, Colorado; Santa Cruz, California) is meant as written
    where = gazetteer.locality(text)
    if where is None:
        return res
    # a country's name is a town inside it only as its capital's other name ("Kuwait", "Mexico"):
    # "Israel" is not Yizre'el
    inside = top.admin1 in where.admin1 if where.admin1 else (top.country == where.country
                                                             and gazetteer.is_capital(top))
    # a country's name never means a town of another country, however large ("Iraq" is not Arāk,
    # Iran, whose alternate names include it); a state's name may mean a big city or a capital
    # outside it ("Washington")
    if inside or (where.admin1 and (top.population >= settings.region_name_min_population
                                    or gazetteer.is_capital(top))):
        return res
    what = _what(where)
    town = f"the town of that name here, {top.label}," if best.match is MatchKind.EXACT else \
        f"the nearest name a town has here, {top.label} ({best.match_text} match),"
    where_town = "is not its capital" if not where.admin1 and top.country == where.country else "lies outside it"
    return replace(res, place=None, chosen_by=ChosenBy.NOBODY, understood=where.name,
                   reason=f"{text!r} names {what} ({where.name}), not a town in it: {town} {where_town}, "
                          f"and {what} is no point to measure from")


def _state_named(claim: Claim, res: Resolution, dist: dict[str, tuple[float | None, str]], gazetteer: Gazetteer,
                 settings: Settings = DEFAULTS) -> Resolution:
    """``res``, or no place when its name is also a state's or a country's and its town does not fit the
    claim's scale: "… struck Baxter Springs, about 5 miles away" from "Kansas" is not Kansas, Oklahoma (91 km).
    The town of a region's name is kept only when the geometry says so (Crete, Illinois, for a claim
    measured from it near it)."""
    top = res.candidates[0] if res.place is not None and res.candidates else None
    where = gazetteer.locality(res.query) if top is not None else None
    d = dist.get(top.place.key, (None, ""))[0] if top is not None else None
    if where is None or d is None or top.place.admin1 in where.admin1 or gazetteer.is_capital(top.place):
        return res
    limit = plausible_km(claim, settings)
    if d <= limit:
        return res
    what = _what(where)
    return replace(res, place=None, chosen_by=ChosenBy.NOBODY, understood=where.name,
                   reason=f"{res.query!r} names {what} ({where.name}); the town of that name, {top.place.label}, is "
                          f"{d:.0f} km from the claim's other end for a claim of {claim.claimed_text} (beyond "
                          f"{limit:.0f} km), and {what} is no point to measure from")


def _names_country(gazetteer: Gazetteer, t: TargetRef) -> bool:
    """The target names a country (measured to its border), not its city ("from Kuwait city")."""
    return bool(gazetteer.country_code(t.name)) and not _CITY_AFTER.match(t.text[t.text.find(t.name) + len(t.name):])


def _or_plant(special: SpecialPlaces, res: Resolution, name: str, ctx: Context) -> Resolution:
    """``res``, or the power plant of that very name when no place matched it exactly (a loose spelling of
    a town, "Kaz̲h̲ah" for "Kaiga", gives way to a plant named exactly so)."""
    if any(c.match is MatchKind.EXACT for c in res.candidates):
        return res
    return special.by_name(name, ctx) or res


def _declined_or_plant(special: SpecialPlaces, res: Resolution, name: str, ctx: Context) -> Resolution:
    """``res`` (its towns declined: none fits the claim), or the power plant of that very name ("Indian Point,
    where two aging reactors are 24 miles north of New York City": not Indian Point, Missouri)."""
    why = f"no town of that name fits the claim ({res.reason}), a power plant has the name"
    return (special.by_name(name, ctx, why=why) if res.place is None else None) or res


def _unnamed(text: str) -> bool:
    """'the camp', 'this base': a description with no name in it (the extraction keeps it as the
    anchor when no earlier sentence names the thing)."""
    words = text.split()
    return len(words) > 1 and words[0].lower() in LEXICON.classes["back_determiners"] and \
        not any(w[:1].isupper() for w in words[1:])


def _area_alone(res: Resolution, text: str, gazetteer: Gazetteer) -> Resolution:
    """``res`` (no place) marked with the state, region or country ``text`` names, if it names one
    and no town answers to it: "Gotland is 56 miles off the Swedish coast" is understood, not checkable."""
    where = None if res.place is not None or any(c.match is MatchKind.EXACT for c in res.candidates) \
        else gazetteer.locality(text)
    if where is None:
        return res
    what = _what(where)
    return replace(res, understood=where.name, reason=f"{text!r} names {what} ({where.name}) and no town here has that "
                                                f"name: {what} is no point to measure from")


def _target_words(target: TargetResolution) -> str:
    """What the claim measures to, in words, for a candidate that has no such border."""
    if target.kind is TargetKind.PLACE and target.place is not None:
        return target.place.label
    return f"the border with {'/'.join(target.named)}" if target.named else f"the border {target.text!r} means"


def border_named(target: TargetRef, gazetteer: Gazetteer) -> tuple[str, ...]:
    """Return the ISO2 codes of the countries a border target names: its ``countries``, then any other
    its own words name. "the Belarusian border with Ukraine" keeps only "Belarusian" in ``countries``;
    read alone, one named country means the anchor lies outside it, and a Belarusian town typed on
    the page for that claim was refused."""
    codes = (gazetteer.country_code(n) for n in target.countries)
    return tuple(dict.fromkeys([c for c in codes if c] + sorted(countries_named(target.text, gazetteer))))


def state_border(gazetteer: Gazetteer, t: TargetRef) -> TargetResolution | None:
    """'105 km north of the British Columbia border', 'the Kansas border': a border named by a state or region,
    not a country, is that region's boundary; one whose outline the embedded data lacks cannot be measured (the
    nearest border of the country is no stand-in); None when the words name no region."""
    if not t.countries or gazetteer.country_code(t.countries[0]):
        return None
    region = gazetteer.resolve_region(f"{t.countries[0]} region")
    if region.place is not None and region.candidates[0].match is MatchKind.EXACT:
        return TargetResolution(region, TargetKind.REGION, t.text)
    loc = gazetteer.locality(t.countries[0])
    if loc is None or not loc.admin1:
        return None
    return TargetResolution(None, TargetKind.BORDER, t.text, why_not=(
        f"{t.text!r} is the boundary of {loc.name} ({loc.country}), a state or region whose outline the embedded "
        f"data does not have"))


def _locality(gazetteer: Gazetteer, anchor: AnchorRef | None) -> Locality | None:
    """What the anchor's locator names (a state or country), or None."""
    if anchor is None or not anchor.locator:
        return None
    return gazetteer.locality(anchor.locator, head=anchor.text)


_BORDER_WORD = re.compile(r"\b(?:%s)\b" % "|".join(LEXICON.targets["border"]), re.IGNORECASE)


def _regional_capital(t: TargetRef) -> TargetResolution | None:
    """Why 'the provincial capital' (a region's capital the text does not name) is not checkable, or None: it is
    never the country's capital (Mae Sai to Bangkok would be 742 km off)."""
    if t.name or not _CAPITAL.search(t.text) or not set(t.text.lower().split()) & set(
            LEXICON.classes["regional_capital_words"]):
        return None
    return TargetResolution(None, t.kind, t.text, why_not=(
        f"{t.text!r} is a region's capital, not the country's, and the text does not name it: no dataset here says "
        f"which town it is"))


def target_context(gazetteer: Gazetteer, claim: Claim, context: ArticleContext) -> Context:
    """The article's countries and dateline; the country that locates the claim's anchor too
    ("Stanstead, Quebec, … southeast of Montreal": Montreal in Canada)."""
    loc = _locality(gazetteer, claim.anchor)
    extra = frozenset({loc.country}) if loc and loc.country else frozenset()
    # the claim's anchor when its name is clear on its own: "Deming is … 60 miles west of Las Cruces" is the
    # Las Cruces near Deming, whatever country the article's border names
    near = tuple((lat, lon) for name, lat, lon in context.places if claim.anchor and name == claim.anchor.text)
    t = claim.target
    own = gazetteer.locality(t.locator, head=t.name) if t is not None and t.locator else None
    if own is not None:  # "… north of Portland, Maine": the target's own state or country
        return Context(countries=context.countries | ({own.country} if own.country else set()),
                       admin1=own.admin1, located=frozenset({own.country}) if own.country else frozenset(),
                       dateline=context.dateline, regions=context.regions, article_places=context.places,
                       near=near)
    return Context(countries=context.countries | extra, dateline=context.dateline, regions=context.regions,
                   article_places=context.places, near=near)



def _unnamed_anchor(special: SpecialPlaces, claim: Claim, target: TargetResolution) -> Resolution:
    """An anchor the text does not name: the other end's own landmark ("The airport is … 7km from the town
    of Siem Reap"), else unresolved when it is a particular thing built to stay ("the military base": a user
    can mark it), else not checkable ("the camp")."""
    a = claim.anchor
    if (own := special.of_other_end(claim, target.place)) is not None:
        return own
    what = a.feature or a.text.split()[-1]
    words = {w.lower() for w in a.text.split()}
    if what.split()[-1].lower() in LEXICON.classes["fixed_heads"] and not words & set(LEXICON.classes["impermanent"]):
        return Resolution(a.text, None, (), f"{a.text!r} is a particular {what} the text does not name, and "
                          f"no dataset here locates it: mark it on the map to check the claim", ChosenBy.NOBODY)
    return Resolution(a.text, None, (), f"{a.text!r} is not named: the text does not say which {what} it "
                      f"is, so there is no point to measure from", ChosenBy.NOBODY, understood=f"an unnamed {what}")


def _text_point(boundaries: Boundaries, a: AnchorRef) -> Resolution:
    """The point the text gives as coordinates ("centred at 25.1N, 80.2W")."""
    lat, lon = a.point
    country = boundaries.country_at(lat, lon)
    place = Place(kind=PlaceKind.POINT, name=a.text, countries=(country,) if country else (), lat=lat, lon=lon,
                  dataset="coordinates in the text", key=f"point:{lat:.5f},{lon:.5f}")
    return Resolution(a.text, place, (Candidate(place, 1.0, MatchKind.DERIVED, a.text),),
                      f"the text gives the point as coordinates ({a.text})", ChosenBy.DERIVED,
                      source="coordinates in the text")


class _Targets:
    """The target half of :class:`Resolver`: what a claim measures to, and which border it means."""

    gazetteer: Gazetteer
    boundaries: Boundaries
    settings: Settings
    special: SpecialPlaces
    coasts: Coasts

    # ------------------------------------------------------------------ targets
    def _codes(self, names: tuple[str, ...]) -> tuple[str, ...]:
        codes = (self.gazetteer.country_code(n) for n in names)
        return tuple(dict.fromkeys(c for c in codes if c))

    def target(self, claim: Claim, context: ArticleContext, *, deadline: OnlineBudget | None = None
               ) -> TargetResolution:
        """Return the claim's target, resolved once (a place, a region, a border's countries, or why not)."""
        t = claim.target
        if t is None:
            return TargetResolution(None, TargetKind.PLACE, why_not="the text names nothing it is measured to")
        home = self._capital_of_anchor_country(claim, context)
        if home is not None:
            return home
        regional = _regional_capital(t)
        if regional is not None:
            return regional
        special = self.special.target(t, context)  # landmarks, capitals of named countries, coasts, lines
        cap = _CAPITAL.search(t.text)
        # "capital Tehran", "the capital, Beirut": a name after the word (not "the South Korean capital")
        named_capital = bool(cap and t.name and t.name in t.text[cap.end():] and not self.gazetteer.country_code(t.name))
        if special is not None and not named_capital and (special.place is not None or not _CAPITAL.search(t.text)):
            return special
        if t.kind is TargetKind.PLACE and _CAPITAL.search(t.text):
            return self._capital_target(claim, context, deadline)  # "the capital Beirut": among the Beiruts
        if special is not None:
            return special
        if t.kind is TargetKind.PLACE and t.name and _names_country(self.gazetteer, t):
            # "5 km from Gaza", "close to North Korea": a country or territory is measured to its border.
            return TargetResolution(None, TargetKind.BORDER, t.text, named=self._codes((t.name,)))
        if t.kind is TargetKind.BORDER:
            named = border_named(t, self.gazetteer)
            return (state_border(self.gazetteer, t) if not named else None) or \
                TargetResolution(None, TargetKind.BORDER, t.text, named=named, either=t.either)
        if t.kind is TargetKind.PLACE:
            if not t.name:
                return TargetResolution(None, t.kind, t.text, why_not=f"the target {t.text!r} names no place")
            ctx = target_context(self.gazetteer, claim, context)
            res = decline_region_name(self.gazetteer.resolve(t.name, context=ctx), t.name, self.gazetteer,
                                      self.settings)
            if res.place is None and not any(c.match is MatchKind.EXACT for c in res.candidates):
                # "100 km from Crimea", "north of Tigray": no town of that name, a region's own name
                region = self.gazetteer.resolve_region(f"{t.name} region")
                if region.place is not None and region.candidates[0].match is MatchKind.EXACT:
                    return TargetResolution(region, TargetKind.REGION, t.text)
            res = self._online(_or_plant(self.special, res, t.name, ctx), deadline)
            why = None if res.place else f"target {t.name!r}: {res.reason}"
            return TargetResolution(res, t.kind, t.text, why_not=why, unresolved=res.place is None)
        if t.kind is TargetKind.REGION:
            return self._region_target(t)
        return self.special.unknown_line(t)

    def _capital_of_anchor_country(self, claim: Claim, context: ArticleContext) -> TargetResolution | None:
        """'Jacmel … the capital 20 miles away': "the capital" with no country in its words is the
        capital of the country of the place it is measured from, when that place's name alone is an
        exact match there (before the dateline's or the article's one country: a report from
        Washington on Kharkiv means Kyiv)."""
        t, a = claim.target, claim.anchor
        if t is None or t.kind is not TargetKind.PLACE or t.name or a is None or a.point is not None:
            return None
        if not _CAPITAL.search(t.text) or any(w.lower() not in _CAPITAL_OF and not _CAPITAL.fullmatch(w)
                                              for w in t.text.replace(",", " ").split()):
            return None
        res = self.gazetteer.resolve(a.text, context=Context(countries=context.countries, dateline=context.dateline))
        top = res.candidates[0] if res.place is not None else None
        if top is None or top.match is not MatchKind.EXACT or not top.place.country:
            return None
        cap = self.gazetteer.capital_of(top.place.country, query=t.text)
        if cap is None or cap.place is None or cap.place.key == top.place.key:
            return None
        why = f"the national capital of {self.gazetteer.country(top.place.country).name}, the country of " \
              f"{top.place.label}, which it is measured from"
        cand = replace(cap.candidates[0], reasons=(why,))
        return TargetResolution(replace(cap, candidates=(cand,), reason=f"{cap.place.label}: {why}"), t.kind, t.text)

    def _region_target(self, t: TargetRef) -> TargetResolution:
        """A region's boundary; the border with its country when the text names a border and no boundary here has
        the region ("the land border with Greece's Evros region": the region only locates a stretch of it)."""
        res = self.gazetteer.resolve_region(f"{t.name} region", country=t.countries[0] if t.countries else None)
        if res.place is None and t.countries and _BORDER_WORD.search(t.text.split(t.name)[0]) \
                and (named := self._codes(t.countries[:1])):
            return TargetResolution(None, TargetKind.BORDER, t.text, named=named)
        why = None if res.place else f"target region {t.name!r}: {res.reason}"
        return TargetResolution(res, t.kind, t.text, why_not=why, unresolved=res.place is None)

    def _capital_target(self, claim: Claim, context: ArticleContext, deadline: OnlineBudget | None
                        ) -> TargetResolution:
        """The target the text calls a capital: "the capital Beirut" (a capital among the Beiruts),
        "the Lithuanian capital" / "Ukraine's capital" (that country's), "the capital" (the capital
        of the article's one country: its dateline's, or the only one it names)."""
        t = claim.target
        if t.name and self.gazetteer.country_code(t.name) is None:
            ctx = replace(target_context(self.gazetteer, claim, context), capital=True)
            res = self._online(self.gazetteer.resolve(t.name, context=ctx), deadline)
        else:
            res = self.capital_named(t.text, context)
            if res is None:
                return TargetResolution(None, t.kind, t.text, why_not=f"{t.text!r}: the text does not say which "
                                        f"country's capital ({len(context.countries)} countries named)")
        why = None if res.place else f"target {t.text!r}: {res.reason}"
        return TargetResolution(res, t.kind, t.text, why_not=why, unresolved=res.place is None)

    def capital_named(self, text: str, context: ArticleContext) -> Resolution | None:
        """Return the capital that words naming no town mean ("the Lithuanian capital", "South Korea’s
        capital": that country's; "the capital": the dateline's country's, or the article's one
        country's), or None when they do not say which country."""
        rest = " ".join(w for w in _CAPITAL.sub(" ", text).split() if w.lower() not in _CAPITAL_OF).strip(" ,")
        code = self.gazetteer.country_code(rest) if rest else None
        if rest and code is None:
            return None  # "the Transnistrian capital, Tiraspol": a name, not a country's capital
        codes = {code} if code else set()
        if not codes:
            dated = context.dateline.country if context.dateline and context.dateline.country else None
            codes = {dated} if dated else (set(context.countries) if len(context.countries) == 1 else set())
        return self.gazetteer.capital_of(next(iter(codes)), query=text) if len(codes) == 1 else None

    def context_border(self, claim: Claim) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Return (ISO2 pair, geodata keys) of the border an unmeasured claim names, or ((), ()).

        "the Belarusian border with Ukraine" names BY and UA: worth drawing, though nothing
        is measured to it.
        """
        t = claim.target
        if t is None or t.kind is not TargetKind.BORDER:
            return (), ()
        # The target's own words too: they may name both sides when ``countries`` keeps one.
        codes = list(border_named(t, self.gazetteer))
        if len(codes) < 2:
            return (), ()
        pair = tuple(sorted(codes[:2]))
        return pair, self.boundaries.border_keys(*pair)

    def pairs_for(self, target: TargetResolution, anchor: Place, context: ArticleContext
                  ) -> tuple[tuple[str, str], ...]:
        """Return the border pairs a border target means from ``anchor`` (see border_pairs)."""
        home = anchor.country
        return border_pairs(target.named, home, either=target.either,
                            neighbours=self.gazetteer.neighbours(home) if home else (),
                            mentioned=context.countries)


class Resolver(_Targets):
    """Resolves claims' anchors and targets against the gazetteer, in the article's context."""

    def __init__(self, gazetteer: Gazetteer, boundaries: Boundaries, *, settings: Settings = DEFAULTS,
                 online: OnlineLookup | None = None) -> None:
        self.gazetteer = gazetteer
        self.boundaries = boundaries
        self.settings = settings
        self.online = online
        self.special = SpecialPlaces(gazetteer, settings=settings)  # landmarks, capitals, coasts, named lines
        self.coasts = Coasts(boundaries)  # a coast target's distance from each candidate (plausibility)

    def deadline(self) -> OnlineBudget | None:
        """Return a fresh budget for one article's online lookups (None offline)."""
        return None if self.online is None else OnlineBudget(self.settings.online_article_deadline_s)

    # ------------------------------------------------------------------ anchors
    def _anchor_context(self, claim: Claim, context: ArticleContext, target: TargetResolution,
                        loc: Locality | None) -> Context:
        a = claim.anchor
        admin1 = self.gazetteer.admin1_codes(a.region) if a and a.region else frozenset()
        near = ((target.place.lat, target.place.lon),) if target.kind is TargetKind.PLACE and target.place else ()
        avoid = frozenset(target.named) if target.kind is TargetKind.BORDER and len(target.named) == 1 else frozenset()
        located = frozenset({loc.country}) if loc and loc.country else frozenset()
        return Context(countries=context.countries - avoid, admin1=admin1 | (loc.admin1 if loc else frozenset()),
                       near=near, avoid=avoid - located, located=located, dateline=context.dateline,
                       regions=context.regions, article_places=context.places)

    def anchor(self, claim: Claim, context: ArticleContext, target: TargetResolution, *,
               deadline: OnlineBudget | None = None) -> Resolution:
        """Return the resolution of the claim's anchor, steered by its region, its locator, its target,
        the article's dateline and the countries it names.

        A locator that names no state or country ("Kyiv, Kharkiv, …") is the place itself,
        unless no place has that name ("Newry in Co Down": then Newry) or only a near spelling
        does while the name matches exactly ("Polangui … in Albay": then Polangui); a region's name is
        the place itself when the name before it is no town ("Lenin Square in Kharkiv").
        """
        a = claim.anchor
        if a is not None and a.point is not None:
            return _text_point(self.boundaries, a)
        loc = _locality(self.gazetteer, a)
        ctx = self._anchor_context(claim, context, target, loc)
        res = self.capital_named(a.text, context) if a is not None and _CAPITAL.search(a.text) else None
        if a is not None and (a.unnamed or _unnamed(a.text)):  # never a landmark or a town by a common word
            return _unnamed_anchor(self.special, claim, target)
        if res is None and (landmark := self.special.anchor(a, ctx)) is not None:
            return landmark
        if res is None and a is not None and a.locator and loc is None and not a.settlement:
            res = self.gazetteer.resolve(a.locator, context=ctx, feature=a.feature)
            if res.place is not None and res.candidates[0].match is not MatchKind.EXACT:
                # "her town in Albay": a province the locator table lacks, matched only by a near spelling
                # elsewhere; the name itself, matched exactly, is the better reading
                own = self.gazetteer.resolve(a.text, context=ctx, feature=a.feature)
                res = own if own.place is not None and own.candidates[0].match is MatchKind.EXACT else res
        if res is None or res.place is None:
            res = self.gazetteer.resolve(a.text if a else "", context=ctx, feature=a.feature if a else None)
        if res.place is None and a is not None and a.settlement and a.locator:  # "Palla Megha village in Ferozepur"
            res = replace(res, reason=f"{res.reason}; the text places it in {a.locator}, whose point is no stand-in "
                                      f"for a place in it")
        elif res.place is None and a is not None and loc is not None and loc.admin1:
            # "Lenin Square in Kharkiv": no such town, and the region's name is a town's too.
            res = self.gazetteer.resolve(a.locator, context=ctx, feature=a.feature)
        if a is not None and (plant := _or_plant(self.special, res, a.text, ctx)) is not res:
            return plant  # "the Kashiwazaki-Kariwa facility"
        settled = self._settle(claim, res, target, context)
        if settled.place is None and res.place is not None and res.candidates[0].match is MatchKind.TRANSLITERATION:
            # "Taramiyah": its folded spelling meets only a town 900 km off; the near spellings
            # (Tarmiyah, 50 km from the claim's other end) compete with it on the same footing
            wider = self.gazetteer.resolve(res.query, context=ctx, feature=a.feature if a else None, near=True)
            again = self._settle(claim, wider, target, context)
            settled = again if again.place is not None else settled
        settled = _declined_or_plant(self.special, settled, a.text, ctx) if res.place and a else settled
        return self.special.missing(a, self._online(settled, deadline))

    def _settle(self, claim: Claim, res: Resolution, target: TargetResolution, context: ArticleContext
                ) -> Resolution:
        """``res`` rescored by the claim's geometry (plausibility), then declined if it names a region
        or lies absurdly far from the claim's other end."""
        a = claim.anchor
        dist = self._target_distances(res, target, context)
        adjust = plausibility(claim, res.candidates[0].place.key, dist, _target_words(target), self.settings) \
            if dist else {}
        res = self.gazetteer.rescore(res, adjust, feature=a.feature if a else None)
        res = decline_region_name(res, res.query, self.gazetteer, self.settings)
        return decline_implausible(claim, _state_named(claim, res, dist, self.gazetteer, self.settings), dist,
                                   self.settings)

    def _target_distances(self, res: Resolution, target: TargetResolution, context: ArticleContext
                          ) -> dict[str, tuple[float | None, str]]:
        """{place key: (km to the place, border or region the claim names, what it is)} of the
        contenders: only the candidates the alternatives measure anyway, so it costs no extra work."""
        st = self.settings
        if res.place is None or target.kind not in (TargetKind.BORDER, TargetKind.REGION, TargetKind.PLACE,
                                                    TargetKind.COAST, TargetKind.LINE):
            return {}
        if target.kind in (TargetKind.PLACE, TargetKind.LINE) and target.place is None:
            return {}
        contenders = [c for c in res.candidates[:1 + st.max_alternatives] if c.score >= st.accept_score]
        return {c.place.key: self._distance_to_target(c.place, target, context) for c in contenders}

    def _distance_to_target(self, place: Place, target: TargetResolution, context: ArticleContext
                            ) -> tuple[float | None, str]:
        """(km from ``place`` to the place, border or region the claim names, what it is), or (None, '')."""
        if target.kind is TargetKind.PLACE:
            other = target.place
            return distance_km(place.lat, place.lon, other.lat, other.lon), other.label
        if target.kind is TargetKind.REGION:
            region = target.place
            if region is None or region.region_id is None:
                return None, ""
            return self.boundaries.to_region(place.lat, place.lon, region.region_id).distance_km, region.name
        if target.kind is TargetKind.LINE:  # "Balakot … 80km from the Line of Control": not Bagalkot, India
            hit = self.coasts.to_line(place.lat, place.lon, target.place)
            return hit.distance_km, target.place.name
        if target.kind is TargetKind.COAST:  # "Matsu … 10 miles off the coast of China": not Matsue, Japan
            hit = self.coasts.to_coast(place.lat, place.lon, target.named[0]) if len(target.named) == 1 else None
            return (hit.distance_km, f"{target.named[0]}'s coast") if hit is not None else (None, "")
        hits = [(h.distance_km, f"the {a}–{b} border") for a, b in self.pairs_for(target, place, context)
                for h in (self.boundaries.to_border(place.lat, place.lon, a, b),) if h is not None]
        if not hits and len(target.named) == 1 and target.named[0] != place.country:
            # no shared border: the measurement is to the named country's outline, so is its plausibility
            return self.boundaries.near_country_km(place.lat, place.lon, target.named[0])[0], \
                f"{target.named[0]}'s outline"
        return min(hits) if hits else (None, "")

    def _online(self, res: Resolution, deadline: OnlineBudget | None) -> Resolution:
        """When the user opted in, look an unresolved name up online and say so."""
        if res.place is not None or self.online is None or not res.query:
            return res
        try:
            place = self.online.lookup(res.query, deadline=deadline.end() if deadline else None)
        except OnlineLookupError as exc:
            return replace(res, reason=f"{res.reason}; online lookup failed ({exc})", online_error=str(exc))
        if place is None:
            return replace(res, reason=f"{res.reason}; the online lookup found no match either")
        return Resolution(res.query, place, res.candidates, f"{place.label}: found online ({place.dataset}); "
                          f"offline: {res.reason}", ChosenBy.ONLINE, source=place.dataset)


def _refit_target(st: Settings, claim: Claim, target: TargetResolution, anchor: Resolution) -> TargetResolution:
    """The target, or, when its best place lies absurdly far from the anchor the claim fixed (a landmark, a point)
    and a town whose own name is the one written lies within reach, that town ("Kilimanjaro International Airport,
    located 170 kilometres from Namanga": Namanga, Tanzania, not Namangan, Uzbekistan, which has it as another
    name); the reason says so, the other candidates stay."""
    res, a = target.resolution, anchor.place
    fits = plausible_km(claim, st)
    if distance_km(a.lat, a.lon, res.place.lat, res.place.lon) <= fits:
        return target
    for cand in res.candidates[1:1 + st.max_alternatives]:
        if cand.match is MatchKind.EXACT and exact_key(cand.place.name) == exact_key(res.query) \
                and distance_km(a.lat, a.lon, cand.place.lat, cand.place.lon) <= fits:
            why = (f"{cand.place.label}: a town of the very name written; {res.place.label} is beyond what the claim "
                   f"allows from {a.label} ({fits:.0f} km), this one is within it")
            return replace(target, resolution=replace(res, place=cand.place, reason=why, chosen_by=ChosenBy.CONTEXT))
    return target


def _decline_loose_target(st: Settings, claim: Claim, target: TargetResolution, anchor: Resolution
                          ) -> TargetResolution:
    """The target, or unresolved when it was met only by a loose spelling and lies beyond
    settings.fuzzy_target_factor times the claim from the anchor the text fixes ("the Gyushevo checkpoint" is no
    Giurgiu, Romania): a wrong place would give a confident verdict."""
    res, a = target.resolution, anchor.place
    best = next((c for c in res.candidates if c.place.key == res.place.key), None)
    km = to_km(claim.value_high if claim.value_high is not None else claim.value, claim.unit)
    fits = max(km * st.fuzzy_target_factor, km + st.plausibility_slack_km)
    d = distance_km(a.lat, a.lon, res.place.lat, res.place.lon)
    if best is not None and best.match is MatchKind.FUZZY and d > fits:
        why = (f"no candidate fits the claim: the best, {res.place.label} ({best.match_text} match), is {d:.0f} km "
               f"from {a.label}, beyond what a loose spelling is trusted for ({fits:.0f} km); the place is likely "
               f"missing from the embedded gazetteer")
        return replace(target, resolution=replace(res, place=None, reason=why, chosen_by=ChosenBy.NOBODY),
                       why_not=f"target {res.query!r}: {why}", unresolved=True)
    return target


def _facility_of_anchor(resolver: "Resolver", claim: Claim, anchor: Resolution) -> TargetResolution | None:
    """'Kampala is situated approximately 35 km from the airport': a facility the target names by its kind only is
    the anchor town's own (``own_facility``); None when the town has none or several of that kind."""
    t = claim.target
    found = kind_in_text(t.text) if t is not None and not t.name else None
    own = own_facility(resolver.special, claim, found[0], t.text, claim.anchor.text if claim.anchor else "",
                       anchor.place) if found else None
    if own is None:
        return None
    return TargetResolution(own, TargetKind.PLACE, t.text, why_not=None if own.place else own.reason)


def resolve_pair(resolver: "Resolver", claim: Claim, context: ArticleContext, *,
                 deadline: OnlineBudget | None = None) -> tuple[TargetResolution, Resolution]:
    """(target, anchor) of a claim. When no reading of the anchor fits the claim with the target's
    best place, another place of the target's very name may ("Lewiston, about 35 miles north of
    Portland": Portland, Maine, not Portland, Oregon); the first that gives the anchor a place wins,
    and the target's reason says so."""
    target = resolver.target(claim, context, deadline=deadline)
    anchor = resolver.anchor(claim, context, target, deadline=deadline)
    if anchor.place is not None and claim.target is not None and target.place is None:
        city = resolver.special.city_of(anchor.place, claim.target) or _facility_of_anchor(resolver, claim, anchor)
        return (city, anchor) if city is not None else (target, anchor)
    res = target.resolution
    if anchor.place is not None and target.kind is TargetKind.PLACE and res is not None and res.place is not None:
        target = _refit_target(resolver.settings, claim, target, anchor)
        return _decline_loose_target(resolver.settings, claim, target, anchor) if target.resolution.place else \
            target, anchor
    if anchor.place is not None or anchor.understood or not anchor.candidates or target.kind is not TargetKind.PLACE \
            or res is None or res.place is None:
        return target, anchor
    first, st = res.place, resolver.settings
    fits = plausible_km(claim, st)
    for cand in res.candidates[1:1 + st.max_alternatives]:
        if cand.match is not MatchKind.EXACT or exact_key(cand.place.name) != exact_key(first.name):
            continue  # a town of the very same name only (not one that has it as another name)
        why = (f"{cand.place.label}: another town named {first.name!r}; no reading of {claim.anchor_text!r} "
               f"fits the claim with {first.label}, one does with this one (within {fits:.0f} km)")
        other = replace(target, resolution=replace(res, place=cand.place, reason=why, chosen_by=ChosenBy.CONTEXT))
        again = resolver.anchor(claim, context, other, deadline=deadline)
        p = again.place
        # only a town of the anchor's very name may move the target abroad: "Boulia" met Beulah, North Dakota, by
        # sound alone, which had moved "Brisbane" to California
        exact = any(c.place == p and c.match is MatchKind.EXACT for c in again.candidates)
        if p is not None and exact and distance_km(p.lat, p.lon, cand.place.lat, cand.place.lon) <= fits:
            return other, again
    return target, anchor


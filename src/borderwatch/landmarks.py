"""Landmarks as places: nuclear power plants, airports and national capitals, from the embedded data.

The data build (scripts/geodata_landmarks.py) puts them in the ``landmarks`` table:

- nuclear power plants from GeoNuclearData 0.17.17 (ODbL), reactor units grouped into one
  plant at their mean point, with the spellings news uses and the town each stands by
  (``geodata/inputs/landmark_aliases.toml``, each entry with its source) and the GeoNames
  town of the same name it is named after;
- airports from airportsdata (MIT): name, IATA and ICAO codes, city;
- each country's capital (GeoNames countries.json) as its GeoNames place.

A claim's anchor or target that names a plant or an airport ("the Zaporizhzhia nuclear
power plant", "Boryspil airport", "KBP") resolves to that point and says which dataset has
it; one that names a kind of landmark no dataset here has, or a name none of them has, says
so, and the town stands in with its extent as the uncertainty.
"""

from __future__ import annotations

import functools
import json
import re
import zlib
from dataclasses import replace
from enum import StrEnum

import shapely

from .context import countries_named
from .gazetteer import Context
from .geodesy import distance_km
from .units import to_km
from .geodata import GeoData, line_key
from .lexicon import LEXICON
from .model import (AnchorRef, ArticleContext, Candidate, ChosenBy, Claim, MatchKind, Place, PlaceKind, Resolution,
                    TargetKind, TargetRef, TargetResolution)
from .names import exact_key, phonetic_key, strip_generic
from .settings import DEFAULTS, Settings

__all__ = ["LandmarkKind", "Landmarks", "NamedLines", "SpecialPlaces", "landmark_kind", "kind_in_text", "moving_target", "names_capital",
           "coast_qualifier"]


class LandmarkKind(StrEnum):
    """The kinds of landmark the embedded data has (the ``kind`` column of ``landmarks``)."""

    NUCLEAR_PLANT = "nuclear_plant"
    AIRPORT = "airport"
    CAPITAL = "capital"


# A claim's feature word (the lexicon's ``features``) -> the landmark kind it names.
_FEATURE_KINDS = {"nuclear plant": LandmarkKind.NUCLEAR_PLANT, "power plant": LandmarkKind.NUCLEAR_PLANT,
                  "plant": LandmarkKind.NUCLEAR_PLANT, "nuclear power plant": LandmarkKind.NUCLEAR_PLANT,
                  "nuclear power station": LandmarkKind.NUCLEAR_PLANT, "nuclear complex": LandmarkKind.NUCLEAR_PLANT,
                  "atomic power plant": LandmarkKind.NUCLEAR_PLANT, "atomic plant": LandmarkKind.NUCLEAR_PLANT,
                  "npp": LandmarkKind.NUCLEAR_PLANT,
                  "airport": LandmarkKind.AIRPORT, "international airport": LandmarkKind.AIRPORT,
                  "airfield": LandmarkKind.AIRPORT}
# GeoNuclearData unit statuses of a plant that never ran.
_NEVER_BUILT = frozenset({"Cancelled Construction", "Never Built", "Planned", "Under Construction",
                          "Suspended Construction"})
# An anchor's feature words that may name an air base, and the airport names that say they are one.
_BASE_FEATURES = frozenset({"base", "air base", "airbase"})
_AIR_BASE = re.compile(r"\b(?:air\s*base|air\s+force\s+base|air\s+station|airfield|air\s+field)\b", re.IGNORECASE)
_KIND_WORDS = {LandmarkKind.NUCLEAR_PLANT: "nuclear power plant", LandmarkKind.AIRPORT: "airport",
               LandmarkKind.CAPITAL: "capital"}
_DATASETS = {LandmarkKind.NUCLEAR_PLANT: "GeoNuclearData 0.17.17", LandmarkKind.AIRPORT: "airportsdata 20260905"}


def _without_kind_words(name: str, kind: LandmarkKind) -> str:
    """``name`` without the words of its kind at its end ("Sochi International Airport" -> "Sochi")."""
    found = kind_in_text(name)
    return name[:len(name) - len(found[1])].strip() if found and found[0] is kind else name


def landmark_kind(feature: str | None) -> LandmarkKind | None:
    """Return the landmark kind a feature word names ("nuclear plant" → NUCLEAR_PLANT), or None.

    >>> landmark_kind("airport"), landmark_kind("station")
    (<LandmarkKind.AIRPORT: 'airport'>, None)
    """
    return _FEATURE_KINDS.get((feature or "").strip().lower())


def kind_in_text(text: str) -> tuple[LandmarkKind, str] | None:
    """Return (kind, the feature words) when ``text`` ends with a landmark word ("the X nuclear power plant")."""
    low = " ".join(text.lower().split())
    for words in sorted((*_FEATURE_KINDS, "nuclear power plant", "nuclear power station"), key=len, reverse=True):
        if low.endswith(" " + words):
            kind = _FEATURE_KINDS.get(words, LandmarkKind.NUCLEAR_PLANT)
            return kind, words
    return None


class Landmarks:
    """Landmark lookups over the embedded ``landmarks`` table."""

    def __init__(self, geodata: GeoData, *, settings: Settings = DEFAULTS) -> None:
        self.geodata = geodata
        self.settings = settings
        self._refs: dict[str, int] = {}  # place key -> landmark id, for the places this object made

    @functools.lru_cache(maxsize=2048)
    def _info(self, ref: int) -> dict:
        return json.loads(self.geodata.query("SELECT detail FROM landmarks WHERE id=?", (ref,))[0][0])

    @functools.lru_cache(maxsize=2048)
    def _place(self, ref: int) -> Place:
        kind, name, lat, lon, cc, dataset = self.geodata.query(
            "SELECT kind, name, lat, lon, country, dataset FROM landmarks WHERE id=?", (ref,))[0]
        kind, info = LandmarkKind(kind), self._info(ref)
        radius = (self.settings.plant_radius_km if kind is LandmarkKind.NUCLEAR_PLANT
                  else self.settings.airport_radius_km)
        self._refs[f"landmark:{ref}"] = ref
        return Place(kind=PlaceKind.LANDMARK, name=_label(kind, name, info), countries=(cc,), lat=lat, lon=lon,
                     dataset=dataset, key=f"landmark:{ref}", radius_km=radius, note=_note(kind, info, radius))

    def city(self, place: Place) -> str | None:
        """The city a landmark's record names ("Tashkent" for TAS), or None."""
        ref = self._refs.get(place.key)
        return self._info(ref).get("city") if ref is not None else None

    def _matches(self, name: str, kind: LandmarkKind) -> list[tuple[int, str, MatchKind]]:
        """The landmarks of ``kind`` a name meets: as written, else without its kind's words at the end
        ("Sochi Airport": the airport the table files under its city, Sochi), else after its city's name."""
        return self._as_written(name, kind) or self._after_city(_without_kind_words(strip_generic(name).strip(), kind),
                                                                kind)

    def _as_written(self, name: str, kind: LandmarkKind) -> list[tuple[int, str, MatchKind]]:
        clean = strip_generic(name).strip()
        short = _without_kind_words(clean, kind)
        for column, key, match in (("exact", exact_key(clean), MatchKind.EXACT),
                                   ("exact", exact_key(short), MatchKind.EXACT),
                                   ("phonetic", phonetic_key(clean), MatchKind.TRANSLITERATION)):
            if not key:
                return []
            rows = self.geodata.query(
                f"SELECT n.ref, n.name FROM names n JOIN landmarks l ON l.id = n.ref "
                f"WHERE n.kind='landmark' AND n.{column}=? AND l.kind=?", (key, kind.value))
            if rows:
                return [(ref, matched, match) for ref, matched in rows]
        return []

    def _after_city(self, name: str, kind: LandmarkKind) -> list[tuple[int, str, MatchKind]]:
        """'Windhoek Hosea Kutako': the airport named by the words after its city's name ("Hosea Kutako
        International Airport", city Windhoek), the city as its record names it."""
        words = name.split()
        for k in (1, 2):
            city, rest = " ".join(words[:k]), " ".join(words[k:])
            if not rest:
                break
            found = [(ref, matched, match) for ref, matched, match in self._as_written(rest, kind)
                     if match is MatchKind.EXACT and exact_key(self._info(ref).get("city") or "") == exact_key(city)]
            if found:
                return found
        return []

    def resolve(self, name: str, kind: LandmarkKind, *, countries: frozenset[str] = frozenset()
                ) -> Resolution | None:
        """Return the Resolution of a landmark's name ("Zaporizhzhia", kind NUCLEAR_PLANT), or None."""
        st, cands = self.settings, {}
        for ref, matched, match in self._matches(name, kind):
            place = self._place(ref)
            score = 1.0 if match is MatchKind.EXACT else st.transliteration_score
            reasons = [f"{match.value} match on {matched!r} ({place.dataset})"]
            if place.country in countries:
                score += st.country_bonus
                reasons.append(f"in {place.country}, a country the article mentions")
            if self._info(ref).get("iata"):
                score += st.landmark_iata_bonus
                reasons.append("an airport with an IATA code (scheduled flights)")
            cand = Candidate(place, round(score, 4), match, matched, tuple(reasons))
            if ref not in cands or cands[ref].score < cand.score:
                cands[ref] = cand
        if not cands:
            return None
        ranked = tuple(sorted(cands.values(), key=lambda c: -c.score))[:st.max_candidates]
        top = ranked[0]
        lead = f"{top.place.name}: {'; '.join(top.reasons)}"
        if len(ranked) > 1:
            lead += f" — ahead of {ranked[1].place.name} (score {top.score:.2f} vs {ranked[1].score:.2f})"
        return Resolution(name, top.place, ranked, lead, ChosenBy.GAZETTEER, source=top.place.dataset)

    def only_in(self, kind: LandmarkKind, iso2: str, country: str) -> Resolution:
        """'Bulgaria's sole nuclear power plant': the one landmark of ``kind`` the data holds in the country, or,
        when it holds several or none, no place (the several as candidates, each measured on its own)."""
        rows = self.geodata.query("SELECT id FROM landmarks WHERE kind=? AND country=? ORDER BY name",
                                  (kind.value, iso2))
        refs = [ref for (ref,) in rows]
        # a plant whose units were all cancelled never ran; of the rest, the ones running now come first
        built = [r for r in refs if set(self._info(r).get("status", {})) - _NEVER_BUILT] or refs
        running = [r for r in built if "Operational" in self._info(r).get("status", {})]
        refs = running if len(running) == 1 else built
        places = [self._place(ref) for ref in refs[:self.settings.max_candidates]]
        words = _KIND_WORDS[kind]
        cands = tuple(Candidate(p, 1.0, MatchKind.DERIVED, country, (f"a {words} in {country}",)) for p in places)
        text = f"{country}'s {words}"
        if len(refs) == 1:
            how = " with a unit in operation" if running == refs else ""
            why = f"{places[0].name}: the only {words}{how} in {country} in {_DATASETS[kind]}"
            return Resolution(text, places[0], cands, why, ChosenBy.DERIVED, source=places[0].dataset)
        why = (f"the text names no {words}, and {country} has {len(refs)} in {_DATASETS[kind]}: "
               f"{', '.join(p.name for p in places[:4])}" if rows else f"no {words} in {country} in {_DATASETS[kind]}")
        return Resolution(text, None, cands, why, ChosenBy.NOBODY)

    def of_town(self, kind: LandmarkKind, names: tuple[str, ...], town: Place) -> list[Place]:
        """The landmarks of ``kind`` in ``town``'s country named after it or filed under it as their city
        (``names``: the town as written and as the gazetteer spells it)."""
        refs = {ref for n in names if n for ref, _, match in self._as_written(n, kind) if match is MatchKind.EXACT}
        return [p for p in (self._place(r) for r in sorted(refs)) if p.country == town.country]

    def missing_reason(self, name: str, feature: str) -> str:
        """Why a landmark has no point here: which datasets were searched."""
        kind = landmark_kind(feature)
        if kind is None:
            return (f"no dataset here has points for a {feature} (landmarks: nuclear power plants, airports, "
                    f"capitals)")
        return f"no {_KIND_WORDS[kind]} named {name!r} in {_DATASETS[kind]}"

    def capital(self, iso2: str) -> tuple[int, str] | None:
        """Return (GeoNames id, dataset) of country ``iso2``'s capital, or None."""
        rows = self.geodata.query("SELECT geonameid, dataset FROM landmarks WHERE kind=? AND country=?",
                                  (LandmarkKind.CAPITAL.value, iso2))
        return (rows[0][0], rows[0][1]) if rows else None


def _label(kind: LandmarkKind, name: str, info: dict) -> str:
    if kind is LandmarkKind.AIRPORT:
        codes = "/".join(c for c in (info.get("iata") and f"IATA {info['iata']}",
                                     info.get("icao") and f"ICAO {info['icao']}") if c)
        return f"{name} ({codes}; {info.get('city') or '?'})" if codes else name
    return f"{name} nuclear power plant"


def _note(kind: LandmarkKind, info: dict, radius: float) -> str:
    if kind is LandmarkKind.AIRPORT:
        return f"the airport's reference point; uncertainty radius {radius:.1f} km (its runways)"
    named = info.get("named_after")
    town = f"; named after {named['name']} ({named['km']:.0f} km away)" if named else ""
    stands = f"; stands by {info['towns'][0]}" if info.get("towns") else ""
    return (f"{len(info['units'])} reactor unit(s) at their mean point{stands}{town}; uncertainty radius "
            f"{radius:.1f} km (the site)")


# Targets that move or have no agreed line: never measured, the reason said instead.
_MOVING = ("front line", "frontline", "front lines", "frontlines", "the front", "contact line", "line of contact",
           "occupied territory", "occupied territories", "occupied areas", "occupied area", "war zone",
           "combat zone", "grey zone", "gray zone", "zone of hostilities")
_CAPITAL = ("capital",)
_COAST_WORDS = frozenset({"the", "coast", "coastline", "coasts", "shore", "shores", "of", "off", "sea", "seaside",
                          "its", "country's", "s"})


def moving_target(text: str) -> str | None:
    """The reason a target that moves or has no agreed line is not checkable ("the front line"), or None."""
    low = " ".join(text.lower().replace("-", " ").split())
    for words in _MOVING:
        if f" {words} " in f" {low} ":
            return (f"{text!r} is a front line or occupied area: it moves with the fighting and no dataset here "
                    f"draws it, so the distance cannot be checked")
    return None


def part_target(text: str) -> str | None:
    """Why a target that names a part of a country or region ("north Dien Bien", "southern Lebanon") is not
    checkable, or None: a compass word in lower case before a capitalised name, with no town named after it
    ("the northern Gaza Strip town of Beit Hanoun") and no possessive ("western Ukraine's Lviv region")."""
    words = text.split()
    lead = 1 if words and words[0].lower() == "the" else 0
    if len(words) < lead + 2 or words[lead] not in LEXICON.classes["area_parts"] or not words[lead + 1][:1].isupper():
        return None
    rest = [w.lower().strip(",") for w in words[lead + 1:]]
    if any(w in LEXICON.targets["town_words"] or w.endswith(("’s", "'s")) for w in rest):
        return None
    return (f"{text!r} names a part of a place, not the place: no dataset here draws that part's outline or "
            f"gives it a point, so the distance cannot be checked")


def named_point(text: str) -> Resolution | None:
    """A point named by definition ("the North Pole": lexicon ``points``), or None."""
    words = text.split()
    key = " ".join(words[1:] if words and words[0].lower() == "the" else words).lower()
    if key not in LEXICON.named_points:
        return None
    lat, lon = LEXICON.named_points[key]
    place = Place(kind=PlaceKind.POINT, name=" ".join(w.capitalize() for w in key.split()), countries=(), lat=lat,
                  lon=lon, dataset="a point by definition (the Earth's rotation axis, WGS84)", key=f"point:{key}")
    return Resolution(text, place, (Candidate(place, 1.0, MatchKind.DERIVED, text),),
                      f"{place.name}: a point by definition, at latitude {lat:+.0f}°", ChosenBy.DERIVED,
                      source=place.dataset)


def unfixed_target(text: str) -> str | None:
    """Why a target that is an epicentre or a blast ("the earthquake epicentre in Gaziantep") is not
    checkable, or None: the town after it only locates it."""
    low = f" {' '.join(text.lower().split())} "
    if any(f" {words} " in low for words in LEXICON.classes["unfixed_subjects"]):
        return f"{text!r} is an epicentre, a blast or a crash site: a point no gazetteer holds"
    return None


def names_capital(text: str) -> bool:
    """True when the target's words say "capital" ("the capital", "Ukraine's capital")."""
    return any(w in _CAPITAL for w in text.lower().replace("’", " ").replace("'", " ").split())


def coast_qualifier(text: str, country_words: tuple[str, ...]) -> str:
    """The words of a coast target that are neither coast words nor the country names ('Black Sea', 'Crimea')."""
    skip = {w.lower() for c in country_words for w in c.split()}
    words = [w for w in text.replace("’", "'").replace("'s", "").split()
             if w.lower() not in _COAST_WORDS and w.lower() not in skip]
    return " ".join(w for w in words if w[:1].isupper())


class NamedLines:
    """Lines that are parts of borders in the embedded data (a line of control, the Korean DMZ)."""

    def __init__(self, geodata: GeoData) -> None:
        self.geodata = geodata

    @functools.lru_cache(maxsize=64)
    def find(self, text: str) -> Place | None:
        """Return the named line ``text`` means ("the Line of Control", "the DMZ"), or None."""
        key = exact_key(text)
        rows = self.geodata.query("SELECT ref FROM names WHERE kind='line' AND exact IN (?, ?)",
                                  (key, key.removeprefix("the ")))
        if not rows:
            return None
        lid, name, a, b, dataset, lat, lon = self._row(rows[0][0])
        return Place(kind=PlaceKind.LINE, name=name, countries=(a, b), lat=lat, lon=lon, dataset=dataset,
                     key=f"line:{lid}", geometry=(line_key(lid),))

    def _row(self, lid: int) -> tuple:
        lid, name, a, b, dataset, geom = self.geodata.query(
            "SELECT id, name, a, b, dataset, display FROM lines WHERE id=?", (lid,))[0]
        mid = shapely.line_interpolate_point(shapely.from_wkb(zlib.decompress(geom)), 0.5, normalized=True)
        return lid, name, a, b, dataset, mid.y, mid.x

    def names(self) -> list[str]:
        """The lines' names, for a reason that says what the data has."""
        return [r[0] for r in self.geodata.query("SELECT name FROM lines ORDER BY id")]


def _codes(gazetteer, names) -> tuple[str, ...]:
    codes = (gazetteer.country_code(n) for n in names if n)
    return tuple(dict.fromkeys(c for c in codes if c))


def _line_target(t: TargetRef, line: Place) -> TargetResolution:
    """A target measured to a named line of the data."""
    res = Resolution(t.text, line, (Candidate(line, 1.0, MatchKind.EXACT, line.name),),
                     f"{line.name} ({line.dataset})", source=line.dataset)
    return TargetResolution(res, TargetKind.LINE, t.text)


class SpecialPlaces:
    """What a claim names that is not a town, region or border: a landmark, a country's capital, a
    coast, a named line, or a front line (not checkable). Called by resolve.Resolver."""

    def __init__(self, gazetteer, *, settings: Settings = DEFAULTS) -> None:
        self.gazetteer = gazetteer
        self.settings = settings
        self.landmarks = Landmarks(gazetteer.geodata, settings=settings)
        self.lines = NamedLines(gazetteer.geodata)

    def target(self, t: TargetRef, context: ArticleContext) -> TargetResolution | None:
        """A target that is a front line, a named line, a coast, a capital or a landmark; None for the rest."""
        why = moving_target(t.text) if t.kind is not TargetKind.PLACE or not t.name else unfixed_target(t.text)
        why = why or (part_target(t.text) if t.kind in (TargetKind.PLACE, TargetKind.REGION) else None)
        if why:
            return TargetResolution(None, t.kind, t.text, why_not=why)
        if t.kind in (TargetKind.LINE, TargetKind.BORDER):
            line = self.lines.find(t.name or t.text) or self.lines.find(t.text)
            if line is None:
                return None
            return _line_target(t, line)
        if t.kind is TargetKind.COAST:
            codes = _codes(self.gazetteer, t.countries) or tuple(sorted(countries_named(t.text, self.gazetteer)))
            said = tuple(n for n in t.countries if n and self.gazetteer.country_code(n))  # "the Chinese coast"
            other = coast_qualifier(t.text, tuple(self.gazetteer.country(c).name for c in codes) + said)
            why = (f"{t.text!r} names {other!r}, not a country: the embedded data has coasts of countries only"
                   if other else f"{t.text!r} names several countries' coasts" if len(codes) > 1 else None)
            return TargetResolution(None, t.kind, t.text, named=codes, why_not=why)
        if t.kind is TargetKind.PLACE and (point := named_point(t.text)) is not None:
            return TargetResolution(point, t.kind, t.text)
        if t.kind is TargetKind.PLACE and names_capital(t.text):
            return self._capital(t, context)
        line = self.lines.find(t.name) if t.kind is TargetKind.PLACE and t.name else None
        if line is not None:  # "70 km north of the Gaza Strip": the territory's line, not all of PS's border
            return _line_target(t, line)
        found = kind_in_text(t.text) if t.kind is TargetKind.PLACE and t.name else None
        res = self.landmarks.resolve(re.sub(r"^.*[’']s\s+", "", t.name), found[0],
                                     countries=context.countries) if found else None
        return TargetResolution(res, t.kind, t.text) if res else None

    def _capital(self, t: TargetRef, context: ArticleContext) -> TargetResolution:
        """ "the capital", "Ukraine's capital": the capital of the country the text names, else of the
        article's one country (its dateline's, or the only one it names)."""
        named = _codes(self.gazetteer, (t.name,)) if t.name else ()
        named = named or tuple(sorted(countries_named(t.text, self.gazetteer)))
        dl = context.dateline.country if context.dateline else None
        iso = named[0] if named else dl or (next(iter(context.countries)) if len(context.countries) == 1 else None)
        found = self.landmarks.capital(iso) if iso else None
        if found is None:
            why = (f"{t.text!r}: the text does not say which country's capital" if not iso
                   else f"{t.text!r}: no capital of {iso} in the embedded data")
            return TargetResolution(None, t.kind, t.text, why_not=why)
        gid, dataset = found
        place = replace(self.gazetteer._place(gid), note=f"the capital of {self.gazetteer.country(iso).name} ({dataset})")
        how = "the country the text names" if named else "the article's country"
        res = Resolution(t.text, place, (Candidate(place, 1.0, MatchKind.EXACT, place.name),),
                         f"{place.label}: the capital of {self.gazetteer.country(iso).name}, {how} ({dataset})",
                         source=dataset)
        return TargetResolution(res, t.kind, t.text)

    def city_of(self, landmark: Place, t: TargetRef) -> TargetResolution | None:
        """ "Tashkent International Airport is … 12 km from the city center": the town the airport's
        record names as its city, for a target that is a town's centre with no name; None otherwise."""
        words = " ".join(t.text.lower().replace("’", "'").split())
        if landmark.kind is not PlaceKind.LANDMARK or t.name or words not in LEXICON.classes["city_centre"]:
            return None
        city = self.landmarks.city(landmark)
        res = self.gazetteer.resolve(city, context=Context(countries=frozenset(landmark.countries))) if city else None
        if res is None or res.place is None or res.place.country not in landmark.countries:
            return None
        why = f"{res.place.label}: the city {landmark.dataset} names for {landmark.name}; {res.reason}"
        return TargetResolution(replace(res, reason=why, chosen_by=ChosenBy.CONTEXT), TargetKind.PLACE, t.text)

    def missing(self, a: AnchorRef | None, res: Resolution) -> Resolution:
        """A feature the town stands in for says which landmark datasets lack it ("no nuclear power plant …")."""
        if a is None or not a.feature or res.place is None or res.place.note is None:
            return res
        why = self.landmarks.missing_reason(a.text, a.feature)
        return replace(res, place=replace(res.place, note=f"{why}; {res.place.note}"))

    def of_other_end(self, claim: Claim, town: Place | None) -> Resolution | None:
        """'The airport is … 7km from the town of Siem Reap', 'The nuclear power plant is … 18 km away from the
        town of Astravets': a facility named by its kind only is the other end's own (see ``own_facility``)."""
        a = claim.anchor
        kind = landmark_kind(a.feature) if a is not None else None
        return own_facility(self, claim, kind, a.text if a else "", claim.target.name or "", town)

    def by_name(self, name: str, ctx: Context, *, why: str = "no town has the name, a power plant has it"
                ) -> Resolution | None:
        """A power plant met by its own name alone, when no town has it ("140 miles southeast of
        Kashiwazaki-Kariwa") or none that fits the claim (``why`` says which): an exact match only; None
        otherwise."""
        res = self.landmarks.resolve(name, LandmarkKind.NUCLEAR_PLANT, countries=ctx.countries | ctx.located)
        if res is None or res.candidates[0].match is not MatchKind.EXACT:
            return None
        return replace(res, reason=f"{res.reason}; {why}")

    def anchor(self, a: AnchorRef | None, ctx: Context) -> Resolution | None:
        """The landmark an anchor with a landmark word names ("the Zaporizhzhia nuclear plant"), or None."""
        kind = landmark_kind(a.feature) if a else None
        if kind is None:
            return self._air_base(a, ctx) if a is not None and a.feature in _BASE_FEATURES else None
        found = self.landmarks.resolve(a.text, kind, countries=ctx.countries | ctx.located)
        iso = self.gazetteer.country_code(a.locator) if found is None and a.locator else None
        # "Bulgaria's sole nuclear power plant": the country's one plant
        return self.landmarks.only_in(kind, iso, self.gazetteer.country(iso).name) if iso else found

    def _air_base(self, a: AnchorRef, ctx: Context) -> Resolution | None:
        """'the Engels base', 'Balad air base': an airfield of that name in the airports table whose own
        name says it is a military base ("Engels Airbase"); None when there is none."""
        name = a.text[:len(a.text) - len(a.feature)].strip() if a.text.lower().endswith(a.feature) else a.text
        res = self.landmarks.resolve(name, LandmarkKind.AIRPORT, countries=ctx.countries | ctx.located) \
            if name else None
        bases = tuple(c for c in res.candidates if _AIR_BASE.search(c.place.name)) if res else ()
        if not bases:
            return None
        return replace(res, place=bases[0].place, candidates=bases, source=bases[0].place.dataset,
                       reason=f"{bases[0].place.name}: {'; '.join(bases[0].reasons)}; an air base in the airports "
                              f"table, named as the text names the base")

    def unknown_line(self, t: TargetRef) -> TargetResolution:
        """A line the data does not have: a road (no roads here), else say which lines it has."""
        if set(re.findall(r"[a-z]+", t.text.lower())) & set(LEXICON.classes["road_names"]):
            return TargetResolution(None, t.kind, t.text, why_not=(
                f"{t.text!r} is a road: the embedded data has no roads, so the distance to its nearest point "
                f"cannot be measured (a town on it would be no stand-in)"))
        return TargetResolution(None, t.kind, t.text, why_not=(
            f"{t.text!r} is a line the embedded data does not have (it has: {'; '.join(self.lines.names())})"))


def own_facility(special: SpecialPlaces, claim: Claim, kind: LandmarkKind | None, text: str, written: str,
                 town: Place | None) -> Resolution | None:
    """The facility of ``kind`` that the text names by its kind only (``text``: "the airport") at the claim's other
    end, the town ``town`` (``written``: its name as the text gives it): the town's own, if it has exactly one of that
    kind in the data, within ``facility_of_town_factor`` × the claim of it; None when it has none or several."""
    if kind is None or kind is LandmarkKind.CAPITAL or town is None or town.kind is not PlaceKind.CITY:
        return None
    factor = special.settings.facility_of_town_factor
    km = to_km(claim.value_high or claim.value, claim.unit) * factor
    found = special.landmarks.of_town(kind, (written, town.name), town)
    if len(found) != 1:
        return None
    place = found[0]
    off = distance_km(place.lat, place.lon, town.lat, town.lon)
    words = _KIND_WORDS[kind]
    if off > km:
        why = (f"{text!r} is not named: the {words} named after {town.label} in {place.dataset}, {place.name}, lies "
               f"{off:.0f} km from it, beyond {km:.0f} km ({factor:g} × the claim), so the text may mean another")
        cand = Candidate(place, 0.5, MatchKind.DERIVED, town.name, (why,))
        return Resolution(text, None, (cand,), why, ChosenBy.NOBODY, understood=f"an unnamed {words}")
    why = (f"{place.name}: the text names the {words} by its kind only, and the {words} named after {town.label} in "
           f"{place.dataset} is the only one there ({off:.0f} km from it, within {km:.0f} km: {factor:g} × the claim)")
    cand = Candidate(place, 1.0, MatchKind.DERIVED, town.name, (why,))
    return Resolution(text, place, (cand,), why, ChosenBy.CONTEXT, source=place.dataset)

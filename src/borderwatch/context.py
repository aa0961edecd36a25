"""The article's context, computed once per article: what helps resolve its places.

That is the countries the article names (by name, adjective or short form: "Ukraine",
"the Russian border", "the U.S.") and its dateline ("COLUMBUS, N.M. —", "KYIV, Ukraine
—", "TAIPEI (Taiwan News) —"): the city in capitals at the start of the article or of
a paragraph, the state or country after it, an outlet in brackets, a dash. Resolution
reads it; it never re-reads the text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from .gazetteer import Context, Gazetteer
from .lexicon import LEXICON, alternation
from .model import ArticleContext, Dateline, Span
from .names import exact_key, phonetic_key
from .settings import (DEFAULTS, MAX_ARTICLE_PLACES, MAX_DATELINE_TRIES, MAX_INPUT_CHARS, MAX_REGION_MENTIONS,
                       MAX_STATE_NAMES, Settings)

__all__ = ["article_context", "countries_named", "dateline", "places_named", "regions_named"]

# One or two capitalised words: a country's name or adjective is never longer here; or a dotted
# abbreviation ("U.S.", "U.K.", "U.A.E.").
_COUNTRYISH = re.compile(r"\b[A-Z][a-z]{2,20}(?:\s[A-Z][a-z]{2,20})?\b|(?<![A-Za-z.])(?:[A-Z]\.){2,3}")

_MONTHS = alternation(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
                       "Dec", "January", "February", "March", "April", "June", "July", "August", "September",
                       "October", "November", "December"])
_CAPS = r"[A-Z][A-Z.’'\-]{1,30}"
_WORD = r"[A-Z][A-Za-z.’'\-]{0,30}"
# The city in capitals; the state or country after a comma (never a date); the date, the
# outlet in brackets, the dash. Bounded: at most 4 + 3 words, one bracket.
_DATELINE = re.compile(
    rf"^[ \t]{{0,8}}(?P<city>{_CAPS}(?:\s{_CAPS}){{0,3}})"
    rf"(?:,\s(?!{_MONTHS}\b)(?P<region>{_WORD}(?:\s{_WORD}){{0,2}}))?"
    rf"(?:,?\s{_MONTHS}\.?\s\d{{1,2}})?"
    r"(?:\s?\([^()\n]{1,60}\))?"
    r"\s{0,2}(?:—|–|--|-)\s", re.MULTILINE)


def countries_named(text: str, gazetteer: Gazetteer) -> frozenset[str]:
    """Return the ISO2 codes of the countries ``text`` names.

    >>> from borderwatch.geodata import open_geodata
    >>> sorted(countries_named("near the Belarusian border with Ukraine", Gazetteer(open_geodata())))
    ['BY', 'UA']
    """
    found = set()
    for m in _COUNTRYISH.finditer(text[:MAX_INPUT_CHARS]):
        code = gazetteer.country_code(m.group())
        if code:
            found.add(code)
    return frozenset(found)


def dateline(text: str, gazetteer: Gazetteer, *, settings: Settings = DEFAULTS) -> Dateline | None:
    """Return the article's first dateline that names a known place, or None (only the first
    settings.MAX_DATELINE_TRIES lines that look like one are read).

    >>> from borderwatch.geodata import open_geodata
    >>> d = dateline("COLUMBUS, N.M. — Columbus is just three miles north", Gazetteer(open_geodata()))
    >>> (d.city, d.admin1, d.country)
    ('COLUMBUS', 'US.NM', 'US')
    """
    for m in itertools.islice(_DATELINE.finditer(text[:MAX_INPUT_CHARS]), MAX_DATELINE_TRIES):
        found = _read_dateline(m, gazetteer, settings)
        if found is not None:
            return found
    return None


def _read_dateline(m: re.Match, gazetteer: Gazetteer, settings: Settings) -> Dateline | None:
    city, region = m.group("city").strip(), m.group("region")
    text, span = m.group().strip(), Span(m.start("city"), m.end())
    where = gazetteer.locality(region, head=city.title()) if region else None
    if where is not None:
        admin1 = next(iter(where.admin1)) if len(where.admin1) == 1 else None
        country = where.country or (admin1[:2] if admin1 else None)
        return Dateline(text, span, city, region, admin1, where.name if admin1 else None, country)
    # A bare city (or a region nothing here knows): only a major city makes a dateline.
    res = gazetteer.resolve(city.title(), fuzzy=False)
    top = res.candidates[0] if res.place is not None else None
    if top is None or top.place.population < settings.dateline_bare_min_population:
        return None
    alias = phonetic_key(top.place.name) != phonetic_key(city)
    if alias and top.place.population < settings.dateline_alias_min_population:
        return None  # a lesser alternate name ("IRNA" is also a name of Salerno): an outlet, not a dateline
    return Dateline(text, span, city, None, None, None, top.place.country)


def regions_named(text: str, gazetteer: Gazetteer, *, countries: frozenset[str] | None = None) -> frozenset[str]:
    """Return the GeoNames admin-1 codes of the regions ``text`` names ("the Gomel region",
    "Kharkiv Oblast", "Sumy province"); only the first MAX_REGION_MENTIONS mentions are read.

    >>> from borderwatch.geodata import open_geodata
    >>> sorted(regions_named("Rechytsa, in the Gomel region of Belarus", Gazetteer(open_geodata())))
    ['BY.02']
    """
    found: set[str] = set()
    names = dict.fromkeys(m.group("name") for m in _REGION_MENTION.finditer(text[:MAX_INPUT_CHARS]))
    for name in itertools.islice(names, MAX_REGION_MENTIONS):
        if gazetteer.country_code(name):
            continue  # "the Ukraine region" is a country's
        found |= gazetteer.admin1_codes(f"{name} region")
    named = countries_named(text, gazetteer) if countries is None else countries
    return frozenset(found | _states_named(text, gazetteer, named))


def _states_named(text: str, gazetteer: Gazetteer, countries: frozenset[str]) -> set[str]:
    """The admin-1 regions ``text`` names by their full name alone ("the northern Minnesota town", "in Sindh"):
    only a name one region of one country has, and no country has ("Georgia" is the country's; "Victoria",
    a state of Australia and a region of Malta, and "Central" name no one region), nor a city of
    settings.region_name_min_population ("Washington", "Moscow": the capital, more often than the region),
    and only in a country the text names too ("Grad" rockets are no Slovenian region, "North" no Cameroonian
    one: ``countries``); the first MAX_STATE_NAMES distinct capitalised names are read."""
    found: set[str] = set()
    names = dict.fromkeys(m.group() for m in _COUNTRYISH.finditer(text[:MAX_INPUT_CHARS]))
    for name in itertools.islice((n for n in names if not gazetteer.country_code(n)), MAX_STATE_NAMES):
        where = gazetteer.locality(name)
        if where is None or len(where.admin1) != 1 or where.country not in countries \
                or exact_key(where.name) != exact_key(name):
            continue
        town = gazetteer.resolve(name, fuzzy=False)
        if town.place is None or town.place.population < gazetteer.settings.region_name_min_population:
            found |= where.admin1
    return found


_NAME_WORD = r"[A-Z][\w’'\-]{2,30}"
# A capitalised name of one or two words, then a region word: "Gomel region", "Kharkiv Oblast".
_REGION_MENTION = re.compile(rf"\b(?P<name>{_NAME_WORD}(?:\s{_NAME_WORD})?)\s(?i:{alternation(LEXICON.region_words)})\b")


def places_named(names: Iterable[str], gazetteer: Gazetteer, *, countries: frozenset[str] = frozenset(),
                 regions: frozenset[str] = frozenset()) -> tuple[tuple[str, float, float], ...]:
    """Return (name, lat, lon) of the names that resolve clearly on their own (an exact or folded
    match that leads its namesakes by settings.article_place_margin), in the article's countries
    and regions; only the first MAX_ARTICLE_PLACES distinct names are read.

    >>> from borderwatch.geodata import open_geodata
    >>> [n for n, _, _ in places_named(["Kupiansk", "Petropavlivka"], Gazetteer(open_geodata()))]
    ['Kupiansk']
    """
    st, out = gazetteer.settings, []
    ctx = Context(countries=countries, regions=regions)
    for name in itertools.islice(dict.fromkeys(n for n in names if n), MAX_ARTICLE_PLACES):
        res = gazetteer.resolve(name, context=ctx, fuzzy=False)
        if res.place is None:
            continue
        rivals = [c.score for c in res.candidates[1:] if c.place.key != res.place.key]
        if not rivals or res.candidates[0].score - max(rivals) >= st.article_place_margin:
            out.append((name, res.place.lat, res.place.lon))
    return tuple(out)


def article_context(text: str, gazetteer: Gazetteer, *, names: Iterable[str] = ()) -> ArticleContext:
    """Return the ArticleContext of a whole article: the countries, regions and dateline it names,
    and which of ``names`` (its claims' places, as written) are clear places on their own."""
    named = countries_named(text, gazetteer)
    regions = regions_named(text, gazetteer, countries=named)
    countries = named | {code[:2] for code in regions}
    return ArticleContext(countries=countries, dateline=dateline(text, gazetteer, settings=gazetteer.settings),
                          regions=regions, places=places_named(names, gazetteer, countries=countries,
                                                               regions=regions))

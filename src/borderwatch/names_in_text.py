"""Capitalised names in a sentence that may be places, read from its tokens.

A name is a run of capitalised words, joined by the lexicon's name connectors
("Rostov-on-Don", "Dar es Salaam") and name abbreviations ("St. Petersburg"), split
at stop words (days, months, demonyms, titles). A name is left out when the words
around it say it is not a place: a person ("Gladkov said", "President X"), a
possessive or modifier ("Ukraine’s second city", "the Gaza border", "bordering
Ukraine"), an organisation, scale or landform ("the United States Geological
Survey", "the Richter scale", "the Mojave Desert"), an acronym, or a sentence's
first word that does not act as a place ("Located 10 km…").

>>> from borderwatch.tagging import Sentence
>>> from borderwatch.model import Span
>>> t = "Gladkov said Shebekino, in the Belgorod region, lies 7 km from the border."
>>> [(m.name, m.is_region) for m in Sentence(t, Span(0, len(t))).mentions]
[('Shebekino', False), ('Belgorod', True)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import LEXICON
from .tagging import CLASSES

if TYPE_CHECKING:
    from .tagging import Mention, Sentence

__all__ = ["mentions", "names_a_thing", "runs"]

_STOP = LEXICON.stop_words
_CONNECT = frozenset(LEXICON.classes["name_connectors"])
_NAME_ABBR = frozenset(LEXICON.classes["name_abbreviations"])
_HYPHEN_PREFIXES = frozenset(LEXICON.classes["hyphen_prefixes"])
_REGION = frozenset(LEXICON.region_words)
_DIRECTION_WORDS = frozenset("north south east west northern southern eastern western".split())
_ISLAND = ("island", "isle")
_TOWN_WORDS = ("city", "town")


def runs(s: "Sentence", lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """Token ranges ``[i, j)`` in ``[lo, hi)`` of capitalised runs, split at stop words."""
    hi = len(s) if hi is None else hi
    out: list[tuple[int, int]] = []
    i = lo
    while i < hi:
        if not _name_word(s, i) and not _adjective_name(s, i, hi):
            i += 1
            continue
        j = i + 1
        while j < hi:
            if _name_word(s, j):
                j += 1
            elif s.low(j) in _CONNECT and j + 1 < hi and _name_word(s, j + 1):
                j += 2
            elif s.low(j) == "." and s.low(j - 1) in _NAME_ABBR and j + 1 < hi and _name_word(s, j + 1):
                j += 2
            else:
                break
        out += _undoubled(s, i, j)
        i = j
    return out


def _adjective_name(s: "Sentence", i: int, hi: int) -> bool:
    """'Indian Point', 'Indian Wells': a country's adjective, capitalised, right before a capitalised name
    tail that ends the run, is the name's first word."""
    t = s.tokens[i]
    return t.is_cap and s.low(i) in LEXICON.country_adjectives and i + 1 < hi and s.tokens[i + 1].is_cap \
        and bool(s.is_(i + 1, "adjective_name_tails")) and not (i + 2 < hi and _name_word(s, i + 2))


def _undoubled(s: "Sentence", i: int, j: int) -> list[tuple[int, int]]:
    """'Windhoek Windhoek, the capital of Namibia, …': a page's heading run into its first sentence doubles a
    name; the run is the two names."""
    half = (j - i) // 2
    if half and (j - i) % 2 == 0 and all(s.low(i + x) == s.low(i + half + x) for x in range(half)):
        return [(i, i + half), (i + half, j)]
    return [(i, j)]


def _name_word(s: "Sentence", i: int) -> bool:
    """A capitalised word that may be part of a name ("al-Ain" too: a hyphenated article before a
    capital); an all-capitals word of two or more letters (a heading, "DAILY TRAFFIC") is not, so
    it never joins the name after it."""
    t = s.tokens[i]
    if t.kind == "word" and "-" in t.text and not t.text[0].isupper():
        head, _, tail = t.text.partition("-")
        return head.lower() in _HYPHEN_PREFIXES and tail[:1].isupper()
    if t.low in LEXICON.units and i > 0 and s.tokens[i - 1].kind == "num":
        return False  # "60 Km by road": a unit written with a capital
    return t.is_cap and t.low not in _STOP and not (t.kind == "word" and len(t.text) > 1 and t.text.isupper())


def mentions(s: "Sentence", *, lenient: bool = False) -> list["Mention"]:
    """(lenient: a sentence's first word and a name after "to"/"with" count too, for antecedents.)"""
    return _mentions(s, lenient)


def _mentions(s: "Sentence", lenient: bool) -> list["Mention"]:
    """The sentence's names that may be places, in order (see the module docstring)."""
    from .tagging import Mention

    out = []
    for i, j in runs(s):
        while j - i > 1 and s.low(j - 1) in _CONNECT:
            j -= 1
        if j - i == 1 and s.low(i) in _DIRECTION_WORDS:
            continue
        if j - i == 1 and s.is_(i, "region_prefixes") and s.low(j) == "." and j + 1 < len(s) and s.tokens[j + 1].is_cap:
            continue  # "Blacklion, Co. Cavan": the county's abbreviation, no place
        county = s.is_(i, "region_prefixes") and j - i > 1  # "County Donegal"
        i += bool(county)
        end = j
        # "Kharkiv region", and "the province of Kirkuk"
        is_region = bool(s.is_(j, "region_words")) or (s.low(i - 1) == "of" and bool(s.is_(i - 2, "region_words"))
                                                 and "the" in (s.low(i - 3), s.low(i - 4))) \
            or county or (s.low(i - 1) == "." and bool(s.is_(i - 2, "region_prefixes")))  # "the Ukrainian oblast of"
        if j - i > 1 and s.low(j - 1) in _REGION:
            is_region, j = True, j - 1
        elif j - i == 1 and s.low(i) in _REGION:
            is_region = True  # "the Northern Territory", "Eastern Province": the direction word split the run
        feature = _feature(s, i, j, end)
        if feature == "island" and s.low(j - 1) in _ISLAND:
            j -= 1
        n = CLASSES.ends_at(s.tokens, j, "features") if feature is None and j - i > 1 else 0
        if n == j - i and s.tokens[i - 1].is_cap and s.low(i - 1) in LEXICON.country_adjectives:
            i -= 1  # "The Armenian Nuclear Power Plant": the adjective names the plant (as GeoNuclearData does)
        # "Tashkent International Airport": a feature in capitals; "Gaza City", "Kuwait City" keep their town word
        # (the city's own name: the territory's is without it)
        if 0 < n < j - i and s.is_(j - n, "features") == n and s.low(j - 1) not in _TOWN_WORDS:
            feature, j = " ".join(s.low(x) for x in range(j - n, j)), j - n
        if _skip(s, i, j, end, lenient=lenient):
            continue
        out.append(Mention(s.chars(i, j), s.span_of(i, j), i, j, is_region, feature))
    return out


def _feature(s: "Sentence", i: int, j: int, end: int) -> str | None:
    if (j - i > 1 and s.low(j - 1) in _ISLAND) or (s.low(i - 1) == "of" and s.low(i - 2) in _ISLAND
                                                   and s.low(i - 3) == "the"):
        return "island"  # "Yonaguni Island", "the island of Trindade"
    n = s.is_(end, "features")
    return " ".join(s.low(k) for k in range(end, end + n)) if n else None


def _title_at(s: "Sentence", k: int) -> bool:
    """A person's title at token ``k``; 'by' only as a byline's, before a name ("Jacmel, by the way, is …")."""
    return bool(s.is_(k, "person_titles")) and (s.low(k) != "by" or (k + 1 < len(s) and s.tokens[k + 1].is_cap))


def _listed_adjective(s: "Sentence", i: int, end: int) -> bool:
    """'the Albanian, Greek and Aromanian inhabitants': one word listed after a country's adjective, before a word in
    lower case, is an adjective of the same list, no place."""
    return s.low(i - 1) in (",", "and", "or") and s.low(i - 2) in LEXICON.country_adjectives and end < len(s) \
        and s.tokens[end].kind == "word" and not s.tokens[end].is_cap


def _skip(s: "Sentence", i: int, j: int, end: int, *, lenient: bool) -> bool:
    name = s.chars(i, j)
    if len(name) < 2 or (name.isupper() and len(name) > 1 and s.tokens[i].kind != "abbr"):
        return True
    if j - i == 1 and (s.is_(i, "adjectives_alone") or _listed_adjective(s, i, end)):
        return True
    if all(s.low(k) in LEXICON.targets["town_words"] for k in range(i, j)):
        return True  # "the Capital City of …": town words in capitals, no name
    if s.low(i - 1) == "," and s.is_(i - 2, "person_nouns"):
        return True  # "Another neighbour, Ali Bayat, was badly frightened": a person set off after a person's noun
    if s.is_(j - 1, "time_zone_tails") and any(s.tokens[x].kind == "time" for x in range(max(0, i - 4), i)):
        return True  # "recorded at 9:30 a.m. Alaska Time": a time zone after a clock time
    if s.is_(i, "world_regions") == j - i:
        return True  # "in Europe": a continent is no point
    if _of_a_thing(s, i, j, end):
        return True  # "the Sea of Azov", "the Armed Forces of Ukraine": the name is the sea's, the army's
    if end < len(s) and not s.tokens[end].is_cap and s.is_(end, "landforms_after"):
        return True  # "the Greater Caucasus mountain range": a landform's name
    if names_a_thing(s, i, j) or _heads_a_thing(s, end) or s.is_(end, "speech_verbs") or s.is_(i - 1, "person_titles"):
        return True
    if j - i >= 3 and any(s.is_(k, "person_titles") for k in range(i + 1, j - 1)):
        return True  # "Cochise County Supervisor Ann English": a title inside the run, a person's name after it
    if s.low(end) == "," and not s.is_(i - 1, "locating_before") and (
            _title_at(s, end + 1) or (s.low(end + 1) in ("the", "a") and _title_at(s, end + 2))):
        return True  # "Doron Shnaper, the spokesperson for …": a person ("In Kharkiv, the mayor said" is a place)
    if s.low(end) in ("’s", "'s") and not (s.is_(end + 1, "target_border") or s.is_(end + 1, "target_coast")):
        return True
    if (s.is_(end, "modifier_after") and not s.is_(end, "features")) or (
            not lenient and _modified_before(s, i) and not _own_figure_after(s, end)):
        return True
    if s.low(i - 1) == "(" and s.low(end) == ")" and i >= 2 and s.tokens[i - 2].is_cap and _initials(name):
        return True  # "the Line of Control (LoC)": the abbreviation of the name before it
    if lenient or i > 0 or j - i > 1:
        return False
    # "Polangui Mayor X said", "Hostomel airport is …": a title or a feature word after it makes it a place
    k = end + s.is_(end, "hedges")  # "Muscat International Airport around 25 km (16 mi) from …"
    if k < len(s) and s.tokens[k].kind == "num" and not s.is_(i, "hedges"):
        return False  # "Hopa 69 km (42mile) far to Artvin": a name the figure follows with no verb
    after = s.past_aside(s.past_aside(end))  # "Zwoleń [ˈzvɔlɛɲ] (Yiddish: Zvolin) is a town …": its spellings, its verb
    return not (s.is_(after, "opener_ok_after") or s.is_(end, "person_titles") or s.is_(end, "features"))


def _of_a_thing(s: "Sentence", i: int, j: int, end: int) -> bool:
    """'Sea' or 'Azov' in 'the Sea of Azov' (a capitalised sea, army or institute word, then 'of' and a
    name): both are the thing's name, no place a figure is measured from."""
    if j - i == 1 and s.is_(i, "not_place_heads") and s.low(end) == "of" and end + 1 < len(s) \
            and s.tokens[end + 1].is_cap:
        return True
    return s.low(i - 1) == "of" and i >= 2 and s.tokens[i - 2].is_cap and bool(s.is_(i - 2, "not_place_heads"))


def names_a_thing(s: "Sentence", i: int, j: int) -> bool:
    """The name ``[i, j)`` ends an organisation's, a unit's or a landform's name ("the Geological Survey",
    "the Northern Fleet": a capitalised stop word before a one-word run is part of the name)."""
    before = i - 1 - (s.low(i - 1) in ("’s", "'s"))  # "Saint George's Branch"
    if s.low(i - 1) == "of" and s.is_(i - 2, "target_town_words"):
        return False  # "the town of Villa Union": the town word says what it names
    return bool(s.is_(j - 1, "not_place_heads")) and (j - i > 1 or (before >= 0 and s.tokens[before].is_cap))


def _heads_a_thing(s: "Sentence", end: int) -> bool:
    """'Israel Defense Forces': capitalised words right after the name (stop words that split the run)
    end an organisation's or a unit's name."""
    k = end
    while k < min(len(s), end + 3) and s.tokens[k].is_cap and s.tokens[k].kind == "word":
        k += 1
    return k > end and bool(s.is_(k - 1, "not_place_heads"))


def _initials(name: str) -> bool:
    """'LoC', 'DPR', 'IAEA': two or more capitals in a short name."""
    return len(name) <= 6 and sum(c.isupper() for c in name) >= 2


def _own_figure_after(s: "Sentence", end: int) -> bool:
    """', 50 kilometres from …' or '(46 km)' right after the name ('evacuated to Tamura, 50 kilometres from the
    plant', 'between Arusha (46 km) and …'): the name's own distance, so it is a place of the claim even after
    'to', 'from' or 'between'."""
    if s.low(end) == "," and s.low(end + 1) in ("the", "a", "an"):  # "… to Edirne, the last stop, 9 kilometers from"
        close = next((x for x in range(end + 2, min(len(s), end + 2 + _APPOSITION_WORDS)) if s.low(x) == ","), None)
        end = close if close is not None and all(s.tokens[x].kind == "word" for x in range(end + 1, close)) else end
    elif s.low(end) == "," and s.low(end + 1) == "in":  # "… to Adre, in Chad, about 30 km from Geneina"
        close = next((x for x in range(end + 2, min(len(s), end + 2 + _APPOSITION_WORDS)) if s.low(x) == ","), None)
        end = close if close is not None and all(s.tokens[x].is_cap or s.low(x) == "the" or
                                                 s.is_(x, "direction_adjectives") for x in range(end + 2, close)) else end
    k = end + 1 + (s.low(end) == "," and bool(s.is_(end + 1, "hedges")))  # ", five miles over the border": spelled
    spelled = s.low(k) in LEXICON.number_words and bool(s.is_(k + 1, "units"))
    return s.low(end) in (",", "(") and k < len(s) and (s.tokens[k].kind == "num" or spelled)


_APPOSITION_WORDS = 6  # ", the last stop," between a name and its own figure: a short noun phrase


def _modified_before(s: "Sentence", i: int) -> bool:
    """'bordering Ukraine', 'from Russia', 'north of Kyiv': the name is another end, not this one."""
    k = i - 1 if s.low(i - 1) != "the" else i - 2
    if s.is_(k, "modifier_before"):
        return True
    return s.low(k) == "of" and bool(s.is_(k - 1, "directions"))

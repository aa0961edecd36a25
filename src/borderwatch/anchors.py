"""The anchor rules: where a figure is measured from (see attach.RULES for the ids).

In order: coordinates in the text are the point; a moving subject or an unfixed point (an
epicentre) gives no anchor (a storm's, a fire's or a vessel's position is set aside); an
indefinite description ("X, a town in …", "X is a city just …", "a rocky outcrop some …");
a back-reference ("it", "the city", "this battered town") to the last fitting place in
the sentence, else in the sentences before; the nearest place-like name before the figure
in its clause (with the name after it that may locate it: "Stanstead, Quebec"); for a
figure with no name before it, the name after its target ("About 100 km from the
border, Chernihiv …"); a region alone is an area, not a point. Names and descriptions inside
parentheses that close before the figure are an aside (another spelling, a remark), not the subject;
the names in the parentheses right after the anchor are kept as its other names.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import replace
from itertools import islice

from .attach import clause_start, mentions_in
from .figures import Figure
from .lexicon import LEXICON
from .model import MAX_ANCHOR_FALLBACKS, AnchorRef
from .tagging import CLASSES, Mention, Sentence

__all__ = ["find_anchor"]

_NO_PLACE = "no fixed place is named as the point it is measured from"
_POSITION = "the position of something that moves (a storm, a fire, a vessel, an aircraft) at one moment"
_TOWN_HEADS = frozenset(LEXICON.targets["town_words"]) | {"community", "municipality", "hamlet", "towns", "villages"}
_ARTICLES = frozenset({"a", "an"})
_APPOSITION_MARKS = ([","], ["–"], ["—"], ["-"])  # "Narva – a coastal city in East Estonia, barely 101 metres …"
_ZONE_GAP = 3  # tokens between a zone word and its figure ("the entire area five kilometers from")
_SUBJECT_WORDS = 6  # the first words of a sentence that hold its subject ("The cause of this fire")
_FEATURE_GAP = 3  # tokens from a name to the next segment that may only be its feature words and a comma
_DIRECTION_ADJECTIVES = frozenset({"northern", "southern", "eastern", "western", "central", "north", "south",
                                   "east", "west"})
# Back-reference heads that stand for a place as a whole, like a town word ("the area", "the island").
_AREA_HEADS = frozenset({"area", "island", "islands", "community", "municipality", "capital", "port", "kibbutz",
                         "moshav", "place"})
_ZONE_HEDGES = frozenset({"within", "up to", "no further than"})  # "less than" bounds a distance, not a zone
_DESCRIPTION_WORDS = 6  # words between "a"/"an" and the thing it names: "a small, sleepy farming town"
_APPOSITION_SPAN = 8  # tokens of an apposition between a name and its verb ("Windhoek, the capital of Namibia, is")
_BETWEEN_WORDS = 8  # the words a "between A and B" phrase spans ("between the European Union/Estonia and Russia")
_BACK_WORDS = 3  # words between "the"/"this" and its head: "this battered frontline town"
_ANTECEDENT_SENTENCES = 3  # sentences back a reference may reach: the corpus's context window

Found = tuple[AnchorRef | None, str, str | None]
_CLAUSE_ENDS = frozenset({";", ":"})
_LIST_MARKS = frozenset({"–", "—", "-", "•", ":"})  # before a list item's heading: "…: – Mosul: IS overran …"
_SEGMENT_ENDS = frozenset({",", "(", "—"})
_SET_OFF = frozenset({",", "—", "–"})  # around a name set off after a description ("The nearest town, Sderot, is")
_NAMING_DASHES = frozenset({"—", "–", ":"})  # between a description and the name it is given: "the village — X"


def _after(k: int | None) -> int:
    return 0 if k is None else k + 1


def find_anchor(s: Sentence, fig: Figure, start: int, end: int, before: list[Sentence]) -> Found:
    """(anchor, rule id, why not checkable) for a figure whose claim spans tokens [start, end); an anchor
    named in this sentence keeps the other names the parentheses right after it give."""
    a, rule, why = _find_anchor(s, fig, start, end, before)
    return (_with_aliases(s, a) if a is not None else None), rule, why


def _with_aliases(s: Sentence, a: AnchorRef) -> AnchorRef:
    """``a`` with the names inside the parentheses right after it: 'Karakorum (Harhorin)'."""
    if a.span is None or not s.span.start <= a.span.start < a.span.end <= s.span.end:
        return a
    k = s.index_at(a.span.end)
    if k not in s.closing:
        return a
    names = [m.name for m in s.lenient_mentions if k < m.i and m.j <= s.closing[k] and not m.is_region
             and m.name != a.text]
    return replace(a, aliases=tuple(names[:MAX_ANCHOR_FALLBACKS])) if names else a


def _outside_asides(s: Sentence, ms: list[Mention], start: int) -> list[Mention]:
    """The names not inside parentheses closed before the figure, when any are left: an aside (another
    spelling, a translation, a remark) is not the clause's subject."""
    outside = [m for m in ms if not s.in_aside(m.i, start)]
    return outside if any(not m.is_region for m in outside) else ms


def _find_anchor(s: Sentence, fig: Figure, start: int, end: int, before: list[Sentence]) -> Found:
    lo = clause_start(s, start)
    ms = _outside_asides(s, mentions_in(s, lo, start), start)
    places = [m for m in ms if not m.is_region]
    segment = max(lo, _after(s.last_of(start, _SEGMENT_ENDS)))
    point_or_moving = _point_or_position(s, fig, lo, start) or _moving_subject(s, lo, start, segment, places, before)
    if point_or_moving is not None:
        return point_or_moving
    owned = _owned_facility(s, lo, start)
    if owned is not None:  # "Bulgaria's sole nuclear power plant is located near …, less than 4 km from …"
        return _zone(s, fig, (owned, "subject", None))
    relative = _relative_clause(s, lo, start, places)
    if relative is not None:
        return _zone(s, fig, relative)
    for reader in (_description, _back_reference):
        found = reader(s, lo, start, end, places, before)
        if found is not None:
            return _zone(s, fig, _with_region(_unless_moving(s, found), ms))
    places = [m for m in places if not _surname(s, m, before)]
    after = _named_after(s, end) if lo == 0 and places and s.is_(0, "site_verbs") else None
    if after is not None:  # "Located on the coast overlooking the X Harbour, 237 km north-east of A, …, Y has been"
        return AnchorRef(after.name, after.span, after.feature), "named-after", None
    if places:
        found = _subject(s, places, ms)
        moving = _moving_name(s, found[0]) if found[0] is not None else None
        if moving == "moving_positions":
            return None, "moving-position", f"{_POSITION}: {found[0].text}"
        if moving is not None:
            return None, "moving-subject", f"{_NO_PLACE}: {found[0].text} moves (troops, a unit)"
        return _zone(s, fig, found)
    after = _named_after(s, end)
    if after is not None:
        return AnchorRef(after.name, after.span, after.feature), "named-after", None
    opening = all(s.is_(x, "copulas") or s.is_(x, "hedges") for x in range(lo, start))
    subject = _opening_subject(s, end, before) if opening and not ms else None
    if subject is not None:
        return _zone(s, fig, subject)
    if any(m.is_region for m in ms):
        region = [m for m in ms if m.is_region][-1]
        word = s.low(region.j) if s.is_(region.j, "region_words") else "region"  # as written: 'Muzaffarabad sector'
        return None, "region-subject", f"{_NO_PLACE}: the {region.name} {word} is an area, not a point"
    capital = _country_capital(s, lo, start)
    if capital is not None:  # "South Korea’s capital sits so close to North Korea—35 miles away"
        return capital, "subject", None
    return _zone(s, fig, _before_colon(s, lo) or (None, "no-anchor", _NO_PLACE))


def _country_capital(s: Sentence, lo: int, start: int) -> AnchorRef | None:
    """'South Korea’s capital' before the figure, a country's name in the possessive: the country's capital (the
    resolver's ``capital_named``), which no name of a place stands for here."""
    for i, j in s.name_runs:
        if lo <= i and j + 2 <= start and s.low(j) in ("’s", "'s") and s.low(j + 1) == "capital" \
                and LEXICON.names_a_country(s.chars(i, j)):
            return AnchorRef(s.chars(i, j + 2), s.span_of(i, j + 2))
    return None


def _point_or_position(s: Sentence, fig: Figure, lo: int, start: int) -> Found | None:
    """Coordinates before the figure (the text gives the point, of a storm too: that point is checked), or a
    forecast position or where a storm is centred (set aside); else None."""
    coords = _coordinates_before(s, lo, start)
    if coords is not None:
        return coords, "coordinates", None
    if CLASSES.ends_at(s.tokens, fig.i, "forecast_words"):
        return None, "moving-position", f"{_POSITION}: a forecast position"
    if s.any_in(lo, fig.i, "centred_words") is not None and s.any_in(0, len(s), "unfixed_subjects") is None:
        return None, "moving-position", f"{_POSITION}: where a storm or a low is centred"
    return None


def _owned_facility(s: Sentence, lo: int, start: int) -> AnchorRef | None:
    """'Bulgaria's sole nuclear power plant is …': a clause opening with a name's possessive and a plant's or an
    airport's words, then a verb of being: that facility of that country or town (the name as its locator)."""
    run = next((r for r in s.name_runs if r[0] == lo), None)
    if run is None or s.low(run[1]) not in ("’s", "'s"):
        return None
    for end in range(run[1] + 2, min(start, run[1] + 6)):
        if any(CLASSES.ends_at(s.tokens, end, cls) for cls in ("plant_words", "airport_words")) and \
                s.is_(end, "copulas"):
            n = CLASSES.ends_at(s.tokens, end, "features")
            if not n or not all(s.tokens[x].kind == "word" and not s.tokens[x].is_cap for x in range(run[1] + 1, end)):
                return None
            return AnchorRef(s.chars(run[0], end), s.span_of(run[0], end), " ".join(s.low(x) for x in range(end - n, end)),
                             locator=s.chars(*run))
    return _owned_thing(s, run, start)


def _owned_thing(s: Sentence, run: tuple[int, int], start: int) -> AnchorRef | None:
    """'Kenya's largest refinery is 5 km from Mombasa', 'New Zealand's main satellite communications station was
    constructed 5 km south of …': a kind built to stay (lexicon fixed_heads), owned by the name and not named: an
    unnamed anchor a user can mark (the name locates it)."""
    for end in range(run[1] + 2, min(start, run[1] + 2 + _DESCRIPTION_WORDS)):
        if not (s.is_(end, "copulas") or s.is_(end, "built_verbs")) or not CLASSES.ends_at(s.tokens, end, "fixed_heads"):
            continue
        if not all(s.tokens[x].kind == "word" and not s.tokens[x].is_cap for x in range(run[1] + 1, end)) \
                or s.any_in(run[1] + 1, end, "impermanent") is not None:
            return None
        head = " ".join(s.low(x) for x in range(end - CLASSES.ends_at(s.tokens, end, "fixed_heads"), end))
        return AnchorRef(s.chars(run[0], end), s.span_of(run[0], end), head, locator=s.chars(*run), unnamed=True)
    return None


def _before_colon(s: Sentence, lo: int) -> Found | None:
    """'X is situated in the north of Y region: 125 km away from A, 330 km from B': the figures after
    a colon are the clause before it's, whose subject is their anchor."""
    if lo == 0 or s.low(lo - 1) != ":":
        return None
    ms = mentions_in(s, _after(s.last_of(lo - 1, _CLAUSE_ENDS)), lo - 1)
    places = [m for m in ms if not m.is_region]
    return _subject(s, places, ms) if places else None


def _moving_subject(s: Sentence, lo: int, start: int, segment: int, places: list[Mention], before) -> Found | None:
    """Troops, a storm's or a ship's position, an epicentre as the clause's subject: not checkable (an
    epicentre whose coordinates an earlier sentence gives is that point)."""
    lenient = [m for m in mentions_in(s, lo, start, lenient=True) if not m.is_region]
    for cls, rule, why in (("moving_things", "moving-subject", f"{_NO_PLACE}: it is measured from something "
                            "that moves (troops, units, fighters)"),
                           ("moving_positions", "moving-position", _POSITION),
                           ("unfixed_subjects", "unfixed-subject", f"{_NO_PLACE}: an epicentre, a blast or a "
                            "crash site is a point no gazetteer holds")):
        at = s.last_in(segment if cls == "unfixed_subjects" else lo, start, cls)
        if cls == "moving_positions" and at is None:  # "The Miller Fire, 13 miles west of Maupin": a wildfire's name
            at = next((x for x in range(start - 1, lo, -1) if _ends_fire_name(s, x)), None)
        # before the figure's own segment, the moving thing must be the clause's subject: no place
        # opens the clause ("Kupiansk, a railway hub retaken by Ukrainian forces in September, is 40 km …")
        subject = at is not None and (at >= segment or not any(m.i <= lo + 1 and m.j <= at
                                                                and not _names_moving(s, m, at) for m in places))
        if subject and not any(m.i > at and not _names_moving(s, m, at) and not _placed(s, m, segment) for m in lenient) \
                and _back_word(s, at + 1, start) is None:
            given = _coordinates_earlier(before) if cls == "unfixed_subjects" else None
            if given is not None:  # "… occurred at 45.721°S, 166.643°E. … 150 km WNW of Invercargill"
                return given, "coordinates", None
            v = s.any_in(at + 1, min(start, at + _EVENT_AFTER), "impact_verbs") if cls == "moving_positions" else None
            if v is not None:  # "This missile landed …", "a forest fire that broke out …"
                what, did = s.chars(at, at + s.is_(at, cls)), s.chars(v, v + s.is_(v, "impact_verbs"))
                return None, "unfixed-subject", f"{_NO_PLACE}: where the {what.lower()} {did} {_EVENT_WHY}"
            return None, rule, why
    return None


_EVENT_AFTER = 4  # "the drones crashed", "a forest fire that broke out": the event's verb right after the mover
_EVENT_WHY = "is a point no gazetteer holds (a claim, not a moving thing's position)"


def _ends_fire_name(s: Sentence, x: int) -> bool:
    """Token ``x`` is 'Fire' ending a name ("The Miller Fire", "the Camp Fire"; not "Fire Island")."""
    return s.tokens[x].is_cap and bool(s.is_(x, "named_fire_heads")) and s.tokens[x - 1].is_cap and \
        not (x + 1 < len(s) and s.tokens[x + 1].is_cap)


_HEMISPHERES = {"n": 1, "north": 1, "s": -1, "south": -1, "e": 1, "east": 1, "w": -1, "west": -1}


def _coordinate_at(s: Sentence, k: int, axis: str) -> tuple[float, int] | None:
    """A signed degree value at token ``k`` ("25.1N", "25.1 °N", "80.2 west"), or None."""
    t = s.tokens[k] if k < len(s) else None
    if t is None or t.kind != "num" or "/" in t.text or "," in t.text:
        return None
    x = k + 1 + (s.low(k + 1) == "°")
    h = s.low(x)
    if h not in _HEMISPHERES or (h[0] in "ns") != (axis == "lat"):
        return None
    value = float(t.text) * _HEMISPHERES[h]
    return (value, x + 1) if abs(value) <= (90 if axis == "lat" else 180) else None


def _coordinates_before(s: Sentence, lo: int, start: int) -> AnchorRef | None:
    """'centred at 25.1N, 80.2W, about 40 km east of …': the point the text gives."""
    for k in reversed(_between(s.numbers, lo, start)):
        lat = _coordinate_at(s, k, "lat")
        if lat is None:
            continue
        x = lat[1] + (s.low(lat[1]) == ",")
        lon = _coordinate_at(s, x, "lon")
        if lon is not None and lon[1] <= start:
            return AnchorRef(s.chars(k, lon[1]), s.span_of(k, lon[1]), point=(lat[0], lon[0]))
    return None


def _coordinates_earlier(before: list[Sentence]) -> AnchorRef | None:
    """The one point an earlier sentence gives (an epicentre's coordinates), or None (none, or several)."""
    for prev in before[:_ANTECEDENT_SENTENCES]:
        found = _coordinates_before(prev, 0, len(prev))
        if found is not None:
            return found if _coordinates_before(prev, 0, prev.index_at(found.span.start)) is None else None
    return None


def _with_region(found: Found, ms: list[Mention]) -> Found:
    """The region the clause names after the anchor (else before it) as the anchor's region."""
    anchor, rule, why = found
    regions = [m for m in ms if m.is_region]
    if anchor is None or anchor.region or not regions or anchor.span is None:
        return found
    later = [r for r in regions if r.span.start > anchor.span.start]
    region = (later or regions)[-1]
    return replace(anchor, region=f"{region.name} region"), rule, why


def _zone(s: Sentence, fig: Figure, found: Found) -> Found:
    """'within 30 km of the plant' with no place inside it, or a zone word after the anchor: a radius zone."""
    anchor, rule, why = found
    upper = fig.hedge in _ZONE_HEDGES
    after_anchor = s.index_at(anchor.span.end) if anchor and anchor.span else 0
    if anchor is None and (upper or s.any_in(0, len(s), "zone_words") is not None):
        return None, "radius-zone", "a zone around a place (a radius, an exclusion or evacuation zone), " \
                                    "with no fixed place said to lie in it"
    if anchor is not None and upper and s.any_in(after_anchor, fig.i, "zone_words") is not None:
        return None, "radius-zone", "a zone around a place, not a distance from the place named before it"
    z = s.last_in(max(0, fig.i - _ZONE_GAP), fig.i, "zone_words")
    if z is not None and not (anchor and anchor.span and s.index_at(anchor.span.start) > z):
        # "the entire area five km from"; not "evacuated Lytton, 150 miles …" (the place named after the word)
        return None, "radius-zone", "a zone (an area, a buffer) a distance from a place, not a place itself"
    if upper and (s.any_in(max(0, fig.i - _ZONE_GAP), fig.i, "population_words") is not None
                  or s.any_in(fig.j, fig.j + 2, "zone_words") is not None):  # "people living within 30 km of …"
        return None, "radius-zone", "the people or places counted in a zone around a place (its radius), not a " \
                                    "distance between two places"
    return anchor, rule, why


def _ref(m: Mention, *, region: Mention | None = None, locator: str | None = None) -> AnchorRef:
    settlement = m.feature in ("village", "town", "city")
    return AnchorRef(m.name, m.span, None if settlement else m.feature, f"{region.name} region" if region else None,
                     locator, settlement=settlement)


def _first(places: Iterator[Mention]) -> list[Mention]:
    """The first places of an ordering: enough for the anchor and its fallbacks (some are filtered out)."""
    return list(islice(places, 1 + 2 * MAX_ANCHOR_FALLBACKS))


def _with_fallbacks(a: AnchorRef, others: list[Mention]) -> AnchorRef:
    """``a`` with the next places a rule would have taken (other names only)."""
    names, rest = {a.text, a.locator}, []
    for m in others:
        if m.name not in names and not m.is_region:
            names.add(m.name)
            rest.append(m)
    return replace(a, fallbacks=tuple(_ref(m) for m in rest[:MAX_ANCHOR_FALLBACKS]))


def _description(s: Sentence, lo: int, start: int, end: int, places: list[Mention], before) -> Found | None:
    """'X, a town in Y, Z, N km', 'X is a city just N km', 'a rocky outcrop some N km' (no name)."""
    art = next((x for x in range(start - 1, max(lo, start - _DESCRIPTION_WORDS - 4) - 1, -1)
                if s.low(x) in _ARTICLES), None)
    if art is None:
        return _the_apposition(s, lo, start, places) or _long_copula_description(s, lo, start, places)
    head = s.any_in(art + 1, min(start, art + _DESCRIPTION_WORDS + 1), "thing_heads")
    if head is not None and s.tokens[head - 1].is_cap and (s.tokens[head].is_cap or any(
            m.j == head and s.is_(m.i - 1, "locating_before") for m in places)):
        head = None  # "a church in Kisindi Town", "a shoot-out … in Aladuwari village –": a name names the place
    # names after the head, but not a river ("on the Danube"); one before it qualifies ("a Druze town")
    later = [m for m in places if m.i > (art if head is None else head) and s.low(m.i - 1) != "the"]
    if later and not all(s.low(m.i - 1) in (",", "in") for m in later):
        return None
    if head is None:
        return None
    # the name right before ", a village …" even after "to" ("the road connecting it to Evrychou, a village 56 km …")
    named = [m for m in mentions_in(s, lo, art, lenient=True) if m.j == art - 1 and s.low(m.j) == ","
             and not m.is_region] or [m for m in places if m.j <= art]
    if named:
        m = named[-1]
        after = s.past_aside(m.j)  # "Kharahhorin (also spelled …) is a city"
        gap = [s.low(x) for x in range(after, art)]
        if gap in _APPOSITION_MARKS or (gap and all(s.is_(x, "copulas") for x in range(after, art))) or \
                _coordinated_description(s, after, art):
            rule = "apposition" if gap in _APPOSITION_MARKS else "copula-description"
            return _ref(m, locator=later[-1].name if later else None), rule, None
    if later:
        return None
    inside = _in_place_after(s, end)
    if inside is not None:
        return _ref(inside), "unnamed-thing", None
    named_after = _named_after(s, end) if art == lo else None
    if named_after is not None:  # "A busy Adriatic port a little over 30km west of Tirana, Durrës, …": its name
        return _ref(named_after), "named-after", None
    # "a Customs and Border Protection checkpoint 23 miles north of": a kind built to stay, which a user can mark
    if s.is_(head, "fixed_heads") and s.any_in(art + 1, head, "impermanent") is None:
        return AnchorRef(s.chars(art, head + 1), s.span_of(art, head + 1), s.low(head), unnamed=True), \
            "unnamed-thing", None
    return None, "unnamed-thing", f"{_NO_PLACE} (an unnamed {s.low(head)})"


def _coordinated_description(s: Sentence, after: int, art: int) -> bool:
    """'Yiti is a coastal area and a traditional fishing village in Oman, located …': a verb of being, then a
    description in lower-case words joined by 'and' to the one before the figure."""
    return s.is_(after, "copulas") and s.low(after + 1) in _ARTICLES and s.low(art - 1) == "and" and all(
        s.tokens[x].kind == "word" and not s.tokens[x].is_cap for x in range(after, art))


def _long_copula_description(s: Sentence, lo: int, start: int, places: list[Mention]) -> Found | None:
    """'Kurchatov is a town in Kursk Oblast, Russia, located on the Seym River 42 km west of Kursk': the
    clause's subject, described by 'is a <thing>' however long the description; the names in it (after
    'in' or a comma) locate it, a river's (after 'the') is passed over."""
    first = places[0] if places else None
    if first is None or first.i > lo + 1:
        return None
    k = _past_relative_aside(s, first.j, start)
    begin = k
    while k < start and s.is_(k, "copulas"):
        k += 1
    if k == begin or s.low(k) not in _ARTICLES or s.any_in(k + 1, min(start, k + _DESCRIPTION_WORDS + 1),
                                                            "thing_heads") is None:
        return None
    later = [m for m in places if m.i > k and s.low(m.i - 1) != "the"]
    if not all(s.low(m.i - 1) in (",", "in") for m in later):
        return None
    return _ref(first, locator=later[-1].name if later else None), "copula-description", None


def _past_relative_aside(s: Sentence, k: int, start: int) -> int:
    """The token after ', which literally means "sunlight," ' at ``k`` (a relative clause set off by commas before
    the verb), else ``k``."""
    if s.low(k) != "," or not s.is_(k + 1, "relative_pronouns"):
        return k
    for c in range(k + 2, start):
        if s.low(c) == ",":
            nxt = c + 1 + (s.tokens[c + 1].kind == "punct" and s.low(c + 1) in ('"', "”", "’", "'"))
            if s.is_(nxt, "copulas"):
                return nxt
    return k


def _relative_clause(s: Sentence, lo: int, start: int, places: list[Mention]) -> Found | None:
    """'… connects Hong Kong with Zhuhai, which is only 5 miles north of Macau': the name right
    before ', which is' is the anchor, whatever word came before it."""
    rel = s.last_in(lo, start, "relative_pronouns")
    if rel is not None and s.is_(rel - 1, "region_words") and s.low(rel - 2) == "the" and rel + 1 < start \
            and all(s.is_(x, "copulas") or s.is_(x, "hedges") for x in range(rel + 1, start)):
        # "… Village in the county that is about 60 km from …": the clause is the county's, an area
        return None, "region-subject", f"{_NO_PLACE}: the {s.low(rel - 1)} is an area, not a point"
    if rel is None or s.low(rel - 1) != "," or any(m.i > rel for m in places):
        return None
    if not all(s.is_(x, "copulas") or s.is_(x, "hedges") for x in range(rel + 1, start)) or rel + 1 == start:
        return None
    found = [m for m in s.lenient_mentions if not m.is_region]
    named = [m for m in found if m.j == rel - 1] or [
        m for m in found if s.low(m.j) == "," and m.j + 1 < rel - 1 and rel - 1 - m.j <= _APPOSITION_SPAN
        and all(s.low(x) != "," for x in range(m.j + 1, rel - 1))][-1:]  # "Mandalay, Myanmar’s second-largest city, which"
    if not named:
        return None
    head = [p for p in found if p.j == named[0].i - 1 and s.low(p.j) == ","]
    if head:  # "Stanstead, Quebec, which is 160 km …": the town, located by the name after it
        return _ref(head[0], locator=named[0].name), "locator", None
    subject = _town_subject(s, lo, named[0])
    if subject is not None:  # "Balakot is a town in … province of Pakistan, which is 80km from …"
        return _ref(subject, locator=named[0].name), "relative-clause", None
    return _ref(named[0]), "relative-clause", None


def _town_subject(s: Sentence, lo: int, named: Mention) -> Mention | None:
    """The clause's subject X in "X is a town in …, (in) <named>, which": ``named`` only locates the town
    the clause is about (it follows "in", or "of" after a region word)."""
    before = s.low(named.i - 1)
    if not (before == "in" or (before == "of" and s.is_(named.i - 2, "region_words"))):
        return None
    first = next((m for m in s.lenient_mentions if m.i >= lo), None)
    if first is None or first is named or not s.is_(first.j, "copulas"):
        return None
    k = first.j + 1
    if s.low(k) not in _ARTICLES:
        return None
    head = next((x for x in range(k + 1, min(named.i, k + 4)) if s.low(x) in _TOWN_HEADS), None)
    return first if head is not None else None


def _the_apposition(s: Sentence, lo: int, start: int, places: list[Mention]) -> Found | None:
    """'#Ganja, the 2nd largest city of #Azerbaijan, 60 km away from …': the name before ', the'."""
    the = next((x for x in range(start - 1, max(lo, start - _DESCRIPTION_WORDS - 4) - 1, -1)
                if s.low(x) == "the" and s.low(x - 1) == ","), None)
    if the is None or s.low(start - 1) != "," or s.any_in(the + 1, start, "thing_heads") is None:
        return None
    named = [m for m in places if m.j == the - 1]
    if not named:
        return None
    later = [m for m in places if m.i > the]
    return _ref(named[0], locator=later[-1].name if later else None), "apposition", None


def _held_in(s: Sentence, h: int) -> AnchorRef | None:
    """'the nuclear power plant in X': the place right after the description's head, as the anchor,
    with the description's feature words ("nuclear power plant") for the landmark lookup."""
    if not s.is_(h + 1, "inside_words"):
        return None
    m = next((m for m in s.mentions if m.i == h + 2 and not m.is_region), None)
    if m is None:
        return None
    n = CLASSES.ends_at(s.tokens, h + 1, "features")
    feature = " ".join(s.low(x) for x in range(h + 1 - n, h + 1)) if n else s.low(h)
    return AnchorRef(m.name, m.span, feature)


def _in_place_after(s: Sentence, end: int) -> Mention | None:
    if not s.is_(end, "inside_words"):
        return None
    return next((m for m in s.mentions if m.i == end + 1 and not m.is_region), None)


def _back_reference(s: Sentence, lo: int, start: int, end: int, places: list[Mention], before) -> Found | None:
    """'it', 'the city', 'this battered town', 'the plant' with no name between it and the figure."""
    at = _back_word(s, lo, start)
    if at is None:
        return None
    i, h = at
    own = _set_off_name(s, i, h, places)
    if own is not None:  # "The nearest town, Sderot, is just 2 km from Gaza": the description's own name
        return _ref(own), "apposition", None
    later = [m for m in places if m.i > i and not _compound_adjective(m.name)
             and not (h is not None and m.j <= h)]  # "this Castilian village": a name inside it describes it
    if later and not all(s.low(m.i - 1 - _compass_before(s, m)) in ("in", ",", "at", "near") or _after_the(s, m)
                         for m in later):
        return None
    if later and (h is None or (s.is_(i - 1, "locating_before") and later[-1].i > h + 2)) and later[-1].j >= start - 1 \
            and s.low(later[-1].j) in (",", s.low(start)) and not _area_name(s, later[-1]):
        return None  # "It happened in Lewiston, about 35 miles north of Portland", "In the area …, which can be seen
        # in Ciampea, 15 km west of": the name before the figure (a description after 'in' only locates)
    if h is None and s.is_(i + 1, "event_verbs"):  # "It began about 5 miles east of Carefree": a fire
        return None, "unfixed-subject", f"{_NO_PLACE}: 'it' is an event here (a fire, a quake, a blast), " \
                                        f"whose point no gazetteer holds"
    locator = later[-1].name if later else None
    head = s.low(h) if h is not None else None
    if head == "area" and any(s.is_(k, "target_border") for k in range(i + 1, h)):
        return None, "unnamed-thing", f"{_NO_PLACE}: a border area is a stretch along a border, not a point"
    inside = _in_place_after(s, end) if head is not None and head not in _TOWN_HEADS else None
    if inside is not None:
        return _ref(inside), "back-reference", None
    held = _held_in(s, h) if head is not None and head not in _TOWN_HEADS else None
    if held is not None:  # "The nuclear power plant in Astravets is located 50 km from Vilnius"
        return held, "back-reference", None
    if head is not None and head not in _TOWN_HEADS and not later:
        own = _found_before(before, _named_with, head)
        if own is not None:  # "Belarus fails to ensure safety at the plant that …": the plant named before
            return _ref(own, locator=locator), "back-reference", None
    same = [m for m in places if m.j <= i] or [m for m in mentions_in(s, 0, lo) if not m.is_region]
    opening = _opening_description(s, i, same) if h is None else None
    if opening is not None:  # "The airbase is situated near the city of Saratov, it is …": the airbase
        return _referent(s, *opening, before, same[-1].name if same else locator)
    if same:  # in its clause, else in an earlier clause of the sentence ("Tikrit: … the capital of …"); should it
        # name a country ("… not only Ecuador …, said the mayor of this oil town"), the places before it, then those
        # of the sentence before
        earlier = _first(_antecedents(before[0], head)) if before else []
        return _with_fallbacks(_ref(same[-1], locator=locator), same[-2::-1] + earlier), "back-reference", None
    body = _town_body(s, i) if head is None or head in _TOWN_HEADS else None
    if body is not None:  # "The acting CEO of the Wadeye Council says … on the community, 250 km …"
        return AnchorRef(s.chars(*body), s.span_of(*body)), "back-reference", None
    return _referent(s, i, h, before, locator)


def _set_off_name(s: Sentence, i: int, h: int | None, places: list[Mention]) -> Mention | None:
    """The name set off by commas or dashes right after a description ('The nearest town, Sderot, is …', 'Its
    southern tip, Punta de Tarifa, sits …', 'The regional capital – Kharkiv – lies …'): what it describes."""
    k = (h if h is not None else i) + 1
    if h is None and s.low(i) == "its":  # "Its southern tip": the lower-case words of its noun
        while k < min(len(s), i + 1 + _BACK_WORDS) and s.tokens[k].kind == "word" and not s.tokens[k].is_cap:
            k += 1
    if s.low(k) not in _SET_OFF:
        return None
    m = next((m for m in places if m.i == k + 1 and not m.is_region), None)
    return m if m is not None and s.low(m.j) in _SET_OFF | {"("} else None


def _area_name(s: Sentence, m: Mention) -> bool:
    """'(It is located) in the Midwest', 'in Northeast Lithuania', 'in southern Albania': a name with the article
    or a point of the compass names an area (a town's name takes neither), which locates 'it', not its point."""
    return m.is_region or s.low(m.i - 1) == "the" or bool(s.is_(m.i, "directions")) or bool(_compass_before(s, m))


def _compass_before(s: Sentence, m: Mention) -> int:
    """1 when a lower-case point of the compass comes right before the name ('southern Albania'), else 0."""
    return int(m.i > 0 and not s.tokens[m.i - 1].is_cap and s.low(m.i - 1) in _DIRECTION_ADJECTIVES)


def subject_after(s: Sentence, end: int, before: list[Sentence]) -> Found | None:
    """The subject after an opening phrase that ends at token ``end`` ("Located between Arusha (46 km) and Moshi
    (40 km), the airport serves …"): a name, or a description ("the airport") and what it refers back to."""
    named = _named_after(s, end)
    if named is not None:
        return AnchorRef(named.name, named.span, named.feature), "named-after", None
    ahead = _reference_after(s, end)
    return _referent(s, *ahead, before, None) if ahead is not None else None


def referent_of_it(s: Sentence, before: list[Sentence]) -> Found:
    """What an unwritten 'it' stands for ("The distance from Batumi is 18 km" after a sentence on Sarpi): the
    place the sentences before are about, as for 'it'."""
    return _referent(s, 0, None, before, None)


def place_about(before: list[Sentence]) -> AnchorRef | None:
    """The place the nearest sentence before that is about one is about ("… the hill town of Pyin Oo Lwin …" for
    "Mandalay, which lies just 64 kilometers to the west"): as for 'it', but never a sentence's first word that
    does not act as a place ("Signs could also be seen …")."""
    earlier = before[:_ANTECEDENT_SENTENCES]
    if earlier and _opens_with_moving(earlier[0]):
        return None
    m = next((m for prev in earlier if (m := _antecedent(prev, None, strict=True)) is not None), None)
    return _ref(m) if m is not None else None


def _opens_with_moving(prev: Sentence) -> bool:
    """The sentence's subject (its first words, before any name or verb) is a storm, a fire, a vessel."""
    at = prev.any_in(0, min(len(prev), _SUBJECT_WORDS), "moving_positions")
    return at is not None and not any(m.i < at for m in prev.lenient_mentions) and not any(
        prev.is_(x, "copulas") for x in range(at))


def _ends_with_moving(prev: Sentence) -> bool:
    """'… a distressed call from a crew on a 15-metre fishing vessel that was unable to clear its propellor.': the
    last thing the sentence names, after any place, is a storm, a fire or a vessel ('It was located …' is it)."""
    at = prev.last_in(0, len(prev), "moving_positions")
    return at is not None and not any(m.j > at and not m.is_region for m in prev.lenient_mentions)


def _after_the(s: Sentence, m: Mention) -> bool:
    """'(The villages lie) at the Saint George's Branch of the Danube': a name after 'of the', 'at the', 'on the'
    places the subject, it is not the subject."""
    return s.low(m.i - 1) == "the" and s.low(m.i - 2) in ("of", "at", "on", "in", "near")


def _found_before(before: list[Sentence], tier, head: str | None) -> Mention | None:
    """The first place ``tier`` finds for ``head`` in the sentences before, nearest first."""
    return next((got[0] for prev in before[:_ANTECEDENT_SENTENCES] if (got := tier(prev, head))), None)


def _begins_with_it(prev: Sentence) -> bool:
    """The sentence opens with 'it' as its subject ("It's about 100 km from Spitak"), not a dummy 'it'."""
    return prev.is_(0, "back_pronouns") > 0 and not (prev.is_(1, "copulas") and prev.is_(2, "dummy_it"))


def _opening_description(s: Sentence, i: int, same: list[Mention]) -> tuple[int, int] | None:
    """(index, head) of the facility a sentence opens with ("The airbase is situated near …") when 'it'
    at ``i`` follows it and every name between only locates it (after "in", "near", "of")."""
    if s.low(0) not in LEXICON.classes["back_determiners"]:
        return None
    h = s.any_in(1, min(i, 1 + _BACK_WORDS), "back_heads")
    h = h + s.is_(h, "back_heads") - 1 if h is not None else None  # the last word of 'power station'
    if h is None or s.low(h) in _TOWN_HEADS or not s.is_(h + 1, "copulas") or _named_by(s, h):
        return None
    if not all(s.low(m.i - 1) == "of" or s.is_(m.i - 1, "locating_before") for m in same):
        return None
    return 0, h


def _town_body(s: Sentence, i: int) -> tuple[int, int] | None:
    """Token range of the town's name in the last 'X Council' (a town's own body) before token ``i``."""
    for a, b in reversed([r for r in s.name_runs if r[1] <= i]):
        n = CLASSES.ends_at(s.tokens, b, "town_bodies")
        if n and b - n > a:
            return a, b - n
    return None


def _referent(s: Sentence, i: int, h: int | None, before: list[Sentence], locator: str | None) -> Found:
    """What a back-reference at token ``i`` (head word at ``h``, None for 'it') stands for, from the
    sentences before: for a description ("the station"), a place named with its word ("the town of
    X") in any of them, then one a thing is said to be in ("the radars in X"); for 'it', the place
    the nearest sentence is about (its heading, "– Mosul: …", first). Else the description
    itself, or nothing."""
    head = s.low(h) if h is not None else None
    earlier = before[:_ANTECEDENT_SENTENCES]
    if head is not None:
        for tier in (_named_with, _located_in):
            got = next(((got, prev) for prev in earlier if (got := tier(prev, head))), None)
            if got is not None:  # the sentence's other places after it, should it name a country
                (first, *rest), prev = got
                return _with_fallbacks(_ref(first, locator=locator), rest + _first(_antecedents(prev, head))), \
                    "back-reference", None
    # past the sentences that open with the same 'it' ("This nuclear power station is in … . It was damaged … . It
    # is about 100 km from Spitak"): the first other one
    k = next((n for n, prev in enumerate(earlier) if not _begins_with_it(prev)), None) if head is None else None
    opening = _opening_description(earlier[k], len(earlier[k]), _places_in(earlier[k])) if k is not None else None
    if opening is not None:  # "The power plant is one of … in India. It is situated …": the plant, named before
        return _referent(earlier[k], *opening, before[k + 1:], locator)
    if head is None and earlier and (_opens_with_moving(earlier[0]) or _ends_with_moving(earlier[0])):
        # "The cause of this fire is unknown. It's located 13 miles north of Durango": the fire's position
        return None, "moving-position", f"{_POSITION}: 'it' is what the sentence before is about"
    # a town word or 'it' falls back on what the nearest sentence is about; a facility ("the camp")
    # is not the town or the group the sentence before names
    orders = [] if head is not None and head not in _TOWN_HEADS | _AREA_HEADS else \
        [_first(_antecedents(prev, head)) for prev in earlier if not (head is None and _begins_with_it(prev))]
    # "It's about 100 km from Spitak. … It's 30 km from Yerevan": the same 'it', not Spitak
    towns = [[m for m in order if not LEXICON.names_a_country(m.name)] for order in orders] \
        if head in _TOWN_HEADS else []
    order = next((order for order in towns + orders if order), None)  # "… the border of Iraq … This city …"
    if order:  # a town word stands for a town before a country, in the nearest sentence that names one
        return _with_fallbacks(_ref(order[0], locator=locator), order[1:]), "back-reference", None
    if head is not None and head not in _TOWN_HEADS:
        return AnchorRef(s.chars(i, h + 1), s.span_of(i, h + 1), head), "back-reference", None
    return None, "back-reference", f"{_NO_PLACE} ('it' or 'the city' with no place before it)"


def _back_word(s: Sentence, lo: int, start: int) -> tuple[int, int | None] | None:
    """(index, index of its head word) of the last pronoun or definite description before ``start``."""
    pron = [x for x in _between(s.positions("back_pronouns"), lo, start)
            if not (x + 1 < len(s) and s.tokens[x + 1].is_cap) and not s.in_aside(x, start)
            and not (s.is_(x + 1, "copulas") and s.is_(x + 2, "dummy_it"))]  # "It is worth mentioning that"
    if not pron and lo == 0 < start and s.is_(0, "opening_pronouns") and (s.is_(1, "copulas")
                                                                          or s.low(1) in ("’s", "'s")):
        pron = [0]  # "That is about 18 km northeast of …": what the sentence before is about
    pron = pron or [x for x in _between(s.positions("site_pronouns"), lo, start)
                    if s.is_(x + 1, "copulas") and s.is_(x + 2, "site_verbs")]  # "we are located 880 klms N/W of"
    best = (pron[-1], None) if pron else None
    for x in reversed(_between(s.positions("back_determiners"), lo, start)):
        if best is not None and x < best[0]:
            break
        if s.in_aside(x, start):  # "It has an airport (in the centre of town) and is … 285 km from": 'it'
            continue
        h = s.any_in(x + 1, min(start, x + 2 + _BACK_WORDS), "back_heads")
        if h is not None and any(s.is_(k, "copulas") for k in range(x + 1, h)):
            h = None  # "The standoff was taking place": a verb ends the description before the head word
        if h is not None and not _named_by(s, h) and (s.low(x) in _DEMONSTRATIVES or not _name_before_head(s, x, h)):
            return x, h  # "this Castilian village": after 'this' the capitalised word describes, it names nothing
    return best


_DEMONSTRATIVES = frozenset({"this", "these", "that", "those"})


def _name_before_head(s: Sentence, x: int, h: int) -> bool:
    """'the Rechnitsa station', 'the Fukushima Dai-ichi nuclear complex': a name inside the
    description names the thing (not 'the mainly Sunni-populated capital', a compound adjective)."""
    return any(x < m.i and m.j <= h and not _compound_adjective(m.name) for m in s.mentions)


def _compound_adjective(name: str) -> bool:
    """'Sunni-populated', 'Shiite-majority', 'Russian-held': a capital word joined to a lower-case one."""
    head, _, tail = name.partition("-")
    return bool(tail) and " " not in name and tail[:1].islower()


def _between(pos: list[int], lo: int, hi: int) -> list[int]:
    """The entries of the sorted ``pos`` in ``[lo, hi)``."""
    return pos[bisect.bisect_left(pos, lo):bisect.bisect_left(pos, hi)]


def _named_by(s: Sentence, h: int) -> bool:
    """'the city of X', 'the town called X', 'the plant X': the description is a name's, not a reference."""
    nxt = h + 1 + (s.low(h + 1) in ("of", "called", "named"))
    if s.low(h + 1) == "of":  # "the centre of the eastern Košice": an article and a compass adjective before it
        nxt += s.low(nxt) == "the"
        nxt += s.low(nxt) in _DIRECTION_ADJECTIVES
    if nxt < len(s) and s.low(h + 1) == "of" and any(m.i == nxt and m.is_region for m in s.mentions):
        return False  # "the capital of Salaheddin province": a region locates it, the place is elsewhere
    return nxt < len(s) and s.tokens[nxt].is_cap


def _places_in(prev: Sentence) -> list[Mention]:
    return [m for m in prev.lenient_mentions if not m.is_region]


def _named_with(prev: Sentence, head: str | None) -> list[Mention]:
    """Names an earlier sentence gives with a town word or the reference's own word: 'the town of
    Sderot', 'the villages of X and Y', 'whose capital Wad Madani'."""
    def word(k: int) -> bool:  # a facility ("the base") is named with its own word only ("airbase" too)
        w = prev.low(k)
        return w == head or (head in _TOWN_HEADS | {None} and bool(prev.is_(k, "target_town_words"))) or \
            (head is not None and head not in _TOWN_HEADS and len(w) > 3 and (w.endswith(head) or head.endswith(w)))

    facility = head is not None and head not in _TOWN_HEADS
    # "a border city of Iran": of its country, no city's name
    places = [m for m in _places_in(prev) if facility or not LEXICON.names_a_country(m.name)]
    return [m for m in places if (prev.low(m.i - 1) in ("of", "called", "named") and word(m.i - 2)
                                            and not _ranked(prev, m.i - 3) and prev.low(m.i - 2) != "capital")
            or (word(m.i - 1) and not prev.tokens[m.i - 1].is_cap)
            or (prev.low(m.i - 1) in _NAMING_DASHES and word(m.i - 2))  # "The first Kyrgyz village — Ala-Too-1"
            or (head in _TOWN_HEADS and prev.low(m.j) == head and prev.low(m.i - 1) == "the")  # "the Kauji community"
            or (facility and (any(word(k) for k in _lower_run(prev, m.j)) or word(m.j - 1)
                              or any(word(k) for k in range(m.i, m.j))  # "the nearby RAAF Base Tindal"
                              or (m.feature or "").split()[-1:] == [head]))]
    # "the Engels base", "the Kaesong Industrial Park", "Astravyets" + "nuclear power plant"


def _ranked(s: Sentence, k: int) -> bool:
    """'the northernmost (city of Serbia)', 'the second largest (town of)': a rank before a town word makes the
    name after 'of' what it ranks in, not the town."""
    w = s.low(k)
    return w.endswith(("est", "most")) or bool(s.is_(k, "ranks"))


def _lower_run(s: Sentence, j: int) -> range:
    """Token indices of the lower-case words right after a name, up to _BACK_WORDS of them ("Haji Omran
    international border crossing")."""
    k = j
    while k < min(len(s), j + _BACK_WORDS) and s.tokens[k].kind == "word" and not s.tokens[k].is_cap:
        k += 1
    return range(j, k)


def _located_in(prev: Sentence, head: str | None = None) -> list[Mention]:
    """Names after in/at/near/to in an earlier sentence ("the radars in Vardø")."""
    return [m for m in _places_in(prev) if prev.is_(m.i - 1, "locating_before") or prev.low(m.i - 1) == "to"
            or (prev.low(m.i - 1) == "the" and prev.is_(m.i - 2, "locating_before"))]


def _antecedent(prev: Sentence, head: str | None = None, *, strict: bool = False) -> Mention | None:
    """The place an earlier sentence is about: its heading ("– Mosul: …"), else one it names with
    the same word ("the town of Sderot" for "this town"), else a name after in/at/near, else its
    first name."""
    return next(_antecedents(prev, head, strict=strict), None)


def _antecedents(prev: Sentence, head: str | None = None, *, strict: bool = False) -> Iterator[Mention]:
    """The places of an earlier sentence in the order :func:`_antecedent` prefers them, each once; a tier is
    read only when the ones before it are used up."""
    everything = _places_in(prev)
    # a name in parentheses is an aside ("Koh Kong town (Khmer: …) is the capital of …"): a referent last of all
    found = [m for m in everything if not prev.in_aside(m.i, len(prev))]
    heading = [m for m in found if prev.low(m.j) == ":" and (m.i == 0 or prev.low(m.i - 1) in _LIST_MARKS)]
    # a sentence's first word is a place only failing all else, unless it acts as one: "Kaliningrad,
    # sandwiched between Lithuania and Poland, is …" is about Kaliningrad
    opener = [m for m in found if m.i == 0 and m.j < len(prev) and prev.is_(m.j, "opener_ok_after")]
    if strict:  # "Luckily nobody was hit.": a first word that does not act as a place is none
        found = [m for m in found if any(prev.tokens[k].kind in ("word", "num") for k in range(m.i))
                 or m in opener or m in heading]
    inside = [m for m in found if m.i > 0]
    copula, named, located = (lambda: _copula_subject(prev, found)), (lambda: _named_with(prev, head)), \
        (lambda: _located_in(prev))
    if head is None:  # 'it': what the sentence is about (its subject) before a town it names ("the city of X")
        tiers = (lambda: heading, lambda: opener, copula, named, located, lambda: inside,
                 lambda: [] if strict else everything)
    else:
        tiers = (lambda: heading, named, lambda: opener, copula, located, lambda: inside, lambda: everything)
    seen: list[Mention] = []
    for m in (m for tier in tiers for m in tier()):
        if m not in seen:
            seen.append(m)
            yield m


def _copula_subject(prev: Sentence, found: list[Mention]) -> list[Mention]:
    """'The Ignalina nuclear power plant is the only …': the first name a copula follows (or ends the
    lower-case words after it) is what the sentence is about."""
    def after(m: Mention) -> int:  # past the feature words written after the name ("Kinmen Island is") and an
        k = m.j + (prev.low(m.j) in ("island", "isle"))  # apposition ("Windhoek, the capital of Namibia, is")
        close = next((x for x in range(k + 1, min(len(prev), k + _APPOSITION_SPAN)) if prev.low(x) == ","), None)
        return close + 1 if prev.low(k) == "," and close is not None and prev.is_(close + 1, "copulas") else k

    def asides(k: int) -> int:  # "Koh Kong town (Khmer: …) (transliterated as …) is"
        while prev.past_aside(k) != k:
            k = prev.past_aside(k)
        return k

    return [m for m in found
            if any(prev.is_(k, "copulas") for k in range(after(m), _lower_run(prev, after(m)).stop + 1))
            or prev.is_(asides(_lower_run(prev, after(m)).stop), "copulas")][:1]


def _names_moving(s: Sentence, m: Mention, at: int) -> bool:
    """'cyclone George', 'the Green Wattle Creek blaze', 'vessel, the Europa II,': the name right after or
    before the moving word (or in the apposition right after it) names it."""
    return m.i == at + 1 or m.j == at or (s.low(at + 1) == "," and s.low(at + 2) == "the" and m.i == at + 3)


def _placed(s: Sentence, m: Mention, segment: int) -> bool:
    """'(a wildfire that started) in northern Colorado (…), about 15 miles west of': a name after
    in/at/near places the moving thing, it is not the claim's subject; one right before the figure's
    segment is ("spotted near Tiraspol airfield, located 13 km from")."""
    if segment - m.j <= _FEATURE_GAP:
        return False
    k = m.i - 1 - (s.low(m.i - 1) in _DIRECTION_ADJECTIVES or s.low(m.i - 1) == "the")
    # … or it is an earlier figure's target ("The vessel was spotted 33 km from X and … 22 km from the island")
    return bool(s.is_(k, "locating_before")) or (bool(s.is_(k, "relations")) and s.tokens[k - 1].kind != "word"
                                                  or s.is_(k - 1, "units") > 0)


def _surname(s: Sentence, m: Mention, before: list[Sentence]) -> bool:
    """'Stephanie Villarosa ate … Instead, Villarosa was huddled …': a one-word name that ends a
    longer name earlier in the text (a person's full name, then the surname) is not a place; a
    place named after 'in', 'at' or 'near' still is."""
    if m.j - m.i != 1 or s.is_(m.i - 1, "locating_before"):
        return False
    key = m.name.lower()
    if any(key in prev.surnames for prev in before[:_ANTECEDENT_SENTENCES]):
        return True
    return s.surnames.get(key, len(s) + 1) <= m.i


def _unless_moving(s: Sentence, found: Found) -> Found:
    """A referent in the sentence itself that moves ("the center of Tropical Storm Khanun was located at …, which
    put it about 870 miles south-southeast of Okinawa"): its position at one moment, or a unit's, not a place."""
    a = found[0]
    inside = a is not None and a.span is not None and s.span.start <= a.span.start < a.span.end <= s.span.end
    moving = _moving_name(s, a) if inside else None
    if moving == "moving_positions":
        return None, "moving-position", f"{_POSITION}: {a.text}"
    if moving is not None:
        return None, "moving-subject", f"{_NO_PLACE}: {a.text} moves (troops, a unit)"
    return found


def _moving_name(s: Sentence, a: AnchorRef) -> str | None:
    """'Typhoon Glenda', 'cyclone George', 'the Green Wattle Creek blaze', 'the Baltic Fleet': the class
    of the moving thing's word in the name or right beside it, or None."""
    if a.span is None:
        return None
    i, j = s.index_at(a.span.start), s.index_at(a.span.end)
    return next((cls for cls in ("moving_things", "moving_positions")
                 if any(s.is_(x, cls) for x in range(max(0, i - 1), j + 1))), None)


def _subject(s: Sentence, places: list[Mention], ms: list[Mention]) -> Found:
    """The nearest place before the figure, with the name after it that may locate it; a name
    'on the X' (a river, a sea) gives way to a place named before it ("the port of Izmail on
    the Danube, 15 km from …")."""
    if len(places) >= 2 and _on_the(s, places[-1]):
        places = places[:-1]
    inside_between = [m for m in places if _in_between(s, m)]
    if inside_between and len(inside_between) < len(places):  # "Narva lies … between Estonia and Russia, lying 210 km"
        places = [m for m in places if m not in inside_between]
    located = _located_subject(s, places, ms)
    if located is not None:  # "The Mopa International Airport is located in Pernem taluka, North Goa, 35 km …"
        after = [m for m in places if m.i > located.i]
        locator = after[-1].name if after else None
        return _ref(located, locator=locator), "locator" if locator else "subject", None
    a, locator, part = places[-1], None, False
    if len(places) >= 2:
        p = places[-2]
        # the feature after a name is part of it ("Kudankulam nuclear power plant in Tirunelveli")
        after = p.j + (CLASSES.match(s.tokens, p.j, "features") if p.feature else 0)
        gap = [s.low(x) for x in range(after, a.i)]
        after_a = a.j + (s.low(a.j) == ".")  # "Warroad, Minn., about 20 miles east of …": an abbreviation's stop
        if gap == ["in"] or (gap == [","] and s.low(after_a) in (",", "is", "lies", "—")):
            a, locator = p, a.name
        elif len(gap) == 2 and s.is_(p.j, "part_words") and gap[1] == "of":
            a, locator, part = p, a.name, True  # "the Miyakoji area of Tamura, 140 miles …": a part of the town
        elif gap[:2] == [",", "in"] and s.low(a.j) == "," and all(w == "the" or w in _DIRECTION_ADJECTIVES
                                                                  for w in gap[2:]):
            a, locator = p, a.name  # "Jenin, in the northern West Bank, is roughly 50 miles north of …"
        elif len(gap) >= 3 and gap[0] == "," and gap[-1] == "of" and len(gap) <= _DESCRIPTION_WORDS + 2 \
                and (gap[1] in ("the", "a", "an") or s.is_(after + 1, "thing_heads") or gap[1] == "capital"):
            # "Mekele, the capital of Tigray, is 780 km …", "Mostar, capital of Herzegovina, is …":
            # the name the apposition is of
            a, locator = p, a.name
        elif any(s.is_(a.i - d, "locating_before") and p.j < a.i - d
                 and all(s.is_(x, "copulas") for x in range(p.j, a.i - d)) for d in (1, 2)):
            a, locator = p, a.name  # "Uzhgorod is situated in Western Ukraine, 4 km from …"
    regions = [m for m in ms if m.is_region]
    later = [r for r in regions if r.i > a.i]
    region = (later or regions or [None])[-1]
    if part:  # whose point is no stand-in for the part
        return replace(_ref(a, region=region, locator=locator), settlement=True), "locator", None
    nearest_first = [m for m in reversed(places) if m is not a]
    return _with_fallbacks(_ref(a, region=region, locator=locator), nearest_first), \
        "locator" if locator else "subject", None


def _on_the(s: Sentence, m: Mention) -> bool:
    """'on the Danube', 'on the highway Baku-Guba': a river, a sea or a road the place before it lies on."""
    k = m.i - 1 - (s.tokens[m.i - 1].kind == "word" and not s.tokens[m.i - 1].is_cap and s.low(m.i - 1) != "the")
    return s.low(k) == "the" and s.low(k - 1) == "on"


def _in_between(s: Sentence, m: Mention) -> bool:
    """A name in a 'between A and B' phrase ("lies between the European Union/Estonia and Russia"): it locates
    the subject, it is not the subject."""
    at = s.last_in(max(0, m.i - _BETWEEN_WORDS), m.i, "between_words")
    return at is not None and all(s.low(x) not in (",", ";") for x in range(at, m.i))


def _located_subject(s: Sentence, places: list[Mention], ms: list[Mention]) -> Mention | None:
    """The clause's first place when it is said to be located in the others ("X is located in A, B, 35 km
    from …", "The Bushehr Nuclear Power Plant is located in Iran 17 km southeast of …"): only copulas,
    'in'/'at'/'near', commas, region words and the names follow it; None otherwise."""
    if len(places) > 1 and places[1].i == places[0].j and places[1].name == places[0].name:
        ms, places = ms[1:], places[1:]  # "Zwoleń Zwoleń is …": a page's heading run into its first sentence
    if len(ms) < 2 or ms[0] is not places[0]:
        return None
    first, k = places[0], places[0].j
    k += CLASSES.match(s.tokens, k, "features") if first.feature else 0
    k = s.past_aside(s.past_aside(k))  # "Zwoleń [ˈzvɔlɛɲ] (Yiddish: Zvolin) is …"
    n = 0
    while k < len(s) and s.is_(k, "copulas"):
        k, n = k + 1, n + 1
    k = _past_a_town(s, k) if n else k  # "Zwoleń is a town in eastern Poland, in Masovian Voivodeship, 30 km …"
    if not n or not s.is_(k, "locating_before"):
        return None
    inside = {x for m in ms[1:] for x in range(m.i, m.j)}
    end = ms[-1].j
    ok = all(x in inside or s.low(x) in (",", "the", "of") or s.is_(x, "region_words") or s.is_(x, "locating_before")
             or s.low(x) in _DIRECTION_ADJECTIVES or s.tokens[x].is_cap for x in range(k, end))
    # "on the West Coast of the Western Cape, South Africa"

    return first if ok else None


def _past_a_town(s: Sentence, k: int) -> int:
    """The token after 'a (small) town' at ``k`` ("X is a town in …": the clause says where X lies), else ``k``."""
    if s.low(k) not in ("a", "an"):
        return k
    town = next((x for x in range(k + 1, min(len(s), k + 4)) if s.is_(x, "target_town_words")), None)
    ok = town is not None and all(s.tokens[x].kind == "word" and not s.tokens[x].is_cap for x in range(k + 1, town))
    return town + 1 if ok else k


def _opening_subject(s: Sentence, end: int, before: list[Sentence]) -> Found | None:
    """The subject after a sentence's opening phrase ("Lying just 280 km from Kuwait city, the nuclear plant at
    Bushehr …", "Located 350 km from Baghdad, …, it had …"): what 'it' or the description refers to; an indefinite
    thing built to stay ("Situated 60km north of Dar es Salaam, a two-berth harbour is to be constructed") is an
    unnamed anchor a user can mark."""
    ahead = _reference_after(s, end)
    held = _held_in(s, ahead[1]) if ahead is not None and ahead[1] is not None else None
    if held is not None:
        return held, "back-reference", None
    if ahead is not None:
        return _referent(s, *ahead, before, None)
    k = next((k for k in range(end + 1, len(s)) if s.low(k - 1) == ","), None)
    h = s.any_in(k + 1, min(len(s), k + 2 + _DESCRIPTION_WORDS), "fixed_heads") \
        if k is not None and s.low(k) in _ARTICLES else None
    if h is None or s.any_in(k + 1, h, "impermanent") is not None or not all(
            s.tokens[x].kind == "punct" or (s.tokens[x].kind == "word" and not s.tokens[x].is_cap)
            for x in range(k + 1, h)):
        return None
    h += s.is_(h, "fixed_heads")
    return AnchorRef(s.chars(k, h), s.span_of(k, h), s.low(h - 1), unnamed=True), "unnamed-thing", None


def _reference_after(s: Sentence, end: int) -> tuple[int, int | None] | None:
    """'Located 350 km from Baghdad, …, it had …', 'Some 380 km north of Baghdad, it is …': the
    subject after a comma that ends the sentence's opening phrase is 'it' or a description
    ("the base"): (its index, its head's index or None)."""
    for k in range(end + 1, len(s)):
        if s.low(k - 1) != ",":
            continue
        if s.low(k) == "it" and k + 1 < len(s) and s.tokens[k + 1].kind == "word":
            return k, None
        if s.is_(k, "back_determiners"):
            h = s.any_in(k + 1, min(len(s), k + 2 + _BACK_WORDS), "back_heads")
            if h is not None and not _named_by(s, h):
                return k, h
    return None


def _named_after(s: Sentence, end: int) -> Mention | None:
    """', Chernihiv …', 'is Sderot', ', the town of Amatrice' right after the claim; or, for an
    opening phrase ("Located … 83km south of X and 26km north of Y, Tyre is …"), the first name
    after a comma later in the sentence."""
    k = end + (s.low(end) == ",")
    k += bool(s.is_(k, "copulas"))
    found = _name_at(s, k)
    # not a name joined to another figure: "south of Brandon, Manitoba, and 25 km from …" (the target's state)
    a = found.j + (s.low(found.j) == ",") if found is not None else 0
    if found is not None and not (s.low(a) == "and" and any(s.tokens[x].kind == "num" and s.is_(x + 1, "units")
                                                             for x in range(a + 1, min(len(s), a + 4)))):
        return found
    if s.is_(end, "locating_before"):  # "About 110 km east of Baku in the … Caspian Sea is Neft Daslari"
        cop = next((x for x in range(end, len(s)) if s.is_(x, "copulas") or s.low(x) in _CLAUSE_ENDS | {","}), None)
        if cop is not None and s.is_(cop, "copulas"):
            at = cop + 1 + (s.low(cop + 1) == "the")
            found = s.place_at.get(at)
            if found is not None:
                return found
    later = next((m for m in s.mentions if m.i > end and _after_comma(s, m.i) and not m.is_region
                  and s.is_(m.j, "copulas")), None)
    if later is not None:
        return later
    after_commas = [m for c in range(end, len(s)) if s.low(c) == "," and (m := _name_at(s, c + 1)) is not None]
    # "Located 20 km from Hungary, 80 km from Ukraine …, the centre of the eastern Košice is …"
    found = next((m for m in after_commas if s.is_(m.j, "copulas")), None)
    if found is None and s.is_(0, "copulas"):  # "Located 80 miles west of …, Uvalde straddles …": any verb
        found = next((m for m in after_commas if m.j < len(s) and s.tokens[m.j].kind == "word"
                      and not s.tokens[m.j].is_cap), None)
    cop = next((x for x in range(end, len(s)) if s.low(x - 1) == "," and s.is_(x, "copulas")), None)
    if found is None and cop is not None:  # "About 75 km south of X, and 25 km from Y, is the … community of Z"
        found = _name_at(s, cop + 1)
    return found


def _name_at(s: Sentence, k: int) -> Mention | None:
    """The place named at token ``k``, after 'the' and a town word or part ('the town of Amatrice', 'the centre
    of the eastern Košice')."""
    the = s.low(k) == "the"
    k += the
    j = next((x for x in range(k, min(len(s), k + 4)) if s.tokens[x].kind != "word" or s.tokens[x].is_cap
              or s.is_(x, "target_town_words") or s.low(x) in LEXICON.stop_words), k)
    k = j if the and s.is_(j, "target_town_words") and s.low(j + 1) == "of" else k  # "the small rural community of"
    if (s.is_(k, "target_town_words") or s.is_(k, "town_parts")) and s.low(k + 1) == "of":
        k += 2
        k += s.low(k) == "the"
        k += s.low(k) in _DIRECTION_ADJECTIVES
    return s.place_at.get(k)


def _after_comma(s: Sentence, i: int) -> bool:
    """A comma before token ``i``, or before one or two lower-case words that describe the name ('…, low-slung
    Odessa is …', '…, sleepy Kasos is'): no preposition, pronoun or verb of being among them."""
    for k in (i - 1, i - 2, i - 3):
        if s.low(k) == ",":
            return True
        t = s.tokens[k] if k >= 0 else None
        if t is None or t.kind != "word" or t.is_cap or s.is_(k, "copulas") or s.is_(k, "locating_before") \
                or s.is_(k, "relations") or s.low(k) in LEXICON.stop_words:
            return False
    return False

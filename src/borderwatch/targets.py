"""What a figure is measured to, read from the tokens after its relation word.

The target phrase runs from the token after "from"/"of"/"off" to the end of its clause
(punctuation, or a word that opens a new clause or thing: the lexicon's
``target_stops``), and is read by kind, in this order: a region ("Ukraine’s Chernihiv
region", "the region of Kharkiv"); "the border with X (and Y)"; a line (front line, DMZ,
line of control); a border ("the Russian border", "Ukraine’s border"); a coast ("the
coast of X", "the French coast"); a named town ("the Chinese city of Xiamen", "the
capital, Sumy", "Kharkiv"); a town word alone ("the capital").

>>> from borderwatch.tagging import Sentence
>>> from borderwatch.model import Span
>>> t = "from the border with Ukraine’s Chernihiv region and 90 km"
>>> ref, end = read_target(Sentence(t, Span(0, len(t))), 1)
>>> (ref.kind.value, ref.name, ref.countries)
('region', 'Chernihiv', ('Ukraine',))
"""

from __future__ import annotations

from .lexicon import LEXICON
from .model import TargetKind, TargetRef
from .names_in_text import names_a_thing, runs
from .tagging import Sentence

__all__ = ["read_target", "phrase_end"]

_OPEN = frozenset({"with", "of", "’s", "'s", "-"})
_CAPITALS_MIN = 5
_BORDER_ADJECTIVES = frozenset({"land", "common", "shared", "northern", "southern", "eastern", "western"})
_PUNCT_STOP = frozenset(",;:()[]—–!?\"“”")


def phrase_end(s: Sentence, k: int) -> int:
    """The end of the target phrase that starts at token ``k`` (exclusive)."""
    j = k
    while j < len(s):
        t = s.tokens[j]
        if t.kind == "num" or t.text in _PUNCT_STOP:
            break
        if t.text == "." and not ((s.is_(j - 1, "name_abbreviations") or s.is_(j - 1, "region_prefixes"))
                                  and j + 1 < len(s) and s.tokens[j + 1].is_cap):
            break
        if j > k and s.is_(j, "target_stops") and not _kept(s, j):
            break
        j += 1
    return j


def _kept(s: Sentence, j: int) -> bool:
    """'with' after a border word ("the border with Russia"), and 'and' between the countries
    it names ("the border with Russia and Belarus", "the border between Croatia and Bosnia"), stay in
    the phrase."""
    if s.low(j) == "with":
        return bool(s.is_(j - 1, "target_border"))
    nxt = j + 1 + (s.low(j + 1) == "the")  # "the border between Morocco and the Western Sahara"
    if s.low(j) != "and" or not (nxt < len(s) and s.tokens[nxt].is_cap):
        return False
    w = next((x for x in range(j - 1, max(-1, j - 5), -1) if s.low(x) in ("with", "between")), None)
    return w is not None and bool(s.is_(w - 1, "target_border"))


def read_target(s: Sentence, k: int) -> tuple[TargetRef | None, int]:
    """(the target the phrase at token ``k`` names, the token after it), or (None, k)."""
    end = phrase_end(s, k)
    if end == k or _gerund(s, k):
        return None, k
    for reader in (_region, _border_with, _line, _road, _border, _coast, _place):
        ref = reader(s, k, end)
        if ref is not None:
            ref = _crossing_at(s, k, end, ref) if ref.kind is TargetKind.BORDER else ref
            return ref, _ref_end(s, ref, end)
    return None, k


def _crossing_at(s: Sentence, k: int, end: int, ref: TargetRef) -> TargetRef:
    """'the Greek border at Kakavija': the crossing at the place named after 'at', a point (the border
    alone is a line along its whole length)."""
    m = s.place_at.get(end + 1) if s.low(end) == "at" else None
    if m is None or m.is_region:
        return ref
    return _ref(s, TargetKind.PLACE, k, m.j, name=m.name)


def _gerund(s: Sentence, k: int) -> bool:
    """'only 6 km from reaching the base': a verb after the relation, so what follows is no target."""
    w = s.low(k)
    return len(w) > 5 and w.endswith("ing") and not s.tokens[k].is_cap and s.low(k + 1) in _DETERMINERS


_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that"})


def _ref_end(s: Sentence, ref: TargetRef, end: int) -> int:
    return max(end, s.index_at(ref.span.end) if ref.span else end)


def _words(s: Sentence, k: int, end: int) -> list[str]:
    return [s.low(x) for x in range(k, end)]


def _ref(s: Sentence, kind: TargetKind, k: int, end: int, **kw) -> TargetRef:
    return TargetRef(kind, s.chars(k, end), span=s.span_of(k, end), **kw)


def _region(s: Sentence, k: int, end: int) -> TargetRef | None:
    if "capital" in _words(s, k, end):
        return None
    for i, j in runs(s, k, end):
        if (s.is_(i, "region_prefixes") and j - i > 1) or (s.low(i - 1) == "." and s.is_(i - 2, "region_prefixes")):
            first = i + (j - i > 1 and bool(s.is_(i, "region_prefixes")))  # "County Donegal", "Co. Donegal"
            return _ref(s, TargetKind.REGION, k, end, name=s.chars(first, j))
        if s.is_(j, "region_words") or (j - i > 1 and s.is_(j - 1, "region_words")):
            name_end = j if s.is_(j, "region_words") else j - 1
            cc = _possessor(s, k, i) or _of_country(s, j + 1, end)
            return _ref(s, TargetKind.REGION, k, end, name=s.chars(i, name_end), countries=(cc,) if cc else ())
        if s.is_(i - 2, "region_words") and s.low(i - 1) == "of":
            return _ref(s, TargetKind.REGION, k, end, name=s.chars(i, j))
    return None


def _possessor(s: Sentence, k: int, i: int) -> str | None:
    """'Ukraine’s' before a name: the country that owns it."""
    if i - 2 >= k and s.low(i - 1) in ("’s", "'s") and s.tokens[i - 2].is_cap:
        return s.tokens[i - 2].text
    return None


def _of_country(s: Sentence, k: int, end: int) -> str | None:
    if s.low(k) != "of":
        return None
    found = runs(s, k + 1, end)
    return s.chars(*found[0]) if found else None


def _border_with(s: Sentence, k: int, end: int) -> TargetRef | None:
    b = k + (s.low(k) == "the")
    b += s.low(b) in _BORDER_ADJECTIVES  # "the land border with Greece's Evros region"
    n = s.is_(b, "target_border")
    if not n or s.low(b + n) not in ("with", "of", "between"):
        return None
    found = runs(s, b + n + 1, end)
    names = [s.chars(i, j) for i, j in found if not s.is_(j, "region_words")] or [s.chars(*r) for r in found]
    if not names:  # "the land border with Greece's Evros region": with Greece (its region locates the border)
        return None
    return _ref(s, TargetKind.BORDER, k, end, name=f"border with {' and '.join(names)}", countries=tuple(names),
                either=True)


def _town_named_after(s: Sentence, at: int, end: int) -> bool:
    """'the frontline city of Bakhmut', 'the Ukrainian border town of Vovchansk': the line or border
    word only describes the town named after it."""
    town = s.any_in(at + 1, min(end, at + 3), "target_town_words")
    return town is not None and s.low(town + 1) == "of" and town + 2 < end and s.tokens[town + 2].is_cap


def _line(s: Sentence, k: int, end: int) -> TargetRef | None:
    at = s.any_in(k, end, "target_line")
    if at is None or _town_named_after(s, at, end):
        return None
    return _ref(s, TargetKind.LINE, k, end, name=s.chars(k, end))


def road_at(s: Sentence, at: int) -> int:
    """The end of a road's name whose road word is at token ``at`` ("Interstate 35", "Kansas Highway 14", "Briley
    Parkway", "the highway between …"), or 0 when the word names no road here ("Road Town": a capitalised word
    after it makes it part of a town's name)."""
    n = s.is_(at, "road_names")
    if not n:
        return 0
    after = at + n
    if after < len(s) and s.tokens[after].kind == "num" and s.tokens[at].is_cap:
        return after + 1  # "Route 66", "Highway 14"
    return 0 if after < len(s) and s.tokens[after].is_cap else after


def _road(s: Sentence, k: int, end: int) -> TargetRef | None:
    """A road ('3 miles west of Kansas Highway 14', 'only 12 miles from Briley Parkway'): a line the embedded data
    does not have (a town on it is no stand-in for its nearest point)."""
    at = s.any_in(k, end, "road_names")
    stop = road_at(s, at) if at is not None else 0
    if not stop or any(s.is_(x, "target_town_words") for x in range(k, at)):
        return None  # "the town on the highway": the town's
    return _ref(s, TargetKind.LINE, k, max(stop, at + 1), name=s.chars(k + (s.low(k) in _DETERMINERS), stop))


def _border(s: Sentence, k: int, end: int) -> TargetRef | None:
    at = s.any_in(k, end, "target_border")
    if at is None or _town_named_after(s, at, end):
        return None
    if s.tokens[at].is_cap and at + 1 < end and s.tokens[at + 1].is_cap and s.is_(at + 1, "not_place_heads"):
        return None  # "three Border Patrol checkpoints", "the Border Guard Service": a body's name, no border
    c = _caps_before(s, k, at)
    if s.is_(at + s.is_(at, "target_border"), "target_border_points"):  # "the Rafah border crossing": a point on it
        own = c and _split_and(c)[0].lower() not in LEXICON.country_adjectives and not c.endswith(("’s", "'s"))
        town = c if own else None  # a town's name, not a country's adjective ("the Russian border crossing")
        return _ref(s, TargetKind.PLACE, k, end, name=town)
    return _ref(s, TargetKind.BORDER, k, end, name=f"{c} border" if c else None, countries=_split_and(c))


def _caps_before(s: Sentence, k: int, at: int) -> str | None:
    """The capitalised words right before a border word: 'the Russian border', 'Ukraine’s border',
    'the Russia-Ukraine border' (adjectives count here: the resolver reads them)."""
    j = at - (s.low(at - 1) in ("’s", "'s"))
    i = j
    while i > k and s.tokens[i - 1].is_cap and s.low(i - 1) != "the":
        i -= 1
    return s.chars(i, j) if i < j else None


def _split_and(c: str | None) -> tuple[str, ...]:
    """'Russia-Ukraine' -> ('Russia', 'Ukraine'); 'Russia and Belarus' -> ('Russia', 'Belarus')."""
    if not c:
        return ()
    parts = [p for chunk in c.split(" and ") for p in chunk.split("-")]
    if len(parts) > 1 and not all(p[:1].isupper() for p in parts):
        return (c,)
    return tuple(p for p in parts if p)


def _coast(s: Sentence, k: int, end: int) -> TargetRef | None:
    at = s.any_in(k, end, "target_coast")
    if at is None:
        return None
    named = runs(s, k, end)
    name = s.chars(*named[0]) if named else None
    if name is None:  # "the Ukrainian coast": a country's adjective (a stop word in names) says whose
        name = next((s.tokens[x].text for x in range(k, at) if s.low(x) in LEXICON.country_adjectives), None)
    return _ref(s, TargetKind.COAST, k, end, name=name, countries=(name,) if name else ())


def _place(s: Sentence, k: int, end: int) -> TargetRef | None:
    town = s.last_in(k, end, "target_town_words")
    found = [r for r in runs(s, k, end) if not names_a_thing(s, *r)] or _capitals_at(s, k, end) or [
        r for r in runs(s, k, end) if s.low(k) != "the" and r[1] - r[0] > 1 and s.tokens[r[1] - 1].is_cap
        and s.is_(r[1] - 1, "landform_town_tails")]  # "northwest of Watson Lake": a town's name, or a lake's
    # "the District headquarters at Longido": a region's word alone, in capitals, names no place
    found = [r for r in found if not _landform_named(s, *r) and not all(s.is_(x, "region_words") for x in range(*r))]
    named = [r for r in found if town is None or r[0] > town] or found
    if named:
        i, j = named[0]
        return _ref(s, TargetKind.PLACE, k, max(end, j), name=s.chars(i, j), locator=_locator_after(s, max(end, j)))
    territory = s.any_in(k, end, "target_territory")
    if territory is not None and s.low(territory - 1) in LEXICON.country_adjectives and s.low(k - 1) != "into":
        # "10 km inside Russian territory": the country, measured to its border ("into": a depth, a range)
        return _ref(s, TargetKind.PLACE, k, end, name=s.tokens[territory - 1].text)
    if s.any_in(k, end, "target_generic_town") is not None:
        app = _apposition(s, end)
        if app:
            return _ref(s, TargetKind.PLACE, k, app[1], name=s.chars(*app))
    if s.is_(k, "person_openers") or ((s.is_(k, "target_town_words") or s.is_(k, "downtown")) and end == k + 1):
        return _ref(s, TargetKind.PLACE, k, end, name=None)  # "15 metres from us", "only 7km from town"
    if (s.tokens[k].kind == "num" or s.low(k) in LEXICON.number_words) and any(
            s.tokens[x].kind == "word" and not s.tokens[x].is_cap for x in range(k + 1, end)):
        return _ref(s, TargetKind.PLACE, k, end, name=None)  # "within 30 miles of three Border Patrol checkpoints"
    if s.low(k) in ("the", "a", "an", "this", "that"):
        at = _described_at(s, end)
        if at:  # "the submarine bases that are clustered around Polyarny": the town that places them
            return _ref(s, TargetKind.PLACE, k, at[1], name=s.chars(*at))
        # "a quake-stricken atomic power plant", "the enclave": a thing the text does not name.
        return _ref(s, TargetKind.PLACE, k, end, name=None)
    return None


def _landform_named(s: Sentence, i: int, j: int) -> bool:
    """'the river Ouse', 'river Sabaki', 'the River Ouse', 'the Ouse river': the name of a landform whose word
    comes before it (in lower case, or in capitals after 'the': 'Lake Charles' alone is a town) or after it in
    lower case."""
    if (s.is_(i - 1, "landforms_before") and not s.tokens[i - 1].is_cap) or \
            (j < len(s) and s.is_(j, "landforms_after") and not s.tokens[j].is_cap):
        return True
    return j - i > 1 and bool(s.is_(i, "landforms_before")) and s.low(i - 1) == "the"


def _capitals_at(s: Sentence, k: int, end: int) -> list[tuple[int, int]]:
    """'825 km SW of WELLINGTON, New Zealand': a bulletin's name in capitals, as the whole target
    phrase (one word of _CAPITALS_MIN letters or more: shorter ones are acronyms, "NATO", "USGS")."""
    k += s.low(k) == "the"
    t = s.tokens[k] if k < len(s) else None
    if t is None or end != k + 1 or t.kind != "word" or not t.text.isupper() or len(t.text) < _CAPITALS_MIN:
        return []
    return [(k, k + 1)]


def _locator_after(s: Sentence, end: int) -> str | None:
    """'north of Portland, Maine': the name right after the target's comma, closed by punctuation or
    the sentence's end (the resolver keeps it only if it names a state or a country)."""
    if s.low(end) != ",":
        return None
    found = runs(s, end + 1, min(len(s), end + 5))
    if not found or found[0][0] != end + 1:
        return None
    i, j = found[0]
    return s.chars(i, j) if j >= len(s) or s.tokens[j].kind == "punct" else None


def _described_at(s: Sentence, end: int) -> tuple[int, int] | None:
    """The name after an unnamed thing that places it: "(that are clustered) around X", "near X"."""
    k = end + (s.low(end) in LEXICON.classes["relative_pronouns"])
    k += bool(s.is_(k, "copulas"))
    k += k < len(s) and s.tokens[k].kind == "word" and s.low(k).endswith("ed")
    if s.low(k) not in LEXICON.classes["locating_before"] or s.low(k) in ("into", "on"):
        return None
    found = runs(s, k + 1 + (s.low(k + 1) == "the"), min(len(s), k + 6))
    if not found or found[0][0] > k + 2 or names_a_thing(s, *found[0]) or s.is_(found[0][1], "region_words"):
        return None  # "a village in Chernihiv region" lies somewhere in it
    return found[0]


def _apposition(s: Sentence, end: int) -> tuple[int, int] | None:
    """', Sumy' right after 'the region capital': the name it stands for."""
    if s.low(end) != ",":
        return None
    k = end + 1 + (s.low(end + 1) == "the")
    found = runs(s, k, min(len(s), k + 4))
    return found[0] if found and found[0][0] == k else None

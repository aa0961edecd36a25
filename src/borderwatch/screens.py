"""The screening rules: is a figure a distance between two places at all?

A figure is set aside (a NonClaim with the rule's id, see attach.RULES) when the words
around it make it the size of a thing, a rate, an advance or a length; it becomes a
claim of kind route (listed, never checked as a straight line) when a route word stands
in its clause. Only words of the lexicon's classes are read, within the figure's clause.

>>> from borderwatch.tagging import Sentence
>>> from borderwatch.model import Span
>>> from borderwatch.figures import figures
>>> t = "A Russian convoy 40 miles long was seen."
>>> s = Sentence(t, Span(0, len(t)))
>>> screen(s, figures(s)[0]).rule
'size'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .figures import Figure
from .lexicon import LEXICON
from .tagging import Sentence
from .targets import road_at

if TYPE_CHECKING:
    from .attach import SetAside

__all__ = ["screen", "route_reason"]

_BEFORE = 4  # words before a figure a screen reads: "advanced a further 10 km", "a stretch of some 40 km"
_AFTER = 8  # words after a claim a route word may stand in: "… 9,009 miles, it's the longest non-stop"
_STRAIGHT_BEFORE = 6  # words before a figure that make it a straight line: "and by straight line - 1,237 km"
_UPPER = frozenset(LEXICON.hedges["upper"])
_CURRENCY = frozenset("$£€¥₹₽")
_SEGMENT_ENDS = frozenset({";", ":", ",", "(", "—"})


def _aside(why: str, rule: str) -> "SetAside":
    from .attach import SetAside

    return SetAside(why, rule)


def _window(s: Sentence, fig: Figure) -> tuple[int, int]:
    k = s.last_of(fig.i, _SEGMENT_ENDS)
    lo = 0 if k is None else k + 1
    return max(lo, fig.i - _BEFORE), fig.i


def screen(s: Sentence, fig: Figure) -> "SetAside | None":
    """The SetAside for a figure that is no distance between places, or None."""
    if fig.ambiguous:
        return _aside(f"ambiguous number {fig.ambiguous!r}: a decimal comma or a thousands separator? "
                      "borderwatch does not guess", "ambiguous-number")
    k = fig.j
    if fig.symbol_m and (not _relation_after(s, k) or s.low(fig.num - 1) in _CURRENCY):
        return _aside("'m' after a figure: metres or millions? read as metres only when a distance word "
                      "follows ('300m from the fence')", "ambiguous-m")
    if s.is_(k, "size_after") and s.low(k + s.is_(k, "size_after")) not in ("from", "of"):
        return _aside("a length or size of a thing (long, wide, deep, high), not a distance between places", "size")
    if s.is_(k, "rate_after") or (s.low(k) == "/" and s.low(k + 1) == "h"):
        return _aside("a speed or a rate, not a distance between places", "rate")
    lo, hi = _window(s, fig)
    if s.any_in(lo, hi, "advance_words") is not None:
        return _aside("an advance, not a distance between places", "advance")
    if _border_length(s, fig):
        return _aside("the length of a border a country shares ('borders with X (255km), Y (813km)'), not a "
                      "distance between places", "length")
    if s.any_in(lo, hi, "length_before") is not None or s.any_in(lo, hi, "area_before") is not None \
            or (s.any_in(lo, hi, "length_nouns") is not None and not _relation_after(s, k)):
        return _aside("a length or an area of a thing, not a distance between places", "length")
    if fig.joined and not _relation_after(s, k) and s.any_in(k, k + 2, "route_words") is None:
        return _aside("a length of a thing (a figure joined to its noun: 'the 620-mile front line')",
                      "length-compound")
    if s.low(k) == "of" and fig.hedge not in _UPPER:
        return _aside("a length of something ('45 km of the border'), not a distance to it", "length-of")
    return None


_ROAD_WORDS = 4  # words from 'along' to its road: 'along the Trans-Canada Highway'


def _relation_after(s: Sentence, k: int) -> bool:
    return bool(s.is_(k, "relations") or s.is_(k, "away_words") or s.is_(k, "directions")
                or s.is_(k, "apart_words"))


def route_reason(s: Sentence, fig: Figure, end: int) -> str | None:
    """Why the figure is a route (a drive, a road, a flight), or None when nothing says so."""
    lo, hi = _window(s, fig)
    if s.any_in(max(0, fig.i - _STRAIGHT_BEFORE), fig.j, "straight_words") is not None:
        return None  # "… by road is 1,593 km, and by straight line - 1,237 km"
    after_end = _segment_end(s, max(end, fig.j))
    near = (_route_word(s, lo, hi) or _route_word(s, fig.j, after_end)
            or s.any_in(0, fig.i, "route_markers") is not None
            or s.any_in(fig.j, after_end, "route_markers") is not None
            or _travel_time(s, max(end, fig.j)) or _along_road(s, fig.j, after_end) or _legs_of(s, fig, end))
    if not near:
        return None
    return "a route (a drive, a road, a journey or a flight): a straight line cannot check it"


def _border_length(s: Sentence, fig: Figure) -> bool:
    """'Zimbabwe has borders with South Africa (255km), Botswana (813km) …': a figure alone in brackets after a
    name, in a sentence that names borders shared with the names (lexicon shared_border_words) before it."""
    return s.low(fig.i - 1) == "(" and s.low(fig.j) == ")" and fig.i >= 2 and s.tokens[fig.i - 2].is_cap \
        and s.any_in(0, fig.i, "shared_border_words") is not None


def _legs_of(s: Sentence, fig: Figure, end: int) -> bool:
    """'A journey of three phases, 110 km from Plumtree to Bulawayo, 130 km from …': a sentence that opens with a
    word of travel, and a figure 'from X to Y' in it: a leg of that journey."""
    opens = s.is_(0, "route_words") or (s.low(0) in ("a", "an", "the", "our", "my") and s.is_(1, "route_words"))
    return bool(opens) and s.low(fig.j) == "from" and any(s.low(x) == "to" for x in range(fig.j + 2, end))


def _route_word(s: Sentence, lo: int, hi: int) -> bool:
    """A word of travel in ``[lo, hi)``, but not a road's name ("2 miles south of Route 66": a distance to it)."""
    return any(lo <= k < hi and not (s.tokens[k].is_cap and road_at(s, k)) for k in s.positions("route_words"))


def _along_road(s: Sentence, lo: int, hi: int) -> bool:
    """'… 91 kilometers from Phnom Penh along National Road 5': 'along' and a road within the claim's segment."""
    return any(s.low(k) == "along" and s.any_in(k + 1, min(hi, k + 1 + _ROAD_WORDS), "road_words") is not None
               for k in range(lo, hi))


def _travel_time(s: Sentence, k: int) -> bool:
    """'… between Tashkent and Bukhara in approximately 3 hours 47 minutes': right after the claim, 'in' and
    a time (a hedge may stand before the number) says how long the journey takes."""
    if s.low(k) != "in":
        return False
    k += 1 + s.is_(k + 1, "hedges")
    return s.tokens[k].kind == "num" and bool(s.is_(k + 1, "durations")) if k < len(s) else False


def _segment_end(s: Sentence, k: int) -> int:
    """The end of the segment (up to the next comma, semicolon or dash) after token ``k``, at most
    _AFTER tokens on: "At 9,009 miles, it's the longest non-stop …" reads to "non-stop"."""
    stop = min(len(s), k + _AFTER)
    nxt = next((x for x in range(k, stop) if (x > k and s.low(x) in (";", ":", "—"))
                or (s.low(x) == "," and s.low(x + 1) in _NEW_CLAUSE)
                or (s.low(x) in ("and", "but") and s.low(x + 1) in _SUBJECT_PRONOUNS)
                or (s.low(x) == "and" and bool(s.is_(x + 1, "have_verbs")))), stop)  # "… and has easy access along"
    return nxt


# ", so the journey by car … will take no more than 2 hours": a conjunction after a comma opens another clause
_NEW_CLAUSE = frozenset({"so", "but", "while", "whereas", "although", "though", "yet"})
# "… is 3 km from the city and it has bus and taxi services": 'and' before a subject pronoun opens another clause
_SUBJECT_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you", "there"})

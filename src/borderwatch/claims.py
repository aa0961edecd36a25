"""Text to distance claims: no geography here, only what the words say.

The extractor works in stages, each reading the one before it:

1. :func:`sentences` splits the text (a full stop before a capital, unless it closes an
   abbreviation from the lexicon);
2. tagging.py tokenises each sentence once, with character spans, and gives tokens the
   lexicon's word classes; names_in_text.py finds the names that may be places;
3. figures.py reads the figures: numbers (digits, spelled out, fractions, ranges) with a
   length unit, their hedge and the conversion beside them;
4. attach.py's named rules (screens.py, targets.py, anchors.py) decide for each figure
   whether it is a distance between places, what it is measured to and from where —
   or set it aside with the reason. Each claim records its rules' ids.

Every regular expression has bounded repetition; sentences are at most
settings.MAX_SENTENCE_CHARS characters and input longer than settings.MAX_INPUT_CHARS
is refused.

>>> claims, _ = extract("Kharkiv is about 30 km from the Russian border.")
>>> (claims[0].anchor_text, claims[0].value, claims[0].hedge, claims[0].target.kind.value, claims[0].rules)
('Kharkiv', 30.0, 'about', 'border', ('relation', 'subject'))
"""

from __future__ import annotations

import itertools
import re

from .attach import Reading, SetAside, read
from .errors import InputError
from .figures import Figure, figures, parse_number, small_measures, unit_of_word
from .lexicon import LEXICON, alternation
from .model import Claim, NonClaim
from .model import Span
from .settings import MAX_INPUT_CHARS, MAX_LENGTH_FIGURES, MAX_SENTENCE_CHARS
from .tagging import Sentence

__all__ = ["parse_number", "sentences", "extract", "unit_of_word"]

_UNIT_WORD = re.compile(LEXICON.figure_pattern(), re.IGNORECASE)
# A sentence is read only when a unit word stands in it, right after a digit too ("1,000km").
_HAS_UNIT = re.compile(
    rf"(?:(?<=\d)|\b){alternation(LEXICON.units)}\b"
    rf"|(?<=\d)\s?{alternation((*LEXICON.after_figure, *LEXICON.classes['small_units']))}\b", re.IGNORECASE)
_SMALL = "a measure in centimetres, millimetres or inches: too small to be a distance between places"
_SENT_END = re.compile(r"[.!?]{1,5}[\"”’')\]]{0,3}(?=\s{1,20}(?:[–—•]\s{1,3})?[\"“‘(\[]{0,3}[A-Z0-9]|\s{0,20}$)|\n")
_ABBREV = re.compile(rf"(?:\b{alternation(LEXICON.classes['abbreviations'])}|\b[a-z]\.[a-z]|\b[A-Z])$", re.IGNORECASE)
_ANTECEDENT_SENTENCES = 5  # earlier sentences a back-reference may reach (the corpus labels give up to three, which quotes split)


def sentences(text: str) -> list[Span]:
    """Return the spans of the text's sentences, at most MAX_SENTENCE_CHARS characters each.

    A full stop ends a sentence when a capital, digit or quote follows (after a list dash or
    bullet too: ". – Tal Afar: …"), unless it closes
    an abbreviation ("Jan. 9", "U.S.", "Gen."); decimals ("1.5") never end one.
    """
    out: list[Span] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group()[0] == "." and _ABBREV.search(text, max(start, m.start() - 8), m.start()):
            continue
        _add_sentences(out, text, start, m.end())
        start = m.end()
    _add_sentences(out, text, start, len(text))
    return out


def _add_sentences(out: list[Span], text: str, start: int, end: int) -> None:
    while start < end:
        stop = min(end, start + MAX_SENTENCE_CHARS)
        if text[start:stop].strip():
            out.append(Span(start, stop))
        start = stop


def extract(text: str) -> tuple[list[Claim], list[NonClaim]]:
    """Return (claims, non-claims) found in ``text``, with character spans into it."""
    if len(text) > MAX_INPUT_CHARS:
        raise InputError(f"the text is {len(text):,} characters; borderwatch checks at most {MAX_INPUT_CHARS:,} at once — split it")
    units = sum(1 for _ in itertools.islice(_UNIT_WORD.finditer(text), MAX_LENGTH_FIGURES + 1))
    if units > MAX_LENGTH_FIGURES:
        raise InputError(f"the text has more than {MAX_LENGTH_FIGURES:,} length units (km, mi, m, nautical "
                         "miles, feet…); no news article has that many distance figures — split it or check the "
                         "part that matters")
    claims: list[Claim] = []
    non: list[NonClaim] = []
    spans = sentences(text)
    made: dict[int, Sentence] = {}

    def sentence(n: int) -> Sentence:
        if n not in made:
            made[n] = Sentence(text, spans[n])
        return made[n]

    for n, span in enumerate(spans):
        if not _HAS_UNIT.search(text, span.start, span.end):
            continue
        s = sentence(n)
        before = [sentence(b) for b in range(n - 1, max(-1, n - 1 - _ANTECEDENT_SENTENCES), -1)]
        prev: Reading | None = None
        moving_end: int | None = None
        for fig in figures(s):
            got = read(s, fig, prev, before, moving_end)
            if isinstance(got, SetAside):
                non.append(NonClaim(s.span_of(fig.i, fig.j), s.chars(fig.i, fig.j), got.why, got.rule))
                moving_end = got.end if got.rule == "moving-position" else moving_end
                continue
            claims.append(_claim(s, fig, got, len(claims) + 1, after=prev.end if prev else 0))
            prev, moving_end = got, None
        non += [NonClaim(s.span_of(i, j), s.chars(i, j), _SMALL, "small-unit") for i, j in small_measures(s)]
    non.sort(key=lambda n: n.span.start)
    return claims, non


def _claim(s: Sentence, fig: Figure, r: Reading, index: int, *, after: int = 0) -> Claim:
    """The Claim of a reading; its quote starts at the figure when the reading's start lies in the
    previous claim's ("… from X to Y by road is 1,593 km, and by straight line - 1,237 km")."""
    start = min(r.start, fig.i) if r.start >= after else fig.i
    end = max(r.end, fig.j)
    span = s.span_of(start, end)
    checkable = r.why_not is None and r.anchor is not None and r.target is not None
    why = r.why_not
    if why is None and r.anchor is None:
        why = "no fixed place is named as the point it is measured from"
    if checkable and r.anchor.feature == "island":
        checkable, why = False, (f"{r.anchor.text} is an island: a distance from an island depends on where on "
                                 "it one measures, and a town's point would stand in for its whole coast")
    return Claim(index=index, span=span, quote=s.text[span.start:span.end], sentence=s.span,
                 value=fig.value, unit=fig.unit, value_high=fig.value_high, paired_value=fig.paired_value,
                 paired_unit=fig.paired_unit, hedge=fig.hedge, direction=r.direction, anchor=r.anchor,
                 target=r.target, checkable=checkable, why_not=None if checkable else why, kind=r.kind,
                 rules=r.rules)

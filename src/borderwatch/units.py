"""Exact length units used in news text.

1 international mile = 1.609344 km exactly (1959 international yard and pound agreement);
1 nautical mile = 1.852 km exactly; 1 foot = 0.3048 m and 1 yard = 0.9144 m exactly (same agreement).

The unit words below are the one list: the claim parser's work cap counts every
figure in any of them (``unit_words_pattern``).
"""

from __future__ import annotations

from .errors import InputError

__all__ = ["KM_PER_UNIT", "to_km", "from_km", "canonical_unit", "unit_words_pattern"]

KM_PER_UNIT: dict[str, float] = {"km": 1.0, "mi": 1.609344, "nmi": 1.852, "m": 0.001, "ft": 0.0003048,
                                 "yd": 0.0009144}

_ALIASES = {
    "km": "km", "kms": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km",
    "kilometres": "km", "mi": "mi", "mile": "mi", "miles": "mi", "nautical mile": "nmi",
    "nautical miles": "nmi", "nmi": "nmi", "m": "m", "meter": "m", "meters": "m",
    "metre": "m", "metres": "m", "ft": "ft", "foot": "ft", "feet": "ft", "yd": "yd", "yard": "yd",
    "yards": "yd",
}
# Words too short or common to count alone: they are a unit only right after a figure ("500 m").
_AFTER_A_FIGURE = frozenset({"m", "ft", "yd", "mi"})


def unit_words_pattern() -> str:
    """A regular expression matching a length unit word of the list above, as a whole word.

    "m", "ft", "yd" and "mi" count only right after a digit ("500 m", "3mi"), not in "I'm".
    """
    words = sorted((w for w in _ALIASES if w not in _AFTER_A_FIGURE), key=len, reverse=True)
    long_alt = "|".join(w.replace(" ", r"\s{1,3}") for w in words)
    short_alt = "|".join(sorted(_AFTER_A_FIGURE, key=len, reverse=True))
    return rf"\b(?:{long_alt})\b|(?<=\d)\s{{0,2}}-?(?:{short_alt})\b"


def canonical_unit(word: str) -> str:
    """Return the canonical unit code ('km', 'mi', 'nmi', 'm') for a unit word as written."""
    try:
        return _ALIASES[word.strip().lower().rstrip(".")]
    except KeyError:
        raise InputError(f"unknown length unit {word!r}; expected one of {sorted(set(_ALIASES))}") from None


def to_km(value: float, unit: str) -> float:
    """Return ``value`` expressed in ``unit`` ('km', 'mi', 'nmi', 'm') as kilometres."""
    return value * KM_PER_UNIT[canonical_unit(unit)]


def from_km(value_km: float, unit: str) -> float:
    """Return ``value_km`` kilometres expressed in ``unit``."""
    return value_km / KM_PER_UNIT[canonical_unit(unit)]

"""Exact length units used in news text.

1 international mile = 1.609344 km exactly (1959 international yard and pound agreement);
1 nautical mile = 1.852 km exactly.
"""

from __future__ import annotations

from .errors import InputError

__all__ = ["KM_PER_UNIT", "to_km", "from_km", "canonical_unit"]

KM_PER_UNIT: dict[str, float] = {"km": 1.0, "mi": 1.609344, "nmi": 1.852, "m": 0.001}

_ALIASES = {
    "km": "km", "kms": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km",
    "kilometres": "km", "mi": "mi", "mile": "mi", "miles": "mi", "nautical mile": "nmi",
    "nautical miles": "nmi", "nmi": "nmi", "m": "m", "meter": "m", "meters": "m",
    "metre": "m", "metres": "m",
}


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

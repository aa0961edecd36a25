"""Exact length units used in news text.

1 international mile = 1.609344 km, 1 yard = 0.9144 m and 1 foot = 0.3048 m exactly (1959
international yard and pound agreement); 1 nautical mile = 1.852 km exactly (1929
International Hydrographic Conference). The words that spell each unit live in the lexicon.
"""

from __future__ import annotations

from enum import StrEnum

from .errors import InvalidValue

__all__ = ["Unit", "KM_PER_UNIT", "to_km", "from_km", "unit_of"]


class Unit(StrEnum):
    """A length unit by its code."""

    KM = "km"
    MI = "mi"
    NMI = "nmi"
    M = "m"
    FT = "ft"
    YD = "yd"


KM_PER_UNIT: dict[Unit, float] = {Unit.KM: 1.0, Unit.MI: 1.609344, Unit.NMI: 1.852, Unit.M: 0.001,
                                  Unit.FT: 0.0003048, Unit.YD: 0.0009144}


def unit_of(code: str) -> Unit:
    """Return the Unit for a code ('km', 'mi', 'nmi', 'm', 'ft', 'yd'), or raise InvalidValue listing them.

    >>> unit_of("mi")
    <Unit.MI: 'mi'>
    """
    try:
        return Unit(code)
    except ValueError:
        raise InvalidValue(f"unknown length unit {code!r}; expected one of {[u.value for u in Unit]}") from None


def to_km(value: float, unit: str) -> float:
    """Return ``value`` expressed in ``unit`` as kilometres.

    >>> to_km(25, "mi")
    40.2336
    """
    return value * KM_PER_UNIT[unit_of(unit)]


def from_km(value_km: float, unit: str) -> float:
    """Return ``value_km`` kilometres expressed in ``unit``."""
    return value_km / KM_PER_UNIT[unit_of(unit)]

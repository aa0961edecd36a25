"""The values between stages: closed sets reject what they do not know, and say what they do."""

from __future__ import annotations

import pytest

from borderwatch.errors import BorderwatchError, InvalidValue
from borderwatch.model import (Candidate, Claim, MatchKind, Place, PlaceKind, Span, Status, TargetKind,
                               TargetRef, Verdict)

BAD_VALUES = [
    ("target-kind", lambda: TargetRef("river", "the river"), "'place', 'region', 'border', 'coast', 'line'"),
    ("place-kind", lambda: Place("hamlet", "X", ("BY",), 52.0, 30.0, "t", "t"), "'city', 'region'"),
    ("claim-unit", lambda: Claim(1, Span(0, 1), "x", Span(0, 1), 3.0, "furlong"), "'km', 'mi', 'nmi'"),
    ("verdict-status", lambda: Verdict("probably fine", "?"), "'consistent', 'inconsistent'"),
    ("match-kind", lambda: Candidate(Place("city", "X", ("BY",), 52.0, 30.0, "t", "t"), 1.0, "psychic", "X"),
     "'exact', 'transliteration', 'fuzzy'"),
    ("span-order", lambda: Span(5, 2), "0 <= start <= end"),
]


@pytest.mark.parametrize("make, listed", [c[1:] for c in BAD_VALUES], ids=[c[0] for c in BAD_VALUES])
def test_a_value_outside_its_closed_set_is_refused_with_the_options(make, listed):
    with pytest.raises(InvalidValue) as info:
        make()
    assert listed in str(info.value)
    assert isinstance(info.value, (BorderwatchError, ValueError))


def test_strings_become_members():
    t = TargetRef("border", "the border", countries=["Ukraine"])
    assert t.kind is TargetKind.BORDER and t.countries == ("Ukraine",)
    assert Verdict("not checkable", "why").status is Status.NOT_CHECKABLE
    assert Place("city", "X", ["BY"], 52.0, 30.0, "t", "t").kind is PlaceKind.CITY
    assert Candidate(Place("city", "X", ("BY",), 52.0, 30.0, "t", "t"), 0.9, "fuzzy", "X", similarity=0.91
                     ).match_text == "fuzzy (0.91)"
    assert MatchKind("exact") is MatchKind.EXACT


def test_a_border_place_has_two_countries_and_no_single_country():
    p = Place("border", "Belarus–Ukraine border", ("BY", "UA"), 51.9, 30.9, "t", "t")
    assert p.countries == ("BY", "UA") and p.country == ""

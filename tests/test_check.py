"""The seed article end to end (../shared/REFERENCE.md has the independent values)."""

from __future__ import annotations

import pytest

from borderwatch.errors import InputError
from borderwatch.check import chosen
from borderwatch.model import ChosenBy, Status


def test_seed_lists_every_distance_statement(seed_report):
    quotes = [r.claim.quote for r in seed_report.results]
    assert len(quotes) == 3, quotes
    assert quotes[0].startswith("within 40 kilometers (25 miles) of the Belarusian border")
    assert quotes[1].startswith("just over 40 kilometers (25 miles) from the border with Ukraine")
    assert quotes[2] == "90 kilometers (56 miles) from the Kyiv region"


def test_unanchored_statement_is_listed_as_not_checkable(seed_report):
    r = seed_report.results[0]
    assert r.verdict.status == "not checkable"
    assert "no fixed place" in r.verdict.reason
    assert r.claim.hedge == "within"


def test_chernihiv_claim_is_understated(seed_report):
    r = seed_report.results[1]
    assert r.anchor.place.geonameid == 622794  # Rechytsa, Gomel region
    assert r.claim.anchor.feature == "station" and "station" in r.measurement.note
    assert r.target.place.name == "Chernihiv Oblast"
    m = r.measurement
    assert m.distance_km == pytest.approx(48.682, abs=0.1)
    assert m.nearest == pytest.approx((52.08948, 30.94933), abs=1e-3)
    assert m.low_km < m.distance_km < m.high_km  # the station's uncertainty gives a range
    assert 45.0 < m.low_km < 46.0 and 51.5 < m.high_km < 52.5
    v = r.verdict
    assert v.status == "inconsistent" and v.direction == "understated"
    assert v.off_km == pytest.approx(8.7, abs=0.2)
    assert "25 mi: the pair is consistent" in v.unit_check
    assert "geoBoundaries" in m.dataset and "GeoNames" in m.dataset


def test_kyiv_claim_is_consistent(seed_report):
    r = seed_report.results[2]
    assert r.target.place.name == "Kyiv Oblast"
    assert r.measurement.distance_km == pytest.approx(92.424, abs=0.1)
    assert r.measurement.nearest == pytest.approx((51.55378, 30.70399), abs=1e-3)
    assert r.verdict.status == "consistent"
    assert "56 mi: the pair is consistent" in r.verdict.unit_check


def test_alternatives_include_the_brest_rechytsa_with_its_own_verdict(seed_report):
    alts = seed_report.results[1].alternatives
    brest = [a for a in alts if a.candidate.place.geonameid == 622795]
    assert brest, [a.candidate.place.label for a in alts]
    assert brest[0].measurement.distance_km > 200 and brest[0].verdict.status is Status.INCONSISTENT


def test_other_anchor_recomputes(checker, seed_report):
    r = seed_report.results[1]
    gomel = checker.gazetteer.resolve("Gomel").place
    by_hand = chosen(gomel, by=ChosenBy.PAGE_EDIT, previous=r.anchor, query="Gomel")
    r2 = checker.check_claim(r.claim, seed_report.context, anchor=by_hand)
    assert r2.measurement.distance_km == pytest.approx(38.256, abs=0.1)
    assert r2.anchor.chosen_by is ChosenBy.PAGE_EDIT
    assert [a.candidate.place.geonameid for a in r2.alternatives][:1] == [r.anchor.place.geonameid], \
        "the resolver's own pick stays visible as an alternative, with its own verdict"
    point = checker.point_anchor(52.0, 30.5)
    clicked = chosen(point, by=ChosenBy.MAP_CLICK, previous=r.anchor, query="point")
    assert checker.check_claim(r.claim, seed_report.context, anchor=clicked).measurement is not None


@pytest.mark.parametrize("text", ["", "   \n "])
def test_empty_input_is_refused(checker, text):
    with pytest.raises(InputError, match="empty"):
        checker.check_text(text)


def test_oversized_input_is_refused(checker):
    with pytest.raises(InputError, match="at most"):
        checker.check_text("x" * 300_000)


def test_unknown_anchor_is_unresolved_not_a_crash(checker):
    rep = checker.check_text("Qwzxvbnmville is 40 km from the border with Ukraine.")
    assert rep.results[0].verdict.status == "unresolved"
    assert "Qwzxvbnmville" in rep.results[0].verdict.reason

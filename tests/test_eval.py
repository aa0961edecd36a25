"""borderwatch.evaluate on the labelled dev set: accuracy floors, not timings.

The floors are the ones issue 4 set: extraction recall >= 0.9 and precision >= 0.95;
anchor and target correct on >= 0.9 of the found claims labelled checkable; verdict
agreement >= 0.9. The labels' distances were computed independently
(tests/data/devset_reference.py), never by the code under test.
"""

from __future__ import annotations

import pytest

from borderwatch.evaluate import EvalResult, evaluate, format_result
from support import DEVSET


@pytest.fixture(scope="module")
def result(checker) -> EvalResult:
    return evaluate(DEVSET, checker=checker)


def test_extraction_recall_and_precision(result):
    assert result.recall >= 0.9, format_result(result)
    assert result.precision >= 0.95, format_result(result)


def test_anchor_and_target_accuracy(result):
    assert result.anchor_accuracy >= 0.9, format_result(result)
    assert result.target_accuracy >= 0.9, format_result(result)


def test_verdict_agreement(result):
    assert result.verdict_agreement >= 0.9, format_result(result)


def test_no_labelled_non_claim_is_found_as_a_checkable_claim(result):
    assert result.non_claims_checkable == (), format_result(result)


def test_format_result_prints_the_figures_and_the_errors(result):
    text = format_result(result)
    for words in ("extraction precision", "recall", "anchor correct", "target correct", "verdict agreement"):
        assert words in text
    for f in result.misses + result.false_positives:
        assert f.item in text


def test_only_claims_inside_text_count(tmp_path, checker):
    """A claim in the context sentence is the previous line's business, not this one's."""
    line = ('{"id": "x", "url": "u", "context": "Kharkiv is 30 km from the Russian border.", '
            '"text": "It was shelled on Monday.", "claims": [], "non_claims": []}')
    (tmp_path / "one.jsonl").write_text(line + "\n", encoding="utf-8")
    r = evaluate(tmp_path / "one.jsonl", checker=checker)
    assert (r.labelled, r.found, r.false_positives) == (0, 0, ())


def test_a_landmark_label_without_a_point_is_matched_by_its_dataset_record(checker):
    """Corpus labels name some landmarks by record only ('geonucleardata:Belarusian', 'airportsdata:LUTR')."""
    from borderwatch.evaluate import _same_point

    plant = checker.check_text("The nuclear power plant in Astravets is located 50 km from Vilnius.").results[0]
    assert _same_point(plant.anchor_place, {"source": "geonucleardata:Belarusian"})
    assert not _same_point(plant.anchor_place, {"source": "geonucleardata:Zaporozhye"})
    import json

    from support import DEVSET

    row = next(r for r in map(json.loads, (DEVSET.parent / "corpus" / "dev.jsonl").read_text(
        encoding="utf-8").splitlines()) if r["id"] == "uawire-tiraspol-airfield-1")
    airport = checker.check_text(row["text"]).results[0]
    assert _same_point(airport.anchor_place, {"source": "airportsdata:LUTR"})
    assert not _same_point(airport.anchor_place, {"source": "airportsdata:KIV"})


def test_a_measured_distance_agrees_with_a_point_reference_within_half_a_km_or_3_percent(checker):
    """The resolution issue's figure: within max(0.5 km, 3 %) of a point-to-point reference."""
    from borderwatch.evaluate import _distance_ok

    (r,) = checker.check_text("Misrata is 200 km east of Tripoli.").results
    km = r.measurement.distance_km
    point = "geodesic WGS84 between GeoNames points"
    assert _distance_ok(r, {"reference_km": km * 1.029, "reference_method": point}) is True
    assert _distance_ok(r, {"reference_km": km * 1.031, "reference_method": point}) is False
    assert _distance_ok(r, {"reference_km": km, "reference_method": "min geodesic to LBY outline"}) is None
    assert _distance_ok(r, {"reference_km": None, "reference_method": None}) is None


def test_no_verdict_answers_and_confident_false_verdicts_are_counted_apart(tmp_path, checker):
    """Three real sentences, labelled three ways: a right verdict; 'unresolved' where the checker says
    'not checkable' (both no verdict: wrong strictly, right merged); and 'inconsistent' where the checker
    says 'consistent' (a confident false verdict)."""
    import json

    rows = [("Kharkiv is about 30 km from the Russian border.", "consistent"),
            ("The quake's epicentre was 56 km northeast of the town of Donggala.", "unresolved"),
            ("Kharkiv is about 30 km from the Russian border.", "inconsistent")]
    lines = [json.dumps({"id": f"r{n}", "url": "u", "context": "", "text": text, "non_claims": [],
                         "claims": [{"quote": text.split(" is ")[-1].split(" was ")[-1].rstrip("."), "value": v,
                                     "expected_verdict": verdict}]})
             for n, ((text, verdict), v) in enumerate(zip(rows, (30, 56, 30)))]
    (tmp_path / "three.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = evaluate(tmp_path / "three.jsonl", checker=checker)
    assert [f.found for f in r.matched] == ["consistent", "not_checkable", "consistent"]
    assert r.verdict_agreement == pytest.approx(1 / 3)
    assert r.no_verdict_merged == (2, 3, pytest.approx(2 / 3))
    assert r.false_verdicts == (1, 2, 0.5)
    assert "disagree with the label: 1 of 2 (0.500)" in format_result(r)


def test_two_places_found_the_other_way_round_are_both_right(tmp_path, checker):
    """'Las Cruces … northwest of El Paso' labelled from El Paso to Las Cruces: the same point-to-point
    distance, so anchor and target both count as right; a wrong place still does not."""
    import json

    text = "Las Cruces is 46 miles northwest of El Paso."
    el_paso, las_cruces, lubbock = {"geonameid": 5520993}, {"geonameid": 5475352}, {"geonameid": 5525577}
    rows = [(el_paso, las_cruces), (lubbock, las_cruces)]
    lines = [json.dumps({"id": f"r{n}", "url": "u", "context": "", "text": text, "non_claims": [], "claims": [
        {"quote": "46 miles northwest of El Paso", "value": 46, "expected_verdict": "consistent", "checkable": True,
         "anchor": anchor, "target": {"kind": "place", **target}}]}) for n, (anchor, target) in enumerate(rows)]
    (tmp_path / "swap.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = evaluate(tmp_path / "swap.jsonl", checker=checker)
    assert [(f.anchor_ok, f.target_ok) for f in r.matched] == [(True, True), (False, False)]

"""Every named extraction rule (attach.RULES) fires on the sentence it was written for.

The table is the rules' own: each rule states what it does and its example sentence; a
rule whose example no longer produces its id is either broken or no longer needed. The
rule ids reach the JSON report (claims' ``rules``, non-claims' ``rule``).
"""

from __future__ import annotations

import pytest

from borderwatch.attach import RULES
from borderwatch.check import check_text
from borderwatch.claims import extract
from borderwatch.report import to_json


def _rules_of(text: str) -> list[tuple[str, ...]]:
    claims, non = extract(text)
    return [c.rules for c in claims] + [(n.rule,) for n in non]


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_each_rule_fires_on_its_example(rule_id):
    rule = RULES[rule_id]
    got = _rules_of(rule.example)
    assert any(rule_id in ids for ids in got), (rule.example, got)


def test_a_small_set_of_attachment_rules_each_saying_what_it_does():
    groups = [r.group for r in RULES.values()]
    assert set(groups) == {"screen", "target", "anchor"}
    assert 15 <= groups.count("target") + groups.count("anchor") <= 25
    assert all(r.does and r.example.endswith(".") for r in RULES.values())


@pytest.mark.parametrize("text,claim_rules,non_rules", [
    ("Rechytsa is 40 km from the border and 90 km from the Kyiv region.",
     [("relation", "subject"), ("relation", "shared-anchor")], []),
    ("A convoy 40 miles long was seen 20 km from Kyiv.", [("relation", "moving-subject")], ["size"]),
])
def test_rule_ids_reach_the_json_report(text, claim_rules, non_rules):
    doc = to_json(check_text(text))
    assert [tuple(c["rules"]) for c in doc["claims"]] == claim_rules
    assert [n["rule"] for n in doc["non_claims"]] == non_rules
    assert all(c["kind"] == "distance" for c in doc["claims"])


def test_coordinates_in_the_text_are_measured_as_a_point():
    """USGS on the 2011 Tohoku quake: epicentre 38.322N 142.369E, '130 km E of Sendai'."""
    (r,) = check_text("The epicentre was at 38.322N, 142.369E, about 130 km east of Sendai.").results
    assert r.claim.rules == ("relation", "coordinates")
    assert r.anchor.place.kind == "point" and r.anchor.source == "coordinates in the text"
    assert (r.anchor.place.lat, r.anchor.place.lon) == (38.322, 142.369)
    assert r.verdict.status == "consistent" and 120 < r.measurement.distance_km < 140

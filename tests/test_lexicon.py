"""One lexicon: the extractor, the verdict rules and the page read the same words."""

from __future__ import annotations

import pytest

from borderwatch import page
from borderwatch.claims import extract
from borderwatch.lexicon import LEXICON, load
from borderwatch.units import Unit
from borderwatch.verdict import window_km


def test_the_page_offers_exactly_the_lexicons_hedges_and_units():
    assert set(page.HEDGES) - {""} == set(LEXICON.all_hedges)
    assert page.UNITS == [u.value for u in Unit]


@pytest.mark.parametrize("word", sorted(LEXICON.units), ids=str)
def test_every_unit_word_is_read_by_the_extractor(word):
    (claim,), _ = extract(f"Kharkiv is 30 {word} from the Russian border.")
    assert claim.unit is LEXICON.units[word] and claim.value == 30


@pytest.mark.parametrize("hedge", LEXICON.all_hedges)
def test_every_hedge_is_read_and_has_a_window(hedge):
    (claim,), _ = extract(f"Kharkiv is {hedge} 30 km from the Russian border.")
    assert claim.hedge == hedge
    (lo, hi), rule = window_km(claim)
    assert lo <= 30.0 <= hi or hedge in LEXICON.hedges["lower"], (hedge, lo, hi, rule)


def test_hedge_groups_do_not_overlap():
    seen: dict[str, str] = {}
    for group, words in LEXICON.hedges.items():
        for w in words:
            assert w not in seen, f"{w!r} is in both {seen[w]!r} and {group!r}"
            seen[w] = group


def test_country_adjectives_are_never_taken_for_places():
    assert {"russian", "ukrainian", "mexican", "lebanese"} <= LEXICON.stop_words
    assert "gaza" not in LEXICON.stop_words, "a short country name is a place ('5 km from Gaza')"


def test_the_lexicon_is_read_once():
    assert load() is LEXICON


# Real sentences whose figures are in nautical miles: before the lexicon the extractor
# knew only km and miles, and these figures vanished without a reason.
NAUTICAL = [
    ("taiwannews-matsu", "https://www.taiwannews.com.tw/en/news/5099999",
     "It was one of the police vessels that came within 5.5 nautical miles of Matsu’s Nangan Island.",
     5.5, None, None),
    ("taiwannews-research-ships", "https://www.taiwannews.com.tw/en/news/5103479",
     "TAIPEI (Taiwan News) — Taiwan has seen an increase in Chinese ocean research ship activity in waters "
     "only 24 nautical miles (44 km) off the country’s coast, Financial Times reported on Tuesday (Feb. 27).",
     24.0, 44.0, Unit.KM),
    ("focustaiwan-pengjia", "https://focustaiwan.tw/cross-strait/202412130006",
     "The vessels were last spotted 43 nautical miles (79.64 kilometers) northeast of Pengjia Islet, "
     "approximately 56 km of Keelung Harbor in northern Taiwan, moving northward, the CGA said.",
     43.0, 79.64, Unit.KM),
    ("frominsideasia-dongsha", "https://frominsideasia.com/?p=150926",
     "By around 5.34pm, the mainland vessel had reached a position just 10.3 nautical miles southwest of "
     "Dongsha Island.", 10.3, None, None),
]


@pytest.mark.parametrize("sid, url, text, value, paired, punit", NAUTICAL, ids=[n[0] for n in NAUTICAL])
def test_nautical_miles_are_read_not_dropped(sid, url, text, value, paired, punit):
    """Each figure is read in nautical miles, with its conversion, and comes out as a claim or as a
    figure set aside with the reason (these are vessels' positions: set aside as such)."""
    from borderwatch.figures import figures
    from borderwatch.model import Span
    from borderwatch.tagging import Sentence

    first = figures(Sentence(text, Span(0, len(text))))[0]
    assert (first.value, first.unit, first.paired_value, first.paired_unit) == (value, Unit.NMI, paired, punit)
    claims, non = extract(text)
    quote = Sentence(text, Span(0, len(text))).chars(first.i, first.j)
    outcome = [c.why_not for c in claims if c.quote.startswith(quote)] + [n.why for n in non if n.quote == quote]
    assert len(outcome) == 1, (claims, non)
    assert outcome[0] is None or outcome[0], "a figure not checked says why"

"""Resolution with an importance prior and the article's context (issue 10, item 1).

Tables of real cases. Each row names the place expected (GeoNames id) and words of the
reason it won, so a row fails when the right place wins for the wrong reason. Sentences
come from the corpus's dev split or the devset (read by id from the files, URLs there), the
issue's own example, or a public page (URL beside it; paraphrased, the facts kept). Name
variants are the spellings each romanisation system or exonym list gives for the place.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from borderwatch.evaluate import joined
from borderwatch.check import check_text, default_checker
from borderwatch.context import article_context, regions_named
from borderwatch.gazetteer import Context
from borderwatch.model import ChosenBy, MatchKind, Status
from borderwatch.names import ROMANISATIONS, phonetic_key, romanisation_keys

DATA = Path(__file__).parent / "data"
SEED = Path(__file__).parent.parent / "seeds" / "000_f87aa17481a03d45.txt"


def _item(path: Path, item_id: str) -> str:
    """The text the evaluation checks for a labelled item: its context, then its sentence."""
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["id"] == item_id:
            return joined(item.get("context") or "", item["text"])
    raise LookupError(item_id)


def _dev(item_id: str) -> str:
    return _item(DATA / "corpus" / "dev.jsonl", item_id)


def _devset(item_id: str) -> str:
    return _item(DATA / "devset.jsonl", item_id)


def _dev2(item_id: str) -> str:
    return _item(DATA / "corpus" / "dev2.jsonl", item_id)


def _dev3(item_id: str) -> str:
    return _item(DATA / "corpus" / "dev3.jsonl", item_id)


@pytest.fixture(scope="module")
def gaz():
    return default_checker().gazetteer


# ------------------------------------------------------------------ context decides a same-name place
# (id, article text, claim index, end, GeoNames id expected, words of the reason, the name's
#  winner with no context at all — another place, so the context is what decided)
ISSUE_COLUMBUS = "COLUMBUS, N.M. — Columbus is just three miles north of the Mexican border."
DECIDED = [
    # The issue's own example: the dateline names the state.
    ("dateline-columbus-nm", ISSUE_COLUMBUS, 0, "anchor", 5462683, "in New Mexico, the article's dateline", 4509177),
    # The seed: "the Rechnitsa station in the Gomel region" (a misspelling, fuzzy-matched).
    ("region-next-to-the-name", SEED.read_text(encoding="utf-8"), 1, "anchor", 622794,
     "in Homyel’ Voblasc’, the region the text names", None),
    # "Zolochiv, located 10 KM from Russia" (https://www.political.tips/p/exclusive-frontline-village-fearless):
    # the Kharkiv-oblast Zolochiv, not the larger one in Lviv oblast ~550 km from Russia.
    ("target-border-scale", "Zolochiv, located 10 KM from Russia, holds firm against unrelenting attacks by Russia "
     "against the town's residents.", 0, "anchor", 686895, "km from the UA–RU border: plausible for a claim of 10 km",
     686896),
    # Petropavlivka (Kupiansk raion) lies 8 km east of Kupiansk (https://kampuspedia.com/de/Petropawliwka_(Kupjansk));
    # four Petropavlivkas in Ukraine, the largest in Dnipropetrovsk oblast.
    ("target-place-nearby", "Petropavlivka lies 8 km east of Kupiansk, the district centre.", 0, "anchor", 697421,
     "7 km from the other place the text names", 697423),
    # "near the city of Qom, some 200 km south of capital Tehran", in an article that names
    # Isfahan Province: its Tīrān (also spelt Tehran) would win on the region; the text says capital.
    ("capital-named-by-the-text", _dev("the-iran-project-irna-qom-1"), 0, "target", 112931,
     "the text calls it the capital", None),
    # "the border, which is just 35 kilometres from the Lithuanian capital": the country's capital.
    # "the border, which is just 35 kilometres from the Lithuanian capital": the capital is the anchor
    # (the border is the clause's subject: rule border-subject), as the corpus labels it; claim 0 is the
    # context's "180-km road journey", a route claim.
    ("capital-of-a-named-country", _dev("hiddeneurope-medininkai-1"), 1, "anchor", 593116,
     "the national capital of Lithuania, as the text says ('the Lithuanian capital')", None),
    # "Klintsy, a town in Bryansk Oblast, Russia, some 50 kilometers from the Ukraine border": the
    # region and the country after the town are its context, not the anchor.
    ("locator-town-in-region-country", _devset("newsweek-klintsy-1"), 0, "anchor", 547475,
     "in Bryansk Oblast, the region the text names; in RU, the country the text names after it", None),
    # "… 40 km from Odessa": the regional seat of Odesa oblast over Odessa, Texas.
    ("seat-beats-a-namesake-abroad", _dev("ansa-tiraspol-odesa-1"), 0, "target", 698740,
     "the seat of its region (Odesa bears its name)", None),
    # "Kister … from Bryansk": Bryansk, seat of Bryansk Oblast, over Brańsk (Poland).
    ("seat-beats-a-namesake-nearby", _dev("rbc-kister-1"), 0, "target", 571476,
     "the seat of its region (Bryansk Oblast bears its name)", None),
    # "Polangui Mayor … said … residents in her town in Albay, about 340 kilometers southeast of
    # Manila": Albay (a province, not in the locator table) meets only Al Ba'aj (Iraq) by a near
    # spelling; Polangui itself matches exactly.
    # "… Taramiyah … The area is about 50 kilometers, or 31 miles, north of Baghdad": the folded
    # spelling meets only Ţarrāmah (West Bank), 905 km off; the near spelling Tarmiyah, 37 km, competes.
    ("folded-spelling-implausible-near-spelling-fits", _dev("al-ghadeer-tv-tarmiyah-1"), 0, "anchor", 98403,
     "fuzzy (0.86) match on 'Tarmiyah'", 283137),
    # "Though Jacmel wasn't hit as hard as parts of the capital 20 miles away" (the context names
    # Colombia, whose rescuers dig): the capital of Jacmel's country, Haiti, not Colombia's.
    ("the-capital-of-the-anchor-s-country", _dev("the-daily-caller-ap-jacmel-1"), 0, "target", 3718426,
     "the national capital of Haiti, the country of Jacmel (Sud-Est, HT)", None),
    ("locator-matched-only-by-a-near-spelling", _dev("business-standard-pti-ap-polangui-1"), 0, "anchor", 1693136,
     "exact match on 'Polangui'", None),
    # Written for this test in a US local news shape: 'the Mexican border' names Mexico, whose ten hamlets
    # called Las Cruces outscored the city near Deming (it was not even a candidate); the claim's own anchor,
    # clear on its own, is the place the target lies near.
    ("target-near-the-claim-s-own-anchor", "Deming is 35 miles north of the Mexican border and 60 miles west of "
     "Las Cruces.", 1, "target", 5475352, "92 km from the other place the text names", None),
]


@pytest.mark.parametrize("text,n,end,gid,why,alone", [d[1:] for d in DECIDED], ids=[d[0] for d in DECIDED])
def test_context_decides_the_place(gaz, text, n, end, gid, why, alone):
    r = check_text(text).results[n]
    res = r.anchor if end == "anchor" else r.target.resolution
    assert res.place is not None and res.place.geonameid == gid, res.reason
    assert why in res.reason
    assert len(res.candidates) >= 1 and all(c.reasons for c in res.candidates)
    if alone is not None:
        assert gaz.resolve(res.query).place.geonameid == alone
        assert res.chosen_by is ChosenBy.CONTEXT


# Paraphrased from https://newsukraine.rbc.ua/news/russia-strikes-village-council-in-kharkiv-1719994966.html
# ("the village of Borova, Izium district, Kharkiv region"): the region named in another sentence.
BOROVA = ("Russian troops are constantly shelling the Kharkiv region. On 3 July they fired on the village council "
          "building in Borova, a village in the Izium district.")


def test_a_region_named_elsewhere_in_the_article_decides(gaz):
    ctx = article_context(BOROVA, gaz)
    assert "UA.07" in ctx.regions and "UA" in ctx.countries
    res = gaz.resolve("Borova", context=Context(countries=ctx.countries, regions=ctx.regions))
    assert res.place.geonameid == 711623 and "in Kharkiv, a region the article names" in res.reason
    assert gaz.resolve("Borova").place.geonameid == 711621  # Kyiv Oblast's, by name and size alone
    assert any(c.place.geonameid == 711621 for c in res.candidates)  # considered, and lost


# Paraphrased from https://www.oporaua.org/en/viyna/occupied-kupyansk-living-under-the-threat-of-reoccupation-25086
# and https://kampuspedia.com/de/Petropawliwka_(Kupjansk): two claims, each naming one place.
KUPIANSK = ("Kupiansk lies about 40 km from the border with Russia. Petropavlivka, a village east of the town, "
            "is shelled almost every day.")


def test_a_place_named_elsewhere_in_the_article_decides(gaz):
    """Four Petropavlivkas in Ukraine; Kupiansk is one place, named in another sentence, and the
    Petropavlivka 7 km from it is the one meant. A name is no evidence for itself."""
    ctx = article_context(KUPIANSK, gaz, names=["Kupiansk", "Petropavlivka"])
    assert [name for name, _, _ in ctx.places] == ["Kupiansk"]  # Petropavlivka is not clear on its own
    res = gaz.resolve("Petropavlivka", context=Context(countries=ctx.countries, article_places=ctx.places))
    assert res.place.geonameid == 697421 and "7 km from Kupiansk, which the article also names" in res.reason
    assert gaz.resolve("Petropavlivka").place.geonameid == 697423
    alone = gaz.resolve("Kupiansk", context=Context(article_places=ctx.places))
    assert "which the article also names" not in alone.reason


def test_a_name_spelt_without_its_hyphen_is_still_an_exact_match(gaz):
    """mould-osh-jalalabad-1 (dev): "Kyrgyzstan’s second and third largest cities—Osh and
    Jalalabad—are just 30 miles apart". GeoNames spells it Jalal-Abad; the exact namesake in
    Afghanistan once hid it, so no context could pick it."""
    text = _dev("mould-osh-jalalabad-1")
    ctx = article_context(text, gaz, names=["Osh", "Jalalabad"])
    res = gaz.resolve("Jalalabad", context=Context(countries=ctx.countries, article_places=ctx.places))
    assert res.place.geonameid == 1528249 and res.candidates[0].match is MatchKind.EXACT
    assert "in KG, a country the article mentions" in res.reason and "from Osh, which the article also names" in res.reason
    assert gaz.resolve("Jalalabad").place.country == "AF"  # by name and size alone


# Words that call a place a capital, from real sentences: (id, the words, the article's text,
# GeoNames id of the capital meant, or None when the words name a town, not a country's capital).
CAPITAL_WORDS = [
    ("country-adjective", "the Lithuanian capital", _dev("hiddeneurope-medininkai-1"), 593116),
    ("country-possessive", "South Korea’s capital", _devset("wsj-seoul-1"), 1835848),
    ("country-adjective-devset", "the Ukrainian capital", _devset("afp-advance-1"), 703448),
    # al-ghadeer-tv-tarmiyah-1: "… from around the country’s capital" in an article about Iraq.
    ("the-countrys-capital", "the country’s capital", _dev("al-ghadeer-tv-tarmiyah-1"), 98182),
    # "The Transnistrian capital, Tiraspol": a capital, but of no country here; the name decides.
    ("a-named-town", "The Transnistrian capital, Tiraspol", _dev("ansa-tiraspol-odesa-1"), None),
]


@pytest.mark.parametrize("words,text,gid", [c[1:] for c in CAPITAL_WORDS], ids=[c[0] for c in CAPITAL_WORDS])
def test_words_that_name_a_countrys_capital(gaz, words, text, gid):
    res = default_checker().resolver.capital_named(words, article_context(text, gaz))
    if gid is None:
        assert res is None
    else:
        assert res.place.geonameid == gid and "the national capital of" in res.reason and words in res.reason


REGION_MENTIONS = [
    ("seed", SEED.read_text(encoding="utf-8"), {"BY.02", "UA.02", "UA.13"}),
    ("oblast-and-province", "Shelling hit Sumy Oblast and the Kursk region again.", {"UA.21", "RU.41"}),
    ("a-country-is-no-region", "Aid reached the Ukraine region by road.", set()),
]


@pytest.mark.parametrize("text,codes", [r[1:] for r in REGION_MENTIONS], ids=[r[0] for r in REGION_MENTIONS])
def test_regions_named_in_an_article(gaz, text, codes):
    assert regions_named(text, gaz) == codes


# ------------------------------------------------------------------ case and transliteration variants
# (id, name as written, GeoNames id, how it matched)
VARIANTS = [
    ("lower-case", "kharkiv", 706483, MatchKind.EXACT),
    ("upper-case", "KHARKIV", 706483, MatchKind.EXACT),
    ("bgn-pcgn-russian", "Zaporozh'ye", 687700, MatchKind.EXACT),
    ("ukrainian-national", "Zaporizhzhia", 687700, MatchKind.EXACT),
    ("iso-9", "Černìgìv", 710735, MatchKind.EXACT),
    ("hybrid-russian-g-ukrainian-i", "Chernigiv", 710735, MatchKind.EXACT),
    ("belarusian-national", "Mahilioŭ", 625665, MatchKind.EXACT),
    ("polish-sz", "Szostka", 693942, MatchKind.TRANSLITERATION),          # Шостка
    ("polish-cz-ew", "Czuhujew", 710374, MatchKind.TRANSLITERATION),      # Чугуев
    ("german-s-for-z", "Nowoasowsk", 699675, MatchKind.TRANSLITERATION),  # Новоазовськ
    ("german-tsch", "Wowtschansk", 689304, MatchKind.TRANSLITERATION),    # Вовчанськ
    ("german-two-words", "Tschassiw Jar", 710915, MatchKind.TRANSLITERATION),
    ("hybrid-fuzzy", "Zaporizhye", 687700, MatchKind.FUZZY),
    ("hybrid-russian-ending", "Mykolayev", 700569, MatchKind.FUZZY),
]


@pytest.mark.parametrize("name,gid,match", [v[1:] for v in VARIANTS], ids=[v[0] for v in VARIANTS])
def test_spelling_variants_meet_their_place(gaz, name, gid, match):
    res = gaz.resolve(name)
    assert res.place is not None and res.place.geonameid == gid, res.reason
    assert res.candidates[0].match is match
    assert f"{match.value}" in res.reason


def test_a_romanised_reading_does_not_hide_the_near_spellings(gaz):
    """Read as a Cyrillic romanisation, the typo "Sennkang" (of Sengkang, SG) meets Zhenkang
    (GeoNames 'Nansan', CN); that reading used to end the lookup, and Sengkang was never a
    candidate. Both now compete on their scores (bench_core's typo recall: 115 → 116 of 120)."""
    got = {c.place.geonameid: c.match for c in gaz.resolve("Sennkang").candidates}
    assert got.get(1281269) is MatchKind.TRANSLITERATION and got.get(1626921) is MatchKind.FUZZY, got


def test_romanisation_table_reads_latin_back_to_cyrillic():
    assert all(len(letter) == 1 and "а" <= letter <= "ґ" or letter in "ёєіїў" for letter in ROMANISATIONS)
    assert phonetic_key("Новоазовськ") in romanisation_keys("Nowoasowsk")
    assert phonetic_key("Nowoasowsk") not in romanisation_keys("Nowoasowsk")
    assert len(romanisation_keys("Schtschastja Pereschtschepyne Tschernihiw")) <= 64


@pytest.mark.parametrize("name", ["Rex", "St", "Kyv"])
def test_short_names_are_not_read_as_other_romanisations(gaz, name):
    """"St" (of "St. Petersburg") once met Jette (Belgium) as a German reading of "Zt"."""
    assert all(c.match is not MatchKind.TRANSLITERATION or phonetic_key(c.matched_name) == phonetic_key(name)
               for c in gaz.resolve(name).candidates)


# ------------------------------------------------------------------ importance: capitals and seats
# (name, GeoNames id, reason words, the namesake it beats)
IMPORTANT = [
    ("Athens", 264371, "the national capital of GR", "Athens (Georgia, US)"),
    ("Tripoli", 2210247, "the national capital of LY", "Tripoli (North Lebanon, LB)"),
    ("Paris", 2988507, "the national capital of FR", None),
    ("Odessa", 698740, "the seat of its region (Odesa bears its name)", "Odessa (Texas, US)"),
    ("Gomel", 627907, "the seat of its region (Homyel’ Voblasc’ bears its name)", None),
    ("Hrodna", 627904, "the largest town of Grodnenskaya", None),
]


@pytest.mark.parametrize("name,gid,why,beats", IMPORTANT, ids=[i[0] for i in IMPORTANT])
def test_importance_prior(gaz, name, gid, why, beats):
    res = gaz.resolve(name)
    assert res.place.geonameid == gid and why in res.reason
    if beats:
        assert beats in [c.place.label for c in res.candidates[1:]]


def test_a_village_seat_of_a_tiny_region_is_no_seat(gaz):
    """Rečica ob Savinji (516 people) is the seat of its Slovenian municipality; as a "seat" it
    once beat Rechytsa (Gomel region, 65,000) for "Rečyca"."""
    res = gaz.resolve("Rečyca")
    assert res.place.geonameid == 622794
    slovene = [c for c in res.candidates if c.place.country == "SI"]
    assert slovene and not any("seat" in why for c in slovene for why in c.reasons)


# ------------------------------------------------------------------ a winner that cannot be meant
# (dev id, claim index, reason words): declined, the candidates kept, so no confident false verdict.
DECLINED = [
    ("hindustan-times-gorkha-1", 0, "Horgen (Zurich, CH) (transliteration match), is 6835 km from Kathmandu"),
    # a named line feeds the plausibility too: Balakot (KPK) is not in the gazetteer, Bagalkot (India) is no stand-in
    ("khaleej-times-balakot-1", 1, "Bagalkot (Karnataka, IN) (fuzzy (0.86) match), is 1849 km from India–Pakistan "
                                   "line of control"),
    ("allafrica-agenzia-fides-giad-1", 1, "(transliteration match), is 2222 km from Khartoum"),
    # a village is declined once implausible: both Akhaldabas of the gazetteer lie over 100 km from Tbilisi
    ("dev2:georgia-today-akhaldaba-1", 0, "Akhaldaba (Samtskhe-Javakheti, GE) (exact match), is 115 km from Tbilisi"),
    # so is a loose spelling, however large the town: Gazakh (20,800 people) is not Karzakh
    ("dev2:western-armenia-tv-karzakh-1", 0, "Gazakh (Qazax, AZ) (transliteration match), is 161 km from Akhalkalaki"),
]


@pytest.mark.parametrize("item_id,n,why", DECLINED, ids=[d[0] for d in DECLINED])
def test_an_absurdly_far_winner_is_declined(item_id, n, why):
    r = check_text(_dev2(item_id[5:]) if item_id.startswith("dev2:") else _dev(item_id)).results[n]
    assert r.anchor.place is None and r.verdict.status is Status.UNRESOLVED
    assert "no candidate fits the claim" in r.anchor.reason and why in r.anchor.reason
    assert r.anchor.candidates  # what was considered stays visible


# A facility named after a town that often lies outside it, with no point of its own in the
# data: (text, reason words). The town is no stand-in (the Falfurrias checkpoint lies some
# 13 miles south of Falfurrias): unresolved, the town kept among the candidates; a station
# (in its town, as in the seed) is still measured from its town.
OUTLYING = [
    (_dev("the-new-worlder-falfurrias-1"), "checkpoint", "Falfurrias",
     "the checkpoint named 'Falfurrias' has no point in the embedded data"),
    # a planned airport the airports table does not hold yet: not the town of Long Thành
    (_dev3("lonely-planet-long-thanh-1"), "international airport", "Long Thành",
     "the international airport named 'Long Thanh' has no point in the embedded data"),
]


@pytest.mark.parametrize("text,feature,town,why", OUTLYING, ids=["falfurrias-checkpoint", "long-thanh-airport"])
def test_a_facility_outside_its_town_is_not_measured_from_the_town(text, feature, town, why):
    (r, *_) = [r for r in check_text(text).results if r.claim.anchor and feature == (r.claim.anchor.feature or "")]
    assert r.anchor.place is None and r.verdict.status is Status.UNRESOLVED and why in r.anchor.reason
    assert r.anchor.candidates and r.anchor.candidates[0].place.name == town


def test_a_station_is_still_measured_from_its_town():
    seed = check_text(SEED.read_text(encoding="utf-8"))
    (r, *_) = [r for r in seed.results if r.claim.anchor and r.claim.anchor.feature == "station"]
    assert r.anchor.place.name == "Rechytsa" and "located only by its town" in r.anchor.place.note


# A state's, region's or country's name as the place measured from or to: (name, kept GeoNames
# id or None when declined, reason words). Real names; the towns that once won are alternate
# names in GeoNames (Nanuque, Brazil, is also "Indiana").
REGION_NAMES = [
    # a town of that very name (Indiana, Pennsylvania) now wins over Nanuque (Brazil), met only by an
    # alternate name; as for Crete, the claim's scale decides (plausibility, in check_text)
    ("Indiana", 5194868, "its own name, not another name of it"),
    ("Iraq", None, "'Iraq' names a country (Iraq), not a town in it: the town of that name here, Arāk (Markazi, IR)"),
    ("Ukraine", None, "'Ukraine' names a country (Ukraine), not a town in it"),
    ("Alberta", None, "'Alberta' names a state or region (Alberta)"),
    ("Crete", 4889120, "exact match on 'Crete'"),   # a town of that very name: the claim's scale decides
    ("Washington", 4140963, "the national capital of US"),       # the capital keeps the name
    ("Quebec", 6325494, "the seat of its region (Quebec bears its name)"),  # the city is in the province
    ("Kharkiv", 706483, "the seat of its region (Kharkiv bears its name)"),
]


# A major city's own name against a capital met by an old name of it: (name, GeoNames id, reason words).
OWN_NAMES = [
    ("Philadelphia", 4560349, "its own name, not another name of it"),  # not Amman, once Philadelphia
    ("Washington", 4140963, "the national capital of US"),
]


@pytest.mark.parametrize("name,gid,why", OWN_NAMES, ids=[o[0] for o in OWN_NAMES])
def test_a_place_s_own_name_beats_another_s_old_name(gaz, name, gid, why):
    res = gaz.resolve(name)
    assert res.place.geonameid == gid and why in res.reason, res.reason


@pytest.mark.parametrize("name,gid,why", REGION_NAMES, ids=[r[0] for r in REGION_NAMES])
def test_a_region_name_is_no_town_elsewhere(gaz, name, gid, why):
    from borderwatch.resolve import decline_region_name

    res = decline_region_name(gaz.resolve(name), name, gaz)
    assert (res.place.geonameid if res.place else None) == gid and why in res.reason
    assert res.candidates


@pytest.mark.parametrize("text,n,region", [
    # nyt-gotland-1 (dev): the island (a GeoNames region) is no town; a loose spelling of it
    # (Holtland, Hoyland Nether) was measured and judged before, then listed as unresolved
    (_dev("nyt-gotland-1"), 1, "Gotland"),
    # a region no town is named after at all
    ("Crimea is about 100 km from Kherson.", 0, "Crimea"),
], ids=["gotland-loose-town", "crimea-no-town"])
def test_a_region_named_as_the_anchor_is_understood_and_not_checkable(text, n, region):
    """A region or island named as the anchor is understood (the reason names it) yet has no
    point: not checkable, as the corpus labels it ('no fixed anchor: a whole region')."""
    r = check_text(text).results[n]
    assert r.anchor.place is None and r.anchor.understood == region
    assert r.verdict.status is Status.NOT_CHECKABLE
    assert f"'{region}' names a state or region ({region})" in r.anchor.reason


def test_the_seed_keeps_its_values():
    report = check_text(SEED.read_text(encoding="utf-8"))
    measured = [(r.anchor_place.geonameid, round(r.measurement.distance_km, 2), r.verdict.status)
                for r in report.results if r.measurement]
    assert measured == [(622794, 48.68, Status.INCONSISTENT), (622794, 92.42, Status.CONSISTENT)]


def test_an_anchor_the_text_calls_a_capital():
    """wsj-seoul-1 (devset): "South Korea’s capital sits so close to North Korea—35 miles away". The
    extraction does not yet give this anchor (tests/test_claims.py marks it a known miss); given it,
    the resolver reads the country's capital and measures to the KR–KP border."""
    from borderwatch.model import AnchorRef, Claim, Span, TargetKind, TargetRef

    text = _devset("wsj-seoul-1")
    at = text.index("North Korea—35 miles away")
    claim = Claim(index=0, span=Span(at, at + 25), quote="North Korea—35 miles away", sentence=Span(0, len(text)),
                  value=35.0, unit="mi", anchor=AnchorRef("South Korea’s capital", Span(0, 21)),
                  target=TargetRef(TargetKind.PLACE, "North Korea", name="North Korea", span=Span(at, at + 11)))
    checker = default_checker()
    r = checker.check_claim(claim, article_context(text, checker.gazetteer))
    assert r.anchor.place.geonameid == 1835848
    assert "the national capital of South Korea, as the text says" in r.anchor.reason
    assert set(r.target.place.countries) == {"KR", "KP"} and r.verdict.status is Status.CONSISTENT


def test_a_peoples_adjective_alone_is_no_place():
    """dev the-address-libya-ap-bouri-1: '22 African migrants' made 'African' the anchor, fuzzy-matched to
    Mahdia (GeoNames alternate name 'Africa'): a confident false 'inconsistent, 350 km'."""
    text = _dev("the-address-libya-ap-bouri-1")
    r = check_text(text).results[-1]
    assert r.claim.anchor is None or "African" not in r.claim.anchor.text
    assert r.verdict.status is not Status.INCONSISTENT


@pytest.mark.parametrize("text,name", [
    ("Bangui, the capital of the Central African Republic, is 10 km from the border.", "Central African Republic"),
    ("The United Arab Emirates lies 150 km from Iran.", "United Arab Emirates"),
])
def test_a_peoples_adjective_inside_a_name_is_kept(text, name):
    from borderwatch.model import Span
    from borderwatch.tagging import Sentence

    assert name in [m.name for m in Sentence(text, Span(0, len(text))).mentions]


@pytest.mark.parametrize("name,gid", [("Cape Town", 3369157), ("Kansas City", 4393217), ("Salt Lake City", 5780993),
                                      ("Quezon City", 1692192)])
def test_a_generic_word_inside_a_name_is_kept(gaz, name, gid):
    """'town' and 'city' are dropped from "the town of X" and "X city", but they are part of these
    names: Cape Town was 'Cape', no such place (found by resolving the 600 largest towns by name)."""
    assert gaz.resolve(name).place.geonameid == gid


@pytest.mark.parametrize("text,island", [
    # the corpus's dev sentence: 'Kinmen' is Jincheng's other name (the island's and county's): not judged
    (_dev("al-jazeera-via-inkl-kinmen-1"), True),
    # a spelling of the town's own name ("Mitilini", Mytilene on Lesbos) is the town
    (_dev("express-mytilene-ayvalik-1"), False),
    # a city that covers its island: its other name is the city's ("Bombay", Mumbai on Salsette)
    ("Bombay is 150 km from Pune.", False),
])
def test_another_name_of_a_town_on_a_small_island_may_name_the_island(text, island):
    r = check_text(text).results[-1]
    named = "a town on an island of" in r.verdict.reason
    assert named is island, r.verdict.reason
    if island:
        assert r.verdict.status == "not checkable" and r.measurement is None and r.anchor.place is not None


def test_a_coast_target_s_distance_feeds_the_plausibility_of_each_candidate(checker):
    """For 'N km off the coast of X', every candidate is measured to X's coast as for a border."""
    report = check_text("Gdansk is 5 km from the Polish coast.")
    (r,) = report.results
    d, what = checker.resolver._distance_to_target(r.anchor.place, r.target, report.context)
    assert what == "PL's coast" and d == pytest.approx(r.measurement.distance_km, abs=1e-6)


# An air base named in the text is the airfield of that name when the airports table has one whose
# own name says it is a base (dev: republic-engels-base-1 'The Engels base … The airbase … it is 730 km');
# an unnamed description never matches a landmark or a town by a common word (novinite-yavoriv-1:
# 'The military base' was 'Deblin Military Air Base', Poland, by the key 'Military').
BASES = [
    ("republic-engels-base-1", 0, "XWSG", "an air base in the airports table"),
]


@pytest.mark.parametrize("item_id,n,icao,why", BASES, ids=[b[0] for b in BASES])
def test_an_air_base_is_its_airfield(item_id, n, icao, why):
    r = check_text(_dev(item_id)).results[n]
    assert r.anchor.place.kind == "landmark" and f"ICAO {icao}" in r.anchor.place.name and why in r.anchor.reason


# Dev sentences whose anchor is a description with no name in the text: a thing that may be anywhere ('the camp')
# leaves nothing to check; a particular thing built to stay ('The military base', 'The nuclear complex') is
# unresolved, as the corpus labels them: the data lacks it, and a user can mark it on the map.
# (dev file, item, claim, status, why): a description of a fixed kind of thing, definite or not, is unresolved (a user
# can mark it); a camp, or a fixed kind made temporary, is not checkable.
UNNAMED = [
    ("dev", "voa-via-counter-ied-report-mogadishu-1", 0, Status.NOT_CHECKABLE, "'the camp' is not named"),
    ("dev", "novinite-yavoriv-1", 0, Status.UNRESOLVED, "'The military base' is a particular base the text does not "
                                                        "name, and no dataset here locates it"),
    ("dev", "bao-nghe-an-natanz-1", 0, Status.UNRESOLVED, "'The nuclear complex' is a particular complex"),
    ("dev6", "k-counterpunch-arivaca-2", 0, Status.UNRESOLVED,
     "'a Customs and Border Protection checkpoint' is a particular checkpoint the text does not name"),
    ("dev5", "washington-examiner-miyakoji-1", 0, Status.UNRESOLVED, "'a small district' is a particular district"),
]


@pytest.mark.parametrize("part,item_id,n,status,why", UNNAMED, ids=[u[1] for u in UNNAMED])
def test_an_unnamed_thing_is_not_checkable_or_unresolved(part, item_id, n, status, why):
    r = check_text(_item(DATA / "corpus" / f"{part}.jsonl", item_id)).results[n]
    assert r.anchor.place is None and not r.anchor.candidates and r.verdict.status is status
    assert why in r.anchor.reason


def test_a_temporary_thing_of_a_fixed_kind_is_not_checkable():
    """dev4 japan-bullet-okuma-2: 'operating in a temporary facility about 100 kilometers away'."""
    (r,) = [r for r in check_text(_item(DATA / "corpus" / "dev4.jsonl", "japan-bullet-okuma-2")).results
            if "100 kilometers" in r.claim.quote]
    assert r.claim.anchor is None and r.verdict.status is Status.NOT_CHECKABLE
    assert "(an unnamed facility)" in r.verdict.reason


# Sentences written for this test: the target's same-name town that the anchor fits wins, and says so.
PAIRS = [
    ("Lewiston lies about 35 miles north of Portland.", 4969398, 4975802),  # Maine's, not Oregon's Portland
]


@pytest.mark.parametrize("text,anchor_gid,target_gid", PAIRS, ids=["lewiston-portland"])
def test_a_same_name_target_the_anchor_fits(text, anchor_gid, target_gid):
    (r,) = check_text(text).results
    assert (r.anchor_place.geonameid, r.target_place.geonameid) == (anchor_gid, target_gid)
    assert "another town named 'Portland'; no reading of 'Lewiston' fits the claim with Portland (Oregon, US)" \
        in r.target.resolution.reason


def test_a_loose_anchor_never_moves_the_target_abroad():
    """dev14 s-traveller-boulia-1: 'Boulia' (300 people, not in the gazetteer) met Beulah, North Dakota, by sound, and
    that moved 'Brisbane' to Brisbane, California: a confident 'inconsistent'. Only an exact name may move a target."""
    text = ("Part of Australian mythology. Located 1719 km from Brisbane, 305 km south of Mt Isa and 364 km west of "
            "Winton, Boulia is a small settlement of approximately 300 people.")
    first = check_text(text).results[0]
    assert first.verdict.status is Status.UNRESOLVED
    assert first.target_place is not None and first.target_place.country == "AU"


@pytest.mark.parametrize("text,status,airport", [
    # dev15 t-budgetgorillaholidays-kampala-1: the target named by its kind only is the anchor town's own airport
    ("Kampala is situated approximately 35 km from the airport.", Status.CONSISTENT, "EBB"),
    # the only airport filed under Siem Reap lies 39 km off, beyond 3 × the claim: not taken for 'the airport'
    ("Siem Reap is 7 km from the airport.", Status.NOT_CHECKABLE, None),
])
def test_the_airport_is_the_anchor_town_s_own(text, status, airport):
    (r,) = check_text(text).results
    assert r.verdict.status is status, r.verdict.reason
    assert (airport in r.target_place.label) if airport else r.target_place is None


def test_a_long_claim_is_not_a_suburb_of_its_target():
    """dev2 forces-news-kaliningrad-1: 'nearly 700 miles away from Moscow' was measured from Korolev (Moscow
    Oblast, once called Kaliningrad), 22 km away: plausibility has a floor as well as a ceiling."""
    r = check_text(_dev2("forces-news-kaliningrad-1")).results[1]
    assert r.anchor_place.geonameid == 554234 and r.verdict.status is Status.CONSISTENT
    korolev = next(c for c in r.anchor.candidates if c.place.name == "Korolev")
    assert any("implausible for a claim of nearly 700 mi (nearer than" in why for why in korolev.reasons)


# An airport measured to its city's centre, or to 'the city': (text, ICAO code, the city).
AIRPORT_TO_ITS_CITY = [
    (_dev2("newstodate-tashkent-airport-1"), "UZTT", "Tashkent"),  # '… only 12 km from the city center'
    # the city's name before the airport's own ("Hosea Kutako International Airport", city Windhoek)
    (_item(DATA / "corpus" / "dev4.jsonl", "siyabona-windhoek-airport-1"), "FYWH", "Windhoek"),
]


@pytest.mark.parametrize("text,icao,city", AIRPORT_TO_ITS_CITY, ids=[a[2] for a in AIRPORT_TO_ITS_CITY])
def test_an_airport_measured_to_the_city_centre_is_measured_to_its_city(text, icao, city):
    (r,) = check_text(text).results
    assert f"ICAO {icao}" in r.anchor_place.name and r.target_place.name == city
    assert "the city airportsdata" in r.target.resolution.reason


def test_the_tashkent_airport_claim_is_inconsistent_as_its_reference():
    (r,) = check_text(_dev2("newstodate-tashkent-airport-1")).results
    assert r.verdict.status is Status.INCONSISTENT  # 5.5 km, as the label's reference


# A facility named by its kind only, measured to a town: the town's own, if it has one of that kind near enough.
# (dev item, the claim's quote starts, the landmark expected or None, words of the reason)
OTHER_END_FACILITY = [
    # 'The nuclear power plant is being built some 18 km away from the town of Astravets': the plant the
    # data files under Astravets (GeoNuclearData's 'Belarusian'), 20 km from the town
    ("dev4.jsonl", "ejatlas-belarusian-npp-2", "some 18 km", "Belarusian nuclear power plant",
     "named after Astraviec ("),
    # 'The airport is also a very short 7km from the town of Siem Reap': the data has only the new airport
    # (2023), 39 km out, beyond 3 × 7 km: not taken, and said (the old one, 7.5 km, is what the text meant)
    ("dev4.jsonl", "jacqui-currie-siem-reap-1", "7km", None, "lies 39 km from it, beyond 21 km"),
]


@pytest.mark.parametrize("name,item_id,quote,landmark,why", OTHER_END_FACILITY, ids=[o[1] for o in OTHER_END_FACILITY])
def test_a_facility_named_by_its_kind_is_the_other_end_s_own(name, item_id, quote, landmark, why):
    r = next(r for r in check_text(_item(DATA / "corpus" / name, item_id)).results if r.claim.quote.startswith(quote))
    assert (r.anchor_place.name if r.anchor_place else None) == landmark
    assert why in r.anchor.reason
    assert r.anchor.candidates and "named after" in r.anchor.candidates[0].reasons[0]


def test_an_epicentre_as_the_target_is_not_checkable():
    """dev2 construction-index-akkuyu-1: '… about 400km west of the earthquake epicentre in Gaziantep': the town
    only locates the epicentre (it was measured to Gaziantep's point)."""
    (r,) = check_text(_dev2("construction-index-akkuyu-1")).results
    assert r.measurement is None and r.verdict.status is Status.NOT_CHECKABLE
    assert "is an epicentre, a blast or a crash site" in r.verdict.reason


# An anchor that names a state or a country (no point) gives way to the next place its rule passed over,
# and the reason says so; a sentence with no such place stays not checkable.
NEXT_PLACE = [
    # 'After hitting Quapaw, the twister continued northward into Kansas and struck Baxter Springs, about 5 miles
    # away': the subject rule's nearest place, Kansas, is a state; Quapaw was named before it
    ("dev3.jsonl", "wibw-cbs-baxter-springs-1", "Baxter Springs, about", "Quapaw", "Quapaw", "Kansas",
     Status.CONSISTENT),
    # 'Residents of the border town, some 90km north of Amman': 'the border town' met 'in Syria' first in the
    # sentence before; 'Jordan' is a country too; 'residents of Ramtha' names the town (67 km: the figure is off)
    ("dev3.jsonl", "jordan-times-ramtha-1", "some 90km", "Ramtha", "Ar Ramthā", "Syria", Status.INCONSISTENT),
]


@pytest.mark.parametrize("name,item_id,quote,town,place,area,status", NEXT_PLACE, ids=[n[1] for n in NEXT_PLACE])
def test_a_state_or_country_as_anchor_gives_way_to_the_next_place(name, item_id, quote, town, place, area, status):
    r = next(r for r in check_text(_item(DATA / "corpus" / name, item_id)).results if r.claim.quote.startswith(quote))
    assert r.anchor_place is not None and r.anchor_place.name == place and r.claim.anchor_text == town
    assert f"{area!r} names " in r.anchor.reason and f"the place named before it, {town!r}, is taken" in r.anchor.reason
    assert r.verdict.status is status


def test_with_no_other_place_a_state_as_anchor_stays_not_checkable():
    (r,) = check_text("In Kansas, about 5 miles from Joplin, the roads were closed.").results
    assert r.claim.anchor_text == "Kansas" and not r.claim.anchor.fallbacks
    assert r.anchor_place is None and r.verdict.status is Status.NOT_CHECKABLE
    assert "'Kansas' names a state" in r.anchor.reason and "is taken" not in r.anchor.reason


def test_a_plant_of_that_very_name_when_no_town_of_it_fits():
    """dev3 abc-news-demos-indian-point-1: '… at Indian Point, where two aging reactors are 24 miles north of New
    York City': 'Indian' is part of the name before 'Point'; Indian Point, Missouri (1,739 km) does not fit, the
    plant does (61.9 km: the figure is off)."""
    (r,) = check_text(_item(DATA / "corpus" / "dev3.jsonl", "abc-news-demos-indian-point-1")).results
    assert r.claim.anchor_text == "Indian Point" and r.anchor_place.name == "Indian Point nuclear power plant"
    assert "no town of that name fits the claim" in r.anchor.reason and r.verdict.status is Status.INCONSISTENT


# A name that is a territory's and a town's in it ("Gaza") may mean either: when the two readings give
# different verdicts the claim is not checkable with both figures; "Gaza City" names the town alone.
TERRITORY_OR_TOWN = [
    ("Gaza, just 2km from Sderot, was shelled.", "Gaza", Status.NOT_CHECKABLE, "may mean the land of Palestinian"),
    ("Gaza City, just 12km from Sderot, was shelled.", "Gaza City", Status.CONSISTENT,
     "measured 12.64 km is outside 11.40–12.60 km"),
    ("Kuwait City is 280 km from Bushehr.", "Kuwait City", Status.CONSISTENT, "measured 281.9 km"),
]


@pytest.mark.parametrize("text,anchor,status,why", TERRITORY_OR_TOWN, ids=["gaza", "gaza-city", "kuwait-city"])
def test_a_territory_s_name_may_mean_the_territory_or_its_town(text, anchor, status, why):
    (r,) = check_text(text).results
    assert r.claim.anchor_text == anchor and r.verdict.status is status and why in r.verdict.reason


# A country's name met as another name of a town in it: only its capital ("Kuwait" is Kuwait City); any other
# town is no stand-in (dev2 jewish-press-nahal-oz-1 had 'Israel' measured from Yizre'el, 131 km, "inconsistent").
COUNTRY_NAMES = [
    ("Kuwait is 100 km from the Iraqi border.", "Kuwait City"),
    ("Israel is 800 meters from the Gaza border.", None),
]


@pytest.mark.parametrize("text,town", COUNTRY_NAMES, ids=["kuwait-capital", "israel-no-town"])
def test_a_country_name_is_a_town_in_it_only_as_its_capital(text, town):
    (r,) = check_text(text).results
    assert (r.anchor_place.name if r.anchor_place else None) == town
    if town is None:
        assert r.verdict.status is Status.NOT_CHECKABLE and "is not its capital" in r.anchor.reason


# Sentences written for these tests. A country that shares no land border with the anchor's is measured to the
# nearest edge of its outline; when its capital bears its name the text may mean either, and nothing is guessed.
NO_LAND_BORDER = [
    ("Key West is just 90 miles from Cuba.", "Cuba's outline", None),
    ("Johor Bahru is 2 km from Singapore.", None, "'Singapore' may mean its territory (1.9 km to its nearest edge)"),
]


@pytest.mark.parametrize("text,label,why", NO_LAND_BORDER, ids=["key-west-cuba", "johor-singapore"])
def test_a_country_with_no_shared_border(text, label, why):
    (r,) = check_text(text).results
    if label:
        assert r.target_place.name == label and r.measurement is not None and 150 < r.measurement.distance_km < 157
        assert "share no land border in the embedded data" in r.target.resolution.reason
    else:
        assert r.measurement is None and r.verdict.status is Status.NOT_CHECKABLE and why in r.verdict.reason


def test_a_state_name_is_not_a_far_town_of_that_name():
    """'Kansas' as the anchor of a 5-mile claim to a Kansas town is not Kansas, Oklahoma, 91 km away (a
    confident 'inconsistent' before): the state is understood, and no point."""
    (r,) = check_text("Kansas is about 5 miles from Baxter Springs.").results
    assert r.anchor.place is None and r.anchor.understood == "Kansas" and r.verdict.status is Status.NOT_CHECKABLE
    assert "'Kansas' names a state or region (Kansas); the town of that name, Kansas (Oklahoma, US)" in r.anchor.reason


# A name no town has but a power plant has, as the anchor or the target (dev3; GeoNuclearData).
PLANTS_BY_NAME = [
    ("power-magazine-kashiwazaki-kariwa-1", "target", "Kashiwazaki Kariwa nuclear power plant"),
    ("times-kuwait-kashiwazaki-kariwa-1", "anchor", "Kashiwazaki Kariwa nuclear power plant"),
    ("russian-construction-paks-1", "anchor", "Paks nuclear power plant"),  # 'Paks NPP'
]


@pytest.mark.parametrize("item_id,end,name", PLANTS_BY_NAME, ids=[p[0] for p in PLANTS_BY_NAME])
def test_a_power_plant_by_its_name(item_id, end, name):
    r = check_text(_dev3(item_id)).results[0]
    place = r.target_place if end == "target" else r.anchor_place
    assert place.kind == "landmark" and place.name == name and r.verdict.status is Status.CONSISTENT



# 'the border' with no country named: (text, words of the target's reason).
THE_BORDER_READ = [
    ("Ukraine said its drones struck Russia. The drone struck Engels, about 600 km from the border.",
     "taken as the nearest border of RU with a country the article mentions"),
    ("The drone struck Engels, about 600 km from the border.",
     "the article names none of RU's"),
]


@pytest.mark.parametrize("text,why", THE_BORDER_READ, ids=["neighbour-named", "none-named"])
def test_the_border_with_no_country_named_says_how_it_was_read(text, why):
    (r,) = check_text(text).results
    assert why in r.target.resolution.reason


# 'the border' with no country named here: the nearest border is taken, said as a guess; when that reading is
# inconsistent but another neighbour's border lies where the wording allows, which one is meant decides, so the
# claim is not checkable with both said (Engels: Kazakhstan's border 146 km, Ukraine's 476 km).
BORDER_UNSAID = [
    ("The drone struck Engels air base, about 450 km from the border.", Status.NOT_CHECKABLE,
     "the nearest, the Russia–Kazakhstan border (146.3 km), is not what the wording allows (405.0–495.0 km), but "
     "the Russia–Ukraine border (476.4 km) is"),
    ("Lviv is about 5 km from the border.", Status.INCONSISTENT, "understated: measured 57.2 km"),
    ("The drone struck Engels air base, about 450 km from the Kazakh border.", Status.INCONSISTENT, "overstated"),
    ("The drone struck Engels air base, about 150 km from the border.", Status.CONSISTENT, "measured 146.3 km"),
]


@pytest.mark.parametrize("text,status,why", BORDER_UNSAID, ids=["other-fits", "none-fits", "named", "nearest-fits"])
def test_an_unsaid_border_that_decides_the_verdict(text, status, why):
    (r,) = check_text(text).results
    assert r.verdict.status is status and why in r.verdict.reason, r.verdict.reason


# A border named by a state or region, not a country, is that region's boundary (British Columbia has an outline
# here, 79.9 km from Whitehorse); one whose outline the data lacks is not checkable (it was measured to the nearest
# border of the country: the US–Mexico border, 792 km from Texarkana).
STATE_BORDERS = [
    ("Whitehorse is about 105 km north of the British Columbia border.", Status.INCONSISTENT,
     "measured 79.9 km"),
    ("Texarkana is 30 miles from the Oklahoma border.", Status.NOT_CHECKABLE,
     "'the Oklahoma border' is the boundary of Oklahoma (US), a state or region whose outline the embedded data "
     "does not have"),
    ("Kharkiv is 30 km from the Russian border.", Status.CONSISTENT, "measured 34.6 km"),
]


@pytest.mark.parametrize("text,status,why", STATE_BORDERS, ids=["british-columbia", "oklahoma", "russian"])
def test_a_state_s_border_is_its_boundary(text, status, why):
    (r,) = check_text(text).results
    assert r.verdict.status is status and why in r.verdict.reason, r.verdict.reason


# A town on a small island may stand for the island: when the town's point is inconsistent but the island's nearest
# shore lies where the wording allows, the claim is not checkable, both said (Hvar town 37.4 km from Split, Hvar
# island's shore 31.8 km); when neither fits, or the town's point fits, its verdict stands.
ISLAND_OR_TOWN = [
    ("Hvar is about 30 km from Split.", Status.NOT_CHECKABLE,
     "Hvar (Split-Dalmatia, HR) lies on an island of 296 km², which its name may mean: from the town's point Split "
     "(Split-Dalmatia, HR) is not what the wording allows (27.0–33.0 km), from the island's nearest shore it is "
     "31.8 km, which is"),
    ("Hvar is about 25 km from Split.", Status.INCONSISTENT, "measured 37.4 km"),
    ("Hvar is about 37 km from Split.", Status.CONSISTENT, "measured 37.4 km"),
]


@pytest.mark.parametrize("text,status,why", ISLAND_OR_TOWN, ids=["shore-fits", "neither-fits", "town-fits"])
def test_a_town_on_a_small_island_may_mean_the_island(text, status, why):
    (r,) = check_text(text).results
    assert r.verdict.status is status and why in r.verdict.reason, r.verdict.reason

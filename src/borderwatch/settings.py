"""Thresholds and defaults, in one place, each with a line of help.

Both the CLI and the page read these; nothing else in the package hard-codes them.
Module constants are input limits; :class:`Settings` holds what a user may tune.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Settings", "DEFAULTS", "MAX_INPUT_CHARS", "MAX_LENGTH_FIGURES", "MAX_SENTENCE_CHARS",
           "MAX_HTML_UPLOAD_BYTES", "MAX_MAIN_TEXT_HTML_CHARS", "MAX_CLAIM_KM", "MAX_HTML_TAGS", "WORK_BUDGET_S", "WORK_BUDGET_LOADING_S", "MAX_MAP_CLAIMS",
           "MAX_CORPUS_LINE_BYTES", "BATCH_PROGRESS_EVERY_S", "BATCH_CHUNK_ARTICLES", "BATCH_INFLIGHT_PER_WORKER",
           "BATCH_LISTED_FAILURES", "BATCH_FSYNC_EVERY_S",
           "GEOJSON_CIRCLE_VERTICES", "TITLE_MAX_CHARS", "MAX_DATELINE_TRIES", "MAX_REGION_MENTIONS", "MAX_ARTICLE_PLACES",
           "MAX_STATE_NAMES",
           "COMPACT_SELECTOR_CLAIMS", "PAGE_SOURCES_KEPT", "MAX_CASE_FILE_BYTES", "MAX_CASE_CLAIMS", "MAX_CASE_STRING_CHARS",
           "EXCLAVE_COAST_SHARE", "EXCLAVE_COAST_TOLERANCE_DEG", "MAP_CACHE_ENTRIES", "MAP_TOWN_LABELS", "MAP_FULL_RES_ZOOM",
           "MAP_FULL_RES_WINDOW_DEG"]

MAX_INPUT_CHARS = 200_000
"""~30,000 words; longer input is refused with a clear message."""
MAX_LENGTH_FIGURES = 2500
"""Length units (km, mi, m…) per text, counted up front (a cheap, linear count): reading costs up
to ~0.25 ms CPU per figure on the densest constructed text, so at most ~0.6 s. 200,000 characters
of real news sentences, every one chosen for its distance figures (the dev sets), carry 850–1,300;
a news article carries tens. 2,500 at the size cap is one per 80 characters, twice the densest
real text: more is machine-made density, refused."""
MAX_SENTENCE_CHARS = 2000
"""A longer run without a sentence end is cut into pieces of this size: it bounds every scan."""
MAX_HTML_UPLOAD_BYTES = 2_000_000
"""An uploaded HTML page may be mostly markup, but no more than this: parsing costs up to
~1 s/MB (0.4 s/MB for ordinary markup), and the page answers within 2 s."""
MAX_CLAIM_KM = 20_100.0
"""Half the equator (40,075 km), rounded up: no two places on Earth are farther apart."""
MAX_MAIN_TEXT_HTML_CHARS = 600_000
"""HTML up to this size has its main text picked out by trafilatura (~0.1 s for a 6 KB news page,
~1 s at this size, 3 s at 2 MB); a larger upload is read whole by html.parser, and the page says so."""
MAX_HTML_TAGS = 100_000
""""<" in an HTML upload; a long news page has ~5,000 tags: more is machine-made."""
MAX_MAP_CLAIMS = 60
"""Claims drawn on the page's map (~7 ms each to draw and send): the page answers in 2 s."""
COMPACT_SELECTOR_CLAIMS = 8
"""More claims than this get the page's compact selector (search, verdict filter with counts, "next
inconsistent") instead of one radio per claim: 8 radios fit one line at 1400 px; 132 pushed the map off screen."""
PAGE_SOURCES_KEPT = 4
"""Articles whose edits and selection one page session keeps for switching back (the seed, a paste, two
uploads); each holds its text and results (≤ a few MB for the longest article)."""
MAX_CASE_FILE_BYTES = 4 * MAX_INPUT_CHARS * 2 + 1_000_000
"""A case file (JSON): the longest article as UTF-8 with JSON escaping (≤ 8 bytes a character) plus 1 MB
for its edited and added claims; anything larger is refused before it is parsed."""
MAX_CASE_CLAIMS = 1000
"""Edited or added claims in one case file: the extractor's own cap on figures per article (MAX_LENGTH_FIGURES)."""
MAX_CASE_STRING_CHARS = 2000
"""Longest name, quote or note in a case file (a quote is one sentence, cut at MAX_SENTENCE_CHARS)."""
MAX_DATELINE_TRIES = 10
"""Lines that look like a dateline read per article (each costs a name lookup, up to ~2 ms):
a dateline opens the article or one of its first paragraphs, so 9,000 such lines cost no more."""
MAX_REGION_MENTIONS = 20
"""Distinct region names read per article ("the Gomel region"), each a lookup of ~1 ms: a news
article names a handful; the bound keeps machine-made text cheap."""
MAX_ARTICLE_PLACES = 40
# Distinct capitalised names of an article read for a state or province named alone ("Minnesota"): each is a
# dictionary lookup, and a state named once anywhere in a long article still counts.
MAX_STATE_NAMES = 600
"""Distinct place names of an article's claims looked up once for its context (~1 ms each)."""
EXCLAVE_COAST_SHARE = 0.5
"""A detached part of a region whose outline is more than this share its country's own outline
(coast or border) is an island or coastal part, not an exclave inside the country."""
EXCLAVE_COAST_TOLERANCE_DEG = 0.01
"""~1 km: a part's outline this close to the country's (display) outline counts as shared."""
MAP_CACHE_ENTRIES = 8
"""Folium maps kept per process (selected claim × options × recent articles); each is ~50 KB
now that the basemap is a static file; 64 deep copies with the basemap inside cost ~150 MiB."""
MAP_TOWN_LABELS = 8
"""Most populous towns named on the map for orientation; the label placer drops those that collide."""
MAP_FULL_RES_ZOOM = 9
"""From this zoom on, the selected claim's target and the countries near its nearest point are
drawn at full resolution (the simplified display outlines drift by up to ~1 km)."""
MAP_FULL_RES_WINDOW_DEG = 0.25
"""Half-size of the window around the nearest point (and anchor) drawn at full resolution."""
TITLE_MAX_CHARS = 120
"""An article's title (its first line) is cut at a word to this length: a headline, not a paragraph."""
GEOJSON_CIRCLE_VERTICES = 72
"""Vertices of an exported circle (one per 5°): a 40 km ring is then within 0.1 km of true."""
WORK_BUDGET_S = 1.5
"""CPU seconds one article's check may spend resolving and measuring (budget.py; reading is bounded
by MAX_LENGTH_FIGURES), counted on its own thread: what costs varies 20-fold (a boundary measurement
~0.5 ms near a border, ~10 ms far from a detailed region; a name 1–30 ms with its namesakes), so the
budget is the work itself. The dev sets' 85,000 characters of real news need 0.75–1.0 s of it in a
fresh process (0.5 s warm; the seed article 0.005 s warm; reading the embedded data into memory,
once per process, is not charged): at 1.0 s their first check cut up to 14 of 202 claims, so 1.5 s.
The worst constructed article checks in ~1.1–1.7 s CPU (reading its 2,500 figures ~0.6 s of it).
Beyond it the remaining claims are listed "not checkable", with the way out, and the report warns."""
WORK_BUDGET_LOADING_S = 1.5
"""CPU seconds of reading embedded data into memory (outlines, border segments, coasts, admin-1
names: once per process) that one article's check is excused before it counts against
WORK_BUDGET_S: the seed article's first check in a fresh process reads ~0.3 s, the dev sets'
85,000 characters of real news 0.7–1.1 s (it was 1.0 s, and their first check then spilled up to
0.1 s of reading into the work); without it a fresh batch worker cut the first article it got, so
results depended on the process. Every country's outline would take ~6.6 s: capped."""
MAX_CORPUS_LINE_BYTES = 2 * MAX_HTML_UPLOAD_BYTES
"""One JSONL/CSV record of a corpus: the HTML cap plus JSON escaping."""

# borderwatch batch (many articles): see borderwatch.batch
BATCH_PROGRESS_EVERY_S = 10.0  # off a terminal, one plain progress line this often (a CI log stays short)
BATCH_CHUNK_ARTICLES = 8  # articles sent to a worker at once: amortises IPC, small enough to stream
BATCH_INFLIGHT_PER_WORKER = 4  # chunks queued per worker: keeps workers busy, bounds memory on huge corpora
BATCH_LISTED_FAILURES = 1000  # failed articles listed by id in the summary file (all are counted)
BATCH_FSYNC_EVERY_S = 1.0  # fsync the output at most this often: a kill -9 loses nothing written (one write per
# article), an OS crash or power cut at most this much; fsync per article cost 5 ms on a busy disk (~15 % of a run)


@dataclass(frozen=True)
class Settings:
    """Tunable thresholds of resolution and judgement."""

    fuzzy_cutoff: float = 0.84
    """Minimum Levenshtein similarity (0..1) of spelling-folded names for a fuzzy match."""
    fuzzy_min_length: int = 5
    """Names shorter than this are never matched fuzzily ("REC" must not match "Rechitsa")."""
    fuzzy_limit: int = 12
    """At most this many folded spellings are taken from a fuzzy search (each may be many places)."""
    transliteration_score: float = 0.95
    """Name score of a match after folding transliteration variants (an exact match scores 1.0)."""
    fuzzy_weight: float = 0.9
    """A fuzzy match scores its similarity times this, so it never ties an exact one."""
    max_candidates: int = 10
    """Candidates kept per town name (best first), for the alternatives and the page."""
    max_region_candidates: int = 8
    """Candidates kept per region name."""
    region_country_bonus: float = 0.3
    """Added to a region in the country the text names ("Ukraine's Chernihiv region")."""
    region_city_penalty: float = 0.3
    """Subtracted from a city-with-region-status when the text says "region" or "oblast"."""
    accept_score: float = 0.8
    """A candidate needs at least this score to be chosen; below it the name is unresolved."""
    region_bonus: float = 0.5
    """Added to a town in the region the text names next to it ("in the Gomel region")."""
    country_bonus: float = 0.2
    """Added to a town in a country the article mentions."""
    article_region_bonus: float = 0.15
    """Added to a town in a region the article names elsewhere: below a region next to the name (0.5)."""
    locator_country_bonus: float = 0.4
    """Added to a town in the country named right after it ("Volodymyr in Ukraine"): near a region's (0.5)."""
    dateline_region_bonus: float = 0.3
    """Added to a town in the dateline's state or region ("COLUMBUS, N.M. —"): below a region named by it (0.5)."""
    dateline_country_bonus: float = 0.1
    """Added to a town in the dateline's country: wires file from elsewhere, so half a mention (0.2)."""
    dateline_city_country_bonus: float = 0.02
    """The same for a dateline that names only its city ("WASHINGTON (AP) —"): a tie-break, below
    the population prior's gap between a capital and a same-name town abroad (Paris, Texas)."""
    dateline_bare_min_population: int = 100_000
    """A dateline with no state or country ("TAIPEI —") names a major city (AP style): a
    smaller match is an outlet's name or a word, not a dateline."""
    dateline_alias_min_population: int = 1_000_000
    """A bare dateline matching only another name of a city ("KIEV" for Kyiv) counts for a
    city this big: smaller alternate-name matches are outlets ("IRNA" is a name of Salerno)."""
    population_prior: float = 0.25
    """Population bonus, log scale from population_floor to 10 M: Montréal (1.6 M) gains a country
    mention's 0.2 over Montreal, Wisconsin (800), so a metropolis needs the text to say otherwise."""
    population_floor: int = 1000
    """Towns up to this size get no population bonus: every candidate has ≥ 500 people."""
    own_name_bonus: float = 0.12
    """An exact match on a place's own name, not an old one: Philadelphia, not Amman (+0.15 capital)."""
    capital_bonus: float = 0.15
    """Added to a national capital (Athens, not Athens, Georgia), below a country mention (0.2)."""
    named_capital_bonus: float = 0.3
    """Added again when the text calls it the capital ("capital Tehran"): the writer's own word."""
    admin_seat_bonus: float = 0.08
    """Added to the town its admin-1 region is named after (a seat beats a hamlet, not the text)."""
    seat_min_population: int = 10_000
    """A seat or largest town counts from this size: Slovenia's 212 municipalities have village seats."""
    largest_in_region_bonus: float = 0.05
    """Added to the most populous town of its admin-1 region: a regional centre, weaker than a seat."""
    near_km: float = 300.0
    """A town d km from another place the claim names gets near_bonus × (1 − d / near_km):
    "Petropavlika, 6 km from Kupiansk" is the Petropavlivka near Kupiansk."""
    near_bonus: float = 0.3
    """Largest bonus for lying near the other place the claim names."""
    far_fuzzy_km: float = 1500.0
    """A loose-spelling match farther than this from the other place the claim names..."""
    far_fuzzy_penalty: float = 0.3
    """...loses this much: "Baisaran" near Pahalgam is not Basaran in Turkey."""
    avoid_penalty: float = 0.3
    """Taken from a town in the country the claim measures to: "X, 30 km from the Ukrainian border" is not in it."""
    plausibility_factor: float = 3.0
    """A candidate anchor farther than this many times the claimed distance from the border
    or region the claim names is implausible (if another same-name candidate is not)…"""
    plausibility_slack_km: float = 50.0
    """…and farther than the claim plus this: small figures ("3 miles") are often loose."""
    fuzzy_target_factor: float = 2.0
    """A loose-spelling target must lie within this × the claim (or its slack) of a fixed anchor (Giurgiu, 252 km
    from Sofia, is not 'the Gyushevo checkpoint' 113 km off): past it a town the gazetteer lacks is likelier."""
    facility_of_town_factor: float = 3.0
    """'The airport is 7 km from X' means X's own only within this × the claim (a newer one may lie far out)."""
    plausible_bonus: float = 0.5
    """Added to the plausible candidates when the best by name and context is implausible: as strong as a region
    named next to the name, so the sentence's geometry settles same-name places (the others keep their verdicts)."""
    decline_small_population: int = 10_000
    """A village (fewer people than this), or any place met only by a folded or fuzzy spelling, is declined once
    implausible (plausible_km): a village's name recurs everywhere ("Akhaldaba", 9 km from Tbilisi, is not either
    Akhaldaba 115 km off), a loose match is weak evidence; a larger place met exactly keeps the limits below."""
    decline_factor: float = 10.0
    """Any match, exact too, farther than this many times the claimed distance is declined…"""
    decline_slack_km: float = 1000.0
    """…and farther than the claim plus this: news is off by tens of per cent, not a continent (Crete, Illinois)."""
    article_place_margin: float = 0.1
    """A place the article names counts as context only when it leads its namesakes by this much
    on its own (Kupiansk: one place; Petropavlivka: four, no clear one)…"""
    article_near_km: float = 100.0
    """…and a candidate d km from it gets article_place_bonus × (1 − d / article_near_km): an
    article about one area names places in it."""
    article_place_bonus: float = 0.15
    """Largest bonus for lying near another place the article names: below a country mention
    (0.2), as a place elsewhere in the article says less than one in the same claim (0.3)."""
    region_name_min_population: int = 200_000
    """A state's or country's name as a place ("Indiana") keeps a town outside it only this big."""
    max_alternatives: int = 3
    """Other anchor candidates measured and judged beside the chosen one."""
    alternative_min_ratio: float = 0.75
    """An alternative needs at least this fraction of accept_score: weaker ones are noise."""
    path_points: int = 24
    """Points along each drawn geodesic line (drawing only; distances are exact)."""
    people_per_km2: float = 2000.0
    """Urban density used to turn a town's population into an extent radius."""
    min_radius_km: float = 1.0
    """Smallest uncertainty radius of a town point."""
    max_radius_km: float = 25.0
    """Largest uncertainty radius of a town point (a metropolis is not a point, but not a region)."""
    about_tolerance: float = 0.10
    """Relative slack of "about/around/some": ±10 % of the claimed value at least."""
    plain_tolerance: float = 0.05
    """Relative slack of an unhedged figure: ±5 % at least, or half its rounding unit."""
    just_over_tolerance: float = 0.10
    """How far above the figure "just over" may reach: 10 % of it."""
    nearly_floor: float = 0.85
    """How far below the figure "nearly/almost" may reach: to 85 % of it."""
    rounding_units: tuple[int, ...] = (1000, 500, 100, 50, 10, 5)
    """Round figures a writer uses, largest first: 40 is rounded to 10, 25 to 5, 48 to 1."""
    pair_min_tolerance: float = 0.5
    """A paired conversion ("40 km (25 miles)") may be off by half its last digit, at least this."""
    alternatives_frame_km: float = 600.0
    """Map: other anchor candidates farther than this are drawn but do not widen the view."""
    eval_point_tolerance_km: float = 5.0
    """Evaluation: a resolved point within this distance of the labelled point is the same place."""
    online_timeout_s: float = 5.0
    """Longest wait for one Nominatim answer (opt-in online lookups), the whole request included."""
    online_min_delay_s: float = 1.0
    """Spacing of Nominatim requests: its usage policy allows at most one per second."""
    online_article_deadline_s: float = 12.0
    """All online lookups of one article together stop after this long (5 slow names took 33 s)."""
    online_max_response_bytes: int = 1_000_000
    """A one-place Nominatim answer is ~2 KB; bigger bodies are cut off, not read into memory."""
    online_max_query_chars: int = 200
    """A place name, not a paragraph: longer names are refused before anything is sent."""
    online_max_name_chars: int = 300
    """Longest place or display name accepted from an online answer (Nominatim's are ~100)."""
    plant_radius_km: float = 1.0
    """A nuclear plant's point is its reactors' mean: the site (~1 km across) is its uncertainty."""
    airport_radius_km: float = 2.0
    """An airport's reference point: a runway reaches ~2 km from it; that is its uncertainty."""
    landmark_iata_bonus: float = 0.1
    """Among same-name airports, one with an IATA code (scheduled flights) is the one news means."""


DEFAULTS = Settings()

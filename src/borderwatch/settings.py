"""Thresholds and defaults, in one place, each with a line of help.

Both the CLI and the page read these; nothing else in the package hard-codes them.
Module constants are input limits; :class:`Settings` holds what a user may tune.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Settings", "DEFAULTS", "MAX_INPUT_CHARS", "MAX_LENGTH_FIGURES", "MAX_SENTENCE_CHARS",
           "MAX_HTML_UPLOAD_BYTES", "MAX_MAIN_TEXT_HTML_CHARS", "MAX_CLAIM_KM", "MAX_HTML_TAGS", "MAX_MEASUREMENTS", "MAX_MAP_CLAIMS",
           "MAX_CORPUS_LINE_BYTES", "BATCH_PROGRESS_EVERY_S", "BATCH_CHUNK_ARTICLES", "BATCH_INFLIGHT_PER_WORKER",
           "BATCH_LISTED_FAILURES", "BATCH_FSYNC_EVERY_S",
           "GEOJSON_CIRCLE_VERTICES", "TITLE_MAX_CHARS", "MAX_DATELINE_TRIES"]

MAX_INPUT_CHARS = 200_000
"""~30,000 words; longer input is refused with a clear message."""
MAX_LENGTH_FIGURES = 1000
"""A news article has tens of distance figures; thousands mean machine-made input, and
refusing it up front keeps the whole check well under a second (a cheap, linear count)."""
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
MAX_DATELINE_TRIES = 10
"""Lines that look like a dateline read per article (each costs a name lookup, up to ~2 ms):
a dateline opens the article or one of its first paragraphs, so 9,000 such lines cost no more."""
TITLE_MAX_CHARS = 120
"""An article's title (its first line) is cut at a word to this length: a headline, not a paragraph."""
GEOJSON_CIRCLE_VERTICES = 72
"""Vertices of an exported circle (one per 5°): a 40 km ring is then within 0.1 km of true."""
MAX_MEASUREMENTS = 100
"""Boundary measurements per article: up to ~10 ms each from the far side of the world to a
detailed region (0.5 ms near a border), so the worst article under it checks in about 1 s; the
seed needs 8."""
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
    locator_country_bonus: float = 0.4
    """Added to a town in the country the text names right after it ("Volodymyr in Ukraine"):
    nearly as strong as a region named there, far above a mention elsewhere (0.2)."""
    dateline_region_bonus: float = 0.3
    """Added to a town in the state or region of the article's dateline ("COLUMBUS, N.M. —"):
    weaker than a region named next to the name (0.5), enough to settle same-name towns."""
    dateline_country_bonus: float = 0.1
    """Added to a town in the dateline's country: wires date stories from where they are
    filed, not always where they happen, so half a mention (0.2)."""
    dateline_city_country_bonus: float = 0.02
    """The same for a dateline that names only its city ("WASHINGTON (AP) —"): a tie-break, below
    the population prior's gap between a capital and a same-name town abroad (Paris, Texas)."""
    dateline_bare_min_population: int = 100_000
    """A dateline with no state or country ("TAIPEI —") names a major city (AP style): a
    smaller match is an outlet's name or a word, not a dateline."""
    dateline_alias_min_population: int = 1_000_000
    """A bare dateline matching only another name of a city ("KIEV" for Kyiv) counts for a
    city this big: smaller alternate-name matches are outlets ("IRNA" is a name of Salerno)."""
    population_prior: float = 0.1
    """Largest tie-breaking bonus for population (reached at 10 million)."""
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
    """Subtracted from a town in the country the claim measures to: "X, 30 km from the
    Ukrainian border" is not in Ukraine."""
    plausibility_factor: float = 3.0
    """A candidate anchor farther than this many times the claimed distance from the border
    or region the claim names is implausible (if another same-name candidate is not)…"""
    plausibility_slack_km: float = 50.0
    """…and farther than the claim plus this: small figures ("3 miles") are often loose."""
    plausible_bonus: float = 0.5
    """Added to the plausible candidates when the best by name and context is implausible: as
    strong as a region named next to the name, so the sentence's own geometry settles
    same-name places; the implausible ones keep their scores and their own verdicts."""
    max_alternatives: int = 3
    """Other anchor candidates measured and judged beside the chosen one."""
    alternative_min_ratio: float = 0.75
    """An alternative needs at least this fraction of accept_score: weaker ones are noise."""
    path_points: int = 24
    """Points along each drawn geodesic line (drawing only; distances are exact)."""
    window_chars: int = 400
    """Characters read on either side of a figure for its anchor and target: a long news
    sentence's reach, and a bound on the work per figure."""
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

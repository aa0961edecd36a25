"""Thresholds and defaults, in one place, each with a line of help.

Both the CLI and the page read these; nothing else in the package hard-codes them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Settings", "DEFAULTS", "MAX_INPUT_CHARS", "MAX_HTML_INPUT_BYTES", "MAX_CORPUS_LINE_BYTES",
           "BATCH_PROGRESS_EVERY_S", "BATCH_CHUNK_ARTICLES", "BATCH_INFLIGHT_PER_WORKER", "BATCH_LISTED_FAILURES",
           "BATCH_FSYNC_EVERY_S"]

MAX_INPUT_CHARS = 200_000  # ~30,000 words; longer input is refused with a clear message
MAX_HTML_INPUT_BYTES = 5_000_000  # HTML may be mostly markup, but parsing costs ~0.4 s/MB: refuse more, unparsed
MAX_CORPUS_LINE_BYTES = 2 * MAX_HTML_INPUT_BYTES  # one JSONL/CSV record: the HTML cap plus JSON escaping

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
    accept_score: float = 0.8
    """A candidate needs at least this score to be chosen; below it the name is unresolved."""
    region_bonus: float = 0.5
    """Added to a town in the region the text names next to it ("in the Gomel region")."""
    country_bonus: float = 0.2
    """Added to a town in a country the article mentions."""
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


DEFAULTS = Settings()

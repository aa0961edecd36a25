#!/usr/bin/env python3
"""Resolution alone, apart from extraction: a script that prints figures, not a test.

    .venv/bin/python benchmarks/resolution_alone.py tests/data/corpus/dev.jsonl tests/data/devset.jsonl

For every labelled anchor and place target that has a GeoNames id, the label's own name is
resolved with the article's context (its countries, regions, dateline and the name itself as
a place it names), as the resolver would once extraction finds the name. A resolution is
right when it has the labelled id or lies within settings.eval_point_tolerance_km of the
labelled point. Peer: the same names with no context at all (the name and its importance
only), so the line says what the article's context adds.

Labels whose name is a description ("her town (Polangui)", "the capital Tehran") are counted
apart: they measure extraction's reading, not resolution. Misses are listed for every file
except the corpus's frozen test split, whose rows are never printed (its figures only).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from borderwatch.evaluate import joined
from borderwatch.check import default_checker
from borderwatch.context import article_context
from borderwatch.gazetteer import Context
from borderwatch.geodesy import distance_km
from borderwatch.settings import DEFAULTS

FROZEN = "test.jsonl"


def _ends(item: dict):
    """(end, label) of each labelled anchor and place target with a GeoNames id and a name."""
    for claim in item.get("claims", []):
        for end in ("anchor", "target"):
            label = claim.get(end) or {}
            if label.get("geonameid") and label.get("name") and (end == "anchor" or label.get("kind") == "place"):
                yield end, label


def _right(place, label: dict) -> bool:
    if place is None:
        return False
    if place.geonameid == label["geonameid"]:
        return True
    return label.get("lat") is not None and label.get("lon") is not None and distance_km(
        place.lat, place.lon, label["lat"], label["lon"]) <= DEFAULTS.eval_point_tolerance_km


def score(path: Path) -> None:
    """Print the figures of one labelled set (and its misses unless it is the frozen test split)."""
    gaz = default_checker().gazetteer
    counts = {"with context": 0, "name alone": 0, "names": 0, "descriptions": 0}
    misses = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text = joined(item.get("context") or "", item["text"])
        for end, label in _ends(item):
            name = label["name"]
            if name not in text:
                counts["descriptions"] += 1
                continue
            ctx = article_context(text, gaz, names=[name])
            res = gaz.resolve(name, context=Context(countries=ctx.countries, regions=ctx.regions,
                                                    dateline=ctx.dateline, article_places=ctx.places))
            counts["names"] += 1
            counts["with context"] += _right(res.place, label)
            counts["name alone"] += _right(gaz.resolve(name).place, label)
            if not _right(res.place, label):
                misses.append(f"  {item['id']} {end} {name!r}: {res.reason[:160]}")
    n = counts["names"]
    print(f"{path}: {n} names as written ({counts['descriptions']} descriptive labels left out): "
          f"right with the article's context {counts['with context']}/{n}, by the name alone "
          f"{counts['name alone']}/{n} (peer)")
    if path.name != FROZEN:
        print("\n".join(misses))


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["tests/data/corpus/dev.jsonl", "tests/data/devset.jsonl"]:
        score(Path(arg))

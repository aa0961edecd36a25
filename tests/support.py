"""Paths shared by tests and benchmarks (a plain module: conftest files are not importable by name)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_f87aa17481a03d45.txt"
DEVSET = ROOT / "tests" / "data" / "devset.jsonl"


def walk_elements(element):
    """A folium/branca element and all its descendants, depth first."""
    yield element
    for child in element._children.values():
        yield from walk_elements(child)

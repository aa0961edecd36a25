"""Shared fixtures: one Checker on the embedded geodata for the whole run."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_f87aa17481a03d45.txt"


@pytest.fixture(scope="session")
def checker():
    from borderwatch.check import default_checker

    return default_checker()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_report(checker, seed_text):
    return checker.check_text(seed_text)

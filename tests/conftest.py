"""Shared fixtures: one Checker on the embedded geodata for the whole run."""

from __future__ import annotations

import pytest

from support import SEED


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

"""Every docstring example in src/borderwatch runs as a test (they are real cases on the
embedded data, so a drifting example fails here rather than misleading a reader)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import borderwatch

MODULES = sorted(m.name for m in pkgutil.walk_packages(borderwatch.__path__, "borderwatch."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, report=True)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed (see above)"


def test_the_examples_are_not_all_skipped():
    finder = doctest.DocTestFinder()
    examples = sum(len(t.examples) for name in MODULES for t in finder.find(importlib.import_module(name)))
    assert examples >= 20, examples

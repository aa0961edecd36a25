"""The article's context, computed once per article: what helps resolve its places.

Today that is the countries the article names (by name, adjective or short form:
"Ukraine", "the Russian border", "the U.S."). Resolution reads it; it never re-reads
the text.
"""

from __future__ import annotations

import re

from .gazetteer import Gazetteer
from .model import ArticleContext
from .settings import MAX_INPUT_CHARS

__all__ = ["article_context", "countries_named"]

# One or two capitalised words: a country's name or adjective is never longer here.
_COUNTRYISH = re.compile(r"\b[A-Z][a-z]{2,20}(?:\s[A-Z][a-z]{2,20})?\b")


def countries_named(text: str, gazetteer: Gazetteer) -> frozenset[str]:
    """Return the ISO2 codes of the countries ``text`` names.

    >>> from borderwatch.geodata import open_geodata
    >>> sorted(countries_named("near the Belarusian border with Ukraine", Gazetteer(open_geodata())))
    ['BY', 'UA']
    """
    found = set()
    for m in _COUNTRYISH.finditer(text[:MAX_INPUT_CHARS]):
        code = gazetteer.country_code(m.group())
        if code:
            found.add(code)
    return frozenset(found)


def article_context(text: str, gazetteer: Gazetteer) -> ArticleContext:
    """Return the ArticleContext of a whole article."""
    return ArticleContext(countries=countries_named(text, gazetteer))

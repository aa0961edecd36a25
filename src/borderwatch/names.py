"""Name normalisation shared by the geodata build and the gazetteer at run time.

Two keys per name:
- ``exact_key``: transliterated (Cyrillic and diacritics to ASCII), lower-cased,
  apostrophes dropped, punctuation to spaces. "Homyel’" -> "homyel".
- ``phonetic_key``: folds the spelling variants that English news uses for the
  same East-Slavic name (Rechitsa / Rechytsa / Rečyca / Речица -> "rechica";
  Gomel / Homel -> "homel"; Chernigov / Chernihiv -> "chernihiv"). The folding
  rules are a table below, applied in order.
"""

from __future__ import annotations

import re

from unidecode import unidecode

from .lexicon import LEXICON

__all__ = ["exact_key", "phonetic_key", "GENERIC_WORDS", "strip_generic"]

# Letters with carons/accents whose ASCII fallback loses a sound English spells out.
_PRE_TRANSLIT = str.maketrans({
    "č": "ch", "Č": "Ch", "š": "sh", "Š": "Sh", "ž": "zh", "Ž": "Zh", "ć": "ch", "ś": "sh",
    "ź": "zh", "ŭ": "u", "ў": "u", "Ў": "U", "ʼ": "", "’": "", "'": "", "`": "", "ʹ": "",
    "ь": "", "Ь": "", "ъ": "", "Ъ": "", "х": "kh", "Х": "Kh", "ц": "ts", "Ц": "Ts",
    "и": "y", "И": "Y", "ы": "y", "Ы": "Y", "і": "i", "І": "I", "ї": "yi", "Ї": "Yi",
    "є": "ye", "Є": "Ye", "г": "h", "Г": "H", "ґ": "g", "Ґ": "G",
})
# Russian spelling of the same letters, used when the text is Russian: "и" is "i",
# "г" is "g". The phonetic key folds i/y and g/h, so both spellings meet there.

# Applied in order to an exact key to build the phonetic key.
_PHONETIC_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "sh"), ("sch", "sh"), ("tch", "ch"), ("tsch", "ch"), ("tz", "c"), ("ts", "c"),
    ("kh", "h"), ("zh", "z"), ("g", "h"), ("w", "v"), ("j", "i"), ("y", "i"),
    ("ii", "i"), ("ie", "e"), ("ia", "a"), ("iu", "u"), ("io", "o"), ("ck", "k"),
    ("ph", "f"), ("q", "k"),
)

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"([a-z])\1+")

# Words that describe a kind of place rather than name it (the lexicon's generic and region words).
GENERIC_WORDS = LEXICON.generic_words


def exact_key(name: str) -> str:
    """Return the exact-match key of a name: ASCII, lower-case, single-spaced.

    >>> exact_key("Homyel’ Voblasc’")
    'homyel voblasc'
    """
    ascii_name = unidecode(name.translate(_PRE_TRANSLIT)).lower()
    return _NON_ALNUM.sub(" ", ascii_name.replace("'", "")).strip()


def phonetic_key(name: str) -> str:
    """Return the spelling-variant-folded key of a name (spaces removed).

    >>> phonetic_key("Rechitsa") == phonetic_key("Рэчыца") == phonetic_key("Rečyca")
    True
    """
    key = exact_key(name).replace(" ", "")
    for old, new in _PHONETIC_RULES:
        key = key.replace(old, new)
    return _DOUBLE.sub(r"\1", key)


def strip_generic(name: str) -> str:
    """Return ``name`` without generic place words and possessives.

    >>> strip_generic("Ukraine's Chernihiv region")
    "Ukraine's Chernihiv"
    """
    words = [w for w in name.split() if w.lower().strip(".,") not in GENERIC_WORDS]
    return " ".join(words)

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

import functools
import itertools
import re

from unidecode import unidecode

from .lexicon import LEXICON

__all__ = ["exact_key", "phonetic_key", "romanisation_keys", "ROMANISATIONS", "GENERIC_WORDS", "strip_generic"]

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

# How each Cyrillic letter is written by the romanisations news uses: BGN/PCGN (Russian,
# Ukrainian and Belarusian tables), ISO 9:1995, Ukraine's national system (2010), Belarus's
# (2007, and the Łacinka), and the German (Duden) and Polish spellings of East-Slavic names.
# Read backwards it turns a Latin name into the Cyrillic spellings it may stand for
# (:func:`romanisation_keys`), so "Szostka" (Polish) meets Шостка and "Nowoasowsk" (German)
# Новоазовськ. Only letters whose spelling differs between systems are listed.
ROMANISATIONS: dict[str, tuple[str, ...]] = {
    "в": ("v", "w"),                              # w: German, Polish
    "г": ("g", "h"),                              # g: Russian BGN/PCGN, ISO 9; h: Ukrainian, Belarusian
    "е": ("e", "ye", "je", "ie"),                 # ye: BGN/PCGN initial; je: German; ie: Polish
    "ё": ("yo", "jo", "io", "ë"),
    "є": ("ye", "ie", "je", "ê"),                 # ye/ie: Ukrainian national; ê: ISO 9
    "ж": ("zh", "ž", "sch", "ż", "rz"),           # sch: German; ż, rz: Polish
    "з": ("z", "s"),                              # s: German
    "и": ("i", "y"),                              # i: Russian; y: Ukrainian
    "і": ("i", "ó"),                              # ó: Polish for Ukrainian і (Charków, Czernihów)
    "ї": ("yi", "ji", "ï"),
    "й": ("y", "i", "j"),
    "л": ("l", "ł"),
    "с": ("s", "ss"),                             # ss: German between vowels
    "ў": ("u", "ŭ", "w"),                         # w: Belarusian Łacinka, Polish
    "х": ("kh", "h", "ch", "x"),                  # h: ISO 9; ch: German, Polish
    "ц": ("ts", "c", "z", "tz"),                  # c: ISO 9, Belarusian, Polish; z, tz: German
    "ч": ("ch", "č", "tsch", "cz"),
    "ш": ("sh", "š", "sch", "sz"),
    "щ": ("shch", "ŝ", "šč", "schtsch", "szcz"),
    "ы": ("y", "i"),
    "э": ("e", "è"),
    "ю": ("yu", "iu", "ju", "û"),
    "я": ("ya", "ia", "ja", "â"),
}
_MAX_READINGS = 64


def _readings_table() -> dict[str, tuple[str, ...]]:
    """Latin spelling -> the Cyrillic letters it may write, each reading a different key (so the
    product of readings stays small: г and х both fold to 'h' and count once)."""
    table: dict[str, dict[str, str]] = {}
    for letter, spellings in ROMANISATIONS.items():
        for spelling in spellings:
            table.setdefault(spelling, {}).setdefault(phonetic_key(letter), letter)
    return {k: tuple(v.values()) for k, v in table.items()}


@functools.lru_cache(maxsize=4096)
def romanisation_keys(name: str) -> tuple[str, ...]:
    """Return the phonetic keys of the Cyrillic spellings a Latin ``name`` may romanise (at most
    64, the name's own key not among them).

    >>> phonetic_key("Шостка") in romanisation_keys("Szostka")
    True
    """
    text, table = name.lower(), _READINGS
    longest = max(map(len, table))
    parts: list[tuple[str, ...]] = []
    i = 0
    while i < len(text):
        size = next((n for n in range(min(longest, len(text) - i), 0, -1) if text[i:i + n] in table), 0)
        parts.append(table[text[i:i + size]] + ((text[i:i + size],) if size > 1 else ()) if size else (text[i],))
        i += size or 1
    out: dict[str, None] = {}
    for reading in itertools.islice(itertools.product(*parts), _MAX_READINGS * 4):
        out.setdefault(phonetic_key("".join(reading)), None)
    out.pop(phonetic_key(name), None)
    return tuple(out)[:_MAX_READINGS]


_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"([a-z])\1+")

# Words that describe a kind of place rather than name it (the lexicon's generic and region words).
GENERIC_WORDS = LEXICON.generic_words


@functools.lru_cache(maxsize=65536)
def exact_key(name: str) -> str:
    """Return the exact-match key of a name: ASCII, lower-case, single-spaced.

    >>> exact_key("Homyel’ Voblasc’")
    'homyel voblasc'
    """
    ascii_name = unidecode(name.translate(_PRE_TRANSLIT)).lower()
    return _NON_ALNUM.sub(" ", ascii_name.replace("'", "")).strip()


@functools.lru_cache(maxsize=65536)
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


_READINGS = _readings_table()

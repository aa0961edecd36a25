"""Untrusted text, normalised once at the door (CLI, page and check_text all pass here).

* Unicode NFC: a name typed decomposed (macOS file names: "Krako\u0301w") is the
  same name as the composed one the gazetteer holds;
* format characters (category Cf: zero-width space and joiner, soft hyphen, BOM,
  bidi controls) are removed: "4\u200b8 km" is 48 km, not 8 km, and a zero-width
  space inside a name does not make it another name;
* control characters (C0, DEL and C1) are removed, except newline and tab; a
  carriage return ends a line ("\r\n" and a lone "\r" become "\n"). Terminal escape
  sequences from an article therefore never reach a terminal or a page.

The result is the text every later stage reads, so the character spans of claims
index into it (Report.text is the normalised text).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise_text", "control_free", "show_controls"]

_NEWLINES = re.compile(r"\r\n?")
# C0 except \t and \n, DEL, C1; and every format (Cf) character.
_CONTROL = "".join(chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)))
# Format characters live only in the first two planes and in plane 14 (tags): planes 2–3
# are ideographs, 4–13 unassigned, 15–16 private use. Scanning just those keeps the import
# at a few ms instead of ~0.3 s for all 1.1 M code points (a test checks the full scan agrees).
FORMAT_PLANES = (range(0x00000, 0x20000), range(0xE0000, 0xF0000))
_FORMAT = "".join(chr(c) for plane in FORMAT_PLANES for c in plane if unicodedata.category(chr(c)) == "Cf")
_DROP = re.compile("[" + re.escape(_CONTROL + _FORMAT) + "]")
# ASCII text has no format or C1 character and is already NFC: only C0 controls and DEL.
_DROP_ASCII = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def normalise_text(text: str) -> str:
    """Return ``text`` in NFC with format and control characters removed (newline and tab kept).

    >>> normalise_text("4\\u200b8 km\\r\\nZu\\u0308rich\\x1b[2J")
    '48 km\\nZürich[2J'
    """
    text = _NEWLINES.sub("\n", text)
    if text.isascii():
        return _DROP_ASCII.sub("", text)
    # Drop before composing: a format character between a letter and its accent would
    # otherwise keep them apart.
    return unicodedata.normalize("NFC", _DROP.sub("", text))


def control_free(text: str) -> bool:
    """True when ``text`` holds no character normalise_text would remove."""
    return _DROP.search(text) is None


def show_controls(text: str) -> str:
    """Return ``text`` with control and format characters shown escaped ("\\x1b", "\\u202e"),
    for a terminal: a title, quote, file name or online note cannot drive it."""
    return "".join(c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) in ("Cc", "Cf")
                   else c for c in str(text))

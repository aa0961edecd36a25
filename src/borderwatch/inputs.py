"""Untrusted article input -> text: one place for the rules the CLI and the page share.

Bytes must be text: UTF-8 (a BOM is allowed), or UTF-16/UTF-32 with their byte-order
mark (as Windows editors save it); a NUL byte anywhere in UTF-8 means a binary file.
Text is normalised (borderwatch.normalise: NFC, no format or control characters), then
must be non-empty and at most settings.MAX_INPUT_CHARS characters. Each refusal is an
InputError that says what was received and what to do.
"""

from __future__ import annotations

import codecs

from .errors import InputError
from .normalise import normalise_text
from .settings import MAX_INPUT_CHARS

__all__ = ["decode_utf8", "check_length", "MAX_INPUT_BYTES"]

# UTF-8 uses at most 4 bytes per character; a byte-order mark adds up to 4 more.
MAX_INPUT_BYTES = MAX_INPUT_CHARS * 4 + 4
# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_utf8(data: bytes, *, name: str) -> str:
    """Return ``data`` decoded (UTF-8, or UTF-16/32 with a BOM), or raise InputError naming ``name``."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_bom(data, codec, name)
    if b"\x00" in data:
        raise InputError(f"{name!r} looks like a binary file (it contains NUL bytes); give a UTF-8 text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name!r} is not UTF-8 text (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
                         "save it as UTF-8 and try again") from None


def _decode_bom(data: bytes, codec: str, name: str) -> str:
    label = codec.upper()
    try:
        text = data.decode(codec)  # the codec reads the BOM, picks the byte order, drops the mark
    except UnicodeDecodeError as exc:
        raise InputError(f"{name!r} starts with a {label} byte-order mark but is not valid {label} "
                         f"(byte {exc.start}); save it as UTF-8 and try again") from None
    if "\x00" in text:
        raise InputError(f"{name!r} is {label} text with NUL characters: a binary file? "
                         "give a text article (UTF-8 preferred)")
    return text


def check_length(text: str) -> str:
    """Return ``text`` normalised (see borderwatch.normalise) if it is non-empty and at most
    MAX_INPUT_CHARS characters after normalisation, else raise InputError.

    Text more than twice the cap is refused as it is, without normalising it first.
    """
    if len(text) <= 2 * MAX_INPUT_CHARS:
        text = normalise_text(text)
    if not text.strip():
        raise InputError("the article is empty: paste or give some text to check")
    if len(text) > MAX_INPUT_CHARS:
        raise InputError(f"the text is {len(text):,} characters; borderwatch checks at most "
                         f"{MAX_INPUT_CHARS:,} at once — split it")
    return text

"""Untrusted article input -> text: one place for the rules the CLI and the page share.

Bytes must be UTF-8 text (a BOM is allowed; NUL bytes mean a binary file); text must be
non-empty and at most settings.MAX_INPUT_CHARS characters. Each refusal is an
InputError that says what was received and what to do.
"""

from __future__ import annotations

from .errors import InputError
from .settings import MAX_INPUT_CHARS

__all__ = ["decode_utf8", "check_length"]


def decode_utf8(data: bytes, *, name: str) -> str:
    """Return ``data`` decoded as UTF-8, or raise InputError naming ``name`` (binary, bad byte)."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name!r} looks like a binary file (it contains NUL bytes); give a UTF-8 text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name!r} is not UTF-8 text (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
                         "save it as UTF-8 and try again") from None


def check_length(text: str) -> str:
    """Return ``text`` if it is non-empty and at most MAX_INPUT_CHARS, else raise InputError."""
    if not text.strip():
        raise InputError("the article is empty: paste or give some text to check")
    if len(text) > MAX_INPUT_CHARS:
        raise InputError(f"the text is {len(text):,} characters; borderwatch checks at most "
                         f"{MAX_INPUT_CHARS:,} at once — split it")
    return text

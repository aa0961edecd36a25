"""Untrusted article input -> text: one place for the rules the CLI and the page share.

Bytes must be text: UTF-8 (a BOM is allowed), or UTF-16/UTF-32 with their byte-order
mark (as Windows editors save it); a NUL byte anywhere in UTF-8 means a binary file.
Text is normalised (borderwatch.normalise: NFC, no format or control characters), then
must be non-empty and at most settings.MAX_INPUT_CHARS characters. Each refusal is an
InputError that says what was received and what to do.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from .errors import InputError
from .normalise import normalise_text
from .settings import MAX_HTML_TAGS, MAX_HTML_UPLOAD_BYTES, MAX_INPUT_CHARS

__all__ = ["decode_utf8", "check_length", "check_markup_size", "html_to_text", "escape_unclosed", "MAX_INPUT_BYTES"]

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


# --------------------------------------------------------------------- HTML
class _TextExtractor(HTMLParser):
    """Collect an HTML document's visible text; script/style/head contents are dropped."""

    _SKIP = {"script", "style", "head", "title", "noscript", "template", "svg"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
              "article", "blockquote", "header", "footer", "ul", "ol", "table"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


# A "<" with no ">" before the next "<" cannot open a tag: html.parser retries such a
# "<" from scratch, which is quadratic ("<a " × 10,000, 30 KB, took 13 s). Written as
# "&lt;" it is the same text, read in one pass.
_UNCLOSED_LT = re.compile(r"<(?![^<>]{0,20000}>)")


def escape_unclosed(markup: str) -> str:
    """Return ``markup`` with every "<" that cannot open a tag written "&lt;" (the same text,
    parsed in one pass by html.parser and lxml alike)."""
    return _UNCLOSED_LT.sub("&lt;", markup)


def check_markup_size(markup: bytes | str, *, name: str = "the HTML") -> None:
    """Refuse, before any parsing, HTML larger than settings.MAX_HTML_UPLOAD_BYTES or with more
    than settings.MAX_HTML_TAGS tags ("<"): a page, an upload and a corpus record alike."""
    lt = b"<" if isinstance(markup, bytes) else "<"
    if len(markup) > MAX_HTML_UPLOAD_BYTES:
        raise InputError(f"{name!r} is {len(markup):,} long; borderwatch parses HTML of at most "
                         f"{MAX_HTML_UPLOAD_BYTES:,} bytes — give the article's text instead")
    if markup.count(lt) > MAX_HTML_TAGS:
        raise InputError(f"{name!r} has {markup.count(lt):,} tags ('<'); borderwatch reads HTML pages with at "
                         f"most {MAX_HTML_TAGS:,} (a long news page has ~5,000) — save the article as text")


def html_to_text(markup: str, *, name: str = "the HTML") -> str:
    """Return the visible text of an HTML document (tags stripped by html.parser, never evaluated),
    one paragraph a line; refused by size first (check_markup_size)."""
    check_markup_size(markup, name=name)
    parser = _TextExtractor()
    parser.feed(escape_unclosed(markup))
    parser.close()
    lines = [" ".join(ln.split()) for ln in "".join(parser.parts).splitlines()]
    out, blank = [], False
    for ln in lines:
        if ln:
            out.append(ln)
            blank = False
        elif not blank and out:
            out.append("")
            blank = True
    return "\n".join(out).strip()

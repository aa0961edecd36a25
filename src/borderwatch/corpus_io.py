"""A corpus on disk -> articles: a folder of .txt/.md/.html files, a JSONL file or a CSV file.

Reading never stops at a bad article: a file or record that cannot be used (binary, not
UTF-8, too long, empty, no text, unparseable) is still yielded, as an :class:`Article`
whose ``error`` says why, so the batch writes an error row for it and goes on. Only a
corpus that cannot be read at all (no such path, a CSV without an ``id`` column) raises
InputError.

Every read is bounded before it is decoded or parsed: a file or record larger than the
caps in :mod:`borderwatch.settings` is refused without reading it whole.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .inputs import MAX_INPUT_BYTES, check_length, decode_utf8, html_to_text
from .settings import MAX_CORPUS_LINE_BYTES, MAX_HTML_UPLOAD_BYTES, MAX_INPUT_CHARS

__all__ = ["Article", "ArticleMeta", "read_corpus", "count_corpus", "article_text", "as_article", "html_to_text",
           "FOLDER_SUFFIXES", "META_FIELDS"]

FOLDER_SUFFIXES = (".txt", ".md", ".html", ".htm")
META_FIELDS = ("url", "outlet", "date")
_HTML_SUFFIXES = (".html", ".htm")
_MAX_TEXT_BYTES = MAX_INPUT_BYTES  # UTF-8 uses at most 4 bytes per character, plus a BOM


@dataclass(frozen=True)
class ArticleMeta:
    """What a corpus says of an article besides its text (``date`` as given: no format imposed),
    and ``source``: where it was read."""

    url: str | None = None
    outlet: str | None = None
    date: str | None = None
    source: str | None = None
    """'a/b.txt' in a folder, 'corpus.jsonl:12' (line), 'corpus.csv:3' (record)."""

    def fields(self) -> dict[str, str | None]:
        """The metadata as the output rows carry it (see batch_output)."""
        return {"url": self.url, "outlet": self.outlet, "date": self.date, "source": self.source}


@dataclass(frozen=True)
class Article:
    """One article of a corpus: its id, its text or HTML, where it came from, or why it is unusable."""

    id: str
    text: str | None = None
    """The article as plain text; None when it came as HTML."""
    html: str | None = None
    """The article as an HTML page (its text is extracted, bounded, before checking)."""
    meta: ArticleMeta = ArticleMeta()
    error: str | None = None
    """Why the article cannot be checked as it is (it becomes an error row); None when it can."""


# --------------------------------------------------------------------- the text
def article_text(article: Article) -> str:
    """Return the text to check of ``article`` (HTML reduced to its text), or raise InputError why not."""
    if article.error:
        raise InputError(article.error)
    if article.html is not None:
        text = html_to_text(article.html, name=article.id)
    elif article.text is not None:
        text = article.text
    else:
        raise InputError("the record has neither 'text' nor 'html': give one of them")
    if "\x00" in text:
        raise InputError("the text contains NUL characters (binary content); give a UTF-8 text article")
    return check_length(text)


def as_article(item: Article | str | Mapping, *, position: int) -> Article:
    """Return ``item`` as an Article: an Article as is, a str as the text of article 'position',
    a mapping with 'id' and 'text' or 'html' (and optionally url, outlet, date)."""
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(id=str(position), text=item, meta=ArticleMeta(source=f"item {position}"))
    if isinstance(item, Mapping):
        return _from_record(item, where=f"item {position}")
    raise InputError(f"item {position}: expected an Article, a str or a mapping with 'id' and 'text', "
                     f"got {type(item).__name__}")


def _from_record(rec: Mapping, *, where: str) -> Article:
    """An Article from one JSONL/CSV record; what is wrong with it goes into its error."""
    rid = rec.get("id")
    ident = str(rid).strip() if isinstance(rid, (str, int)) and not isinstance(rid, bool) else ""
    meta = {k: (str(rec[k]) if rec.get(k) not in (None, "") else None) for k in META_FIELDS}
    text, markup = rec.get("text"), rec.get("html")
    text = text if text not in ("",) else None
    markup = markup if markup not in ("",) else None
    # Lone surrogates: undecodable CSV bytes (read with surrogateescape) or "\ud800" escapes in
    # JSON. They cannot be written as UTF-8, so the record is refused whole, under a safe id.
    bad = [k for k, v in (("id", ident), ("text", text), ("html", markup), *meta.items())
           if isinstance(v, str) and _has_surrogates(v)]
    error = None
    if bad:
        ident, meta = ("" if "id" in bad else ident), {k: (None if k in bad else v) for k, v in meta.items()}
        error = f"{where}: field {bad[0]!r} is not valid UTF-8 text; save the corpus as UTF-8 and try again"
    elif not ident:
        error = f"the record has no usable 'id' (got {rid!r}): give each article a unique id"
    elif text is None and markup is None:
        error = "the record has neither 'text' nor 'html' (or both are empty): nothing to check"
    elif not isinstance(text if text is not None else markup, str):
        error = f"'text'/'html' must be a string, got {type(text if text is not None else markup).__name__}"
    if error:
        return Article(id=ident or where, meta=ArticleMeta(source=where, **meta), error=error)
    return Article(id=ident, text=text, html=markup if text is None else None, meta=ArticleMeta(source=where, **meta))


# --------------------------------------------------------------------- readers
def read_corpus(path: str | Path) -> Iterator[Article]:
    """Yield the articles of a folder (.txt/.md/.html, recursively, sorted), a .jsonl or a .csv file.

    Raises InputError if ``path`` is none of these; a bad article is yielded with its error.
    """
    p = Path(path)
    if p.is_dir():
        return _read_folder(p)
    if not p.is_file():
        raise InputError(f"no such corpus: {str(path)!r}; give a folder of .txt/.md/.html files, "
                         "a .jsonl or a .csv file")
    suffix = p.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return _read_jsonl(p)
    if suffix == ".csv":
        return _read_csv(p)
    raise InputError(f"cannot read {str(path)!r} as a corpus: expected a folder, a .jsonl or a .csv file, "
                     f"got {suffix or 'no extension'} (to check one article use `borderwatch check`)")


def count_corpus(path: str | Path) -> int:
    """Return how many articles read_corpus(path) yields (files, non-blank lines or CSV records)."""
    p = Path(path)
    if p.is_dir():
        return sum(1 for _ in _folder_files(p))
    if p.suffix.lower() == ".csv":
        with p.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
            return sum(1 for _ in _csv_records(fh, p.name))
    with p.open("rb") as fh:
        return sum(1 for _, line in _bounded_lines(fh) if line is None or line.strip())


def _folder_files(root: Path) -> Iterator[Path]:
    return iter(sorted(f for f in root.rglob("*") if f.is_file() and f.suffix.lower() in FOLDER_SUFFIXES))


def _read_folder(root: Path) -> Iterator[Article]:
    for f in _folder_files(root):
        # A file name that is not UTF-8 (kept by pathlib as surrogates) gets U+FFFD in its id.
        ident = f.relative_to(root).as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        is_html = f.suffix.lower() in _HTML_SUFFIXES
        cap = MAX_HTML_UPLOAD_BYTES if is_html else _MAX_TEXT_BYTES
        try:
            with f.open("rb") as fh:
                data = fh.read(cap + 1)
            if len(data) > cap:
                raise InputError(f"{ident!r} is larger than {cap:,} bytes; borderwatch checks at most "
                                 f"{MAX_INPUT_CHARS:,} characters at once — split it")
            content = decode_utf8(data, name=ident)
        except InputError as exc:
            yield Article(id=ident, meta=ArticleMeta(source=ident), error=str(exc))
            continue
        except OSError as exc:
            yield Article(id=ident, meta=ArticleMeta(source=ident), error=f"cannot read {ident!r}: {exc.strerror or exc}")
            continue
        yield Article(id=ident, html=content, meta=ArticleMeta(source=ident)) if is_html else Article(id=ident, text=content, meta=ArticleMeta(source=ident))


def _bounded_lines(fh: io.BufferedReader) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, bytes) per line; None for a line over MAX_CORPUS_LINE_BYTES (skipped unread)."""
    lineno = 0
    while True:
        line = fh.readline(MAX_CORPUS_LINE_BYTES + 1)
        if not line:
            return
        lineno += 1
        if len(line) > MAX_CORPUS_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield lineno, None
        else:
            yield lineno, line


def _read_jsonl(path: Path) -> Iterator[Article]:
    with path.open("rb") as fh:
        for lineno, line in _bounded_lines(fh):
            where = f"{path.name}:{lineno}"
            if line is None:
                yield Article(id=where, meta=ArticleMeta(source=where),
                              error=f"line {lineno} is longer than {MAX_CORPUS_LINE_BYTES:,} bytes: split the article")
            elif line.strip():
                yield _jsonl_record(line, where=where)


def _jsonl_record(line: bytes, *, where: str) -> Article:
    try:
        rec = json.loads(decode_utf8(line, name=where))
    except InputError as exc:
        return Article(id=where, meta=ArticleMeta(source=where), error=str(exc))
    except json.JSONDecodeError as exc:
        return Article(id=where, meta=ArticleMeta(source=where), error=f"{where} is not a JSON object ({exc.msg} at column "
                                                     f"{exc.colno}): one article per line, as {{\"id\": …, \"text\": …}}")
    if not isinstance(rec, dict):
        return Article(id=where, meta=ArticleMeta(source=where), error=f"{where} is a JSON {type(rec).__name__}, expected an object "
                                                     "with 'id' and 'text' or 'html'")
    return _from_record(rec, where=where)


def _csv_records(fh, name: str) -> Iterator[tuple[int, dict | str]]:
    """Yield (record number, row dict) or (record number, error message) of a CSV file."""
    if csv.field_size_limit() < MAX_CORPUS_LINE_BYTES:
        csv.field_size_limit(MAX_CORPUS_LINE_BYTES)  # the default (128 KiB) refuses long articles
    reader = csv.DictReader(fh)
    fields = reader.fieldnames or []
    if "id" not in fields or not ({"text", "html"} & set(fields)):
        raise InputError(f"{name!r} needs an 'id' column and a 'text' or 'html' column; its header is {fields!r}")
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield number, f"{name}:{number} cannot be read as CSV ({exc}): check its quoting"
            continue
        yield number, row


def _read_csv(path: Path) -> Iterator[Article]:
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
        for number, row in _csv_records(fh, path.name):
            yield _csv_article(row, where=f"{path.name}:{number}")


def _csv_article(row: dict | str, *, where: str) -> Article:
    if isinstance(row, str):
        return Article(id=where, meta=ArticleMeta(source=where), error=row)
    return _from_record({k: v for k, v in row.items() if k is not None}, where=where)


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False

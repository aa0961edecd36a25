"""The page's logic, without Streamlit: input text, highlighted article, claims table, edits.

``app.py`` is layout only; everything it shows or changes is computed here (and in
:mod:`borderwatch.mapview`) so that it can be tested without a browser. Edits return a
new :class:`~borderwatch.model.Report` (reports are frozen values), so the page keeps
one report in its session state and the map cache keys on it.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
import weakref
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from . import report as export
from .check import Checker, chosen, make_report
from .errors import InputError, UnknownClaim
from .inputs import MAX_INPUT_BYTES, check_length, check_markup_size, decode_utf8, escape_unclosed, html_to_text
from .lexicon import LEXICON
from .mapview import STATUS_COLOURS
from .model import (AnchorRef, Candidate, ChosenBy, Claim, ClaimResult, MatchKind, Place, Report, Resolution,
                    Span, Status, TargetKind, TargetRef, TargetResolution, format_figure)
from .provenance import make_provenance
from .settings import (COMPACT_SELECTOR_CLAIMS, MAX_CLAIM_KM, MAX_HTML_UPLOAD_BYTES, MAX_INPUT_CHARS,
                       MAX_MAIN_TEXT_HTML_CHARS, MAX_MAP_CLAIMS)
from .units import KM_PER_UNIT, Unit

__all__ = [
    "SEED_PATH", "UPLOAD_TYPES", "UNITS", "HEDGES", "TARGET_KINDS", "seed_text", "text_from_upload",
    "html_to_text", "html_main_text", "read_upload", "UploadedArticle", "FALLBACK_NOTE", "highlighted_html",
    "claims_rows", "anchor_choices", "with_anchor", "with_edit",
    "with_added_claim", "AnchorChoice", "md_escape", "context_html", "check_claimed_value", "map_report",
    "claim_id", "claim_ids", "index_of", "pick_selection", "claim_label", "verdict_counts", "filter_claims",
    "step_claim", "compact_selector", "anchor_lookup", "target_lookup", "hand_target", "lookup_text",
    "ARTICLE_COMPONENT_DIR", "hand_claim", "anchor_ref",
]

SEED_PATH = Path(__file__).resolve().parents[2] / "seeds" / "000_f87aa17481a03d45.txt"
UPLOAD_TYPES = ["txt", "md", "html", "htm"]
UNITS = [u.value for u in Unit]
#: Hedge words the verdict rules know (the lexicon's); "" = a plain figure.
HEDGES = ["", *sorted(LEXICON.all_hedges)]
TARGET_KINDS = [TargetKind.REGION.value, TargetKind.BORDER.value, TargetKind.PLACE.value]
#: Hand-set anchors, as opposed to the resolver's.
_BY_HAND = (ChosenBy.PAGE_EDIT, ChosenBy.MAP_CLICK)


def seed_text() -> str:
    """Return the seed article the page opens on (Meduza, January 2022)."""
    return SEED_PATH.read_text(encoding="utf-8")


# --------------------------------------------------------------------- input
FALLBACK_NOTE = ("trafilatura found no main text in {name!r}: the article is all of its visible text "
                 "(menus and footers included)")
LARGE_NOTE = ("{name!r} is {size:,} characters of HTML, more than the {limit:,} whose main text is picked out "
              "(that takes seconds on a page this size): the article is all of its visible text (menus and "
              "footers included)")


class UploadedArticle(NamedTuple):
    """An upload's article text, a note about how it was read (or None) and the page's own URL
    (its canonical or og:url link, or None): the source an export names."""

    text: str
    note: str | None = None
    url: str | None = None


def html_main_text(markup: str, *, name: str = "the page") -> UploadedArticle:
    """Return the main text of an HTML page as trafilatura extracts it (menus, footers and
    comments dropped; paragraphs separated by blank lines) with the URL the page states, or
    all visible text from :func:`html_to_text` and a note saying so when trafilatura finds
    nothing, or when the page is longer than settings.MAX_MAIN_TEXT_HTML_CHARS. Nothing is fetched."""
    if len(markup) > MAX_MAIN_TEXT_HTML_CHARS:
        return UploadedArticle(html_to_text(markup, name=name),
                               LARGE_NOTE.format(name=name, size=len(markup), limit=MAX_MAIN_TEXT_HTML_CHARS), None)
    import trafilatura  # lxml-based; imported only for an HTML upload

    doc = trafilatura.bare_extraction(escape_unclosed(markup), with_metadata=True, include_comments=False,
                                      include_tables=True, include_links=False, include_images=False,
                                      deduplicate=True)
    lines = [" ".join(ln.split()) for ln in ((doc.text if doc else None) or "").splitlines()]
    text = "\n\n".join(ln for ln in lines if ln)
    url = doc.url if doc and doc.url and _URL.fullmatch(doc.url) else None
    if text:
        return UploadedArticle(text, None, url)
    return UploadedArticle(html_to_text(markup), FALLBACK_NOTE.format(name=name), url)


# Only a plain http(s) address is kept as a source: it is shown, never fetched.
_URL = re.compile(r"https?://[^\s<>\"']{1,500}")


def read_upload(name: str, data: bytes) -> UploadedArticle:
    """Return the article of an uploaded .txt/.md/.html file: its text, a note or None, its URL or None.

    The note says when an HTML page's main text could not be told apart from the rest.
    Raises InputError for binary or non-UTF-8 content, an unsupported extension, HTML over
    settings.MAX_HTML_UPLOAD_BYTES or MAX_HTML_TAGS (refused before any parsing), empty
    text, or more than MAX_INPUT_CHARS characters.
    """
    ext = Path(name).suffix.lower().lstrip(".")
    if ext not in UPLOAD_TYPES:
        raise InputError(f"cannot read {name!r}: expected a .txt, .md or .html file, got .{ext or '(none)'}")
    # Refuse by size before decoding or parsing: 10 MB of HTML took ~4 s to parse only
    # to be refused by check_length afterwards (a page's upload limit is 200 MB).
    cap = MAX_HTML_UPLOAD_BYTES if ext in ("html", "htm") else MAX_INPUT_BYTES
    if len(data) > cap:
        raise InputError(f"{name!r} is {len(data):,} bytes; borderwatch reads at most {cap:,} bytes "
                         f"({MAX_INPUT_CHARS:,} characters of text) — split it")
    if ext in ("html", "htm"):
        check_markup_size(data, name=name)
    article = UploadedArticle(decode_utf8(data, name=name))
    if ext in ("html", "htm"):
        article = html_main_text(article.text, name=name)
    return article._replace(text=check_length(article.text))


def text_from_upload(name: str, data: bytes) -> str:
    """Return the article text of an uploaded .txt/.md/.html file (see :func:`read_upload`)."""
    return read_upload(name, data)[0]


# --------------------------------------------------------------------- display
# "@" and "&" too: "news@example.org" would become a mailto link, "&#x5b;" a bracket.
_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_{}[]()#+-.!<>|~$:@&"})
_AUTOLINK = re.compile(r"(?=\\[:@])|(?i:(?<=www)(?=\\\.))")


def md_escape(text: str) -> str:
    """Return ``text`` safe to put inside Streamlit markdown: every markdown/HTML
    metacharacter backslash-escaped, so article text (a title, a name in a verdict
    reason) cannot become a link, an image (a network request) or markup. A word joiner
    (U+2060, invisible) goes before each ":" and "@" and after "www", so "http://…",
    "www.…" and "a@b.org" are not turned into links either.
    """
    escaped = " ".join(str(text).split()).translate(_MD_SPECIAL)
    # GFM links bare URLs, "www." names and e-mail addresses after escapes are resolved, so
    # escaping alone leaves them clickable: an invisible word joiner breaks each pattern.
    return _AUTOLINK.sub("\u2060", escaped)


def _tag(result: ClaimResult, *, selected: bool, cid: str = "") -> tuple[str, str]:
    colour = STATUS_COLOURS[result.verdict.status]
    ring = "outline:2px solid #222;" if selected else ""
    open_ = (f'<mark data-claim="{html.escape(cid or claim_id(result.claim))}" '
             f'title="{html.escape(result.verdict.reason)}" style="background:{colour}22;'
             f'border-bottom:3px solid {colour};padding:0 2px;border-radius:2px;cursor:pointer;{ring}">')
    close = (f'</mark><sup style="background:{colour};color:#fff;border-radius:3px;padding:0 4px;'
             f'font-size:0.75em;margin-left:2px;white-space:nowrap">{result.claim.index}: '
             f'{html.escape(result.verdict.status)}</sup>')
    return open_, close


def highlighted_html(report: Report, *, selected: int | None = None) -> str:
    """Return the article as escaped HTML with each claim's quote marked and tagged with its verdict.

    Every character of the text is HTML-escaped; only borderwatch's own <mark>/<sup>
    tags are markup. Hand-added claims (empty span) are not in the text and are skipped.
    Each <mark> carries its claim's identity (``data-claim``): the page's article view
    selects the claim a person clicks.
    """
    text = report.text
    spans = sorted(((cid, r) for cid, r in zip(claim_ids(report), report.results)
                    if r.claim.span.end > r.claim.span.start), key=lambda x: x[1].claim.span.start)
    out, pos = [], 0
    for cid, r in spans:
        start, end = r.claim.span.start, r.claim.span.end
        if start < pos:  # overlapping claims: keep the first
            continue
        open_, close = _tag(r, selected=r.claim.index == selected, cid=cid)
        out += [html.escape(text[pos:start]), open_, html.escape(text[start:end]), close]
        pos = end
    out.append(html.escape(text[pos:]))
    body = "".join(out)
    paras = [p.replace("\n", "<br>") for p in body.split("\n\n")]
    return ('<div class="bw-article" style="line-height:1.6;max-height:37rem;overflow-y:auto;'
            'padding:0.5rem 1rem;border:1px solid #ddd;border-radius:6px">'
            + "".join(f"<p>{p}</p>" for p in paras if p.strip()) + "</div>")


def context_html(report: Report, index: int) -> str:
    """Return the sentence of claim ``index`` as escaped HTML with its quote marked (a hand-added
    claim, which is not in the text, shows its quote). Shown above the article, which may
    need scrolling to reach the claim.
    """
    r = report.result(index)
    c = r.claim
    if c.span.empty:
        return f'<blockquote class="bw-context">{html.escape(c.quote)}</blockquote>'
    start, end = min(c.sentence.start, c.span.start), max(c.sentence.end, c.span.end)
    open_, close = _tag(r, selected=False)
    text = report.text
    body = (html.escape(text[start:c.span.start].replace("\n", " ")) + open_
            + html.escape(text[c.span.start:c.span.end]) + close
            + html.escape(text[c.span.end:end].replace("\n", " ")))
    return f'<blockquote class="bw-context" style="margin:0 0 0.8rem 0">{body.strip()}</blockquote>'


def _measured(result: ClaimResult) -> str:
    m = result.measurement
    if m is None:
        return "—"
    return f"{m.distance_km:.1f} km (range {m.low_km:.1f}–{m.high_km:.1f})"


def _by_hand(result: ClaimResult) -> str:
    """What a person changed in a claim on the page: 'value, hedge; anchor: map click', 'added', ''."""
    parts = [", ".join(result.claim.edited)] if result.claim.edited else []
    if result.anchor is not None and result.anchor.chosen_by in _BY_HAND:
        parts.append(f"anchor: {result.anchor.chosen_by}")
    return "; ".join(parts)


def non_claim_rows(report: Report) -> list[dict[str, object]]:
    """Return one row per figure the extractor set aside (quote, why, rule), in text order, for the
    page's "not claims" list: what was not read as a distance claim, and why."""
    return [{"quote": n.quote, "why": n.why, "rule": n.rule or "—"} for n in report.non_claims]


def claims_rows(report: Report, *, selected: str | None = None) -> list[dict[str, object]]:
    """Return one row per claim for the page's table (column name -> cell text).

    Columns: shown ("▶" on the ``selected`` claim's row), #, quote, anchor, target, claimed, by hand
    (the fields a person edited, "added", and who set the anchor by hand), measured, verdict,
    reason, dataset.
    """
    rows = []
    for cid, r in zip(claim_ids(report), report.results):
        anchor = r.anchor_place.label if r.anchor_place else (r.claim.anchor_text or "—")
        if r.measurement is not None:
            target = r.measurement.target_label
        elif r.target_place is not None:
            target = r.target_place.label
        else:
            target = r.claim.target.text if r.claim.target else "—"
        rows.append({
            "shown": "▶" if cid == selected else "",
            "#": r.claim.index,
            "quote": r.claim.quote,
            "anchor": anchor,
            "target": target,
            "claimed": r.claim.claimed_text,
            "by hand": _by_hand(r),
            "measured": _measured(r),
            "verdict": r.verdict.status,
            "reason": r.verdict.reason,
            "dataset": r.measurement.dataset if r.measurement else "—",
        })
    return rows


def map_report(report: Report, selected: int | None) -> Report:
    """Return ``report`` with at most settings.MAX_MAP_CLAIMS claims for the map: the selected
    claim and the measured claims nearest it in the article. Drawing 999 claims took 7 s."""
    if len(report.results) <= MAX_MAP_CLAIMS:
        return report
    order = sorted(range(len(report.results)),
                   key=lambda i: (report.results[i].claim.index != selected,
                                  report.results[i].measurement is None,
                                  abs(report.results[i].claim.index - (selected or 0))))
    keep = sorted(order[:MAX_MAP_CLAIMS])
    return replace(report, results=tuple(report.results[i] for i in keep))


# --------------------------------------------------------------------- identity and selection
#: The article view, a Streamlit component (one static HTML file): a click on a claim selects it.
ARTICLE_COMPONENT_DIR = Path(__file__).resolve().parent / "article_view"


def claim_id(claim: Claim) -> str:
    """Return a claim's identity on the page, stable across edits, reruns, source switches and case files.

    An article's claim is named by its place in the text and a digest of its quote
    ('c2434-2480-9b6f0e'): edits change neither. A claim added by hand has no place in the
    text: its number names it ('added-4').
    """
    if claim.span.empty:
        return f"added-{claim.index}"
    digest = hashlib.sha1(claim.quote.encode("utf-8")).hexdigest()[:6]
    return f"c{claim.span.start}-{claim.span.end}-{digest}"


# One report's identities, computed once: a rerun asks for them dozens of times, and a 999-claim
# selector's labels would otherwise cost a digest per claim per option.
_IDS: dict[int, tuple[weakref.ref, dict[str, ClaimResult]]] = {}


def _by_id(report: Report) -> dict[str, ClaimResult]:
    hit = _IDS.get(id(report))
    if hit is not None and hit[0]() is report:
        return hit[1]
    by_id: dict[str, ClaimResult] = {}
    for r in report.results:  # two claims of one span and quote (none seen): the later one's number tells them apart
        cid = claim_id(r.claim)
        by_id[cid if cid not in by_id else f"{cid}#{r.claim.index}"] = r
    _IDS[id(report)] = (weakref.ref(report, lambda _, key=id(report): _IDS.pop(key, None)), by_id)
    return by_id


def claim_ids(report: Report) -> list[str]:
    """Return the claims' identities in the report's order."""
    return list(_by_id(report))


def index_of(report: Report, cid: str) -> int:
    """Return the number (Claim.index) of the claim whose identity is ``cid``, or raise UnknownClaim."""
    r = _by_id(report).get(cid)
    if r is None:
        raise UnknownClaim(f"no claim {cid!r} in this report; its claims are {claim_ids(report)[:10]}")
    return r.claim.index


def pick_selection(report: Report, wanted: str | None) -> str | None:
    """Return ``wanted`` when the report has that claim, else its first measured claim, else its first
    claim, else None (no claims): the selection a rerun, an edit or a source switch keeps."""
    ids = claim_ids(report)
    if wanted in ids:
        return wanted
    measured = [i for i, r in zip(ids, report.results) if r.measurement is not None]
    return (measured or ids or [None])[0]


def claim_label(report: Report, cid: str) -> str:
    """Return the selector's text for a claim: '#2 · just over 40 km · inconsistent' (not escaped)."""
    r = _by_id(report)[cid]
    return f"#{r.claim.index} · {r.claim.claimed_text} · {r.verdict.status}"


def verdict_counts(report: Report) -> dict[Status, int]:
    """Return how many claims have each verdict status (every status, zero counts included)."""
    counts = {s: 0 for s in Status}
    for r in report.results:
        counts[r.verdict.status] += 1
    return counts


def filter_claims(report: Report, *, statuses: tuple[Status, ...] = (), query: str = "") -> list[str]:
    """Return the identities of the claims with one of ``statuses`` (all when empty) whose number,
    quote, claimed text, anchor or target contains ``query`` (case-folded; all when blank)."""
    q = " ".join(query.split()).casefold()
    out = []
    for cid, r, row in zip(claim_ids(report), report.results, claims_rows(report)):
        if statuses and r.verdict.status not in statuses:
            continue
        hay = " ".join(str(row[k]) for k in ("#", "quote", "claimed", "anchor", "target")).casefold()
        if not q or q in hay or q.lstrip("#") == str(r.claim.index):
            out.append(cid)
    return out


def step_claim(report: Report, current: str | None, *, step: int = 1, status: Status | None = None) -> str | None:
    """Return the claim ``step`` places after ``current`` in the article (before it when negative;
    wrapping round), counting only claims with ``status`` when given ("next inconsistent"); None when
    no claim qualifies."""
    ids = claim_ids(report)
    pool = {i for i, r in zip(ids, report.results) if status is None or r.verdict.status is status}
    if not pool or step == 0:
        return current if current in pool else None
    n, direction, left = len(ids), (1 if step > 0 else -1), abs(step)
    pos = ids.index(current) if current in ids else (-1 if step > 0 else n)
    for _ in range(n * left):
        pos = (pos + direction) % n
        if ids[pos] in pool:
            left -= 1
            if left == 0:
                return ids[pos]
    return None


def compact_selector(report: Report) -> bool:
    """True when the report has more claims than settings.COMPACT_SELECTOR_CLAIMS: the page then
    shows a search box, a verdict filter with counts and next/previous buttons instead of radios."""
    return len(report.results) > COMPACT_SELECTOR_CLAIMS


# --------------------------------------------------------------------- names typed on the page
# "Rechytsa (Homyel’ Voblasc’, BY)", "Kharkiv (UA)", "… [52.347, 30.395]": the labels the page shows.
_LABEL = re.compile(r"^(?P<name>[^()\[\]]+?)\s*(?:\((?:(?P<region>[^()]+?),\s*)?(?P<cc>[A-Z]{2})\))?"
                    r"\s*(?:\[[-0-9., ]+\])?\s*$")
_BOUNDARY = re.compile(r"\s+(?:boundary|border)\s*$", re.IGNORECASE)


def _fold_quotes(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u02bc", "'").split()).casefold()


def anchor_ref(text: str) -> AnchorRef:
    """Return the anchor a person typed: a name, or one of the page's own labels read as a name and its
    region ("Rechytsa (Homyel’ Voblasc’, BY)" -> Rechytsa in that region)."""
    text = " ".join(text.split())
    m = _LABEL.match(text)
    if m is None or not m.group("cc"):
        return AnchorRef(m.group("name") if m else text)
    return AnchorRef(m.group("name"), region=m.group("region"), locator=None)


def anchor_lookup(checker: Checker, report: Report, claim: Claim, text: str) -> Resolution:
    """Return the engine's resolution of an anchor name typed for ``claim``: the same resolver, with
    the claim's target and the article's context, as the check itself. When the text is the label of
    one of the candidates (the table's own label), that candidate is the one chosen."""
    probe = replace(claim, anchor=anchor_ref(text), checkable=True)
    target = checker.resolver.target(probe, report.context)
    res = checker.resolver.anchor(probe, report.context, target)
    typed = _fold_quotes(text)
    for c in res.candidates:
        if typed in (_fold_quotes(c.place.label), _fold_quotes(f"{c.place.label} [{c.place.lat:.3f}, "
                                                               f"{c.place.lon:.3f}]")):
            if res.place is None or c.place.key != res.place.key:
                return chosen(c.place, by=ChosenBy.PAGE_EDIT, previous=res, query=text)
    return res


def hand_target(target_kind: str, name: str | None, country: str | None) -> TargetRef:
    """Return the target a person typed: a region, a place or a border; the page's own labels
    ("Chernihiv Oblast boundary", "Chernihiv Oblast (UA)") are read as a name and its country."""
    if target_kind not in TARGET_KINDS:
        raise InputError(f"unknown target kind {target_kind!r}; expected one of {TARGET_KINDS}")
    name = _BOUNDARY.sub("", " ".join((name or "").split())) or None
    m = _LABEL.match(name) if name else None
    if m and m.group("cc"):
        name, country = m.group("name"), country or m.group("cc")
    return _hand_target(target_kind, name, " ".join((country or "").split()) or None)


def target_lookup(checker: Checker, report: Report, claim: Claim) -> TargetResolution:
    """Return the engine's resolution of ``claim``'s target (a region, a place, a border's countries)."""
    return checker.resolver.target(claim, report.context)


def lookup_text(res: Resolution | None, *, limit: int = 4) -> str:
    """Return what a name lookup found, for a caption (plain text: the page escapes it):
    'Rechytsa (Homyel’ Voblasc’, BY) — exact, score 1.27 (chosen); Rechytsa (Brest, BY) — exact, 1.20'."""
    if res is None:
        return "nothing to look up"
    if not res.candidates:
        return f"no candidates: {res.reason}"
    parts = []
    for c in res.candidates[:limit]:
        won = res.place is not None and c.place.key == res.place.key
        parts.append(f"{c.place.label} — {c.match_text}, score {c.score:.2f}" + (" (chosen)" if won else ""))
    more = len(res.candidates) - limit
    head = "" if res.place is not None else "no good match — "
    return head + "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


# --------------------------------------------------------------------- edits
@dataclass(frozen=True)
class AnchorChoice:
    """One anchor a claim can be switched to: a label for the picker and the place."""

    label: str
    place: Place


def anchor_choices(result: ClaimResult) -> list[AnchorChoice]:
    """Return the anchor candidates of a claim, the current one first ([] when there is none)."""
    if result.anchor is None:
        return []
    seen, out = set(), []
    current = result.anchor.place
    cands = ([Candidate(current, 1.0, MatchKind.CHOSEN, current.name)] if current else []) + list(result.anchor.candidates)
    for c in cands:
        if c.place.key in seen:
            continue
        seen.add(c.place.key)
        out.append(AnchorChoice(f"{c.place.label} [{c.place.lat:.3f}, {c.place.lon:.3f}]", c.place))
    return out


def _replace_result(report: Report, new: ClaimResult) -> Report:
    results = tuple(new if r.claim.index == new.claim.index else r for r in report.results)
    if all(r.claim.index != new.claim.index for r in report.results):
        results = results + (new,)
    return make_report(report.text, results, context=report.context, title=report.title,
                       non_claims=report.non_claims)


def check_claimed_value(value: float, unit: str) -> float:
    """Return a hand-typed claimed distance as a float, or raise InputError: it must be a finite
    number with 0 < value ≤ settings.MAX_CLAIM_KM (half the equator) in any unit."""
    if unit not in UNITS:
        raise InputError(f"unknown unit {unit!r}; expected one of {UNITS}")
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InputError(f"the claimed distance must be a number, got {value!r}") from None
    limit = MAX_CLAIM_KM / KM_PER_UNIT[unit]
    if not (math.isfinite(v) and 0 < v <= limit):
        raise InputError(f"the claimed distance must be more than 0 and at most {_fmt_num(limit, 1)} {unit} "
                         f"({MAX_CLAIM_KM:,.0f} km, half the equator: no two places on Earth are farther "
                         f"apart); got {_fmt_num(v, 3)} {unit}")
    return v


def _fmt_num(x: float, decimals: int | None = None) -> str:
    """'9,999,999', '12,489.6', '1e+308': readable, never a 300-digit number."""
    if decimals is None or not math.isfinite(x) or abs(x) >= 1e15:
        return format_figure(x)
    out = f"{x:,.{decimals}f}"
    return out.rstrip("0").rstrip(".") if "." in out else out


def with_anchor(checker: Checker, report: Report, index: int, place: Place, *,
                by: ChosenBy = ChosenBy.PAGE_EDIT) -> Report:
    """Return ``report`` with claim ``index`` re-checked from ``place`` (a candidate, or a clicked point).

    The new anchor keeps the original candidates, so the page can switch back; its
    ``chosen_by`` says a person chose it (``by``: a page edit or a map click).
    """
    old = report.result(index)
    query = old.anchor.query if old.anchor else (old.claim.anchor_text or place.name)
    res = chosen(place, by=by, previous=old.anchor, query=query)
    claim = replace(old.claim, checkable=True, why_not=None) if old.claim.target else old.claim
    return _replace_result(report, checker.check_claim(claim, report.context, anchor=res))


def with_edit(checker: Checker, report: Report, index: int, *, value: float, unit: str,
              hedge: str | None = None, anchor_text: str | None = None, target: TargetRef | None = None) -> Report:
    """Return ``report`` with claim ``index`` edited (value, unit, hedge, anchor name, target) and re-checked.

    Every changed field is listed in the claim's ``edited``; a hand-set anchor is kept
    unless ``anchor_text`` changes it.
    """
    old = report.result(index)
    value = check_claimed_value(value, unit)
    c = old.claim
    new_anchor = (anchor_text or "").strip()
    changes = {"value": value != c.value or c.value_high is not None, "unit": unit != c.unit,
               "hedge": (hedge or None) != c.hedge, "target": target is not None and target != c.target,
               "anchor": bool(new_anchor) and new_anchor != (c.anchor_text or "")}
    edited = tuple(dict.fromkeys(c.edited + tuple(k for k, v in changes.items() if v)))
    claim = replace(c, value=value, unit=unit, hedge=(hedge or None), value_high=None, paired_value=None,
                    paired_unit=None, target=target if target is not None else c.target, edited=edited)
    if changes["anchor"]:
        claim = replace(claim, anchor=anchor_ref(new_anchor), checkable=claim.target is not None,
                        why_not=None if claim.target else claim.why_not)
        res = anchor_lookup(checker, report, claim, new_anchor)
        return _replace_result(report, checker.check_claim(claim, report.context,
                                                           anchor=res if res.place and claim.checkable else None))
    if old.anchor is not None and old.anchor.chosen_by in _BY_HAND:
        claim = replace(claim, checkable=True, why_not=None)
        return _replace_result(report, checker.check_claim(claim, report.context, anchor=old.anchor))
    return _replace_result(report, checker.check_claim(claim, report.context))


def _hand_target(target_kind: str, name: str | None, country: str | None) -> TargetRef:
    if target_kind == TargetKind.BORDER:
        text = f"the border of {name}" + (f" with {country}" if country else "") if name else "the border"
        return TargetRef(TargetKind.BORDER, text, name=name, countries=tuple(c for c in (name, country) if c))
    text = f"the {name} region" if target_kind == TargetKind.REGION else name
    return TargetRef(target_kind, text, name=name, countries=(country,) if country else ())


def hand_claim(anchor_text: str, target_kind: str, target_name: str, target_country: str | None, value: float,
               unit: str = "km", hedge: str | None = None, *, index: int = 1) -> Claim:
    """Return the claim a person writes in the "Add a claim" form, not yet checked (numbered ``index``).

    Raises InputError for no anchor, an unknown target kind, no target name (but for a border) or
    a claimed value out of range (see :func:`check_claimed_value`).
    """
    if not anchor_text.strip():
        raise InputError("a claim needs an anchor: the place the distance is measured from")
    if target_kind not in TARGET_KINDS:
        raise InputError(f"unknown target kind {target_kind!r}; expected one of {TARGET_KINDS}")
    if target_kind != TargetKind.BORDER and not target_name.strip():
        raise InputError("a claim needs a target: the place or region the distance is measured to")
    value = check_claimed_value(value, unit)
    target = hand_target(target_kind, target_name, target_country)
    typed = " ".join(anchor_text.split())
    num = f"{_fmt_num(value)} {unit}"
    return Claim(index=index, span=Span(0, 0), quote=f"(added) {hedge + ' ' if hedge else ''}{num} from "
                 f"{typed} to {target.text}", sentence=Span(0, 0), value=value, unit=unit,
                 hedge=hedge or None, anchor=anchor_ref(typed), target=target, edited=("added",))


def with_added_claim(checker: Checker, report: Report, *, anchor_text: str, target_kind: str, target_name: str,
                     value: float, unit: str = "km", hedge: str | None = None,
                     target_country: str | None = None) -> Report:
    """Return ``report`` with a hand-written claim ("40 km from Rechytsa to Chernihiv region") checked and added;
    its anchor is resolved as :func:`anchor_lookup` resolves it (a label picks that candidate)."""
    index = max((r.claim.index for r in report.results), default=0) + 1
    claim = hand_claim(anchor_text, target_kind, target_name, target_country, value, unit, hedge, index=index)
    res = anchor_lookup(checker, report, claim, " ".join(anchor_text.split()))
    return _replace_result(report, checker.check_claim(claim, report.context, anchor=res if res.place else None))


def online_checker(base: Checker, *, geocoder=None) -> Checker:
    """Return a Checker that shares ``base``'s loaded data but looks missing places up online.

    The user opted in, for this session only: ``base`` (shared by every session) stays
    offline. Lookup failures become each claim's reason and the report's ``warnings``.
    """
    from .online import OnlineGeocoder

    return base.with_online(geocoder or OnlineGeocoder())


# --------------------------------------------------------------------- exports
#: The page's downloads: kind -> (button label, file extension, MIME type).
EXPORTS = {
    "geojson": ("GeoJSON", "geojson", "application/geo+json"),
    "markdown": ("Markdown report", "md", "text/markdown"),
    "csv": ("CSV", "csv", "text/csv"),
    "json": ("JSON", "json", "application/json"),
    "html": ("Evidence sheet", "html", "text/html"),
}
EXPORT_HELP = {"html": "One standalone HTML file to print or save as PDF: provenance, each claim's quote, "
                       "verdict and reasoning, a map sketch drawn offline and the map's coordinates."}


def export_data(kind: str, report: Report, geodata, source: str, *, online: bool = False) -> str:
    """Return the ``kind`` export of ``report`` (see EXPORTS), stamped with the time it is made."""
    if kind not in EXPORTS:
        raise InputError(f"unknown export {kind!r}; expected one of {sorted(EXPORTS)}")
    prov = make_provenance(geodata, source=source, online=online)
    return export.render(report, kind, provenance=prov, geodata=geodata)

"""A case: one article's check as a person left it on the page, saved as JSON and reopened by upload.

A case file holds the article text, every claim a person edited or added (the whole claim, and the
anchor they set by hand: a map click's point, a candidate's gazetteer key), the selected claim, the
results as they stood and the tool and data versions they were made with. Reopening re-checks the
text with this borderwatch and data, puts each saved claim back by its identity
(:func:`borderwatch.page.claim_id`) and lists what now differs from the saved results.

A case file is untrusted input (it may come from anyone). It is refused before it is parsed when
larger than settings.MAX_CASE_FILE_BYTES; it must be UTF-8 JSON of exactly this schema (unknown or
duplicate fields, wrong types, NaN, out-of-range values and spans outside the text are refused,
naming the field); and what it holds stays data: the page renders it escaped, like article text.

>>> from borderwatch.check import default_checker
>>> from borderwatch import page
>>> ck = default_checker()
>>> report = page.with_edit(ck, ck.check_text(page.seed_text()), 2, value=49, unit="km", hedge="about")
>>> case = case_from_report(report, selected=page.claim_id(report.result(2).claim), source="seed",
...                         tool_version="0.1.0", data_version="d1", saved_at="2026-12-01T12:00:00Z")
>>> again = restore(ck, parse_case(dump_case(case).encode(), name="seed.case.json"),
...                 tool_version="0.1.0", data_version="d1")
>>> again.report.result(2).verdict.status.value, again.selected == case.selected, again.warnings
('consistent', True, ())
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, replace
from typing import Any

from .check import Checker, chosen, make_report
from .errors import BorderwatchError, CaseFileError, CoordinateError, InputError
from .inputs import check_length
from .attach import RULES
from .model import (MAX_ANCHOR_FALLBACKS, AnchorRef, ChosenBy, Claim, ClaimKind, ClaimResult, Report, Resolution, Span,
                    TargetRef, check_latlon)
from .page import HEDGES, TARGET_KINDS, UNITS, anchor_lookup, check_claimed_value, claim_id, claim_ids, pick_selection
from .settings import MAX_CASE_CLAIMS, MAX_CASE_FILE_BYTES, MAX_CASE_STRING_CHARS, MAX_CLAIM_KM, TITLE_MAX_CHARS

__all__ = ["CASE_FORMAT", "CASE_VERSION", "Case", "SavedClaim", "HandAnchor", "SavedResult", "Restored",
           "case_from_report", "dump_case", "parse_case", "restore", "case_file_name"]

CASE_FORMAT = "borderwatch case"
CASE_VERSION = 1
#: The fields a person can change on the page (Claim.edited); "added" marks a claim added by hand.
EDITABLE = ("value", "unit", "hedge", "target", "anchor", "added")
#: Who may have set an anchor by hand (the resolver's own choices are re-made on reopening).
HAND = (ChosenBy.PAGE_EDIT, ChosenBy.MAP_CLICK)


@dataclass(frozen=True)
class HandAnchor:
    """An anchor a person set: a clicked point (``by`` map click) or a candidate picked on the page
    (``by`` page edit; ``key`` its gazetteer key). ``lat``/``lon`` (degrees) and ``name`` as saved."""

    by: ChosenBy
    lat: float
    lon: float
    key: str
    name: str


@dataclass(frozen=True)
class SavedClaim:
    """A claim a person edited or added (``claim`` whole, as checked) and the anchor they set, if any."""

    id: str
    claim: Claim
    hand_anchor: HandAnchor | None = None


@dataclass(frozen=True)
class SavedResult:
    """One claim's result as saved, to compare with the reopened one: its verdict and distance (km)."""

    id: str
    verdict: str
    distance_km: float | None


@dataclass(frozen=True)
class Case:
    """Everything needed to put a page back as it was (see the module docstring)."""

    text: str
    title: str
    source: str
    selected: str | None
    claims: tuple[SavedClaim, ...]
    results: tuple[SavedResult, ...]
    tool_version: str
    data_version: str
    saved_at: str


@dataclass(frozen=True)
class Restored:
    """A reopened case: the report, the claim to select, and what differs from when it was saved."""

    report: Report
    selected: str | None
    source: str
    warnings: tuple[str, ...]


# ------------------------------------------------------------------ save
def _hand_anchor(result: ClaimResult) -> HandAnchor | None:
    res = result.anchor
    if res is None or res.place is None or res.chosen_by not in HAND:
        return None
    p = res.place
    return HandAnchor(res.chosen_by, p.lat, p.lon, p.key, p.name)


def case_from_report(report: Report, *, selected: str | None, source: str, tool_version: str,
                     data_version: str, saved_at: str) -> Case:
    """Return the Case of a report as the page holds it: the claims a person edited, added or
    anchored by hand, the selection and every claim's result (verdict, distance in km)."""
    ids = claim_ids(report)
    saved = tuple(SavedClaim(cid, r.claim, _hand_anchor(r)) for cid, r in zip(ids, report.results)
                  if r.claim.edited or _hand_anchor(r) is not None)
    results = tuple(SavedResult(cid, str(r.verdict.status), r.measurement.distance_km if r.measurement else None)
                    for cid, r in zip(ids, report.results))
    return Case(report.text, report.title, source, selected, saved, results, tool_version, data_version, saved_at)


def dump_case(case: Case) -> str:
    """Return the case file's JSON text (UTF-8 when written; fields in a fixed order)."""
    doc = {"format": CASE_FORMAT, "version": CASE_VERSION, "tool_version": case.tool_version,
           "data_version": case.data_version, "saved_at": case.saved_at, "source": case.source,
           "title": case.title, "selected": case.selected, "text": case.text,
           "claims": [asdict(c) for c in case.claims], "results": [asdict(r) for r in case.results]}
    return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False)


def case_file_name(export_name: str) -> str:
    """Return a case file's name from an export's ('borderwatch-….json' -> 'borderwatch-….case.json')."""
    return export_name.rsplit(".", 1)[0] + ".case.json"


# ------------------------------------------------------------------ open (untrusted)
class _Reader:
    """Reads one case file's JSON values, refusing (CaseFileError, naming the field) what the schema does not allow."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, path: str, expected: str, got: object) -> CaseFileError:
        shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
        return CaseFileError(f"case file {self.name!r}: {path} must be {expected}, got {shown[:80]}; "
                             "it was not made by this page or was altered — save the case again from the page")

    def obj(self, v: Any, path: str, fields: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(v, dict):
            raise self.fail(path, "an object", v)
        extra = sorted(set(v) - set(fields))
        if extra:
            raise self.fail(path, f"an object with only the fields {list(fields)}", f"also {extra[:5]}")
        missing = [f for f in fields if f not in v]
        if missing:
            raise self.fail(path, f"an object with the fields {list(fields)}", f"no {missing[:5]}")
        return v

    def text(self, v: Any, path: str, *, none: bool = False, limit: int = MAX_CASE_STRING_CHARS) -> str | None:
        if v is None and none:
            return None
        if not isinstance(v, str) or len(v) > limit:
            raise self.fail(path, f"a string of at most {limit:,} characters" + (" or null" if none else ""), v)
        return v

    def number(self, v: Any, path: str, *, none: bool = False) -> float | None:
        if v is None and none:
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or abs(v) > 1e9:
            raise self.fail(path, "a finite number" + (" or null" if none else ""), v)
        return float(v)

    def integer(self, v: Any, path: str, lo: int, hi: int) -> int:
        if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
            raise self.fail(path, f"a whole number from {lo:,} to {hi:,}", v)
        return v

    def flag(self, v: Any, path: str) -> bool:
        if not isinstance(v, bool):
            raise self.fail(path, "true or false", v)
        return v

    def choice(self, v: Any, path: str, options: tuple[str, ...] | list[str], *, none: bool = False) -> str | None:
        if v is None and none:
            return None
        if v not in options:
            raise self.fail(path, f"one of {list(options)}" + (" or null" if none else ""), v)
        return v

    def span(self, v: Any, path: str, text_len: int, *, none: bool = False) -> Span | None:
        if v is None and none:
            return None
        d = self.obj(v, path, ("start", "end"))
        start = self.integer(d["start"], f"{path}.start", 0, text_len)
        return Span(start, self.integer(d["end"], f"{path}.end", start, text_len))

    def items(self, v: Any, path: str, limit: int) -> list[Any]:
        if not isinstance(v, list) or len(v) > limit:
            raise self.fail(path, f"a list of at most {limit:,} items", v)
        return v


def _anchor_ref(r: _Reader, v: Any, path: str, n: int, *, nested: bool = False) -> AnchorRef | None:
    if v is None:
        return None
    # "fallbacks" (the places the extraction passed over: one level deep, so empty in a fallback), "aliases"
    # (other names in the text) and "unnamed" (described, never named) are absent from older case files
    fields = ("text", "span", "feature", "region", "locator", "point") + tuple(
        k for k in ("fallbacks", "aliases", "unnamed", "settlement") if isinstance(v, dict) and k in v)
    d = r.obj(v, path, fields)
    fallbacks = tuple(_anchor_ref(r, x, f"{path}.fallbacks[{i}]", n, nested=True) for i, x in
                      enumerate(r.items(d.get("fallbacks") or [], f"{path}.fallbacks", 0 if nested else MAX_ANCHOR_FALLBACKS)))
    if None in fallbacks:
        raise r.fail(f"{path}.fallbacks", "a list of anchor objects", d["fallbacks"])
    aliases = tuple(r.text(x, f"{path}.aliases[{i}]", limit=MAX_CASE_STRING_CHARS)
                    for i, x in enumerate(r.items(d.get("aliases") or [], f"{path}.aliases", MAX_ANCHOR_FALLBACKS)))
    point = None
    if d["point"] is not None:
        pair = r.items(d["point"], f"{path}.point", 2)
        try:
            point = check_latlon(*(r.number(x, f"{path}.point[{i}]") for i, x in enumerate(pair)))
        except (CoordinateError, TypeError):
            raise r.fail(f"{path}.point", "null or [lat, lon] in WGS84 degrees", d["point"]) from None
    return AnchorRef(r.text(d["text"], f"{path}.text"), r.span(d["span"], f"{path}.span", n, none=True),
                     *(r.text(d[k], f"{path}.{k}", none=True) for k in ("feature", "region", "locator")), point=point,
                     fallbacks=fallbacks, aliases=aliases,
                     **{k: r.flag(d[k], f"{path}.{k}") for k in ("unnamed", "settlement") if k in d})


def _target_ref(r: _Reader, v: Any, path: str, n: int) -> TargetRef | None:
    if v is None:
        return None
    fields = ("kind", "text", "name", "countries", "span", "either")
    d = r.obj(v, path, fields + ("locator",) if isinstance(v, dict) and "locator" in v else fields)
    countries = tuple(r.text(c, f"{path}.countries[{i}]", limit=100)
                      for i, c in enumerate(r.items(d["countries"], f"{path}.countries", 10)))
    kinds = tuple(TARGET_KINDS) + ("coast", "line")
    return TargetRef(r.choice(d["kind"], f"{path}.kind", kinds), r.text(d["text"], f"{path}.text"),
                     name=r.text(d["name"], f"{path}.name", none=True), countries=countries,
                     span=r.span(d["span"], f"{path}.span", n, none=True), either=r.flag(d["either"], f"{path}.either"),
                     locator=r.text(d.get("locator"), f"{path}.locator", none=True, limit=100))


_CLAIM_FIELDS = ("index", "span", "quote", "sentence", "value", "unit", "value_high", "paired_value", "paired_unit",
                 "hedge", "direction", "anchor", "target", "checkable", "why_not", "edited", "kind", "rules")


def _figures(r: _Reader, d: dict[str, Any], path: str) -> dict[str, Any]:
    """The claim's figures: value and unit (checked as the page checks a typed value), range, pair."""
    unit = r.choice(d["unit"], f"{path}.unit", UNITS)
    try:
        value = check_claimed_value(r.number(d["value"], f"{path}.value"), unit)
    except InputError as exc:
        raise CaseFileError(f"case file {r.name!r}: {path}.value: {exc}") from None
    high = r.number(d["value_high"], f"{path}.value_high", none=True)
    if high is not None and not value <= high <= MAX_CLAIM_KM * 10:
        raise r.fail(f"{path}.value_high", f"null or a number from {value} up", high)
    paired = r.number(d["paired_value"], f"{path}.paired_value", none=True)
    return {"value": value, "unit": unit, "value_high": high, "paired_value": paired,
            "paired_unit": r.choice(d["paired_unit"], f"{path}.paired_unit", UNITS, none=True)}


def _claim(r: _Reader, v: Any, path: str, text: str) -> Claim:
    d = r.obj(v, path, _CLAIM_FIELDS)
    n = len(text)
    edited = tuple(r.choice(e, f"{path}.edited[{i}]", EDITABLE)
                   for i, e in enumerate(r.items(d["edited"], f"{path}.edited", len(EDITABLE))))
    return Claim(index=r.integer(d["index"], f"{path}.index", 1, 10 * MAX_CASE_CLAIMS),
                 span=r.span(d["span"], f"{path}.span", n), quote=r.text(d["quote"], f"{path}.quote"),
                 sentence=r.span(d["sentence"], f"{path}.sentence", n), **_figures(r, d, path),
                 hedge=r.choice(d["hedge"], f"{path}.hedge", [h for h in HEDGES if h], none=True),
                 direction=r.text(d["direction"], f"{path}.direction", none=True, limit=40),
                 anchor=_anchor_ref(r, d["anchor"], f"{path}.anchor", n),
                 target=_target_ref(r, d["target"], f"{path}.target", n),
                 checkable=r.flag(d["checkable"], f"{path}.checkable"),
                 why_not=r.text(d["why_not"], f"{path}.why_not", none=True), edited=tuple(dict.fromkeys(edited)),
                 kind=r.choice(d["kind"], f"{path}.kind", [str(k) for k in ClaimKind]),
                 rules=tuple(r.choice(x, f"{path}.rules[{i}]", sorted(RULES))
                             for i, x in enumerate(r.items(d["rules"], f"{path}.rules", 8))))


def _hand(r: _Reader, v: Any, path: str) -> HandAnchor | None:
    if v is None:
        return None
    d = r.obj(v, path, ("by", "lat", "lon", "key", "name"))
    by = ChosenBy(r.choice(d["by"], f"{path}.by", [str(h) for h in HAND]))
    try:
        lat, lon = check_latlon(r.number(d["lat"], f"{path}.lat"), r.number(d["lon"], f"{path}.lon"))
    except CoordinateError as exc:
        raise CaseFileError(f"case file {r.name!r}: {path}: {exc}") from None
    return HandAnchor(by, lat, lon, r.text(d["key"], f"{path}.key", limit=200), r.text(d["name"], f"{path}.name"))


def _saved_claim(r: _Reader, v: Any, path: str, text: str) -> SavedClaim:
    d = r.obj(v, path, ("id", "claim", "hand_anchor"))
    claim = _claim(r, d["claim"], f"{path}.claim", text)
    cid = r.text(d["id"], f"{path}.id", limit=100)
    if cid not in (claim_id(claim), f"{claim_id(claim)}#{claim.index}"):
        raise r.fail(f"{path}.id", f"the claim's identity {claim_id(claim)!r} (its span and quote)", cid)
    return SavedClaim(cid, claim, _hand(r, d["hand_anchor"], f"{path}.hand_anchor"))


def _saved_result(r: _Reader, v: Any, path: str) -> SavedResult:
    d = r.obj(v, path, ("id", "verdict", "distance_km"))
    return SavedResult(r.text(d["id"], f"{path}.id", limit=100), r.text(d["verdict"], f"{path}.verdict", limit=40),
                       r.number(d["distance_km"], f"{path}.distance_km", none=True))


def _load_json(data: bytes, name: str) -> Any:
    """Parse the JSON of a case file (size already checked): UTF-8, no NaN/Infinity, no duplicate fields."""
    def no_constant(token: str):
        raise CaseFileError(f"case file {name!r}: {token} is not a number a case file may hold")

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(set(keys)) != len(keys):
            raise CaseFileError(f"case file {name!r}: a field appears twice in one object "
                                f"({sorted(k for k in set(keys) if keys.count(k) > 1)[:3]})")
        return dict(pairs)

    try:
        return json.loads(data.decode("utf-8"), parse_constant=no_constant, object_pairs_hook=no_duplicates)
    except UnicodeDecodeError as exc:
        raise CaseFileError(f"case file {name!r} is not UTF-8 text (byte {exc.start}); a case file is the "
                            "JSON the page's “Save case file” writes") from None
    except (ValueError, RecursionError) as exc:
        if isinstance(exc, BorderwatchError):
            raise
        raise CaseFileError(f"case file {name!r} is not JSON ({str(exc)[:120]}); a case file is the JSON the "
                            "page's “Save case file” writes") from None


_CASE_FIELDS = ("format", "version", "tool_version", "data_version", "saved_at", "source", "title", "selected",
                "text", "claims", "results")


def parse_case(data: bytes, *, name: str = "case file") -> Case:
    """Return the Case in an uploaded case file, or raise CaseFileError saying what is wrong and where.

    Refused: more than settings.MAX_CASE_FILE_BYTES (before parsing), not UTF-8 JSON, another format
    or version, any field missing, unknown, duplicated or of the wrong type or range, more than
    settings.MAX_CASE_CLAIMS saved claims, an article over settings.MAX_INPUT_CHARS.
    """
    if len(data) > MAX_CASE_FILE_BYTES:
        raise CaseFileError(f"case file {name!r} is {len(data):,} bytes; a case file is at most "
                            f"{MAX_CASE_FILE_BYTES:,} bytes (the longest article and its claims)")
    r = _Reader(name)
    doc = _load_json(data, name)
    if not isinstance(doc, dict) or doc.get("format") != CASE_FORMAT:
        raise r.fail("format", repr(CASE_FORMAT), doc.get("format") if isinstance(doc, dict) else doc)
    if doc.get("version") != CASE_VERSION:
        raise r.fail("version", f"{CASE_VERSION} (this borderwatch reads case files of version {CASE_VERSION})",
                     doc.get("version"))
    d = r.obj(doc, "the case", _CASE_FIELDS)
    try:
        text = check_length(r.text(d["text"], "text", limit=10 ** 7))
    except InputError as exc:
        raise CaseFileError(f"case file {name!r}: its article text: {exc}") from None
    claims = tuple(_saved_claim(r, c, f"claims[{i}]", text)
                   for i, c in enumerate(r.items(d["claims"], "claims", MAX_CASE_CLAIMS)))
    results = tuple(_saved_result(r, x, f"results[{i}]")
                    for i, x in enumerate(r.items(d["results"], "results", 2 * MAX_CASE_CLAIMS)))
    return Case(text=text, title=r.text(d["title"], "title", limit=TITLE_MAX_CHARS + 1),
                source=r.text(d["source"], "source", limit=500), selected=r.text(d["selected"], "selected",
                                                                                  none=True, limit=100),
                claims=claims, results=results, tool_version=r.text(d["tool_version"], "tool_version", limit=100),
                data_version=r.text(d["data_version"], "data_version", limit=5000),
                saved_at=r.text(d["saved_at"], "saved_at", limit=40))


# ------------------------------------------------------------------ reopen
def _anchor_for(checker: Checker, report: Report, saved: SavedClaim, fresh: ClaimResult | None
                ) -> tuple[Resolution | None, str | None]:
    """The saved hand-set anchor as a resolution (and a warning when it had to be approximated)."""
    hand, claim = saved.hand_anchor, saved.claim
    if hand is None:
        return None, None
    if hand.by is ChosenBy.MAP_CLICK:
        place = checker.point_anchor(hand.lat, hand.lon)
        return chosen(place, by=hand.by, previous=fresh.anchor if fresh else None, query=place.name), None
    pools = [fresh.anchor] if fresh and fresh.anchor else []
    if claim.anchor_text:
        pools.append(anchor_lookup(checker, report, claim, claim.anchor_text))
    for res in pools:
        for c in res.candidates:
            if c.place.key == hand.key:
                return chosen(c.place, by=hand.by, previous=res, query=res.query), None
    place = checker.point_anchor(hand.lat, hand.lon)
    return (chosen(place, by=hand.by, previous=pools[0] if pools else None, query=place.name),
            f"claim #{claim.index}: its anchor ({hand.name}) is not in this data; measured from its saved "
            f"point {hand.lat:.5f}, {hand.lon:.5f}")


def _differences(case: Case, report: Report) -> list[str]:
    """What differs between the saved results and the reopened ones."""
    now = dict(zip(claim_ids(report), report.results))
    out = []
    for s in case.results:
        r = now.get(s.id)
        if r is None:
            out.append(f"claim {s.id} of the saved case is not found in the text any more")
            continue
        dist = r.measurement.distance_km if r.measurement else None
        same_dist = (dist is None) == (s.distance_km is None) and (dist is None or abs(dist - s.distance_km) < 0.005)
        if str(r.verdict.status) != s.verdict or not same_dist:
            was = f"{s.verdict}" + (f", {s.distance_km:.2f} km" if s.distance_km is not None else "")
            out.append(f"claim #{r.claim.index} was {was} when saved; it is now {r.verdict.status}"
                       + (f", {dist:.2f} km" if dist is not None else ""))
    return out


def restore(checker: Checker, case: Case, *, tool_version: str, data_version: str) -> Restored:
    """Return the reopened case: the text re-checked, each saved claim put back by its identity (an
    added claim appended), the saved selection (or the first measured claim), and warnings for a
    different tool or data version and for every result that differs from the saved one."""
    fresh = checker.check_text(case.text, title=case.title)
    results = list(fresh.results)
    ids = claim_ids(fresh)
    warnings, renamed = [], {}
    for saved in case.claims:
        pos = ids.index(saved.id) if saved.id in ids else None
        anchor, note = _anchor_for(checker, fresh, saved, results[pos] if pos is not None else None)
        claim = saved.claim
        if pos is None and claim.index in {r.claim.index for r in results}:
            # the text now has more claims than when it was saved: the added claim takes the next number
            claim = replace(claim, index=max(r.claim.index for r in results) + 1)
            renamed[saved.id] = claim_id(claim)
        new = checker.check_claim(claim, fresh.context, anchor=anchor)
        if pos is None:
            if not claim.span.empty:
                warnings.append(f"claim #{claim.index} ({claim.quote[:60]}) is no longer found in the text by "
                                "this borderwatch: kept as saved")
            results.append(new)
            ids.append(claim_id(claim))
        else:
            results[pos] = new
        warnings += [note] if note else []
    report = make_report(fresh.text, tuple(results), context=fresh.context, title=fresh.title,
                         non_claims=fresh.non_claims)
    if renamed:
        case = replace(case, selected=renamed.get(case.selected, case.selected),
                       results=tuple(replace(s, id=renamed.get(s.id, s.id)) for s in case.results))
    if (case.tool_version, case.data_version) != (tool_version, data_version):
        warnings.insert(0, f"saved with borderwatch {case.tool_version} and other data; reopened with borderwatch "
                           f"{tool_version} and this machine's data")
    return Restored(report, pick_selection(report, case.selected), case.source,
                    tuple(warnings + _differences(case, report)))

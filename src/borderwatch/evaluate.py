"""Score borderwatch against a labelled development set (tests/data/devset.jsonl).

Each line holds one sentence (``text``), the sentence before it (``context``, which
provides pronoun antecedents) and its labelled claims and non-claims. The checker
reads ``context + " " + text`` (a blank line between them when the context ends without a
full stop: a headline or a caption); only claims whose span lies inside ``text`` count.

Figures (all fractions in 0..1):
- extraction precision: found claims that match a labelled claim / found claims;
- extraction recall: labelled claims matched by a found claim / labelled claims.
  A found claim matches a labelled one when their spans overlap and the value as
  written is the same (either figure of a paired conversion);
- anchor accuracy, of matched claims labelled checkable: the resolved anchor has the
  labelled GeoNames id or lies within ``settings.eval_point_tolerance_km`` of the labelled point
  (two places found the other way round count as both right: a distance between two points is
  the same from either end);
- target accuracy, same claims: the target kind agrees and so does the place (as for
  the anchor), the region (its name) or the border (the pair of countries);
- verdict agreement, of all matched claims: the verdict's status ('not checkable' is
  read as 'not_checkable') equals the labelled ``expected_verdict``; beside it, the same with
  'unresolved' and 'not_checkable' as one answer (no verdict), and the share of the confident
  verdicts given (consistent or inconsistent) that disagree with the label — the harmful error.

From the shell: ``borderwatch eval tests/data/devset.jsonl``; from Python:
``print(format_result(evaluate(Path("tests/data/devset.jsonl"))))``.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass
from pathlib import Path

from .check import Checker, default_checker
from .errors import InputError
from .geodesy import distance_km
from .model import ClaimResult, Place, PlaceKind, Span, TargetKind
from .names import exact_key, strip_generic
from .settings import DEFAULTS

__all__ = ["Finding", "EvalResult", "evaluate", "format_result", "format_comparison", "load_set", "frozen_split"]


@dataclass(frozen=True)
class Finding:
    """One labelled claim, one found claim, or a pair of them, with what was judged."""

    item: str
    quote: str
    note: str = ""
    expected: str | None = None
    found: str | None = None
    anchor_ok: bool | None = None
    target_ok: bool | None = None
    verdict_ok: bool | None = None
    distance_ok: bool | None = None


@dataclass(frozen=True)
class EvalResult:
    """Counts and per-claim findings of one evaluation run."""

    path: str
    items: int
    labelled: int
    found: int
    matched: tuple[Finding, ...]
    misses: tuple[Finding, ...]
    false_positives: tuple[Finding, ...]
    non_claims_checkable: tuple[Finding, ...]

    @property
    def precision(self) -> float:
        return len(self.matched) / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return len(self.matched) / self.labelled if self.labelled else 1.0

    def _rate(self, attr: str) -> tuple[int, int, float]:
        judged = [getattr(f, attr) for f in self.matched if getattr(f, attr) is not None]
        ok = sum(judged)
        return ok, len(judged), (ok / len(judged) if judged else 1.0)

    @property
    def anchor_accuracy(self) -> float:
        return self._rate("anchor_ok")[2]

    @property
    def target_accuracy(self) -> float:
        return self._rate("target_ok")[2]

    @property
    def distance_accuracy(self) -> float:
        """Share of matched claims with a point-to-point reference whose measured distance is within
        max(DISTANCE_TOLERANCE_KM, DISTANCE_TOLERANCE_SHARE of it) of it."""
        return self._rate("distance_ok")[2]

    @property
    def both_ends_accuracy(self) -> float:
        """Share of matched checkable claims whose anchor and target are both right."""
        judged = [f for f in self.matched if f.anchor_ok is not None]
        return sum(1 for f in judged if f.anchor_ok and f.target_ok) / len(judged) if judged else 0.0

    @property
    def baseline_agreement(self) -> float:
        """Verdict agreement of a baseline that finds every labelled claim and calls it consistent."""
        labelled = [f.expected for f in self.matched + self.misses]
        return sum(1 for e in labelled if e == "consistent") / len(labelled) if labelled else 0.0

    @property
    def verdict_agreement(self) -> float:
        return self._rate("verdict_ok")[2]

    def _rated(self) -> list[Finding]:
        return [f for f in self.matched if f.found is not None]

    @property
    def no_verdict_merged(self) -> tuple[int, int, float]:
        """Verdict agreement when 'unresolved' and 'not_checkable' count as one answer (no verdict): the
        labels themselves draw that line unevenly (an epicentre is labelled either way), and a reader
        gets no verdict from both. A secondary figure: the strict agreement is the one quoted."""
        rated = self._rated()
        ok = sum(1 for f in rated if _answer(f.found) == _answer(f.expected))
        return ok, len(rated), ok / len(rated) if rated else 1.0

    @property
    def false_verdicts(self) -> tuple[int, int, float]:
        """(wrong, given, share): 'consistent' or 'inconsistent' given where the label says otherwise —
        the harmful error (a confident verdict a fact-checker might repeat), of all such verdicts given."""
        given = [f for f in self._rated() if _answer(f.found) != _NO_VERDICT]
        wrong = sum(1 for f in given if f.found != f.expected)
        return wrong, len(given), wrong / len(given) if given else 0.0


_NO_VERDICT = "no verdict"


def _answer(status: str | None) -> str | None:
    return _NO_VERDICT if status in ("unresolved", "not_checkable") else status


def _status(result: ClaimResult) -> str:
    return result.verdict.status.replace(" ", "_")


def _same_point(place: Place | None, label: dict) -> bool:
    if place is None or not label:
        return False
    if label.get("geonameid") and place.geonameid == label["geonameid"]:
        return True
    if label.get("lat") is not None and label.get("lon") is not None:
        return distance_km(place.lat, place.lon, label["lat"], label["lon"]) <= DEFAULTS.eval_point_tolerance_km
    return _same_landmark(place, label.get("source") or "")


def _same_landmark(place: Place, source: str) -> bool:
    """A label that names a landmark by its dataset record ("geonucleardata:Belarusian",
    "airportsdata:LUTR", the ICAO code) and no point: the same record found."""
    dataset, _, key = source.partition(":")
    if place.kind is not PlaceKind.LANDMARK or not key:
        return False
    if dataset == "geonucleardata":
        return place.dataset.startswith("GeoNuclearData") and place.name == f"{key} nuclear power plant"
    if dataset == "airportsdata":
        return place.dataset.startswith("airportsdata") and (f"ICAO {key}" in place.name or f"IATA {key}" in place.name)
    return False


def _swapped(r: ClaimResult, label: dict) -> bool:
    """The two ends found the other way round, both places: a point-to-point distance is the same
    read from either end ("Las Cruces, 46 miles northwest of El Paso" as "El Paso … Las Cruces")."""
    target = label.get("target") or {}
    return (target.get("kind") == TargetKind.PLACE and r.claim.target is not None
            and r.claim.target.kind is TargetKind.PLACE and _same_point(r.anchor_place, target)
            and _same_point(r.target_place, label.get("anchor") or {}))


def _target_ok(result: ClaimResult, label: dict) -> tuple[bool, str]:
    """Whether the found target agrees with the labelled one, and what was found."""
    t = result.claim.target
    if t is None:
        return False, "no target"
    kind = label.get("kind")
    place = result.target_place
    # A place target that names a country is measured to its border; a territory ("from the Gaza
    # Strip") to the named line that is part of that border: both are the border of that pair.
    border_like = place is not None and place.kind in (PlaceKind.BORDER, PlaceKind.LINE)
    found_kind = TargetKind.BORDER if border_like and kind == TargetKind.BORDER else t.kind
    if kind == "point" and place is not None and place.kind is PlaceKind.POINT and label.get("lat") is not None:
        return _same_point(place, label), f"target point {place.label}"  # "the North Pole": a point by definition
    if found_kind != kind:
        return False, f"target kind {str(found_kind)!r}, labelled {kind!r}"
    if kind == TargetKind.PLACE:
        return _same_point(place, label), f"target {place.label if place else None}"
    if kind == TargetKind.REGION:
        want = exact_key(strip_generic(label.get("region") or label.get("name") or ""))
        got = exact_key(strip_generic(place.name)) if place else ""
        return bool(want) and (want in got or got in want) and bool(got), f"target region {got!r}"
    if kind == TargetKind.BORDER:
        pair = set(place.countries) if border_like else set()
        return len(pair) == 2 and pair <= set(label.get("border") or ()), f"target border {sorted(pair)}"
    return True, f"target {kind}"


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _values(c) -> set[float]:
    return {round(v, 6) for v in (c.value, c.value_high, c.paired_value) if v is not None}


def _label_span(text: str, quote: str, offset: int) -> Span:
    i = text.find(quote)
    if i < 0:
        i = text.lower().find(quote.lower())
    if i < 0:  # a label quote not verbatim in the text: the whole sentence stands for it
        return Span(offset, offset + len(text))
    return Span(offset + i, offset + i + len(quote))


def joined(context: str, text: str) -> str:
    """The text the checker reads for a labelled sentence: its context, then the sentence. A context that
    does not end a sentence is a headline or a caption: on its own line, as in the article."""
    if not context:
        return text
    return f"{context}{' ' if context.rstrip()[-1:] in _SENTENCE_END else chr(10) * 2}{text}"


def _evaluate_item(item: dict, checker: Checker):
    """(labelled count, found count, matched, misses, false positives, checkable non-claims)."""
    ctx, text = item.get("context") or "", item["text"]
    full = joined(ctx, text)
    offset = len(full) - len(text)
    report = checker.check_text(full)
    found = [r for r in report.results if r.claim.span.start >= offset]
    labels = [(c, _label_span(text, c["quote"], offset)) for c in item.get("claims", [])]
    used: set[int] = set()
    matched, misses = [], []
    for c, span in labels:
        want = {round(v, 6) for v in (c["value"], c.get("value_high"), c.get("paired_value")) if v is not None}
        hit = next((i for i, r in enumerate(found) if i not in used
                    and _overlaps(r.claim.span, span) and _values(r.claim) & want), None)
        if hit is None:
            misses.append(Finding(item["id"], c["quote"], "not extracted", c["expected_verdict"]))
            continue
        used.add(hit)
        matched.append(_judge_pair(item["id"], c, found[hit]))
    fps, noncheck = [], []
    for i, r in enumerate(found):
        if i in used:
            continue
        non = next((n for n in item.get("non_claims", [])
                    if _overlaps(r.claim.span, _label_span(text, n["quote"], offset))), None)
        why = f"labelled non-claim ({non['why']})" if non else "no labelled claim here"
        f = Finding(item["id"], r.claim.quote, why, None, _status(r))
        fps.append(f)
        if non and r.claim.checkable:
            noncheck.append(f)
    return len(labels), len(found), matched, misses, fps, noncheck


def _judge_pair(item_id: str, label: dict, r: ClaimResult) -> Finding:
    status = _status(r)
    notes = []
    anchor_ok = target_ok = None
    if label.get("checkable"):
        place = r.anchor_place
        anchor_ok = _same_point(place, label.get("anchor") or {})
        if not anchor_ok and _swapped(r, label):  # "B is N km from A" read for "A is N km from B": the same
            anchor_ok, target_ok = True, True
        elif not anchor_ok:
            notes.append(f"anchor {place.label if place else r.claim.anchor_text!r}, "
                         f"labelled {(label.get('anchor') or {}).get('name')!r}")
        if target_ok is None:
            target_ok, why = _target_ok(r, label.get("target") or {})
            if not target_ok:
                notes.append(why)
    verdict_ok = status == label["expected_verdict"]
    if not verdict_ok:
        notes.append(f"verdict {status} ({r.verdict.reason}), labelled {label['expected_verdict']}")
    distance_ok = _distance_ok(r, label)
    if distance_ok is False:
        got = f"{r.measurement.distance_km:.1f} km" if r.measurement else "no measurement"
        notes.append(f"measured {got}, reference {label['reference_km']:.1f} km")
    return Finding(item_id, label["quote"], "; ".join(notes), label["expected_verdict"], status, anchor_ok,
                   target_ok, verdict_ok, distance_ok)


_SENTENCE_END = frozenset('.!?"”’)')
_POINT_REFERENCE = "geodesic WGS84"  # corpus_reference.py's point-to-point method (not a min to an outline)
# A measured distance within max(0.5 km, 3 %) of a point-to-point reference agrees with it: the
# resolution issue's figure (two GeoNames points of one place differ by about that much).
DISTANCE_TOLERANCE_KM, DISTANCE_TOLERANCE_SHARE = 0.5, 0.03


def _distance_ok(r: ClaimResult, label: dict) -> bool | None:
    """Whether the measured distance agrees with a point-to-point reference; None when there is none."""
    ref = label.get("reference_km")
    if ref is None or not str(label.get("reference_method") or "").startswith(_POINT_REFERENCE):
        return None
    if r.measurement is None:
        return False
    return abs(r.measurement.distance_km - ref) <= max(DISTANCE_TOLERANCE_KM, DISTANCE_TOLERANCE_SHARE * ref)


_JSON_TYPES = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "true/false",
               type(None): "null"}


def load_set(path: Path) -> list[dict]:
    """Return the items of the JSONL set at ``path``, or raise InputError naming the file, the line
    and what is wrong (a folder, binary or non-UTF-8 data, a line that is not one JSON object)."""
    from .inputs import decode_utf8

    path = Path(path)
    if path.is_dir():
        raise InputError(f"{str(path)!r} is a folder; give a JSONL file (one JSON object per line)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from None
    text = decode_utf8(data, name=str(path))
    items = [_load_item(path, n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not items:
        raise InputError(f"{str(path)!r} holds no labelled items: expected one JSON object per line")
    return items


def _load_item(path: Path, n: int, line: str) -> dict:
    where = f"{str(path)!r} line {n}"
    try:
        item = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        why = f"{exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        raise InputError(f"{where} is not JSON ({why}); each line must be one JSON object") from None
    if not isinstance(item, dict):
        raise InputError(f"{where}: expected one JSON object per line, got {_JSON_TYPES.get(type(item), 'JSON')} "
                         "(a .json list? write each item on its own line)")
    if not isinstance(item.get("text"), str) or not isinstance(item.get("id"), (str, int)):
        raise InputError(f"{where}: an item needs \"id\" and \"text\" (a string); got keys {sorted(item)[:8]}")
    for key, fields in (("claims", ("quote", "value", "expected_verdict")), ("non_claims", ("quote", "why"))):
        rows = item.get(key, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) and all(f in r for f in fields) for r in rows):
            raise InputError(f"{where}: \"{key}\" must be a list of objects with {', '.join(fields)}")
        if key == "claims" and not all(isinstance(r["value"], (int, float)) and isinstance(r["quote"], str)
                                       for r in rows):
            raise InputError(f"{where}: each claim needs a string \"quote\" and a number \"value\"")
    return item


def evaluate(path: Path, *, checker: Checker | None = None, items: list[dict] | None = None) -> EvalResult:
    """Return the EvalResult of checking every line of the JSONL dev set at ``path``
    (``items``: the set already read by :func:`load_set`)."""
    items = load_set(path) if items is None else items
    checker = checker or default_checker()
    labelled = found = 0
    matched, misses, fps, noncheck = [], [], [], []
    for item in items:
        n_l, n_f, m, mi, fp, nc = _evaluate_item(item, checker)
        labelled, found = labelled + n_l, found + n_f
        matched += m
        misses += mi
        fps += fp
        noncheck += nc
    return EvalResult(str(path), len(items), labelled, found, tuple(matched), tuple(misses), tuple(fps),
                      tuple(noncheck))


def frozen_split(path: Path) -> bool:
    """True for the frozen test split of a corpus (a test*.jsonl beside a SPLIT.md): its misses are
    not printed unless asked for, so nobody writes rules against it by reading them."""
    path = Path(path)
    return fnmatch.fnmatch(path.name, "test*.jsonl") and (path.parent / "SPLIT.md").exists()


def format_result(result: EvalResult, *, details: bool = True) -> str:
    """Return the evaluation as plain text: the figures, then (``details``) every miss, false
    positive and error."""
    a_ok, a_n, a = result._rate("anchor_ok")
    t_ok, t_n, t = result._rate("target_ok")
    v_ok, v_n, v = result._rate("verdict_ok")
    d_ok, d_n, d = result._rate("distance_ok")
    lines = [
        f"labelled set {result.path}: {result.items} sentences, {result.labelled} labelled claims, "
        f"{result.found} found",
        f"extraction precision {result.precision:.3f} ({len(result.matched)}/{result.found})   "
        f"recall {result.recall:.3f} ({len(result.matched)}/{result.labelled})",
        f"anchor correct {a:.3f} ({a_ok}/{a_n})   target correct {t:.3f} ({t_ok}/{t_n})   "
        f"(matched claims labelled checkable)",
        f"verdict agreement {v:.3f} ({v_ok}/{v_n})   with 'unresolved' and 'not checkable' as one "
        f"{result.no_verdict_merged[2]:.3f} ({result.no_verdict_merged[0]}/{result.no_verdict_merged[1]})",
        f"confident verdicts (consistent or inconsistent) that disagree with the label: "
        f"{result.false_verdicts[0]} of {result.false_verdicts[1]} ({result.false_verdicts[2]:.3f})",
        f"measured within max(0.5 km, 3 %) of a point reference {d:.3f} ({d_ok}/{d_n})",
        f"labelled non-claims found as checkable claims: {len(result.non_claims_checkable)}",
    ]
    if not details:
        lines.append("(misses not shown: the frozen test split — see SPLIT.md; --show-test-misses prints them)")
        return "\n".join(lines)
    if result.misses:
        lines.append("\nmisses (labelled, not found):")
        lines += [f"  {f.item}: {f.quote!r} [{f.expected}] — {f.note}" for f in result.misses]
    if result.false_positives:
        lines.append("\nfalse positives (found, not labelled):")
        lines += [f"  {f.item}: {f.quote!r} [{f.found}] — {f.note}" for f in result.false_positives]
    wrong = [f for f in result.matched if f.note]
    if wrong:
        lines.append("\nmatched but wrong:")
        lines += [f"  {f.item}: {f.quote!r} — {f.note}" for f in wrong]
    return "\n".join(lines)


def format_comparison(results: list[EvalResult]) -> str:
    """Return the sets' figures side by side (a labelled corpus's dev and test splits)."""
    rows = [("", *[Path(r.path).stem for r in results]),
            ("sentences", *[str(r.items) for r in results]),
            ("labelled claims", *[str(r.labelled) for r in results]),
            ("extraction precision", *[f"{r.precision:.3f}" for r in results]),
            ("extraction recall", *[f"{r.recall:.3f}" for r in results]),
            ("anchor correct", *[f"{r.anchor_accuracy:.3f}" for r in results]),
            ("target correct", *[f"{r.target_accuracy:.3f}" for r in results]),
            ("anchor and target both right", *[f"{r.both_ends_accuracy:.3f}" for r in results]),
            ("verdict agreement", *[f"{r.verdict_agreement:.3f}" for r in results]),
            ("  with unresolved and not checkable as one", *[f"{r.no_verdict_merged[2]:.3f}" for r in results]),
            ("  confident verdicts that disagree with the label", *[f"{r.false_verdicts[2]:.3f}" for r in results]),
            ("distance within max(0.5 km, 3 %) of a point reference",
             *[f"{r.distance_accuracy:.3f}" for r in results]),
            ("baseline: every claim consistent", *[f"{r.baseline_agreement:.3f}" for r in results])]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row))
                     for row in rows)

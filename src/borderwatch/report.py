"""Report -> evidence: JSON, GeoJSON, Markdown, CSV and a plain-text table.

Article text is untrusted: Markdown output escapes HTML and table syntax, so a
report opened in a Markdown viewer shows the text literally and runs nothing.
GeoJSON coordinates are (lon, lat) as RFC 7946 requires.
"""

from __future__ import annotations

import csv
import html
import io
import math
import re

from .model import ClaimResult, Measurement, Report, Resolution
from .normalise import show_controls

__all__ = ["to_json", "to_geojson", "to_markdown", "to_csv", "to_table"]


def _num(x: float | None, nd: int = 3) -> float | None:
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return None
    return round(float(x), nd)


def _resolution(res: Resolution | None) -> dict | None:
    if res is None:
        return None
    p = res.place
    return {
        "query": res.query,
        "resolved": None if p is None else {
            "label": p.label, "kind": p.kind, "country": p.country, "lat": p.lat, "lon": p.lon,
            "geonameid": p.geonameid, "radius_km": _num(p.radius_km), "dataset": p.dataset, "key": p.key,
            "note": p.note},
        "reason": res.reason,
        "chosen_by": res.chosen_by.value,
        "candidates": [{"label": c.place.label, "score": c.score, "match": c.match_text,
                        "matched_name": c.matched_name, "reasons": list(c.reasons)} for c in res.candidates],
    }


def _measurement(m: Measurement | None) -> dict | None:
    if m is None:
        return None
    return {"distance_km": _num(m.distance_km), "low_km": _num(m.low_km), "high_km": _num(m.high_km),
            "origin": {"lat": m.origin[0], "lon": m.origin[1]},
            "nearest": {"lat": _num(m.nearest[0], 6), "lon": _num(m.nearest[1], 6)},
            "target": m.target_label, "inside": m.inside, "method": m.method, "dataset": m.dataset,
            "note": m.note}


def _target(r: ClaimResult) -> dict | None:
    if r.target is None:
        return None
    out = _resolution(r.target.resolution) or {"query": r.target.text, "resolved": None, "reason": r.target.why_not,
                                              "chosen_by": None, "candidates": []}
    return {**out, "kind": r.target.kind.value, "why_not": r.target.why_not}


def _result(r: ClaimResult) -> dict:
    c, v = r.claim, r.verdict
    a = c.anchor
    return {
        "index": c.index, "quote": c.quote, "span": [c.span.start, c.span.end],
        "claimed": {"text": c.claimed_text, "value": c.value, "value_high": c.value_high, "unit": c.unit,
                    "km": _num(c.value_km), "paired_value": c.paired_value, "paired_unit": c.paired_unit,
                    "hedge": c.hedge, "direction": c.direction},
        "anchor_text": c.anchor_text, "anchor_feature": a.feature if a else None,
        "anchor_region": a.region if a else None, "anchor_locator": a.locator if a else None,
        "target_text": c.target.text if c.target else None, "target_kind": c.target.kind if c.target else None,
        "edited": list(c.edited),
        "anchor": _resolution(r.anchor), "target": _target(r),
        "measurement": _measurement(r.measurement),
        "verdict": {"status": v.status, "direction": v.direction, "reason": v.reason, "rule": v.rule,
                    "window_km": [_num(x) for x in v.window_km] if v.window_km else None,
                    "off_km": _num(v.off_km), "off_pct": _num(v.off_pct, 1), "unit_check": v.unit_check},
        "alternatives": [{"anchor": alt.candidate.place.label, "score": alt.candidate.score,
                          "measurement": _measurement(alt.measurement), "verdict": alt.verdict.status,
                          "reason": alt.verdict.reason}
                         for alt in r.alternatives],
    }


def to_json(report: Report) -> dict:
    """Return the whole report as JSON-ready dicts (distances in km, coordinates lat/lon)."""
    return {"title": report.title, "claims": [_result(r) for r in report.results],
            "non_claims": [{"quote": n.quote, "span": [n.span.start, n.span.end], "why": n.why}
                           for n in report.non_claims],
            "warnings": list(report.warnings), "dateline": _dateline(report),
            "datasets": list(report.datasets), "attribution": report.attribution}


def _dateline(report: Report) -> dict | None:
    d = report.context.dateline
    return None if d is None else {"text": d.text, "city": d.city, "region": d.region, "admin1": d.admin1,
                                   "admin1_name": d.admin1_name, "country": d.country}


def to_geojson(report: Report) -> dict:
    """Return a GeoJSON FeatureCollection: anchors, nearest points and measured geodesic lines."""
    feats = []
    for r in report.results:
        m = r.measurement
        if m is None:
            continue
        c = r.claim
        props = {"claim": c.index, "quote": c.quote, "claimed": c.claimed_text, "claimed_km": _num(c.value_km),
                 "measured_km": _num(m.distance_km), "range_km": [_num(m.low_km), _num(m.high_km)],
                 "target": m.target_label, "verdict": r.verdict.status, "reason": r.verdict.reason,
                 "method": m.method, "dataset": m.dataset}
        anchor_label = r.anchor_place.label if r.anchor_place else "chosen point"
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [m.origin[1], m.origin[0]]},
                      "properties": {**props, "role": "anchor", "name": anchor_label}})
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [m.nearest[1], m.nearest[0]]},
                      "properties": {**props, "role": "nearest point", "name": m.target_label}})
        feats.append({"type": "Feature",
                      "geometry": {"type": "LineString", "coordinates": [[lon, lat] for lat, lon in m.path]},
                      "properties": {**props, "role": "measured geodesic"}})
    return {"type": "FeatureCollection", "features": feats,
            "properties": {"title": report.title, "attribution": report.attribution}}


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~])")


def _md(text: str | None) -> str:
    """Escape untrusted text for Markdown: HTML entities, then Markdown syntax, one line."""
    if text is None:
        return "—"
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split())))


def _latlon(lat: float, lon: float) -> str:
    """'52.08948 N, 30.94933 E' (hemispheres spelled out, never a signed number)."""
    return f"{abs(lat):.5f} {'N' if lat >= 0 else 'S'}, {abs(lon):.5f} {'E' if lon >= 0 else 'W'}"


def _facts(r: ClaimResult) -> list[tuple[str, str]]:
    """The evidence of one claim as (label, plain text) pairs, shared by the Markdown and text reports."""
    c, v, m = r.claim, r.verdict, r.measurement
    # A resolution's reason starts with the place it chose (or says why none was).
    facts = [("Anchor", r.anchor.reason if r.anchor else (c.anchor_text or "—")),
             ("Target", m.target_label if m else (c.target.text if c.target else "—")),
             ("Claimed", f"{c.claimed_text} ({c.value_km:.2f} km)")]
    if m:
        facts += [("Measured", f"{m.distance_km:.2f} km (range {m.low_km:.1f}–{m.high_km:.1f} km)"),
                  ("Nearest point", _latlon(*m.nearest)), ("Method", m.method), ("Data", m.dataset)]
        if m.note:
            facts.append(("Note", m.note))
    facts.append(("Verdict", f"{v.status} — {v.reason}"))
    if v.rule:
        facts.append(("Rule", v.rule))
    if v.unit_check:
        facts.append(("Units", v.unit_check))
    for alt in r.alternatives:
        dist = f"{alt.measurement.distance_km:.1f} km" if alt.measurement else "not measured"
        facts.append(("Alternative anchor", f"{alt.candidate.place.label}: {dist}, {alt.verdict.status}"))
    return facts


def to_markdown(report: Report) -> str:
    """Return a Markdown report: each claim with quote, measurement, verdict, method, data."""
    out = [f"# borderwatch report: {_md(report.title)}", "",
           f"{len(report.results)} distance statement(s) found.", ""]
    for r in report.results:
        c, v, m = r.claim, r.verdict, r.measurement
        out += [f"## Claim {c.index}: {_md(v.status)}", "", f"> {_md(c.quote)}", ""]
        out += [f"- **{label}:** {_md(text)}" for label, text in _facts(r)]
        out.append("")
    out += ["## Data and attribution", "", *[f"- {_md(d)}" for d in report.datasets], "",
            _md(report.attribution), ""]
    return "\n".join(out)


CSV_COLUMNS = ["claim", "quote", "anchor", "target", "claimed", "claimed_km", "measured_km", "low_km",
               "high_km", "nearest_lat", "nearest_lon", "verdict", "reason", "unit_check", "method", "dataset"]


def _csv_cell(value) -> object:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(report: Report) -> str:
    """Return one CSV row per claim (spreadsheet-safe: no cell starts a formula)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for r in report.results:
        c, m, v = r.claim, r.measurement, r.verdict
        anchor = r.anchor_place.label if r.anchor_place else c.anchor_text
        row = [c.index, c.quote, anchor, m.target_label if m else (c.target.text if c.target else ""),
               c.claimed_text, _num(c.value_km), _num(m.distance_km) if m else "", _num(m.low_km) if m else "",
               _num(m.high_km) if m else "", _num(m.nearest[0], 6) if m else "", _num(m.nearest[1], 6) if m else "",
               v.status, v.reason, v.unit_check or "", m.method if m else "", m.dataset if m else ""]
        w.writerow([_csv_cell(x) for x in row])
    return buf.getvalue()


def _term(text: str | None) -> str | None:
    """Control and format characters (ESC, CSI U+009B, BEL, bidi overrides…) shown escaped
    ("\\x1b"), so a title, quote, file name or online note cannot drive the terminal."""
    return None if text is None else show_controls(text)


def _clip(text: str | None, n: int) -> str:
    text = " ".join((_term(text) or "—").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def to_table(report: Report) -> str:
    """Return a readable plain-text table (claim, anchor, target, claimed, measured, verdict) and reasons."""
    rows = [("#", "anchor", "target", "claimed", "measured", "verdict")]
    details = []
    for r in report.results:
        c, m, v = r.claim, r.measurement, r.verdict
        anchor = r.anchor_place.label if r.anchor_place else (c.anchor_text or "—")
        target = m.target_label if m else (c.target.text if c.target else "—")
        measured = f"{m.distance_km:.1f} km ({m.low_km:.1f}–{m.high_km:.1f})" if m else "—"
        status = v.status + (f" ({v.direction})" if v.direction else "")
        rows.append((str(c.index), _clip(anchor, 34), _clip(target, 30), _clip(c.claimed_text, 22), measured, status))
        details.append(f"[{c.index}] “{_clip(c.quote, 200)}”")
        details += [f"    {label.lower()}: {_term(text)}" for label, text in _facts(r)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join([_term(report.title), "", *lines, "", *details, "", _term(report.attribution)])

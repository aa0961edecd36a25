"""Report -> evidence: JSON, GeoJSON, Markdown, CSV, a plain-text table and a printable HTML sheet.

Every export states its :class:`~borderwatch.model.Provenance` (tool and data versions,
time, source, method), passed in by the caller so these functions stay pure, and marks
each value a person edited on the page and each anchor set by hand, beside the quote.
Article text is untrusted: Markdown output escapes what Markdown would read as syntax
(and raw HTML tags and autolinks) with backslashes, never with HTML entities, so it reads
the same as plain text and rendered; the HTML sheet escapes every character of it.
GeoJSON coordinates are (lon, lat) as RFC 7946 requires.
"""

from __future__ import annotations

import csv
import html
import io
import math
import re

import json

from pyproj import Geod
from shapely import to_geojson as shapely_to_geojson

from .errors import InvalidValue
from .model import ChosenBy, Claim, ClaimResult, Measurement, Provenance, Report, Resolution
from .normalise import show_controls
from .settings import GEOJSON_CIRCLE_VERTICES

__all__ = ["render", "FORMATS", "to_json", "to_geojson", "to_markdown", "to_csv", "to_table", "to_html", "claimed_mark",
           "anchor_mark", "target_mark", "md_text"]

_WGS84 = Geod(ellps="WGS84")
#: Anchors a person set (as opposed to the resolver's choice).
_BY_HAND = (ChosenBy.PAGE_EDIT, ChosenBy.MAP_CLICK)
_NO_PROVENANCE = "not stated (the caller gave no provenance)"


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
        "kind": c.kind.value, "rules": list(c.rules),
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


# --------------------------------------------------------------------- hand-made marks
def _edited_fields(c: Claim, fields: tuple[str, ...]) -> list[str]:
    return [f for f in c.edited if f in fields]


def claimed_mark(c: Claim) -> str | None:
    """Why the claimed value is not the article's, or None: 'edited on the page (value); the article says: …'."""
    if "added" in c.edited:
        return "added by hand on the page; not in the article"
    fields = _edited_fields(c, ("value", "unit", "hedge"))
    if not fields:
        return None
    return f"edited on the page: {', '.join(fields)}; the article says: {c.quote}"


def target_mark(c: Claim) -> str | None:
    """Why the target is not the article's, or None."""
    if "target" not in c.edited or "added" in c.edited:
        return None
    return f"edited on the page; the article says: {c.quote}"


def anchor_mark(r: ClaimResult) -> str | None:
    """Why the anchor is not the resolver's reading of the article, or None."""
    c = r.claim
    if "added" in c.edited:
        return None
    if r.anchor is not None and r.anchor.chosen_by in _BY_HAND:
        return f"set by hand on the page: {r.anchor.chosen_by}; the article names: {c.anchor_text or 'no place'}"
    if "anchor" in c.edited:
        return f"name edited on the page; the article says: {c.quote}"
    return None


def _marked(text: str, mark: str | None) -> str:
    return f"{text} ({mark})" if mark else text


def _by_hand(r: ClaimResult) -> dict:
    return {"edited": list(r.claim.edited), "added": "added" in r.claim.edited,
            "anchor_chosen_by": r.anchor.chosen_by.value if r.anchor else None,
            "anchor_set_by_hand": bool(r.anchor and r.anchor.chosen_by in _BY_HAND),
            "marks": [m for m in (claimed_mark(r.claim), anchor_mark(r), target_mark(r.claim)) if m]}


def _provenance(p: Provenance | None) -> dict:
    if p is None:
        return {"stated": False, "note": _NO_PROVENANCE}
    return {"stated": True, "tool": "borderwatch", "tool_version": p.tool_version, "data_version": p.data_version,
            "made_at": p.made_at_text, "source": p.source, "method": p.method}


def _provenance_lines(p: Provenance | None) -> list[tuple[str, str]]:
    return p.lines() if p is not None else [("Provenance", _NO_PROVENANCE)]


# --------------------------------------------------------------------- JSON
def to_json(report: Report, *, provenance: Provenance | None = None) -> dict:
    """Return the whole report as JSON-ready dicts (distances in km, coordinates lat/lon),
    with its provenance and, per claim, what a person changed by hand (``by_hand``)."""
    claims = [{**_result(r), "by_hand": _by_hand(r)} for r in report.results]
    return {"title": report.title, "provenance": _provenance(provenance), "claims": claims,
            "non_claims": [{"quote": n.quote, "span": [n.span.start, n.span.end], "why": n.why, "rule": n.rule}
                           for n in report.non_claims],
            "warnings": list(report.warnings), "dateline": _dateline(report),
            "datasets": list(report.datasets), "attribution": report.attribution}


def _dateline(report: Report) -> dict | None:
    d = report.context.dateline
    return None if d is None else {"text": d.text, "city": d.city, "region": d.region, "admin1": d.admin1,
                                   "admin1_name": d.admin1_name, "country": d.country}


# --------------------------------------------------------------------- GeoJSON
def _rounded(obj, nd: int = 5):
    if isinstance(obj, float):
        return round(obj, nd)
    if isinstance(obj, (list, tuple)):
        return [_rounded(x, nd) for x in obj]
    if isinstance(obj, dict):
        return {k: _rounded(v, nd) for k, v in obj.items()}
    return obj


def geodesic_circle(lat: float, lon: float, radius_km: float) -> tuple[dict | None, str | None]:
    """Return (GeoJSON Polygon, None) of the geodesic circle of ``radius_km`` around (lat, lon)
    on WGS84 (pyproj.Geod.fwd, lon/lat order), or (None, why) when no lon/lat polygon can
    draw it (it encloses a pole). Longitudes run on continuously past ±180 if it crosses there."""
    _, _, to_north = _WGS84.inv(lon, lat, lon, 90.0)
    _, _, to_south = _WGS84.inv(lon, lat, lon, -90.0)
    if radius_km * 1000.0 >= min(to_north, to_south):
        return None, f"a {radius_km:,.0f} km circle here encloses a pole: no lon/lat polygon can draw it"
    n = GEOJSON_CIRCLE_VERTICES
    azimuths = [360.0 * i / n for i in range(n)]
    lons, lats, _ = _WGS84.fwd([lon] * n, [lat] * n, azimuths, [radius_km * 1000.0] * n)
    ring, prev = [], lon
    for x, y in zip(lons, lats):
        x += 360.0 * round((prev - x) / 360.0)  # continuous across the antimeridian
        ring.append([x, y])
        prev = x
    return {"type": "Polygon", "coordinates": _rounded([ring + ring[:1]])}, None


def _style(colour: str, *, width: float = 2, fill: str | None = None, fill_opacity: float = 0.0) -> dict:
    """simplestyle-spec 1.1 properties (geojson.io, QGIS): the page's colours."""
    out = {"stroke": colour, "stroke-width": width, "stroke-opacity": 1.0, "marker-color": colour}
    if fill:
        out |= {"fill": fill, "fill-opacity": fill_opacity}
    return out


def _feat(geometry: dict | None, props: dict) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def _claim_props(r: ClaimResult) -> dict:
    c, m, v = r.claim, r.measurement, r.verdict
    props = {"claim": c.index, "quote": c.quote, "claimed": _marked(c.claimed_text, claimed_mark(c)),
             "claimed_km": _num(c.value_km), "verdict": v.status.value, "reason": v.reason, **_by_hand(r)}
    if m is not None:
        props |= {"measured_km": _num(m.distance_km), "range_km": [_num(m.low_km), _num(m.high_km)],
                  "target": m.target_label, "method": m.method, "dataset": m.dataset}
    return props
def _target_features(r: ClaimResult, props: dict, geodata, colours) -> list[dict]:
    """The target's outline or border lines (the geodata's display geometry, simplified at its stated tolerance)."""
    if geodata is None:
        return [_feat(None, {**props, "role": "target", "why_no_geometry": "no geodata was given to the export"})]
    tol = geodata.meta.get("display_tolerance_deg")
    out = []
    for key in r.target_geometry:
        geom = json.loads(shapely_to_geojson(geodata.geometry(key, display=True)))
        out.append(_feat(_rounded(geom), {**props, "role": "target", "name": props.get("target") or key,
                                          "simplified": f"Douglas-Peucker, tolerance {tol} degrees (display "
                                                        "geometry; measured on the full resolution)",
                                          "simplify_tolerance_deg": float(tol) if tol else None,
                                          **_style(colours.TARGET_COLOUR, width=3, fill=colours.TARGET_COLOUR,
                                                   fill_opacity=0.12)}))
    return out


def _circle_feature(lat: float, lon: float, radius_km: float, props: dict, style: dict) -> dict:
    geom, why = geodesic_circle(lat, lon, radius_km)
    extra = {"radius_km": _num(radius_km), "circle": f"geodesic, {GEOJSON_CIRCLE_VERTICES} vertices (pyproj.Geod.fwd)"}
    return _feat(geom, {**props, **extra, **style, **({"why_no_geometry": why} if why else {})})


def _measured_features(r: ClaimResult, props: dict, colours) -> list[dict]:
    m, c = r.measurement, r.claim
    colour = colours.STATUS_COLOURS[r.verdict.status]
    anchor = r.anchor_place
    anchor_label = _marked(anchor.label if anchor else "chosen point", anchor_mark(r))
    out = [_feat({"type": "Point", "coordinates": [m.origin[1], m.origin[0]]},
                 {**props, "role": "anchor", "name": anchor_label, **_style(colours.ANCHOR_COLOUR)}),
           _feat({"type": "Point", "coordinates": [m.nearest[1], m.nearest[0]]},
                 {**props, "role": "nearest point", "name": m.target_label, **_style(colour)}),
           _feat({"type": "LineString", "coordinates": [[lon, lat] for lat, lon in (m.path or (m.origin, m.nearest))]},
                 {**props, "role": "measured geodesic", **_style(colour, width=4)}),
           _circle_feature(*m.origin, c.value_km, {**props, "role": "claimed ring",
                                                   "name": f"claimed {c.claimed_text} from the anchor"},
                           _style("#333333", width=2, fill="#333333", fill_opacity=0.0))]
    if anchor is not None and anchor.radius_km > 0:
        out.append(_circle_feature(anchor.lat, anchor.lon, anchor.radius_km,
                                   {**props, "role": "anchor uncertainty", "name": f"{anchor.label}: "
                                    f"uncertainty ±{anchor.radius_km:.1f} km"},
                                   _style(colours.ANCHOR_COLOUR, width=1, fill=colours.ANCHOR_COLOUR, fill_opacity=0.15)))
    return out


def to_geojson(report: Report, *, provenance: Provenance | None = None, geodata=None) -> dict:
    """Return a GeoJSON FeatureCollection (RFC 7946, lon/lat) with simplestyle colours: per measured
    claim its anchor, nearest point, measured geodesic, claimed ring and the anchor's uncertainty
    circle (geodesic polygons), and its target's outline when ``geodata`` (a GeoData) is given;
    an unmeasured claim is one Feature with null geometry and the reason."""
    from . import mapview as colours  # folium is heavy: only a GeoJSON export pays for it

    feats = []
    for r in report.results:
        props = _claim_props(r)
        if r.measurement is None:
            feats.append(_feat(None, {**props, "role": "unmeasured claim", "why_no_geometry": r.verdict.reason,
                                      **_style(colours.STATUS_COLOURS[r.verdict.status])}))
            continue
        feats += _target_features(r, props, geodata, colours) if r.target_geometry else []
        feats += _measured_features(r, props, colours)
    return {"type": "FeatureCollection", "features": feats,
            "properties": {"title": report.title, "provenance": _provenance(provenance),
                           "attribution": report.attribution}}


# Markdown: backslash escapes only (CommonMark 0.31 §2.4: any ASCII punctuation may be
# escaped), never HTML entities, so the text reads the same as plain text and rendered.
_MD_ALWAYS = re.compile(r"([\\`*\[\]~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")  # emphasis, code, links, strikethrough
# (an '_' inside a word cannot open or close emphasis: CommonMark §6.2, so 'snake_case' stays as it is)
_MD_TAG = re.compile(r"<(?=[A-Za-z/!?])")              # '<' opening an HTML tag or an autolink
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")        # '&amp;' would render as '&'
_MD_BLOCK = re.compile(r"^([#>+=-]|\d+(?=[.)]))")       # a quote starting a heading, list or quote


def md_text(text: str | None, *, line_start: bool = False) -> str:
    """Return untrusted ``text`` as one line of Markdown that renders as the same words:
    emphasis, code, link, strikethrough and HTML-tag characters backslash-escaped, an
    entity's '&' escaped, a '$' escaped when two could open a math span (GitHub), and,
    at a line start, a heading/list/quote marker escaped. Bare URLs are left as they are.

    >>> print(md_text("just over 40 kilometers (25 miles) from <b>Ukraine</b>'s *region*"))
    just over 40 kilometers (25 miles) from \\<b>Ukraine\\</b>'s \\*region\\*
    """
    if text is None:
        return "—"
    out = " ".join(str(text).split())
    out = _MD_ENTITY.sub(r"\&", _MD_TAG.sub(r"\<", _MD_ALWAYS.sub(r"\\\1", out)))
    if out.count("$") > 1:
        out = out.replace("$", r"\$")
    if line_start:
        m = _MD_BLOCK.match(out)
        if m and m.group(1).isdigit():
            out = out[:m.end()] + "\\" + out[m.end():]
        elif m:
            out = "\\" + out
    return out


def _heading(text: str) -> str:
    """Heading text: a trailing ' #' run would be read as the heading's closing sequence."""
    return re.sub(r"(\s)(#+)$", lambda m: m.group(1) + "\\#" * len(m.group(2)), md_text(text))


def _latlon(lat: float, lon: float) -> str:
    """'52.08948 N, 30.94933 E' (hemispheres spelled out, never a signed number)."""
    return f"{abs(lat):.5f} {'N' if lat >= 0 else 'S'}, {abs(lon):.5f} {'E' if lon >= 0 else 'W'}"


def _facts(r: ClaimResult) -> list[tuple[str, str]]:
    """The evidence of one claim as (label, plain text) pairs, shared by the Markdown, text and
    HTML reports; a value a person changed says so beside it, with what the article says."""
    c, v, m = r.claim, r.verdict, r.measurement
    # A resolution's reason starts with the place it chose (or says why none was).
    facts = [("Anchor", _marked(r.anchor.reason if r.anchor else (c.anchor_text or "—"), anchor_mark(r))),
             ("Target", _marked(m.target_label if m else (c.target.text if c.target else "—"), target_mark(c))),
             ("Claimed", _marked(f"{c.claimed_text} ({c.value_km:.2f} km)", claimed_mark(c)))]
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


def to_markdown(report: Report, *, provenance: Provenance | None = None) -> str:
    """Return a Markdown report: provenance, then each claim with quote, measurement, verdict,
    method and data (hand-made changes marked). Untrusted text is escaped by :func:`md_text`."""
    out = [f"# borderwatch report: {_heading(report.title)}", "",
           *[f"- **{label}:** {md_text(text)}" for label, text in _provenance_lines(provenance)], "",
           f"{len(report.results)} distance statement(s) found.", ""]
    for r in report.results:
        c, v = r.claim, r.verdict
        out += [f"## Claim {c.index}: {md_text(v.status)}", "", f"> {md_text(c.quote, line_start=True)}", ""]
        out += [f"- **{label}:** {md_text(text)}" for label, text in _facts(r)]
        out.append("")
    out += ["## Data and attribution", "", *[f"- {md_text(d)}" for d in report.datasets], "",
            md_text(report.attribution, line_start=True), ""]
    return "\n".join(out)


CSV_COLUMNS = ["claim", "quote", "anchor", "anchor_set_by_hand", "target", "claimed", "claimed_km", "edited",
               "edit_note", "measured_km", "low_km", "high_km", "nearest_lat", "nearest_lon", "verdict", "reason",
               "unit_check", "method", "dataset", "tool_version", "data_version", "made_at", "source",
               "check_method"]


def _csv_cell(value) -> object:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_row(r: ClaimResult, prov: list[str]) -> list:
    c, m, v = r.claim, r.measurement, r.verdict
    anchor = r.anchor_place.label if r.anchor_place else c.anchor_text
    notes = "; ".join(x for x in (claimed_mark(c), target_mark(c)) if x)
    return [c.index, c.quote, anchor, anchor_mark(r) or "", m.target_label if m else (c.target.text if c.target else ""),
            c.claimed_text, _num(c.value_km), ", ".join(c.edited), notes,
            _num(m.distance_km) if m else "", _num(m.low_km) if m else "", _num(m.high_km) if m else "",
            _num(m.nearest[0], 6) if m else "", _num(m.nearest[1], 6) if m else "",
            v.status, v.reason, v.unit_check or "", m.method if m else "", m.dataset if m else "", *prov]


def to_csv(report: Report, *, provenance: Provenance | None = None) -> str:
    """Return one CSV row per claim (spreadsheet-safe: no cell starts a formula); every row carries
    the provenance columns, and what was changed by hand (``edited``, ``edit_note``, ``anchor_set_by_hand``)."""
    p = provenance
    prov = ([p.tool_version, p.data_version, p.made_at_text, p.source, p.method] if p else
            ["", "", "", "", _NO_PROVENANCE])
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    for r in report.results:
        w.writerow([_csv_cell(x) for x in _csv_row(r, prov)])
    return buf.getvalue()
def _term(text: str | None) -> str | None:
    """Control and format characters (ESC, CSI U+009B, BEL, bidi overrides…) shown escaped
    ("\\x1b"), so a title, quote, file name or online note cannot drive the terminal."""
    return None if text is None else show_controls(text)


def _clip(text: str | None, n: int) -> str:
    text = " ".join((_term(text) or "—").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def to_table(report: Report, *, provenance: Provenance | None = None) -> str:
    """Return a readable plain-text table (claim, anchor, target, claimed, measured, verdict), the
    provenance, and each claim's evidence (hand-made changes marked)."""
    rows = [("#", "anchor", "target", "claimed", "measured", "verdict")]
    details = []
    for r in report.results:
        c, m, v = r.claim, r.measurement, r.verdict
        anchor = r.anchor_place.label if r.anchor_place else (c.anchor_text or "—")
        target = m.target_label if m else (c.target.text if c.target else "—")
        measured = f"{m.distance_km:.1f} km ({m.low_km:.1f}–{m.high_km:.1f})" if m else "—"
        status = v.status + (f" ({v.direction})" if v.direction else "")
        claimed = c.claimed_text + ("*" if claimed_mark(c) else "")
        anchor += "*" if anchor_mark(r) else ""
        rows.append((str(c.index), _clip(anchor, 34), _clip(target, 30), _clip(claimed, 22), measured, status))
        details.append(f"[{c.index}] “{_clip(c.quote, 200)}”")
        details += [f"    {label.lower()}: {_term(text)}" for label, text in _facts(r)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    prov = [f"{label.lower()}: {_term(text)}" for label, text in _provenance_lines(provenance)]
    return "\n".join([_term(report.title), *prov, "", *lines, "", *details, "", _term(report.attribution)])


# --------------------------------------------------------------------- printable evidence sheet
_SHEET_CSS = """
body{font:15px/1.45 Georgia,serif;color:#111;max-width:52rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.25rem .4rem;
text-align:left;vertical-align:top}th{width:11rem;background:#f2f2f2}
blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:4px solid #555;background:#fafafa}
.status{color:#fff;padding:0 .4rem;border-radius:3px}.mark{font-style:italic;color:#7a2e00}
.note{font-size:.9rem;color:#333}code{font-size:.85rem;word-break:break-all}
figure.map{margin:.6rem 0;border:1px solid #999}figure.map svg{display:block}
@media print{body{margin:0;max-width:none;font-size:11pt}section.claim{break-inside:avoid-page}
section.claim+section.claim{break-before:page}th{background:none}.status{color:#000;border:1px solid #000}
a{color:#000;text-decoration:none}}
"""
_MAP_NOTE = ("The page's interactive map is not embedded: it runs on the page's own copy of Leaflet, which a "
             "saved file cannot load offline. {sketch}What the map draws is also given as coordinates (WGS84, "
             "degrees); the GeoJSON export draws it in geojson.io or QGIS.")
_SKETCH_NOTE = ("Each measured claim has a static sketch instead, drawn offline from the embedded geodata in the "
                "page's colours (target outline, claimed ring dashed, anchor's uncertainty circle, measured line; "
                "equirectangular, scale bar measured on the ellipsoid). ")
_NO_SKETCH_NOTE = "No map image is included (no geodata was given to draw one). "


def _rows(pairs: list[tuple[str, str]]) -> str:
    return "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in pairs)


def _coordinates(r: ClaimResult) -> list[tuple[str, str]]:
    """What the map draws for one claim, as (what, where) rows."""
    m, anchor = r.measurement, r.anchor_place
    if m is None:
        return [("Map", "nothing measured: " + r.verdict.reason)]
    rows = [("Anchor (from)", f"{m.origin[0]:.5f}, {m.origin[1]:.5f}" + (f" — {anchor.label}" if anchor else "")),
            ("Nearest point (to)", f"{m.nearest[0]:.5f}, {m.nearest[1]:.5f} — {m.target_label}"),
            ("Claimed ring", f"geodesic circle of {r.claim.value_km:.2f} km around the anchor")]
    if anchor is not None and anchor.radius_km > 0:
        rows.append(("Anchor uncertainty", f"circle of {anchor.radius_km:.1f} km around the anchor"))
    path = m.path or (m.origin, m.nearest)
    rows.append(("Measured line", "; ".join(f"{lat:.4f}, {lon:.4f}" for lat, lon in path)))
    return rows


def _sketch(r: ClaimResult, geodata, colours) -> str:
    if geodata is None or r.measurement is None:
        return ""
    from .sketch import claim_svg

    anchor = r.anchor_place
    ring, _ = geodesic_circle(*r.measurement.origin, r.claim.value_km)
    halo = geodesic_circle(anchor.lat, anchor.lon, anchor.radius_km)[0] if anchor and anchor.radius_km > 0 else None
    return f'<figure class="map">{claim_svg(geodata, r, colours=colours, ring=ring, halo=halo)}</figure>'


def _claim_section(report: Report, r: ClaimResult, colours, geodata=None) -> str:
    c, v = r.claim, r.verdict
    sentence = c.sentence.of(report.text) if not c.span.empty else ""
    marks = [m for m in (claimed_mark(c), anchor_mark(r), target_mark(c)) if m]
    return (f'<section class="claim"><h2>Claim {c.index}: <span class="status" style="background:'
            f'{colours.STATUS_COLOURS[v.status]}">{html.escape(v.status)}</span></h2>'
            f"<blockquote>{html.escape(c.quote)}</blockquote>"
            + (f'<p class="note">In the article: “{html.escape(" ".join(sentence.split()))}”</p>' if sentence else "")
            + "".join(f'<p class="mark">Changed by hand — {html.escape(m)}</p>' for m in marks)
            + f"<table>{_rows(_facts(r))}</table>{_sketch(r, geodata, colours)}<h3>Where (the map's content)</h3>"
            f"<table>{_rows(_coordinates(r))}</table></section>")


def to_html(report: Report, *, provenance: Provenance | None = None, selected: int | None = None,
            geodata=None) -> str:
    """Return a standalone, printable HTML evidence sheet (no script, no external resource): the
    provenance, and for each claim (or only claim ``selected``) its quote, sentence, verdict and
    reasoning, hand-made changes, a static SVG map sketch (when ``geodata`` is given) and the
    map's coordinates. Every piece of text is HTML-escaped."""
    from . import mapview as colours  # the page's verdict colours

    results = [r for r in report.results if selected is None or r.claim.index == selected]
    title = html.escape(report.title)
    note = _MAP_NOTE.format(sketch=_SKETCH_NOTE if geodata is not None else _NO_SKETCH_NOTE)
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width\"><title>borderwatch evidence: {title}</title>"
            f"<style>{_SHEET_CSS}</style></head><body><h1>borderwatch evidence sheet: {title}</h1>"
            f"<table>{_rows(_provenance_lines(provenance))}</table><p class=\"note\">{html.escape(note)}</p>"
            + "".join(_claim_section(report, r, colours, geodata) for r in results)
            + f"<h2>Data and attribution</h2><p class=\"note\">{html.escape('; '.join(report.datasets) or '—')}</p>"
            f"<p class=\"note\">{html.escape(report.attribution)}</p></body></html>")


#: Export formats by name (the CLI's --format, the page's downloads): what :func:`render` writes.
FORMATS = ("table", "json", "geojson", "markdown", "csv", "html")


def render(report: Report, fmt: str, *, provenance: Provenance | None = None, geodata=None) -> str:
    """Return ``report`` written in ``fmt`` (one of FORMATS) with its provenance; ``geodata`` adds
    the target outlines to GeoJSON and the map sketches to the HTML sheet."""
    if fmt == "json":
        return json.dumps(to_json(report, provenance=provenance), ensure_ascii=False, indent=2)
    if fmt == "geojson":
        return json.dumps(to_geojson(report, provenance=provenance, geodata=geodata), ensure_ascii=False, indent=2)
    if fmt == "markdown":
        return to_markdown(report, provenance=provenance)
    if fmt == "csv":
        return to_csv(report, provenance=provenance)
    if fmt == "html":
        return to_html(report, provenance=provenance, geodata=geodata)
    if fmt == "table":
        return to_table(report, provenance=provenance)
    raise InvalidValue(f"unknown format {fmt!r}; expected one of {list(FORMATS)}")

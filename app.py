"""borderwatch — the Streamlit page. Layout only: what it shows is built in
borderwatch.page (text, table, edits) and borderwatch.mapview (the map).

Run with `make run` (or `streamlit run app.py`). Fully offline unless the user turns
on "OSM tiles (online)".
"""

from __future__ import annotations

import functools

import streamlit as st
from streamlit_folium import st_folium

from borderwatch import page
from borderwatch.check import default_checker
from borderwatch.errors import BorderwatchError
from borderwatch.mapview import UNITS, build_map
from borderwatch.model import ChosenBy, Status, TargetRef
from borderwatch.provenance import export_name, make_provenance
from borderwatch.verdict import explain

st.set_page_config(page_title="borderwatch", page_icon="📏", layout="wide")


@st.cache_resource(show_spinner="Loading the embedded geodata…")
def checker():
    return default_checker()


@st.cache_resource(show_spinner="Checking the article…", max_entries=16)
def check_offline(text: str):
    return checker().check_text(text)


def check(text: str):
    if not st.session_state.get("lookup_online"):
        return check_offline(text)
    with st.spinner("Checking the article (looking missing places up online)…"):
        report = page.online_checker(checker()).check_text(text)
    if report.warnings:
        st.session_state.error = "; ".join(report.warnings)
    return report


def set_report(report, source: str, source_name: str, note: str | None = None) -> None:
    st.session_state.report = report
    st.session_state.source = source
    st.session_state.source_name = source_name
    st.session_state.input_note = note
    st.session_state.input_error = None
    measured = [r.claim.index for r in report.results if r.measurement is not None]
    st.session_state.selected = measured[0] if measured else (report.results[0].claim.index if report.results else None)
    st.session_state.pop("claims_table", None)


def fail(exc: BorderwatchError) -> None:
    st.session_state.error = str(exc)


def fail_input(exc: BorderwatchError) -> None:
    """A new article could not be read: the previous article's results go, so nothing under
    the error looks like the answer to the input that failed."""
    st.session_state.input_error = str(exc)
    st.session_state.report = None
    st.session_state.input_note = None


def show_error(message: str) -> None:
    """An error box whose text is shown literally: file names, online answers and article
    text in a message cannot become a link or an image (a request to another host)."""
    st.error(page.md_escape(message))


# The geodata is checked when first loaded: a damaged copy is a message, not a traceback.
try:
    checker()
except BorderwatchError as exc:
    show_error(f"{type(exc).__name__}: {exc}")
    st.stop()

# ---------------------------------------------------------------- input (sidebar)
with st.sidebar:
    st.header("Article")
    st.checkbox("Look up places missing from the embedded gazetteer online", key="lookup_online",
                help="Off (default): nothing leaves this machine. On: names the embedded gazetteer "
                     "lacks are sent to OpenStreetMap Nominatim (1 request/s); results say so.")
    mode = st.radio("Source", ["Seed article", "Paste text", "Upload a file"], key="mode")
    if mode == "Paste text":
        pasted = st.text_area("Article text", height=220, key="pasted",
                              placeholder="Paste a news article…")
        if st.button("Check this text", type="primary", key="check_pasted"):
            try:
                set_report(check(page.check_length(pasted)), "pasted", "pasted text")
            except BorderwatchError as exc:
                fail_input(exc)
    elif mode == "Upload a file":
        up = st.file_uploader("A .txt, .md or .html article", type=page.UPLOAD_TYPES, key="upload")
        if up is not None and st.session_state.get("source") != f"upload:{up.file_id}":
            try:
                art = page.read_upload(up.name, up.getvalue())
                set_report(check(art.text), f"upload:{up.file_id}", up.name + (f" ({art.url})" if art.url else ""),
                           art.note)
            except BorderwatchError as exc:
                st.session_state.source = f"upload:{up.file_id}"
                fail_input(exc)
    st.header("Map")
    unit = st.radio("Distances in", UNITS, horizontal=True, key="unit",
                    help="Map labels, the measuring tool and the verdict's explanation (the claim keeps its words).")
    show_alts = st.checkbox("Show other candidates for the anchor name", key="show_alts")
    online = st.toggle("OSM tiles (online)", value=False, key="online",
                       help="Off: the map is drawn from the embedded data, with no network at all.")
    click_mode = st.checkbox("Set the selected claim's anchor by clicking the map", key="click_mode")

if "report" not in st.session_state or (mode == "Seed article" and st.session_state.get("source") != "seed"):
    set_report(check(page.seed_text()), "seed", f"seed article ({page.SEED_PATH.name})")

report = st.session_state.report
ck = checker()

# A row picked in the table selects that claim (before the selector widget is drawn).
table_sel = st.session_state.get("claims_table")
rows_sel = list(table_sel.selection.rows) if table_sel is not None else []
if report is not None and rows_sel and rows_sel != st.session_state.get("table_rows_seen"):
    st.session_state.table_rows_seen = rows_sel
    if rows_sel[0] < len(report.results):
        st.session_state.selected = report.results[rows_sel[0]].claim.index

# ---------------------------------------------------------------- header
st.title("borderwatch")
if report is None:
    st.caption("Checks the distance claims in a news article against embedded open geodata.")
    show_error(st.session_state.get("input_error") or "The article could not be read.")
    st.info("No article is checked: the previous article's results were cleared. Fix the input in the "
            "sidebar, or choose “Seed article”.")
    st.stop()
st.caption(f"Checks the distance claims in a news article against embedded open geodata. "
           f"**{page.md_escape(report.title)}**")
if st.session_state.get("error"):
    show_error(st.session_state.pop("error"))
if st.session_state.get("input_note"):
    st.warning(page.md_escape(st.session_state.input_note))

if not report.results:
    st.info("No distance statements (like “40 km from the border”) were found in this text.")
    st.stop()

indexes = [r.claim.index for r in report.results]
if "select_next" in st.session_state:
    st.session_state.selected = st.session_state.pop("select_next")
if st.session_state.get("selected") not in indexes:
    st.session_state.selected = indexes[0]
selected = st.radio(
    "Claim shown on the map", indexes, key="selected", horizontal=True,
    format_func=lambda i: page.md_escape(f"#{i} · {report.result(i).claim.claimed_text} · "
                                         f"{report.result(i).verdict.status}"))
result = report.result(selected)
status_box = {Status.CONSISTENT: st.success, Status.INCONSISTENT: st.error}.get(result.verdict.status, st.warning)
reason = explain(result.claim, result.measurement, result.verdict, unit)
status_box(f"**Claim {selected} — {result.verdict.status}:** {page.md_escape(reason)}")

col_text, col_map = st.columns([4, 7], gap="medium")
with col_text:
    st.markdown(page.context_html(report, selected), unsafe_allow_html=True)
    st.markdown(page.highlighted_html(report, selected=selected), unsafe_allow_html=True)
with col_map:
    shown = page.map_report(report, selected)
    fmap = build_map(ck.geodata, shown, selected=selected, show_alternatives=show_alts, online_tiles=online,
                     unit=unit)
    out = st_folium(fmap, key="map", height=640, use_container_width=True, returned_objects=["last_clicked"])
    if len(shown.results) < len(report.results):
        st.caption(f"The map shows {len(shown.results)} of the {len(report.results)} claims: the selected one "
                   "and those nearest it in the article.")
    st.caption(f"Data: {report.attribution}")

clicked = (out or {}).get("last_clicked")
if clicked and clicked != st.session_state.get("handled_click"):
    st.session_state.handled_click = clicked
    if click_mode:
        try:
            place = ck.point_anchor(clicked["lat"], clicked["lng"])
            st.session_state.report = page.with_anchor(ck, report, selected, place, by=ChosenBy.MAP_CLICK)
        except BorderwatchError as exc:
            fail(exc)
        st.rerun()

# ---------------------------------------------------------------- claims table
st.subheader("Claims")
st.dataframe(page.claims_rows(report), key="claims_table", on_select="rerun", selection_mode="single-row",
             hide_index=True, width="stretch",
             column_order=["#", "verdict", "claimed", "measured", "anchor", "target", "reason", "quote",
                           "dataset"],
             column_config={"#": st.column_config.NumberColumn(width=40),
                            "reason": st.column_config.TextColumn(width="large"),
                            "quote": st.column_config.TextColumn(width="medium")})

# ---------------------------------------------------------------- tools
tool_anchor, tool_edit, tool_add = st.columns(3, gap="medium")
with tool_anchor:
    with st.expander(f"Anchor of claim {selected}", expanded=False):
        choices = page.anchor_choices(result)
        if choices:
            pick = st.selectbox("Measure from", range(len(choices)), format_func=lambda i: choices[i].label,
                                key=f"anchor_pick_{selected}")
            if st.button("Re-check from this anchor", key="apply_anchor"):
                try:
                    st.session_state.report = page.with_anchor(ck, report, selected, choices[pick].place)
                    st.rerun()
                except BorderwatchError as exc:
                    fail(exc)
                    st.rerun()
        else:
            st.write("No anchor was resolved for this claim.")
        st.caption("Or tick “Set the selected claim's anchor by clicking the map” in the sidebar, then click.")

with tool_edit:
    with st.expander(f"Edit claim {selected}", expanded=False):
        c = result.claim
        with st.form(key=f"edit_{selected}"):
            anchor_text = st.text_input("Anchor (place name)", value=c.anchor_text or "", key=f"edit_anchor_{selected}")
            value = st.number_input("Claimed distance", min_value=0.001, value=float(c.value), step=1.0,
                                    key=f"edit_value_{selected}")
            unit = st.selectbox("Unit", page.UNITS, index=page.UNITS.index(c.unit) if c.unit in page.UNITS else 0,
                                key=f"edit_unit_{selected}")
            hedges = page.HEDGES + ([c.hedge] if c.hedge and c.hedge not in page.HEDGES else [])
            hedge = st.selectbox("Wording", hedges, index=hedges.index(c.hedge or ""),
                                 format_func=lambda h: h or "(plain figure)", key=f"edit_hedge_{selected}")
            kind = st.selectbox("Target kind", page.TARGET_KINDS,
                                index=page.TARGET_KINDS.index(c.target.kind)
                                if c.target and c.target.kind in page.TARGET_KINDS else 0, key=f"edit_kind_{selected}")
            tname = st.text_input("Target name", value=(c.target.name or "") if c.target else "",
                                  key=f"edit_tname_{selected}")
            tcountry = st.text_input("Target country (optional)",
                                     value=", ".join(c.target.countries) if c.target else "",
                                     key=f"edit_tcountry_{selected}")
            if st.form_submit_button("Re-check", key=f"edit_submit_{selected}"):
                try:
                    same = c.target and (kind, tname, tcountry) == (c.target.kind, c.target.name or "",
                                                                    ", ".join(c.target.countries))
                    countries = tuple(x.strip() for x in tcountry.split(",") if x.strip())
                    target = None if same else TargetRef(kind, tname or kind, name=tname or None, countries=countries)
                    st.session_state.report = page.with_edit(ck, report, selected, value=value, unit=unit,
                                                             hedge=hedge, anchor_text=anchor_text, target=target)
                    st.rerun()
                except BorderwatchError as exc:
                    fail(exc)
                    st.rerun()

with tool_add:
    with st.expander("Add a claim by hand", expanded=False):
        with st.form(key="add_claim"):
            a_anchor = st.text_input("Anchor (place name)", placeholder="Rechytsa", key="add_anchor")
            a_value = st.number_input("Claimed distance", min_value=0.001, value=40.0, step=1.0, key="add_value")
            a_unit = st.selectbox("Unit", page.UNITS, key="add_unit")
            a_hedge = st.selectbox("Wording", page.HEDGES, format_func=lambda h: h or "(plain figure)", key="add_hedge")
            a_kind = st.selectbox("Target kind", page.TARGET_KINDS, key="add_kind")
            a_name = st.text_input("Target name", placeholder="Chernihiv", key="add_name")
            a_country = st.text_input("Target country (optional)", placeholder="Ukraine", key="add_country")
            if st.form_submit_button("Add and check", key="add_submit"):
                try:
                    new = page.with_added_claim(ck, report, anchor_text=a_anchor, target_kind=a_kind,
                                                target_name=a_name, value=a_value, unit=a_unit, hedge=a_hedge,
                                                target_country=a_country)
                    st.session_state.report = new
                    st.session_state.select_next = new.results[-1].claim.index
                    st.rerun()
                except BorderwatchError as exc:
                    fail(exc)
                    st.rerun()

# ---------------------------------------------------------------- evidence out
st.subheader("Evidence")
prov = make_provenance(ck.geodata, source=st.session_state.get("source_name") or "unknown",
                       online=bool(st.session_state.get("lookup_online")))
columns = st.columns(len(page.EXPORTS))
for col, (kind, (label, ext, mime)) in zip(columns, page.EXPORTS.items()):
    # Built when clicked (a callable), stamped with that time: a 999-claim article's
    # sheet and outlines cost seconds that no rerun should pay.
    col.download_button(label, functools.partial(page.export_data, kind, report, ck.geodata, prov.source,
                                                 online=bool(st.session_state.get("lookup_online"))),
                        file_name=export_name(report.title, prov, ext), mime=mime, key=f"dl_{kind}",
                        on_click="ignore",  # a download reruns nothing (a rerun raced the deferred file)
                        help=page.EXPORT_HELP.get(kind))
st.caption(f"Each export states borderwatch {page.md_escape(prov.tool_version)}, the geodata's checksum, the time "
           f"(UTC), the source ({page.md_escape(prov.source)}) and the method, and marks values edited and "
           "anchors set on this page. Datasets: " + page.md_escape("; ".join(report.datasets) or "—"))

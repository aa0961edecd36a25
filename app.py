"""borderwatch — the Streamlit page. Layout only: what it shows is built in borderwatch.page (text,
table, edits, selection), borderwatch.casefile (a case saved and reopened) and borderwatch.mapview
(the map).

The page's state lives in st.session_state, keyed by claim identity (page.claim_id), never by
position: ``report`` (the article as edited), ``sel`` (the selected claim's identity, also in the
URL as ?claim=…), ``saved`` (each source's report and selection, so switching source and back keeps
the work), ``rev`` (bumped when the report changes: the edit widgets are keyed on it) and ``notice``
(what the last action did, said once).

Run with `make run` (or `streamlit run app.py`). Fully offline unless the user turns
on "OSM tiles (online)".
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import replace
from datetime import datetime, timezone

# Before pyarrow is first imported (streamlit's components import it): the page's tables are a few
# KB, and the system allocator keeps ~4 MiB less of the server's memory than pyarrow's default
# pool (mimalloc). `make run` also caps glibc's arenas (see the Makefile).
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

import streamlit as st
import streamlit.components.v1 as components
from streamlit_folium import st_folium

from borderwatch import casefile, page
from borderwatch.check import default_checker
from borderwatch.errors import BorderwatchError
from borderwatch.mapview import UNITS, map_parts
from borderwatch.model import ChosenBy, Status, TargetKind
from borderwatch.provenance import export_name, make_provenance
from borderwatch.settings import PAGE_SOURCES_KEPT
from borderwatch.verdict import explain

st.set_page_config(page_title="borderwatch", page_icon="📏", layout="wide")
ss = st.session_state
article_view = components.declare_component("bw_article", path=str(page.ARTICLE_COMPONENT_DIR))


@st.cache_resource(show_spinner="Loading the embedded geodata…")
def checker():
    return default_checker()


@st.cache_resource(show_spinner="Checking the article…", max_entries=16)
def check_offline(text: str):
    return checker().check_text(text)


def check(text: str):
    if not ss.get("lookup_online"):
        return check_offline(text)
    with st.spinner("Checking the article (looking missing places up online)…"):
        report = page.online_checker(checker()).check_text(text)
    if report.warnings:
        ss.error = "; ".join(report.warnings)
    return report


# ---------------------------------------------------------------- state
def put_report(report) -> None:
    """The report changed (an edit, a click, a new article): widgets keyed on ``rev`` start afresh."""
    ss.report = report
    ss.rev = ss.get("rev", 0) + 1
    if ss.get("source"):
        saved = ss.setdefault("saved", {})
        saved.pop(ss.source, None)  # re-inserted last: the oldest source is the first dropped
        saved[ss.source] = (report, ss.get("sel"), ss.get("source_name"), ss.get("input_note"))
        while len(saved) > PAGE_SOURCES_KEPT:
            saved.pop(next(iter(saved)))


def set_report(report, source: str, source_name: str, note: str | None = None, selected: str | None = None) -> None:
    """Show another article (or the same one afresh); the selection is kept when it has that claim."""
    ss.source, ss.source_name, ss.input_note, ss.input_error = source, source_name, note, None
    ss.sel = page.pick_selection(report, selected or ss.get("sel"))
    put_report(report)


def activate(source: str) -> bool:
    """Show a source's report as it was left (edits and selection); False when it was never checked."""
    if source not in ss.get("saved", {}):
        return False
    report, sel, name, note = ss.saved[source]
    ss.source, ss.source_name, ss.input_note, ss.input_error, ss.sel = source, name, note, None, sel
    put_report(report)
    return True


def select(cid: str | None) -> None:
    """Select a claim (from any control); the table's row tick is cleared so it never shows an old row."""
    if cid is not None and ss.get("report") is not None and cid in page.claim_ids(ss.report):
        ss.sel = cid
        table = ss.get(f"claims_table_{ss.get('table_gen', 0)}")
        if table is not None and list(table.selection.rows):  # a row ticked: a new, unticked table (▶ marks it)
            ss.table_gen = ss.get("table_gen", 0) + 1
        if ss.get("source") in ss.get("saved", {}):
            report, _, name, note = ss.saved[ss.source]
            ss.saved[ss.source] = (report, cid, name, note)


def on_widget(key: str) -> None:
    select(ss.get(key))


def on_step(step: int, status: Status | None) -> None:
    select(page.step_claim(ss.report, ss.get("sel"), step=step, status=status))


def on_article_click() -> None:
    value = ss.get("article") or {}
    select(value.get("claim") if isinstance(value, dict) else None)


def on_table(key: str) -> None:
    rows = list(ss[key].selection.rows) if ss.get(key) is not None else []
    ids = page.claim_ids(ss.report)
    if rows and 0 <= rows[0] < len(ids):
        select(ids[rows[0]])


def fail(exc: BorderwatchError) -> None:
    ss.error = str(exc)


def fail_input(exc: BorderwatchError) -> None:
    """A new article could not be read: the previous article's results go, so nothing under
    the error looks like the answer to the input that failed."""
    ss.input_error = str(exc)
    ss.report = None
    ss.input_note = None


def show_error(message: str) -> None:
    """An error box whose text is shown literally: file names, online answers and article
    text in a message cannot become a link or an image (a request to another host)."""
    st.error(page.md_escape(message))


def versions() -> tuple[str, str]:
    prov = make_provenance(checker().geodata, source="")
    return prov.tool_version, prov.data_version


# ---------------------------------------------------------------- input (sidebar)
def open_case(up, source: str) -> None:
    try:
        case = casefile.parse_case(up.getvalue(), name=up.name)
        tool, data = versions()
        back = casefile.restore(checker(), case, tool_version=tool, data_version=data)
    except BorderwatchError as exc:
        ss.source = source
        fail_input(exc)
        return
    set_report(back.report, source, f"{back.source} (case file {up.name}, saved {case.saved_at})",
               selected=back.selected)
    ss.notice = "Reopened the case file " + repr(up.name) + (": " + "; ".join(back.warnings) if back.warnings
                                                             else ": every claim as it was saved.")


def sidebar() -> tuple[bool, bool, bool]:
    st.header("Article")
    st.checkbox("Look up places missing from the embedded gazetteer online", key="lookup_online",
                help="Off (default): nothing leaves this machine. On: names the embedded gazetteer "
                     "lacks are sent to OpenStreetMap Nominatim (1 request/s); results say so.")
    mode = st.radio("Source", ["Seed article", "Paste text", "Upload a file", "Open a case file"], key="mode")
    if mode == "Paste text":
        pasted = st.text_area("Article text", height=220, key="pasted", placeholder="Paste a news article…")
        if st.button("Check this text", type="primary", key="check_pasted"):
            try:
                set_report(check(page.check_length(pasted)), "pasted", "pasted text")
            except BorderwatchError as exc:
                fail_input(exc)
    elif mode == "Upload a file":
        up = st.file_uploader("A .txt, .md or .html article", type=page.UPLOAD_TYPES, key="upload")
        # keyed by content: the same file uploaded again (after a switch to the seed) comes back as it was left
        source = f"upload:{hashlib.sha1(up.getvalue()).hexdigest()}:{up.name}" if up is not None else None
        if up is not None and ss.get("source") != source and not activate(source):
            try:
                art = page.read_upload(up.name, up.getvalue())
                set_report(check(art.text), source, up.name + (f" ({art.url})" if art.url else ""), art.note)
            except BorderwatchError as exc:
                ss.source = source
                fail_input(exc)
    elif mode == "Open a case file":
        up = st.file_uploader("A case file saved by this page (.json)", type=["json"], key="case_upload",
                              help="“Save case file” under Evidence writes one: the article, your edits, anchors, "
                                   "added claims and the selected claim.")
        # keyed by content, as an upload: opened again after a switch, it comes back with the edits made since
        source = f"case:{hashlib.sha1(up.getvalue()).hexdigest()}:{up.name}" if up is not None else None
        if up is not None and ss.get("source") != source and not activate(source):
            open_case(up, source)
    elif ss.get("source") != "seed" and not activate("seed"):
        set_report(check(page.seed_text()), "seed", f"seed article ({page.SEED_PATH.name})")
    st.header("Map")
    st.radio("Distances in", UNITS, horizontal=True, key="unit",
             help="Map labels, the measuring tool and the verdict's explanation (the claim keeps its words).")
    show_alts = st.checkbox("Show other candidates for the anchor name", key="show_alts")
    online = st.toggle("OSM tiles (online)", value=False, key="online",
                       help="Off: the map is drawn from the embedded data, with no network at all.")
    click_mode = st.checkbox("Set the selected claim's anchor by clicking the map", key="click_mode")
    return show_alts, online, click_mode


# ---------------------------------------------------------------- selection
def selector(report, sel: str) -> None:
    ids = page.claim_ids(report)

    def label(cid: str) -> str:
        return page.md_escape(page.claim_label(report, cid))

    if not page.compact_selector(report):
        ss.selected = sel  # the widget mirrors the one selection
        st.radio("Claim shown on the map", ids, key="selected", horizontal=True, format_func=label,
                 on_change=on_widget, args=("selected",))
        return
    counts = page.verdict_counts(report)
    st.caption(page.md_escape(f"{len(ids)} claims: " + ", ".join(f"{n} {s}" for s, n in counts.items() if n)))
    c_filter, c_search, c_pick, c_prev, c_next, c_bad = st.columns([3, 3, 5, 1, 1, 3], vertical_alignment="bottom")
    statuses = c_filter.multiselect("Verdict", [s for s in Status if counts[s]], key="sel_filter",
                                    format_func=lambda s: f"{s} ({counts[s]})", placeholder="every verdict")
    query = c_search.text_input("Search the claims", key="sel_search", placeholder="a place, a figure, #12")
    pool = page.filter_claims(report, statuses=tuple(statuses), query=query)
    ss.selected_box = sel
    # a selectbox shows its options as plain text (no Markdown): unescaped labels
    c_pick.selectbox(f"Claim shown on the map ({len(pool)} of {len(ids)} match)", pool if sel in pool else [sel, *pool],
                     key="selected_box", format_func=functools.partial(page.claim_label, report),
                     on_change=on_widget, args=("selected_box",))
    c_prev.button("◀", key="sel_prev", help="previous claim", on_click=on_step, args=(-1, None))
    c_next.button("▶", key="sel_next", help="next claim", on_click=on_step, args=(1, None))
    c_bad.button("Next inconsistent ▶", key="sel_next_bad", on_click=on_step, args=(1, Status.INCONSISTENT),
                 disabled=not counts[Status.INCONSISTENT])


# ---------------------------------------------------------------- article and map
def article_and_map(report, sel: str, index: int, ck, show_alts: bool, online: bool, click_mode: bool):
    col_text, col_map = st.columns([4, 7], gap="medium")
    with col_text:
        st.markdown(page.context_html(report, index), unsafe_allow_html=True)
        article_view(html=page.highlighted_html(report), selected=sel, key="article", default=None,
                     on_change=on_article_click)
        if any(not r.claim.span.empty for r in report.results):
            st.caption("Click a highlighted claim to show it on the map.")
    with col_map:
        if click_mode:
            st.caption(page.md_escape(f"Click mode is on: a click on the map sets the anchor of claim #{index} "
                                      "(the selected claim) and changes no other claim."))
        shown = page.map_report(report, index)
        parts = map_parts(ck.geodata, shown, selected=index, show_alternatives=show_alts, online_tiles=online,
                          unit=ss.get("unit", UNITS[0]))
        # The selection's layers apart from the base: the map drawn in the browser stays and swaps them.
        # render=False: st_folium renders the map itself once more anyway; the extra pass of the whole
        # figure changes nothing for borderwatch's maps (tests/test_mapview.py checks) and costs ~15 ms
        out = st_folium(parts.base, feature_group_to_add=parts.layers, key="map", height=640,
                        use_container_width=True, returned_objects=["last_clicked"], render=False)
        if len(shown.results) < len(report.results):
            st.caption(f"The map shows {len(shown.results)} of the {len(report.results)} claims: the selected one "
                       "and those nearest it in the article.")
        st.caption(f"Data: {report.attribution}")
    return (out or {}).get("last_clicked")


def map_click(report, index: int, clicked, ck, click_mode: bool) -> None:
    """A click sets the selected claim's anchor (only in click mode), once per click, and says so."""
    if not clicked or clicked == ss.get("handled_click"):
        return
    ss.handled_click = clicked
    if not click_mode:
        return
    before = report.result(index).anchor_place
    try:
        place = ck.point_anchor(clicked["lat"], clicked["lng"])
        put_report(page.with_anchor(ck, report, index, place, by=ChosenBy.MAP_CLICK))
        ss.notice = (f"Claim #{index}'s anchor is now the point you clicked ({place.lat:.4f}, {place.lon:.4f}); it "
                     f"was {before.label if before else 'not set'}. No other claim changed.")
    except BorderwatchError as exc:
        fail(exc)
    st.rerun()


def claims_table(report, sel: str) -> None:
    st.subheader("Claims")
    key = f"claims_table_{ss.get('table_gen', 0)}"
    st.dataframe(page.claims_rows(report, selected=sel), key=key, on_select=functools.partial(on_table, key),
                 selection_mode="single-row", hide_index=True, width="stretch",
                 column_order=["shown", "#", "verdict", "claimed", "measured", "anchor", "target", "by hand", "reason",
                               "quote", "dataset"],
                 column_config={"shown": st.column_config.TextColumn("", width=30,
                                                                     help="▶ the claim shown on the map"),
                                "#": st.column_config.NumberColumn(width=40),
                                "reason": st.column_config.TextColumn(width="large"),
                                "quote": st.column_config.TextColumn(width="medium")})
    st.caption("Tick a row to show that claim on the map.")


def not_claims(report) -> None:
    rows = page.non_claim_rows(report)
    if not rows:
        return
    with st.expander(f"Not claims: {len(rows)} figure(s) set aside, and why", expanded=False):
        st.dataframe(rows, hide_index=True, width="stretch", key="not_claims_table",
                     column_config={"quote": st.column_config.TextColumn(width="medium"),
                                    "why": st.column_config.TextColumn(width="large")})
        st.caption("Lengths, areas, speeds, advances, zones and other figures that are not a distance between "
                   "two places; the rule id names the extraction rule that set each aside.")


# ---------------------------------------------------------------- tools
def found(text: str) -> None:
    st.caption("Found: " + page.md_escape(text))


def anchor_tool(report, index: int, ck) -> None:
    result = report.result(index)
    with st.expander(f"Anchor of claim {index}", expanded=False):
        choices = page.anchor_choices(result)
        if choices:
            pick = st.selectbox("Measure from", range(len(choices)), format_func=lambda i: choices[i].label,
                                key=f"anchor_pick_{ss.sel}_{ss.rev}")
            if st.button("Re-check from this anchor", key="apply_anchor"):
                try:
                    put_report(page.with_anchor(ck, report, index, choices[pick].place))
                except BorderwatchError as exc:
                    fail(exc)
                st.rerun()
        else:
            st.write("No anchor was resolved for this claim.")
        st.caption("Or tick “Set the selected claim's anchor by clicking the map” in the sidebar, then click.")


def target_fields(keys: tuple[str, str, str], kind0: str, name0: str, country0: str):
    kind = st.selectbox("Target kind", page.TARGET_KINDS, key=keys[0],
                        index=page.TARGET_KINDS.index(kind0) if kind0 in page.TARGET_KINDS else 0)
    name = st.text_input("Target name", value=name0, key=keys[1], placeholder="Chernihiv")
    country = st.text_input("Target country (optional)", value=country0, key=keys[2], placeholder="Ukraine")
    return kind, name, country


def target_found(ck, report, claim, kind: str, name: str, country: str) -> None:
    try:
        tr = page.target_lookup(ck, report, replace(claim, target=page.hand_target(kind, name, country)))
    except BorderwatchError as exc:
        found(str(exc))
        return
    if tr.kind is TargetKind.BORDER:
        found(f"the border of {', '.join(tr.named) or 'the anchor’s country'} (with the anchor's country or its "
              "neighbours)")
    else:
        found(page.lookup_text(tr.resolution) if tr.resolution else (tr.why_not or "nothing"))


def edit_tool(report, index: int, ck) -> None:
    result = report.result(index)
    c = result.claim
    k = f"{ss.sel}_{ss.rev}"
    with st.expander(f"Edit claim {index}", expanded=False):
        anchor_text = st.text_input("Anchor (place name)", value=c.anchor_text or "", key=f"edit_anchor_{k}")
        typed = " ".join(anchor_text.split())
        found(page.lookup_text(page.anchor_lookup(ck, report, c, typed) if typed and typed != (c.anchor_text or "")
                               else result.anchor))
        value = st.number_input("Claimed distance", min_value=0.001, value=float(c.value), step=1.0,
                                key=f"edit_value_{k}")
        unit = st.selectbox("Unit", page.UNITS, index=page.UNITS.index(c.unit) if c.unit in page.UNITS else 0,
                            key=f"edit_unit_{k}")
        hedges = page.HEDGES + ([c.hedge] if c.hedge and c.hedge not in page.HEDGES else [])
        hedge = st.selectbox("Wording", hedges, index=hedges.index(c.hedge or ""),
                             format_func=lambda h: h or "(plain figure)", key=f"edit_hedge_{k}")
        t0 = c.target
        kind, tname, tcountry = target_fields((f"edit_kind_{k}", f"edit_tname_{k}", f"edit_tcountry_{k}"),
                                              t0.kind if t0 else "", (t0.name or "") if t0 else "",
                                              ", ".join(t0.countries) if t0 else "")
        same = t0 is not None and (kind, tname, tcountry) == (t0.kind, t0.name or "", ", ".join(t0.countries))
        if not same:
            target_found(ck, report, c, kind, tname, tcountry)
        if st.button("Re-check", key=f"edit_submit_{k}", type="primary"):
            try:
                target = None if same else page.hand_target(kind, tname, tcountry)
                put_report(page.with_edit(ck, report, index, value=value, unit=unit, hedge=hedge,
                                          anchor_text=anchor_text, target=target))
            except BorderwatchError as exc:
                fail(exc)
            st.rerun()


def add_tool(report, ck) -> None:
    with st.expander("Add a claim by hand", expanded=not report.results):
        a_anchor = st.text_input("Anchor (place name)", placeholder="Rechytsa", key="add_anchor")
        a_value = st.number_input("Claimed distance", min_value=0.001, value=40.0, step=1.0, key="add_value")
        a_unit = st.selectbox("Unit", page.UNITS, key="add_unit")
        a_hedge = st.selectbox("Wording", page.HEDGES, format_func=lambda h: h or "(plain figure)", key="add_hedge")
        a_kind, a_name, a_country = target_fields(("add_kind", "add_name", "add_country"), "", "", "")
        try:
            if a_anchor.strip():  # with no target yet, the anchor is looked up as for "N km from the border"
                probe = page.hand_claim(a_anchor, a_kind if a_name.strip() else "border", a_name,
                                        a_country if a_name.strip() else None, a_value, a_unit, a_hedge)
                found(page.lookup_text(page.anchor_lookup(ck, report, probe, a_anchor)))
            if a_name.strip():
                target_found(ck, report, page.hand_claim(a_anchor or a_name, a_kind, a_name, a_country, a_value,
                                                         a_unit, a_hedge), a_kind, a_name, a_country)
        except BorderwatchError as exc:
            found(str(exc))
        if st.button("Add and check", key="add_submit", type="primary"):
            try:
                new = page.with_added_claim(ck, report, anchor_text=a_anchor, target_kind=a_kind, target_name=a_name,
                                            value=a_value, unit=a_unit, hedge=a_hedge, target_country=a_country)
                ss.sel = page.claim_id(new.results[-1].claim)
                put_report(new)
            except BorderwatchError as exc:
                fail(exc)
            st.rerun()


# ---------------------------------------------------------------- evidence out
def case_json(report, sel, source: str) -> str:
    tool, data = versions()
    saved_at = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return casefile.dump_case(casefile.case_from_report(report, selected=sel, source=source, tool_version=tool,
                                                        data_version=data, saved_at=saved_at))


def evidence(report, sel: str | None, ck) -> None:
    st.subheader("Evidence")
    online = bool(ss.get("lookup_online"))
    prov = make_provenance(ck.geodata, source=ss.get("source_name") or "unknown", online=online)
    columns = st.columns(len(page.EXPORTS) + 1)
    for col, (kind, (label, ext, mime)) in zip(columns, page.EXPORTS.items()):
        # Built when clicked (a callable), stamped with that time: a 999-claim article's
        # sheet and outlines cost seconds that no rerun should pay.
        col.download_button(label, functools.partial(page.export_data, kind, report, ck.geodata, prov.source,
                                                     online=online),
                            file_name=export_name(report.title, prov, ext), mime=mime, key=f"dl_{kind}",
                            on_click="ignore",  # a download reruns nothing (a rerun raced the deferred file)
                            help=page.EXPORT_HELP.get(kind))
    columns[-1].download_button("Save case file", functools.partial(case_json, report, sel, prov.source),
                                file_name=casefile.case_file_name(export_name(report.title, prov, "json")),
                                mime="application/json", key="dl_case", on_click="ignore", type="primary",
                                help="The whole case as JSON (article, edits, anchors, added claims, selected claim, "
                                     "tool and data versions): reopen it with “Open a case file”.")
    st.caption(f"Each export states borderwatch {page.md_escape(prov.tool_version)}, the geodata's checksum, the time "
               f"(UTC), the source ({page.md_escape(prov.source)}) and the method, and marks values edited and "
               "anchors set on this page. Datasets: " + page.md_escape("; ".join(report.datasets) or "—"))


# ---------------------------------------------------------------- the page
def header(report) -> None:
    st.title("borderwatch")
    if report is None:
        st.caption("Checks the distance claims in a news article against embedded open geodata.")
        show_error(ss.get("input_error") or "The article could not be read.")
        st.info("No article is checked: the previous article's results were cleared. Fix the input in the "
                "sidebar, or choose “Seed article”.")
        st.stop()
    st.caption(f"Checks the distance claims in a news article against embedded open geodata. "
               f"**{page.md_escape(report.title)}** · {page.md_escape(ss.get('source_name') or '')}")
    if ss.get("error"):
        show_error(ss.pop("error"))
    if ss.get("notice"):
        st.info(page.md_escape(ss.pop("notice")))
    if ss.get("input_note"):
        st.warning(page.md_escape(ss.input_note))


def first_visit() -> None:
    """A new session opens on the seed article, on the claim the URL names (?claim=…) when it has it."""
    wanted = st.query_params.get("claim")
    set_report(check(page.seed_text()), "seed", f"seed article ({page.SEED_PATH.name})", selected=wanted)
    if wanted and wanted != ss.sel:
        ss.notice = f"The link names claim {wanted[:40]!r}, which the seed article does not have."


def main() -> None:
    # The geodata is checked when first loaded: a damaged copy is a message, not a traceback.
    try:
        ck = checker()
    except BorderwatchError as exc:
        show_error(f"{type(exc).__name__}: {exc}")
        st.stop()
    if "report" not in ss:
        first_visit()
    with st.sidebar:
        show_alts, online, click_mode = sidebar()
    report = ss.report
    header(report)
    if not report.results:
        st.info("No distance statements (like “40 km from the border”) were found in this text. You can add a "
                "claim by hand below.")
        add_tool(report, ck)
        not_claims(report)
        st.stop()
    sel = ss.sel = page.pick_selection(report, ss.get("sel"))
    if st.query_params.get("claim") != sel:
        st.query_params["claim"] = sel
    index = page.index_of(report, sel)
    selector(report, sel)
    result = report.result(index)
    status_box = {Status.CONSISTENT: st.success, Status.INCONSISTENT: st.error}.get(result.verdict.status, st.warning)
    reason = explain(result.claim, result.measurement, result.verdict, ss.get("unit", UNITS[0]))
    status_box(f"**Claim {index} — {result.verdict.status}:** {page.md_escape(reason)}")
    clicked = article_and_map(report, sel, index, ck, show_alts, online, click_mode)
    map_click(report, index, clicked, ck, click_mode)
    claims_table(report, sel)
    not_claims(report)
    tool_anchor, tool_edit, tool_add = st.columns(3, gap="medium")
    with tool_anchor:
        anchor_tool(report, index, ck)
    with tool_edit:
        edit_tool(report, index, ck)
    with tool_add:
        add_tool(report, ck)
    evidence(report, sel, ck)


main()

"""Working on a case in the real page, in Debian's chromium (issue 11, items 1–3).

* The selection is one value keyed by claim identity: an edit, a map click, the article's
  highlights, the table and the URL all keep or set that one claim.
* A map click changes only the selected claim and says so.
* A case file saved from the page reopens in a fresh session with the same claims, anchors
  and selection; a hostile one is refused with a message.
* With no claim found, "Add a claim by hand" is offered and works.

Screenshots go to artifacts/casework_*.png: look at them.
"""

from __future__ import annotations

import json
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from browserkit import ARTICLE_IFRAME, MAP_IFRAME, choose, idle, wait_for_map_text

pytestmark = pytest.mark.browser


def _idle(page) -> None:
    """Wait until the app has finished its rerun."""
    idle(page)


def _open(page, url: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(url)
    page.locator(MAP_IFRAME).wait_for(state="visible", timeout=60_000)
    page.get_by_text("Claim 2 — inconsistent").wait_for(timeout=60_000)
    _idle(page)


def _shot(page, artifacts_dir, name: str) -> None:
    """Save the whole page: Streamlit scrolls inside its own container, so grow the viewport to
    the content's height first (then put it back)."""
    size = page.viewport_size
    height = page.evaluate("""() => Math.max(...[...document.querySelectorAll('section, [data-testid="stMain"]')]
                                  .map(e => e.scrollHeight), document.body.scrollHeight)""")
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 5000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(artifacts_dir / f"casework_{name}.png"), full_page=True)
    page.set_viewport_size(size)
    page.wait_for_timeout(300)


def _status(page) -> str:
    """The verdict box above the map ("Claim N — status: …")."""
    box = page.locator('[data-testid="stAlert"]', has_text=re.compile(r"^Claim \d+ — ")).first
    box.wait_for(timeout=30_000)
    return box.inner_text()


def _checked_claim(page) -> str:
    """The label of the checked radio in the claim selector."""
    group = page.locator('[data-testid="stRadio"]', has_text="Claim shown on the map")
    return group.locator('label:has(input:checked)').inner_text()


def _expander(page, title: str):
    exp = page.locator("details", has=page.locator("summary", has_text=title))
    if exp.get_attribute("open") is None:
        exp.locator("summary").click()
    return exp


def _choose(page, box, option: str, *, exact: bool = True) -> None:
    choose(page, box, option, exact=exact)


def _select_claim(page, label: str, status_start: str) -> None:
    page.locator('[data-testid="stRadio"]', has_text="Claim shown on the map").get_by_text(label).click()
    page.locator('[data-testid="stAlert"]', has_text=status_start).wait_for(timeout=30_000)
    _idle(page)


def _settled(locator, timeout_s: float = 30.0):
    """The one element of ``locator`` once a rerun has finished replacing the old one (on a busy
    machine the previous claim's form is still in the page for a moment)."""
    deadline = time.monotonic() + timeout_s
    while locator.count() != 1 and time.monotonic() < deadline:
        time.sleep(0.2)
    return locator


def _type(page, field, value: str) -> None:
    """Fill a text or number field and leave it (Tab): the rerun that starts has finished on return."""
    field.fill(value)
    field.press("Tab")
    _idle(page)


def _edit_value(page, n: int, value: str) -> None:
    exp = _expander(page, f"Edit claim {n}")
    field = _settled(exp.get_by_label("Claimed distance"))
    field.wait_for(timeout=30_000)
    _type(page, field, value)
    exp.get_by_role("button", name="Re-check").click()
    _idle(page)


def test_selection_is_kept_after_an_edit(page, app_server, artifacts_dir):
    """Issue 11: after editing claim 3 and pressing Re-check the page jumped back to claim 1."""
    _open(page, app_server)
    _select_claim(page, "#3 · 90 km · consistent", "Claim 3 —")
    _edit_value(page, 3, "95")
    page.get_by_text("#3 · 95 km").wait_for(timeout=30_000)
    assert _status(page).startswith("Claim 3 — "), _status(page)
    assert _checked_claim(page).startswith("#3 · 95 km"), _checked_claim(page)
    wait_for_map_text(page, "claimed 95 km")
    _shot(page, artifacts_dir, "after_edit")
    # a plain rerun (another widget) keeps it too
    page.locator('[data-testid="stSidebar"]').get_by_text("Show other candidates for the anchor name").click()
    _idle(page)
    assert _status(page).startswith("Claim 3 — ") and _checked_claim(page).startswith("#3 · 95 km")


def test_a_map_click_edits_the_selected_claim_and_says_so(page, app_server, network_log, artifacts_dir):
    """Issue 11: with click mode on, the next click after an edit of claim 3 re-anchored claim 1."""
    _open(page, app_server)
    _select_claim(page, "#3 · 90 km · consistent", "Claim 3 —")
    _edit_value(page, 3, "95")
    page.get_by_text("#3 · 95 km").wait_for(timeout=30_000)
    page.get_by_test_id("stSidebarUserContent").get_by_text("Set the selected claim's anchor by clicking").click()
    _idle(page)
    box = _map_on_screen(page)
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.3)
    wait_for_map_text(page, "point on the map", selector=".bw-label", timeout_s=60)
    _idle(page)
    assert _status(page).startswith("Claim 3 — "), _status(page)
    assert _checked_claim(page).startswith("#3 · 95 km"), _checked_claim(page)
    notice = page.locator('[data-testid="stAlert"]', has_text="anchor is now the point you clicked")
    notice.wait_for(timeout=30_000)
    assert notice.inner_text().startswith("Claim #3's anchor is now the point you clicked"), notice.inner_text()
    assert "No other claim changed" in notice.inner_text()
    assert "sets the anchor of claim #3" in page.locator("body").inner_text()  # said before the click too
    _shot(page, artifacts_dir, "map_click")
    # the other claims are as they were: claim 1 has no anchor, claim 2 measures from Rechytsa
    page.get_by_test_id("stSidebarUserContent").get_by_text("Set the selected claim's anchor by clicking").click()
    _idle(page)
    _select_claim(page, "#1 · within 40 km · not checkable", "Claim 1 — not checkable")
    _select_claim(page, "#2 · just over 40 km · inconsistent", "Claim 2 — inconsistent")
    wait_for_map_text(page, "measured 48.7 km · claimed just over 40 km")
    assert network_log.non_loopback_hosts() == [], network_log.non_loopback_urls()


def _map_on_screen(page) -> dict:
    """Scroll the (current) map into view and return its box; the map remounts when a rerun changes
    it, so a frame taken mid-remount is retried."""
    wait_for_map_text(page, "claim ", selector=".leaflet-tooltip")
    for _ in range(10):
        try:
            iframe = page.locator(MAP_IFRAME).last
            iframe.scroll_into_view_if_needed(timeout=5_000)  # the edit form left the page scrolled down
            frame = iframe.element_handle(timeout=5_000).content_frame()
            frame.locator(".leaflet-container").wait_for(state="visible", timeout=5_000)
            box = frame.locator(".leaflet-container").bounding_box()
            if box and box["y"] > -10:  # scrolled to its top (sub-pixel)
                return box
        except PlaywrightError:
            pass
        page.wait_for_timeout(500)
    raise AssertionError("the map never settled on screen")


def _download(page, label: str):
    _idle(page)
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name=label, exact=True).click()
    d = info.value
    return d.suggested_filename, d.path().read_text(encoding="utf-8")


def _claims_summary(export_json: str) -> list[tuple]:
    """What a case must restore, read from the page's JSON export: per claim its figures, edits,
    anchor (and who chose it), target, measured distance and verdict."""
    out = []
    for c in json.loads(export_json)["claims"]:
        anchor = c.get("anchor") or {}
        out.append((c["index"], c["claimed"]["text"], tuple(c["edited"]),
                    (anchor.get("resolved") or {}).get("label"), anchor.get("chosen_by"),
                    json.dumps(c.get("measurement"), sort_keys=True), json.dumps(c.get("verdict"), sort_keys=True)))
    return out


def test_a_case_file_round_trip_restores_claims_anchors_and_selection(page, app_server, artifacts_dir, tmp_path):
    _open(page, app_server)
    # claim 2 edited
    exp = _expander(page, "Edit claim 2")
    _type(page, exp.get_by_label("Claimed distance"), "49")
    _choose(page, exp.get_by_label("Wording"), "about")
    _idle(page)
    exp.get_by_role("button", name="Re-check").click()
    page.get_by_text("#2 · about 49 km").wait_for(timeout=30_000)
    _idle(page)
    # claim 3 measured from the other Rechytsa (a candidate picked by hand)
    _select_claim(page, "#3 · 90 km · consistent", "Claim 3 —")
    exp = _expander(page, "Anchor of claim 3")
    _choose(page, exp.get_by_label("Measure from"), "Rechytsa (Brest, BY)", exact=False)
    _idle(page)
    exp.get_by_role("button", name="Re-check from this anchor").click()
    page.locator('[data-testid="stAlert"]', has_text="184.5 km").wait_for(timeout=30_000)
    _idle(page)
    # claim 4 added by hand
    exp = _expander(page, "Add a claim by hand")
    _type(page, exp.get_by_label("Anchor (place name)"), "Mazyr")
    _type(page, exp.get_by_label("Claimed distance"), "60")
    _type(page, exp.get_by_label("Target name"), "Chernihiv")
    exp.get_by_role("button", name="Add and check").click()
    page.locator('[data-testid="stAlert"]', has_text="Claim 4 —").wait_for(timeout=30_000)
    _idle(page)
    # claim 3 selected when saved
    _select_claim(page, "#3 · 90 km · inconsistent", "Claim 3 —")
    before_status = _status(page)
    before = _claims_summary(_download(page, "JSON")[1])
    name, case = _download(page, "Save case file")
    assert name.endswith(".case.json") and json.loads(case)["format"] == "borderwatch case"
    _shot(page, artifacts_dir, "before_save")
    path = tmp_path / name
    path.write_text(case, encoding="utf-8")

    # a fresh session: the edits are gone …
    fresh = page.context.new_page()
    _open(fresh, app_server)
    assert "#4" not in fresh.locator('[data-testid="stRadio"]', has_text="Claim shown on the map").inner_text()
    # … until the case file is opened
    fresh.locator('[data-testid="stSidebar"]').get_by_text("Open a case file", exact=True).click()
    chooser = fresh.locator('[data-testid="stFileUploaderDropzoneInput"]')
    chooser.wait_for(state="attached", timeout=30_000)
    chooser.set_input_files(str(path))
    fresh.get_by_text("Reopened the case file").wait_for(timeout=60_000)
    _idle(fresh)
    assert "every claim as it was saved" in fresh.locator('[data-testid="stAlert"]', has_text="Reopened").inner_text()
    assert _status(fresh) == before_status
    assert _checked_claim(fresh).startswith("#3 · 90 km · inconsistent")
    assert _claims_summary(_download(fresh, "JSON")[1]) == before
    assert parse_qs(urlsplit(fresh.url).query)["claim"] == [json.loads(case)["selected"]]
    _shot(fresh, artifacts_dir, "reopened")
    fresh.close()


@pytest.mark.parametrize("content, message", [
    (b"{not json", "is not JSON"),
    (json.dumps({"format": "borderwatch case", "version": 1, "text": "<img src=x onerror=alert(1)>"}).encode(),
     "must be an object with the fields"),
    (json.dumps({"format": "something else"}).encode(), "format must be"),
], ids=["not-json", "missing-fields", "other-format"])
def test_a_bad_case_file_is_refused_with_a_message(page, app_server, content, message, artifacts_dir):
    _open(page, app_server)
    page.locator('[data-testid="stSidebar"]').get_by_text("Open a case file", exact=True).click()
    chooser = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    chooser.wait_for(state="attached", timeout=30_000)
    chooser.set_input_files({"name": "case.json", "mimeType": "application/json", "buffer": content})
    err = page.locator('[data-testid="stAlert"]', has_text=message)
    err.wait_for(timeout=60_000)
    assert "case file 'case.json'" in err.inner_text()
    # the message shows while the rerun still runs; the old article's map goes when it ends
    _idle(page)
    assert page.locator(MAP_IFRAME).count() == 0 and page.locator("img[src=x]").count() == 0
    if content.startswith(b"{not"):
        _shot(page, artifacts_dir, "bad_case")


def test_add_a_claim_is_offered_when_no_claim_is_found(page, app_server, artifacts_dir):
    """Issue 11: with no claim found the page stopped after the info box."""
    _open(page, app_server)
    page.locator('[data-testid="stSidebar"]').get_by_text("Paste text", exact=True).click()
    page.get_by_label("Article text").fill("Officials in Mazyr met on Monday to discuss the harvest.")
    page.get_by_role("button", name="Check this text").click()
    page.get_by_text("No distance statements").wait_for(timeout=60_000)
    _idle(page)
    exp = _expander(page, "Add a claim by hand")
    _type(page, exp.get_by_label("Anchor (place name)"), "Mazyr")
    # the candidates the resolver found (shown once the rerun the Tab started has run)
    exp.get_by_text("Mazyr (Homyel’ Voblasc’, BY)").first.wait_for(timeout=60_000)
    _type(page, exp.get_by_label("Claimed distance"), "60")
    _type(page, exp.get_by_label("Target name"), "Chernihiv")
    _shot(page, artifacts_dir, "no_claims_add")
    exp.get_by_role("button", name="Add and check").click()
    page.locator('[data-testid="stAlert"]', has_text="Claim 1 —").wait_for(timeout=60_000)
    wait_for_map_text(page, "claimed 60 km")
    _shot(page, artifacts_dir, "no_claims_added")


def test_clicking_a_highlight_selects_the_claim_and_the_url_keeps_it(page, app_server, artifacts_dir):
    """Issue 11: clicking a highlighted claim in the article did nothing; a reload lost the view."""
    _open(page, app_server)
    article = page.frame_locator(ARTICLE_IFRAME)
    article.locator("mark", has_text="90 kilometers").click()
    page.locator('[data-testid="stAlert"]', has_text="Claim 3 — consistent").wait_for(timeout=30_000)
    _idle(page)
    assert _checked_claim(page).startswith("#3 · 90 km")
    wait_for_map_text(page, "measured 92.4 km · claimed 90 km")
    assert "claim=" in page.url
    page.reload()
    page.locator('[data-testid="stAlert"]', has_text="Claim 3 — consistent").wait_for(timeout=60_000)
    assert _checked_claim(page).startswith("#3 · 90 km")
    _shot(page, artifacts_dir, "highlight_click")


HOST = "203.0.113.9"  # TEST-NET-3: never a real host


def test_a_valid_case_file_with_hostile_strings_shows_them_literally(page, app_server, network_log, artifacts_dir,
                                                                      tmp_path):
    """A case file is untrusted: its source, title and an added claim's quote are data, shown as written."""
    from borderwatch import casefile
    from borderwatch import page as bw_page
    from borderwatch.check import default_checker

    ck = default_checker()
    report = bw_page.with_added_claim(ck, ck.check_text(bw_page.seed_text()), anchor_text="Mazyr",
                                      target_kind="region", target_name="Chernihiv", value=60)
    case = casefile.case_from_report(report, selected="added-4", source=f"![x](http://{HOST}/a.png) "
                                     f"<img src=http://{HOST}/b.png>", tool_version="0", data_version="0",
                                     saved_at="2026-12-01T12:00:00Z")
    doc = json.loads(casefile.dump_case(case))
    doc["claims"][0]["claim"]["quote"] = f"<script>window.__pwned=1</script><img src=http://{HOST}/c.png>"
    path = tmp_path / "hostile.case.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    _open(page, app_server)
    page.locator('[data-testid="stSidebar"]').get_by_text("Open a case file", exact=True).click()
    chooser = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    chooser.wait_for(state="attached", timeout=30_000)
    chooser.set_input_files(str(path))
    page.get_by_text("Reopened the case file").wait_for(timeout=60_000)
    page.locator('[data-testid="stAlert"]', has_text=re.compile(r"^Claim 4 — ")).wait_for(timeout=30_000)
    _idle(page)
    page.wait_for_timeout(1500)  # time for an image request, were one rendered
    _shot(page, artifacts_dir, "hostile_case")
    body = page.locator("body").inner_text().replace("\u2060", "")
    assert f"![x](http://{HOST}/a.png)" in body and f"<img src=http://{HOST}/b.png>" in body
    assert "<script>window.__pwned=1</script>" in body  # the quote, as written
    assert page.locator(f'img[src*="{HOST}"]').count() == 0 and page.locator(f'a[href*="{HOST}"]').count() == 0
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert "saved with borderwatch 0 and other data" in body  # the versions differ, and it says so
    assert network_log.non_loopback_hosts() == [], network_log.non_loopback_urls()


def test_a_long_article_gets_a_compact_selector(page, app_server, artifacts_dir):
    """Issue 11: a long article gave one radio per claim (132 of them), pushing the map off screen."""
    towns = [("Kharkiv", 30, "the Russian border"), ("Sumy", 30, "the Russian border"),
             ("Chernihiv", 60, "the Belarusian border"), ("Kyiv", 90, "the Belarusian border"),
             ("Mazyr", 40, "the Ukrainian border"), ("Belgorod", 40, "the Ukrainian border"),
             ("Kursk", 10, "the Ukrainian border"), ("Bryansk", 100, "the Ukrainian border"),
             ("Gomel", 30, "the Ukrainian border"), ("Lviv", 20, "the Polish border"),
             ("Uzhhorod", 5, "the Slovak border"), ("Odesa", 5, "the Moldovan border")]
    text = "Border towns in the news\n\n" + " ".join(f"{t} is about {d} km from {b}." for t, d, b in towns)
    _open(page, app_server)
    page.locator('[data-testid="stSidebar"]').get_by_text("Paste text", exact=True).click()
    area = page.get_by_label("Article text")
    area.fill(text)
    area.press("Control+Enter")
    page.get_by_role("button", name="Check this text").click()
    page.get_by_text("12 claims").first.wait_for(timeout=60_000)
    _idle(page)
    # the seed's radio goes once the rerun has drawn the new page
    page.locator('[data-testid="stRadio"]', has_text="Claim shown on the map").wait_for(state="detached",
                                                                                       timeout=15_000)
    first = _status(page)
    page.get_by_role("button", name="Next inconsistent ▶").click()
    _idle(page)
    page.locator('[data-testid="stAlert"]', has_text=re.compile(r"^Claim \d+ — inconsistent")).wait_for(
        timeout=30_000)
    assert _status(page) != first
    box = page.locator('[data-testid="stMain"]').get_by_text("Claim shown on the map", exact=False)
    assert box.count() >= 1
    # the map stays on the first screen (it remounts on a rerun: measure it once it is drawn again)
    frame = page.locator(MAP_IFRAME).last
    frame.wait_for(state="visible", timeout=60_000)
    deadline = time.monotonic() + 30
    map_box = frame.bounding_box()
    while map_box is None and time.monotonic() < deadline:
        time.sleep(0.2)
        map_box = frame.bounding_box()
    assert map_box is not None and map_box["y"] < 1000, map_box
    _shot(page, artifacts_dir, "long_article")

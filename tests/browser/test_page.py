"""The real page in Debian's chromium: seed article checked, map drawn, nothing off the machine.

Saves a full-page screenshot to artifacts/page.png: look at it.
"""

from __future__ import annotations


import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = pytest.mark.browser

import browserkit  # noqa: E402
from browserkit import MAP_IFRAME, wait_for_map_text  # noqa: E402


def _screenshot(page, artifacts_dir) -> None:
    """Save the whole page to artifacts/page.png.

    Streamlit scrolls inside its own container, so ``full_page`` alone captures one
    screen: grow the viewport to the content's height first.
    """
    height = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll('section, [data-testid="stMain"]')]
                     .map(e => e.scrollHeight), document.body.scrollHeight)""")
    page.set_viewport_size({"width": 1500, "height": min(int(height) + 40, 6000)})
    page.wait_for_timeout(800)  # let the map iframe re-lay-out at the new size
    page.screenshot(path=str(artifacts_dir / "page.png"), full_page=True)


def _map_frame(page):
    iframe = page.locator(MAP_IFRAME)
    iframe.wait_for(state="visible", timeout=30_000)
    frame = iframe.element_handle().content_frame()
    assert frame is not None
    frame.locator(".leaflet-container").wait_for(state="visible", timeout=30_000)
    frame.locator("path.leaflet-interactive").first.wait_for(state="attached", timeout=15_000)
    frame.locator("img.leaflet-marker-icon").first.wait_for(state="visible", timeout=15_000)
    return frame


def test_default_view_shows_seed_claims_and_map_offline(page, app_server, network_log, artifacts_dir):
    page.set_viewport_size({"width": 1500, "height": 1000})
    page.goto(app_server)
    try:
        frame = _map_frame(page)
        page.get_by_text("Claim 2 — inconsistent").wait_for(timeout=30_000)
        page.wait_for_load_state("networkidle")
    except PlaywrightTimeoutError as exc:
        _screenshot(page, artifacts_dir)
        pytest.fail(f"page did not render: {exc}\nfailed requests: {network_log.failed}\n"
                    f"non-loopback: {network_log.non_loopback_urls()}", pytrace=False)
    _screenshot(page, artifacts_dir)

    body = page.locator("body").inner_text()
    # The article with its claims tagged, and the claims' verdicts (the article view is a component:
    # a click on a claim selects it).
    assert "just over 40 kilometers (25 miles) from the border with Ukraine" in body
    article = browserkit.article(page).inner_text()
    for tag in ("1: not checkable", "2: inconsistent", "3: consistent"):
        assert tag in article, tag
    assert "measured 48.7 km" in body

    # The map: the basemap, two targets + the border's side lines, two geodesic lines
    # and two claimed-distance rings are SVG paths; the selected anchor is a marker.
    n_paths = frame.locator("path.leaflet-interactive").count()
    assert n_paths >= 8, n_paths
    assert frame.locator("img.leaflet-marker-icon").count() >= 1
    names = " ".join(frame.locator(".bw-label").all_inner_texts())
    assert "Chernihiv Oblast" in names and "Rechytsa" in names and "BELARUS" in names, names
    labels = frame.locator(".leaflet-tooltip").all_inner_texts()
    assert any("measured 48.7 km · claimed just over 40 km" in t for t in labels), labels
    assert frame.locator(".bw-legend").count() == 1
    assert frame.locator(".leaflet-control-scale").count() == 1
    assert "geoBoundaries" in frame.locator(".leaflet-control-attribution").inner_text()
    frame.wait_for_function(
        """() => { const img = document.querySelector('img.leaflet-marker-icon');
                   return img && img.complete && img.naturalWidth > 0; }""", timeout=15_000)

    assert network_log.failed == [], network_log.failed
    assert network_log.non_loopback_hosts() == [], network_log.non_loopback_urls()


def test_selecting_a_claim_focuses_the_map(page, app_server, network_log):
    """A new selection swaps the claim layers in the map already drawn: the same frame and
    Leaflet map (a mark left in the frame's window survives), the view moved to the claim,
    the old claim's permanent label gone, one legend and one label set, nothing left behind."""
    page.set_viewport_size({"width": 1500, "height": 1000})
    page.goto(app_server)
    frame = _map_frame(page)
    wait_for_map_text(page, "measured 48.7 km · claimed just over 40 km")
    browserkit.idle(page)
    frame.evaluate("() => { window.bwSameMap = true; }")
    before = frame.evaluate("() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }")
    page.get_by_text("#3 · 90 km · consistent").click()
    page.get_by_text("Claim 3 — consistent").wait_for(timeout=30_000)
    wait_for_map_text(page, "measured 92.4 km · claimed 90 km")
    browserkit.idle(page)
    assert frame.evaluate("() => window.bwSameMap === true"), "the map was drawn again in a new frame"
    after = frame.evaluate("() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }")
    assert after != before, (before, after)
    permanent = frame.locator(".leaflet-tooltip-permanent, .leaflet-tooltip").all_inner_texts()
    assert not any("48.7 km" in t for t in permanent), permanent
    assert frame.locator(".bw-legend").count() == 1
    names = frame.locator(".bw-label").evaluate_all("els => els.map(e => e.textContent)")  # hidden ones too
    assert "Kyiv Oblast (UA)" in names and "Chernihiv Oblast" not in names, names
    assert len(names) == len(set(names)), names  # the first selection's labels are gone, not doubled
    assert network_log.failed == [], network_log.failed
    assert network_log.non_loopback_hosts() == [], network_log.non_loopback_urls()


def test_clicking_the_map_sets_the_anchor(page, app_server, network_log):
    """With the click mode on, a click on the map re-checks the selected claim from that point."""
    page.set_viewport_size({"width": 1500, "height": 1000})
    page.goto(app_server)
    _map_frame(page)
    page.get_by_test_id("stSidebarUserContent").get_by_text("Set the selected claim's anchor by clicking").click()
    page.wait_for_timeout(1500)  # the rerun after ticking the box
    frame = _map_frame(page)
    box = frame.locator(".leaflet-container").bounding_box()
    # a point up-left of the centre: inside Belarus, away from controls and labels
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.3)
    # the anchor is now the clicked point: its name labels the marker, and the table says so
    wait_for_map_text(page, "point on the map", selector=".bw-label")
    assert network_log.failed == [], network_log.failed


def test_uploading_an_html_article(page, app_server, network_log, tmp_path):
    page.set_viewport_size({"width": 1500, "height": 1000})
    page.goto(app_server)
    _map_frame(page)
    page.get_by_text("Upload a file").click()
    art = tmp_path / "article.html"
    art.write_text("<html><head><script>alert('x')</script></head><body><p>Shelling was reported in "
                   "Kharkiv, about 30 kilometers from the border with Russia's Belgorod region.</p>"
                   "</body></html>", encoding="utf-8")
    page.locator('input[type="file"]').set_input_files(str(art))
    page.get_by_text("Kharkiv").first.wait_for(timeout=30_000)
    page.get_by_text("1: consistent").or_(page.get_by_text("1: inconsistent")).first.wait_for(timeout=30_000)
    wait_for_map_text(page, "claimed about 30 km")
    assert network_log.non_loopback_hosts() == [], network_log.non_loopback_urls()


def test_selecting_a_table_row_selects_the_claim(page, app_server):
    """The claims table is a second way to pick the claim the map focuses on."""
    page.set_viewport_size({"width": 1500, "height": 1800})
    page.goto(app_server)
    _map_frame(page)
    table = page.locator('[data-testid="stDataFrame"]')
    box = table.bounding_box()
    row_h = box["height"] / 4  # header + three claims (the grid is drawn on a canvas: click by position)
    page.mouse.click(box["x"] + 15, box["y"] + row_h * 3.5)
    page.get_by_text("Claim 3 — consistent").wait_for(timeout=30_000)
    wait_for_map_text(page, "measured 92.4 km · claimed 90 km")

"""The map's tools in Debian's chromium: ruler, full screen, km/mi switch, folding legend,
the exclave named in claim 3's verdict, the band of the "within 40 km" claim — all with
no request leaving loopback.

Screenshots (look at them): artifacts/map-default.png, map-claim3.png, map-claim1-band.png,
map-pasted.png, map-measure.png.
"""

from __future__ import annotations

import re

import pytest

from browserkit import MAP_IFRAME, wait_for_map_text  # noqa: E402

pytestmark = pytest.mark.browser

PASTED = ("Heavy rain flooded Lyon on Monday. Villeurbanne, about 5 kilometers from Lyon, closed its schools, "
          "and Grenoble, some 95 kilometers from Lyon, reported landslides.")


def _frame(page):
    """The current map iframe, once Leaflet, the claims and the basemap are drawn."""
    iframe = page.locator(MAP_IFRAME).last
    iframe.wait_for(state="visible", timeout=30_000)
    frame = iframe.element_handle().content_frame()
    frame.locator(".leaflet-container").wait_for(state="visible", timeout=30_000)
    frame.wait_for_function("() => document.querySelector('.leaflet-container')"
                            ".getAttribute('data-bw-land') === 'ready'", timeout=30_000)
    return frame


def _offline(log) -> None:
    assert log.failed == [], log.failed
    assert log.non_loopback_hosts() == [], log.non_loopback_urls()


def _shot(page, artifacts_dir, name: str) -> None:
    """The whole page: Streamlit scrolls inside its own container, so grow the viewport first."""
    height = page.evaluate("""() => Math.max(...[...document.querySelectorAll('section, [data-testid="stMain"]')]
                                  .map(e => e.scrollHeight), document.body.scrollHeight)""")
    page.set_viewport_size({"width": 1500, "height": min(int(height) + 40, 4000)})
    page.wait_for_timeout(900)  # the iframe re-lays-out; labels are placed after the last move
    page.screenshot(path=str(artifacts_dir / name), full_page=True)
    page.set_viewport_size({"width": 1500, "height": 1000})
    page.wait_for_timeout(300)


def _open(page, url):
    page.set_viewport_size({"width": 1500, "height": 1000})
    page.goto(url)
    return _frame(page)


def test_measure_tool_measures_offline(page, app_server, network_log, artifacts_dir):
    frame = _open(page, app_server)
    _shot(page, artifacts_dir, "map-default.png")
    # The control's own events (a headless mouse click on its link did not register: see the report).
    frame.locator(".leaflet-control-measure").dispatch_event("mouseenter")
    frame.locator(".leaflet-control-measure .js-start").dispatch_event("click")
    box = frame.locator(".leaflet-container").bounding_box()
    clicks = [(0.30, 0.55), (0.65, 0.55)]
    for fx, fy in clicks:
        page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
        page.wait_for_timeout(300)
    expected_km = frame.evaluate("""([a, b]) => { let map; for (const k in window) {
            if (window[k] && window[k] instanceof L.Map) map = window[k]; }
        const s = map.getSize(), p = f => map.containerPointToLatLng([s.x * f[0], s.y * f[1]]);
        return map.distance(p(a), p(b)) / 1000; }""", clicks)
    frame.locator(".leaflet-control-measure").dispatch_event("mouseenter")
    frame.locator(".leaflet-control-measure .js-finish").dispatch_event("click")
    result = frame.locator(".leaflet-popup-content").inner_text(timeout=30_000)
    assert "Linear measurement" in result and "Kilometers" in result, result
    km = float(result.split("Linear measurement")[1].split("Kilometers")[0].replace(",", "").split()[-1])
    assert km == pytest.approx(expected_km, rel=0.01), (result, expected_km)
    _shot(page, artifacts_dir, "map-measure.png")
    frame.wait_for_function("""() => [...document.querySelectorAll('.leaflet-control-measure-toggle')]
        .every(a => getComputedStyle(a).backgroundImage.includes('/app/static/vendor/leaflet-measure/'))""")
    _offline(network_log)


def test_full_screen_button_fills_the_screen(page, app_server, network_log):
    frame = _open(page, app_server)
    button = frame.locator(".leaflet-control-zoom-fullscreen")
    assert button.count() == 1
    before = frame.locator(".leaflet-container").bounding_box()
    button.click()
    frame.wait_for_function("() => document.querySelector('.leaflet-control-zoom-fullscreen')"
                            ".classList.contains('leaflet-fullscreen-on')", timeout=30_000)
    page.wait_for_timeout(500)
    size = frame.locator(".leaflet-container").bounding_box()
    assert size["width"] >= 1400 and size["height"] >= 950 and size["width"] > before["width"], (before, size)
    button.click()
    frame.wait_for_function("() => !document.querySelector('.leaflet-control-zoom-fullscreen')"
                            ".classList.contains('leaflet-fullscreen-on')", timeout=30_000)
    _offline(network_log)


def test_claim3_names_the_slavutych_exclave(page, app_server, network_log, artifacts_dir):
    _open(page, app_server)
    page.get_by_text("#3 · 90 km · consistent").click()
    page.get_by_text("Claim 3 — consistent").wait_for(timeout=30_000)
    verdict = page.locator('[data-testid="stAlert"]', has_text="Claim 3 — consistent").inner_text()
    assert "Slavutych exclave" in verdict and "main part is 95.6 km away" in verdict, verdict
    wait_for_map_text(page, "Slavutych exclave", selector=".bw-key")
    frame = _frame(page)
    assert frame.locator(".bw-key", has_text="Slavutych exclave (Kyiv Oblast)").count() == 1
    _shot(page, artifacts_dir, "map-claim3.png")
    _offline(network_log)


def test_within_40_km_claim_shows_its_band(page, app_server, network_log, artifacts_dir):
    _open(page, app_server)
    page.get_by_text("#1 · within 40 km · not checkable").click()
    page.get_by_text("Claim 1 — not checkable").wait_for(timeout=30_000)
    wait_for_map_text(page, "Belarus–Ukraine border (claim 1)", selector=".bw-key")
    frame = _frame(page)
    frame.locator(".bw-legend summary").click()
    assert "band" in frame.locator(".bw-legend").inner_text()
    zoom = frame.evaluate("() => { for (const k in window) { const v = window[k];"
                          " if (v && v instanceof L.Map) return v.getZoom(); } }")
    assert zoom >= 6, zoom  # the border and its band, not the continent
    _shot(page, artifacts_dir, "map-claim1-band.png")
    _offline(network_log)


def test_unit_switch_changes_labels_and_explanation(page, app_server, network_log):
    _open(page, app_server)
    wait_for_map_text(page, "measured 48.7 km")
    page.get_by_test_id("stSidebarUserContent").locator("label").filter(has_text=re.compile(r"^\s*mi\s*$")).click()
    wait_for_map_text(page, "measured 30.2 mi")
    body = page.locator("body").inner_text()
    assert "measured 30.2 mi (48.7 km)" in body, body[:2000]
    frame = _frame(page)
    options = frame.evaluate("() => { for (const k in window) { const v = window[k];"
                             " if (v && v instanceof L.Control.Measure) return v.options; } }")
    assert options["primaryLengthUnit"] == "miles", options
    _offline(network_log)


def test_legend_folds_and_unfolds(page, app_server, network_log):
    frame = _open(page, app_server)
    legend = frame.locator(".bw-legend")
    body = frame.locator(".bw-legend-body")
    assert legend.count() == 1 and not body.is_visible()  # folded at first: it must not hide the map
    frame.locator(".bw-legend summary").click()
    assert body.is_visible() and "ring: the claimed distance" in body.inner_text()
    frame.locator(".bw-legend summary").click()
    assert not body.is_visible()
    _offline(network_log)


def test_labels_do_not_cover_the_anchor_or_target_name(page, app_server):
    frame = _open(page, app_server)
    wait_for_map_text(page, "measured 48.7 km")
    page.wait_for_timeout(500)
    overlaps = frame.evaluate("""() => {
        const r = e => e.getBoundingClientRect();
        const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        const keys = [...document.querySelectorAll('.bw-key')].map(r);
        const others = [...document.querySelectorAll('.bw-claim-label, .bw-minor')]
            .filter(e => getComputedStyle(e).visibility !== 'hidden').map(r);
        return others.filter(o => keys.some(k => hit(o, k))).length; }""")
    assert overlaps == 0
    names = " ".join(frame.locator(".bw-key").all_inner_texts())
    assert "Rechytsa" in names and "Chernihiv Oblast" in names, names


def test_a_pasted_article_elsewhere(page, app_server, network_log, artifacts_dir):
    _open(page, app_server)
    page.get_by_text("Paste text").click()
    page.locator("textarea").fill(PASTED)
    page.get_by_text("Check this text").click()
    page.get_by_text("Villeurbanne").first.wait_for(timeout=30_000)
    wait_for_map_text(page, "claimed about 5 km")
    _shot(page, artifacts_dir, "map-pasted.png")
    frame = _frame(page)
    names = " ".join(frame.locator(".bw-minor").all_text_contents())  # drawn (some hidden where they collide)
    shown = " ".join(frame.locator(".bw-minor").all_inner_texts())
    assert "FRANCE" in names and "•" in shown, (names, shown)  # the country, and towns for orientation
    _offline(network_log)


def test_tiles_that_cannot_load_say_so(page, app_server):
    """Opted-in OSM tiles on a machine without network: a notice, and the embedded land still drawn.

    The tile requests are refused in the browser (page.route): nothing is sent off the machine."""
    page.route("**/*.openstreetmap.org/**", lambda route: route.abort("internetdisconnected"))
    page.route("https://**", lambda route: route.abort("internetdisconnected"))
    _open(page, app_server)
    page.get_by_test_id("stSidebarUserContent").get_by_text("OSM tiles (online)").click()
    wait_for_map_text(page, "Map tiles could not be loaded", selector=".bw-tile-notice", timeout_s=30)
    frame = _frame(page)
    assert frame.locator(".leaflet-tile").count() > 0  # the tiles were asked for (and failed)
    assert frame.locator(".leaflet-overlay-pane path, .leaflet-bwLand-pane path").count() > 0

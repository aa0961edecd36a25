"""The page draws the map, with a marker icon, without any non-loopback request."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = pytest.mark.browser

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


def test_page_shows_map_offline(page, app_server, network_log, artifacts_dir):
    page.goto(app_server)
    try:
        iframe = page.locator(MAP_IFRAME)
        iframe.wait_for(state="visible", timeout=30_000)
        frame = iframe.element_handle().content_frame()
        assert frame is not None

        frame.locator(".leaflet-container").wait_for(state="visible", timeout=30_000)
        # Straight SVG lines can have zero-size boxes: "attached", not "visible".
        frame.locator("path.leaflet-interactive").first.wait_for(
            state="attached", timeout=15_000
        )
        frame.locator(".leaflet-marker-icon").first.wait_for(state="visible", timeout=15_000)
        # The <img> exists even when its PNG 404s: check the image really loaded.
        frame.wait_for_function(
            """() => {
                const img = document.querySelector('.leaflet-marker-icon');
                return img && img.complete && img.naturalWidth > 0;
            }""",
            timeout=15_000,
        )
        page.wait_for_load_state("networkidle")
    except PlaywrightTimeoutError as exc:
        # A blank map is almost always a failed (CDN) script: say which.
        pytest.fail(
            f"map did not render: {exc}\nfailed requests: {network_log.failed}\n"
            f"non-loopback: {network_log.non_loopback_urls()}",
            pytrace=False,
        )
    finally:
        page.screenshot(path=str(artifacts_dir / "smoke.png"), full_page=True)

    assert network_log.failed == [], network_log.failed
    assert network_log.non_loopback_hosts() == [], network_log.non_loopback_urls()
    # Sanity: the log really saw the vendored assets load.
    # (Leaflet arrives inside the map's one script bundle of the vendored files, see mapjs.script_bundle)
    assert any(u.endswith("/leaflet/leaflet.js") or "/app/static/generated/bw-map-" in u for u in network_log.requests)
    assert any("/leaflet/images/marker-icon" in u for u in network_log.requests)

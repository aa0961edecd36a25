"""Browser-test helpers shared by the browser tests and benchmarks/bench_page.py.

Debian's chromium with the flags that keep it quiet on a closed network (TOOLCHAIN.md),
and a wait that survives st_folium remounting its iframe.
"""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
#: The article view (a component of app.py: a click on a highlighted claim selects it).
ARTICLE_IFRAME = 'iframe[title="app.bw_article"]'


def article(page, **kwargs):
    """The article (``.bw-article``) inside the article view's frame; ``kwargs`` as for ``locator``."""
    return page.frame_locator(ARTICLE_IFRAME).locator(".bw-article", **kwargs)


def wait_for_map_text(page, text: str, *, selector: str = ".leaflet-tooltip", timeout_s: float = 30.0) -> None:
    """Wait until a map tooltip (or ``selector``) in any st_folium iframe shows ``text``.

    After a selection the component remounts: for a moment the old and the new iframe
    both exist, so a single-frame locator is either stale or ambiguous.
    """
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" not in frame.url:
                continue
            try:
                if frame.locator(selector, has_text=text).count():
                    return
            except PlaywrightError:  # frame detached while we looked
                continue
        page.wait_for_timeout(50)
    raise PlaywrightTimeoutError(f"no map tooltip with {text!r} after {timeout_s:.0f} s")

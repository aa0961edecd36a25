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


def idle(page, *, timeout_s: float = 90.0) -> None:
    """Wait until the app has finished its rerun: the status widget hidden and no element marked
    stale (Streamlit marks what the running rerun has not yet redrawn ``data-stale="true"``).

    The status widget appears only some time after a rerun starts, so it is looked at twice with a
    pause between: a rerun that had not shown itself at the first look is caught at the second.
    """
    deadline = time.monotonic() + timeout_s
    quiet = 0
    while quiet < 2:
        if time.monotonic() > deadline:
            raise PlaywrightTimeoutError(f"the app was still rerunning after {timeout_s:.0f} s")
        page.wait_for_timeout(250)
        busy = (page.locator('[data-testid="stStatusWidget"]').is_visible()
                or page.locator('[data-stale="true"]').count() > 0)
        quiet = 0 if busy else quiet + 1


def choose(page, box, option: str, *, exact: bool = True, timeout_s: float = 90.0) -> None:
    """Pick ``option`` in a Streamlit selectbox whose combobox input is ``box``, and check it took.

    The list opens on a click on the input, or else on its "Open" button; a rerun that redraws
    the widget meanwhile closes it or swallows the pick, so the whole pick is tried again, after
    the app is idle, until the input shows the option.
    """
    options = page.get_by_role("option", name=option, exact=True) if exact else \
        page.get_by_role("option").filter(has_text=option)
    deadline = time.monotonic() + timeout_s
    attempt = 0
    while True:
        idle(page)
        field = box.first
        try:
            if attempt % 2 == 0:
                field.click(timeout=10_000)
            else:
                field.locator("xpath=following-sibling::button[@aria-haspopup='listbox']").click(timeout=10_000)
            options.first.click(timeout=5_000)
            for _ in range(20):
                if option in field.input_value(timeout=5_000):
                    return
                page.wait_for_timeout(250)
        except PlaywrightTimeoutError:
            pass
        attempt += 1
        page.keyboard.press("Escape")
        if time.monotonic() > deadline:
            raise PlaywrightTimeoutError(f"could not pick {option!r} in the selectbox within {timeout_s:.0f} s")

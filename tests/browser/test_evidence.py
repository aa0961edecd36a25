"""Evidence out of the real page, in Debian's chromium (issue 11, 4 and 6).

* A claim edited on the page: the Markdown and GeoJSON downloads name the file from the
  title and date, state borderwatch's and the geodata's versions, mark the edited value
  beside the article's words, and hold no HTML entity.
* A failed upload after a good article: the old claims, map and downloads are gone, so
  nothing under the error looks like the answer to the failed input.

Screenshots go to artifacts/evidence_*.png.
"""

from __future__ import annotations

import json
import re

import pytest

import borderwatch
from browserkit import ARTICLE_IFRAME, article, idle
from support import ROOT

pytestmark = pytest.mark.browser

SHA256 = (ROOT / "geodata" / "SHA256SUMS").read_text().split()[0]
NAME = re.compile(r"borderwatch-allied-resolve-begins-troops-spotted-near-the-border-with-\d{4}-\d{2}-\d{2}\.(md|geojson)")


def _open(page, base_url: str) -> None:
    page.set_viewport_size({"width": 1500, "height": 1400})
    page.goto(base_url)
    page.get_by_text("Claim 2 — inconsistent").wait_for(timeout=60_000)


def _edit_claim_2(page) -> None:
    page.get_by_text("Edit claim 2").click()
    value = page.get_by_label("Claimed distance").first
    value.wait_for(timeout=30_000)
    value.fill("49")
    value.press("Tab")
    page.get_by_role("button", name="Re-check").click()
    page.get_by_text("#2 · just over 49 km").wait_for(timeout=60_000)


def _idle(page) -> None:
    """Wait until the app has finished its rerun: a download button drawn by a rerun still in
    progress points at a file the finished rerun replaces (the click then downloads nothing)."""
    idle(page)


def _download(page, label: str):
    _idle(page)
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name=label).click()
    download = info.value
    return download.suggested_filename, download.path().read_text(encoding="utf-8")


def test_downloads_mark_the_edit_and_state_the_versions(page, app_server, network_log, artifacts_dir):
    _open(page, app_server)
    _edit_claim_2(page)
    name, md = _download(page, "Markdown report")
    assert NAME.fullmatch(name), name
    assert f"borderwatch {borderwatch.__version__}" in md and SHA256 in md
    assert re.search(r"- \*\*Made:\*\* \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", md)
    assert ("- **Claimed:** just over 49 km (49.00 km) (edited on the page: value; the article says: just over 40 kilometers (25 miles) "
            "from the border with Ukraine’s Chernihiv region)") in md
    assert not re.search(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", md, re.I), "an HTML entity in the Markdown"
    assert "\\(" not in md
    name, text = _download(page, "GeoJSON")
    assert NAME.fullmatch(name), name
    gj = json.loads(text)
    prov = gj["properties"]["provenance"]
    assert prov["tool_version"] == borderwatch.__version__ and SHA256 in prov["data_version"]
    line = next(f for f in gj["features"] if f["properties"]["claim"] == 2
                and f["properties"]["role"] == "measured geodesic")
    assert line["properties"]["edited"] == ["value"] and line["properties"]["claimed"].startswith(
        "just over 49 km (edited on the page: value;")
    assert {f["properties"]["role"] for f in gj["features"]} >= {"target", "claimed ring", "anchor uncertainty",
                                                                  "unmeasured claim"}
    page.get_by_role("button", name="Markdown report").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "evidence_downloads.png"))
    assert network_log.non_loopback_hosts() == [], network_log.non_loopback_urls()


def test_a_failed_upload_does_not_leave_the_old_claims_looking_current(page, app_server, network_log, artifacts_dir):
    _open(page, app_server)
    article(page).wait_for(timeout=30_000)
    page.locator('[data-testid="stSidebar"]').get_by_text("Upload a file", exact=True).click()
    chooser = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    chooser.wait_for(state="attached", timeout=30_000)
    chooser.set_input_files({"name": "scan.txt", "mimeType": "text/plain",
                             "buffer": b"\x89PNG\r\n\x1a\n\x00\x00\x00 Kyiv is 30 km from the border"})
    page.locator('[data-testid="stAlert"]', has_text="binary").wait_for(timeout=60_000)
    page.get_by_text("the previous article's results were cleared").wait_for(timeout=30_000)
    _idle(page)  # the message shows while the rerun still runs; the old results go when it ends
    page.screenshot(path=str(artifacts_dir / "evidence_failed_upload.png"), full_page=True)
    body = page.locator("body").inner_text()
    assert "Claim 2 — inconsistent" not in body and "2: inconsistent" not in body
    assert page.locator(ARTICLE_IFRAME).count() == 0
    assert page.locator('iframe[title="streamlit_folium.st_folium"]').count() == 0
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    assert page.get_by_role("button", name="Markdown report").count() == 0
    assert network_log.non_loopback_hosts() == [], network_log.non_loopback_urls()

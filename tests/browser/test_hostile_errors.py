"""Error messages and titles that quote hostile text, in Debian's chromium (issue 13, 3 and 12).

* An uploaded file whose name is Markdown (an image and a link to 203.0.113.9, a
  documentation address) and whose bytes are binary: the page's error quotes the name.
  The error must show it literally: no <img>, no link, and no request leaves loopback
  (the image would be fetched the moment it rendered).
* A pasted article whose first line (the title) holds a bare URL, a www. address, an
  e-mail address and a Markdown link: the title shows them as text, not links.

Screenshots go to artifacts/hostile_errors*.png.
"""

from __future__ import annotations

import pytest

from browserkit import article

pytestmark = pytest.mark.browser

HOST = "203.0.113.9"  # TEST-NET-3: never a real host
HOSTILE_NAME = f"![x](http:{HOST}) [link](http:{HOST}) <img src=http:{HOST}>.txt"
EXCEPTION = '[data-testid="stException"]'


def _open(page, base_url: str) -> None:
    page.set_viewport_size({"width": 1500, "height": 1000})
    page.goto(base_url)
    article(page).wait_for(timeout=60_000)  # the seed article is drawn


def _no_markup_from(page, host: str) -> None:
    assert page.locator(f'img[src*="{host}"]').count() == 0, "an image from the message was rendered"
    assert page.locator(f'a[href*="{host}"]').count() == 0, "a link from the message was rendered"


def test_an_error_quoting_a_markdown_file_name_fetches_nothing(page, app_server, network_log, artifacts_dir):
    _open(page, app_server)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Upload a file", exact=True).click()
    chooser = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    chooser.wait_for(state="attached", timeout=30_000)
    chooser.set_input_files({"name": HOSTILE_NAME, "mimeType": "text/plain",
                             "buffer": b"Kyiv\x00\x01\x02 is 30 km from the border"})
    alert = page.locator('[data-testid="stAlert"]', has_text="binary file")
    alert.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # time for an image request, were one rendered
    page.screenshot(path=str(artifacts_dir / "hostile_errors_upload.png"), full_page=True)
    text = alert.inner_text().replace("\u2060", "")
    assert f"![x](http:{HOST})" in text and f"[link](http:{HOST})" in text, text
    _no_markup_from(page, HOST)
    assert alert.locator("img, a").count() == 0
    assert page.locator(EXCEPTION).count() == 0
    assert network_log.non_loopback_hosts() == [], network_log.non_loopback_urls()


# At most 120 characters: the page's title is the first line, cut there.
TITLE = f"See www.example.org or http://{HOST}/b or a@example.org [l](http://{HOST}/c) ![i](http://{HOST}/i)"
assert len(TITLE) <= 120


def test_urls_in_the_title_are_not_links(page, app_server, network_log, artifacts_dir):
    _open(page, app_server)
    page.locator('[data-testid="stSidebar"]').get_by_text("Paste text", exact=True).click()
    area = page.get_by_label("Article text")
    area.wait_for(timeout=30_000)
    area.fill(TITLE + "\n\nTITLE-TOKEN-5Z. Kharkiv is about 30 km from the Russian border.")
    area.press("Control+Enter")
    page.get_by_role("button", name="Check this text").click()
    article(page, has_text="TITLE-TOKEN-5Z").wait_for(timeout=60_000)
    caption = page.locator('[data-testid="stCaptionContainer"]', has_text="Checks the distance claims")
    caption.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(artifacts_dir / "hostile_errors_title.png"), full_page=True)
    # Shown as written (the page puts an invisible word joiner, U+2060, into each address).
    assert TITLE in caption.inner_text().replace("\u2060", "")
    assert caption.locator("a, img").count() == 0
    _no_markup_from(page, HOST)
    assert page.locator('a[href*="example.org"]').count() == 0
    assert page.locator(EXCEPTION).count() == 0
    assert network_log.non_loopback_hosts() == [], network_log.non_loopback_urls()

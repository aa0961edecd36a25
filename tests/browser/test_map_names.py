"""Place names reach the map's script as data, never as code (chromium, no Streamlit).

Regression: folium's Tooltip and Popup put their text inside a JavaScript template
literal, so a name with a backtick (Slov`yanoserbsk, Al-`Ula: real names in the
embedded data) broke the map's script and left the map blank, and a name with ``${…}``
(an online geocoder's answer) ran as code in a frame of the page's origin.

Each map is rendered by borderwatch.mapview, served with the vendored Leaflet from a
loopback server, and opened in Debian's chromium: the map must draw its lines, no
dialog may open, ``window.__pwned`` must stay undefined, the names must show
literally, and no request may leave loopback.
"""

from __future__ import annotations

import functools
import http.server
import threading
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from borderwatch.check import default_checker
from borderwatch.mapview import build_map

pytestmark = pytest.mark.browser

REPO_ROOT = Path(__file__).resolve().parents[2]
HOSTILE_NAMES = [
    ("template-literal", "Tmpl${window.__pwned=1}town"),
    ("template-alert", "Tmpl${alert(document.domain)}x"),
    ("backtick", "Back`tick`ville"),
    ("script-close", "</script><script>window.__pwned=1</script>"),
    ("quotes", "O'Neil \"Quoted\" \\ town"),
    ("markdown-image", "![x](http://203.0.113.9/x.png) [link](javascript:window.__pwned=1)"),
    ("html", '<img src=x onerror="window.__pwned=1">'),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A loopback HTTP server for rendered maps, with /app/static/ as the page serves it."""
    root = tmp_path_factory.mktemp("maps")
    (root / "app").mkdir()
    (root / "app" / "static").symlink_to(REPO_ROOT / "static")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _open_map(page, served, name: str, report, selected: int):
    root, base = served
    html = build_map(default_checker().geodata, report, selected=selected, show_alternatives=True)
    path = root / f"{abs(hash((name, selected)))}.html"
    path.write_text(html.get_root().render(), encoding="utf-8")
    dialogs, hosts, errors = [], set(), []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: hosts.add(urlsplit(r.url).hostname))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/{path.name}")
    page.wait_for_selector(".leaflet-container", timeout=20_000)
    page.wait_for_selector("path.leaflet-interactive", state="attached", timeout=20_000)
    page.wait_for_timeout(300)
    pwned = page.evaluate("() => typeof window.__pwned !== 'undefined'")
    return dialogs, hosts - {"127.0.0.1", None, ""}, errors, pwned


def test_a_real_name_with_a_backtick_draws_its_map(page, served):
    # Written without the backtick in the article; the gazetteer's own name has one.
    report = default_checker().check_text("Slovyanoserbsk is about 30 km from the Russian border.")
    (r,) = report.results
    assert r.anchor_place.name == "Slov`yanoserbsk" and r.measurement is not None
    dialogs, foreign, errors, pwned = _open_map(page, served, "backtick-real", report, r.claim.index)
    assert (dialogs, foreign, errors, pwned) == ([], set(), [], False)
    page.locator(".bw-label", has_text="Slov`yanoserbsk").first.wait_for(state="attached", timeout=5000)


@pytest.mark.parametrize("name", [n for _, n in HOSTILE_NAMES], ids=[i for i, _ in HOSTILE_NAMES])
def test_hostile_names_from_an_online_answer_stay_text(page, served, name):
    seed = default_checker().check_text("Kharkiv is about 30 km from the Russian border.")
    (r,) = seed.results
    evil_place = replace(r.anchor_place, name=name)
    evil = replace(seed, results=(replace(r, anchor=replace(r.anchor, place=evil_place, reason=name),
                                          claim=replace(r.claim, quote=name)),))
    dialogs, foreign, errors, pwned = _open_map(page, served, name, evil, r.claim.index)
    assert dialogs == [] and not pwned, (dialogs, pwned)
    assert foreign == set(), f"requests left loopback: {foreign}"
    assert errors == [], f"the map's script broke: {errors}"
    # The name is shown as text in the map (the anchor's label), exactly as given.
    page.locator(".bw-label", has_text=name[:12]).first.wait_for(state="attached", timeout=5000)

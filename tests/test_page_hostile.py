"""The page (app.py under AppTest) against hostile and odd input, second round (issue 13).

* defect 3: error text is shown literally (Markdown escaped), whatever it quotes;
* defect 10: a damaged geodata folder is a message on the page, not an exception box;
* defect 11: hand edits outside 0 < value ≤ 20,100 km (any unit) are refused with a
  message, large figures are written readably;
* defect 12: a bare URL or e-mail address in the title does not become a link.
The real-browser half (no request leaves loopback) is tests/browser/test_hostile_errors.py.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from borderwatch import page
from borderwatch.check import default_checker
from borderwatch.errors import InputError
from borderwatch.geodata import DB_NAME
from borderwatch.model import Claim, Span

REPO = Path(__file__).resolve().parents[1]
APP = str(REPO / "app.py")
MARKDOWN_PAYLOAD = "cannot read '![x](http://203.0.113.9/pixel.png) [link](http://203.0.113.9/) <b>bold</b>.txt'"


def _app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60).run()


def _unescape(md: str) -> str:
    return re.sub(r"\\(.)", r"\1", md).replace("\u2060", "")


def _widget(at: AppTest, kind: str, prefix: str):
    """The one widget of ``kind`` whose key starts with ``prefix`` (edit widgets are keyed by claim and revision)."""
    (w,) = [w for w in getattr(at, kind) if (w.key or "").startswith(prefix)]
    return w


def _errors(at: AppTest) -> list:
    """Error boxes other than the selected claim's verdict (an inconsistent one is red too)."""
    return [e for e in at.error if not e.value.startswith("**Claim ")]


def _rows(at: AppTest) -> dict[int, dict]:
    return {int(r["#"]): r for r in at.dataframe[0].value.to_dict("records")}


# ------------------------------------------------------------------ defect 3
def test_an_error_message_is_shown_literally():
    at = _app()
    at.session_state["error"] = MARKDOWN_PAYLOAD
    at.run()
    assert not at.exception
    (box,) = _errors(at)
    assert "](" not in box.value.replace("\\]\\(", "") and "<b>" not in box.value
    assert _unescape(box.value) == MARKDOWN_PAYLOAD


# ------------------------------------------------------------------ defect 10
@pytest.fixture
def broken_geodata(tmp_path, monkeypatch):
    """Point the page at a geodata folder with one thing wrong; restore the caches after."""

    def make(kind: str) -> Path:
        d = tmp_path / kind
        d.mkdir()
        (d / DB_NAME).symlink_to(REPO / "geodata" / DB_NAME)
        if kind == "sums-empty":
            (d / "SHA256SUMS").write_bytes(b"")
        elif kind == "sums-wrong":
            (d / "SHA256SUMS").write_text(f"{hashlib.sha256(b'x').hexdigest()}  {DB_NAME}\n")
        monkeypatch.setenv("BORDERWATCH_GEODATA", str(d))
        default_checker.cache_clear()
        st.cache_resource.clear()
        return d

    yield make
    monkeypatch.delenv("BORDERWATCH_GEODATA", raising=False)
    default_checker.cache_clear()
    st.cache_resource.clear()


@pytest.mark.parametrize("kind, words", [
    ("sums-missing", "SHA256SUMS' is missing"),
    ("sums-empty", "does not list borderwatch.sqlite"),
    ("sums-wrong", "damaged or altered"),
])
def test_damaged_geodata_is_a_message_on_the_page(broken_geodata, kind, words):
    folder = broken_geodata(kind)
    at = _app()
    assert not at.exception, at.exception
    (box,) = _errors(at)
    text = _unescape(box.value)
    assert text.startswith("GeodataError: ") and words in text and str(folder) in text
    assert "scripts/build_geodata.py" in text


# ------------------------------------------------------------------ defect 11
@pytest.mark.parametrize("value, unit, shown", [
    (1e308, "nmi", "got 1e+308 nmi"),
    (1e308, "mi", "got 1e+308 mi"),
    (40_000_000.0, "km", "got 40,000,000 km"),
    (9_999_999.0, "km", "got 9,999,999 km"),
    (20_101.0, "km", "got 20,101 km"),
    (12_500.0, "mi", "got 12,500 mi"),
], ids=["1e308-nmi", "1e308-mi", "40-million-km", "9999999-km", "just-over-half-the-equator", "12500-mi"])
def test_implausible_hand_edit_is_refused_with_a_message(value, unit, shown):
    at = _app()
    before = _rows(at)[2]
    _widget(at, "number_input", "edit_value_").set_value(value)
    _widget(at, "selectbox", "edit_unit_").set_value(unit)
    _widget(at, "button", "edit_submit_").click().run()
    assert not at.exception, at.exception
    (box,) = _errors(at)
    text = _unescape(box.value)
    assert "at most" in text and "20,100 km, half the equator" in text and shown in text
    assert "e+07" not in text and len(text) < 400
    assert _rows(at)[2] == before


def test_implausible_added_claim_is_refused_with_a_message():
    at = _app()
    at.text_input(key="add_anchor").input("Mazyr")
    at.number_input(key="add_value").set_value(1e308)
    at.selectbox(key="add_unit").set_value("nmi")
    at.selectbox(key="add_kind").set_value("region")
    at.text_input(key="add_name").input("Chernihiv")
    at.button(key="add_submit").click().run()
    assert not at.exception, at.exception
    assert any("at most 10,853.1 nmi" in _unescape(e.value) for e in _errors(at))
    assert len(_rows(at)) == 3


def test_half_the_equator_is_accepted_and_written_readably():
    at = _app()
    _widget(at, "number_input", "edit_value_").set_value(20_100.0)
    _widget(at, "button", "edit_submit_").click().run()
    assert not at.exception
    assert _errors(at) == []
    assert _rows(at)[2]["claimed"] == "just over 20,100 km"


@pytest.mark.parametrize("value, text", [
    (9_999_999.0, "9,999,999 km"), (40.0, "40 km"), (4.5, "4.5 km"), (48.0000001, "48.0000001 km"),
    (1070.5, "1,070.5 km"),
])
def test_claimed_figures_are_written_readably(value, text):
    claim = Claim(index=1, span=Span(0, 0), quote="", sentence=Span(0, 0), value=value, unit="km")
    assert claim.claimed_text == text


@pytest.mark.parametrize("value, unit", [(0.0, "km"), (-3.0, "mi"), (float("nan"), "km"), (float("inf"), "m"),
                                         (20_100_001.0, "m"), (10_854.0, "nmi")])
def test_check_claimed_value_refuses(value, unit):
    with pytest.raises(InputError, match="more than 0 and at most"):
        page.check_claimed_value(value, unit)


# ------------------------------------------------------------------ defect 12 (title)
def test_a_bare_url_or_address_in_the_title_is_not_a_link():
    at = _app()
    at.radio(key="mode").set_value("Paste text").run()
    at.text_area(key="pasted").input("Read www.example.org/a or http://203.0.113.9/b or news@example.org now\n\n"
                                     "Kharkiv is about 30 km from the Russian border.")
    at.button(key="check_pasted").click().run()
    assert not at.exception
    caption = next(c.value for c in at.caption if "Checks the distance claims" in c.value)
    # Escaped, and an invisible word joiner (U+2060) breaks each autolink pattern.
    assert "www\u2060\\.example\\.org" in caption and "http\u2060\\://203" in caption
    assert "news\u2060\\@example\\.org" in caption


# ------------------------------------------------------------------ defect 5 (page)
def test_many_claims_draw_a_bounded_map():
    """999 accepted claims: the map draws at most MAX_MAP_CLAIMS of them (999 took 7 s and 3.3 MB)."""
    import json

    from borderwatch.settings import MAX_MAP_CLAIMS

    at = _app()
    at.radio(key="mode").set_value("Paste text").run()
    at.text_area(key="pasted").input("Kharkiv is 30 km from the Russian border. " * 999)
    at.button(key="check_pasted").click().run()
    assert not at.exception
    assert len(_rows(at)) == 999
    assert any(f"The map shows {MAX_MAP_CLAIMS} of the 999 claims" in c.value for c in at.caption)
    (comp,) = [c for c in at.get("component_instance") if c.proto.component_name == "streamlit_folium.st_folium"]
    args = json.loads(comp.proto.json_args)
    assert len(args["script"] + args["feature_group"]) < 1_000_000, len(args["script"] + args["feature_group"])

"""Make folium maps work with no network at all.

By default a folium map (and therefore the ``streamlit_folium`` component, which
does not bundle Leaflet) loads Leaflet, jQuery, Bootstrap, Font Awesome and
awesome-markers from public CDNs. Offline, the first failed ``<script>`` stops
everything and the map is blank. borderwatch must run fully offline, so the few
assets the map really needs are vendored under ``static/vendor/`` (see its
README.md) and served by Streamlit's static file serving
(``[server] enableStaticServing = true`` in ``.streamlit/config.toml``) at
``/app/static/...``.

Anything that brings its own CDN links (``folium.Icon``, ``folium.plugins.*``,
branca colormaps) must be vendored the same way or not used; ``external_urls``
exists so tests can prove none slipped in.
"""

from __future__ import annotations

import re

import folium

__all__ = ["STATIC_PREFIX", "make_offline", "external_urls"]

#: URL prefix under which Streamlit serves ``static/vendor/`` (next to app.py).
STATIC_PREFIX = "/app/static/vendor"

_LEAFLET_JS = f"{STATIC_PREFIX}/leaflet/leaflet.js"
_LEAFLET_CSS = f"{STATIC_PREFIX}/leaflet/leaflet.css"
_JQUERY_JS = f"{STATIC_PREFIX}/jquery/jquery.min.js"
_LEAFLET_IMAGES = f"{STATIC_PREFIX}/leaflet/images/"

# Leaflet otherwise guesses the marker image directory from leaflet.css's
# computed style, which is unreliable inside the streamlit_folium iframe (the
# component injects the stylesheet itself); without this line the default
# marker icon was seen not to load. A tiny inline script that runs right after
# leaflet.js sets the path explicitly.
_IMAGE_PATH_JS = f"data:text/javascript,L.Icon.Default.imagePath='{_LEAFLET_IMAGES}';"


def make_offline(m: folium.Map) -> folium.Map:
    """Point *m* at the vendored Leaflet/jQuery instead of CDNs; return *m*.

    The lists are replaced on this instance only. folium's ``default_js`` /
    ``default_css`` are class attributes shared by every map in the process, and
    ``add_js_link`` mutates them, which would leak into maps built elsewhere
    (and into tests that expect the stock behaviour). Bootstrap, glyphicons and
    awesome-markers are dropped: nothing here uses them. jQuery stays because
    folium's popups need it.
    """
    m.default_js = [
        ("leaflet", _LEAFLET_JS),
        ("jquery", _JQUERY_JS),
        ("leaflet_icons", _IMAGE_PATH_JS),
    ]
    m.default_css = [("leaflet_css", _LEAFLET_CSS)]
    return m


# Bounded: at most 2048 characters after the scheme, stopping at whitespace,
# quotes, angle brackets, parentheses and backslashes, so a large rendered map
# cannot make the scan slow or swallow neighbouring markup.
_URL_RE = re.compile(r"""https?://[^\s"'<>()\\`]{1,2048}""", re.IGNORECASE)


def external_urls(html: str) -> list[str]:
    """Return every ``http://`` / ``https://`` URL in rendered map HTML.

    An offline map must not reference any, so tests assert this is empty. It
    is deliberately blunt (any absolute http(s) URL counts, even in text):
    a false alarm is cheap, a missed CDN link means a blank map offline.
    """
    return _URL_RE.findall(html)

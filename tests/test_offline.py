"""The rendered map must not reference any external URL (it would be blank offline)."""

from __future__ import annotations

import folium

from borderwatch.offline import STATIC_PREFIX, external_urls, make_offline

_FEATURE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "test area"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[30.0, 51.5], [31.0, 51.5], [31.0, 52.5], [30.0, 52.5], [30.0, 51.5]]],
            },
        }
    ],
}


def _build_map() -> folium.Map:
    m = folium.Map(location=[52.0, 30.5], zoom_start=7, tiles=None)
    folium.GeoJson(_FEATURE, name="area", interactive=False).add_to(m)
    folium.PolyLine([[51.5, 30.0], [52.5, 31.0]], color="red").add_to(m)
    folium.Circle(location=[52.0, 30.5], radius=20_000).add_to(m)
    folium.Marker([52.0, 30.5], popup=folium.Popup("Anchor <b>town</b>")).add_to(m)
    return m


def test_offline_map_has_no_external_urls():
    m = make_offline(_build_map())
    html = m.get_root().render()

    assert external_urls(html) == []
    # ...and it really points at the vendored files instead.
    assert f'src="{STATIC_PREFIX}/leaflet/leaflet.js"' in html
    assert f'src="{STATIC_PREFIX}/jquery/jquery.min.js"' in html
    assert f'href="{STATIC_PREFIX}/leaflet/leaflet.css"' in html
    assert f"L.Icon.Default.imagePath='{STATIC_PREFIX}/leaflet/images/'" in html
    # The layers were rendered (an empty page would trivially pass the check).
    for js in ("L.geoJson", "L.polyline", "L.circle", "L.marker", "bindPopup"):
        assert js in html, js


def test_stock_map_has_cdn_urls_so_the_check_can_fail():
    html = _build_map().get_root().render()

    urls = external_urls(html)
    assert urls, "the check found nothing in a stock folium map: it cannot detect CDN links"
    assert any("leaflet" in u and u.endswith(".js") for u in urls), urls


def test_make_offline_changes_only_that_instance():
    stock_js = list(folium.Map.default_js)
    stock_css = list(folium.Map.default_css)

    make_offline(_build_map())

    assert folium.Map.default_js == stock_js
    assert folium.Map.default_css == stock_css
    assert external_urls(_build_map().get_root().render())


def test_external_urls_is_bounded_and_finds_plain_urls():
    html = '<script src="https://cdn.example.org/a.js"></script> http://x.test/p ' + "a" * 100_000
    assert external_urls(html) == ["https://cdn.example.org/a.js", "http://x.test/p"]
    long_url = "https://h.test/" + "b" * 10_000
    (found,) = external_urls(long_url)
    assert len(found) <= len("https://") + 2048

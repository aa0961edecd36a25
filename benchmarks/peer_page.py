"""The benchmark's peer: a plain Streamlit + st_folium page drawing the same article.

What a reasonable person would write in an afternoon: check the seed article with
borderwatch's public API, a radio to pick a claim, the text, and a folium map with the
same vendored Leaflet (no CDN) showing each measured claim's target outline, ring,
line and anchor. No basemap file, no labels, no legend, no plugins, no cache beyond
``st.cache_resource`` for the checker and the report. ``benchmarks/bench_page.py``
runs it from a temporary folder (with the repo's ``static/`` and the same config).
"""

from __future__ import annotations

import json

import folium
import shapely
import streamlit as st
from streamlit_folium import st_folium

from borderwatch.check import default_checker
from borderwatch.offline import make_offline
from borderwatch.page import seed_text

st.set_page_config(page_title="peer", layout="wide")


@st.cache_resource
def checker():
    return default_checker()


@st.cache_resource
def report():
    return checker().check_text(seed_text())


rep = report()
indexes = [r.claim.index for r in rep.results]
selected = st.radio("Claim shown on the map", indexes, horizontal=True, index=1,
                    format_func=lambda i: f"#{i} · {rep.result(i).claim.claimed_text} · "
                                          f"{rep.result(i).verdict.status}")
left, right = st.columns([4, 7])
left.write(rep.text)
with right:
    m = make_offline(folium.Map(tiles=None, control_scale=True))
    for r in rep.results:
        strong = r.claim.index == selected
        for key in r.target_geometry:
            geom = checker().geodata.geometry(key, display=True)
            folium.GeoJson(json.loads(shapely.to_geojson(geom)),
                           style_function=lambda _f, s=strong: {"color": "#6a3d9a", "weight": 3 if s else 1}
                           ).add_to(m)
        meas = r.measurement
        if meas is None:
            continue
        folium.Circle(meas.origin, radius=r.claim.value_km * 1000, color="#333", fill=False).add_to(m)
        folium.PolyLine(meas.path, color="#d73027", tooltip=folium.Tooltip(
            f"measured {meas.distance_km:.1f} km · claimed {r.claim.claimed_text}", permanent=strong)).add_to(m)
        folium.CircleMarker(meas.origin, radius=5).add_to(m)
        if strong:
            lats = [p[0] for p in meas.path]
            lons = [p[1] for p in meas.path]
            m.fit_bounds([(min(lats) - 0.5, min(lons) - 0.5), (max(lats) + 0.5, max(lons) + 0.5)])
    st_folium(m, key="map", height=640, use_container_width=True, returned_objects=["last_clicked"])

"""borderwatch — provisional page (placeholder until the real page lands)."""

import folium
import streamlit as st
from streamlit_folium import st_folium

from borderwatch.offline import make_offline

st.title("borderwatch")

m = make_offline(folium.Map(location=[52.0, 30.5], zoom_start=7, tiles=None))
folium.PolyLine([[51.6, 29.8], [52.4, 31.2]], color="#c0392b", weight=4).add_to(m)
folium.Marker([52.0, 30.5], popup="Anchor point").add_to(m)

st_folium(m, height=500, returned_objects=[])

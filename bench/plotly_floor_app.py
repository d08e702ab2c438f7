"""The benchmark's second floor: the empty app plus one plotly chart of 60 points that follows the sidebar's
choice (so a filter change sends a new figure, as a chart page's does). The least a page drawing plotly costs."""

import plotly.graph_objects as go
import streamlit as st

options = ["China", "Japan", "Taiwan", "United States"]
picked = st.sidebar.multiselect("Actors", options, key="actor")
shift = sum(options.index(p) + 1 for p in picked)
x = list(range(60))
st.plotly_chart(go.Figure(go.Scatter(x=x, y=[(i * 7 + shift) % 23 for i in x], mode="markers")), key="floor_chart")

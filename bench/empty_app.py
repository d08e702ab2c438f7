"""The benchmark's floor: an app with nothing but one multiselect in the sidebar, as the real app's filters are."""

import streamlit as st

st.sidebar.multiselect("Actors", ["China", "Japan", "Taiwan", "United States"], key="actor")

"""The app's own custom components (v2): each defined once per process from the three files of its folder
under static/ (component.html, component.css, component.js); the network and the tables."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

STATIC = Path(__file__).resolve().parent.parent / "static"


@st.cache_resource(show_spinner=False)
def static_component(name: str, folder: str):
    """The component `name` drawn by static/<folder>/component.{html,css,js}, styles shared with the page."""
    def read(ext: str) -> str:
        return (STATIC / folder / f"component.{ext}").read_text(encoding="utf-8")

    return st.components.v2.component(name, html=read("html"), css=read("css"), js=read("js"), isolate_styles=False)

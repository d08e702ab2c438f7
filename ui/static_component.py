"""The app's own custom components (v2): each defined once per process from the three files of its folder
under static/ (component.html, component.css, component.js): the network, the tables, the link-size probe, the reading view, the reveal scroll, the date-Enter fix, the viewport
probe, the event list."""

from __future__ import annotations

import streamlit as st

from strait_watch.core.dataset.model import REPO

STATIC = REPO / "static"


@st.cache_resource(show_spinner=False)
def static_component(name: str, folder: str):
    """The component `name` drawn by static/<folder>/component.{html,css,js}, styles shared with the page."""
    def read(ext: str) -> str | None:  # a component may have no HTML or CSS of its own
        path = STATIC / folder / f"component.{ext}"
        return path.read_text(encoding="utf-8") if path.is_file() else None

    return st.components.v2.component(name, html=read("html"), css=read("css"), js=read("js"), isolate_styles=False)

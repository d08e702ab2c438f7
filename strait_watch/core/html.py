"""The one Jinja environment of the project: every HTML page, fragment and style block is a template file in
strait_watch/templates/, rendered here with autoescape on, so text from the data is never markup (STYLE.md
"Text is text"). No HTML is assembled in Python strings; callers pass data, templates hold the tags, CSS and JS.

The article text's Markdown emphasis ('*status quo*', '**Coast Guard Act**') is one rule, `EMPHASIS`: templates
render it with the `emphasis` filter (escaped text, only the emphasis as markup); `core.text.plain` removes it.
Pure: no streamlit.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Markdown emphasis in the articles' text: one to three '*' around text that neither starts nor ends with a space.
EMPHASIS = re.compile(r"(\*{1,3})(?=\S)(.+?)(?<=\S)\1")


def emphasis_parts(text) -> list[tuple[str, bool]]:
    """Article text as (piece, emphasised) pieces in order, every '*' (markers and stray ones) left out:
    'the *status quo* now' -> [('the ', False), ('status quo', True), (' now', False)]."""
    text = str(text)
    parts, last = [], 0
    for m in EMPHASIS.finditer(text):
        parts += [(text[last:m.start()].replace("*", ""), False), (m.group(2).replace("*", ""), True)]
        last = m.end()
    parts.append((text[last:].replace("*", ""), False))
    return parts


def emphasis(text) -> Markup:
    """The `emphasis` filter: article text escaped, its Markdown emphasis rendered as emphasis, nothing else."""
    return Markup(render("emphasis.html.j2", parts=emphasis_parts(text)))


# Autoescape for every template, whatever its name; a missing variable is an error, not a silent ''.
ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                  undefined=StrictUndefined)
ENV.filters["emphasis"] = emphasis


def render(template_name: str, **context) -> str:
    """The template `template_name` (a file in strait_watch/templates/) rendered with `context`, autoescaped."""
    return ENV.get_template(template_name).render(**context)

"""HTML comes from templates through one Jinja environment with autoescape (strait_watch/core/html.py); no HTML,
CSS or JS is assembled in Python strings (STYLE.md "Text is text").

Every template in strait_watch/templates is rendered here with a `<script>` payload in every context value it
reads: the payload comes out escaped. The Python sources of strait_watch/, ui/ and app_pages/ hold no HTML tag
literal in a string, except the few that plotly renders itself in hover texts and chart labels (<br>, <b>, <i>
and its <extra> box)."""

import ast
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import meta
from markupsafe import Markup

from strait_watch.core.html import ENV, TEMPLATES, emphasis, render

ROOT = Path(__file__).resolve().parents[2]
PAYLOAD = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
P = PAYLOAD


# ---------------------------------------------------------------- every template escapes what it is given

def _pack_context() -> dict:
    event = SimpleNamespace(summary=P, who=P, actors=[P, P])
    quotes = [{"record": P, "quote": P, "mark": P}]
    chart = {"kind": "network", "page": P, "height": P}
    sections = [
        {"key": P, "title": P, "caption": P, "chart": chart, "findings": [(P, P)], "quotes": quotes,
         "event": None, "event_quotes": []},
        {"key": P, "title": P, "caption": P, "chart": {"kind": "figure", "html": P}, "findings": [],
         "quotes": [], "event": None, "event_quotes": []},
        {"key": P, "title": P, "caption": P, "chart": {"kind": "empty", "text": P}, "findings": [],
         "quotes": [], "event": None, "event_quotes": []},
        {"key": P, "title": P, "caption": P, "chart": {"kind": ""}, "findings": [], "quotes": quotes,
         "event": event, "event_quotes": [(P, P, P)]},
    ]
    return dict(pack=SimpleNamespace(filters_text=P, sources={"label": [P]}, version=P),
                brief=SimpleNamespace(title=P, subtitle=P, marking=P), sections=sections, plotlyjs=P,
                appendix=[{"record": P, "record_type": P, "record_id": P, "quote": P, "mark": P}], when=P,
                exported=P, png_name=P)


def _network_context(inline: bool) -> dict:
    return dict(data={"name": P}, heading=P, inline=inline, vis_js=P, vis_css=P, asset_base=P, js_file=P,
                css_file=P, component_html=P, component_css=P, component_js=P)


_PARTS = [(P, False), (P, True)]
_ROW = {"id": P, "key": True, "color": P, "category": P, "date": P, "title": P, "lane": P}
_RECORD = {"kind": P, "date": P, "title": _PARTS, "summary": _PARTS, "actors": _PARTS, "quotes": [_PARTS],
           "sources": [_PARTS, _PARTS]}

# The context of each template, every value it reads carrying the payload (a new template needs an entry here).
CONTEXTS = {
    "emphasis.html.j2": [dict(parts=_PARTS)],
    "event_list.html.j2": [dict(groups=[{"title": P, "rows": [_ROW, {**_ROW, "key": False}]}])],
    "highlight.html.j2": [dict(parts=_PARTS)],
    "marks.html.j2": [{}],  # macros only: rendered through the templates that import them, and directly below
    "network.html.j2": [_network_context(False), _network_context(True)],
    "pack.html.j2": [_pack_context()],
    "persistence_list.html.j2": [dict(groups=[{"title": P, "rows": [dict(id=P, color=P, name=P, status=P,
                                                                          status_words=P, first=P, again=P)]}])],
    "phone_switch.html.j2": [dict(keys=[P, P])],
    "present.html.j2": [{}],
    "story_keys.html.j2": [{}],
    "quote.html.j2": [dict(text=P, rule=P, color=P, background=P)],
    "records.html.j2": [dict(rows=[_RECORD], quote_text=P, page_background=P, quote_rule=P, meta_text=P,
                             highlight=P)],
}


def template_names() -> list[str]:
    return sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*") if p.is_file())


def test_every_template_has_a_payload_context():
    assert template_names() == sorted(CONTEXTS)


@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_the_context_covers_every_variable_the_template_reads(name):
    wanted = meta.find_undeclared_variables(ENV.parse(ENV.loader.get_source(ENV, name)[0]))
    for context in CONTEXTS[name]:
        assert set(context) == wanted, name


@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_every_template_escapes_its_context(name):
    for context in CONTEXTS[name]:
        page = render(name, **context)
        assert PAYLOAD not in page and "alert(1)</script>" not in page, name
        if context:
            # Each value shows up escaped (HTML text, or JSON's \u003c inside the data block).
            assert ESCAPED in page, name
            assert page.count("<script") <= render(name, **_harmless(context)).count("<script"), name


def _harmless(value):
    """The same context with every payload replaced by plain text: what the template itself writes."""
    if isinstance(value, str):
        return "x" if value == PAYLOAD else value
    if isinstance(value, dict):
        return {k: _harmless(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_harmless(v) for v in value)
    if isinstance(value, SimpleNamespace):
        return SimpleNamespace(**_harmless(vars(value)))
    return value


def test_the_macros_escape_too():
    marked = ENV.get_template("marks.html.j2").module.marked
    assert str(marked([(P, True), ("a & b", False)])) == f"<mark>{ESCAPED}</mark>a &amp; b"


def test_the_emphasis_filter_escapes_and_renders_only_emphasis():
    assert emphasis(f"*{P}* and **bold** <em>not</em>") == Markup(
        f"<em>{ESCAPED}</em> and <em>bold</em> &lt;em&gt;not&lt;/em&gt;")
    assert isinstance(emphasis("x"), Markup)


def test_autoescape_is_on_for_every_template_and_never_switched_off():
    assert ENV.autoescape is True  # not a function of the file name: every template, whatever it is called
    for name in template_names():
        source = (TEMPLATES / name).read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b|autoescape\s+false", source), f"{name}: trusted markup comes as Markup"


# ---------------------------------------------------------------- no HTML in Python strings

PYTHON_FOLDERS = ("strait_watch", "ui", "app_pages")
# What plotly renders itself in hover texts, axis titles and labels: allowed in strings.
PLOTLY_TAGS = {"br", "b", "i", "span"}  # plotly draws <span style=...> in its own labels (no DOM HTML)
HTML_TAGS = {
    "a", "abbr", "address", "area", "article", "aside", "audio", "base", "bdi", "bdo", "blockquote", "body",
    "button", "canvas", "caption", "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del",
    "details", "dfn", "dialog", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "iframe",
    "img", "input", "ins", "kbd", "label", "legend", "li", "link", "main", "map", "mark", "menu", "meta",
    "meter", "nav", "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "picture",
    "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "script", "search", "section", "select", "slot",
    "small", "source", "span", "strong", "style", "sub", "summary", "sup", "svg", "table", "tbody", "td",
    "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "u", "ul", "var", "video",
    "wbr",
}
# An opening or closing tag: '<div', '</span>', '<p ', '<style>'; not a regex group name '(?P<head>'.
TAG = re.compile(r"(?<!\?P)<\s*/?\s*([A-Za-z][A-Za-z0-9]*)(?=[\s>/])")

def python_files() -> list[Path]:
    return sorted(p for folder in PYTHON_FOLDERS for p in (ROOT / folder).rglob("*.py"))


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes (documentation, never sent to a page)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                out.add(id(first.value))
    return out


def string_literals(source: str) -> list[str]:
    """Every string literal of a module but its docstrings; an f-string as its text with {} for each field."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skip |= {id(v) for v in node.values}
            out.append("".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            out.append(node.value)
    return out


def html_tags(source: str) -> set[str]:
    """The HTML tags (lower case) written in the module's strings, plotly's own left out."""
    return {t for s in string_literals(source) for t in (m.lower() for m in TAG.findall(s))
            if t in HTML_TAGS and t not in PLOTLY_TAGS}


def test_no_html_tag_in_a_python_string():
    found = {}
    for path in python_files():
        rel = path.relative_to(ROOT).as_posix()
        tags = html_tags(path.read_text(encoding="utf-8"))
        if tags:
            found[rel] = sorted(tags)
    assert not found, f"HTML in Python strings (move it to a template in strait_watch/templates): {found}"


def test_the_tag_check_catches_f_string_html_and_spares_plotly_and_docstrings():
    bad = '''
def f(x, colour):
    """Wrapped in <mark> and <div> (a docstring: allowed)."""
    a = f"<div class='q' style='color:{colour}'>{x}</div>"
    b = "<style>.a{color:red}</style>"
    c = "<ul>" + "".join(f"<li>{i}</li>" for i in x) + "</ul>"
    d = f"<p class='empty'>{x}</p>" + f'<span title="{x}">' + "<section>"
    return "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>", "<i>x</i>", re.compile(r"(?P<head>.*)")
'''
    assert html_tags(bad) == {"div", "style", "ul", "li", "p", "section"}  # a plotly-style <span> is allowed
    assert html_tags('hover = "<b>%{y}</b><br>%{x}<extra></extra>"\nx = "a < b and c <= d"') == set()


# ---------------------------------------------------------------- one environment, and only rendered HTML reaches the page

def test_core_html_is_the_only_jinja_environment():
    users = [p.relative_to(ROOT).as_posix() for p in python_files()
             if re.search(r"^\s*(from|import) jinja2\b", p.read_text(encoding="utf-8"), re.M)]
    assert users == ["strait_watch/core/html.py"]


def _is_literal_html(node: ast.AST) -> bool:
    """A string built in place: a literal, an f-string, a concatenation, a .join or .format of one."""
    if isinstance(node, (ast.JoinedStr, ast.BinOp)) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return True
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("join", "format")
            and isinstance(node.func.value, (ast.Constant, ast.JoinedStr)))


def test_html_reaching_streamlit_is_rendered_not_built_in_place():
    found = []
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
                continue
            unsafe = any(k.arg == "unsafe_allow_html" and not (isinstance(k.value, ast.Constant) and not k.value.value)
                         for k in node.keywords)
            if (node.func.attr == "html" or (node.func.attr == "markdown" and unsafe)) and _is_literal_html(node.args[0]):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, f"HTML built in place for st.html / unsafe_allow_html (render a template): {found}"

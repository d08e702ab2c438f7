"""Text stays text, blank lines included (issue 25): an event whose title, summary and quote carry a blank line
followed by a Markdown image, a Markdown link, HTML and Markdown emphasis and code is shown literally wherever
it appears — the evidence panel (chart mode and story card), the Evidence records, the event lists, the tables,
Present's event slide, the charts' hover text and the offline HTML pack — and nothing in it becomes an image, a
link or markup.

A blank line used to end the HTML block the evidence panel and the records send through st.markdown, so the rest
was read as Markdown: the browser fetched the image and showed a live link. The Markdown Streamlit renders is
checked here with markdown-it (CommonMark, HTML on: the HTML-block rule is the same), the HTML elements as they
are. Expected strings are written by hand from the payload.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest
from apps import new_app
from markdown_it import MarkdownIt
from text_payload import EVENT, MARKUP, PAYLOAD, SEEN, SEEN_IN_QUOTE, make_text_payload_package

from strait_watch.briefing.html import build_html_pack
from strait_watch.briefing.model import Brief
from strait_watch.briefing.pack import prepare_pack
from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.filters import Filters

WJ = "\u2060"  # core.text's invisible word joiner (stops GFM autolinks)
MARKDOWN = MarkdownIt("commonmark")  # html on, as Streamlit's st.markdown(unsafe_allow_html=True)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """(data, corpus): the fixture with the event's title, summary and quote set to PAYLOAD (tests/text_payload.py)."""
    data, corpus = make_text_payload_package(tmp_path_factory.mktemp("hostile"))
    ds = load_dataset(data, corpus)  # a valid package, quotes checked
    assert ds.events.set_index("id").at[EVENT, "title"] == PAYLOAD
    return data, corpus


def visible(rendered_html: str) -> str:
    """The text a browser shows for this HTML: tags dropped, entities resolved, blank space collapsed."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", rendered_html)).replace(WJ, "")
    return " ".join(text.split())


def assert_inert(rendered_html: str, where: str) -> None:
    """No image, no link and no markup taken from the payload: the <b> and the backticks stay characters."""
    assert "<img" not in rendered_html, f"{where}: an image: {rendered_html[:400]}"
    assert not re.search(r"<a[\s>]", rendered_html), f"{where}: a link: {rendered_html[:400]}"
    assert "<b>b</b>" not in rendered_html and "<code>c</code>" not in rendered_html, f"{where}: markup: {rendered_html[:400]}"


def shown(at) -> list[tuple[str, str]]:
    """(where, HTML) of everything the run drew that carries text: Markdown elements rendered, tables' cells (st.table
    renders each as Markdown), button labels, and st.html bodies as they are."""
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success"):
        out += [(kind, MARKDOWN.render(e.value)) for e in getattr(at, kind)]
    for table in at.table:
        frame = table.value
        cells = [*frame.columns, *frame.index, *frame.to_numpy().ravel().tolist()]
        out += [("table", MARKDOWN.render(c)) for c in cells if isinstance(c, str)]
    out += [("button", MARKDOWN.render(b.label)) for b in at.button]
    out += [("html", e.proto.body) for e in at.get("html")]
    return out


def check_page(at, *expected: str) -> None:
    """The run raised nothing, nothing it drew is an image, a link or markup from the payload, and each expected
    text is read literally somewhere on the page."""
    assert not at.exception, [e.value for e in at.exception]
    parts = shown(at)
    for where, rendered in parts:
        assert_inert(rendered, where)
    texts = [visible(rendered) for _, rendered in parts]
    for text in expected:
        assert any(text in t for t in texts), f"not shown literally: {text!r}"


def figures(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_the_payload_is_markdown_that_would_fetch_and_link():
    """The test's premise: rendered as Markdown as it stands, the payload makes an image, a link and markup."""
    out = MARKDOWN.render(PAYLOAD)
    assert '<img src="http://example.com/x.png"' in out and '<a href="http://e.com">' in out and "<b>b</b>" in out
    # ... and inside an HTML block, the blank line ends the block: the old evidence quote did exactly this.
    old_quote = MARKDOWN.render(f'<div class="sw-quote">{html.escape(PAYLOAD, quote=False)}</div>')
    assert '<img src="http://example.com/x.png"' in old_quote


def test_timeline_evidence_panel_and_lists(hostile):
    data, corpus = hostile
    at = new_app(data, corpus, event=EVENT)
    at.run()
    at.switch_page("app_pages/timeline.py").run()
    assert at.selectbox(key="event").value == EVENT  # the panel is open on the event
    check_page(at, SEEN, SEEN_IN_QUOTE)  # title and summary; the quote
    hover = json.dumps(figures(at))
    assert "\\u003cb\\u003eb" not in hover and "<b>b</b>" not in hover  # plotly draws <b>: escaped in its hover
    assert "&lt;b&gt;b&lt;/b&gt;" in hover


def test_story_card(hostile):
    data, corpus = hostile
    at = new_app(data, corpus, event=EVENT, mode="story")
    at.run()
    at.switch_page("app_pages/timeline.py").run()
    assert at.session_state["event"] == EVENT
    check_page(at, SEEN, SEEN_IN_QUOTE)


def test_evidence_records(hostile):
    data, corpus = hostile
    at = new_app(data, corpus, q=EVENT)  # the record's id finds it: the records table shows it first
    at.run()
    at.switch_page("app_pages/evidence.py").run()
    records = [e.value for e in at.markdown if 'class="sw-ev"' in e.value]
    assert len(records) == 1 and not re.search(r"\n[ \t]*(\n|$)", records[0])  # no blank line ends the HTML block
    check_page(at, SEEN)  # title, summary and quote (search highlighting only: the quote's *i* stays as typed)


def test_overview_tables_and_lists(hostile):
    data, corpus = hostile
    at = new_app(data, corpus, **{"from": "2021-04-01", "to": "2021-04-30"})
    at.run()
    check_page(at, SEEN)


def test_present_event_slide(hostile):
    data, corpus = hostile
    at = new_app(data, corpus, key_events=EVENT, slide=f"event:{EVENT}")
    at.run()
    at.switch_page("app_pages/present.py").run()
    assert at.session_state["slide"] == f"event:{EVENT}"
    # Slides carry the article's text without its emphasis markers (core.text.plain, as in the deck): headline,
    # summary and quote read "… i `c`", the rest of the payload as typed.
    check_page(at, SEEN_IN_QUOTE)


def test_offline_html_pack(hostile):
    data, corpus = hostile
    ds = load_dataset(data, corpus)
    pack = prepare_pack(ds, Filters(), Brief(events=(EVENT,)))
    page = build_html_pack(ds, Filters(), exported_at=dt.datetime(2026, 1, 1), pack=pack)
    assert "http://example.com/x.png" in page  # the payload is there, as text
    assert not re.search(r"<img[^>]*example\.com", page) and 'href="http://e.com"' not in page
    assert "<b>b</b>" not in page and "&lt;b&gt;b&lt;/b&gt;" in page
    for view in pack.views:  # the charts' own text is escaped for plotly, which draws <a> and <b>
        if view.figure is not None:
            text = json.dumps(view.figure.to_plotly_json(), default=str)
            assert MARKUP not in text and "<b>b</b>" not in text, view.key


CHART_VIEWS = {  # page, link: every plotly chart the pages and Present draw from the data
    "timeline by category": ("app_pages/timeline.py", {}),
    "timeline by actor": ("app_pages/timeline.py", {"lanes": "actors"}),
    "story": ("app_pages/timeline.py", {"mode": "story", "event": EVENT}),
    "overview": ("app_pages/overview.py", {}),
    "agreements": ("app_pages/agreements.py", {}),
    **{f"present {slide}": ("app_pages/present.py", {"slide": slide}) for slide in ("timeline", "network")},
}


@pytest.mark.parametrize("page, link", CHART_VIEWS.values(), ids=CHART_VIEWS.keys())
def test_chart_text_is_never_markup(hostile, page, link):
    """Plotly draws links and bold in its text (titles, ticks, legends, hover, annotations): names from the data
    reach it escaped, so `<a href=…>` and `<b>` show as characters."""
    data, corpus = hostile
    at = new_app(data, corpus, **link)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    specs = [c.proto.spec for c in at.get("plotly_chart")]
    assert specs, "no chart drawn"
    text = json.dumps([json.loads(spec) for spec in specs])  # one form of every string, whatever plotly escaped
    assert "e.com" in text or page != "app_pages/timeline.py", "the payload's names are not in the charts"
    for raw in (MARKUP, '<a href=\\"http://e.com\\">', "<b>b</b>"):
        assert raw not in text, f"{raw} reaches plotly as markup"


@pytest.mark.parametrize("slide", ["matrix", "statements", "consensus"])
def test_present_tables_are_text(hostile, slide):
    """Present draws these views as st.table, which reads cells, row names and headings as Markdown."""
    data, corpus = hostile
    at = new_app(data, corpus, slide=slide)
    at.run()
    at.switch_page("app_pages/present.py").run()
    assert at.table, "no table drawn"
    check_page(at, MARKUP)  # the names after which MARKUP was written read as typed

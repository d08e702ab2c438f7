"""Text from a URL or the data never becomes Markdown: no link, image or autolink in the notice, the Evidence
empty-search message and the captions that quote the filters (sidebar summary, Evidence count, Present);
offending values are shortened. Expected strings are written by hand."""

import html
import re
import shutil

import pytest
from apps import new_app
from markdown_it import MarkdownIt
from paths import FIXTURE_CORPUS, FIXTURE_DIR
from streamlit.testing.v1 import AppTest

from strait_watch.core.text import escape_markdown, shorten

IMAGE = "![x](http://example.invalid/p.png)"
LINK = "[Session expired, sign in](http://example.invalid/login)"
WJ = "\u2060"  # word joiner: breaks GFM's bare-URL autolinks, invisible
IMAGE_ESCAPED = r"\!\[x\]\(http:" + WJ + r"//example.invalid/p.png\)"
LINK_ESCAPED = r"\[Session expired, sign in\]\(http:" + WJ + r"//example.invalid/login\)"


def html_of(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


def shown(markdown: str) -> str:
    """What a reader sees: the rendered text without tags."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_of(markdown))).replace(WJ, "")


def assert_inert(markdown: str) -> None:
    """No link or image once rendered, and no bare URL that GFM would autolink."""
    out = html_of(markdown)
    assert "<a " not in out and "<img" not in out, out
    assert not re.search(r"(?i)://|www\.|\w@", markdown), markdown


def app(data=FIXTURE_DIR, **params) -> AppTest:
    return new_app(data, FIXTURE_CORPUS, **params)


def test_escape_markdown_by_hand():
    assert escape_markdown(IMAGE) == IMAGE_ESCAPED
    assert escape_markdown("*a* _b_ `c` <b> $x$ ~~d~~ | #") == r"\*a\* \_b\_ \`c\` \<b\> \$x\$ \~\~d\~\~ \| \#"
    assert escape_markdown("www.example.org a@b.org FTP://c") == f"www{WJ}.example.org a{WJ}@b.org FTP:{WJ}//c"
    assert escape_markdown("- item\n# heading") == r"\- item \# heading"  # no list, no heading, one line
    assert escape_markdown("2021. Year") == r"2021\. Year" and escape_markdown("+ x 1. y") == r"\+ x 1. y"
    assert escape_markdown("x" * 100, limit=60) == "x" * 59 + "…"
    assert shorten("y" * 10_000) == "y" * 59 + "…" and shorten("short") == "short"
    for payload in (IMAGE, LINK, "see http://example.invalid/a or www.example.invalid"):
        assert_inert(escape_markdown(payload))
    assert html_of(escape_markdown("*Not* [a](b)")) == "<p>*Not* [a](b)</p>\n"  # reads literally


@pytest.mark.parametrize("payload, escaped", [(IMAGE, IMAGE_ESCAPED), (LINK, LINK_ESCAPED)])
def test_link_notice_escapes_a_parameter_value(payload, escaped):
    at = app(actor=payload)
    at.run()
    assert not at.exception
    notice = at.warning[0].value
    assert escaped in notice
    assert f"Ignored unknown actor value(s): '{payload}'" in shown(notice)  # the reader sees the payload as text
    assert_inert(notice)


def test_link_notice_escapes_an_unknown_parameter_name():
    at = app(**{IMAGE: "1"})
    at.run()
    notice = at.warning[0].value
    assert IMAGE_ESCAPED in notice and f"Ignored unknown URL parameter(s): '{IMAGE}'" in shown(notice)
    assert_inert(notice)


def test_link_notice_shortens_huge_values():
    at = app(actor="A" * 10_000, **{"from": "9" * 5_000, "B" * 3_000: "1"})
    at.run()
    notice = at.warning[0].value
    text = shown(notice)
    assert "'" + "A" * 59 + "…'" in text
    assert "from=" + "9" * 59 + "…'" in text
    assert "'" + "B" * 59 + "…'" in text
    assert len(notice) < 600


@pytest.mark.parametrize("payload, escaped", [(IMAGE, IMAGE_ESCAPED), (LINK, LINK_ESCAPED)])
def test_evidence_empty_search_escapes_the_query(payload, escaped):
    at = app(q=payload)
    at.switch_page("app_pages/evidence.py").run()
    assert not at.exception
    message = at.info[0].value
    assert message.startswith(f"**Nothing matches “{escaped}”.**")
    assert shown(message).startswith(f"Nothing matches “{payload}”.")
    assert_inert(message)


def test_evidence_empty_search_shortens_a_long_query():
    at = app(q="Z" * 5_000)
    at.switch_page("app_pages/evidence.py").run()
    assert "“" + "Z" * 59 + "…”" in at.info[0].value


NAME = "Australia *bold* [Session expired](http://example.invalid/x) ![p](http://example.invalid/p.png)"
NAME_ESCAPED = (r"Australia \*bold\* \[Session expired\]\(http:" + WJ + r"//example.invalid/x\) "
                r"\!\[p\]\(http:" + WJ + r"//example.invalid/p.png\)")


@pytest.fixture
def hostile_names(tmp_path):
    """The fixture package with the actor Australia renamed to a Markdown payload."""
    data = tmp_path / "mini"
    shutil.copytree(FIXTURE_DIR, data)
    actors = data / "actors.csv"
    text = actors.read_text(encoding="utf-8")
    assert "\naustralia,Australia," in text
    actors.write_text(text.replace("\naustralia,Australia,", f'\naustralia,"{NAME}",'), encoding="utf-8")
    return data


def test_captions_quoting_the_filters_escape_data_text(hostile_names):
    at = app(hostile_names, actor=NAME)
    at.run()
    assert not at.exception and not at.warning  # the label is a valid filter value
    summary = [c.value for c in at.sidebar.caption if c.value.startswith("Actors")]
    assert summary == [f"Actors: {NAME_ESCAPED}"] and shown(summary[0]) == f"Actors: {NAME}\n"
    assert_inert(summary[0])

    at.switch_page("app_pages/evidence.py").run()
    count = [c.value for c in at.caption if " records, newest first · " in c.value]
    assert len(count) == 1 and count[0].endswith(f" records, newest first · Actors: {NAME_ESCAPED}")
    assert_inert(count[0])

    at.switch_page("app_pages/present.py")
    at.query_params["slide"] = "Timeline"
    at.run()
    assert not at.exception
    present = [c.value for c in at.main.caption if NAME_ESCAPED in c.value]
    assert present == [NAME_ESCAPED]  # issue 28: the scope in words (the actor's name), no "Filters:" jargon
    assert_inert(present[0])


@pytest.mark.parametrize("text, shown, plain_text", [
    ("the *status quo* in the Strait", "the <em>status quo</em> in the Strait", "the status quo in the Strait"),
    ("the **Coast Guard Act** passed", "the <em>Coast Guard Act</em> passed", "the Coast Guard Act passed"),
    ("<b>*x*</b> & 2 * 3", "&lt;b&gt;<em>x</em>&lt;/b&gt; &amp; 2  3", "<b>x</b> & 2  3"),
    ("no emphasis", "no emphasis", "no emphasis"),
])
def test_article_emphasis_is_rendered_or_removed_never_shown(text, shown, plain_text):
    from strait_watch.core.text import emphasis_html, plain, quote_html
    assert emphasis_html(text) == shown
    assert plain(text) == plain_text
    assert shown in quote_html(text) and "*" not in quote_html(text)

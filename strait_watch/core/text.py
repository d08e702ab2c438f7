"""Text from the data, a link or an article as text: escaped for Markdown or HTML, shortened, plain.

The one home of escaping (STYLE.md "Text is text"): Markdown from data or links goes through `escape_markdown`,
HTML through the templates of core.html (autoescaped), plotly's hover and label text through `escape_html`.
Pure: no streamlit.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from strait_watch.core.html import emphasis, emphasis_parts, render
from strait_watch.core.style import PAGE_BACKGROUND, QUOTE_RULE, QUOTE_TEXT

SHOWN_CHARS = 60  # a link value longer than this is shortened in a notice

# Markdown's active characters, and "-", "+" or "1." at the start (a list). Quotes, commas, ":" and "." stay as they
# are so a message still reads plainly in its source.
_MARKDOWN_PUNCTUATION = re.compile(r"[\\`*_{}\[\]()<>#!|$~&]|^[-+]|^\d{1,9}\.")
# GFM autolinks bare URLs, www. names and e-mail addresses *after* escapes are resolved (mdast-util-gfm-autolink-
# literal rewrites the text), so backslashes cannot stop them: an invisible WORD JOINER (U+2060) inside
# "://", "www." and before "@" does.
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?=@)")
WORD_JOINER = "\u2060"


def escape_html(text) -> str:
    """Text from the data as HTML text (plotly hover and labels render HTML): never markup."""
    return html.escape(str(text), quote=False)


def shorten(text, limit: int = 60) -> str:
    """`text` cut to `limit` characters with an ellipsis, for quoting a possibly huge value in a message."""
    text = str(text)
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def escape_markdown(text, limit: int | None = None) -> str:
    """Text from the data or a URL shown literally in Streamlit markdown: no emphasis, link, image, autolink,
    HTML, LaTeX or directive; line breaks become spaces. With `limit`, text longer than that many characters
    is cut to it with an ellipsis (notices quote offending values, which may be 10 KB long).

    Active characters are backslash-escaped (CommonMark lets any ASCII punctuation be); bare URLs, www. names
    and e-mail addresses get an invisible word joiner so GFM does not turn them into links."""
    text = " ".join(str(text).splitlines())
    if limit is not None:
        text = shorten(text, limit)
    text = _MARKDOWN_PUNCTUATION.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], text)
    return _AUTOLINK.sub(WORD_JOINER, text)


def plain(text: str) -> str:
    """Article text without Markdown emphasis markers ('*status quo*' -> 'status quo'); stray '*' go too."""
    return "".join(piece for piece, _ in emphasis_parts(text))


def emphasis_html(text: str) -> str:
    """Article text as escaped HTML with its emphasis rendered ('*status quo*' as emphasis): the `emphasis`
    filter of core.html."""
    return str(emphasis(text))


def quote_html(text: str) -> str:
    """A verbatim quote in QUOTE_TEXT with a rule on its left (escaped: data is never markup; the article's
    emphasis rendered), with no blank line for st.markdown (`html_for_markdown`). A div, not a blockquote:
    Streamlit greys blockquotes out below AA contrast."""
    return html_for_markdown(render("quote.html.j2", text=text, rule=QUOTE_RULE, color=QUOTE_TEXT,
                                    background=PAGE_BACKGROUND))


def html_for_markdown(html: str) -> str:
    """Rendered (escaped) HTML made safe for st.markdown(unsafe_allow_html=True): without blank lines. Markdown keeps
    an HTML block raw only up to its first blank line (CommonMark: empty, or only spaces and tabs); a blank line in
    the data (a quote, a title) would end the block and the rest would be read as Markdown again (an image fetched,
    a live link). A line of blank space shows as nothing in HTML, so dropping it changes nothing on the page."""
    return "\n".join(line for line in html.splitlines() if line.strip(" \t"))


def shown(value: str) -> str:
    """A URL value as safe Markdown text for a notice: one line, at most SHOWN_CHARS characters, escaped."""
    return escape_markdown(" ".join(str(value).split()), limit=SHOWN_CHARS)


def literal_cells(table: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text reads literally in st.table, which renders every cell, row label and heading as Markdown
    (a title with `*`, `_` or `$` must not turn into emphasis or a formula there). Text cells are escaped even in
    a column that also holds numbers or blanks; other values stay as they are."""
    def literal(values: list) -> list:
        return [escape_markdown(v) if isinstance(v, str) else v for v in values]

    out = table.copy()
    for col in out.columns:
        values = out[col].tolist()
        if any(isinstance(v, str) for v in values):
            out[col] = literal(values)
    if any(isinstance(v, str) for v in out.index):
        out.index = pd.Index(literal(out.index.tolist()), name=out.index.name)
    out.columns = pd.Index(literal(out.columns.tolist()), name=out.columns.name)
    return out


_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def plural(n: int, word: str, plural: str | None = None) -> str:
    """'1 event', '3 events'."""
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def count_word(n: int) -> str:
    """'three' for 3 (words up to ten, digits beyond)."""
    return _WORDS[n] if n < len(_WORDS) else str(n)


def and_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def slug(text) -> str:
    """'Agreement matrix 2021' -> 'agreement-matrix-2021': lower-case letters and digits joined by '-' (file names)."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).casefold()).strip("-")

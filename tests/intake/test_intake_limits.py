"""The intake's limits (issue 25): the size cap, hard-wrapped text read in one pass with bounded sentences,
line breaks and invisible characters in pasted text, and an article date that names a day on its own.
Expected values are written by hand."""

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import FIXTURE_CORPUS, FIXTURE_DIR

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.sentences import MAX_SENTENCE_CHARS, unwrap
from strait_watch.intake.article import chars_of, read_article
from strait_watch.intake.datefind import parse_published
from strait_watch.intake.known import frames_of
from strait_watch.intake.model import IntakeError, Meta
from strait_watch.intake.suggest import suggest
from strait_watch.intake.text import sentences

TODAY = dt.date(2025, 6, 15)
EXAMPLES = "write the date the article prints, such as 2021-08-27, 27 August 2021, August 2021 or 2021"
PADDING = " This sentence only pads the article to a readable length for the reader and the test." * 3


# ---------------------------------------------------------------- unwrap: hard-wrapped lines, joined once


def test_unwrap_joins_hard_wrapped_prose_and_keeps_complete_lines():
    paragraph = ("  The ministers met in Tokyo\n"
                 "on Friday and agreed\n"
                 "\n"
                 "   to talk again.\n"
                 "A heading line ends here:\n"
                 "\"We will talk again.\"\n"
                 "They (both) said so (twice)\n"
                 "No stop at the end")
    assert unwrap(paragraph) == ["The ministers met in Tokyo on Friday and agreed to talk again.",
                                 "A heading line ends here:",
                                 "\"We will talk again.\"",
                                 "They (both) said so (twice)",
                                 "No stop at the end"]


def test_a_table_row_stands_alone_between_prose_lines():
    paragraph = ("Table 2 Japan's partners\n"
                 "Partner | GSOMIA | RAA\n"
                 "Australia | 2012 | X\n"
                 "Pen\tGSOMIA\t2013\n"
                 "Below the table the text\n"
                 "runs on.")
    assert unwrap(paragraph) == ["Table 2 Japan's partners", "Partner | GSOMIA | RAA", "Australia | 2012 | X",
                                 "Pen\tGSOMIA\t2013", "Below the table the text runs on."]


def test_a_long_hard_wrapped_run_without_a_full_stop_is_one_line_with_every_word():
    # 300 kB of 72-character lines, none ending a sentence: the case that took minutes.
    line = "the coast guards of the two sides kept talking about the fishing grounds"  # 72 characters
    paragraph = "\n".join([line] * 4_200)
    (joined,) = unwrap(paragraph)
    assert len(paragraph) > 300_000
    assert joined == " ".join([line] * 4_200)


def test_sentences_of_a_run_without_full_stops_are_bounded_and_lose_nothing():
    line = "the coast guards of the two sides kept talking about the fishing grounds"
    found = sentences("\n".join([line] * 4_200))
    assert max(len(s.text) for s in found) <= MAX_SENTENCE_CHARS == 2_000
    assert " ".join(s.text for s in found) == " ".join([line] * 4_200)  # verbatim, cut only between words
    assert {s.paragraph for s in found} == {0}


def test_a_long_line_of_real_sentences_still_splits_at_each_full_stop():
    text = "Mr. Abe met Lo in Tokyo. They talked about the sea. " * 300  # one 15,600-character line
    found = [s.text for s in sentences(text)]
    assert found == ["Mr. Abe met Lo in Tokyo.", "They talked about the sea."] * 300


@settings(derandomize=True, max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Japan and Taiwan met", "in 2021.", "The talks", "ran on", "x | y | z", "",
                                 "  indented words", "a\tb\tc", "“Quoted.”", "Done:"]), max_size=40))
def test_unwrap_keeps_every_word_in_order(lines):
    words = [w for line in lines for w in line.split()]
    assert [w for line in unwrap("\n".join(lines)) for w in line.split()] == words


# ---------------------------------------------------------------- the size cap


def test_an_article_at_the_cap_is_read_and_one_character_more_is_refused():
    at_cap = "word " * 39_999 + "words"
    assert len(read_article(at_cap.encode(), "long.txt")) == 200_001  # the text and its final line break
    with pytest.raises(IntakeError) as err:
        read_article((at_cap + "s").encode(), "long.txt")
    assert str(err.value) == ("long.txt: 200,001 characters of text; an article may have at most 200,000 (about"
                              " 30,000 words). Keep the part of the text you mean to quote and add that")


def test_a_file_over_five_megabytes_is_refused_before_it_is_read():
    with pytest.raises(IntakeError) as err:
        read_article(b"<html>" + b" " * (6 * 1024 * 1024 - 6), "page.html")
    assert str(err.value) == ("page.html: a file of 6,291,456 bytes (6.0 MB); a file may have at most 5 MB"
                              " (5,242,880 bytes). Save the article's text alone (.txt) and add that")


def test_the_cap_counts_characters_as_read():
    assert chars_of("  a\r\nb\rc  \n") == 5  # "a\nb\nc"
    assert chars_of("\n\n") == 0


# ---------------------------------------------------------------- line breaks and invisible characters


@pytest.mark.parametrize(("raw", "lines"), [
    (b"one two three\r\nfour five six\r\n", ["one two three", "four five six"]),  # Windows
    (b"one two three\rfour five six\r", ["one two three", "four five six"]),  # old Mac: CR only
    (b"one two three\r\nfour five six\rseven\neight", ["one two three", "four five six", "seven", "eight"]),  # mixed
    ("one two three\u2028four five six\x0cseven".encode(), ["one two three", "four five six", "seven"]),
    ("one two three\u2029four five six".encode(), ["one two three", "", "four five six"]),  # a paragraph break
    ("one two three\x85four".encode(), ["one two three", "four"]),  # NEL
])
def test_line_breaks_in_any_form_become_one(raw, lines):
    text = read_article(PADDING.strip().encode() + b"\n" + raw, "pasted text")
    assert text.split("\n")[1:] == [*lines, ""]  # the text ends with one line break


@pytest.mark.parametrize(("raw", "message"), [
    (b"The talks ran on.\nThe \x00talks" + PADDING.encode(),
     "pasted text, line 2, column 5: U+0000, an invisible control character"),
    ("Japan said\ufffe so.".encode() + PADDING.encode(),
     "pasted text, line 1, column 11: U+FFFE, a non-character (XML and the exports refuse it)"),
    ("Japan said so.\r\n\r\nTaiwan \uffff agreed.".encode() + PADDING.encode(),
     "pasted text, line 3, column 8: U+FFFF, a non-character (XML and the exports refuse it)"),
    ("It\u0092s a \x07test \x1b of bytes.".encode() + PADDING.encode(),
     "pasted text, line 1, column 3: U+0092, an invisible control character (3 such characters in the text)"),
    (b"Delete\x7f" + PADDING.encode(), "pasted text, line 1, column 7: U+007F, an invisible control character"),
])
def test_invisible_characters_are_refused_where_they_are(raw, message):
    with pytest.raises(IntakeError) as err:
        read_article(raw, "pasted text")
    assert str(err.value) == (message + "; an article is plain text: delete them and try again (they often come"
                              " from copying out of a PDF)")


def test_tabs_survive_and_many_controls_are_a_binary_file():
    assert "Partner\tGSOMIA\tRAA" in read_article(b"Partner\tGSOMIA\tRAA\n" + PADDING.encode(), "t.txt")
    with pytest.raises(IntakeError, match=re.escape("t.bin: 40 control characters: this looks like a binary file")):
        read_article(b"\x01\x02\x03\x04" * 10 + PADDING.encode(), "t.bin")


# ---------------------------------------------------------------- the article's date


@pytest.mark.parametrize("value", ["next tuesday", "yesterday", "in 3 days", "last week", "Today", "2 weeks ago",
                                   "this month", "tomorrow morning"])
def test_a_relative_article_date_is_refused(value):
    with pytest.raises(IntakeError) as err:
        parse_published(value, TODAY)
    assert str(err.value) == f"article date '{value}' is relative: it names no day on its own; {EXAMPLES}"


@pytest.mark.parametrize(("value", "message"), [
    ("27 Aug", "article date '27 Aug' cannot be read as a date (no year in four digits)"),
    ("27 Aug 21", "article date '27 Aug 21' cannot be read as a date (no year in four digits)"),
    ("August 2021 or 2022", "article date 'August 2021 or 2022' cannot be read as a date (more than one year)"),
    ("1899", "article date '1899' is before 1900: an article's date is from 1900 to today"),
    ("12 June 1850", "article date '12 June 1850' is before 1900: an article's date is from 1900 to today"),
    ("2025-06-16", "article date '2025-06-16' is after today (2025-06-15): an article's date is from 1900 to today"),
    ("July 2025", "article date 'July 2025' is after today (2025-06-15): an article's date is from 1900 to today"),
    ("2100", "article date '2100' is after today (2025-06-15): an article's date is from 1900 to today"),
    ("2021-02-30", "article date '2021-02-30': no such date"),
])
def test_an_article_date_without_its_own_day_or_out_of_bounds_is_refused(value, message):
    with pytest.raises(IntakeError) as err:
        parse_published(value, TODAY)
    assert str(err.value) == f"{message}; {EXAMPLES}"


@pytest.mark.parametrize(("value", "iso"), [
    ("2021-08-27", "2021-08-27"), ("27 August 2021", "2021-08-27"), ("August 2021", "2021-08"), ("2021", "2021"),
    ("Friday, August 27, 2021", "2021-08-27"), ("Sept. 2021", "2021-09"), ("1900", "1900"),
    ("2025-06-15", "2025-06-15"), ("June 2025", "2025-06"), ("2025", "2025"),  # this year and month: not after today
])
def test_an_article_date_that_names_its_day_month_or_year_is_read(value, iso):
    assert parse_published(value, TODAY) == iso


def test_an_estimated_date_ignores_years_the_article_looks_forward_to():
    frames = frames_of(load_dataset(FIXTURE_DIR, FIXTURE_CORPUS))
    text = "By 2035 the fleet will double. In March 2021 the Lantern Party met." + PADDING
    found = suggest(text, Meta(title="Forward"), frames, today=TODAY)
    assert found.source["published_estimate"] == "2021-03"
    with pytest.raises(IntakeError, match="is relative"):
        suggest(text, Meta(title="Forward", published="last week"), frames, today=TODAY)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=400),
                 st.text(st.characters(codec="utf-8"), max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
                 st.lists(st.sampled_from(["Japan and Taiwan met in 2021.", "\r\n", "\r", "\n", "\x00", "\ufffe",
                                           "\u2028", "\x0c", "\t", "word ", "\x85", "\udc80", "<p>"]),
                          max_size=120).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))))
def test_any_bytes_are_read_as_plain_text_or_refused_with_a_message(raw):
    try:
        text = read_article(raw, "pasted text")
    except IntakeError as err:
        assert str(err).startswith("pasted text")
        return
    assert not re.search("[\r\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\u2028\u2029]", text)  # "\n" and "\t" only
    assert text.endswith("\n") and len(text.split()) >= 20
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences(text))

"""The one partial-date module: parse, precision, span, the in-range / may-be-in-range rule, labels, order."""

import pandas as pd
import pytest

from strait_watch.core import dates

T = pd.Timestamp


@pytest.mark.parametrize("text, precision, first, last", [
    ("2021", "year", "2021-01-01", "2021-12-31"),
    ("2021-08", "month", "2021-08-01", "2021-08-31"),
    ("2021-02", "month", "2021-02-01", "2021-02-28"),
    ("2020-02", "month", "2020-02-01", "2020-02-29"),
    ("2021-08-27", "day", "2021-08-27", "2021-08-27"),
    ("2020-02-29", "day", "2020-02-29", "2020-02-29"),
    (" 2021-12 ", "month", "2021-12-01", "2021-12-31"),
])
def test_parse_precision_span(text, precision, first, last):
    assert dates.parse(text) is not None
    assert dates.precision(text) == precision
    assert dates.span(text) == (T(first), T(last))


@pytest.mark.parametrize("text", ["2021-02-30", "2021-02-29", "2021-13", "2021-00", "2021-04-31", "21", "2021-8",
                                  "2021/08/27", "Aug 2021", "", None, "2021-08-27T10:00"])
def test_bad_dates_are_rejected(text):
    assert dates.parse(text) is None
    assert dates.precision(text) is None
    assert dates.span(text) is None


@pytest.mark.parametrize("text, end, first, last", [
    ("2021-07-03", "2021-07-06", "2021-07-03", "2021-07-06"),
    ("2021-07", "2021-09", "2021-07-01", "2021-09-30"),
    ("2020", "2021", "2020-01-01", "2021-12-31"),
    ("2021-07-03", "", "2021-07-03", "2021-07-03"),
])
def test_span_includes_end_date(text, end, first, last):
    assert dates.span(text, end) == (T(first), T(last))


def test_span_with_bad_end_date_is_none():
    assert dates.span("2021-07-03", "2021-07-32") is None


AUG = ("2021-08-01", "2021-08-31")


@pytest.mark.parametrize("text, end, lo, hi, inside, maybe", [
    # day
    ("2021-08-27", "", *AUG, True, False),
    ("2021-07-31", "", *AUG, False, False),
    ("2021-08-31", "", *AUG, True, False),  # the last day counts
    # month
    ("2021-08", "", *AUG, True, False),
    ("2021-08", "", "2021-08-01", "2021-08-15", False, True),
    ("2021-09", "", *AUG, False, False),
    # year
    ("2021", "", *AUG, False, True),
    ("2021", "", "2021-01-01", "2021-12-31", True, False),
    ("2020", "", *AUG, False, False),
    # end_date
    ("2021-08-30", "2021-09-02", *AUG, False, True),
    ("2021-08-02", "2021-08-05", *AUG, True, False),
    ("2021-07", "2021-08", *AUG, False, True),
    # open bounds
    ("2021", "", None, "2021-08-31", False, True),
    ("2021", "", "2021-01-01", None, True, False),
    ("2021", "", None, None, True, False),
])
def test_in_range_rule(text, end, lo, hi, inside, maybe):
    first, last = dates.span(text, end)
    assert dates.in_range([first], [last], lo, hi).tolist() == [inside]
    assert dates.may_be_in_range([first], [last], lo, hi).tolist() == [maybe]
    assert dates.overlaps([first], [last], lo, hi).tolist() == [inside or maybe]


@pytest.mark.parametrize("text, end, basis, expected", [
    ("2021-01-12", "", "stated", "12 Jan 2021"),
    ("2021-01-12", "", None, "12 Jan 2021"),
    ("2021-08-27", "", "inferred", "27 Aug 2021 (inferred from the article)"),
    ("2020-11", "", "stated", "Nov 2020 (month only)"),
    ("2021-12", "", "inferred", "Dec 2021 (month inferred from the article)"),
    ("2021", "", "stated", "2021 (year only)"),
    ("2021", "", "inferred", "2021 (year inferred from the article)"),
    ("2021-07-03", "2021-07-06", "stated", "3–6 Jul 2021"),
    ("2021-07-30", "2021-08-02", "stated", "30 Jul 2021 – 2 Aug 2021"),
    ("2021-07", "2021-09", "stated", "Jul 2021 – Sep 2021"),
    ("2020", "2021", "stated", "2020–2021"),
    ("2021-13", "", "stated", ""),
])
def test_labels(text, end, basis, expected):
    assert dates.label_of(text, end, basis) == expected


def _frame(*texts):
    spans = [dates.span(t) for t in texts]
    return pd.DataFrame({"id": list(texts), "date_start": [s[0] for s in spans], "date_end": [s[1] for s in spans],
                         "date_precision": [dates.precision(t) for t in texts]})


def test_latest_first_puts_a_year_only_event_after_dated_ones_of_that_year():
    frame = _frame("2021", "2021-12", "2021-09-23", "2021-08-27", "2020-11", "2021-01-01")
    latest = dates.sort_by_date(frame, ascending=False)["id"].tolist()
    assert latest == ["2021-12", "2021-09-23", "2021-08-27", "2021-01-01", "2021", "2020-11"]


def test_earliest_first_keeps_the_more_precise_first_on_the_same_start():
    frame = _frame("2021", "2021-01", "2021-01-01", "2020")
    assert dates.sort_by_date(frame)["id"].tolist() == ["2020", "2021-01-01", "2021-01", "2021"]


def test_sort_key_matches_sort_by_date():
    assert dates.sort_key(T("2021-01-01"), T("2021-12-31"), "year") > dates.sort_key(T("2021-01-01"), T("2021-01-01"), "day")
    assert dates.sort_key(T("2021-01-01"), T("2021-12-31"), "year") < dates.sort_key(T("2021-12-01"), T("2021-12-31"), "month")


@pytest.mark.parametrize("text, expected", [("2021-04-16", "16 Apr 2021"), ("2021-04", "Apr 2021"), ("2021", "2021"),
                                            ("2021-02-30", ""), ("", "")])
def test_short_label(text, expected):
    assert dates.short_label(text) == expected

"""ISO partial dates ('2021', '2021-08', '2021-08-27'), once: parse, precision, span, the range rule, labels, sort key.

Built on `pandas.Period` (its frequency is the precision). Pure: no streamlit.

The range rule (docs/ARCHITECTURE.md "Filters"): for a date range, a record is **in range** when its whole
span (day, month or year, `end_date` included) lies inside the range, and **may be in range** when its span
only overlaps it (a year-only 2021 event "may be" an August 2021 event, it is not one).
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

PRECISIONS = ("day", "month", "year")
_FREQ = {4: ("Y", "year"), 7: ("M", "month"), 10: ("D", "day")}
_SHAPE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def parse(text) -> pd.Period | None:
    """The Period a partial ISO date names, or None when blank or not a real date ('2021-02-30', '2021-13', '21')."""
    text = (text or "").strip() if isinstance(text, str) else ""
    if not _SHAPE.fullmatch(text):
        return None
    freq = _FREQ[len(text)][0]
    try:
        if freq == "D":
            dt.date.fromisoformat(text)
        return pd.Period(text, freq=freq)
    except ValueError:
        return None


def precision(text) -> str | None:
    """'day', 'month' or 'year' for a valid partial date; None otherwise."""
    return _FREQ[len(text.strip())][1] if parse(text) is not None else None


def span(text, end_text=None) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """First and last day the date covers (midnight of each); with `end_text`, up to the last day of that. None if bad."""
    start = parse(text)
    if start is None:
        return None
    last = parse(end_text) if end_text else start
    if last is None:
        return None
    return start.start_time.normalize(), last.end_time.normalize()


# ---------------------------------------------------------------- the range rule


def _bounds(lo, hi) -> tuple[pd.Timestamp, pd.Timestamp]:
    return (pd.Timestamp(lo) if lo else pd.Timestamp.min, pd.Timestamp(hi) if hi else pd.Timestamp.max)


def in_range(starts, ends, lo, hi) -> np.ndarray:
    """Mask: the whole span [start, end] lies inside [lo, hi] (either bound may be None = open)."""
    lo, hi = _bounds(lo, hi)
    starts, ends = pd.to_datetime(pd.Series(starts)), pd.to_datetime(pd.Series(ends))
    return ((starts >= lo) & (ends <= hi)).to_numpy(dtype=bool)


def overlaps(starts, ends, lo, hi) -> np.ndarray:
    """Mask: the span shares at least one day with [lo, hi]."""
    lo, hi = _bounds(lo, hi)
    starts, ends = pd.to_datetime(pd.Series(starts)), pd.to_datetime(pd.Series(ends))
    return ((ends >= lo) & (starts <= hi)).to_numpy(dtype=bool)


def may_be_in_range(starts, ends, lo, hi) -> np.ndarray:
    """Mask: the span overlaps [lo, hi] without lying inside it (less precise than the range)."""
    return overlaps(starts, ends, lo, hi) & ~in_range(starts, ends, lo, hi)


def range_rule(starts, ends, lo, hi, maybe: bool = False) -> np.ndarray:
    """THE date filter of every table (events, agreements, proposals): the rows in range, or with `maybe` the rows
    that only may be in range. With no bounds every row is in range and none "may be". A row without a span
    (NaT) is neither: the caller decides (agreements with no year stay, the Table 1 "none" cells)."""
    n = len(starts)
    if lo is None and hi is None:
        return np.full(n, not maybe, dtype=bool)
    return (may_be_in_range if maybe else in_range)(starts, ends, lo, hi)


def maybe_note(precisions, noun: str, tail: str) -> str:
    """'3 less precise agreements (2 dated only to the year, 1 dated only to the month) may also fall in these dates<tail>';
    '' when there are none. A day-precision row can only be "may be" by spanning days past the range."""
    precisions = list(precisions)
    if not precisions:
        return ""
    n = len(precisions)
    year, month = precisions.count("year"), precisions.count("month")
    parts = [f"{k} dated only to the {p}" for k, p in ((year, "year"), (month, "month")) if k]
    if n - year - month:
        parts.append(f"{n - year - month} spanning days beyond the dates")
    return f"{n} less precise {noun}{'s' if n > 1 else ''} ({', '.join(parts)}) may also fall in these dates{tail}"


# ---------------------------------------------------------------- labels and order


def day_label(t) -> str:
    """'12 Jan 2021': a day in the house style (a date, datetime or Timestamp)."""
    return f"{t.day} {t:%b %Y}"


def label(start, end, precision: str, basis=None) -> str:
    """House-style label: '12 Jan 2021', '3–6 Jul 2021', 'Nov 2020 (month only)', '2021 (year only)';
    an inferred date says so: '2021 (year inferred from the article)', '12 Jan 2021 (inferred from the article)'."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    inferred = basis == "inferred"
    if precision == "year" and start.year == end.year:
        return f"{start.year} (year inferred from the article)" if inferred else f"{start.year} (year only)"
    if precision == "month" and (start.year, start.month) == (end.year, end.month):
        return f"{start:%b %Y} (month inferred from the article)" if inferred else f"{start:%b %Y} (month only)"
    if start == end:
        text = day_label(start)
    elif (start.year, start.month) == (end.year, end.month):
        text = f"{start.day}–{end.day} {start:%b %Y}"
    elif precision == "month":
        text = f"{start:%b %Y} – {end:%b %Y}"
    elif precision == "year":
        text = f"{start.year}–{end.year}"
    else:
        text = f"{day_label(start)} – {day_label(end)}"
    return text + (" (inferred from the article)" if inferred else "")


def label_of(text, end_text=None, basis=None) -> str:
    """label() straight from the ISO text; '' when the text is not a date."""
    found = span(text, end_text)
    return label(found[0], found[1], precision(text), basis) if found else ""


def short_label(text) -> str:
    """The compact form for a column already headed by the date's role: '16 Apr 2021', 'Apr 2021', '2021'; '' if bad."""
    found = parse(text)
    if found is None:
        return ""
    first = found.start_time
    return {"day": day_label(first), "month": f"{first:%b %Y}", "year": f"{first.year}"}[precision(text)]


_RANK = {"day": 0, "month": 1, "year": 2}


def sort_key(start, end, precision: str) -> tuple:
    """Order by what the text gives: the first day it allows, then the more precise first, then the end.

    '2021' allows 1 Jan 2021 at the earliest and is no later than '2021-12': so a year-only event sorts at its
    year's start, after the day- and month-dated events of that day, and "latest" never lists it after a
    dated December event.
    """
    return (pd.Timestamp(start), _RANK.get(precision, 3), pd.Timestamp(end))


def sort_by_date(frame: pd.DataFrame, ascending: bool = True, start: str = "date_start", end: str = "date_end",
                 prec: str = "date_precision") -> pd.DataFrame:
    """`frame` in sort_key order (descending = latest first; ties keep the more precise first)."""
    rank = frame[prec].map(_RANK).astype("float64").fillna(3)  # float even when empty (an empty map is str)
    keyed = frame.assign(_s=pd.to_datetime(frame[start]), _r=rank if ascending else -rank, _e=pd.to_datetime(frame[end]))
    return keyed.sort_values(["_s", "_r", "_e"], ascending=ascending, kind="stable").drop(columns=["_s", "_r", "_e"])


def agreement_precision(year, date: str) -> str | None:
    """'day', 'month' or 'year' from the agreement's date, 'year' when it has only a year, None with neither."""
    found = precision(date) if date else None
    return found or (None if year is None or pd.isna(year) else "year")


def agreement_span(year, date: str) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Span of an agreement from its date (more precise) or its year; None when it has neither."""
    found = span(date)
    if found:
        return found
    if year is None or pd.isna(year):
        return None
    return span(f"{int(year):04d}")


def parse_url_date(text: str) -> dt.date | None:
    """The date formats Streamlit's date widget accepts in a URL."""
    for fmt in ("%Y-%m-%d", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None

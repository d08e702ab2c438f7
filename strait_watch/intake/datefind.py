"""Date expressions in a sentence, resolved with dateparser at the precision the text gives.

Expressions are found by pattern (so each candidate can say which phrase it read) and resolved by dateparser,
relative to the article's date: "August 27" in an article of 2021 is 2021-08-27 with the year inferred,
"last week" is the week before the article's date. The article's own date (`parse_published`) is refused when
relative, without a year, before 1900 or after today: only that bound reads the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateparser.date import DateDataParser

from strait_watch.core import dates
from strait_watch.intake.model import IntakeError

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d{2}|20\d{2})"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# (pattern, year stated?) in priority order; earlier patterns win overlapping text.
_PATTERNS = [
    (rf"{_DAY}\s*[–-]\s*{_DAY}\s+{_MONTH},?\s+{_YEAR}", "range"),
    (rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", "stated"),
    (rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}(?!\d)", "stated"),
    (rf"{_MONTH},?\s+{_YEAR}(?!\d)", "stated"),
    (rf"{_MONTH}\s+{_DAY}(?![\d,]*\s*\d{{4}})(?!\d)", "inferred"),
    (rf"{_DAY}\s+{_MONTH}(?!,?\s*\d)", "inferred"),
    (rf"\b(?:in|In|since|Since|by|until|from|From|during|During|early|late|of|last|Last|This|this|mid-)\s"
     rf"(?P<d>{_MONTH})(?![\w-])", "inferred"),
    (rf"(?<![\d$.,-]){_YEAR}(?![\d%]|s\b|-\d)", "stated"),
    (r"\b(?:last|Last|this|This|next|Next)\s+(?:week|month|year)\b|\byesterday\b|\bYesterday\b", "relative"),
    (rf"\b(?:on|On|last|Last|this|This)\s(?P<d>{_WEEKDAY})\b|\b{_WEEKDAY}'s\b", "relative"),
]
_COMPILED = [(re.compile(p), basis) for p, basis in _PATTERNS]
_PRECISION = {"day": "day", "month": "month", "year": "year", "week": "day"}


@dataclass(frozen=True)
class FoundDate:
    phrase: str
    date: str  # ISO at its precision
    precision: str  # day, month, year
    basis: str  # stated, inferred
    end_date: str = ""
    note: str = ""


def base_date(published: str) -> dt.datetime:
    """The relative base: the last day an ISO partial date covers (a 2021 article reads "August 27" as 2021)."""
    found = dates.span(published)  # the one partial-date rule
    if found is None:
        raise ValueError(f"not a partial ISO date: {published!r}")
    return found[1].to_pydatetime()


def _parser(base: dt.datetime) -> DateDataParser:
    return DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past",
                                                      "PREFER_DAY_OF_MONTH": "first"})


def _iso(value: dt.datetime, precision: str) -> str:
    return {"year": f"{value:%Y}", "month": f"{value:%Y-%m}", "day": f"{value:%Y-%m-%d}"}[precision]


def _resolve(phrase: str, kind: str, parser: DateDataParser, base: dt.datetime) -> FoundDate | None:
    clean = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", phrase).replace("'s", "").replace("–", "-")
    end = ""
    if kind == "range":
        first, rest = re.split(r"\s*-\s*", clean, maxsplit=1)
        month_year = rest.split(maxsplit=1)[1]
        end_data = parser.get_date_data(rest)
        clean = f"{first} {month_year}"
        end = f"{end_data.date_obj:%Y-%m-%d}" if end_data.date_obj else ""
    data = parser.get_date_data(clean)
    if data.date_obj is None:
        return None
    precision = _PRECISION.get(data.period or "day", "day")
    if kind == "relative" and data.period == "week":
        return FoundDate(phrase, _iso(data.date_obj, "day"), "day", "inferred", "",
                         f"'{phrase}' relative to the article's date ({base:%Y-%m-%d}): the week before; check the day")
    if kind in ("inferred", "relative"):
        note = f"'{phrase}'; the year {data.date_obj:%Y} is inferred from the article's date"
        if kind == "relative":
            note = f"'{phrase}' relative to the article's date ({base:%Y-%m-%d})"
        return FoundDate(phrase, _iso(data.date_obj, precision), precision, "inferred", "", note)
    return FoundDate(phrase, _iso(data.date_obj, precision), precision, "stated", end)


def find_dates(sentence: str, published: str) -> list[FoundDate]:
    """Every date expression in the sentence, in text order, resolved against the article's date."""
    base = base_date(published)
    parser = _parser(base)
    taken: list[tuple[int, int, str, str]] = []
    for pattern, kind in _COMPILED:
        for m in pattern.finditer(sentence):
            group = "d" if "d" in pattern.groupindex and m.group("d") else 0
            start, end = m.span(group)
            if not any(start < e and s < end for s, e, _, _ in taken):
                taken.append((start, end, m.group(group), kind))
    found = [_resolve(phrase, kind, parser, base) for _, _, phrase, kind in sorted(taken)]
    return [f for f in found if f is not None]


_AHEAD = re.compile(r"\b(?:will|would|shall|plans?|planned|scheduled|expected|aims?|intends?|hopes?|should|must"
                    r"|called for|calls? for|calling for|urged?|proposed?|next|coming|by|until|before)\b[^.;:]*$",
                    re.IGNORECASE)


def looks_ahead(sentence: str, found: FoundDate, published: str) -> str:
    """Why `found` is a date the sentence looks forward to, not when it happened or was said ("" when it is not):
    after the article's date, or after a word of intent or future ("He called for a hotline in 2022")."""
    span, article = dates.span(found.date), dates.span(published)
    if span is not None and article is not None and span[0] > article[1]:
        return f"'{found.phrase}' is after the article's date ({published}): a date the text looks forward to"
    at = sentence.find(found.phrase)
    cue = _AHEAD.search(sentence[:at]) if at >= 0 else None
    if cue:
        return f"'{found.phrase}' follows '{cue.group(0).split()[0]}': a date the text looks forward to"
    return ""


EARLIEST = dt.date(1900, 1, 1)  # an article's date: from 1900 to today
_EXAMPLES = "write the date the article prints, such as 2021-08-27, 27 August 2021, August 2021 or 2021"
_RELATIVE = re.compile(r"\b(?:ago|next|last|this|previous|past|coming|yesterday|today|tonight|tomorrow|now|recently"
                       r"|day|days|week|weeks|fortnight|month|months|year|years|hour|hours|in\s+\d+)\b", re.IGNORECASE)
_FULL_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def parse_published(value: str, today: dt.date | None = None) -> str:
    """The article's date as ISO at the precision given ("September 2021" → 2021-09); "" for blank.

    Raises IntakeError, with examples of what is read, for a date the parser cannot read, a relative date
    ("next tuesday", "yesterday", "in 3 days", "last week": relative to when?), a date without its year in four
    digits, and a date before 1900 or after `today` (the clock's date unless given)."""
    value = value.strip()
    if not value:
        return ""
    today = today or dt.date.today()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        if dates.span(value) is None:
            raise IntakeError(f"article date '{value}': no such date; {_EXAMPLES}")
        iso = value
    else:
        if _RELATIVE.search(value):
            raise IntakeError(f"article date '{value}' is relative: it names no day on its own; {_EXAMPLES}")
        years = set(_FULL_YEAR.findall(value))
        if len(years) != 1:
            raise IntakeError(f"article date '{value}' cannot be read as a date"
                              f" ({'no year in four digits' if not years else 'more than one year'}); {_EXAMPLES}")
        data = _parser(dt.datetime(int(next(iter(years))), 12, 31)).get_date_data(value)
        if data.date_obj is None or f"{data.date_obj:%Y}" not in years:
            raise IntakeError(f"article date '{value}' cannot be read as a date; {_EXAMPLES}")
        iso = _iso(data.date_obj, _PRECISION.get(data.period or "day", "day"))
    first = dates.span(iso)[0].date()
    if first < EARLIEST:
        raise IntakeError(f"article date '{value}' is before {EARLIEST.year}: an article's date is from"
                          f" {EARLIEST.year} to today; {_EXAMPLES}")
    if first > today:
        raise IntakeError(f"article date '{value}' is after today ({today:%Y-%m-%d}): an article's date is from"
                          f" {EARLIEST.year} to today; {_EXAMPLES}")
    return iso

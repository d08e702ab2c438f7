"""The one reader of a plotly chart's selection (`st.plotly_chart(on_select=...)`): every clickable mark of the
app's charts carries its record id (an event, an agreement, a statement) or its month ('2021-08') in
customdata[0]."""

from __future__ import annotations

import datetime as dt

from strait_watch.core import dates


def picked(selection) -> str | None:
    """The id in customdata[0] of the first picked point that has one (None when nothing is picked)."""
    for point in (selection or {}).get("points") or []:
        custom = point.get("customdata")
        custom = custom[0] if isinstance(custom, (list, tuple)) and custom else custom
        if custom is not None and str(custom):
            return str(custom)
    return None


def picked_month(selection) -> tuple[dt.date, dt.date] | None:
    """(first day, last day) of the month bar picked ('YYYY-MM' in customdata); None for anything else."""
    value = picked(selection)
    found = dates.span(value) if value and dates.precision(value) == "month" else None
    return (found[0].date(), found[1].date()) if found else None

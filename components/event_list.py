"""Events as a readable list in their lanes' colours: the phone-width view of the Timeline and the Overview, and
the year-only events listed beside the chart ("2021, month not given").

One function, `event_list_html`, for all three. Pure: returns escaped HTML (Jinja autoescape), no streamlit.
"""

from __future__ import annotations

import pandas as pd
from jinja2 import DictLoader, Environment

from components.style import category_color, humanize
from components.timeline import date_labels, dated_then_year_only, lane_names

_TEMPLATE = """\
<div class="sw-events">
{%- for group in groups %}
<p class="sw-group">{{ group.title }} <span>· {{ group.rows|length }} event{{ "" if group.rows|length == 1 else "s" }}</span></p>
<ul>
{%- for e in group.rows %}
<li data-event="{{ e.id }}"><span class="sw-chip{{ ' sw-key' if e.key else '' }}" style="background:{{ e.color }}" \
title="{{ e.category }}"></span><span class="sw-text"><span class="sw-date">{{ e.date }}</span> \
<span class="sw-title">{{ e.title }}</span><span class="sw-lane">{{ e.lane }}</span></span></li>
{%- endfor %}
</ul>
{%- endfor %}
</div>
<style>
.sw-events{font-size:0.92rem;line-height:1.35}
.sw-events .sw-group{font-weight:600;margin:0.7rem 0 0.2rem;border-bottom:1px solid #ddd}
.sw-events .sw-group span{font-weight:400;color:#666}
.sw-events ul{list-style:none;margin:0;padding:0;columns:24rem auto;column-gap:2rem}
.sw-events li{display:flex;gap:0.55rem;align-items:flex-start;padding:0.25rem 0;margin:0;break-inside:avoid}
.sw-events .sw-chip{flex:0 0 auto;width:0.8rem;height:0.8rem;border-radius:2px;margin-top:0.22rem}
.sw-events .sw-chip.sw-key{transform:rotate(45deg) scale(0.9)}
.sw-events .sw-text{min-width:0;overflow-wrap:anywhere}
.sw-events .sw-date{color:#555;white-space:nowrap}
.sw-events .sw-title{font-weight:500}
.sw-events .sw-lane{display:block;color:#666;font-size:0.85em}
</style>
"""
_ENV = Environment(loader=DictLoader({"list": _TEMPLATE}), autoescape=True)


def _group_title(row) -> str:
    if row.date_precision == "year":
        return f"{row.date_start.year}, month not given"
    return f"{row.date_start:%B %Y}"


def event_list_html(events: pd.DataFrame, lanes: str = "category", actor_names: dict[str, str] | None = None,
                    lane_events: pd.DataFrame | None = None) -> str:
    """`events` in date order (the ones known only to the year after the dated ones), grouped by month or by
    '2021, month not given', each with a chip in its lane colour (its category's, as on the chart; ◆-turned for
    key events), its date at its precision, its headline and its lane(s): the category, or with `lanes='actors'`
    the actor lanes it sits in on the chart (computed over `lane_events`, the chart's events, default `events`).
    '' when there are no events. Every text is escaped."""
    if events.empty:
        return ""
    ordered = dated_then_year_only(events)
    where = lane_names(events if lane_events is None else lane_events, lanes, actor_names or {})
    labels = date_labels(ordered)
    groups: list[dict] = []
    for row, label in zip(ordered.itertuples(), labels, strict=True):
        title = _group_title(row)
        if not groups or groups[-1]["title"] != title:
            groups.append({"title": title, "rows": []})
        category = humanize(row.category)
        lane = category if lanes != "actors" else f"{category} · {', '.join(where.get(row.id, []))}"
        groups[-1]["rows"].append({"id": row.id, "key": bool(row.key), "color": category_color(row.category),
                                   "category": category, "date": label, "title": row.title, "lane": lane})
    return _ENV.get_template("list").render(groups=groups)


def month_groups(events: pd.DataFrame) -> list[str]:
    """The group headings event_list_html shows, in order (for tests and captions)."""
    ordered = dated_then_year_only(events)
    return list(dict.fromkeys(_group_title(r) for r in ordered.itertuples())) if len(ordered) else []


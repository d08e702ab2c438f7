"""The agreement matrix view (Japan × partners × GSOMIA/ACSA/equipment/RAA, as the article's Table 1): what it
selects under the filters (`matrix_base`, `matrix_table`), its cells' words and colours for every medium (`cell_words`),
its figure for the screen and the phone, the animation, the counts and its CSV rows; and the agreement labels the
statements and other-agreements views share."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from strait_watch.core import fastfig
from strait_watch.core.filters import (
    Filters,
    evidence_for,
    filter_agreements,
)
from strait_watch.core.style import humanize
from strait_watch.core.support import support_of
from strait_watch.core.text import escape_html, plural

HOME = "japan"
ARTICLE_PARTNERS = ("australia", "india", "uk", "france", "germany")
MATRIX_TYPES = ("gsomia", "acsa", "equipment", "raa")
ANIMATION_YEARS = tuple(range(2012, 2022))

# Cell states, in the order the legend lists them.
CONCLUDED, LATER, NONE, OTHER, MISSING = "concluded", "later", "none", "other", "missing"
STATE_LABELS = {
    CONCLUDED: "Concluded (the year is shown)",
    LATER: "Not yet concluded at the as-of year",
    NONE: "No agreement as of the source (✕ in the article's Table 1)",
    OTHER: "Named, not concluded (status shown)",
    MISSING: "No record (in the data or under the filters)",
}
STATE_COLOURS = {
    CONCLUDED: "#1f5f99",
    LATER: "#dbe8f5",
    NONE: "#f1f1f1",
    OTHER: "#f6e7c1",
    MISSING: "#ffffff",
}
_STATE_CODE = {s: i for i, s in enumerate((MISSING, NONE, OTHER, LATER, CONCLUDED))}
# A cell's text colour per state, on its fill (STATE_COLOURS): the page, the deck and Present use these.
CELL_TEXT_COLOURS = {CONCLUDED: "#ffffff", LATER: "#4a6f94", NONE: "#555555", OTHER: "#6b5200", MISSING: "#767676"}
_NOT_CONCLUDED = {"proposed", "sought", "not-stated"}
_GRID = "#c8c8c8"

MATRIX_COLUMNS = [
    "partner", "partner_name", "agreement_type", "type_short", "type_long", "year", "status",
    "state", "id", "name", "abbreviation", "quote", "source_id", "more", "table1", "source", "named",
]


# --- labels from the codebook and the actors table -------------------------------------------

def type_labels(codebook: Mapping | None, agreement_type: str) -> tuple[str, str]:
    """(short, long) label of an agreement type: "GSOMIA: General ..." -> ("GSOMIA", "General ...")."""
    text = ((codebook or {}).get("agreement types") or {}).get(agreement_type, "")
    if ":" in text:
        short, long = (part.strip() for part in text.split(":", 1))
        return short, long
    short = humanize(agreement_type)
    return short, text or short


def type_text(codebook: Mapping | None, agreement_type: str) -> str:
    """The codebook's words for a type ("GSOMIA: General Security ...", "Domestic law or act")."""
    return ((codebook or {}).get("agreement types") or {}).get(agreement_type) or humanize(agreement_type)


def status_label(codebook: Mapping | None, status: str) -> str:
    """The codebook's description of a status, or the status itself."""
    return ((codebook or {}).get("agreement statuses") or {}).get(status, status.replace("-", " "))


def names_of(actors: pd.DataFrame | None) -> dict[str, str]:
    if actors is None or actors.empty:
        return {}
    return dict(zip(actors["id"].tolist(), actors["name"].tolist(), strict=True))


def kinds_of(actors: pd.DataFrame | None) -> dict[str, str]:
    if actors is None or actors.empty or "kind" not in actors:
        return {}
    return dict(zip(actors["id"].tolist(), actors["kind"].tolist(), strict=True))


def first_quotes(evidence: pd.DataFrame | None, ids: Iterable[str] | None = None) -> dict[str, tuple[str, str]]:
    """record id -> (quote, source id) of its first evidence row (file order); only ``ids`` if given.

    Narrowing to ``ids`` first keeps this cheap on a large evidence table (a few records need quotes).
    """
    if evidence is None or evidence.empty:
        return {}
    if ids is not None:
        evidence = evidence[evidence["record_id"].isin(list(ids))]
    first = evidence.drop_duplicates("record_id")
    return {r: (q, s) for r, q, s in zip(first["record_id"].tolist(), first["quote"].tolist(),
                                         first["source_id"].tolist(), strict=True)}


def source_titles(sources: pd.DataFrame | None) -> dict[str, str]:
    """source id -> the article's title (what a reader sees instead of 'src-003')."""
    if sources is None or sources.empty:
        return {}
    return dict(zip(sources["id"].tolist(), sources["title"].tolist(), strict=True))


def _named_years(evidence: pd.DataFrame | None, sources: pd.DataFrame | None, ids: Iterable[str]) -> dict[str, int]:
    """record id -> the year of the earliest article that quotes it (when an undated proposal was first named)."""
    if evidence is None or evidence.empty or sources is None or sources.empty:
        return {}
    years = {i: _year_of(e) for i, e in zip(sources["id"].tolist(), sources["published_estimate"].tolist(), strict=True)}
    out: dict[str, int] = {}
    rows = evidence[evidence["record_id"].isin(list(ids))]
    for rid, sid in zip(rows["record_id"].tolist(), rows["source_id"].tolist(), strict=True):
        if years.get(sid) is not None:
            out[rid] = min(out.get(rid, 9999), years[sid])
    return out


def _year_of(iso) -> int | None:
    return int(str(iso)[:4]) if isinstance(iso, str) and str(iso)[:4].isdigit() else None


def int_year(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def wrap_html(text: str, width: int = 70) -> str:
    return "<br>".join(escape_html(line) for line in textwrap.wrap(text, width)) if text else ""


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def parties_of(row, kinds: Mapping[str, str] | None = None) -> list[str]:
    """Party ids in order; with ``kinds``, people are dropped when a state or body is also a party
    (a minister speaks for a state: Kishi's remarks count as Japan's)."""
    parties = [p for p in dict.fromkeys([row["party_a"], row.get("party_b", ""), *list(row.get("other_parties") or [])]) if p]
    if kinds:
        bodies = [p for p in parties if kinds.get(p) != "person"]
        return bodies or parties
    return parties


def empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=escape_html(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_layout(height=160, xaxis=dict(visible=False), yaxis=dict(visible=False),
                      plot_bgcolor="#ffffff", paper_bgcolor="#ffffff", margin=dict(l=10, r=10, t=10, b=10))
    return fig

# The agreement matrix as a table (one row per partner x type cell), its counts, and the as-of control.

# --- the matrix as a table -------------------------------------------------------------------

def _other_party(a: str, b: str, others, home: str) -> str:
    """The partner of a bilateral agreement (parties ``a``, ``b``, ``others``) with ``home``, or "" if it is not one."""
    if list(others or []):
        return ""
    if a == home and b and b != home:
        return b
    if b == home and a and a != home:
        return a
    return ""


def _bilateral_partners(agreements: pd.DataFrame, home: str) -> list[str]:
    """``_other_party`` of every row, from plain column lists (a row Series per agreement is slow)."""
    return [_other_party(a, b, others, home) for a, b, others in zip(
        agreements["party_a"].tolist(), agreements["party_b"].tolist(), agreements["other_parties"].tolist(), strict=True)]


def matrix_mask(agreements: pd.DataFrame, types: Iterable[str] = MATRIX_TYPES, home: str = HOME) -> pd.Series:
    """True for the agreement rows the matrix draws (Table 1 rows and bilateral ones of its types)."""
    if agreements.empty:
        return pd.Series(False, index=agreements.index, dtype=bool)
    types = set(types)
    keep = [bool(t1) or (t in types and bool(p)) for t1, t, p in zip(
        agreements["table1"].tolist(), agreements["agreement_type"].tolist(), _bilateral_partners(agreements, home), strict=True)]
    return pd.Series(keep, index=agreements.index, dtype=bool)


def _order_types(found: Iterable[str], codebook: Mapping | None, types: Sequence[str] | None) -> list[str]:
    wanted = list(types) if types is not None else list(MATRIX_TYPES)
    extra = [t for t in dict.fromkeys(found) if t not in wanted]
    vocabulary = list(((codebook or {}).get("agreement types") or {}).keys())
    extra.sort(key=lambda t: (vocabulary.index(t) if t in vocabulary else len(vocabulary), t))
    return wanted + extra


def _order_partners(found: Iterable[str], names: Mapping[str, str]) -> list[str]:
    found = list(dict.fromkeys(found))
    first = [p for p in ARTICLE_PARTNERS if p in found]
    rest = sorted((p for p in found if p not in ARTICLE_PARTNERS), key=lambda p: names.get(p, p).lower())
    return first + rest


def cell_state(status: str, year, as_of: int | None = None, named=None) -> str:
    """State of one cell as of a year (None: as of the source). ``named``: the year an undated proposal was first
    named (its earliest article); before it, the cell is "not yet" rather than "proposed"."""
    if status == "none-as-of-source":
        return NONE
    since = int_year(year) if int_year(year) is not None else int_year(named)
    if status in _NOT_CONCLUDED and as_of is not None and since is not None and since > as_of:
        return LATER  # proposed (or sought) after the as-of year: not yet named then
    if status in _NOT_CONCLUDED or int_year(year) is None:
        return OTHER
    if as_of is not None and int_year(year) > as_of:
        return LATER
    return CONCLUDED


def _pick(rows: Sequence[Mapping]) -> Mapping:
    """The row a cell shows when several share it: Table 1 first, then the earliest year (then file order)."""
    return min(rows, key=lambda r: (not bool(r["table1"]), 9999 if int_year(r["year"]) is None else int_year(r["year"])))


def build_matrix_table(
    agreements: pd.DataFrame,
    as_of: int | None = None,
    *,
    evidence: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
    codebook: Mapping | None = None,
    sources: pd.DataFrame | None = None,
    types: Sequence[str] | None = None,
    home: str = HOME,
) -> pd.DataFrame:
    """Partners x types in long form, one row per cell (columns: ``MATRIX_COLUMNS``).

    ``year``/``status``/``id``/``name``/``quote`` come from the cell's agreement ("" and <NA> for
    a cell with no row); ``state`` is one of concluded/later/none/other/missing as of ``as_of``
    (None: as of the source). ``evidence`` should already be narrowed to the selected sources.
    Rows are ordered partner by partner, types in matrix order (see the module docstring).
    """
    names = names_of(actors)
    mask = matrix_mask(agreements, types or MATRIX_TYPES, home) if not agreements.empty else []
    rows = agreements[mask] if len(agreements) else agreements
    if rows.empty:
        return pd.DataFrame(columns=MATRIX_COLUMNS).astype({"year": "Int64", "more": int, "named": "Int64"})
    bilateral = _bilateral_partners(rows, home)
    records = rows.to_dict("records")
    # One pass groups the rows by cell (file order kept), instead of filtering the frame per cell.
    by_cell: dict[tuple[str, str], list[dict]] = {}
    for r, other in zip(records, bilateral, strict=True):
        r["partner"] = other or (r["party_b"] if r["party_a"] == home else r["party_a"])
        by_cell.setdefault((r["partner"], r["agreement_type"]), []).append(r)
    type_order = _order_types([r["agreement_type"] for r in records if r["table1"]], codebook, types)
    type_order += [t for t in _order_types([r["agreement_type"] for r in records], codebook, type_order)
                   if t not in type_order]
    labels = {t: type_labels(codebook, t) for t in type_order}
    quotes = first_quotes(evidence, {r["id"] for r in records})
    titles, named = source_titles(sources), _named_years(evidence, sources, {r["id"] for r in records})
    cells = []
    for partner in _order_partners([r["partner"] for r in records], names):
        for agreement_type in type_order:
            here = by_cell.get((partner, agreement_type), [])
            short, long = labels[agreement_type]
            cell = {"partner": partner, "partner_name": names.get(partner, partner),
                    "agreement_type": agreement_type, "type_short": short, "type_long": long}
            if not here:
                cell.update(year=pd.NA, status="", state=MISSING, id="", name="", abbreviation="",
                            quote="", source_id="", more=0, table1=False, source="", named=pd.NA)
            else:
                row = _pick(here)
                quote, source_id = quotes.get(row["id"], ("", ""))
                since = named.get(row["id"])
                cell.update(year=row["year"], status=row["status"], named=pd.NA if since is None else since,
                            state=cell_state(row["status"], row["year"], as_of, since), source=titles.get(source_id, source_id),
                            id=row["id"], name=row["name"], abbreviation=row.get("abbreviation", ""),
                            quote=quote, source_id=source_id, more=len(here) - 1, table1=bool(row["table1"]))
            cells.append(cell)
    table = pd.DataFrame(cells, columns=MATRIX_COLUMNS)
    return table.astype({"year": "Int64", "more": int, "table1": bool, "named": "Int64"})


def matrix_as_of(table: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """The matrix as it stood at the end of ``year``: agreements concluded later become "later"."""
    out = table.copy()
    out["state"] = _states_as_of(out["id"].tolist(), out["status"].tolist(), out["year"].tolist(), year,
                                 out["named"].tolist() if "named" in out else None)
    return out


def _states_as_of(ids: Sequence[str], statuses: Sequence[str], years: Sequence, as_of: int | None,
                  named: Sequence | None = None) -> list[str]:
    named = named if named is not None else [None] * len(ids)
    return [MISSING if not i else cell_state(s, y, as_of, n) for i, s, y, n in zip(ids, statuses, years, named, strict=True)]


def count_by_partner(table: pd.DataFrame) -> pd.Series:
    """Concluded cells per partner (partner id index, matrix order)."""
    partners = table["partner"].tolist()
    concluded = Counter(p for p, s in zip(partners, table["state"].tolist(), strict=True) if s == CONCLUDED)
    order = list(dict.fromkeys(partners))
    index = pd.Index(order, dtype=table["partner"].dtype, name="partner")
    return pd.Series([concluded[p] for p in order], index=index, dtype=int)


def headline(shown: pd.DataFrame, base: pd.DataFrame, year: int) -> str:
    """The matrix's one-sentence summary, the same on the page, the deck, the pack and Present (issue 28: they said
    "5 of the 5 partners that have one" and "5 of 6 partners"): the agreements concluded as of `year` (`shown`)
    and how many of the partners that have one as of the source (`base`, the matrix under the filters) they
    are with; a partner with only a proposed cell (a Japan–Taiwan GSOMIA) has none."""
    counts, partners = count_by_partner(shown), agreement_partners(base)
    with_one = int((counts.reindex(partners, fill_value=0) > 0).sum())
    return (f"As of {year}: {plural(int(counts.sum()), 'agreement')} of the four types with {with_one} of the "
            f"{plural(len(partners), 'partner')} that have one")


def agreement_partners(table: pd.DataFrame) -> list[str]:
    """Partners (ids, matrix order) with at least one concluded agreement of the matrix types as of the source:
    the "of M partners" of the headline (a proposed cell, such as a Japan–Taiwan GSOMIA, makes no partner)."""
    found = [p for p, i, s, y in zip(table["partner"].tolist(), table["id"].tolist(), table["status"].tolist(),
                                     table["year"].tolist(), strict=True) if i and cell_state(s, y) == CONCLUDED]
    return list(dict.fromkeys(found))


def counts_by_partner_year(table: pd.DataFrame, years: Iterable[int] = ANIMATION_YEARS) -> pd.DataFrame:
    """Partners (display names) x years: how many matrix agreements each partner had by then."""
    names = dict(zip(table["partner"], table["partner_name"], strict=True))
    partners = list(dict.fromkeys(table["partner"].tolist()))
    # Each partner's conclusion years (cells concluded as of the source); a cell counts from its year on.
    since: dict[str, list[int]] = {p: [] for p in partners}
    for p, i, s, y in zip(table["partner"].tolist(), table["id"].tolist(), table["status"].tolist(),
                          table["year"].tolist(), strict=True):
        if i and cell_state(s, y) == CONCLUDED:
            since[p].append(int_year(y))
    data = {int(y): [sum(1 for c in since[p] if c <= int(y)) for p in partners] for y in years}
    frame = pd.DataFrame(data, index=partners, dtype=int)
    frame.index = [names.get(p, p) for p in frame.index]
    frame.index.name = "partner"
    return frame


# --- the as-of control ---------------------------------------------------------------------------

def as_of_bounds(start=None, end=None, years: Sequence[int] = ANIMATION_YEARS) -> tuple[int, int]:
    """The as-of control's (min, max): the article's 2012..2021 narrowed by the date filter.

    A filter entirely outside 2012..2021 clamps to the nearest end (a one-year range).
    """
    lo, hi = min(years), max(years)
    if start is not None:
        lo = min(max(lo, start.year), hi)
    if end is not None:
        hi = max(min(hi, end.year), min(years))
    return (lo, max(lo, hi)) if lo <= hi else (hi, hi)


def follow_as_of(value: int | None, bounds: tuple[int, int], previous_bounds: tuple[int, int] | None) -> int:
    """The as-of year after a rerun: the latest year when the date filter changed, else ``value`` clamped."""
    lo, hi = bounds
    if value is None or previous_bounds is None or tuple(previous_bounds) != tuple(bounds):
        return hi
    return min(max(int(value), lo), hi)

# The agreement matrix drawn as the article's Table 1: the figure for one year and the animation.

# --- figures --------------------------------------------------------------------------------

# What a cell says, per state: everywhere but a phone, and on a phone (a cell about 60 px wide: short texts).
_WORDS = {LATER: "not yet", NONE: "✕ none"}
_PHONE_WORDS = {LATER: "later", NONE: "✕"}


def cell_words(state: str, year, status: str, medium: str = "screen") -> str:
    """What a matrix cell says, in every medium (page, deck, Present, HTML pack, CSV-free): the year it was
    concluded, '✕ none', 'not yet', its status ('proposed'), or '—' for no record. On a `phone` the short forms
    ('✕', 'later', 'prop.') that the phone legend spells out. Plain text."""
    if state == CONCLUDED:
        return str(int(year))
    if state in (_PHONE_WORDS if medium == "phone" else _WORDS):
        return (_PHONE_WORDS if medium == "phone" else _WORDS)[state]
    if state == OTHER:
        return _phone_status(status) if medium == "phone" else (status.replace("-", " ") or "named")
    return "—"


def _cell_text(cell) -> str:
    text = escape_html(cell_words(cell["state"], cell["year"], cell["status"]))
    return f"<b>{text}</b>" if cell["state"] == CONCLUDED else text


# On a phone (a cell about 60 px wide) the texts are short: the year, "later", "✕", a status abbreviation; the
# legend spells out each abbreviation the figure uses.
_PHONE_STATUS = {"proposed": "prop.", "sought": "sought", "not-stated": "n/s", "under-negotiation": "negot."}
PHONE_CELL_FONT = 13   # px, the phone's cell texts (the screen's are 15)


def _phone_status(status: str) -> str:
    status = status or "named"
    return _PHONE_STATUS.get(status, status if len(status) <= 6 else status[:5].rstrip("-") + ".")


def _phone_cell_text(cell) -> str:
    text = escape_html(cell_words(cell["state"], cell["year"], cell["status"], medium="phone"))
    return f"<b>{text}</b>" if cell["state"] == CONCLUDED else text


def _phone_type(short: str) -> str:
    """A column head a quarter of a small phone wide: 'Equipment' -> 'Equip.' (the legend spells it out)."""
    return short if len(short) <= 6 else short[:5] + "."


def _phone_type_legend(cells: Sequence[Mapping]) -> list[dict]:
    """Legend entries (no symbol) for the abbreviated column heads: 'Equip. = Equipment'."""
    shorts = dict.fromkeys(c["type_short"] for c in cells)
    return [dict(type="scatter", x=[None], y=[None], mode="markers", hoverinfo="skip",
                 name=f"{escape_html(_phone_type(t))} = {escape_html(t)}", marker=dict(size=1, color=_CLEAR))
            for t in shorts if _phone_type(t) != t]


def phone_legend_label(state: str, cells: Sequence[Mapping]) -> str:
    """The state's legend entry, naming the abbreviations the phone figure shows for it."""
    if state == OTHER:
        used = dict.fromkeys(c["status"] or "named" for c in cells if c["state"] == OTHER)
        short = [f"{escape_html(_phone_status(s))} = {escape_html(s.replace('-', ' '))}" for s in used
                 if _phone_status(s) != s]
        return "Named, not concluded" + (f" ({'; '.join(short)})" if short else " (status shown)")
    return {CONCLUDED: "Concluded (year shown)", LATER: "later = not yet at the as-of year",
            NONE: "✕ = no agreement as of the source", MISSING: "— = no record (data or filters)"}[state]


def cell_hover(cell, codebook: Mapping | None, wrap: int = 70) -> str:
    head = f"<b>{escape_html(cell['partner_name'])} · {escape_html(cell['type_short'])}</b>"
    lines = [head, escape_html(cell["type_long"])]
    if cell["state"] == MISSING:
        return "<br>".join([*lines, "No record in the data under the current filters"])
    if cell["name"]:
        abbreviation = f" ({escape_html(cell['abbreviation'])})" if cell["abbreviation"] else ""
        lines.append(f"<i>{escape_html(cell['name'])}</i>{abbreviation}")
    year = int_year(cell["year"])
    status = status_label(codebook, cell["status"]) if year is None else f"{humanize(cell['status'])} {year}"
    lines.append(escape_html(status))
    if cell["state"] == LATER:
        lines.append("Not yet in place at the as-of year")
    if cell["more"]:
        lines.append(f"+{int(cell['more'])} more agreement(s) of this type with this partner")
    if cell["quote"]:
        lines.append(f"“{wrap_html(cell['quote'], wrap)}”<br>— {escape_html(cell.get('source') or cell['source_id'])}")
    else:
        lines.append("(no quote from the selected sources)")
    if cell.get("support") == 1:
        lines.append("Single source: quoted in one article only")
    lines.append("Click for the evidence")
    return "<br>".join(lines)


def _cells(table: pd.DataFrame) -> list[dict]:
    """The matrix table as plain dicts: the figure code reads every cell, and row Series are slow."""
    return table.to_dict("records")


def _ticks_of(cells: Sequence[Mapping], show_counts: bool) -> list[str]:
    names = {c["partner"]: c["partner_name"] for c in cells}
    per_partner = Counter(c["partner"] for c in cells)
    counts = Counter(c["partner"] for c in cells if c["state"] == CONCLUDED)
    return [escape_html(names[p]) + (f"<br><span style='font-size:11px;color:#555'>{counts[p]} of {per_partner[p]}</span>" if show_counts else "")
            for p in per_partner]


def _colour_scale() -> list:
    n = len(_STATE_CODE) - 1
    scale = []
    for state, code in sorted(_STATE_CODE.items(), key=lambda kv: kv[1]):
        scale += [[code / n, STATE_COLOURS[state]], [code / n, STATE_COLOURS[state]]]
    return [[0.0, STATE_COLOURS[MISSING]], *scale[1:-1], [1.0, STATE_COLOURS[CONCLUDED]]]


def _traces_of(cells: Sequence[Mapping], codebook: Mapping | None, hovers: dict | None = None,
               phone: bool = False) -> list[dict]:
    """The heatmap and the clickable scatter, as trace dicts. ``hovers`` memoises hover texts by
    (partner, type, state) across the animation's frames (a cell's hover depends only on its state).
    ``phone``: transposed (partners as rows, types as columns) with short cell texts."""
    col_key, row_key = ("agreement_type", "partner") if phone else ("partner", "agreement_type")
    cols = list(dict.fromkeys(c[col_key] for c in cells))
    rows = list(dict.fromkeys(c[row_key] for c in cells))
    column, row = {k: i for i, k in enumerate(cols)}, {r: i for i, r in enumerate(rows)}
    lookup = {(c[row_key], c[col_key]): c for c in cells}
    z = [[_STATE_CODE[lookup[(r, k)]["state"]] if (r, k) in lookup else 0 for k in cols] for r in rows]
    heat = dict(type="heatmap", x=list(range(len(cols))), y=list(range(len(rows))), z=z, zmin=0,
                zmax=len(_STATE_CODE) - 1, colorscale=_colour_scale(), showscale=False, hoverinfo="skip",
                xgap=3, ygap=3, name="matrix")
    shown = [lookup[(r, k)] for r in rows for k in cols if (r, k) in lookup]
    text_of, size = (_phone_cell_text, PHONE_CELL_FONT) if phone else (_cell_text, 15)
    hovers = {} if hovers is None else hovers
    hover = []
    for c in shown:
        key = (c["partner"], c["agreement_type"], c["state"])
        if key not in hovers:
            hovers[key] = cell_hover(c, codebook, 40 if phone else 70)
        hover.append(hovers[key])
    scatter = dict(
        type="scatter", x=[column[c[col_key]] for c in shown], y=[row[c[row_key]] for c in shown],
        # The cell texts are drawn by the text traces below; this trace keeps them as data (what each cell says,
        # for the tests and any reader of the figure) but does not draw them (no hidden copy in the page).
        mode="markers", text=[text_of(c) for c in shown],
        # Nearly invisible square markers make every cell hoverable and clickable (heatmaps are not).
        marker=dict(symbol="square", size=40 if phone else 44, color=_CLEAR, opacity=0, line=dict(width=0)),
        customdata=[[c["id"], h, c["partner"], c["agreement_type"]] for c, h in zip(shown, hover, strict=True)],
        hovertemplate="%{customdata[1]}<extra></extra>", showlegend=False, name="cells",
    )
    return [heat, scatter, *_text_traces(shown, (col_key, column), (row_key, row), text_of, size)]


_CLEAR = "rgba(0,0,0,0)"
_TEXT_ORDER = (CONCLUDED, LATER, NONE, OTHER, MISSING)


def _text_traces(shown: Sequence[Mapping], column: tuple, row: tuple, text_of, size: int) -> list[dict]:
    """One text trace per cell state (always all five, so the animation's frames have the same traces), each
    keeping its colour when selected or not: a clicked cell leaves the matrix as bright as before.
    ``column``/``row``: (the cell field that picks it, {value: position})."""
    (col_key, column), (row_key, row), out = column, row, []
    for state in _TEXT_ORDER:
        here = [c for c in shown if c["state"] == state]
        font = dict(size=size, color=CELL_TEXT_COLOURS[state])
        out.append(dict(type="scatter", mode="text", x=[column[c[col_key]] for c in here],
                        y=[row[c[row_key]] for c in here], text=[text_of(c) for c in here],
                        textfont=font, selected=dict(textfont=dict(color=font["color"])),
                        unselected=dict(textfont=dict(color=font["color"])), hoverinfo="skip",
                        showlegend=False, name=f"text-{state}"))
    return out


def _hatching(cells: Sequence[Mapping], phone: bool = False) -> list[dict]:
    """Slanted hatch lines over the "none" cells, so they differ by pattern, not only by colour: one path shape
    holding every line (plotly draws and lays out each shape apart; 42 line shapes cost more than one path).

    The lines leave the middle of the cell free for its "✕ none" label (its "✕" on a phone).
    """
    partners = {p: i for i, p in enumerate(dict.fromkeys(c["partner"] for c in cells))}
    types = {t: i for i, t in enumerate(dict.fromkeys(c["agreement_type"] for c in cells))}
    segments = []
    for c in cells:
        if c["state"] != NONE:
            continue
        x, y = partners[c["partner"]], types[c["agreement_type"]]
        if phone:
            x, y = y, x
        for k in range(12):
            x0 = -0.46 + k * 0.075
            if abs(x0 + 0.025) < (0.12 if phone else 0.2):
                continue
            segments.append(f"M{x + x0:.4f},{y + 0.44:.4f}L{x + x0 + 0.05:.4f},{y - 0.44:.4f}")
    if not segments:
        return []
    return [dict(type="path", xref="x", yref="y", layer="above", path="".join(segments),
                 line=dict(color="#b0b0b0", width=1), name="hatching")]


def _legend_traces(states: Iterable[str], names: Mapping[str, str] = STATE_LABELS) -> list[dict]:
    symbols = {CONCLUDED: "square", LATER: "square", NONE: "square-x-open", OTHER: "square", MISSING: "square-open"}
    out = []
    for state in states:
        edge = "#777777" if state in (NONE, MISSING, LATER) else STATE_COLOURS[state]
        colour = "#777777" if state in (NONE, MISSING) else STATE_COLOURS[state]  # open symbols draw in `color`
        out.append(dict(type="scatter", x=[None], y=[None], mode="markers", name=names[state], hoverinfo="skip",
                        marker=dict(symbol=symbols[state], size=14, color=colour, line=dict(color=edge, width=1))))
    return out


def _matrix_layout(cells: Sequence[Mapping], title: str, show_counts: bool) -> dict:
    partners = list(dict.fromkeys(c["partner"] for c in cells))
    type_names = {c["agreement_type"]: c["type_short"] for c in cells}
    types = list(type_names)
    return dict(
        title=dict(text=title, x=0, xanchor="left"),
        xaxis=dict(tickmode="array", tickvals=list(range(len(partners))), ticktext=_ticks_of(cells, show_counts),
                   side="top", showgrid=False, zeroline=False, range=[-0.5, len(partners) - 0.5], fixedrange=True,
                   tickfont=dict(size=14)),
        yaxis=dict(tickmode="array", tickvals=list(range(len(types))), ticktext=[type_names[t] for t in types],
                   autorange=False, range=[len(types) - 0.5, -0.5], showgrid=False, zeroline=False, fixedrange=True,
                   tickfont=dict(size=14)),
        legend=dict(orientation="h", yanchor="top", y=-0.04, x=0, xanchor="left"),
        shapes=_hatching(cells), plot_bgcolor="#ffffff", paper_bgcolor="#ffffff",
        height=170 + 62 * len(types), margin=dict(l=10, r=10, t=110, b=40),
        hoverlabel=dict(align="left", bgcolor="#ffffff", font=dict(size=12, color="#222222")),
        clickmode="event+select", dragmode=False,
    )


PHONE_ROW_PX, PHONE_LEGEND_PX = 46, 24  # a partner's row; a legend entry (one a line on a phone)


def _phone_layout(cells: Sequence[Mapping], title: str, show_counts: bool, legend_rows: int) -> dict:
    """The transposed matrix for a phone: partners as rows (name over its count), the four types as columns."""
    partners = list(dict.fromkeys(c["partner"] for c in cells))
    type_names = {c["agreement_type"]: c["type_short"] for c in cells}
    plot_px = PHONE_ROW_PX * len(partners)
    legend_px = PHONE_LEGEND_PX * legend_rows + 10
    # A left margin for the longest partner name (12 px glyphs, about 7 px wide): y automargin with a legend
    # placed in container coordinates makes plotly.js fail ("Something went wrong with axis scaling").
    names_px = 7 * max(len(c["partner_name"]) for c in cells) + 12
    return dict(
        title=dict(text=title, x=0, xanchor="left", font=dict(size=16)),
        xaxis=dict(tickmode="array", tickvals=list(range(len(type_names))),
                   ticktext=[escape_html(_phone_type(t)) for t in type_names.values()],
                   side="top", showgrid=False, zeroline=False, range=[-0.5, len(type_names) - 0.5], fixedrange=True,
                   tickfont=dict(size=12)),
        yaxis=dict(tickmode="array", tickvals=list(range(len(partners))), ticktext=_ticks_of(cells, show_counts),
                   autorange=False, range=[len(partners) - 0.5, -0.5], showgrid=False, zeroline=False, fixedrange=True,
                   tickfont=dict(size=12), automargin=False),
        legend=dict(orientation="v", yanchor="top", y=-12 / plot_px, x=0, xref="container", xanchor="left", font=dict(size=12)),
        shapes=_hatching(cells, phone=True), plot_bgcolor="#ffffff", paper_bgcolor="#ffffff",
        height=60 + plot_px + legend_px + 20, margin=dict(l=names_px, r=4, t=60, b=legend_px + 20, autoexpand=False),  # the legend sits in `b`
        hoverlabel=dict(align="left", bgcolor="#ffffff", font=dict(size=12, color="#222222")),
        clickmode="event+select", dragmode=False, meta=dict(medium="phone"),
    )


def _legend_states(table: pd.DataFrame, always: Sequence[str] = (CONCLUDED, NONE)) -> list[str]:
    present = set(table["state"]) | set(always)
    return [s for s in (CONCLUDED, LATER, NONE, OTHER, MISSING) if s in present]


MATRIX_MEDIA = ("screen", "phone")


def build_matrix_figure(
    table: pd.DataFrame, *, codebook: Mapping | None = None, title: str | None = None, show_counts: bool = True,
    medium: str = "screen",
) -> go.Figure:
    """Heatmap of a ``build_matrix_table``/``matrix_as_of`` table, drawn as the article's Table 1.

    Types are rows, partners columns (with "n of m" concluded under each name). Concluded cells
    show the year; "none" cells are grey, hatched and read "✕ none"; the legend names every state.
    Trace 1 is a scatter with one point per cell: ``customdata = [agreement id, hover html,
    partner id, type]``, so a Streamlit selection yields the agreement id.

    ``medium="phone"`` (a chart about 360 px wide): transposed, partners as rows and the types as
    columns, so each cell is a quarter of the width; short texts ("✕", "later", "prop.") that the legend
    spells out, one legend entry a line.
    """
    if medium not in MATRIX_MEDIA:
        raise ValueError(f"medium must be one of {MATRIX_MEDIA}, not {medium!r}")
    if table.empty:
        return empty_figure("No agreements of these types match the filters.")
    title = title or "Japan's defence agreements with major democracies"
    cells, states = _cells(table), _legend_states(table)
    if medium == "phone":
        names, abbreviations = {s: phone_legend_label(s, cells) for s in states}, _phone_type_legend(cells)
        return fastfig.figure(_traces_of(cells, codebook, phone=True) + _legend_traces(states, names) + abbreviations,
                              _phone_layout(cells, title, show_counts, len(states) + len(abbreviations)))
    return fastfig.figure(_traces_of(cells, codebook) + _legend_traces(states), _matrix_layout(cells, title, show_counts))


def build_matrix_animation(
    table: pd.DataFrame, years: Sequence[int] = ANIMATION_YEARS, *, codebook: Mapping | None = None,
) -> go.Figure:
    """The matrix year by year: plotly frames named by year, a play/pause button and a slider."""
    if table.empty:
        return empty_figure("No agreements of these types match the filters.")
    years = [int(y) for y in years]
    states = _legend_states(table, always=(CONCLUDED, LATER, NONE))
    cells, hovers = _cells(table), {}
    ids, statuses, concluded = table["id"].tolist(), table["status"].tolist(), table["year"].tolist()
    named = table["named"].tolist() if "named" in table else None
    by_year = {y: [{**c, "state": s} for c, s in zip(cells, _states_as_of(ids, statuses, concluded, y, named), strict=True)]
               for y in years}
    # Frames as plain dicts: the figure validates them once, not once per go.Frame and again in the figure.
    frames = [dict(name=str(y), data=_traces_of(by_year[y], codebook, hovers),
                   layout=dict(xaxis=dict(ticktext=_ticks_of(by_year[y], True)),
                               title=dict(text=f"Japan's defence agreements, as of {y}")))
              for y in years]
    first = by_year[years[0]]
    layout = _matrix_layout(first, f"Japan's defence agreements, as of {years[0]}", True)
    step = dict(frame=dict(duration=900, redraw=True), transition=dict(duration=0), mode="immediate")
    # Controls go under the legend (up to three rows of it), placed in pixels turned into paper units.
    legend_px, extra = 22 * 3 + 16, 150
    plot_px = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
    below = -legend_px / plot_px
    layout.update(
        height=layout["height"] + extra, margin={**layout["margin"], "b": 40 + extra},
        updatemenus=[dict(type="buttons", direction="left", x=0, y=below, xanchor="left", yanchor="top",
                          showactive=False, buttons=[
                              dict(label="▶ Play", method="animate", args=[None, {**step, "fromcurrent": True}]),
                              dict(label="❚❚ Pause", method="animate",
                                   args=[[None], dict(frame=dict(duration=0, redraw=False), mode="immediate")]),
                          ])],
        sliders=[dict(active=0, x=0.2, len=0.8, y=below + 0.02, yanchor="top",
                      currentvalue=dict(prefix="As of ", xanchor="right", font=dict(size=14)),
                      steps=[dict(label=str(y), method="animate", args=[[str(y)], step]) for y in years])],
    )
    return fastfig.figure(_traces_of(first, codebook, hovers) + _legend_traces(states), layout, frames)


def agreement_labels(ds, f: Filters) -> dict:
    """The keyword arguments the agreement tables take: source-narrowed quotes, actor names, codebook."""
    return dict(evidence=evidence_for(ds, f), actors=ds.actors, codebook=ds.schema.get("codebook", {}),
                sources=ds.sources)


def matrix_base(ds, f: Filters) -> pd.DataFrame:
    """The cumulative matrix (every year): the date filter does not hide agreements concluded earlier. Each cell
    carries its `support` (sources quoting it), so every medium's hover marks a single-source cell."""
    table = build_matrix_table(filter_agreements(ds, f.replace(start=None, end=None)), **agreement_labels(ds, f))
    return table.assign(support=support_of(table["id"], ds.evidence))


def as_of_range(f: Filters) -> tuple[int, int]:
    """The as-of years the date filter allows; the slide (and the page by default) shows the last."""
    return as_of_bounds(f.start, f.end)


def matrix_table(ds, f: Filters, year: int | None = None, base: pd.DataFrame | None = None) -> tuple[pd.DataFrame, int]:
    """(the matrix as of `year` (default: the last year the date filter allows), that year)."""
    table = matrix_base(ds, f) if base is None else base
    year = as_of_range(f)[1] if year is None else year
    return (matrix_as_of(table, year) if not table.empty else table), year


def matrix_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The agreement matrix (a build_matrix_table / matrix_as_of table), one row per cell."""
    cols = ["partner_name", "type_short", "state", "year", "status", "name", "id", "quote", "source", "source_id"]
    out = table.reindex(columns=cols, fill_value="")[cols].rename(columns={"partner_name": "partner", "type_short": "agreement_type", "id": "agreement_id"})
    return out.reset_index(drop=True)

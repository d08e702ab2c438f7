"""The agreement matrix as a table (one row per partner x type cell), its counts, and the as-of control."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from components.agreements.labels import (
    _NOT_CONCLUDED,
    ANIMATION_YEARS,
    ARTICLE_PARTNERS,
    CONCLUDED,
    HOME,
    LATER,
    MATRIX_COLUMNS,
    MATRIX_TYPES,
    MISSING,
    NONE,
    OTHER,
    _first_quotes,
    _named_years,
    _names,
    _source_titles,
    _year,
    type_labels,
)

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
    since = _year(year) if _year(year) is not None else _year(named)
    if status in _NOT_CONCLUDED and as_of is not None and since is not None and since > as_of:
        return LATER  # proposed (or sought) after the as-of year: not yet named then
    if status in _NOT_CONCLUDED or _year(year) is None:
        return OTHER
    if as_of is not None and _year(year) > as_of:
        return LATER
    return CONCLUDED


def _pick(rows: Sequence[Mapping]) -> Mapping:
    """The row a cell shows when several share it: Table 1 first, then the earliest year (then file order)."""
    return min(rows, key=lambda r: (not bool(r["table1"]), 9999 if _year(r["year"]) is None else _year(r["year"])))


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
    names = _names(actors)
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
    quotes = _first_quotes(evidence, {r["id"] for r in records})
    titles, named = _source_titles(sources), _named_years(evidence, sources, {r["id"] for r in records})
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
            since[p].append(_year(y))
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

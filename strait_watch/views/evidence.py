"""Evidence: one row per record with its quotes and sources, full-text search with highlighting, record details, the codebook."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from strait_watch.core import dates
from strait_watch.core.filters import Filters, actor_names, filter_evidence
from strait_watch.core.html import render
from strait_watch.core.memo import per_dataset
from strait_watch.core.style import (
    HIGHLIGHT,
    META_TEXT,
    PAGE_BACKGROUND,
    QUOTE_RULE,
    QUOTE_TEXT,
    VOCABULARIES,
    codebook_vocabulary,
    humanize,
)
from strait_watch.core.text import html_for_markdown
from strait_watch.views.timeline import date_label, date_labels

RECORD_COLUMNS = ["record_id", "type", "date", "date_iso", "date_precision", "title", "summary", "actors", "quotes",
                  "quote_sources", "sources", "search_text", "kind"]
CSV_COLUMNS = ["record_id", "type", "date", "date_precision", "title", "summary", "actors", "quote_number", "quote",
               "source"]
_MAX_RELATED = 12


# ---------------------------------------------------------------- one row per record

def _aliases(ds) -> dict[str, list[str]]:
    return dict(zip(ds.actors["id"], ds.actors["aliases"], strict=True))


def _agreement_date(row) -> str:
    if row["date"]:
        return row["date"]
    return "" if pd.isna(row["year"]) else str(int(row["year"]))


def _precision(iso: str) -> str:
    """'year', 'month' or 'day' of an ISO partial date ('' when undated)."""
    return dates.precision(iso) or ""


def _iso_label(iso: str, plain: bool = False) -> str:
    """An agreement's or article's ISO date in the house words (components.dates: '14 Jun 2021',
    'Apr 2021 (month only)'; `plain`: without the precision note); '' when undated."""
    if not iso:
        return ""
    return dates.short_label(iso) if plain else dates.label_of(iso)


@per_dataset(maxsize=4)
def _base_records(ds) -> list[dict]:
    """Every event, agreement and proposal: id, type, sort key, date, title, summary, actor names and the start of
    its search text (all but the quotes). The filters only pick rows of it, so it is built once per dataset."""
    names, aliases = actor_names(ds), _aliases(ds)
    out = []

    def add(record_id, kind, iso, precision, date, title, summary, actor_ids, label=None):
        who = [names.get(a, a) for a in actor_ids]
        alias_text = " ".join(al for a in actor_ids for al in aliases.get(a, []))
        # Not the source titles: "A Hotline Is Not Enough" would make every record of that article match "hotline".
        # Sorted by the ISO text at the precision it gives: newest first, a year-only 2021 record after 2021's months.
        # `kind` is what a reader is told the record is: a minister's remarks are not "an agreement".
        out.append(dict(record_id=record_id, type=kind, kind=label or kind, sort=iso, date_iso=iso, date_precision=precision, date=date,
                        title=title, summary=summary,
                        actors="; ".join(who), search_head=" ".join([title, summary, *who, alias_text])))

    ev = ds.events
    for rid, iso, precision, date, title, summary, actors in zip(
            ev["id"], ev["date"], ev["date_precision"], date_labels(ev), ev["title"], ev["summary"], ev["actors"], strict=True):
        add(rid, "Event", iso, precision, date, title, summary, list(actors))
    for r in ds.agreements.to_dict("records"):
        title = r["name"] + (f" ({r['abbreviation']})" if r["abbreviation"] and r["abbreviation"] not in r["name"] else "")
        summary = f"{humanize(r['agreement_type'])}; status: {humanize(r['status'])}." + (f" {r['note']}" if r["note"] else "")
        parties = [p for p in [r["party_a"], r["party_b"], *r["other_parties"]] if p]
        date = _agreement_date(r)
        add(r["id"], "Agreement", date, _precision(date), _iso_label(date), title, summary, parties,
            humanize(r["agreement_type"]))
    measure_names = dict(zip(ds.measures["id"], ds.measures["name"], strict=True))
    pr = ds.proposals
    for rid, measure, proposer, summary, iso, basis in zip(pr["id"], pr["measure"], pr["proposer"], pr["summary"],
                                                           pr["date"], pr["date_basis"], strict=True):
        add(rid, "Proposal", iso, _precision(iso), proposal_date_label(iso, basis),
            f"{names.get(proposer, proposer)}: {measure_names.get(measure, measure)}", summary, [proposer])
    for r in ds.statistics.to_dict("records"):
        add(r["id"], "Statistic", r["year"], _precision(r["year"]), _iso_label(r["year"], plain=True),
            statistic_title(r), r["note"], list(r["actors"]))
    return out


def proposal_date_label(iso: str, basis: str) -> str:
    """When a proposal was made, in the house words: '27 Aug 2021', '2019 (inferred)', 'article of 2021' (the text
    gives no date of its own, so its article's)."""
    if basis == "article":
        return f"article of {_iso_label(iso, plain=True)}"
    return _iso_label(iso, plain=True) + (" (inferred)" if basis == "inferred" else "")


def statistic_title(row) -> str:
    """'Japanese nationals residing in Taiwan: 20,162 people (w/o permanent residents), 2015': the figure with the
    text's own qualifier in its place ('approximately 1,900,000', 'more than 940')."""
    value = f"{row['value']:,.0f}" if float(row["value"]).is_integer() else f"{row['value']:,}"
    qualifier = row["qualifier"]
    before = qualifier if qualifier and len(qualifier.split()) <= 3 and not qualifier.startswith(("w/", "since")) else ""
    after = f" ({qualifier})" if qualifier and not before else ""
    figure = " ".join(x for x in (before, value, row["unit"]) if x)
    return f"{row['subject']}: {figure}{after}" + (f", {row['year']}" if row["year"] else "")


def _records_table(ds, evidence: pd.DataFrame) -> pd.DataFrame:
    """The records that have quotes in `evidence`, each with those quotes and their sources, sorted (RECORD_COLUMNS)."""
    titles = dict(zip(ds.sources["id"], ds.sources["title"], strict=True))
    quotes: dict[str, list[str]] = {}
    quote_sources: dict[str, list[str]] = {}
    sources: dict[str, dict[str, None]] = {}
    # A quote with a locator (a table cell) is shown as "[Table 1, row RAA, column India] RAA 2020 X X X X".
    locators = evidence["locator"] if "locator" in evidence.columns else [""] * len(evidence)
    for rid, source_id, quote, loc in zip(evidence["record_id"], evidence["source_id"], evidence["quote"], locators, strict=True):
        quotes.setdefault(rid, []).append(f"[{loc}] {quote}" if isinstance(loc, str) and loc else quote)
        quote_sources.setdefault(rid, []).append(titles.get(source_id, source_id))
        sources.setdefault(rid, {})[source_id] = None  # first-seen order, no repeats
    rows = [dict(record_id=rid, type=rec["type"], kind=rec["kind"], sort=rec["sort"], date=rec["date"], date_iso=rec["date_iso"],
                 date_precision=rec["date_precision"], title=rec["title"],
                 summary=rec["summary"], actors=rec["actors"], quotes=quotes[rid], quote_sources=quote_sources[rid],
                 sources=[titles.get(s, s) for s in sources[rid]],
                 search_text=" ".join([rec["search_head"], *quotes[rid], rid]).casefold())
            for rec in _base_records(ds) if (rid := rec["record_id"]) in quotes]
    if not rows:
        return pd.DataFrame(columns=RECORD_COLUMNS)
    table = pd.DataFrame(rows)
    # Newest first; undated ("") sorts last; ties by type and id, in reading order.
    table = table.sort_values(["type", "record_id"], kind="stable")
    table = table.sort_values("sort", ascending=False, kind="stable", ignore_index=True)
    return table[RECORD_COLUMNS]


@per_dataset(maxsize=4)
def _records_all_sources(ds) -> pd.DataFrame:
    """Every record with all its quotes: the rows evidence_records picks from when no source is selected."""
    return _records_table(ds, ds.evidence)


def evidence_records(ds, f: Filters) -> pd.DataFrame:
    """One row per record that passes the filters and has quotes from the selected sources (columns RECORD_COLUMNS).

    The list cells (quotes, sources) may be shared with a cached table: read them, do not change them.
    """
    evidence = filter_evidence(ds, f)  # the quotes of the records that pass, from the selected sources
    if f.sources:  # only some of a record's quotes count: gather them anew
        return _records_table(ds, evidence)
    # With every source, a passing record keeps all its quotes: its row is the one in the all-sources table.
    table = _records_all_sources(ds)
    # A set lookup per row: Series.isin on pandas' arrow strings makes a pyarrow scalar per value (~60 ms at 100x).
    passing = set(evidence["record_id"].tolist())
    rows = table[np.fromiter((rid in passing for rid in table["record_id"].tolist()), dtype=bool, count=len(table))]
    if rows.empty:
        return pd.DataFrame(columns=RECORD_COLUMNS)
    return rows.reset_index(drop=True)


# ---------------------------------------------------------------- search and highlighting

def search_terms(query: str) -> list[str]:
    """Words and "quoted phrases" of a query, case-folded."""
    terms = re.findall(r'"([^"]+)"|(\S+)', query or "")
    return [(a or b).casefold().strip() for a, b in terms if (a or b).strip()]


def search_records(records: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows whose text (titles, summaries, quotes, actor names and aliases, sources) contains every term."""
    terms = search_terms(query)
    if not terms or records.empty:
        return records
    keep = pd.Series(True, index=records.index)
    for term in terms:
        keep &= records["search_text"].str.contains(term, regex=False)
    return records[keep]


def _splitter(query: str):
    """text -> its (piece, is a match) pieces for the query's terms, as a function: the pattern is built once for a
    whole table, not once per cell."""
    terms = sorted(set(search_terms(query)), key=len, reverse=True)
    if not terms:
        return lambda text: [(text, False)]
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)

    def split(text: str) -> list[tuple[str, bool]]:
        out, last = [], 0
        for m in pattern.finditer(text):
            out += [(text[last:m.start()], False), (m.group(), True)]
            last = m.end()
        out.append((text[last:], False))
        return out

    return split


def highlight(text: str, query: str) -> str:
    """HTML-escaped `text` with every query term marked (the template highlight.html.j2)."""
    return render("highlight.html.j2", parts=_splitter(query)(text))


def records_html(records: pd.DataFrame, query: str = "", limit: int = 200) -> str:
    """The records as an HTML table (escaped, terms highlighted); at most `limit` rows (the template
    records.html.j2, in the house colours), with no blank line for st.markdown (`core.text.html_for_markdown`)."""
    split = _splitter(query)
    rows = [dict(kind=r.kind, date=r.date or "undated", title=split(r.title), summary=split(r.summary),
                 actors=split(r.actors), quotes=[split(q) for q in r.quotes], sources=[split(s) for s in r.sources])
            for r in records.head(limit).itertuples()]
    return html_for_markdown(render("records.html.j2", rows=rows, quote_text=QUOTE_TEXT, page_background=PAGE_BACKGROUND,
                                    quote_rule=QUOTE_RULE, meta_text=META_TEXT, highlight=HIGHLIGHT))


def csv_rows(records: pd.DataFrame) -> pd.DataFrame:
    """One row per quote (CSV_COLUMNS), for the download: the ISO date and its precision, never display text,
    and never several quotes or sources in one cell."""
    rows = [dict(record_id=r.record_id, type=r.kind, date=r.date_iso, date_precision=r.date_precision, title=r.title,
                 summary=r.summary, actors=r.actors, quote_number=i, quote=q, source=s)
            for r in records.itertuples() for i, (q, s) in enumerate(zip(r.quotes, r.quote_sources, strict=True), start=1)]
    return pd.DataFrame(rows, columns=CSV_COLUMNS)


def records_grid(records: pd.DataFrame, support: pd.Series | None = None) -> pd.DataFrame:
    """The records as the page's scrolling table: date, type, title, actors, number of quotes, the first quote;
    with `support` (distinct sources per record id, components.support), a Sources column ("1 · single")."""
    grid = pd.DataFrame({
        "Date": records["date"].map(lambda d: d or "undated").tolist(),
        "Type": records["kind"].tolist(),
        "Title": records["title"].tolist(),
        "Actors": records["actors"].tolist(),
        "Quotes": records["quotes"].map(len).tolist(),
        "First quote": records["quotes"].map(lambda q: q[0] if q else "").tolist(),
    })
    if support is not None:
        counts = records["record_id"].map(support).fillna(0).astype(int)
        grid["Sources"] = [f"{n} · single" if n == 1 else str(n) for n in counts]
    return grid


# ---------------------------------------------------------------- one record in detail (the evidence panel)

def record_details(ds, record_id: str, sources: tuple[str, ...] = ()) -> dict | None:
    """Everything the evidence panel shows about one event, agreement or proposal; None for an unknown id.

    With `sources` (the source filter), only quotes from those sources are listed; `hidden_quotes` counts the rest.
    """
    names = actor_names(ds)
    all_quotes = _quotes(ds, record_id)
    quotes = [q for q in all_quotes if q["source_id"] in sources] if sources else all_quotes
    hidden = len(all_quotes) - len(quotes)
    for kind, table in (("Event", ds.events), ("Agreement", ds.agreements), ("Proposal", ds.proposals),
                        ("Statistic", ds.statistics)):
        match = table[table["id"] == record_id]
        if match.empty:
            continue
        r = match.iloc[0]
        if kind == "Event":
            return dict(type=kind, id=record_id, title=r["title"], date=date_label(r), summary=r["summary"],
                        facts=[("Category", humanize(r["category"]))] + ([("Date note", r["date_note"])] if r["date_note"] else []),
                        actors=[names.get(a, a) for a in r["actors"]], quotes=quotes, hidden_quotes=hidden, related=related_events(ds, record_id))
        if kind == "Agreement":
            parties = [p for p in [r["party_a"], r["party_b"], *r["other_parties"]] if p]
            facts = [("Type", humanize(r["agreement_type"])), ("Status", humanize(r["status"]))]
            facts += [("Note", r["note"])] if r["note"] else []
            return dict(type=kind, id=record_id, title=r["name"], date=_agreement_date(r) or "undated", summary="",
                        facts=facts, actors=[names.get(p, p) for p in parties], quotes=quotes, hidden_quotes=hidden, related={})
        if kind == "Statistic":
            return dict(type=kind, id=record_id, title=statistic_title(r), date=r["year"] or "no year given",
                        summary=r["note"], facts=[("Unit", r["unit"]), ("The text's qualifier", r["qualifier"])],
                        actors=[names.get(a, a) for a in r["actors"]], quotes=quotes, hidden_quotes=hidden, related={})
        measure = ds.measures[ds.measures["id"] == r["measure"]]
        facts = [("Measure", measure.iloc[0]["name"] if len(measure) else r["measure"]),
                 ("Measure category", humanize(measure.iloc[0]["category"]) if len(measure) else ""),
                 ("Stance", humanize(r["stance"]))] + ([("Date note", r["date_note"])] if r["date_note"] else [])
        facts += [("Reading note", r["note"])] if r.get("note") else []  # who holds the view, and why
        return dict(type=kind, id=record_id, title=f"{names.get(r['proposer'], r['proposer'])}: {facts[0][1]}",
                    date=proposal_date_label(r["date"], r["date_basis"]),
                    summary=r["summary"], facts=facts, actors=[names.get(r["proposer"], r["proposer"])], quotes=quotes, hidden_quotes=hidden, related={})
    return None


def _quotes(ds, record_id: str) -> list[dict]:
    rows = ds.evidence[ds.evidence["record_id"] == record_id].merge(
        ds.sources, left_on="source_id", right_on="id", how="left", suffixes=("", "_src"))
    return [dict(quote=r["quote"], source_id=r["source_id"], title=r["title"] if isinstance(r["title"], str) else r["source_id"],
                 author=r["author"] if isinstance(r["author"], str) else "",
                 publisher=r["publisher"] if isinstance(r["publisher"], str) else "",
                 published=r["published"] if isinstance(r["published"], str) else "",
                 locator=r["locator"] if isinstance(r.get("locator"), str) else "")
            for _, r in rows.iterrows()]


def related_events(ds, event_id: str) -> dict[str, list[tuple[str, str, str]]]:
    """Other events the same day and the same month: {'Same day': [(id, date, title)], 'Same month': [...]}."""
    ev = ds.events
    me = ev[ev["id"] == event_id].iloc[0]
    others = ev[ev["id"] != event_id]
    out: dict[str, list] = {}
    if me["date_precision"] == "day":
        day = others[(others["date_start"] <= me["date_start"]) & (others["date_end"] >= me["date_start"])
                     & (others["date_precision"] == "day")]
        out["Same day"] = day
    if me["date_precision"] in ("day", "month"):
        m_lo = me["date_start"].to_period("M").start_time
        m_hi = me["date_start"].to_period("M").end_time
        month = others[(others["date_start"] <= m_hi) & (others["date_end"] >= m_lo) & (others["date_precision"] != "year")]
        month = month[~month["id"].isin(out.get("Same day", pd.DataFrame(columns=["id"]))["id"])]
        out[f"Same month ({me['date_start']:%B %Y})"] = month
    return {k: [(r["id"], date_label(r), r["title"]) for _, r in v.sort_values("date_start").head(_MAX_RELATED).iterrows()]
            for k, v in out.items()}


# ---------------------------------------------------------------- codebook

def codebook_tables(schema: dict) -> list[tuple[str, pd.DataFrame]]:
    """The vocabularies and every resource's fields, as (heading, table), generated from datapackage.json."""
    out = []
    for kind, (key, _group) in VOCABULARIES.items():
        vocab = codebook_vocabulary(schema, kind)
        out.append((key.capitalize(), pd.DataFrame({"Value": list(vocab), "Label": [humanize(v) for v in vocab],
                                                    "Meaning": list(vocab.values())})))
    for key, vocab in schema.get("codebook", {}).items():
        if key not in {v[0] for v in VOCABULARIES.values()}:
            out.append((key.capitalize(), pd.DataFrame({"Value": list(vocab), "Label": [humanize(v) for v in vocab],
                                                        "Meaning": list(vocab.values())})))
    for res in schema.get("resources", []):
        rows = []
        for field in res.get("schema", {}).get("fields", []):
            c = field.get("constraints", {})
            rows.append({"Field": field["name"], "Type": field.get("type", ""), "Required": "yes" if c.get("required") else "",
                         "Allowed values": ", ".join(c.get("enum", [])), "Description": field.get("description", "")})
        out.append((f"{res.get('path', res['name'])} — {res.get('description', '')}", pd.DataFrame(rows)))
    return out


@per_dataset(maxsize=4)
def dataset_codebook(ds) -> list[tuple[str, pd.DataFrame]]:
    """codebook_tables(ds.schema), made once per dataset (the version hashes datapackage.json); read-only."""
    return codebook_tables(ds.schema)

"""A copy of the fixture package whose event title, summary and quote hold Markdown and HTML after a blank line
(issue 25: a blank line inside a quote re-enabled Markdown in the evidence HTML). Shared by the AppTest and the
browser checks of "text stays text" (tests/app/test_text_stays_text.py, tests/browser/test_escaping_browser.py)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from paths import FIXTURE_CORPUS, FIXTURE_DIR

PAYLOAD = "a\n\n![x](http://example.com/x.png) [l](http://e.com) <b>b</b> *i* `c`"
EVENT = "ev-2021-04-20-hoshino-hotline"  # a 2021 event of the fixture, quoted once, from src-900
ARTICLE = "900_00000000000000a1.txt"  # src-900's article in the mini corpus
# What a reader sees: the payload's characters, the blank line as a space; in a quote the article's emphasis
# (*i*) is drawn as emphasis, so its asterisks are not shown (core.html.EMPHASIS).
SEEN = "a ![x](http://example.com/x.png) [l](http://e.com) <b>b</b> *i* `c`"
SEEN_IN_QUOTE = "a ![x](http://example.com/x.png) [l](http://e.com) <b>b</b> i `c`"
# Plotly draws a subset of HTML in chart text (links and bold among it): names that would be markup there.
MARKUP = '<a href="http://e.com">l</a> <b>b</b>'
NAMED = {"actors.csv": ("australia", "hoshino-aki"), "measures.csv": ("m-hotline",),
         "agreements.csv": ("ag-2021-06-14-leaders-communique",), "sources.csv": ("src-900",)}
NAME_COLUMN = {"actors.csv": "name", "measures.csv": "name", "agreements.csv": "name", "sources.csv": "title"}


def _rewrite(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:
        change(rows[0], row)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def make_text_payload_package(root: Path) -> tuple[Path, Path]:
    """(data, corpus) under `root`: the fixture with EVENT's title, summary and quote set to PAYLOAD, the quote
    appended to its article (a copy of the mini corpus, so the loader checks it as verbatim), and MARKUP after the
    names in NAMED (a partner of the matrix and a statement's party, a proposer, a measure, a statement, a source)."""
    data, corpus = root / "mini", root / "mini-corpus"
    shutil.copytree(FIXTURE_DIR, data)
    shutil.copytree(FIXTURE_CORPUS, corpus)

    def event(head, row):
        if row[0] == EVENT:
            row[head.index("title")] = row[head.index("summary")] = PAYLOAD

    def evidence(head, row):
        if row[0] == EVENT:
            assert row[head.index("source_id")] == "src-900"
            row[head.index("quote")] = PAYLOAD

    def named(table):
        def change(head, row):
            if row[0] in NAMED[table]:
                row[head.index(NAME_COLUMN[table])] += " " + MARKUP
        return change

    _rewrite(data / "events.csv", event)
    _rewrite(data / "evidence.csv", evidence)
    for table in NAMED:
        _rewrite(data / table, named(table))
    article = corpus / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\n\n" + PAYLOAD + "\n", encoding="utf-8")
    if (data / "ledger.csv").exists():
        _ledger_rows_for_the_payload(data / "ledger.csv", article.read_text(encoding="utf-8"))
    return data, corpus


def _ledger_rows_for_the_payload(ledger: Path, text: str) -> None:
    """The coverage ledger's rows for the article's new units (the payload's two paragraphs, after the last
    sentence of src-900), each listing EVENT: the units are numbered by the project's one splitter."""
    from strait_watch.core.sentences import units

    with ledger.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    head, body = rows[0], rows[1:]
    col = {name: head.index(name) for name in ("source_id", "sentence", "paragraph", "hash", "records")}
    ours = [i for i, row in enumerate(body) if row[col["source_id"]] == "src-900"]
    known = {int(body[i][col["sentence"]]) for i in ours}
    added = []
    for unit in units(text):
        if unit.number not in known:
            row = [""] * len(head)
            row[col["source_id"]], row[col["sentence"]], row[col["paragraph"]] = "src-900", str(unit.number), str(unit.paragraph)
            row[col["hash"]], row[col["records"]] = unit.hash, EVENT
            added.append(row)
    assert added, "the payload added no unit to the article"
    body[ours[-1] + 1:ours[-1] + 1] = added
    with ledger.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([head, *body])

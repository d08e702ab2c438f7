import pickle
import subprocess
import sys

import pandas as pd
import pytest
from fixture_edits import (
    append_row,
    bad_cell,
    drop_column,
    drop_rows,
    duplicate_row,
    line_of,
    problems_of,
    replace_bytes,
    set_cell,
    swap_columns,
    swap_rows,
)
from paths import FIXTURE_CORPUS, FIXTURE_COUNTS, FIXTURE_DIR, REPO, SHIPPED_DATA

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.dataset.model import DatasetError, Problem, default_corpus_dir, default_data_dir

# ---------------------------------------------------------------- breakage table

ADIZ_QUOTE = "Taiwan's air defence identification zone"
HADR = "pr-901-lin-hadr-exercises"

ADIZ = "ev-2021-01-12-adiz-sortie"
CABINET = "ev-2021-10-new-cabinet"
COMMUNIQUE = "ag-2021-06-14-leaders-communique"

# (id, how to break the copy, expected (file, line, record_id, column), message fragment); bad_cell makes the
# rows for one edited cell reported at that cell.
BREAKAGES = [
    ("missing-file", lambda d: (d / "measures.csv").unlink(),
     ("measures.csv", None, None, None), "missing file"),
    ("missing-column", lambda d: drop_column(d, "events", "category"),
     ("events.csv", 1, None, "category"), "missing column"),
    bad_cell("text-in-year", "agreements", "ag-acsa-jp-au", "year", "twenty ten", "'twenty ten' is not a valid integer"),
    bad_cell("bad-date-form", "events", ADIZ, "date", "12/01/2021", "bad date '12/01/2021'"),
    bad_cell("impossible-date", "events", ADIZ, "date", "2021-02-30", "bad date '2021-02-30'"),
    bad_cell("precision-disagrees", "events", "ev-2021-03-lantern-study-group", "date_precision", "day",
             "'day' disagrees with date '2021-03'"),
    bad_cell("end-before-start", "events", "ev-2021-07-03-pla-drill", "end_date", "2021-06-30", "is before date"),
    bad_cell("unknown-enum", "events", CABINET, "category", "meeting", "'meeting' is not an allowed value"),
    bad_cell("bad-boolean", "events", CABINET, "key", "yes", "'yes' is not a valid boolean"),
    bad_cell("required-blank", "measures", "m-hotline", "description", "", "value is required"),
    ("duplicate-id", lambda d: duplicate_row(d, "actors", "japan"),
     ("actors.csv", line_of("actors", "japan") + 1, "japan", "id"),
     f"duplicate value 'japan' (first at line {line_of('actors', 'japan')})"),
    ("duplicate-evidence-row", lambda d: duplicate_row(d, "evidence", "pr-901-lin-hotline"),
     ("evidence.csv", line_of("evidence", "pr-901-lin-hotline", "record_id") + 1, "pr-901-lin-hotline",
      "record_id, source_id, quote"), "duplicate row"),
    ("id-across-tables",
     lambda d: append_row(d, "agreements", {
         "id": "ev-2021-coast-guard-law", "name": "Clash", "party_a": "japan", "agreement_type": "law",
         "status": "enacted", "table1": "false", "names_taiwan_strait": "false"}),
     ("agreements.csv", FIXTURE_COUNTS["agreements"] + 2, "ev-2021-coast-guard-law", "id"),  # the appended line
     "id also used in events.csv line"),
    bad_cell("dangling-foreign-key", "proposals", HADR, "measure", "m-nope", "'m-nope' not found in measures.csv column id"),
    bad_cell("dangling-self-reference", "actors", "hoshino-aki", "affiliation", "jp-nope",
             "'jp-nope' not found in actors.csv column id"),
    bad_cell("unknown-actor-in-list", "events", CABINET, "actors", "japan;jp-xyz", "unknown actor 'jp-xyz'"),
    bad_cell("unknown-other-party", "agreements", COMMUNIQUE, "other_parties", "uk;atlantis", "unknown actor 'atlantis'"),
    ("record-without-evidence", lambda d: drop_rows(d, "evidence", HADR, key="record_id"),
     ("proposals.csv", line_of("proposals", HADR), HADR, None), "no evidence row"),
    ("evidence-for-unknown-record",
     lambda d: set_cell(d, "evidence", HADR, "record_id", "pr-901-lin-hadr-exercisez", key="record_id"),
     ("evidence.csv", line_of("evidence", HADR, "record_id"), "pr-901-lin-hadr-exercisez", "record_id"),
     "is not an id in events, agreements, proposals or statistics"),
    # Curly for straight apostrophe: verbatim means every character but whitespace runs.
    ("quote-not-in-source",
     lambda d: replace_bytes(d, "evidence.csv", ADIZ_QUOTE.encode(), ADIZ_QUOTE.replace("'", "’").encode()),
     ("evidence.csv", line_of("evidence", ADIZ, "record_id"), ADIZ, "quote"), "quote not found verbatim in src-900"),
    bad_cell("quote-too-long", "evidence", HADR, "quote", "word " * 80, "quote is 80 words long", key="record_id"),
    bad_cell("corpus-file-absent", "sources", "src-902", "corpus_file", "902_0000000000000000.txt",
             "not found in the corpus folder"),
    ("empty-file", lambda d: (d / "evidence.csv").write_bytes(b""),
     ("evidence.csv", None, None, None), "empty file"),
    # b"Mira" is src-900's author: the undecodable byte is named in its row and column.
    ("non-utf8-bytes", lambda d: replace_bytes(d, "sources.csv", b"Mira", b"M\xe9ra"),
     ("sources.csv", line_of("sources", "src-900"), "src-900", "author"), "not UTF-8: byte 0xe9 at byte offset"),
    ("unsorted-rows", lambda d: swap_rows(d, "measures", "m-hotline", "m-info-sharing"),
     ("measures.csv", line_of("measures", "m-info-sharing"), "m-hotline", "id"), "rows not sorted by id"),
    ("columns-out-of-order", lambda d: swap_columns(d, "measures", "name", "category"),
     ("measures.csv", 1, None, None), "columns out of schema order"),
    bad_cell("trailing-whitespace", "actors", "uk", "role", "Ally ", "leading or trailing whitespace"),
    # Issue 9: an alias points to one actor.
    ("alias-shared", lambda d: set_cell(d, "actors", "japan", "aliases", "Tokyo;Taipei"),
     ("actors.csv", line_of("actors", "taiwan"), "taiwan", "aliases"),
     f"alias 'Taipei' is also an alias of actor 'japan' (line {line_of('actors', 'japan')})"),
    bad_cell("alias-is-another-actors-name", "actors", "pla", "aliases", "PLA;china",
             f"alias 'china' is the name of actor 'china' (line {line_of('actors', 'china')})"),
    # Issue 9: an event's agreement is one the event makes, so made by the event's date.
    bad_cell("event-agreement-not-made", "events", "ev-2021-coast-guard-law", "agreement", "ag-jp-tw-ocean-mechanism",
             "agreement 'ag-jp-tw-ocean-mechanism' has status 'proposed': an event's agreement must be one it makes"
             " (concluded, issued, established, enacted, revised)"),
    bad_cell("event-agreement-made-later", "events", "ev-2014-jp-au-equipment", "agreement", "ag-acsa-jp-uk",
             "agreement 'ag-acsa-jp-uk' is concluded in 2017, after this event (2014)"),
]


@pytest.mark.parametrize("breakage, expected_where, fragment",
                         [pytest.param(b, w, f, id=i) for i, b, w, f in BREAKAGES])
def test_each_breakage_yields_a_located_problem(fixture_copy, breakage, expected_where, fragment):
    breakage(fixture_copy)
    problems = problems_of(fixture_copy)
    located = [p for p in problems if (p.file, p.line, p.record_id, p.column) == expected_where]
    assert any(fragment in p.message for p in located), "\n".join(map(str, problems))


def test_the_unsorted_row_is_the_one_named(fixture_copy):
    swap_rows(fixture_copy, "measures", "m-hotline", "m-info-sharing")
    [problem] = problems_of(fixture_copy)
    assert str(problem) == (
        f"measures.csv line {line_of('measures', 'm-info-sharing')} (m-hotline), column id: rows not sorted"
        " by id: comes after 'm-info-sharing' (keep files sorted so edits diff cleanly)")


def test_non_utf8_message_names_offset_and_line(fixture_copy):
    raw = (fixture_copy / "sources.csv").read_bytes()
    replace_bytes(fixture_copy, "sources.csv", b"Mira", b"M\xe9ra")
    [problem] = problems_of(fixture_copy)
    offset = raw.index(b"Mira") + 1
    assert problem.message == (
        f"not UTF-8: byte 0xe9 at byte offset {offset} cannot be decoded; it looks saved as Windows-1252 (Latin-1),"
        " where that byte is 'é'; save it as UTF-8 without a byte-order mark")
    assert problem.line == raw[:offset].count(b"\n") + 1
    assert (problem.record_id, problem.column) == ("src-900", "author")


def test_a_windows_1252_file_names_its_first_bad_byte_and_counts_the_others(fixture_copy):
    # evidence.csv holds seven characters beyond ASCII: “ ” on lines 2 and 22, é on 3 and 23, ’ on 27; in
    # Windows-1252 each is one byte, the first being “ (0x93) in the quote of line 2.
    path = fixture_copy / "evidence.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    [problem] = problems_of(fixture_copy)
    assert (problem.file, problem.line, problem.record_id, problem.column) == (
        "evidence.csv", 2, "ag-2021-04-jp-us-joint-statement", "quote")
    assert problem.message.startswith("not UTF-8: byte 0x93 at byte offset ")
    assert problem.message.endswith(
        "cannot be decoded (and 6 more such bytes); it looks saved as Windows-1252 (Latin-1), where that byte is"
        " '“'; save it as UTF-8 without a byte-order mark")


def test_one_breakage_does_not_cascade_into_other_tables(fixture_copy):
    (fixture_copy / "actors.csv").unlink()
    assert [str(p) for p in problems_of(fixture_copy)] == ["actors.csv: missing file"]


def test_every_problem_is_reported_at_once(fixture_copy):
    set_cell(fixture_copy, "agreements", "ag-acsa-jp-au", "year", "twenty ten")
    set_cell(fixture_copy, "events", "ev-2021-10-new-cabinet", "actors", "japan;jp-xyz")
    drop_rows(fixture_copy, "evidence", HADR, key="record_id")
    drop_column(fixture_copy, "measures", "phrasings")
    (fixture_copy / "sources.csv").unlink()
    problems = problems_of(fixture_copy)
    assert [str(p) for p in problems] == [
        "sources.csv: missing file",
        f"events.csv line {line_of('events', 'ev-2021-10-new-cabinet')} (ev-2021-10-new-cabinet), column actors:"
        " unknown actor 'jp-xyz'",
        f"agreements.csv line {line_of('agreements', 'ag-acsa-jp-au')} (ag-acsa-jp-au), column year:"
        " 'twenty ten' is not a valid integer",
        "measures.csv line 1, column phrasings: missing column",
        f"proposals.csv line {line_of('proposals', HADR)} ({HADR}): no evidence row in evidence.csv",
    ]


def test_line_numbers_count_physical_lines_across_multiline_cells(fixture_copy):
    set_cell(fixture_copy, "measures", "m-coast-guard-drills", "description", "two\nlines")
    set_cell(fixture_copy, "measures", "m-info-sharing", "category", "gossip")
    [problem] = problems_of(fixture_copy)
    assert (problem.line, problem.record_id) == (line_of("measures", "m-info-sharing") + 1, "m-info-sharing")


# ---------------------------------------------------------------- warnings (issue 9)

# The clean fixture's own warnings, read off the fixture and its corpus by hand.
FIXTURE_WARNINGS = [
    f"actors.csv line {line_of('actors', 'china')} (china), column aliases: alias 'Beijing' occurs in no corpus article",
    f"actors.csv line {line_of('actors', 'dana-whitcombe')} (dana-whitcombe), column role: role words not found in"
    " any corpus article: columnist",
    f"actors.csv line {line_of('actors', 'hoshino-aki')} (hoshino-aki), column aliases: alias 'Aki Hoshino' occurs"
    " in no corpus article",
    f"actors.csv line {line_of('actors', 'lin-wei-ting')} (lin-wei-ting), column aliases: alias 'Wei-ting Lin'"
    " occurs in no corpus article",
    f"actors.csv line {line_of('actors', 'tw-ocean-institute')} (tw-ocean-institute), column role: role words not"
    " found in any corpus article: think, tank",
    f"actors.csv line {line_of('actors', 'us-analysts')} (us-analysts), column role: role words not found in any"
    " corpus article: interviewed",
]

ANALYSTS = "pr-902-analysts-trilateral-dialogue"
WARNINGS = [
    bad_cell("alias-in-no-article", "actors", "japan", "aliases", "Tokyo;Nippon", "alias 'Nippon' occurs in no corpus article"),
    bad_cell("phrasing-in-no-article", "measures", "m-hotline", "phrasings",
             "a hotline between Tokyo and Taipei;a red telephone", "phrasing 'a red telephone' occurs in no corpus article"),
    bad_cell("role-in-no-article", "actors", "uk", "role", "Permanent observer",
             "role words not found in any corpus article: Permanent, observer"),
    bad_cell("abbreviation-in-no-article", "agreements", "ag-equipment-jp-au", "abbreviation", "DETA",
             "abbreviation 'DETA' occurs in no corpus article"),
    bad_cell("proposer-not-named", "proposals", ANALYSTS, "proposer", "hoshino-aki",
             "proposer 'hoshino-aki' (Hoshino Aki / Aki Hoshino / Minister Hoshino) is not named in its quote"
             " or the sentence before it"),
]


@pytest.mark.parametrize("breakage, expected_where, message",
                         [pytest.param(b, w, m, id=i) for i, b, w, m in WARNINGS])
def test_each_wording_slip_yields_a_located_warning_not_an_error(fixture_copy, breakage, expected_where, message):
    breakage(fixture_copy)
    dataset = load_dataset(fixture_copy, FIXTURE_CORPUS)  # warnings never stop the loader
    new = [w for w in dataset.warnings if str(w) not in FIXTURE_WARNINGS]
    assert [((w.file, w.line, w.record_id, w.column), w.message, w.severity) for w in new] == [
        (expected_where, message, "warning")]


def test_clean_fixture_warnings_are_exactly_the_hand_listed_ones(mini):
    # Also pins what must NOT warn: "She also called ..." names Hoshino in the sentence before; the op-ed
    # author (Dana Whitcombe, src-902) may say "I"; "Well-informed" style case differences still match.
    assert [str(w) for w in mini.warnings] == FIXTURE_WARNINGS
    assert {w.severity for w in mini.warnings} == {"warning"}


def test_warnings_need_the_corpus(tmp_path):
    assert load_dataset(FIXTURE_DIR, tmp_path / "no-corpus").warnings == ()
    assert load_dataset(FIXTURE_DIR, FIXTURE_CORPUS, check_quotes=False).warnings == ()


def test_errors_carry_the_warnings_apart(fixture_copy):
    set_cell(fixture_copy, "actors", "japan", "aliases", "Tokyo;Nippon")
    set_cell(fixture_copy, "measures", "m-hotline", "description", "")
    with pytest.raises(DatasetError) as caught:
        load_dataset(fixture_copy, FIXTURE_CORPUS)
    error = caught.value
    assert [p.message for p in error.problems] == ["value is required"]
    assert "alias 'Nippon' occurs in no corpus article" in [w.message for w in error.warnings]
    assert pickle.loads(pickle.dumps(error)).warnings == error.warnings


# ---------------------------------------------------------------- the clean fixture


def test_fixture_schema_is_a_verbatim_copy_of_the_shipped_one():
    assert (FIXTURE_DIR / "datapackage.json").read_bytes() == (SHIPPED_DATA / "datapackage.json").read_bytes(), \
        "run: cp data/datapackage.json tests/fixtures/mini/ (then check the fixture still loads)"


def test_fixture_loads_clean_with_corpus_checked(mini):
    assert mini.corpus_checked
    assert {name: len(getattr(mini, name)) for name in FIXTURE_COUNTS} == FIXTURE_COUNTS
    assert mini.schema["codebook"]["event categories"]["statement"].startswith("Public statement")
    assert mini.version.startswith(mini.schema["version"] + "+") and len(mini.version.split("+")[1]) == 7


def test_columns_follow_schema_order_then_derived(mini):
    for resource in mini.schema["resources"]:
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert list(getattr(mini, resource["name"]).columns[: len(fields)]) == fields
    assert list(mini.events.columns[-3:]) == ["date_start", "date_end", "year"]


def test_types(mini):
    ag = mini.agreements.set_index("id")
    assert str(ag["year"].dtype) == "Int64"
    assert ag.loc["ag-acsa-jp-au", "year"] == 2010 and pd.isna(ag.loc["ag-raa-jp-uk", "year"])
    assert ag["table1"].dtype == bool and ag["names_taiwan_strait"].sum() == 2
    assert mini.events["key"].dtype == bool and mini.events["key"].sum() == 2
    assert ag.loc["ag-2021-06-14-leaders-communique", "other_parties"] == ["uk", "australia"]
    assert ag.loc["ag-acsa-jp-au", "other_parties"] == []
    hoshino = mini.actors.set_index("id").loc["hoshino-aki"]
    assert hoshino["aliases"] == ["Aki Hoshino", "Minister Hoshino"]
    src = mini.sources.set_index("id").loc["src-901"]
    assert src["author"] == "" and src["published"] == ""
    assert not mini.sources.isna().any().any() and not mini.events.isna().any().any()


@pytest.mark.parametrize("event_id, start, end", [
    ("ev-2021-01-12-adiz-sortie", "2021-01-12", "2021-01-12"),
    ("ev-2021-04-jp-us-joint-statement", "2021-04-01", "2021-04-30"),  # month spans the month
    ("ev-2021-coast-guard-law", "2021-01-01", "2021-12-31"),  # year spans the year
    ("ev-2021-07-03-pla-drill", "2021-07-03", "2021-07-06"),  # end_date extends it
])
def test_event_periods(mini, event_id, start, end):
    event = mini.events.set_index("id").loc[event_id]
    assert (event["date_start"], event["date_end"]) == (pd.Timestamp(start), pd.Timestamp(end))
    assert event["year"] == int(start[:4])


def test_derived_columns_on_sources_and_evidence(mini):
    assert pd.api.types.is_datetime64_any_dtype(mini.events["date_start"])
    src = mini.sources.set_index("id")
    assert (src.loc["src-901", "date_start"], src.loc["src-901", "date_end"]) == (
        pd.Timestamp("2021-11-01"), pd.Timestamp("2021-11-30"))
    types = mini.evidence.groupby("record_type")["record_id"].nunique().to_dict()
    assert types == {"event": 13, "agreement": 12, "proposal": 10}


def test_fixture_has_what_dashboard_tests_need(mini):
    """The shapes other modules' tests rely on; change the fixture only with them in mind."""
    proposers = mini.proposals.groupby("measure")["proposer"].nunique()
    assert proposers.max() >= 3
    shared = mini.proposals.groupby("proposer")["measure"].apply(set)
    assert any(len(shared[a] & shared[b]) >= 2 for a in shared.index for b in shared.index if a < b)
    assert mini.evidence.groupby("record_id")["source_id"].nunique().max() >= 2
    assert set(mini.events["date_precision"]) == {"year", "month", "day"}
    assert (mini.events["date_basis"] == "inferred").sum() == 1
    assert (mini.events["year"] < 2021).sum() >= 3
    cells = mini.agreements[mini.agreements["table1"]]
    assert len(cells) == 8 and (cells["status"] == "none-as-of-source").sum() == 2
    assert mini.measures["category"].nunique() >= 3


def test_load_without_quote_check(fixture_copy):
    replace_bytes(fixture_copy, "evidence.csv", ADIZ_QUOTE.encode(), b"words nobody wrote")
    dataset = load_dataset(fixture_copy, FIXTURE_CORPUS, check_quotes=False)
    assert not dataset.corpus_checked


def test_absent_corpus_skips_quote_checks(tmp_path):
    dataset = load_dataset(FIXTURE_DIR, tmp_path / "no-such-corpus")
    assert not dataset.corpus_checked


def test_version_follows_content(fixture_copy, mini):
    set_cell(fixture_copy, "measures", "m-hotline", "description", "A different description.")
    assert load_dataset(fixture_copy, FIXTURE_CORPUS).version != mini.version


def test_environment_variables_choose_folders(monkeypatch, tmp_path):
    monkeypatch.setenv("STRAIT_WATCH_DATA", str(tmp_path / "d"))
    monkeypatch.setenv("STRAIT_WATCH_CORPUS", str(tmp_path / "c"))
    assert (default_data_dir(), default_corpus_dir()) == (tmp_path / "d", tmp_path / "c")
    monkeypatch.delenv("STRAIT_WATCH_DATA")
    monkeypatch.delenv("STRAIT_WATCH_CORPUS")
    assert default_data_dir() == REPO / "data"
    assert default_corpus_dir() == REPO.parent / "shared" / "seeds"


def test_relative_environment_paths_are_relative_to_the_repo_for_app_scripts_and_tests(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STRAIT_WATCH_DATA", "tests/fixtures/mini")
    monkeypatch.setenv("STRAIT_WATCH_CORPUS", "tests/fixtures/mini-corpus")
    assert (default_data_dir(), default_corpus_dir()) == (FIXTURE_DIR, FIXTURE_CORPUS)
    from ui.data import data_paths  # the app's loader
    assert data_paths() == (FIXTURE_DIR, FIXTURE_CORPUS)
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check_data.py")],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert f"Data package: {FIXTURE_DIR}" in result.stdout and "(quotes checked)" in result.stdout
    assert result.returncode == 0, result.stdout + result.stderr


def test_load_accepts_the_datapackage_json_path(mini):
    assert load_dataset(FIXTURE_DIR / "datapackage.json", FIXTURE_CORPUS).version == mini.version


def test_problem_text_and_error_pickle():
    problem = Problem("events.csv", 14, "ev-2021-08-27-x", "actors", "unknown actor 'jp-xyz'")
    assert str(problem) == "events.csv line 14 (ev-2021-08-27-x), column actors: unknown actor 'jp-xyz'"
    assert str(Problem("actors.csv", None, None, None, "missing file")) == "actors.csv: missing file"
    assert problem.severity == "error"
    assert Problem("a.csv", 2, "x", "role", "m", "warning").severity == "warning"
    error = pickle.loads(pickle.dumps(DatasetError([problem])))
    assert error.problems == [problem] and "unknown actor" in str(error)


def test_missing_datapackage_json(tmp_path):
    with pytest.raises(DatasetError) as caught:
        load_dataset(tmp_path)
    assert caught.value.problems[0].file == "datapackage.json"


# ---------------------------------------------------------------- the shipped data


def test_shipped_data_passes_with_the_real_corpus(shipped):
    """The session fixture raises on any error; here the quotes were really checked, against all five articles."""
    assert shipped.corpus_checked and len(shipped.sources) == 5

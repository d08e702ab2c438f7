"""Issue 15: inputs that used to throw tracebacks, and the cell and actor checks frictionless lets through.

Each breaks a copy of the fixture one way and asserts the located problem (file, line, id, column, message)
the loader raises; the check command prints the same problems (tested at the end) and never a traceback."""

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from fixture_edits import line_of, problem_rows, replace_bytes, set_cell
from paths import FIXTURE_CORPUS, REPO


def edit_package(folder, change):
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def line_in(folder, file, needle):
    lines = (folder / file).read_text(encoding="utf-8").splitlines()
    return 1 + next(i for i, line in enumerate(lines) if needle in line)


def resource(descriptor, name):
    return next(r for r in descriptor["resources"] if r["name"] == name)


def test_empty_descriptor(fixture_copy):
    (fixture_copy / "datapackage.json").write_text("{}", encoding="utf-8")
    assert problem_rows(fixture_copy) == [
        ("datapackage.json", None, None, "resources", "no 'resources' list: not a data package descriptor")]


def test_resource_without_path(fixture_copy):
    edit_package(fixture_copy, lambda d: resource(d, "events").pop("path"))
    line = line_in(fixture_copy, "datapackage.json", '"name": "events"')
    assert problem_rows(fixture_copy) == [
        ("datapackage.json", None, None, None, "no resource named 'events'"),
        ("datapackage.json", line, None, None, "resource 'events' has no path"),
    ]


def test_invalid_regex_in_a_pattern_is_reported_and_the_rest_still_checked(fixture_copy):
    def change(d):
        resource(d, "measures")["schema"]["fields"][0]["constraints"]["pattern"] = "^[a-z"
    edit_package(fixture_copy, change)
    set_cell(fixture_copy, "events", "ev-2021-10-new-cabinet", "category", "meeting")
    problems = problem_rows(fixture_copy)
    assert problems[0] == (
        "datapackage.json", line_in(fixture_copy, "datapackage.json", '"^[a-z"'), None, "id",
        "resource 'measures', field 'id': pattern '^[a-z' is not a valid regular expression"
        " (unterminated character set at position 1); the pattern is not checked")
    assert [p[1:4] for p in problems[1:]] == [
        (line_of("events", "ev-2021-10-new-cabinet"), "ev-2021-10-new-cabinet", "category")]


@pytest.mark.parametrize("padding_rows", [0, 3000], ids=["small-file", "large-file"])
def test_stray_unclosed_quote(fixture_copy, padding_rows):
    # One '"' before a title: the csv reader reads the rest of the file (over 131,072 characters when
    # padded) as one cell. The table is dropped, so nothing cascades.
    replace_bytes(fixture_copy, "events.csv", b",Largest winter", b',"Largest winter')
    with open(fixture_copy / "events.csv", "a", encoding="utf-8") as fh:
        fh.write("ev-zz-padding,2021,year,,stated,,T,S,political,japan,false,\n" * padding_rows)
    line = line_of("events", "ev-2021-01-12-adiz-sortie")
    assert problem_rows(fixture_copy) == [
        ("events.csv", line, None, None,
         f"unclosed quote: a '\"' opened in the record starting on line {line} is never closed, so the rest of"
         " the file reads as one cell")]


def refuse_to_open(monkeypatch, name):
    """Tests run as root, which reads any file whatever its mode: simulate the PermissionError of os.open."""
    real = os.open

    def fake_open(path, flags, *args, **kwargs):
        if Path(path).name == name:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, flags, *args, **kwargs)
    monkeypatch.setattr(os, "open", fake_open)


def test_unreadable_file(fixture_copy, monkeypatch):
    refuse_to_open(monkeypatch, "measures.csv")
    assert problem_rows(fixture_copy) == [
        ("measures.csv", None, None, None, "cannot read the file: Permission denied")]


def test_unreadable_descriptor(fixture_copy, monkeypatch):
    refuse_to_open(monkeypatch, "datapackage.json")
    assert problem_rows(fixture_copy) == [
        ("datapackage.json", None, None, None, "cannot read the file: Permission denied")]


@pytest.mark.parametrize("value, fixed", [("japan; australia", "japan;australia"),
                                          ("japan;;australia", "japan;australia"),
                                          ("japan;australia;", "japan;australia")])
def test_blank_space_inside_a_list_cell(fixture_copy, value, fixed):
    set_cell(fixture_copy, "events", "ev-2014-jp-au-equipment", "actors", value)
    assert problem_rows(fixture_copy) == [
        ("events.csv", line_of("events", "ev-2014-jp-au-equipment"), "ev-2014-jp-au-equipment", "actors",
         f"blank space in list cell '{value}': write '{fixed}'")]


# One edited cell (table, record id, column, new value) and the one problem it gives, exactly.
ONE_CELL = {
    "cell over the csv limit": (("measures", "m-info-sharing", "description", "x" * 140_000), (
        "measures.csv", line_of("measures", "m-info-sharing"), None, "description",
        "cell is 140,000 characters long (at most 131,072)")),
    "full-width digits in an integer": (("agreements", "ag-acsa-jp-au", "year", "２０１０"), (
        "agreements.csv", line_of("agreements", "ag-acsa-jp-au"), "ag-acsa-jp-au", "year",
        "'２０１０' has full-width or non-ASCII digits; write '2010'")),
    "control character in a cell": (("measures", "m-info-sharing", "description", "Sharing\x07 intelligence."), (
        "measures.csv", line_of("measures", "m-info-sharing"), "m-info-sharing", "description",
        "control character U+0007 in the cell (invisible; delete it)")),
    # Issue 25: what XML 1.0 cannot hold breaks the GEXF, GraphML and PowerPoint exports.
    **{f"{name} in a cell": (("measures", "m-info-sharing", "description", f"Sharing{char} intelligence."), (
        "measures.csv", line_of("measures", "m-info-sharing"), "m-info-sharing", "description", message))
       for name, char, message in [
           ("U+FFFE", "\ufffe", "U+FFFE is not allowed in XML exports; delete it"),
           ("U+FFFF", "\uffff", "U+FFFF is not allowed in XML exports; delete it"),
           ("U+FDD0", "\ufdd0", "U+FDD0 is not allowed in XML exports; delete it"),
           ("U+FDEF", "\ufdef", "U+FDEF is not allowed in XML exports; delete it"),
           ("U+1FFFE", "\U0001fffe", "U+1FFFE is not allowed in XML exports; delete it"),
           ("U+10FFFF", "\U0010ffff", "U+10FFFF is not allowed in XML exports; delete it"),
           ("two noncharacters", "\uffff\ufffe", "U+FFFE, U+FFFF are not allowed in XML exports; delete them"),
           ("vertical tab", "\x0b", "control character U+000B in the cell (invisible; delete it)"),
           ("unit separator", "\x1f", "control character U+001F in the cell (invisible; delete it)"),
           ("NUL", "\x00", "control character U+0000 in the cell (invisible; delete it)"),
           ("DEL", "\x7f", "control character U+007F in the cell (invisible; delete it)"),
           ("C1 next-line", "\x85", "control character U+0085 in the cell (invisible; delete it)"),
       ]},
    "actor affiliated to itself": (("actors", "uk", "affiliation", "uk"), (
        "actors.csv", line_of("actors", "uk"), "uk", "affiliation", "actor is affiliated to itself")),
    "affiliation cycle, reported once": (("actors", "jp-lantern-party", "affiliation", "hoshino-aki"), (
        "actors.csv", line_of("actors", "hoshino-aki"), "hoshino-aki", "affiliation",
        "affiliation cycle: hoshino-aki → jp-lantern-party → hoshino-aki")),
}


@pytest.mark.parametrize("edit, problem", ONE_CELL.values(), ids=ONE_CELL.keys())
def test_one_edited_cell_gives_exactly_its_problem(fixture_copy, edit, problem):
    set_cell(fixture_copy, *edit)
    assert problem_rows(fixture_copy) == [problem]


def test_semicolon_delimited_file(fixture_copy):
    path = fixture_copy / "measures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    assert problem_rows(fixture_copy) == [
        ("measures.csv", 1, None, None, "header has one column 'id;name;category;description;phrasings':"
         " the file looks semicolon-delimited; save it comma-separated")]


# Issue 25: a file saved in another encoding is named as such (the first line of measures.csv is its header).
SAVE_AS_UTF8 = "save it as UTF-8 without a byte-order mark"
ENCODINGS = {
    "UTF-16 with BOM": ("utf-16-le", b"\xff\xfe", (
        1, f"the file is saved as UTF-16 (it starts with the byte-order mark FF FE); {SAVE_AS_UTF8}")),
    "UTF-16 big-endian with BOM": ("utf-16-be", b"\xfe\xff", (
        1, f"the file is saved as UTF-16 (it starts with the byte-order mark FE FF); {SAVE_AS_UTF8}")),
    "UTF-32 with BOM": ("utf-32-le", b"\xff\xfe\x00\x00", (
        1, f"the file is saved as UTF-32 (it starts with the byte-order mark FF FE 00 00); {SAVE_AS_UTF8}")),
    "UTF-16 without BOM": ("utf-16-le", b"", (
        None, f"the file looks saved as UTF-16 without a byte-order mark (every other byte is zero); {SAVE_AS_UTF8}")),
    "UTF-8 with BOM": ("utf-8", b"\xef\xbb\xbf", (
        1, "file starts with a byte-order mark; save as UTF-8 without BOM")),
}


@pytest.mark.parametrize("encoding, bom, expected", ENCODINGS.values(), ids=ENCODINGS.keys())
def test_a_file_in_another_encoding_is_named(fixture_copy, encoding, bom, expected):
    path = fixture_copy / "measures.csv"
    path.write_bytes(bom + path.read_text(encoding="utf-8").encode(encoding))
    assert problem_rows(fixture_copy) == [("measures.csv", *expected[:1], None, None, expected[1])]


def test_tab_delimited_file(fixture_copy):
    path = fixture_copy / "measures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", "\t"), encoding="utf-8")
    assert problem_rows(fixture_copy) == [
        ("measures.csv", 1, None, None, "header has one column 'id name category description phrasings':"
         " the file looks tab-delimited; save it comma-separated")]


def test_a_blank_first_line(fixture_copy):
    path = fixture_copy / "measures.csv"
    path.write_bytes(b"\n" + path.read_bytes())
    assert problem_rows(fixture_copy) == [
        ("measures.csv", 1, None, None, "line 1 is blank: the header (id,name,category,description,phrasings) must"
         " be the first line; delete the blank lines above it")]


# ---------------------------------------------------------------- datapackage.json (issue 25)


@pytest.mark.parametrize("text, expected", [
    ("not json", (1, "not valid JSON at line 1, column 1 (Expecting value)")),
    ('{\n  "name": "x",\n  "resources": [\n}\n', (4, "not valid JSON at line 4, column 1 (Expecting value)")),
    ('{"resources": []', (1, "not valid JSON at line 1, column 17 (Expecting ',' delimiter)")),
])
def test_a_descriptor_that_is_not_json(fixture_copy, text, expected):
    (fixture_copy / "datapackage.json").write_text(text, encoding="utf-8")
    line, message = expected
    assert problem_rows(fixture_copy) == [("datapackage.json", line, None, None, message + "; fix it there"
                                           " (a missing comma, quote or bracket is the usual cause)")]


def test_a_descriptor_that_is_not_utf8(fixture_copy):
    replace_bytes(fixture_copy, "datapackage.json", b'"name": "strait-watch"', b'"name": "strait-w\xe4tch"')
    # '{', LF, two spaces, '"name": "strait-w' is 21 bytes before the ä, on line 2.
    assert problem_rows(fixture_copy) == [
        ("datapackage.json", 2, None, None, "not UTF-8: byte 0xe4 at byte offset 21 cannot be decoded; save it as UTF-8")]


def test_a_resource_named_twice(fixture_copy):
    edit_package(fixture_copy, lambda d: d["resources"].append(dict(resource(d, "measures"))))
    assert problem_rows(fixture_copy) == [
        ("datapackage.json", line_in(fixture_copy, "datapackage.json", '"name": "measures"'), None, None,
         "resource name 'measures' is used twice; the second is not read")]


@pytest.mark.parametrize("key, value", [("primaryKey", 5), ("primaryKey", [["id"]]), ("foreignKeys", "id"),
                                        ("foreignKeys", [{"fields": "measure"}])])
def test_a_key_that_is_not_table_schema_is_reported_not_raised(fixture_copy, key, value):
    edit_package(fixture_copy, lambda d: resource(d, "proposals")["schema"].__setitem__(key, value))
    [(file, _, _, _, message)] = problem_rows(fixture_copy)
    assert (file, message) == ("datapackage.json",
                               f"resource 'proposals': '{key}' is not what Table Schema allows; it is not checked")


def test_a_field_with_constraints_that_are_not_an_object(fixture_copy):
    edit_package(fixture_copy, lambda d: resource(d, "measures")["schema"]["fields"][2].__setitem__("constraints", []))
    assert problem_rows(fixture_copy)[0][2:] == (
        None, "category", "resource 'measures', field 'category': 'type' must be a name and 'constraints' an"
        " object; the field is checked as plain text")


def test_a_codebook_of_the_wrong_shape(fixture_copy):
    edit_package(fixture_copy, lambda d: d.__setitem__("codebook", {"event categories": ["statement"]}))
    assert problem_rows(fixture_copy) == [
        ("datapackage.json", line_in(fixture_copy, "datapackage.json", '"codebook"'), None, None,
         "'codebook' must map each list's name to {value: description} texts")]


def test_a_bug_in_a_check_is_a_problem_not_a_traceback(fixture_copy, monkeypatch):
    from strait_watch.core.dataset import loader

    def broken_rule(tables):
        return 1 / 0
    monkeypatch.setattr(loader, "RULES", (broken_rule,))
    assert problem_rows(fixture_copy) == [
        ("datapackage.json", None, None, None, "the check itself failed (ZeroDivisionError: division by zero); this"
         " is a bug in Strait Watch: please report it with the data package")]


def test_nfd_quote_says_so(fixture_copy):
    quote = "On 14 June 2021 the leaders' communiqué named"
    replace_bytes(fixture_copy, "evidence.csv", quote.encode(), unicodedata.normalize("NFD", quote).encode())
    problems = problem_rows(fixture_copy)
    line = line_of("evidence", "ag-2021-06-14-leaders-communique", "record_id")
    [(_, _, rid, column, message)] = [p for p in problems if p[1] == line]
    assert (rid, column) == ("ag-2021-06-14-leaders-communique", "quote")
    assert message.startswith("quote not found verbatim in src-900") and message.endswith(
        "(the quote looks NFD-normalised: accents stored as separate marks; save the file as NFC)")


@pytest.mark.parametrize("breakage", ["empty-descriptor", "no-path", "stray-quote"])
def test_check_command_prints_the_problem_and_no_traceback(fixture_copy, breakage):
    if breakage == "empty-descriptor":
        (fixture_copy / "datapackage.json").write_text("{}", encoding="utf-8")
        expected = "datapackage.json, column resources: no 'resources' list"
    elif breakage == "no-path":
        edit_package(fixture_copy, lambda d: resource(d, "events").pop("path"))
        expected = "resource 'events' has no path"
    else:
        replace_bytes(fixture_copy, "events.csv", b",Largest winter", b',"Largest winter')
        expected = "unclosed quote"
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check_data.py"), str(fixture_copy),
                             "--corpus", str(FIXTURE_CORPUS)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert expected in result.stdout and "Traceback" not in result.stdout + result.stderr

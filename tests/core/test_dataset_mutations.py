"""Issue 25, the loader never raises on bytes: broken copies of the fixture package, generated and by hand.

The generated copies (hypothesis, derandomized and bounded) break one or two files of tests/fixtures/mini the
ways an analyst's editor or a bad transfer does: cells added and removed, line endings, delimiters, quotes,
re-encodings, control and non-characters, huge fields, truncation, flipped bytes, a file turned into a folder
or a link. Every outcome must be a valid Dataset or a DatasetError whose every problem says where (file, and a
line when it is in a row) and what. The check command gets a sample of the same copies and must exit 0 or 1
without a traceback. The seven copies issue 25 names are written out by hand with the exact problems expected.
"""

import contextlib
import importlib.util
import io
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from fixture_edits import problem_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import FIXTURE_CORPUS, FIXTURE_COUNTS, FIXTURE_DIR, REPO

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.dataset.model import Dataset, DatasetError

_spec = importlib.util.spec_from_file_location("check_data", REPO / "scripts" / "check_data.py")
check_data = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_data)

FILES = sorted(p.name for p in FIXTURE_DIR.iterdir())
TABLE_FILES = [name for name in FILES if name.endswith(".csv")]
ORIGINAL = {name: (FIXTURE_DIR / name).read_bytes() for name in FILES}
# Characters an editor or a paste can leave in a cell: C0 and C1 controls, DEL, a carriage return, the XML
# non-characters, a byte-order mark, a line separator, a private-use and an astral character.
ODD_CHARACTERS = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f", "\r", "\t",
                  "\ufffe", "\uffff", "\ufdd0", "\ufdef", "\U0001fffe", "\U0010ffff", "\ufeff", "\u2028",
                  "\ue000", "\U0001f600", "é", '"', ",", ";", "\n"]
ENCODINGS = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig", "latin-1", "cp1252", "mac-roman"]
# The check command is slower than the loader (it reads the files again for its summary): a sample.
LOADER_EXAMPLES, CHECK_EXAMPLES = 100, 10


# ---------------------------------------------------------------- the mutations


def _line_span(data: bytes, draw) -> tuple[int, int]:
    """Byte offsets (start, end) of one physical line of `data`, its "\n" excluded."""
    starts = [0] + [i + 1 for i, b in enumerate(data) if b == 0x0A]
    start = draw(st.sampled_from(starts))
    end = data.find(b"\n", start)
    return start, len(data) if end < 0 else end


def add_cell(data, draw):
    start, end = _line_span(data, draw)
    at = draw(st.integers(start, end))
    return data[:at] + b"," + draw(st.sampled_from([b"", b"x", b"extra value", b'"quoted, cell"'])) + data[at:]


def remove_cell(data, draw):
    start, end = _line_span(data, draw)
    commas = [i for i in range(start, end) if data[i] == 0x2C]
    if not commas:
        return data[:start] + data[end:]
    at = draw(st.sampled_from(commas))
    if draw(st.booleans()):
        return data[:at] + data[at + 1:]  # two cells merged
    following = data.find(b",", at + 1, end)
    return data[:at] + data[end if following < 0 else following:]  # a cell and its comma cut out


def line_endings(data, draw):
    ending = draw(st.sampled_from([b"\r\n", b"\r", b"\n\r", b"\n\n"]))
    if draw(st.booleans()):
        return data.replace(b"\n", ending)
    _, end = _line_span(data, draw)
    return data[:end] + ending + data[end + 1:]  # one line only


def blank_lines(data, draw):
    blank = draw(st.sampled_from([b"\n", b"\n\n\n", b"\r\n", b",,,,\n", b"   \n", b'""\n']))
    if draw(st.booleans()):
        return data + blank
    start, _ = _line_span(data, draw)
    return data[:start] + blank + data[start:]


def delimiter(data, draw):
    new = draw(st.sampled_from([b";", b"\t", b"|", b", "]))
    if draw(st.booleans()):
        return data.replace(b",", new)
    start, end = _line_span(data, draw)
    return data[:start] + data[start:end].replace(b",", new) + data[end:]


def quotes(data, draw):
    found = [i for i, b in enumerate(data) if b == 0x22]
    if found and draw(st.booleans()):
        at = draw(st.sampled_from(found))
        return data[:at] + data[at + 1:]
    at = draw(st.integers(0, len(data)))
    return data[:at] + draw(st.sampled_from([b'"', b'""', b'"""', b"'"])) + data[at:]


def reencode(data, draw):
    text = data.decode("utf-8", errors="replace")
    return text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")


def odd_character(data, draw):
    text = data.decode("utf-8", errors="replace")
    at = draw(st.integers(0, len(text)))
    return (text[:at] + draw(st.sampled_from(ODD_CHARACTERS)) + text[at:]).encode("utf-8", errors="surrogatepass")


def huge_field(data, draw):
    start, end = _line_span(data, draw)
    at = draw(st.integers(start, end))
    return data[:at] + b"x" * draw(st.sampled_from([131_072, 131_073, 400_000])) + data[at:]


def truncate(data, draw):
    return data[:draw(st.integers(0, len(data)))]


def flip_bytes(data, draw):
    if not data:
        return data
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        out[draw(st.integers(0, len(out) - 1))] ^= draw(st.integers(1, 255))
    return bytes(out)


def random_bytes(data, draw):
    at = draw(st.integers(0, len(data)))
    return data[:at] + draw(st.binary(min_size=1, max_size=24)) + data[at:]


BYTE_MUTATIONS = [add_cell, remove_cell, line_endings, blank_lines, delimiter, quotes, reencode, odd_character,
                  huge_field, truncate, flip_bytes, random_bytes]
FILE_MUTATIONS = ["folder", "link-inside", "link-outside", "missing"]


@st.composite
def broken_copies(draw) -> tuple[dict[str, bytes | str], list[str]]:
    """(the changed files of one broken copy, what was done to them, e.g. "events.csv: add_cell").

    A changed file is its new bytes, or what it became ("folder", "missing", a link).

    One or two edits; each either rewrites a file's bytes (BYTE_MUTATIONS) or, one time in ten, changes what
    the file is (FILE_MUTATIONS)."""
    changed: dict[str, bytes | str] = {}
    done = []
    for _ in range(draw(st.integers(1, 2))):
        name = draw(st.sampled_from([*TABLE_FILES, "datapackage.json"]))
        if draw(st.integers(0, 9)) == 0:
            changed[name] = draw(st.sampled_from(FILE_MUTATIONS))
            done.append(f"{name}: {changed[name]}")
        else:
            before = changed.get(name, ORIGINAL[name])
            mutation = draw(st.sampled_from(BYTE_MUTATIONS))
            changed[name] = mutation(before if isinstance(before, bytes) else ORIGINAL[name], draw)
            done.append(f"{name}: {mutation.__name__}")
    return changed, done


def write_copy(folder: Path, changed: dict[str, bytes | str]) -> None:
    """The fixture package with these files changed, in `folder` (which must not exist yet)."""
    folder.mkdir()
    for name, original in ORIGINAL.items():
        state = changed.get(name, original)
        path = folder / name
        if isinstance(state, bytes):
            path.write_bytes(state)
        elif state == "folder":
            path.mkdir()
        elif state == "link-inside":
            (folder / f"real-{name}").write_bytes(original)
            path.symlink_to(f"real-{name}")
        elif state == "link-outside":
            (folder.parent / f"outside-{name}").write_bytes(original)
            path.symlink_to(folder.parent / f"outside-{name}")


def assert_located(error: DatasetError) -> None:
    """Every problem names its file and says what is wrong; one in a row gives its line."""
    assert error.problems
    for problem in error.problems:
        assert isinstance(problem.file, str) and problem.file, problem
        assert isinstance(problem.message, str) and problem.message.strip(), problem
        assert "Traceback" not in problem.message and "check itself failed" not in problem.message, problem
        if problem.record_id is not None or (problem.file.endswith(".csv") and problem.column is not None):
            assert isinstance(problem.line, int) and problem.line >= 1, problem


def load_outcome(folder: Path) -> Dataset | DatasetError:
    try:
        return load_dataset(folder, FIXTURE_CORPUS)
    except DatasetError as error:
        return error


# ---------------------------------------------------------------- generated copies


@settings(derandomize=True, database=None, max_examples=LOADER_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(broken_copies())
def test_every_broken_copy_loads_or_gives_located_problems(copy):
    with tempfile.TemporaryDirectory(prefix="sw-mutation-") as tmp:
        folder = Path(tmp) / "mini"
        write_copy(folder, copy[0])
        outcome = load_outcome(folder)
        if isinstance(outcome, DatasetError):
            assert_located(outcome)
        else:
            assert isinstance(outcome, Dataset) and len(outcome.events) > 0


@settings(derandomize=True, database=None, max_examples=CHECK_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(broken_copies())
def test_the_check_command_exits_zero_or_one_without_a_traceback(copy):
    with tempfile.TemporaryDirectory(prefix="sw-mutation-") as tmp:
        folder = Path(tmp) / "mini"
        write_copy(folder, copy[0])
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = check_data.main([str(folder), "--corpus", str(FIXTURE_CORPUS)])
        printed = out.getvalue() + err.getvalue()
        assert code in (0, 1) and "Traceback" not in printed
        assert ("OK: no problems." in printed) == (code == 0), printed[-2000:]


# ---------------------------------------------------------------- the seven copies of issue 25, by hand

EXTRA = ("a stray comma, or a comma inside a cell that is not in double quotes; remove the extra cell or put that"
         " cell in double quotes")
CR = ("a carriage return (CR) is in the cell; delete it or make it a plain line break (the save writes LF line"
      " breaks and the intake cannot read a CR)")


def edit_bytes(file, old, new):
    def edit(folder):
        path = folder / file
        data = path.read_bytes()
        assert old in data
        path.write_bytes(data.replace(old, new))
    return edit


# (id, the edit, every problem the loader raises as (file, line, record id, column, message)); lines are those of
# tests/fixtures/mini (header = line 1), read off the files by hand.
ISSUE_COPIES = [
    ("extra cell", edit_bytes("actors.csv", b"Invented Japanese party\n", b"Invented Japanese party,extra\n"),
     [("actors.csv", 7, "jp-lantern-party", None, f"row has 8 cells, the header has 7: {EXTRA}")]),
    ("missing cell", edit_bytes("measures.csv", b",humanitarian-disaster", b""),
     [("measures.csv", 3, "m-hadr-exercises", None,
       "row has 4 cells, the header has 5: a cell is missing; put it back (an empty cell still needs its comma)")]),
    ("semicolon-delimited", edit_bytes("measures.csv", b",", b";"),
     [("measures.csv", 1, None, None, "header has one column 'id;name;category;description;phrasings': the file"
       " looks semicolon-delimited; save it comma-separated")]),
    ("unbalanced quote, never closed", edit_bytes("measures.csv", b"Humanitarian and", b'"Humanitarian and'),
     [("measures.csv", 3, None, None, "unclosed quote: a '\"' opened in the record starting on line 3 is never"
       " closed, so the rest of the file reads as one cell")]),
    # Without its opening quote, line 2's description is two cells (it holds a comma).
    ("unbalanced quote, opening one deleted", edit_bytes("measures.csv", b'"Coast guard', b"Coast guard"),
     [("measures.csv", 2, "m-coast-guard-drills", None, f"row has 6 cells, the header has 5: {EXTRA}")]),
    ("bare CR in a cell", edit_bytes("measures.csv", b"Humanitarian and", b"Humanitarian\rand"),
     [("measures.csv", 3, "m-hadr-exercises", "description", CR)]),
    # A quoted cell may hold a line break, but not CRLF's CR: the package is otherwise valid.
    ("CRLF inside a quoted cell", edit_bytes("measures.csv", b"together, including", b"together,\r\nincluding"),
     [("measures.csv", 2, "m-coast-guard-drills", "description", CR)]),
    ("CR-only line endings", edit_bytes("sources.csv", b"\n", b"\r"),
     [("sources.csv", None, None, None, "lines end with a bare carriage return (CR, the old Mac format), so the"
       " file reads as one line; save it with Windows (CRLF) or Unix (LF) line endings")]),
    # One line ending in CR alone: lines 3 and 4 are one row of 7 + 6 cells, the CR inside its 7th (role).
    ("one line ending in CR", edit_bytes("actors.csv", b"Beijing,,\n", b"Beijing,,\r"),
     [("actors.csv", 3, "china", None, f"row has 13 cells, the header has 7: {EXTRA}"),
      ("actors.csv", 3, "china", "role", CR)]),
    # A cell added to or removed from the header: one problem there, not one per row.
    ("extra comma in the header", edit_bytes("measures.csv", b"phrasings\n", b"phrasings,\n"),
     [("measures.csv", 1, None, None, "the header has 6 cells but every row has 5: correct the header (the columns"
       " are id,name,category,description,phrasings)"),
      ("measures.csv", 1, None, "(blank)", "unknown column (not in datapackage.json)")]),
    ("column name removed from the header", edit_bytes("measures.csv", b"category,description", b"description"),
     [("measures.csv", 1, None, None, "the header has 4 cells but every row has 5: correct the header (the columns"
       " are id,name,category,description,phrasings)"),
      ("measures.csv", 1, None, "category", "missing column")]),
    ("header line ending in CR", edit_bytes("measures.csv", b"phrasings\n", b"phrasings\r"),
     [("measures.csv", 1, None, None, "the header holds a carriage return (CR); save the file with Windows (CRLF)"
       " or Unix (LF) line endings, and no line break inside a column name")]),
    ("blank line in the middle", edit_bytes("measures.csv", b"\nm-hotline", b"\n\nm-hotline"),
     [("measures.csv", 4, None, None, "blank row: delete it (blank rows are accepted only at the end of the file)")]),
]


@pytest.mark.parametrize("edit, expected", [pytest.param(e, x, id=i) for i, e, x in ISSUE_COPIES])
def test_each_broken_copy_of_the_issue_gives_exactly_its_problems(fixture_copy, edit, expected):
    edit(fixture_copy)
    assert problem_rows(fixture_copy) == expected


def test_trailing_blank_lines_are_harmless(fixture_copy):
    # What a spreadsheet leaves: empty lines, a CRLF one, and rows of empty cells after the data.
    for name, tail in (("events.csv", b"\n\n\n"), ("measures.csv", b",,,,\r\n,,,,\r\n"), ("actors.csv", b"\r\n")):
        with open(fixture_copy / name, "ab") as fh:
            fh.write(tail)
    dataset = load_dataset(fixture_copy, FIXTURE_CORPUS)
    assert {name: len(getattr(dataset, name)) for name in FIXTURE_COUNTS} == FIXTURE_COUNTS


def test_crlf_line_endings_everywhere_are_fine(fixture_copy):
    for name in TABLE_FILES:
        path = fixture_copy / name
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    dataset = load_dataset(fixture_copy, FIXTURE_CORPUS)
    assert {name: len(getattr(dataset, name)) for name in FIXTURE_COUNTS} == FIXTURE_COUNTS


def test_the_check_command_lists_a_crashing_copy_without_a_traceback(fixture_copy):
    # A separate process, as the analyst runs it: CR-only endings made it raise "substring not found" before.
    edit_bytes("sources.csv", b"\n", b"\r")(fixture_copy)
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check_data.py"), str(fixture_copy),
                             "--corpus", str(FIXTURE_CORPUS)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "1 problem(s):\n  sources.csv: lines end with a bare carriage return (CR, the old Mac format)" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr

import contextlib
import importlib.util
import io
import subprocess
import sys

from paths import FIXTURE_CORPUS, FIXTURE_COUNTS, FIXTURE_DIR, REPO

SCRIPT = REPO / "scripts" / "check_data.py"


def run_check(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_clean_fixture_exits_zero_with_summary():
    result = run_check(FIXTURE_DIR, "--corpus", FIXTURE_CORPUS)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "(quotes checked)" in out and "OK: no problems." in out
    assert f"  events      {FIXTURE_COUNTS['events']}" in out and f"  evidence    {FIXTURE_COUNTS['evidence']}" in out
    assert "  military-activity      3" in out  # events per category
    assert "  src-901       9  (agreement 1, event 4, proposal 4)" in out  # records per source


def test_broken_copy_exits_one_listing_every_problem(fixture_copy):
    events = fixture_copy / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(",political,", ",politics,"), encoding="utf-8")
    (fixture_copy / "measures.csv").unlink()
    result = run_check(fixture_copy, "--corpus", FIXTURE_CORPUS)
    assert result.returncode == 1
    assert "2 problem(s):" in result.stdout
    assert "  measures.csv: missing file" in result.stdout
    assert "events.csv line 12 (ev-2021-10-new-cabinet), column category: 'politics' is not an allowed value" \
        in result.stdout
    assert "  measures    unreadable" in result.stdout


def test_absent_corpus_is_a_notice_not_a_failure(tmp_path):
    result = run_check(FIXTURE_DIR, "--corpus", tmp_path / "nowhere")
    assert result.returncode == 0
    assert "NOTICE: quotes NOT checked" in result.stdout


def test_quote_problems_need_the_corpus(fixture_copy):
    evidence = fixture_copy / "evidence.csv"
    evidence.write_text(evidence.read_text(encoding="utf-8").replace("video link", "video call"), encoding="utf-8")
    assert run_check(fixture_copy, "--corpus", FIXTURE_CORPUS).returncode == 1
    assert run_check(fixture_copy, "--corpus", FIXTURE_CORPUS, "--skip-quotes").returncode == 0


def test_warnings_are_listed_apart_and_fail_only_under_strict(fixture_copy):
    events = fixture_copy / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(",political,", ",politics,"), encoding="utf-8")
    result = run_check(fixture_copy, "--corpus", FIXTURE_CORPUS)
    out = result.stdout
    assert result.returncode == 1
    errors, warnings = out.split("1 problem(s):")[1].split("6 warning(s):")
    assert "'politics' is not an allowed value" in errors and "occurs in no corpus article" not in errors
    assert "  actors.csv line 3 (china), column aliases: alias 'Beijing' occurs in no corpus article" in warnings
    assert "not an allowed value" not in warnings

    clean = run_check(FIXTURE_DIR, "--corpus", FIXTURE_CORPUS)
    assert clean.returncode == 0 and "6 warning(s):" in clean.stdout
    assert "OK: no problems. 6 warning(s) above." in clean.stdout
    strict = run_check(FIXTURE_DIR, "--corpus", FIXTURE_CORPUS, "--strict")
    assert strict.returncode == 1 and "6 warning(s) (--strict: they fail the check):" in strict.stdout
    assert run_check(FIXTURE_DIR, "--corpus", FIXTURE_CORPUS, "--skip-quotes", "--strict").returncode == 0


def run_in_process(*args) -> tuple[int, str]:
    """check_data.main in this process (the scripts folder is not a package: loaded from its file)."""
    spec = importlib.util.spec_from_file_location("check_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = module.main([str(a) for a in args])
    return code, out.getvalue()


def test_control_characters_from_the_data_reach_the_terminal_as_escapes(fixture_copy):
    # An escape sequence in a cell would clear the analyst's screen; a line feed would split the problem line.
    events = fixture_copy / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(",political,", ',"\x1b[2Jpol\nitical",', 1),
                      encoding="utf-8")
    code, out = run_in_process(fixture_copy, "--corpus", FIXTURE_CORPUS)
    assert code == 1 and "\x1b" not in out
    assert ("  events.csv line 12 (ev-2021-10-new-cabinet), column category: control character U+001B in the cell"
            " (invisible; delete it)") in out
    assert "column category: '\\x1b[2Jpol\\x0aitical' is not an allowed value" in out


def test_a_linked_table_is_a_problem_and_unreadable_in_the_summary(fixture_copy, tmp_path):
    (fixture_copy / "measures.csv").rename(tmp_path / "measures.csv")
    (fixture_copy / "measures.csv").symlink_to(tmp_path / "measures.csv")
    code, out = run_in_process(fixture_copy, "--corpus", FIXTURE_CORPUS)
    assert code == 1
    assert ("1 problem(s):\n  measures.csv: is a symbolic link; the data package and the corpus must be plain files"
            " (put the file itself here)") in out
    assert "  measures    unreadable" in out


def test_the_descriptor_path_names_the_package_too():
    code, out = run_in_process(FIXTURE_DIR / "datapackage.json", "--corpus", FIXTURE_CORPUS)
    assert code == 0 and f"  events      {FIXTURE_COUNTS['events']}" in out

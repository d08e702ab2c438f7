"""Layer 1's file system (strait_watch/core/dataset/files.py): a package or corpus file is a plain file inside its
folder. Symbolic links anywhere in either folder, folders, pipes, huge files and resource paths outside the
folder are each one located problem, never a traceback and never a file read from elsewhere."""

import json
import os
import shutil

import pytest
from fixture_edits import problem_rows
from paths import FIXTURE_CORPUS

from strait_watch.core.dataset.loader import load_dataset
from strait_watch.core.dataset.model import DatasetError

LINK = "is a symbolic link; the data package and the corpus must be plain files (put the file itself here)"
ARTICLE = "900_00000000000000a1.txt"  # src-900's article


@pytest.fixture
def corpus_copy(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, target)
    return target


def errors_of(folder, corpus):
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder, corpus)
    return [(p.file, p.line, p.record_id, p.column, p.message) for p in caught.value.problems]


# ---------------------------------------------------------------- symbolic links in the data folder


def test_a_table_that_is_a_link_is_refused_and_not_read(fixture_copy):
    (fixture_copy / "measures.csv").rename(fixture_copy / "measures-real.csv")
    (fixture_copy / "measures.csv").symlink_to("measures-real.csv")
    assert problem_rows(fixture_copy) == [("measures.csv", None, None, None, LINK)]


def test_a_descriptor_that_is_a_link_is_refused(fixture_copy, tmp_path):
    (fixture_copy / "datapackage.json").rename(tmp_path / "elsewhere.json")
    (fixture_copy / "datapackage.json").symlink_to(tmp_path / "elsewhere.json")
    assert problem_rows(fixture_copy) == [("datapackage.json", None, None, None, LINK)]


@pytest.mark.parametrize("where, target", [
    (".backups/20210101T000000Z", "/etc"),      # a planted backup folder: the save's backup would write there
    ("notes.txt", "/etc/hostname"),              # any entry of the folder, read or not
    ("sub", "/tmp"),                             # a linked folder
    ("dangling.csv", "/nonexistent/target.csv"),  # a link to nothing
])
def test_a_link_anywhere_in_the_data_folder_is_refused(fixture_copy, where, target):
    (fixture_copy / where).parent.mkdir(parents=True, exist_ok=True)
    (fixture_copy / where).symlink_to(target)
    assert problem_rows(fixture_copy) == [(where, None, None, None, LINK)]


def test_a_resource_under_a_linked_folder_is_refused(fixture_copy, tmp_path):
    (tmp_path / "real").mkdir()
    (fixture_copy / "measures.csv").rename(tmp_path / "real" / "measures.csv")
    (fixture_copy / "tables").symlink_to(tmp_path / "real")
    path = fixture_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    next(r for r in descriptor["resources"] if r["name"] == "measures")["path"] = "tables/measures.csv"
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    assert problem_rows(fixture_copy) == [("tables", None, None, None, LINK),
                                          ("tables/measures.csv", None, None, None, LINK)]


# ---------------------------------------------------------------- symbolic links in the corpus


def test_an_article_that_is_a_link_is_refused_and_its_quotes_not_checked(fixture_copy, corpus_copy, tmp_path):
    (corpus_copy / ARTICLE).rename(tmp_path / ARTICLE)
    (corpus_copy / ARTICLE).symlink_to(tmp_path / ARTICLE)
    assert errors_of(fixture_copy, corpus_copy) == [(str(corpus_copy / ARTICLE), None, None, None, LINK)]


def test_a_link_the_sources_do_not_name_is_refused_too(fixture_copy, corpus_copy):
    # A save writes the new article into the corpus folder: a link planted at its name would redirect it.
    (corpus_copy / "903_0000000000000000.txt").symlink_to("/etc/hostname")
    assert errors_of(fixture_copy, corpus_copy) == [
        (str(corpus_copy / "903_0000000000000000.txt"), None, None, None, LINK)]


def test_corpus_links_are_not_looked_at_when_quotes_are_not_checked(fixture_copy, corpus_copy):
    (corpus_copy / "903_0000000000000000.txt").symlink_to("/etc/hostname")
    assert not load_dataset(fixture_copy, corpus_copy, check_quotes=False).corpus_checked


# ---------------------------------------------------------------- what a file is


def test_a_folder_where_a_table_should_be(fixture_copy):
    (fixture_copy / "measures.csv").unlink()
    (fixture_copy / "measures.csv").mkdir()
    assert problem_rows(fixture_copy) == [("measures.csv", None, None, None, "is a folder, not a file")]


def test_a_pipe_where_a_table_should_be_is_refused_without_waiting(fixture_copy):
    (fixture_copy / "measures.csv").unlink()
    os.mkfifo(fixture_copy / "measures.csv")  # opened for reading without a writer, a pipe would block
    assert problem_rows(fixture_copy) == [
        ("measures.csv", None, None, None, "is not a plain file (a pipe, socket or device); put the file itself here")]


def test_a_huge_file_is_refused_before_it_is_read(fixture_copy):
    with open(fixture_copy / "events.csv", "r+b") as fh:
        fh.truncate(65 * 2**20)  # sparse: 65 MB on paper, nothing on disk
    assert problem_rows(fixture_copy) == [
        ("events.csv", None, None, None, "file is 65.0 MB, more than the 64 MB the check reads: is it the right file?")]


def test_a_missing_folder_names_itself(tmp_path):
    assert errors_of(tmp_path / "nowhere", FIXTURE_CORPUS) == [
        ("datapackage.json", None, None, None, f"not found in {tmp_path / 'nowhere'}: is it the data package folder?")]


@pytest.mark.parametrize("path", ["../measures.csv", "/etc/passwd", "sub/../../measures.csv"])
def test_a_resource_path_outside_the_folder_is_refused(fixture_copy, path):
    descriptor_path = fixture_copy / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    next(r for r in descriptor["resources"] if r["name"] == "measures")["path"] = path
    descriptor_path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    line = 1 + descriptor_path.read_text(encoding="utf-8").split("\n").index(f'      "path": "{path}",')
    assert problem_rows(fixture_copy) == [
        ("datapackage.json", None, None, None, "no resource named 'measures'"),
        ("datapackage.json", line, None, None, f"resource 'measures' has path '{path}', outside the data folder: a"
         " resource is a file inside it (for example 'measures.csv')"),
    ]

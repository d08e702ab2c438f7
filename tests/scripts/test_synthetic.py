"""scripts/make_synthetic.py: a scaled package that still loads, quotes and all."""

import importlib.util
from pathlib import Path

import pytest

from strait_watch.core.dataset.loader import load_dataset

REPO = Path(__file__).resolve().parents[2]

_spec = importlib.util.spec_from_file_location("make_synthetic", REPO / "scripts" / "make_synthetic.py")
make_synthetic = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_synthetic)

SCALE = 4


@pytest.fixture(scope="module")
def original(fixture_dir, fixture_corpus):
    return load_dataset(fixture_dir, fixture_corpus)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory, fixture_dir, fixture_corpus):
    out = tmp_path_factory.mktemp("synthetic")
    assert make_synthetic.main([str(out), "--scale", str(SCALE), "--from", str(fixture_dir),
                                "--corpus", str(fixture_corpus)]) == 0
    return out


def test_output_loads_with_quotes_verified(synthetic, fixture_corpus):
    ds = load_dataset(synthetic, fixture_corpus, check_quotes=True)
    assert ds.corpus_checked


def test_events_proposals_and_their_evidence_are_multiplied(synthetic, original, fixture_corpus):
    ds = load_dataset(synthetic, fixture_corpus)
    assert len(ds.events) == SCALE * len(original.events)
    assert len(ds.proposals) == SCALE * len(original.proposals)
    copied = original.evidence["record_type"].isin(["event", "proposal"])
    assert len(ds.evidence) == SCALE * copied.sum() + (~copied).sum()
    for name in ("sources", "actors", "agreements", "measures"):
        assert getattr(ds, name).equals(getattr(original, name)), name


def test_copies_keep_precision_and_stay_in_2021_or_earlier(synthetic, original, fixture_corpus):
    ds = load_dataset(synthetic, fixture_corpus)
    by_title = original.events.set_index("title")
    assert by_title.index.is_unique
    copies = ds.events[ds.events["id"].str.contains(r"-x\d{3}$")]
    assert len(copies) == (SCALE - 1) * len(original.events)
    for _, row in copies.iterrows():
        source = by_title.loc[row["title"].rsplit(" [synthetic ", 1)[0]]
        assert row["date_precision"] == source["date_precision"]
        assert not row["key"]
        if source["year"] >= 2021:
            assert row["year"] == source["year"]
        else:
            assert 1990 <= row["year"] <= 2020
    assert copies["date"].nunique() > len(original.events)  # dates really vary


def test_same_seed_same_files(tmp_path, fixture_dir):
    a, b = tmp_path / "a", tmp_path / "b"
    make_synthetic.make_synthetic(fixture_dir, a, 2, seed=7)
    make_synthetic.make_synthetic(fixture_dir, b, 2, seed=7)
    for path in sorted(a.iterdir()):
        assert path.read_bytes() == (b / path.name).read_bytes(), path.name


def test_scale_one_reproduces_the_rows(tmp_path, fixture_dir, original, fixture_corpus):
    make_synthetic.make_synthetic(fixture_dir, tmp_path, 1)
    ds = load_dataset(tmp_path, fixture_corpus)
    for name in ("events", "proposals", "evidence"):
        assert getattr(ds, name).equals(getattr(original, name)), name


def test_a_package_that_does_not_load_exits_1(tmp_path, fixture_copy, fixture_corpus, capsys):
    # A quote the corpus does not contain survives copying; the check must catch it.
    evidence = fixture_copy / "evidence.csv"
    text = evidence.read_text(encoding="utf-8")
    evidence.write_text(text.replace("Taiwan Strait", "Formosa Strait", 1), encoding="utf-8")
    assert make_synthetic.main([str(tmp_path / "out"), "--scale", "2", "--from", str(fixture_copy),
                                "--corpus", str(fixture_corpus)]) == 1
    assert "quote not found verbatim" in capsys.readouterr().err
    assert make_synthetic.main([str(tmp_path / "out2"), "--scale", "2", "--from", str(fixture_copy),
                                "--no-corpus-check"]) == 0

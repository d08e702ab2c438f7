import json
import re
import sys

from paths import REPO

sys.path.insert(0, str(REPO / "scripts"))
import gen_dictionary

README = (REPO / "README.md").read_text(encoding="utf-8")
DATA_DOC = (REPO / "docs" / "DATA.md").read_text(encoding="utf-8")


def test_dictionary_matches_datapackage():
    schema = json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert gen_dictionary.splice(DATA_DOC, gen_dictionary.render(schema)) == DATA_DOC, \
        "docs/DATA.md is stale: run .venv/bin/python scripts/gen_dictionary.py"
    assert gen_dictionary.main(["--check"]) == 0


def test_readme_links_the_dictionary_instead_of_holding_it():
    assert "[docs/DATA.md](docs/DATA.md)" in README
    assert gen_dictionary.BEGIN not in README and "### `evidence.csv`" not in README


def test_dictionary_names_every_column():
    schema = json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in schema["resources"]:
        section = DATA_DOC.split(f"### `{resource['path']}`")[1].split("###")[0]
        rows = re.findall(r"^\| `([a-z0-9_]+)` \|", section, flags=re.M)
        assert rows == [f["name"] for f in resource["schema"]["fields"]]


def test_readme_starts_with_exactly_the_two_commands():
    first_block = re.search(r"```bash\n(.*?)```", README, flags=re.S)
    assert README.index("```") < README.index("\n## ")
    assert first_block.group(1).splitlines() == ["bash scripts/run.sh", "bash scripts/test.sh"]


def test_ci_runs_the_readme_test_command():
    assert "scripts/test.sh" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_says_what_the_dashboard_is_before_how_to_edit_the_data():
    sections = re.findall(r"^## (.+)$", README, flags=re.M)
    assert sections[0] == "What the dashboard shows" and sections[-1] == "Benchmark"
    assert sections.index("Serving many analysts") < sections.index("Editing the data")
    shows = README.split("## What the dashboard shows")[1].split("\n## ")[0]
    assert "| page | what it answers |" in shows and "](docs/screenshot.png)" in shows


def test_the_screenshot_is_committed_small_and_full_size():
    from PIL import Image

    shot = REPO / "docs" / "screenshot.png"
    assert shot.stat().st_size < 250_000
    with Image.open(shot) as image:
        assert image.size == (1440, 900)

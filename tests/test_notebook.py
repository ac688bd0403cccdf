"""The notebooks run top to bottom, so they cannot rot."""

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOK = NOTEBOOKS / "quickstart.ipynb"


def execute(path: Path) -> str:
    """Run a notebook; return the HTML of its outputs (no cell may fail)."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    return "".join(o.get("data", {}).get("text/html", "") for o in outputs)


def test_quickstart_notebook_executes():
    html = execute(NOTEBOOK)
    assert "jurisdiction_name" in html  # the officials table
    assert 'class="entities"' in html  # the displaCy rendering


def test_corpus_notebook_executes():
    html = execute(NOTEBOOKS / "corpus.ipynb")
    assert "Gubernur" in html and "Kapolda" in html  # the office-holder table of Sumsel
    assert "03-banyuasin-karhutla" in html  # the timeline holds the document naming him by given name only

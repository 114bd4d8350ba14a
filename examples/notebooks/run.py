"""Runs every notebook here through a real Jupyter kernel; any cell error fails the run.

Run: .venv/bin/python examples/notebooks/run.py   (`make test-python` does)
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent


def admin_calls_after_setup(notebook: nbformat.NotebookNode) -> list[str]:
    """Lines that call the sandbox after the cell tagged `setup` (closing it aside): a notebook
    that reconciles must work unchanged against api.codat.io, which has no such API."""
    setup = [i for i, cell in enumerate(notebook.cells) if "setup" in cell.metadata.get("tags", [])]
    later = notebook.cells[setup[0] + 1:] if setup else []
    return [line for cell in later if cell.cell_type == "code" for line in cell.source.splitlines()
            if "sandbox." in line and "sandbox.close()" not in line]


def main() -> int:
    for path in sorted(HERE.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        calls = admin_calls_after_setup(notebook)
        if calls:
            print(f"{path.name} calls the sandbox after its setup cell: {calls}")
            return 1
        NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}).execute()
        print(f"{path.name}: {len(notebook.cells)} cells ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())

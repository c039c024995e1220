from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "lib"
REPO = Path(__file__).parent.parent


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    """A private copy of the small test library, free to break."""
    target = tmp_path / "lib"
    shutil.copytree(FIXTURE, target)
    return target


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as a user would, in a fresh interpreter."""
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "modellaw", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def cli():
    return run_cli

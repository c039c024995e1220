"""The build command as a CI pipeline uses it: matrix, manifest, determinism, atomicity, exit codes."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from test_validate import edit


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_full_matrix_and_manifest(lib, cli, tmp_path):
    out = tmp_path / "out"
    result = cli("--root", str(lib), "build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert "tl/en/model-law.docx" in files and "fx/ar/oversight-guide.md" in files
    assert len(files) == 6 * 4 + 1  # model en/fr/ar, fx fr/ar, tl en; 2 documents × 2 formats; manifest
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["outputs"]["tl/en/model-law.md"] == hashlib.sha256((out / "tl/en/model-law.md").read_bytes()).hexdigest()
    assert "clauses/law/02-offences.yaml" in manifest["inputs"]
    assert manifest["editions"]["tl/en"]["date"] == "2026-01-15"
    assert "institutions.police_unit" in manifest["editions"]["tl/en"]["to_fill"]
    assert "[6/6]" in result.stderr  # progress
    assert "still to fill" in result.stderr
    assert "fell back to English" in result.stderr  # translation report, never silent


def test_two_builds_are_byte_identical(lib, cli, tmp_path):
    for name in ("a", "b"):
        assert cli("--root", str(lib), "build", "-q", "--out", str(tmp_path / name)).returncode == 0
    assert digests(tmp_path / "a") == digests(tmp_path / "b")


def test_parallel_build_gives_the_same_bytes(lib, cli, tmp_path):
    assert cli("--root", str(lib), "build", "-q", "--out", str(tmp_path / "a")).returncode == 0
    assert cli("--root", str(lib), "build", "-q", "--jobs", "2", "--out", str(tmp_path / "b")).returncode == 0
    assert digests(tmp_path / "a") == digests(tmp_path / "b")


def test_source_date_epoch_sets_the_date_when_the_edition_has_none(lib, cli, tmp_path):
    out = tmp_path / "out"
    result = cli("--root", str(lib), "build", "-q", "-j", "model", "-l", "en", "--format", "md", "--out", str(out),
                 env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.returncode == 0, result.stderr
    assert "Model edition, 1 January 2026" in (out / "model/en/model-law.md").read_text()


def test_failed_build_leaves_previous_outputs_intact(lib, cli, tmp_path):
    out = tmp_path / "out"
    assert cli("--root", str(lib), "build", "-q", "--out", str(out)).returncode == 0
    before = digests(out)
    edit(lib / "clauses/law/01-preliminary.yaml", "Short title", "Title")  # changes every edition
    # ... and the last edition of the matrix (tl) cannot be built: its exclusion breaks a reference
    edit(lib / "jurisdictions/tl.yaml", "options:", "clauses: { exclude: [offence.production] }\noptions:")
    result = cli("--root", str(lib), "build", "--jobs", "1", "--out", str(out))
    assert result.returncode == 1
    assert "[6/6] tl/en" in result.stderr
    assert "Traceback" not in result.stderr
    assert "02-offences.yaml:" in result.stderr and "excluded" in result.stderr
    assert digests(out) == before
    assert not list(out.rglob("*.tmp-*"))
    parallel = cli("--root", str(lib), "build", "--jobs", "2", "--out", str(out))
    assert parallel.returncode == 1 and "Traceback" not in parallel.stderr
    assert "02-offences.yaml:" in parallel.stderr and "excluded" in parallel.stderr
    assert digests(out) == before


def test_subset_and_usage_errors(lib, cli, tmp_path):
    out = tmp_path / "out"
    result = cli("--root", str(lib), "build", "-q", "-j", "tl", "--doc", "law", "--format", "md", "--out", str(out))
    assert result.returncode == 0
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == [
        "manifest.json", "tl/en/model-law.md"]
    unknown = cli("--root", str(lib), "build", "-j", "tll", "--out", str(out))
    assert unknown.returncode == 2 and "did you mean 'tl'" in unknown.stderr
    bad_flag = cli("--root", str(lib), "build", "--format", "pdf")
    assert bad_flag.returncode == 2


def test_no_commentary_flag(lib, cli, tmp_path):
    out = tmp_path / "out"
    assert cli("--root", str(lib), "build", "-q", "-j", "tl", "--no-commentary", "--out", str(out)).returncode == 0
    text = (out / "tl/en/model-law.md").read_text()
    assert "Commentary" not in text and "(1) A person who intentionally produces" in text


def test_root_defaults_to_the_current_folder(lib, cli, tmp_path):
    result = cli("build", "-q", "-j", "tl", "--format", "md", "--out", str(tmp_path / "o"), cwd=lib)
    assert result.returncode == 0, result.stderr
    assert "Testland" in (tmp_path / "o/tl/en/model-law.md").read_text()


def test_unwritable_output_is_a_one_line_error(lib, cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = cli("--root", str(lib), "build", "-q", "-j", "tl", "--out", str(blocker / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Not a directory" in result.stderr

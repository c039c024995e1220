"""Integration: Word files open and convert in LibreOffice, English and Arabic, with pages."""
from __future__ import annotations

import shutil
import subprocess

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFINFO = shutil.which("pdfinfo")
pytestmark = pytest.mark.skipif(not (SOFFICE and PDFINFO), reason="LibreOffice or poppler-utils not installed")


def pages(pdf) -> int:
    info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def test_english_and_arabic_docx_convert_to_pdf(lib, cli, tmp_path):
    out = tmp_path / "out"
    assert cli("--root", str(lib), "build", "-q", "--format", "docx", "--out", str(out)).returncode == 0
    convert = tmp_path / "pdf"
    convert.mkdir()
    sources = {"en": out / "tl/en/model-law.docx", "ar": out / "fx/ar/model-law.docx",
               "guide": out / "fx/ar/oversight-guide.docx"}
    for name, source in sources.items():
        shutil.copy(source, convert / f"{name}.docx")
    profile = tmp_path / "profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(convert), *[str(convert / f"{n}.docx") for n in sources]],
                   capture_output=True, timeout=300, check=False)
    for name in sources:
        pdf = convert / f"{name}.pdf"
        assert pdf.exists(), f"LibreOffice did not convert {name}"
        assert pages(pdf) >= (2 if name == "guide" else 3)
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(convert / "ar.pdf")], capture_output=True, text=True).stdout
        assert "Naskh" in fonts or "Arabic" in fonts  # the complex-script font, not a theme font

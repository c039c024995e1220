"""Catalogs as translators keep them: extraction, update with fuzzy marking, checks, fallback."""
from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po
from test_validate import edit

from modellaw.i18n import catalog_path


def set_translation(root: Path, locale: str, context: str, msgid: str, msgstr: str) -> None:
    path = catalog_path(str(root), locale)
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=locale)
    message = catalog.get(msgid, context=context)
    assert message is not None, (context, msgid)
    message.string = msgstr
    with open(path, "wb") as handle:
        write_po(handle, catalog)


def test_babel_extractor_entry_point(lib):
    found = list(extract_from_dir(str(lib), method_map=[("clauses/**.yaml", "modellaw_clauses")]))
    by_context = {(m[4], m[2]): m for m in found}
    possession = "A person who knowingly possesses {{ term('csam') }} commits an offence."
    filename, line, msgid, comments, context = by_context[("offence.possession", possession)]
    assert filename == "clauses/law/02-offences.yaml" and line == 16
    heading = by_context[("offence.sentencing", "Sentencing")]
    assert heading[3] and "Sentencing." in heading[3][0]  # commentary for the translator
    assert ("term:csam", "child sexual abuse material") in by_context


def test_translation_is_used_and_fallback_counted(lib, cli, tmp_path):
    set_translation(lib, "fr", "offence.production", "Production of child sexual abuse material",
                    "Production de matériel relatif à des abus sexuels sur enfants")
    out = tmp_path / "out"
    result = cli("--root", str(lib), "build", "-j", "fx", "-l", "fr", "--format", "md", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = (out / "fx/fr/model-law.md").read_text()
    assert "Article 3. Production de matériel relatif à des abus sexuels sur enfants" in text
    assert "fx/fr:" in result.stderr and "untranslated" in result.stderr


def test_changed_english_makes_translation_fuzzy_and_falls_back(lib, cli, tmp_path):
    source = "A person who intentionally produces {{ term('csam') }} commits an offence."
    set_translation(lib, "fr", "offence.production", source,
                    "Commet une infraction toute personne qui produit intentionnellement du {{ term('csam') }}.")
    edit(lib / "clauses/law/02-offences.yaml", "intentionally produces", "knowingly produces")
    result = cli("--root", str(lib), "i18n", "update", "-l", "fr")
    assert result.returncode == 0 and "fuzzy" in result.stdout
    with open(catalog_path(str(lib), "fr"), "rb") as handle:
        catalog = read_po(handle, locale="fr")
    message = catalog.get(source.replace("intentionally", "knowingly"), context="offence.production")
    assert message is not None and message.fuzzy
    assert message.string.startswith("Commet une infraction")
    out = tmp_path / "out"
    built = cli("--root", str(lib), "build", "-j", "fx", "-l", "fr", "--format", "md", "--out", str(out))
    assert "(1) A person who knowingly produces" in (out / "fx/fr/model-law.md").read_text()
    assert "1 fuzzy" in built.stderr


def test_check_catches_a_dropped_expression(lib, cli):
    source = "A person who intentionally produces {{ term('csam') }} commits an offence."
    set_translation(lib, "fr", "offence.production", source, "Commet une infraction toute personne qui produit du matériel.")
    result = cli("--root", str(lib), "i18n", "check")
    assert result.returncode == 1
    assert "locales/fr/LC_MESSAGES/modellaw.po:" in result.stderr
    assert "term('csam')" in result.stderr
    validate = cli("--root", str(lib), "validate")
    assert validate.returncode == 1


def test_check_catches_a_broken_label_placeholder(lib, cli):
    set_translation(lib, "ar", "ui:part", "Part {number}", "الباب {رقم}")
    result = cli("--root", str(lib), "i18n", "check", "-l", "ar")
    assert result.returncode == 1 and "placeholders" in result.stderr


def test_check_catches_changed_markup(lib, cli):
    set_translation(lib, "fr", "offence.production", "Production of child sexual abuse material", "*Production* de matériel")
    result = cli("--root", str(lib), "i18n", "check", "-l", "fr")
    assert result.returncode == 1 and "Markdown markup" in result.stderr


def test_stats(lib, cli):
    set_translation(lib, "fr", "ui:part", "Part {number}", "Titre {number}")
    result = cli("--root", str(lib), "i18n", "stats", "-l", "fr")
    assert result.returncode == 0
    row = result.stdout.splitlines()[1].split("\t")
    assert row[0] == "fr" and int(row[2]) == 1 and int(row[1]) > 50


def test_extract_writes_a_template(lib, cli):
    result = cli("--root", str(lib), "i18n", "extract")
    assert result.returncode == 0
    pot = (lib / "locales/modellaw.pot").read_text()
    assert 'msgctxt "offence.possession"' in pot and "#: clauses/law/02-offences.yaml:16" in pot


def test_a_locale_without_catalog_is_an_error(lib, cli, tmp_path):
    result = cli("--root", str(lib), "build", "-j", "tl", "-l", "de", "--out", str(tmp_path))
    assert result.returncode in (1, 2) and "no catalog for locale 'de'" in result.stderr


def test_percent_signs_are_not_python_format(lib, cli):
    edit(lib / "clauses/law/02-offences.yaml", "without delay.", "without delay in 90 % of cases.")
    assert cli("--root", str(lib), "i18n", "update", "-l", "fr").returncode == 0
    po = (lib / "locales/fr/LC_MESSAGES/modellaw.po").read_text()
    assert "90 % of cases" in po and "python-format" not in po

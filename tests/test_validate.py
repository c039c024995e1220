"""Each bad input of the validation list gives exit 1, the file and line, and no traceback."""
from __future__ import annotations

from pathlib import Path

import pytest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


LAW = "clauses/law/02-offences.yaml"
TL = "jurisdictions/tl.yaml"

CASES = {
    "yaml syntax": (LAW, "heading: Offences\n", "heading: [Offences\n", "02-offences.yaml:", "YAML syntax"),
    "duplicate key": (TL, "locales: [en]\n", "locales: [en]\nlocales: [en]\n", "tl.yaml:5:", "duplicate key"),
    "anchor": (TL, "federal", "federal", "", ""),  # replaced below
    "unknown key": (TL, "legal_tradition:", "legal_traditon:", "tl.yaml:5:", "did you mean 'legal_tradition'"),
    "wrong type": (TL, "chambers: 1,", "chambers: one,", "tl.yaml:7:", "must be an integer"),
    "out of range": (TL, "child_under: 18", "child_under: 16", "tl.yaml:8:", "out of range"),
    "bad code": (TL, "code: tl", "code: TL", "tl.yaml:2:", "does not match"),
    "code not file name": (TL, "code: tl", "code: tx", "tl.yaml:2:", "does not match the file name"),
    "norway": (TL, "code: tl", "code: no", "tl.yaml:2:", "'no' does not match the file name"),
    "unknown locale": (TL, "locales: [en]", "locales: [en, xx]", "tl.yaml:4:", "unknown locale 'xx'"),
    "duplicate clause id": (LAW, "id: offence.possession", "id: offence.production", "02-offences.yaml:", "duplicate clause id"),
    "unknown ref": (LAW, "ref('offence.production', 1)", "ref('offence.prodution', 1)", "02-offences.yaml:10:",
                    "unknown clause 'offence.prodution'"),
    "when does not compile": (LAW, "when: \"jurisdiction.legal_tradition == 'common_law' or model\"",
                              "when: \"jurisdiction.legal_tradition ==\"", "02-offences.yaml:", "does not compile"),
    "unknown excluded clause": (TL, "options:", "clauses: { exclude: [offence.posession] }\noptions:", "tl.yaml:11:",
                                "did you mean 'offence.possession'"),
    "unknown option": (TL, "offence.sentencing: open", "offence.sentencing: opne", "tl.yaml:", "did you mean 'open'"),
    "xml-invalid character": (LAW, "commits an offence.\"", "commits an \\x0b offence.\"", "02-offences.yaml:", "U+000B"),
    "term never defined": (LAW, "term('csam') }} commits", "term('csma') }} commits", "02-offences.yaml:", "never defined"),
    "undefined name": (LAW, "{{ penalty('csam_production') }}", "{{ penalty('csam_production') }} {{ nonsense }}",
                       "02-offences.yaml:10:", "template error"),
}
CASES["anchor"] = (TL, "ages: { child_under: 18, sexual_consent: 16 }",
                   "ages: &a { child_under: 18, sexual_consent: 16 }\nx: *a", "tl.yaml:8:", "anchors and aliases")


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_reported_with_file_and_line(lib, cli, name):
    path, old, new, where, words = CASES[name]
    edit(lib / path, old, new)
    result = cli("--root", str(lib), "validate")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert where in result.stderr, result.stderr
    assert words in result.stderr, result.stderr
    first = result.stderr.splitlines()[0]
    assert ": error: " in first and "(" in first  # path:line:col: error: message (hint)


def test_all_problems_are_listed_not_just_the_first(lib, cli):
    edit(lib / TL, "legal_tradition:", "legal_traditon:")
    edit(lib / TL, "chambers: 1,", "chambers: 9,")
    result = cli("--root", str(lib), "validate")
    assert result.returncode == 1
    assert "legal_traditon" in result.stderr and "out of range" in result.stderr
    assert "2 errors" in result.stderr


def test_defined_term_never_used_is_reported(lib, cli):
    edit(lib / "clauses/law/01-preliminary.yaml", "means the {{ inst('regulator') }}.\"",
         "means the {{ inst('regulator') }}.\"\n      - define: hosting\n        term: hosting service\n"
         "        text: \"means a service that stores data.\"")
    result = cli("--root", str(lib), "validate")
    assert result.returncode == 1
    assert "defined term 'hosting' is never used" in result.stderr


def test_clean_library_validates(lib, cli):
    result = cli("--root", str(lib), "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 6 clauses, 3 jurisdictions")


def test_reference_to_excluded_clause_names_both(lib, cli):
    edit(lib / TL, "options:", "clauses: { exclude: [offence.production] }\noptions:")
    result = cli("--root", str(lib), "validate")
    assert result.returncode == 1
    assert "offence.possession refers to offence.production, which is excluded" in result.stderr
    assert "jurisdiction tl" in result.stderr


def test_a_clause_file_linking_outside_the_library_is_refused(lib, cli, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((lib / "clauses/law/02-offences.yaml").read_text())
    (lib / "clauses/law/02-offences.yaml").unlink()
    (lib / "clauses/law/02-offences.yaml").symlink_to(outside)
    result = cli("--root", str(lib), "validate")
    assert result.returncode == 1
    assert "clauses/law/02-offences.yaml" in result.stderr and "outside the library" in result.stderr

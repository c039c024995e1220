"""The bundled library itself: the model law and the guide as published (issues: model law, guide)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from modellaw import document as d
from modellaw import resolution
from modellaw.assemble import Edition, assemble
from modellaw.build import load_inputs
from modellaw.i18n import translator
from modellaw.library import ChecklistBlock, TableBlock

REPO = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def inputs():
    return load_inputs(str(REPO))


def edition(inputs, code: str, doc: str, locale: str = "en", exclude: list[str] | None = None) -> d.Document:
    library, jurisdictions = inputs
    jur = next(j for j in jurisdictions if j.code == code)
    if exclude is not None:
        jur = type(jur)(jur.code, jur.path, {**jur.data, "clauses": {"exclude": exclude}}, jur.own, jur.is_model,
                        jur.positions)
    document, _ = assemble(Edition(library, jur, locale, translator(str(REPO), locale)), doc)
    return document


def sections(document: d.Document) -> list[d.Section]:
    return [s for p in document.parts for s in p.sections]


def test_bundled_library_validates(cli):
    result = cli("validate", cwd=REPO)
    assert result.returncode == 0, result.stderr[-3000:]


def test_model_law_has_the_expected_scope(inputs):
    law = edition(inputs, "model", "law")
    parts = [p for p in law.parts if p.label]
    assert 10 <= len(parts) <= 12
    assert 60 <= len(sections(law)) <= 120  # one offence per section: 107 in the model edition


def test_every_legislative_operative_paragraph_is_implemented(inputs):
    library, _ = inputs
    law = edition(inputs, "model", "law")
    built = {s.anchor for s in sections(law)}
    covered = {p for c in library.clauses_of("law") if c.id in built for p in c.implements}
    missing = [p for p in resolution.LEGISLATIVE if p not in covered]
    assert not missing, f"operative paragraphs implemented by no section: {missing}"


def test_every_law_clause_is_sourced_and_explained(inputs):
    library, _ = inputs
    for clause in library.clauses_of("law"):
        assert clause.implements, clause.id
        assert clause.sources, clause.id
        assert clause.commentary and len(clause.commentary.text.split()) >= 40, clause.id


def test_terminology_avoids_child_pornography_outside_citations(inputs):
    law = edition(inputs, "model", "law")
    for section in sections(law):
        for block in section.blocks:
            if isinstance(block, d.Provision):
                text = d.plain(block.text).lower().replace("child prostitution and child pornography", "")
                assert "child pornography" not in text, section.title  # the OPSC's title may be cited


def test_guide_has_ten_chapters_each_ending_in_a_tool(inputs):
    library, _ = inputs
    chapters = library.parts["guide"]
    assert len(chapters) >= 10
    for chapter in chapters:
        last = chapter.clauses[-1]
        blocks = last.body + [b for o in last.options.values() for b in o.body]
        assert any(isinstance(b, (TableBlock, ChecklistBlock)) for b in blocks), chapter.id


def lead_ins(document: d.Document) -> list[str]:
    """The bold lead-in of each paragraph ("Presidential systems."), where the guide tailors itself."""
    return [b.text[0].text.strip() for s in sections(document) for b in s.blocks
            if isinstance(b, d.Para) and b.text and b.text[0].bold]


def test_guides_differ_where_parliaments_differ(inputs):
    ke = lead_ins(edition(inputs, "ke", "guide"))  # presidential, two chambers, OPSC signed only
    fr = lead_ins(edition(inputs, "fr", "guide", "en"))  # semi-presidential, two chambers, OPSC ratified
    model = lead_ins(edition(inputs, "model", "guide"))
    assert "Presidential systems." in ke and "Presidential systems." not in fr
    assert "Semi-presidential systems." in fr and "Semi-presidential systems." not in ke
    assert "Westminster systems." in model and "Westminster systems." not in ke + fr
    assert len(set(model)) > len(set(ke)) and len(set(model)) > len(set(fr))  # the model shows every system
    # operative paragraph 1: the OPSC ratification recommendation only where it is not ratified
    def opsc(document: d.Document) -> str:
        return " ".join(d.plain(b.text) for s in sections(document) for b in s.blocks if isinstance(b, d.Para)
                        and d.plain(b.text).startswith("Optional Protocol on the sale of children."))

    assert "urges your parliament to consider ratification" in opsc(edition(inputs, "ke", "guide"))
    assert "urges" not in opsc(edition(inputs, "fr", "guide", "en"))
    ke_text = " ".join(d.plain(b.text) for s in sections(edition(inputs, "ke", "guide")) for b in s.blocks
                       if isinstance(b, d.Para))
    assert "National Assembly" in ke_text and "Senate" in ke_text


def test_guide_cites_the_bill_as_built_after_an_exclusion(inputs):
    def citation(document: d.Document) -> str:
        text = " ".join(d.plain(b.text) for s in sections(document) for b in s.blocks if isinstance(b, d.Para))
        match = re.search(r"section (\d+)(?:\(\d+\))? of the [^,]*Act", text)
        assert match, "the guide cites no section of the law"
        return match.group(1)

    library, _ = inputs
    before = int(citation(edition(inputs, "ke", "guide")))
    first = library.clauses_of("law")[2].id  # a clause before every cited one
    after = int(citation(edition(inputs, "ke", "guide", exclude=[first])))
    assert after == before - 1


def test_shipped_json_schema_is_current_and_accepts_the_bundled_files(cli):
    import json

    result = cli("schema", cwd=REPO)
    assert result.returncode == 0
    shipped = (REPO / "jurisdictions/jurisdiction.schema.json").read_text()
    assert json.loads(result.stdout) == json.loads(shipped), "run: modellaw schema > jurisdictions/jurisdiction.schema.json"
    schema = json.loads(shipped)
    assert schema["properties"]["parliament"]["properties"]["system"]["enum"] == [
        "presidential", "westminster", "parliamentary", "semi_presidential"]
    assert "regulator" in schema["properties"]["institutions"]["properties"]
    assert schema["additionalProperties"] is False

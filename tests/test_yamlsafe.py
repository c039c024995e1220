import pytest

from modellaw.errors import UserError
from modellaw.yamlsafe import load


def test_scalars_that_pyyaml_would_change_stay_strings():
    data = load("code: no\nzip: 010\nversion: 1.10\nday: 2024-01-02\nflag: on\nreal: true\nn: 12\n", "f.yaml")
    assert data == {"code": "no", "zip": "010", "version": 1.1, "day": "2024-01-02", "flag": "on",
                    "real": True, "n": 12}
    assert data.raw["version"] == "1.10"


@pytest.mark.parametrize("text, line, words", [
    ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a'"),
    ("a: &x [1]\nb: *x\n", 1, "anchors and aliases"),
    ("a: [1, 2\nb: 3\n", 2, "YAML syntax"),
    ("a: !!python/object/apply:os.system [ls]\n", 1, "tag"),
])
def test_bad_yaml_names_file_and_line(text, line, words):
    with pytest.raises(UserError) as err:
        load(text, "clauses/law/01-x.yaml")
    problem = err.value.problems[0]
    assert problem.path == "clauses/law/01-x.yaml"
    assert problem.line == line
    assert words in problem.message


def test_positions_are_one_based():
    data = load("x:\n  y: 1\n", "f.yaml")
    assert data.pos("x") == (1, 1)
    assert data["x"].pos("y") == (2, 3)

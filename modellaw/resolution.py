"""The paragraphs of the resolution (143rd IPU Assembly, 2021) that clauses cite as ``pre1``…``op22``."""
from __future__ import annotations

PREAMBLE = [f"pre{n}" for n in range(1, 21)]
OPERATIVE = [f"op{n}" for n in range(1, 23)]
ALL = PREAMBLE + OPERATIVE
# Operative paragraphs addressed to the IPU or to parliaments rather than to a State's legislation:
# the oversight guide answers them; a law edition that does not cite them is not incomplete.
GUIDE_ONLY = {"op12", "op13", "op22"}
# Operative paragraphs that ask something of legislation (issue: 1 to 11 and 14 to 21).
LEGISLATIVE = [f"op{n}" for n in list(range(1, 12)) + list(range(14, 22))]


def number(paragraph: str) -> int:
    return int(paragraph.removeprefix("pre").removeprefix("op"))


def sort_key(paragraph: str) -> tuple[int, int]:
    return (0 if paragraph.startswith("pre") else 1, number(paragraph))

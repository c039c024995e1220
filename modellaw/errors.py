"""One exception type for everything the user can fix: it carries file, line, column and a hint."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one user file, printed as ``path:line:col: error: message (hint)``."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: error: {self.message}{hint}"


class UserError(Exception):
    """Input the user can correct. Never a bug: the CLI prints it without a traceback."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type, tuple[list[Problem]]]:  # raised in a worker process, printed by the CLI
        return (UserError, (self.problems,))


def fail(path: str, line: int, col: int, message: str, hint: str = "") -> UserError:
    return UserError(Problem(path, line, col, message, hint))

"""Problems found in the inputs, collected so one run reports all of them."""

import os
from dataclasses import dataclass

from rapidfuzz import process


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, located precisely enough to fix."""

    path: str
    message: str
    line: int | None = None
    record: str | None = None
    fix: str | None = None
    severity: str = "error"  # or "warning": reported, but the build goes on

    def __str__(self):
        where = _as_typed(self.path) if self.line is None else f"{_as_typed(self.path)}:{self.line}"
        if self.record is not None:
            where += f" [{self.record}]"
        text = f"{self.severity}: {where}: {self.message}"
        if self.fix:
            text += f"\n    fix: {self.fix}"
        return text


def _as_typed(path):
    """The path relative to the working folder when it lies below it, as a user would type it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


class InputError(Exception):
    """The inputs have errors; the build stops before writing anything."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the inputs")


def errors_in(problems):
    return [problem for problem in problems if problem.severity == "error"]


def did_you_mean(word, choices, cutoff=70):
    """The closest of `choices` to `word`, or None when nothing is close."""
    match = process.extractOne(str(word), list(choices), score_cutoff=cutoff)
    return match[0] if match else None

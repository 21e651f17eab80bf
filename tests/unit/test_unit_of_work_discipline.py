"""Only the unit of work commits: no view, job, CLI command or domain helper commits by hand."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The unit of work itself, and the step that ends a transaction which has only read.
ALLOWED = {Path("models/unit_of_work.py"), Path("models/db.py")}
COMMIT = re.compile(r"\.commit\(\)")


def test_nothing_but_the_unit_of_work_commits():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for package in ("models", "webapp")
        for path in sorted((ROOT / package).rglob("*.py"))
        if path.relative_to(ROOT) not in ALLOWED
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if COMMIT.search(line)
    ]
    assert offenders == [], "\n".join(offenders)

"""A hint for SQLite's query planner, which has no statistics unless someone runs ANALYZE.

Without statistics SQLite believes an index on `offer (validation, is_active, ...)` picks a
handful of rows, so it starts queries from it and reads every shown offer of France before
looking at places, even when the person asks for 20 km around them. Wrapping such a condition
in `likely()` tells SQLite that it holds for most rows and keeps it out of index choices, so the
query starts from the venues' coordinates instead. PostgreSQL keeps statistics and needs no
hint: there the condition is written as is.
"""

from __future__ import annotations

from sqlalchemy import Boolean
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal


class Likely(ColumnElement):
    """A condition true for most rows."""

    type = Boolean()
    inherit_cache = True
    _traverse_internals = [("clause", InternalTraversal.dp_clauseelement)]

    def __init__(self, clause):
        self.clause = clause


@compiles(Likely)
def _compile(element, compiler, **kw) -> str:
    return f"({compiler.process(element.clause, **kw)})"


@compiles(Likely, "sqlite")
def _compile_sqlite(element, compiler, **kw) -> str:
    return f"likely({compiler.process(element.clause, **kw)})"


def likely(clause) -> Likely:
    return Likely(clause)

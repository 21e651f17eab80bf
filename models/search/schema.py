"""The full-text index lives outside the ORM: its name, and how schema comparisons skip it.

Migration 0003 creates it per engine: an FTS5 virtual table on SQLite (with its shadow tables
`offer_search_data`, `offer_search_idx`...), a table with a GIN-indexed `tsvector` on PostgreSQL,
both kept in sync by triggers on `offer` and `venue`. The ORM never models it, so Alembic's
autogenerate and the test comparing models with migrations must ignore it: both use
`include_object` below.
"""

FULLTEXT_TABLE = "offer_search"


def is_fulltext_object(name: str | None, type_: str) -> bool:
    """True for the full-text table, its FTS5 shadow tables and its indexes."""
    if not name:
        return False
    if type_ == "table":
        return name == FULLTEXT_TABLE or name.startswith(FULLTEXT_TABLE + "_")
    return name.startswith("ix_" + FULLTEXT_TABLE) or name.startswith(FULLTEXT_TABLE)


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's `include_object` hook: compare everything except the full-text objects."""
    if type_ in ("index", "unique_constraint", "foreign_key_constraint", "column"):
        table = getattr(obj, "table", None)
        if table is not None and is_fulltext_object(table.name, "table"):
            return False
    return not is_fulltext_object(name, type_)

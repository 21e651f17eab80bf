"""Matching search terms against the full-text index of each engine.

Both engines answer the same question through their own index (see migration 0003): which
offers contain every term, as a word prefix, in their title, author or performer, venue name or
description, and how relevant each one is, a title match weighing most.
"""

from __future__ import annotations

from sqlalchemy import Integer, column, func, literal_column, select, table
from sqlalchemy.dialects.postgresql import TSVECTOR

from models.search.schema import FULLTEXT_TABLE

# FTS5's bm25() weights, in the column order of the table: title, people, venue, description.
SQLITE_WEIGHTS = (10.0, 5.0, 3.0, 1.0)

_sqlite_index = table(FULLTEXT_TABLE, column("rowid", Integer))
_postgresql_index = table(
    FULLTEXT_TABLE, column("offer_id", Integer), column("document", TSVECTOR)
)


def sqlite_match_expression(terms: list[str]) -> str:
    """FTS5 query: every term as a quoted prefix ("cinema"* AND "ete"*)."""
    return " AND ".join(f'"{term}"*' for term in terms)


def postgresql_match_expression(terms: list[str]) -> str:
    """to_tsquery text: every term as a prefix (cinema:* & ete:*), stemmed by the server."""
    return " & ".join(f"{term}:*" for term in terms)


def matching_offers(dialect_name: str, terms: list[str]):
    """A subquery of (offer_id, relevance) for offers matching all `terms`; higher is better.

    `terms` come from `models.search.text.search_terms`: only letters and digits, so they can
    be quoted into the engines' query languages without escaping.
    """
    if dialect_name == "postgresql":
        query = func.to_tsquery(
            literal_column("'french'::regconfig"), postgresql_match_expression(terms)
        )
        return (
            select(
                _postgresql_index.c.offer_id.label("offer_id"),
                func.ts_rank(_postgresql_index.c.document, query).label("relevance"),
            )
            .where(_postgresql_index.c.document.op("@@")(query))
            .subquery("matches")
        )
    index = literal_column(FULLTEXT_TABLE)
    return (
        select(
            _sqlite_index.c.rowid.label("offer_id"),
            (-func.bm25(index, *SQLITE_WEIGHTS)).label("relevance"),
        )
        .where(index.op("MATCH")(sqlite_match_expression(terms)))
        .subquery("matches")
    )

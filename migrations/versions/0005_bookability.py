"""Until when an offer, and a venue, can be booked: kept by the database from the stocks

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

`offer.bookable_until` is the latest moment one of its stocks can still be booked (the booking
limit, else the event's start, else "no end", written 9999-01-01), over the stocks that are not
deleted and have places left; NULL when there is none. `venue.bookable_until` is the latest
`bookable_until` of its approved, active offers. So "this venue has a bookable shown offer now"
is `venue.bookable_until > now` (with its structure validated), read from the venue row: the
map no longer probes offers and stocks venue by venue (see `models/offers/bookability.py`).

Triggers keep both columns right on every write of stock and offer: stock → offer → venue. An
UPDATE is only issued when the value changes, so most bookings (a place taken, others left)
write nothing more. Time needs no trigger: the columns hold a moment, compared with now.

The SQL is copied here rather than imported, so that this revision keeps meaning what it meant
when the models change.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

FAR_FUTURE = {"sqlite": "'9999-01-01 00:00:00.000000'", "postgresql": "'9999-01-01 00:00:00+00'"}
STOCK_COLUMNS = "offer_id, is_deleted, quantity, booked_quantity, beginning_at, booking_limit_at"
OFFER_COLUMNS = "bookable_until, validation, is_active, venue_id"


def offer_until(far_future: str, offer: str = "offer") -> str:
    return (
        f"(SELECT max(coalesce(s.booking_limit_at, s.beginning_at, {far_future})) FROM stock s"
        f" WHERE s.offer_id = {offer}.id AND s.is_deleted = false"
        " AND (s.quantity IS NULL OR s.booked_quantity < s.quantity))"
    )


def venue_until(venue: str = "venue") -> str:
    return (
        f"(SELECT max(o.bookable_until) FROM offer o WHERE o.venue_id = {venue}.id"
        " AND o.validation = 'approved' AND o.is_active = true)"
    )


def _sqlite_statements() -> list[str]:
    offer = offer_until(FAR_FUTURE["sqlite"])
    venue = venue_until()

    def on_stock(ids: str) -> str:
        return (f"UPDATE offer SET bookable_until = {offer} "
                f"WHERE id IN ({ids}) AND bookable_until IS NOT {offer};")

    def on_offer(ids: str) -> str:
        return (f"UPDATE venue SET bookable_until = {venue} "
                f"WHERE id IN ({ids}) AND bookable_until IS NOT {venue};")

    return [
        f"CREATE TRIGGER bookability_stock_insert AFTER INSERT ON stock BEGIN "
        f"{on_stock('new.offer_id')} END",
        f"CREATE TRIGGER bookability_stock_update AFTER UPDATE OF {STOCK_COLUMNS} ON stock "
        f"BEGIN {on_stock('new.offer_id, old.offer_id')} END",
        f"CREATE TRIGGER bookability_stock_delete AFTER DELETE ON stock BEGIN "
        f"{on_stock('old.offer_id')} END",
        f"CREATE TRIGGER bookability_offer_insert AFTER INSERT ON offer BEGIN "
        f"{on_offer('new.venue_id')} END",
        f"CREATE TRIGGER bookability_offer_update AFTER UPDATE OF {OFFER_COLUMNS} ON offer "
        f"BEGIN {on_offer('new.venue_id, old.venue_id')} END",
        f"CREATE TRIGGER bookability_offer_delete AFTER DELETE ON offer BEGIN "
        f"{on_offer('old.venue_id')} END",
    ]


def _postgresql_recount(source: str, watched: str, target: str, key: str, until: str,
                        alias: str) -> list[str]:
    """A function and its trigger: a write on `source` recounts `target`'s rows it points to
    through `key`, before and after the write."""
    return [
        f"""
        CREATE FUNCTION bookability_on_{source}() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE ids integer[];
        BEGIN
          IF TG_OP = 'INSERT' THEN ids := ARRAY[NEW.{key}];
          ELSIF TG_OP = 'DELETE' THEN ids := ARRAY[OLD.{key}];
          ELSE ids := ARRAY[NEW.{key}, OLD.{key}];
          END IF;
          UPDATE {target} SET bookable_until = fresh.until
          FROM (SELECT {alias}.id, {until} AS until FROM {target} {alias}
                WHERE {alias}.id = ANY(ids)) AS fresh
          WHERE {target}.id = fresh.id AND {target}.bookable_until IS DISTINCT FROM fresh.until;
          RETURN NULL;
        END
        $$
        """,
        f"""
        CREATE TRIGGER bookability_{source}
        AFTER INSERT OR DELETE OR UPDATE OF {watched} ON {source}
        FOR EACH ROW EXECUTE FUNCTION bookability_on_{source}()
        """,
    ]


def _postgresql_statements() -> list[str]:
    return [
        *_postgresql_recount("stock", STOCK_COLUMNS, "offer", "offer_id",
                             offer_until(FAR_FUTURE["postgresql"], "o"), "o"),
        *_postgresql_recount("offer", OFFER_COLUMNS, "venue", "venue_id", venue_until("v"), "v"),
    ]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.add_column("offer", sa.Column("bookable_until", sa.DateTime(timezone=True), nullable=True))
    op.add_column("venue", sa.Column("bookable_until", sa.DateTime(timezone=True), nullable=True))
    # The venue's latest offer is the last entry of its range: one index probe per recount.
    op.drop_index("ix_offer_venue_bookable", table_name="offer")
    op.create_index(
        "ix_offer_venue_bookable", "offer",
        ["venue_id", "validation", "is_active", "bookable_until", "id"], unique=False,
    )
    op.execute(f"UPDATE offer SET bookable_until = {offer_until(FAR_FUTURE[dialect])}")
    op.execute(f"UPDATE venue SET bookable_until = {venue_until()}")
    statements = _postgresql_statements() if dialect == "postgresql" else _sqlite_statements()
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in (
            "DROP TRIGGER IF EXISTS bookability_offer ON offer",
            "DROP TRIGGER IF EXISTS bookability_stock ON stock",
            "DROP FUNCTION IF EXISTS bookability_on_offer()",
            "DROP FUNCTION IF EXISTS bookability_on_stock()",
        ):
            op.execute(statement)
    else:
        for name in ("stock_insert", "stock_update", "stock_delete", "offer_insert",
                     "offer_update", "offer_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS bookability_{name}")
    op.drop_index("ix_offer_venue_bookable", table_name="offer")
    op.create_index(
        "ix_offer_venue_bookable", "offer", ["venue_id", "validation", "is_active", "id"],
        unique=False,
    )
    op.drop_column("venue", "bookable_until")
    op.drop_column("offer", "bookable_until")

"""Offer pages cached by version, search at scale (issue 14)

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-05

The offer page is rendered once per *version* of what it shows and kept (webapp/page_cache.py,
docs/domain/caching.md). Two small tables hold those versions, kept by triggers on every write,
whatever writes it (the app, a script, another trigger):

- `offer_page_version`: one row per offer, given a new random value when the offer, one of its
  stocks (a booking changes `booked_quantity`), price categories or reviews, or its image
  changes;
- `venue_page_version`: one row per venue, given a new value when a column the page shows
  changes (name, address, position, accessibility...) or the name of its commune.

A version is a random 53-bit number rather than a counter: a counter row would make every
writer wait for it, and a counter starting again (an id reused by SQLite after a deletion, a
rolled-back test) would give an old key to new content. The structure's status and the offer's
moderation status are read with the versions, in the same query, so a withdrawn offer is never
served from the cache.

The SQL is copied here rather than imported, so that this revision keeps meaning what it meant
when the models change.
"""

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

RANDOM = {"sqlite": "random()", "postgresql": "floor(random() * 9007199254740991)::bigint"}
# What the offer page shows of a venue (bookable_until, written by other triggers on every
# booking, is left out: it would throw away the pages of a whole venue at each booking).
VENUE_COLUMNS = ("name, public_name, is_virtual, address, postal_code, commune_code, latitude, "
                 "longitude, accessibility_hearing, accessibility_mental, accessibility_motor, "
                 "accessibility_visual")
OFFER_CHILDREN = ("stock", "price_category", "review")


def _sqlite_statements() -> list[str]:
    rnd = RANDOM["sqlite"]

    def bump(ids: str) -> str:
        return f"UPDATE offer_page_version SET version = {rnd} WHERE offer_id IN ({ids});"

    statements = [
        "CREATE TRIGGER page_version_offer_insert AFTER INSERT ON offer BEGIN "
        f"INSERT OR REPLACE INTO offer_page_version (offer_id, version) VALUES (new.id, {rnd}); "
        "END",
        "CREATE TRIGGER page_version_offer_update AFTER UPDATE ON offer BEGIN "
        f"INSERT OR REPLACE INTO offer_page_version (offer_id, version) VALUES (new.id, {rnd}); "
        "END",
        "CREATE TRIGGER page_version_offer_delete AFTER DELETE ON offer BEGIN "
        "DELETE FROM offer_page_version WHERE offer_id = old.id; END",
        "CREATE TRIGGER page_version_image_update AFTER UPDATE ON image BEGIN "
        f"{bump('SELECT id FROM offer WHERE image_id = new.id')} END",
        "CREATE TRIGGER page_version_venue_insert AFTER INSERT ON venue BEGIN "
        f"INSERT OR REPLACE INTO venue_page_version (venue_id, version) VALUES (new.id, {rnd}); "
        "END",
        f"CREATE TRIGGER page_version_venue_update AFTER UPDATE OF {VENUE_COLUMNS} ON venue "
        f"BEGIN INSERT OR REPLACE INTO venue_page_version (venue_id, version) "
        f"VALUES (new.id, {rnd}); END",
        "CREATE TRIGGER page_version_venue_delete AFTER DELETE ON venue BEGIN "
        "DELETE FROM venue_page_version WHERE venue_id = old.id; END",
        "CREATE TRIGGER page_version_commune_update AFTER UPDATE OF name ON commune BEGIN "
        f"UPDATE venue_page_version SET version = {rnd} WHERE venue_id IN "
        "(SELECT id FROM venue WHERE commune_code = new.code); END",
    ]
    for child in OFFER_CHILDREN:
        statements += [
            f"CREATE TRIGGER page_version_{child}_insert AFTER INSERT ON {child} BEGIN "
            f"{bump('new.offer_id')} END",
            f"CREATE TRIGGER page_version_{child}_update AFTER UPDATE ON {child} BEGIN "
            f"{bump('new.offer_id, old.offer_id')} END",
            f"CREATE TRIGGER page_version_{child}_delete AFTER DELETE ON {child} BEGIN "
            f"{bump('old.offer_id')} END",
        ]
    return statements


SQLITE_TRIGGERS = [
    "offer_insert", "offer_update", "offer_delete", "image_update", "venue_insert",
    "venue_update", "venue_delete", "commune_update",
    *(f"{child}_{event}" for child in OFFER_CHILDREN for event in ("insert", "update", "delete")),
]


def _postgresql_statements() -> list[str]:
    rnd = RANDOM["postgresql"]

    def own_row(table: str, key: str) -> str:
        return f"""
        CREATE FUNCTION page_version_on_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' THEN
            DELETE FROM {table}_page_version WHERE {key} = OLD.id;
          ELSE
            INSERT INTO {table}_page_version ({key}, version) VALUES (NEW.id, {rnd})
            ON CONFLICT ({key}) DO UPDATE SET version = EXCLUDED.version;
          END IF;
          RETURN NULL;
        END
        $$
        """

    return [
        own_row("offer", "offer_id"),
        "CREATE TRIGGER page_version_offer AFTER INSERT OR UPDATE OR DELETE ON offer "
        "FOR EACH ROW EXECUTE FUNCTION page_version_on_offer()",
        own_row("venue", "venue_id"),
        f"CREATE TRIGGER page_version_venue AFTER INSERT OR DELETE OR UPDATE OF {VENUE_COLUMNS} "
        "ON venue FOR EACH ROW EXECUTE FUNCTION page_version_on_venue()",
        f"""
        CREATE FUNCTION page_version_on_offer_child() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE ids integer[];
        BEGIN
          IF TG_OP = 'INSERT' THEN ids := ARRAY[NEW.offer_id];
          ELSIF TG_OP = 'DELETE' THEN ids := ARRAY[OLD.offer_id];
          ELSE ids := ARRAY[NEW.offer_id, OLD.offer_id];
          END IF;
          UPDATE offer_page_version SET version = {rnd} WHERE offer_id = ANY(ids);
          RETURN NULL;
        END
        $$
        """,
        *(f"CREATE TRIGGER page_version_{child} AFTER INSERT OR UPDATE OR DELETE ON {child} "
          "FOR EACH ROW EXECUTE FUNCTION page_version_on_offer_child()"
          for child in OFFER_CHILDREN),
        f"""
        CREATE FUNCTION page_version_on_image() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE offer_page_version SET version = {rnd}
          WHERE offer_id IN (SELECT id FROM offer WHERE image_id = NEW.id);
          RETURN NULL;
        END
        $$
        """,
        "CREATE TRIGGER page_version_image AFTER UPDATE ON image "
        "FOR EACH ROW EXECUTE FUNCTION page_version_on_image()",
        f"""
        CREATE FUNCTION page_version_on_commune() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE venue_page_version SET version = {rnd}
          WHERE venue_id IN (SELECT id FROM venue WHERE commune_code = NEW.code);
          RETURN NULL;
        END
        $$
        """,
        "CREATE TRIGGER page_version_commune AFTER UPDATE OF name ON commune "
        "FOR EACH ROW EXECUTE FUNCTION page_version_on_commune()",
    ]


POSTGRESQL_TRIGGERS = {
    "page_version_offer": "offer", "page_version_venue": "venue",
    **{f"page_version_{child}": child for child in OFFER_CHILDREN},
    "page_version_image": "image", "page_version_commune": "commune",
}
POSTGRESQL_FUNCTIONS = ("offer", "venue", "offer_child", "image", "commune")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "offer_page_version",
        sa.Column("offer_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("offer_id", name=op.f("pk_offer_page_version")),
    )
    op.create_table(
        "venue_page_version",
        sa.Column("venue_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("venue_id", name=op.f("pk_venue_page_version")),
    )
    op.execute(f"INSERT INTO offer_page_version (offer_id, version) "
               f"SELECT id, {RANDOM[dialect]} FROM offer")
    op.execute(f"INSERT INTO venue_page_version (venue_id, version) "
               f"SELECT id, {RANDOM[dialect]} FROM venue")
    statements = _postgresql_statements() if dialect == "postgresql" else _sqlite_statements()
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for trigger, table in POSTGRESQL_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        for function in POSTGRESQL_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS page_version_on_{function}()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS page_version_{name}")
    op.drop_table("venue_page_version")
    op.drop_table("offer_page_version")

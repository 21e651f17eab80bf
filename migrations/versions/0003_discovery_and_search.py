"""The discovery deck's interactions, and the full-text index of offers on each engine

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

The full-text index is not modelled by the ORM (see `models/search/schema.py`):

- SQLite: `offer_search`, an FTS5 table (title, people, venue, description) whose tokenizer
  folds case and accents; its rowid is the offer's id.
- PostgreSQL: `offer_search(offer_id, document tsvector)` with a GIN index; the document is
  the French stemmed vector of the folded text, weighted title > people > venue > description.
  Folding uses `translate()` in an IMMUTABLE SQL function, so no extension (`unaccent`) is
  needed and the database owner can create everything.

Triggers on `offer` (insert, update of the indexed columns, delete) and `venue` (update of its
names) keep both in sync, whatever writes the rows (ORM, bulk inserts, SQL by hand).

On SQLite, a later batch migration that rebuilds `offer` or `venue` drops their triggers with
the old table: such a migration must run this revision's `_sqlite_triggers()` statements again.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Letters with diacritics and their plain lower-case letter, the same folding as
# `models.search.text.search_fold` applies to what people type.
ACCENTED = (
    "àáâãäåāăąçćĉċčďèéêëēĕėęěĝğġģĥìíîïĩīĭįĵķĺļľñńņňòóôõöōŏőŕŗřśŝşšţťùúûüũūŭůűųŵýÿŷźżž"
    "ÀÁÂÃÄÅĀĂĄÇĆĈĊČĎÈÉÊËĒĔĖĘĚĜĞĠĢĤÌÍÎÏĨĪĬĮĴĶĹĻĽÑŃŅŇÒÓÔÕÖŌŎŐŔŖŘŚŜŞŠŢŤÙÚÛÜŨŪŬŮŰŲŴÝŸŶŹŻŽøØłŁı"
)
PLAIN = (
    "aaaaaaaaacccccdeeeeeeeeegggghiiiiiiiijklllnnnnoooooooorrrssssttuuuuuuuuuuwyyyzzz"
    "aaaaaaaaacccccdeeeeeeeeegggghiiiiiiiijklllnnnnoooooooorrrssssttuuuuuuuuuuwyyyzzzoolli"
)


def _ligatures(expression: str) -> str:
    """SQL turning œ and æ into two letters, as people type them on most keyboards."""
    for ligature, letters in (("œ", "oe"), ("Œ", "oe"), ("æ", "ae"), ("Æ", "ae"), ("ß", "ss")):
        expression = f"replace({expression}, '{ligature}', '{letters}')"
    return expression


def _sqlite_values(offer: str, venue: str) -> str:
    return ", ".join(
        _ligatures(expression)
        for expression in (
            f"{offer}.name",
            f"trim(coalesce({offer}.author, '') || ' ' || coalesce({offer}.performer, ''))",
            f"trim(coalesce({venue}.public_name, '') || ' ' || {venue}.name)",
            f"coalesce({offer}.description, '')",
        )
    )


def _sqlite_insert(where: str, offer: str = "o") -> str:
    return (
        "INSERT INTO offer_search (rowid, title, people, venue, description) "
        f"SELECT {offer}.id, {_sqlite_values(offer, 'v')} "
        f"FROM offer AS {offer} JOIN venue AS v ON v.id = {offer}.venue_id WHERE {where};"
    )


def _sqlite_triggers() -> list[str]:
    return [
        "CREATE TRIGGER offer_search_offer_insert AFTER INSERT ON offer BEGIN "
        + _sqlite_insert("o.id = new.id")
        + " END",
        "CREATE TRIGGER offer_search_offer_update "
        "AFTER UPDATE OF name, description, author, performer, venue_id ON offer BEGIN "
        "DELETE FROM offer_search WHERE rowid = old.id; "
        + _sqlite_insert("o.id = new.id")
        + " END",
        "CREATE TRIGGER offer_search_offer_delete AFTER DELETE ON offer BEGIN "
        "DELETE FROM offer_search WHERE rowid = old.id; END",
        "CREATE TRIGGER offer_search_venue_update AFTER UPDATE OF name, public_name ON venue "
        "BEGIN "
        "DELETE FROM offer_search WHERE rowid IN (SELECT id FROM offer WHERE venue_id = new.id); "
        + _sqlite_insert("o.venue_id = new.id")
        + " END",
    ]


def _upgrade_sqlite() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE offer_search USING fts5("
        "title, people, venue, description, tokenize = 'unicode61 remove_diacritics 2')"
    )
    for statement in _sqlite_triggers():
        op.execute(statement)
    op.execute(_sqlite_insert("1 = 1"))


POSTGRESQL_UPGRADE = [
    f"""
    CREATE FUNCTION offer_search_fold(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT translate(lower({_ligatures("coalesce(value, '')")}), '{ACCENTED}', '{PLAIN}')
    $$
    """,
    """
    CREATE TABLE offer_search (
      offer_id integer PRIMARY KEY REFERENCES offer (id) ON DELETE CASCADE,
      document tsvector NOT NULL
    )
    """,
    "CREATE INDEX ix_offer_search_document ON offer_search USING gin (document)",
    """
    CREATE FUNCTION offer_search_refresh(offer_ids integer[]) RETURNS void
    LANGUAGE sql AS $$
      INSERT INTO offer_search (offer_id, document)
      SELECT o.id,
        setweight(to_tsvector('french', offer_search_fold(o.name)), 'A')
        || setweight(to_tsvector('french',
             offer_search_fold(concat_ws(' ', o.author, o.performer))), 'B')
        || setweight(to_tsvector('french',
             offer_search_fold(concat_ws(' ', v.public_name, v.name))), 'C')
        || setweight(to_tsvector('french', offer_search_fold(o.description)), 'D')
      FROM offer AS o JOIN venue AS v ON v.id = o.venue_id
      WHERE o.id = ANY (offer_ids)
      ON CONFLICT (offer_id) DO UPDATE SET document = excluded.document
    $$
    """,
    """
    CREATE FUNCTION offer_search_on_offer() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM offer_search_refresh(ARRAY[NEW.id]);
      RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER offer_search_offer
    AFTER INSERT OR UPDATE OF name, description, author, performer, venue_id ON offer
    FOR EACH ROW EXECUTE FUNCTION offer_search_on_offer()
    """,
    """
    CREATE FUNCTION offer_search_on_venue() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM offer_search_refresh(ARRAY(SELECT id FROM offer WHERE venue_id = NEW.id));
      RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER offer_search_venue
    AFTER UPDATE OF name, public_name ON venue
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.public_name IS DISTINCT FROM NEW.public_name)
    EXECUTE FUNCTION offer_search_on_venue()
    """,
    "SELECT offer_search_refresh(ARRAY(SELECT id FROM offer))",
]

POSTGRESQL_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS offer_search_venue ON venue",
    "DROP TRIGGER IF EXISTS offer_search_offer ON offer",
    "DROP FUNCTION IF EXISTS offer_search_on_venue()",
    "DROP FUNCTION IF EXISTS offer_search_on_offer()",
    "DROP FUNCTION IF EXISTS offer_search_refresh(integer[])",
    "DROP TABLE IF EXISTS offer_search",
    "DROP FUNCTION IF EXISTS offer_search_fold(text)",
]

SQLITE_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS offer_search_venue_update",
    "DROP TRIGGER IF EXISTS offer_search_offer_delete",
    "DROP TRIGGER IF EXISTS offer_search_offer_update",
    "DROP TRIGGER IF EXISTS offer_search_offer_insert",
    "DROP TABLE IF EXISTS offer_search",
]


def upgrade() -> None:
    op.create_table(
        "deck_interaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column(
            "action",
            sa.Enum("seen", "like", "skip", name="deckaction", native_enum=False,
                    create_constraint=True),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offer.id"], name=op.f("fk_deck_interaction_offer_id_offer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"],
            name=op.f("fk_deck_interaction_user_id_user_account"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deck_interaction")),
        sa.UniqueConstraint(
            "user_id", "offer_id", name=op.f("uq_deck_interaction_user_id_offer_id")
        ),
    )
    with op.batch_alter_table("deck_interaction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deck_interaction_offer_id"), ["offer_id"], unique=False
        )
        batch_op.create_index("ix_deck_interaction_user_at", ["user_id", "at"], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRESQL_UPGRADE:
            op.execute(statement)
    else:
        _upgrade_sqlite()


def downgrade() -> None:
    statements = (
        POSTGRESQL_DOWNGRADE if op.get_bind().dialect.name == "postgresql" else SQLITE_DOWNGRADE
    )
    for statement in statements:
        op.execute(statement)
    with op.batch_alter_table("deck_interaction", schema=None) as batch_op:
        batch_op.drop_index("ix_deck_interaction_user_at")
        batch_op.drop_index(batch_op.f("ix_deck_interaction_offer_id"))
    op.drop_table("deck_interaction")

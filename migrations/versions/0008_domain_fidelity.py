"""Domain fidelity: dated credit validity, carried-over credit, the 0 € credit, booking expiry

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

The rules are explained in docs/domain/2-credit.md and docs/domain/5-bookings.md.

- `credit_validity_change` holds later, dated rules of validity of a programme. The reform of
  28 February 2025 made every credit still running end on the 21st birthday: the 300 € credit
  of the 2021 programme (24 months until then) and the under-18 credit (the 18th birthday until
  then). The deposits of those programmes still running when this migration runs are given their
  new expiry; deposits already over stay over.
- `deposit.carried_over_cents`: what was left of an under-18 credit when it moved into the 2025
  credit at 17.
- The 2025 programme opens from 15: 15- and 16-year-olds receive a credit without grant (0 €,
  free offers only), which the 50 € of the 17th birthday then fills.
- Unused bookings of "x" subcategories still confirmed expire at the first midnight, in the
  person's zone, at or after booked_at + the delay; trial art classes (an event) now expire too.

The rules are copied here as they stand on the day of the migration, so that later changes to
the code cannot change what this migration does.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

REFORM_DAY = dt.date(2025, 2, 28)
# Programme code: the rule it had before the reform (rule, value).
EXTENDED_PROGRAMMES = {
    "pass_2021": ("months_after_grant", 24),
    "pass_2021_young": ("birthday", 18),
}
NEW_RULE = ("birthday", 21)
REFORM_CODE = "reform_2025"
REFORM_MIN_AGE_BEFORE, REFORM_MIN_AGE_AFTER = 17, 15

EXPIRY_DAYS = 30
EXPIRY_DAYS_BY_SUBCATEGORY = {"LIVRE_PAPIER": 10}
EXPIRING_SUBCATEGORIES = (
    "CARTE_CINE_MULTISEANCES", "CARTE_CINE_ILLIMITE", "SUPPORT_PHYSIQUE_FILM", "ABO_MEDIATHEQUE",
    "LIVRE_PAPIER", "LIVRE_AUDIO_PHYSIQUE", "ABO_BIBLIOTHEQUE", "ABO_LIVRE_NUMERIQUE",
    "ABO_CONCERT", "SUPPORT_PHYSIQUE_MUSIQUE_CD", "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE",
    "ABO_SPECTACLE", "CARTE_MUSEE", "SEANCE_ESSAI_PRATIQUE_ART", "ABO_PRATIQUE_ART",
    "PLATEFORME_PRATIQUE_ARTISTIQUE", "ACHAT_INSTRUMENT", "LOCATION_INSTRUMENT", "PARTITION",
    "MATERIEL_ART_CREATIF", "CARTE_JEUNES", "ABO_LUDOTHEQUE", "BON_ACHAT_INSTRUMENT",
)
# Events were never given an expiry before this migration.
EXPIRING_EVENTS = ("SEANCE_ESSAI_PRATIQUE_ART",)
DEFAULT_ZONE = "Europe/Paris"

programme = sa.table(
    "credit_programme",
    sa.column("id", sa.Integer),
    sa.column("code", sa.String),
    sa.column("min_signup_age", sa.Integer),
)
validity_change = sa.table(
    "credit_validity_change",
    sa.column("programme_id", sa.Integer),
    sa.column("effective_on", sa.Date),
    sa.column("expiry_rule", sa.String),
    sa.column("expiry_value", sa.Integer),
)


def upgrade() -> None:
    op.create_table(
        "credit_validity_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("expiry_rule", sa.Enum("months_after_grant", "birthday", name="expiryrule",
                                         native_enum=False, create_constraint=True),
                  nullable=False),
        sa.Column("expiry_value", sa.Integer(), nullable=False),
        sa.CheckConstraint("expiry_value > 0",
                           name=op.f("ck_credit_validity_change_expiry_positive")),
        sa.ForeignKeyConstraint(["programme_id"], ["credit_programme.id"],
                                name=op.f("fk_credit_validity_change_programme_id_credit_programme"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_validity_change")),
        sa.UniqueConstraint("programme_id", "effective_on",
                            name=op.f("uq_credit_validity_change_programme_id_effective_on")),
    )
    op.add_column("deposit", sa.Column("carried_over_cents", sa.Integer(), nullable=False,
                                       server_default="0"))
    connection = op.get_bind()
    ids = _programme_ids(connection)
    present = [code for code in EXTENDED_PROGRAMMES if code in ids]
    if present:
        op.bulk_insert(validity_change, [
            {"programme_id": ids[code], "effective_on": REFORM_DAY,
             "expiry_rule": NEW_RULE[0], "expiry_value": NEW_RULE[1]}
            for code in present
        ])
    _set_reform_min_age(REFORM_MIN_AGE_AFTER)
    now = dt.datetime.now(dt.UTC)
    for code in present:
        extend_running_deposits(connection, ids[code], NEW_RULE, now)
    recompute_booking_expiry(connection, midnight_rule=True)


def downgrade() -> None:
    connection = op.get_bind()
    ids = _programme_ids(connection)
    now = dt.datetime.now(dt.UTC)
    for code, rule in EXTENDED_PROGRAMMES.items():
        if code in ids:
            extend_running_deposits(connection, ids[code], rule, now)
    recompute_booking_expiry(connection, midnight_rule=False)
    _set_reform_min_age(REFORM_MIN_AGE_BEFORE)
    op.drop_column("deposit", "carried_over_cents")
    op.drop_table("credit_validity_change")


def _programme_ids(connection) -> dict[str, int]:
    return dict(connection.execute(sa.select(programme.c.code, programme.c.id)).all())


def _set_reform_min_age(age: int) -> None:
    op.execute(
        programme.update().where(programme.c.code == REFORM_CODE).values(min_signup_age=age)
    )


def _aware(moment):
    """SQLite hands back naive UTC timestamps (or strings); PostgreSQL aware ones."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _stored(connection, moment: dt.datetime):
    """As the model's UtcDateTime stores it: naive UTC on SQLite."""
    if connection.dialect.name == "sqlite":
        return moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def _birthday(born: dt.date, age: int) -> dt.date:
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return dt.date(born.year + age, 3, 1)


def _add_months(moment: dt.datetime, months: int) -> dt.datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    return moment.replace(year=year, month=month, day=day)


def expiry(rule: tuple[str, int], born, zone: str, created_at: dt.datetime) -> dt.datetime:
    kind, value = rule
    if kind == "months_after_grant":
        return _add_months(created_at, value)
    if isinstance(born, str):
        born = dt.date.fromisoformat(born)
    day = _birthday(born, value)
    return dt.datetime.combine(day, dt.time(), tzinfo=ZoneInfo(zone)).astimezone(dt.UTC)


_PEOPLE = """
    SELECT {row}.id, {row}.{moment}, u.date_of_birth, COALESCE(d.timezone, '{zone}')
    FROM {table} {row}
    LEFT JOIN user_account u ON u.id = {row}.user_id
    LEFT JOIN commune c ON c.code = u.commune_code
    LEFT JOIN departement d ON d.code = c.departement_code
"""


def extend_running_deposits(connection, programme_id: int, rule, now: dt.datetime) -> int:
    """Give the deposits of a programme still running at `now` the expiry of `rule`."""
    query = _PEOPLE.format(row="dep", moment="created_at", table="deposit", zone=DEFAULT_ZONE)
    statement = sa.text(
        query + " WHERE dep.programme_id = :programme AND dep.expires_at > :now"
    ).bindparams(sa.bindparam("now", type_=sa.DateTime()))
    rows = connection.execute(
        statement, {"programme": programme_id, "now": _stored(connection, now)}
    ).all()
    for deposit_id, created_at, born, zone in rows:
        if born is None:
            continue
        connection.execute(
            sa.text("UPDATE deposit SET expires_at = :expires WHERE id = :id").bindparams(
                sa.bindparam("expires", type_=sa.DateTime())),
            {"expires": _stored(connection, expiry(rule, born, zone, _aware(created_at))),
             "id": deposit_id},
        )
    return len(rows)


def booking_expiry(subcategory: str, booked_at: dt.datetime, zone: str, *, midnight_rule: bool):
    """The expiry of an unused booking under the new rule, or under the old one (downgrade)."""
    days = EXPIRY_DAYS_BY_SUBCATEGORY.get(subcategory, EXPIRY_DAYS)
    if not midnight_rule:
        return None if subcategory in EXPIRING_EVENTS else booked_at + dt.timedelta(days=days)
    deadline = (booked_at.astimezone(dt.UTC) + dt.timedelta(days=days)).astimezone(ZoneInfo(zone))
    day = deadline.date() + dt.timedelta(days=deadline.time() != dt.time())
    return dt.datetime.combine(day, dt.time(), tzinfo=ZoneInfo(zone)).astimezone(dt.UTC)


def recompute_booking_expiry(connection, *, midnight_rule: bool) -> int:
    """Set the expiry of every confirmed booking of an "x" subcategory."""
    query = _PEOPLE.format(row="b", moment="booked_at", table="booking", zone=DEFAULT_ZONE)
    query = query.replace("SELECT b.id,", "SELECT b.id, o.subcategory_id,")
    query += " JOIN offer o ON o.id = b.offer_id"
    statement = sa.text(
        query + " WHERE b.status = 'confirmed' AND o.subcategory_id IN :subcategories"
    ).bindparams(sa.bindparam("subcategories", expanding=True))
    rows = connection.execute(statement, {"subcategories": list(EXPIRING_SUBCATEGORIES)}).all()
    for booking_id, subcategory, booked_at, _born, zone in rows:
        expires = booking_expiry(subcategory, _aware(booked_at), zone, midnight_rule=midnight_rule)
        connection.execute(
            sa.text("UPDATE booking SET expires_at = :expires WHERE id = :id").bindparams(
                sa.bindparam("expires", type_=sa.DateTime())),
            {"expires": _stored(connection, expires) if expires else None, "id": booking_id},
        )
    return len(rows)

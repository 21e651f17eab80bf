"""The credit programmes of the French pass Culture, as dated data (docs/domain/2-credit.md)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

programme = sa.table(
    "credit_programme",
    sa.column("id", sa.Integer),
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("starts_on", sa.Date),
    sa.column("ends_on", sa.Date),
    sa.column("min_signup_age", sa.Integer),
    sa.column("max_signup_age", sa.Integer),
    sa.column("expiry_rule", sa.String),
    sa.column("expiry_value", sa.Integer),
    sa.column("digital_cap_cents", sa.Integer),
    sa.column("physical_cap_cents", sa.Integer),
)
age_grant = sa.table(
    "programme_age_grant",
    sa.column("programme_id", sa.Integer),
    sa.column("age", sa.Integer),
    sa.column("amount_cents", sa.Integer),
)

PROGRAMMES = [
    # id, code, name, starts, ends, min age, max age, expiry rule, value, digital, physical
    (1, "experiment_2019", "Expérimentation 2019", dt.date(2019, 2, 1), dt.date(2021, 5, 20),
     18, 19, "months_after_grant", 24, 20000, 20000),
    (2, "pass_2021", "pass Culture 2021", dt.date(2021, 5, 21), dt.date(2025, 2, 27),
     18, 19, "months_after_grant", 24, 10000, None),
    (3, "pass_2021_young", "pass Culture 2021, 15 à 17 ans", dt.date(2022, 1, 10),
     dt.date(2025, 2, 27), 15, 18, "birthday", 18, None, None),
    (4, "reform_2025", "Réforme 2025", dt.date(2025, 2, 28), None,
     17, 19, "birthday", 21, 10000, None),
]
AGE_GRANTS = [
    (1, 18, 50000),
    (2, 18, 30000),
    (3, 15, 2000),
    (3, 16, 3000),
    (3, 17, 3000),
    (4, 17, 5000),
    (4, 18, 15000),
]


def upgrade() -> None:
    columns = [column.name for column in programme.columns]
    op.bulk_insert(programme, [dict(zip(columns, row, strict=True)) for row in PROGRAMMES])
    op.bulk_insert(
        age_grant,
        [{"programme_id": p, "age": a, "amount_cents": c} for p, a, c in AGE_GRANTS],
    )
    if op.get_bind().dialect.name == "postgresql":
        # Explicit ids were inserted; move the sequence past them.
        op.execute(
            "SELECT setval('credit_programme_id_seq', (SELECT max(id) FROM credit_programme))"
        )


def downgrade() -> None:
    op.execute(age_grant.delete())
    op.execute(programme.delete())

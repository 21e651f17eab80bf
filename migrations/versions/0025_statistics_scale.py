"""Statistics at scale: beneficiaries aggregate, incremental refresh (issue 13)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-05

The beneficiaries per period and commune, the people per period, the partners', offers' and
local money's sums per period that the `statistics_aggregates` job keeps up to date by
difference: docs/domain/7-territories.md ("Aggregates"), `models/statistics/scale_tables.py`.
"""

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def _money(*keys: sa.Column, name: str) -> None:
    op.create_table(
        name, *keys,
        sa.Column("home", sa.String(3), nullable=False),
        sa.Column("place", sa.String(8), nullable=False),
        sa.Column("structure_id", sa.Integer(), nullable=False),
        sa.Column("cents", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(*(key.name for key in keys), "home", "place", "structure_id",
                                name=op.f(f"pk_{name}")),
    )


def _scope_keys() -> list[sa.Column]:
    return [sa.Column("period", sa.String(16), nullable=False),
            sa.Column("level", sa.String(12), nullable=False),
            sa.Column("code", sa.String(9), nullable=False)]


def _sums() -> list[sa.Column]:
    return [sa.Column("cents", sa.BigInteger(), nullable=False),
            sa.Column("bookings", sa.Integer(), nullable=False),
            sa.Column("bookings_keys", sa.BigInteger(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "stat_beneficiary_period",
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("ever", sa.Integer(), nullable=False),
        sa.Column("ever_keys", sa.BigInteger(), nullable=False),
        sa.Column("active", sa.Integer(), nullable=False),
        sa.Column("active_keys", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("period", "commune_code",
                                name=op.f("pk_stat_beneficiary_period")),
    )
    op.create_table(
        "stat_person_period",
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.Column("categories", sa.SmallInteger(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("period", "user_id", name=op.f("pk_stat_person_period")),
    )
    op.create_index("ix_stat_person_period_commune", "stat_person_period",
                    ["period", "commune_code"])
    op.create_table(
        "stat_partner_period", *_scope_keys(),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("structure_id", sa.Integer(), nullable=False),
        *_sums(),
        sa.PrimaryKeyConstraint("period", "level", "code", "category", "structure_id",
                                name=op.f("pk_stat_partner_period")),
    )
    op.create_table(
        "stat_offer_period", *_scope_keys(),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("structure_id", sa.Integer(), nullable=False),
        *_sums(),
        sa.PrimaryKeyConstraint("period", "level", "code", "offer_id",
                                name=op.f("pk_stat_offer_period")),
    )
    _money(sa.Column("month", sa.Date(), nullable=False), name="stat_money_month")
    _money(sa.Column("period", sa.String(16), nullable=False), name="stat_money_period")


def downgrade() -> None:
    for table in ("stat_money_period", "stat_money_month", "stat_offer_period",
                  "stat_partner_period", "stat_person_period", "stat_beneficiary_period"):
        op.drop_table(table)

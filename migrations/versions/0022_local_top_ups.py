"""Local top-up programmes (issue 13)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-05

Programmes a local government funds for its young people, their categories, the staff
permission to fund them, and on each booking the part a programme paid
(docs/domain/8-local-top-ups.md). The booking columns are plain ADD COLUMNs (the table has
triggers and is never rebuilt on SQLite), without a foreign key, which SQLite could not drop.
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

TERRITORY_KINDS = ("commune", "epci", "departement", "region")


def _timestamp(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "top_up_permission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mandate_id", sa.Integer(), nullable=False),
        sa.Column("granted_by_id", sa.Integer(), nullable=True),
        _timestamp("granted_at"),
        sa.ForeignKeyConstraint(["mandate_id"], ["local_government_mandate.id"],
                                ondelete="CASCADE",
                                name=op.f("fk_top_up_permission_mandate_id_local_government_mandate")),
        sa.ForeignKeyConstraint(["granted_by_id"], ["user_account.id"], ondelete="SET NULL",
                                name=op.f("fk_top_up_permission_granted_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_top_up_permission")),
        sa.UniqueConstraint("mandate_id", name=op.f("uq_top_up_permission_mandate_id")),
    )
    op.create_table(
        "top_up_programme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("territory_kind", sa.Enum(*TERRITORY_KINDS, name="territorykind",
                                            native_enum=False, create_constraint=True,
                                            length=11), nullable=False),
        sa.Column("territory_code", sa.String(9), nullable=False),
        sa.Column("amount_per_person_cents", sa.Integer(), nullable=False),
        sa.Column("budget_cents", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("min_age", sa.Integer(), nullable=False),
        sa.Column("max_age", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        _timestamp("created_at"),
        sa.CheckConstraint("amount_per_person_cents > 0",
                           name=op.f("ck_top_up_programme_amount_positive")),
        sa.CheckConstraint("budget_cents >= amount_per_person_cents",
                           name=op.f("ck_top_up_programme_budget_covers_one")),
        sa.CheckConstraint("starts_on <= ends_on",
                           name=op.f("ck_top_up_programme_period_in_order")),
        sa.CheckConstraint("min_age <= max_age", name=op.f("ck_top_up_programme_ages_in_order")),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"], ondelete="SET NULL",
                                name=op.f("fk_top_up_programme_created_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_top_up_programme")),
    )
    op.create_index("ix_top_up_programme_territory_code", "top_up_programme", ["territory_code"])
    op.create_table(
        "top_up_category",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(["programme_id"], ["top_up_programme.id"], ondelete="CASCADE",
                                name=op.f("fk_top_up_category_programme_id_top_up_programme")),
        sa.PrimaryKeyConstraint("programme_id", "category_id", name=op.f("pk_top_up_category")),
    )
    op.add_column("booking", sa.Column("top_up_id", sa.Integer(), nullable=True))
    op.add_column("booking", sa.Column("top_up_cents", sa.Integer(), nullable=False,
                                       server_default="0"))
    op.create_index("ix_booking_top_up_user", "booking", ["top_up_id", "user_id"])


def downgrade() -> None:
    op.drop_index("ix_booking_top_up_user", table_name="booking")
    for column in ("top_up_cents", "top_up_id"):
        op.execute(f"ALTER TABLE booking DROP COLUMN {column}")
    op.drop_table("top_up_category")
    op.drop_index("ix_top_up_programme_territory_code", table_name="top_up_programme")
    op.drop_table("top_up_programme")
    op.drop_table("top_up_permission")

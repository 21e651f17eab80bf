"""Money: bank details per pricing point, reimbursement statements and their lines

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05

The rules are explained in docs/domain/6-reimbursement.md.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _timestamp(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "bank_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pricing_point_id", sa.Integer(), nullable=False),
        sa.Column("iban", sa.String(34), nullable=False),
        sa.Column("bic", sa.String(11), nullable=True),
        sa.Column("holder", sa.String(140), nullable=False),
        _timestamp("created_at"),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        _timestamp("replaced_at", nullable=True),
        sa.ForeignKeyConstraint(["pricing_point_id"], ["venue.id"],
                                name=op.f("fk_bank_account_pricing_point_id_venue")),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"], ondelete="SET NULL",
                                name=op.f("fk_bank_account_created_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_account")),
    )
    op.create_index(op.f("ix_bank_account_pricing_point_id"), "bank_account",
                    ["pricing_point_id"])
    op.create_index("uq_bank_account_current", "bank_account", ["pricing_point_id"],
                    unique=True, sqlite_where=sa.text("replaced_at IS NULL"),
                    postgresql_where=sa.text("replaced_at IS NULL"))

    op.create_table(
        "reimbursement_statement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pricing_point_id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        _timestamp("issued_at"),
        sa.Column("bank_account_id", sa.Integer(), nullable=True),
        sa.Column("booked_cents", sa.Integer(), nullable=False),
        sa.Column("reimbursed_cents", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["pricing_point_id"], ["venue.id"],
                                name=op.f("fk_reimbursement_statement_pricing_point_id_venue")),
        sa.ForeignKeyConstraint(
            ["bank_account_id"], ["bank_account.id"],
            name=op.f("fk_reimbursement_statement_bank_account_id_bank_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reimbursement_statement")),
        sa.UniqueConstraint(
            "pricing_point_id", "period_start",
            name=op.f("uq_reimbursement_statement_pricing_point_id_period_start"),
        ),
    )
    op.create_index(op.f("ix_reimbursement_statement_pricing_point_id"),
                    "reimbursement_statement", ["pricing_point_id"])

    op.create_table(
        "reimbursement_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("payment", "correction", name="linekind", native_enum=False,
                                  create_constraint=True, length=10), nullable=False),
        sa.Column("used_on", sa.Date(), nullable=False),
        sa.Column("booked_cents", sa.Integer(), nullable=False),
        sa.Column("rate_basis_points", sa.Integer(), nullable=False),
        sa.Column("reimbursed_cents", sa.Integer(), nullable=False),
        sa.Column("year_revenue_cents", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["statement_id"], ["reimbursement_statement.id"],
            name=op.f("fk_reimbursement_line_statement_id_reimbursement_statement"),
        ),
        sa.ForeignKeyConstraint(["booking_id"], ["booking.id"],
                                name=op.f("fk_reimbursement_line_booking_id_booking")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reimbursement_line")),
        sa.UniqueConstraint("booking_id", "kind",
                            name=op.f("uq_reimbursement_line_booking_id_kind")),
    )
    op.create_index(op.f("ix_reimbursement_line_statement_id"), "reimbursement_line",
                    ["statement_id"])


def downgrade() -> None:
    op.drop_table("reimbursement_line")
    op.drop_table("reimbursement_statement")
    op.drop_table("bank_account")

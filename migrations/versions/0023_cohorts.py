"""Take-up by age: cohort figures uploaded by officers (issue 13)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-05

The cohort figures a local government uploads for its own territory, which replace the estimate
from the shipped populations on its officers' dashboards (docs/domain/7-territories.md,
"Take-up by age"): one upload per territory, its lines per age and year; and the take-up's
numerators per day, commune and age kept by the `statistics_take_up` job.
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

TERRITORY_KINDS = ("commune", "epci", "departement", "region")


def upgrade() -> None:
    op.create_table(
        "cohort_upload",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("territory_kind", sa.Enum(*TERRITORY_KINDS, name="territorykind",
                                            native_enum=False, create_constraint=True,
                                            length=11), nullable=False),
        sa.Column("territory_code", sa.String(9), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["uploaded_by_id"], ["user_account.id"], ondelete="SET NULL",
                                name=op.f("fk_cohort_upload_uploaded_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cohort_upload")),
        sa.UniqueConstraint("territory_kind", "territory_code",
                            name=op.f("uq_cohort_upload_territory_kind_territory_code")),
    )
    op.create_table(
        "cohort_figure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("upload_id", sa.Integer(), nullable=False),
        sa.Column("age", sa.SmallInteger(), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=True),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.CheckConstraint("people >= 0", name=op.f("ck_cohort_figure_people_not_negative")),
        sa.ForeignKeyConstraint(["upload_id"], ["cohort_upload.id"], ondelete="CASCADE",
                                name=op.f("fk_cohort_figure_upload_id_cohort_upload")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cohort_figure")),
    )
    op.create_index("ix_cohort_figure_upload_id", "cohort_figure", ["upload_id"])
    op.create_table(
        "stat_take_up_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("counted_until", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_stat_take_up_day")),
    )
    op.create_table(
        "stat_take_up",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("commune_code", sa.String(5), nullable=False),
        sa.Column("age", sa.SmallInteger(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("people_keys", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("day", "commune_code", "age", name=op.f("pk_stat_take_up")),
    )


def downgrade() -> None:
    op.drop_table("stat_take_up")
    op.drop_table("stat_take_up_day")
    op.drop_index("ix_cohort_figure_upload_id", table_name="cohort_figure")
    op.drop_table("cohort_figure")
    op.drop_table("cohort_upload")

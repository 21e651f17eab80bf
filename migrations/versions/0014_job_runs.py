"""Scheduled jobs: the database lock and the record of every run

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05

The rules are explained in docs/domain/jobs.md.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def _timestamp(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "job_lock",
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("holder", sa.String(120), nullable=True),
        _timestamp("leased_until", nullable=True),
        _timestamp("done_through", nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_job_lock")),
    )
    op.create_table(
        "job_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_name", sa.String(60), nullable=False),
        sa.Column("holder", sa.String(120), nullable=False),
        _timestamp("as_of"),
        _timestamp("started_at"),
        _timestamp("finished_at"),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.Enum("done", "skipped", "failed", name="joboutcome",
                                     native_enum=False, create_constraint=True, length=7),
                  nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_run")),
    )
    op.create_index("ix_job_run_job_name_started_at", "job_run", ["job_name", "started_at"])
    # A plain ADD COLUMN on both engines: a batch rebuild of `booking` on SQLite would drop
    # what hangs on the table.
    op.add_column("booking", _timestamp("reminded_at", nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE booking DROP COLUMN reminded_at")
    op.drop_index("ix_job_run_job_name_started_at", table_name="job_run")
    op.drop_table("job_run")
    op.drop_table("job_lock")

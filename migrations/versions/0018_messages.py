"""Messages: retries of e-mails and in-app notifications

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05

The rules are explained in docs/domain/messages.md.
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

NEW_EMAIL_COLUMNS = ("body_html", "attempts", "next_attempt_at", "failed_at")


def _timestamp(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    # Plain ADD COLUMNs on both engines: a batch rebuild of the outbox on SQLite is not needed.
    op.add_column("outbound_email", sa.Column("body_html", sa.Text(), nullable=True))
    op.add_column("outbound_email", sa.Column("attempts", sa.Integer(), nullable=False,
                                              server_default="0"))
    op.add_column("outbound_email", _timestamp("next_attempt_at", nullable=True))
    op.add_column("outbound_email", _timestamp("failed_at", nullable=True))
    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("link", sa.String(300), nullable=True),
        _timestamp("created_at"),
        _timestamp("read_at", nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], ondelete="CASCADE",
                                name=op.f("fk_notification_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
    )
    op.create_index("ix_notification_user_id_read_at", "notification", ["user_id", "read_at"])


def downgrade() -> None:
    op.drop_index("ix_notification_user_id_read_at", table_name="notification")
    op.drop_table("notification")
    for column in NEW_EMAIL_COLUMNS:
        op.execute(f"ALTER TABLE outbound_email DROP COLUMN {column}")

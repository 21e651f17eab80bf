"""Moderation: resubmission and imports (issue 12)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05

Laid out in advance so that work in parallel never forks the chain. It stays empty: the work
needed no schema change. A resubmitted offer is a pending one that still carries its former
`rejection_reason`; its steps and decisions are rows of `offer_change`; offers held by an
import get `moderation_match` rows like any other (docs/domain/moderation.md).
"""

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

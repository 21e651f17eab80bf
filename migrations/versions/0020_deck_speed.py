"""Deck speed: what was shown, candidate pools (issue 14)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05

Laid out in advance so that work in parallel never forks the chain. Issue 14 needed no schema
change: what an answer records uses `deck_interaction` as it is, and the deck's candidate pools
live in each worker's memory or in Redis (docs/domain/discovery.md). The revision stays, empty,
so the chain is unbroken.
"""

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

"""`flask finance issue-statements`: the reimbursement statements of a period
(docs/domain/6-reimbursement.md), run by cron on the 1st and the 16th of each month.

Idempotent: running it twice, or after a failure halfway, issues nothing twice.
"""

import click
from flask.cli import AppGroup

from models.db import utcnow
from models.finance.api import issue_statements
from models.finance.exceptions import FinanceError
from models.finance.periods import Period
from models.unit_of_work import atomic
from webapp.extensions import db

finance_group = AppGroup("finance", help="Reimbursements of the pros.")


def _period(_ctx, _param, value: str | None) -> Period | None:
    if value is None:
        return None
    try:
        return Period.parse(value)
    except FinanceError as error:
        raise click.BadParameter(error.message) from error


@finance_group.command("issue-statements")
@click.option("--period", callback=_period, metavar="AAAA-MM-1|AAAA-MM-2",
              help="The period (1: 1st-15th, 2: 16th-end); the last finished one by default.")
def issue_statements_command(period: Period | None):
    """Issue the statements of a finished period for every pricing point with something due."""
    now = utcnow()
    period = period or Period.last_finished(now)
    try:
        with atomic(db.session):
            statements = issue_statements(db.session, period, now)
            total = sum(statement.reimbursed_cents for statement in statements)
    except FinanceError as error:
        raise click.ClickException(error.message) from error
    click.echo(f"Period {period}: {len(statements)} statements issued, "
               f"{total / 100:.2f} EUR to pay.")

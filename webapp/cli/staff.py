"""`flask staff create` and `flask staff grant`: staff accounts exist only through this tool."""

import click
from flask.cli import AppGroup

from models.db import utcnow
from models.errors import DomainError
from models.unit_of_work import atomic
from models.users.models import StaffPermission
from models.users.repository import find_by_email
from models.users.staff import create_staff, grant_permissions
from webapp.extensions import db

PERMISSION = click.Choice([permission.value for permission in StaffPermission])


def _chosen(permissions: tuple[str, ...], every: bool) -> list[StaffPermission]:
    if every:
        return list(StaffPermission)
    if not permissions:
        raise click.UsageError("Give at least one --permission, or --all.")
    return [StaffPermission(value) for value in permissions]


@click.group("staff", cls=AppGroup)
def staff_group():
    """Create staff accounts and grant their permissions."""


@staff_group.command("create")
@click.argument("email")
@click.option("--permission", "permissions", multiple=True, type=PERMISSION,
              help="A permission to grant; repeat the option for several.")
@click.option("--all", "every", is_flag=True, help="Grant every permission.")
@click.password_option(help="Prompted when not given.")
def create_command(email, permissions, every, password):
    """Create the staff account EMAIL holding the given permissions."""
    chosen = _chosen(permissions, every)
    try:
        with atomic(db.session):
            person = create_staff(
                db.session, email, password, chosen, email_confirmed_at=utcnow()
            )
    except DomainError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Staff account {person.email} created: {', '.join(chosen)}.")


@staff_group.command("grant")
@click.argument("email")
@click.option("--permission", "permissions", multiple=True, type=PERMISSION)
@click.option("--all", "every", is_flag=True, help="Grant every permission.")
def grant_command(email, permissions, every):
    """Grant more permissions to the existing account EMAIL."""
    chosen = _chosen(permissions, every)
    person = find_by_email(db.session, email)
    if person is None:
        raise click.ClickException(f"No account with the address {email}.")
    with atomic(db.session):
        added = grant_permissions(person, chosen)
    click.echo(f"Granted to {person.email}: {', '.join(added) or 'nothing new'}.")

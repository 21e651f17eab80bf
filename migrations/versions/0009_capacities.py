"""Capacities instead of one role: the beneficiary flag and staff permissions; `role` dropped

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

The rules are explained in docs/domain/access.md. Each old role becomes what now says the same:

- young: `user_account.is_beneficiary` is set. It is also set for any account holding a
  deposit, whatever its role said: a credit is only ever granted to a young person.
- pro: nothing to add, the structure memberships already say it.
- territory: nothing to add, the local-government mandates already say it.
- admin: one `staff_permission` row per permission, every permission of the day.

Downgrade gives each account back one role, the first that applies of: admin (any staff
permission), young (the flag), pro (a membership), territory (a mandate); an account holding
none becomes young, as accounts were by default. A person holding several capacities keeps
only the first: one role could never say more.

On SQLite the column is dropped by rebuilding the table (batch mode), which needs foreign keys
off: `migrations/env.py` turns them off around the migrations and checks them afterwards.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# The permissions as they stand on the day of this migration.
PERMISSIONS = (
    "review_identities", "validate_structures", "moderate", "support", "manage_programmes",
    "manage_staff",
)
ROLES = ("young", "pro", "territory", "admin")


def _refuse_foreign_keys_on_sqlite() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("rebuilding user_account with foreign keys on would cascade deletes")


def upgrade() -> None:
    _refuse_foreign_keys_on_sqlite()
    op.create_table(
        "staff_permission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("permission", sa.Enum(*PERMISSIONS, name="staffpermission", native_enum=False,
                                         create_constraint=True), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], ondelete="CASCADE",
                                name=op.f("fk_staff_permission_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_permission")),
        sa.UniqueConstraint("user_id", "permission",
                            name=op.f("uq_staff_permission_user_id_permission")),
    )
    op.create_index(op.f("ix_staff_permission_user_id"), "staff_permission", ["user_id"])
    op.add_column("user_account", sa.Column("is_beneficiary", sa.Boolean(), nullable=False,
                                            server_default=sa.false()))

    op.execute(
        "UPDATE user_account SET is_beneficiary = true WHERE role = 'young' "
        "OR id IN (SELECT user_id FROM deposit)"
    )
    for permission in PERMISSIONS:
        op.execute(sa.text(
            "INSERT INTO staff_permission (user_id, permission, granted_at) "
            "SELECT id, :permission, CURRENT_TIMESTAMP FROM user_account WHERE role = 'admin'"
        ).bindparams(permission=permission))

    with op.batch_alter_table("user_account") as batch_op:
        batch_op.drop_index(op.f("ix_user_account_role"))
        batch_op.drop_constraint(op.f("ck_user_account_role"), type_="check")
        batch_op.drop_column("role")


def downgrade() -> None:
    _refuse_foreign_keys_on_sqlite()
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.add_column(sa.Column("role", sa.String(9), nullable=True))
    op.execute(
        "UPDATE user_account SET role = CASE "
        "WHEN id IN (SELECT user_id FROM staff_permission) THEN 'admin' "
        "WHEN is_beneficiary THEN 'young' "
        "WHEN id IN (SELECT user_id FROM structure_membership) THEN 'pro' "
        "WHEN id IN (SELECT user_id FROM local_government_mandate) THEN 'territory' "
        "ELSE 'young' END"
    )
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.alter_column(
            "role", existing_type=sa.String(9), nullable=False,
            type_=sa.Enum(*ROLES, name="role", native_enum=False, create_constraint=True),
        )
        batch_op.create_index(op.f("ix_user_account_role"), ["role"])
        batch_op.drop_column("is_beneficiary")
    op.drop_index(op.f("ix_staff_permission_user_id"), table_name="staff_permission")
    op.drop_table("staff_permission")

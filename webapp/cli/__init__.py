"""Command-line tools: `flask db ...` for migrations, `flask geo ...`, `flask demo ...`,
`flask jobs daily`, `flask check-integrity`, `flask staff ...`."""

from flask import Flask


def register_commands(app: Flask) -> None:
    from webapp.cli import database, demo, finance, geo, integrity, jobs, staff

    app.cli.add_command(database.db_group)
    app.cli.add_command(geo.geo_group)
    app.cli.add_command(demo.demo_group)
    app.cli.add_command(jobs.jobs_group)
    app.cli.add_command(integrity.check_integrity_command)
    app.cli.add_command(staff.staff_group)
    app.cli.add_command(finance.finance_group)

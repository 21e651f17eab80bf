"""Command-line tools: `flask db ...` for migrations, `flask geo ...`, `flask demo ...`."""

from flask import Flask


def register_commands(app: Flask) -> None:
    from webapp.cli import database, demo, geo, jobs

    app.cli.add_command(database.db_group)
    app.cli.add_command(geo.geo_group)
    app.cli.add_command(demo.demo_group)
    app.cli.add_command(jobs.jobs_group)

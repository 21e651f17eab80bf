"""The venue's grid cell is filled whatever writes the row, and the map query reads its index."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select, text

from models.db import utcnow
from models.geo import Point
from models.map.grid import grid_cell
from models.map.repository import venues_around
from models.offerers.models import Venue, VenueType
from models.search.criteria import Format, SearchCriteria
from tests import factories
from tests.helpers import counted_queries


def stored_cell(session, venue_id: int) -> int | None:
    return session.scalar(select(Venue.grid_cell).where(Venue.id == venue_id))


def test_the_orm_fills_the_cell_and_updates_it_when_the_venue_moves(db_session):
    venue = factories.venue(db_session, latitude=43.6108, longitude=3.8767)
    db_session.commit()
    assert stored_cell(db_session, venue.id) == grid_cell(43.6108, 3.8767)
    venue.latitude, venue.longitude = 48.3904, -4.4861
    db_session.commit()
    assert stored_cell(db_session, venue.id) == grid_cell(48.3904, -4.4861)


def test_bulk_inserts_and_plain_sql_fill_the_cell_too(db_session):
    structure = factories.structure(db_session)
    db_session.execute(insert(Venue), [{
        "id": 900_001, "structure_id": structure.id, "name": "Insertion groupée",
        "venue_type": VenueType.MUSEUM, "is_virtual": False, "latitude": 4.9372,
        "longitude": -52.326, "created_at": utcnow(),
    }])
    db_session.execute(text(
        "INSERT INTO venue (id, structure_id, name, venue_type, is_virtual, latitude, longitude,"
        " created_at) VALUES (900002, :structure, 'SQL', 'museum', false, -21.1151, 55.5364,"
        " :now)"), {"structure": structure.id, "now": utcnow().replace(tzinfo=None)})
    db_session.commit()
    assert stored_cell(db_session, 900_001) == grid_cell(4.9372, -52.326)
    assert stored_cell(db_session, 900_002) == grid_cell(-21.1151, 55.5364)


def test_a_venue_without_coordinates_has_no_cell(db_session):
    venue = factories.venue(db_session, latitude=None, longitude=None, is_virtual=True)
    db_session.commit()
    assert stored_cell(db_session, venue.id) is None


def test_the_map_query_reads_the_grid_index_instead_of_scanning_venues(app, db_session):
    criteria = SearchCriteria(format=Format.ON_SITE, radius_km=20)
    engine = app.extensions["database"]["engine"]
    with counted_queries(app, parameters=True) as statements:
        venues_around(db_session, Point(43.6108, 3.8767), 20, criteria, utcnow())
    statement, parameters = statements[-1]
    connection = db_session.connection()
    if engine.dialect.name == "sqlite":
        plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
        details = " ".join(row[-1] for row in plan)
        assert "INDEX ix_venue_grid_cell" in details
        assert "SCAN venue" not in details
    elif engine.dialect.name == "postgresql":
        # With a few test rows a sequential scan is cheapest; forbidding it shows the index
        # answers the query's conditions.
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        plan = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters).all()
        details = " ".join(row[0] for row in plan)
        assert "ix_venue_grid_cell" in details
        assert "Seq Scan on venue" not in details
    else:
        pytest.skip(f"no plan check for {engine.dialect.name}")

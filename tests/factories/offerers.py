"""Structures and venues, with valid SIREN and SIRET numbers."""

from __future__ import annotations

from itertools import count

from sqlalchemy.orm import Session

from models.db import utcnow
from models.offerers.models import Structure, StructureStatus, Venue, VenueType
from models.offerers.validation import with_luhn_digit

# Far from real SIRENs used by the demo data (340...), so both can live in one database.
_sirens = count(90_000_001)
_venue_numbers = count(1)


def structure(session: Session, *, status: StructureStatus = StructureStatus.VALIDATED,
              **fields) -> Structure:
    """A structure with a Luhn-valid SIREN, validated unless `status` says otherwise."""
    number = next(_sirens)
    fields.setdefault("siren", with_luhn_digit(f"{number:08d}"))
    fields.setdefault("name", f"Compagnie culturelle {number}")
    fields.setdefault("address", "1 place de la Comédie")
    fields.setdefault("postal_code", "34000")
    fields.setdefault("commune_code", "34172")
    if status is StructureStatus.VALIDATED:
        fields.setdefault("validated_at", utcnow())
    created = Structure(status=status, **fields)
    session.add(created)
    session.flush()
    return created


# The factories below take the parent object under the model's own name, which hides these.
_structure = structure


def venue(session: Session, *, structure: Structure | None = None, **fields) -> Venue:
    """A physical venue in Montpellier with a SIRET of its structure."""
    parent = structure or _structure(session)
    number = next(_venue_numbers)
    fields.setdefault("siret", with_luhn_digit(f"{parent.siren}{number % 10_000:04d}"))
    fields.setdefault("name", f"Librairie du centre {number}")
    fields.setdefault("venue_type", VenueType.BOOKSTORE)
    fields.setdefault("address", "10 rue de la Loge")
    fields.setdefault("postal_code", "34000")
    fields.setdefault("commune_code", "34172")
    fields.setdefault("latitude", 43.6108)
    fields.setdefault("longitude", 3.8767)
    created = Venue(structure=parent, **fields)
    session.add(created)
    session.flush()
    return created

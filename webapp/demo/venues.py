"""Structures and venues of the demo, spread over communes in proportion to their population."""

from __future__ import annotations

import datetime as dt
import math
import random
import re
import unicodedata
from bisect import bisect
from dataclasses import dataclass, field
from itertools import accumulate

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.offerers.models import Structure, StructureStatus, Venue, VenueType
from models.offerers.validation import LA_POSTE_SIREN, with_luhn_digit
from models.offers.catalogue import SUBCATEGORIES
from models.territories.models import Commune, CommunePostalCode, Departement
from webapp.demo import names as n
from webapp.demo.accounts import PRO_SIREN
from webapp.demo.bulk import IdAllocator
from webapp.demo.supply import HOSTS, VENUE_MIX

EXPERIMENT_DEPARTEMENTS = ("67", "973", "34", "93", "29")
BIG_COMMUNE = 50_000
DEMO_MAIL_DOMAIN = "demo.passculture.test"
ONLINE_SUFFIX = " (en ligne)"

# Kinds whose structures publish online offers too, through a virtual venue.
ONLINE_HOST_KINDS = sorted({kind for sub_id, kinds in HOSTS.items()
                            if SUBCATEGORIES[sub_id].is_online_only
                            for kind in kinds if kind is not VenueType.DIGITAL}, key=str)


@dataclass(frozen=True)
class CommuneInfo:
    code: str
    name: str
    population: int
    latitude: float
    longitude: float
    departement: str
    postal_code: str | None
    timezone: str


class CommunePicker:
    """Draws communes with a probability proportional to their population."""

    def __init__(self, communes: list[CommuneInfo]):
        self.communes = communes
        self._cumulative = list(accumulate(max(1, c.population) for c in communes))
        self._by_departement: dict[str, CommunePicker] = {}

    def pick(self, rng: random.Random) -> CommuneInfo:
        return self.communes[bisect(self._cumulative, rng.random() * self._cumulative[-1])]

    def within(self, departement: str) -> CommunePicker:
        if not self._by_departement:
            grouped: dict[str, list[CommuneInfo]] = {}
            for commune in self.communes:
                grouped.setdefault(commune.departement, []).append(commune)
            self._by_departement = {code: CommunePicker(communes)
                                    for code, communes in grouped.items()}
        return self._by_departement[departement]


def load_communes(session: Session, departements: tuple[str, ...] | None = None) -> CommunePicker:
    """Communes (all of France when `departements` is None) with a postal code and time zone."""
    postal = (select(CommunePostalCode.commune_code, func.min(CommunePostalCode.postal_code)
                     .label("postal_code"))
              .group_by(CommunePostalCode.commune_code).subquery())
    query = (select(Commune.code, Commune.name, Commune.population, Commune.latitude,
                    Commune.longitude, Commune.departement_code, postal.c.postal_code,
                    Departement.timezone)
             .join(Departement, Departement.code == Commune.departement_code)
             .outerjoin(postal, postal.c.commune_code == Commune.code)
             .order_by(Commune.code))
    if departements is not None:
        query = query.where(Commune.departement_code.in_(departements))
    return CommunePicker([CommuneInfo(code, name, population or 0, lat, lon, dep, postal_code, tz)
                          for code, name, population, lat, lon, dep, postal_code, tz
                          in session.execute(query)])


@dataclass(eq=False)
class VenuePlan:
    id: int
    structure_id: int
    kind: VenueType
    name: str
    is_virtual: bool
    created_at: dt.datetime
    validated: bool
    commune: CommuneInfo | None = None
    # For a virtual venue, the kind of its structure decides which online offers it makes.
    host_kind: VenueType | None = None
    accessibility: tuple[bool | None, ...] = (None, None, None, None)
    is_pro: bool = False

    @property
    def departement(self) -> str | None:
        return self.commune.departement if self.commune else None

    @property
    def timezone(self) -> str:
        return self.commune.timezone if self.commune else "Europe/Paris"

    @property
    def offer_kind(self) -> VenueType:
        return self.host_kind or self.kind


@dataclass
class Supply:
    """Everything planned about structures and venues, with the rows still to insert."""

    venues: list[VenuePlan] = field(default_factory=list)
    structure_rows: list[dict] = field(default_factory=list)
    venue_rows: list[dict] = field(default_factory=list)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def of_commune(name: str) -> str:
    """ "de Brest", "du Relecq-Kerhuon", "des Lilas", "de la Ciotat", "d'Agde"."""
    for article, contracted in (("Le ", "du "), ("Les ", "des "), ("La ", "de la "),
                                ("L'", "de l'")):
        if name.startswith(article):
            return contracted + name[len(article):]
    return ("d'" if name[0] in "AEIOUYÉÈÎ" else "de ") + name


def offset_point(rng: random.Random, commune: CommuneInfo) -> tuple[float, float]:
    """A point near the commune's reference point: within 1.5 km in a city, 300 m elsewhere."""
    radius = 1500 if commune.population >= BIG_COMMUNE else 300
    distance, angle = radius * math.sqrt(rng.random()), rng.random() * 2 * math.pi
    latitude = commune.latitude + distance * math.cos(angle) / 111_320
    longitude = commune.longitude + distance * math.sin(angle) / (
        111_320 * math.cos(math.radians(commune.latitude)))
    return round(latitude, 6), round(longitude, 6)


class SirenSource:
    """Fresh, Luhn-valid SIRENs that collide neither with stored ones nor with special ones."""

    def __init__(self, session: Session, rng: random.Random):
        self._rng = rng
        self._taken = set(session.scalars(select(Structure.siren)))
        self._taken.update({PRO_SIREN, LA_POSTE_SIREN})

    def next(self) -> str:
        while True:
            siren = with_luhn_digit(str(self._rng.randint(10_000_000, 99_999_999)))
            if siren not in self._taken:
                self._taken.add(siren)
                return siren


def _accessibility(rng: random.Random) -> tuple[bool | None, ...]:
    if rng.random() < 0.2:
        return (None, None, None, None)
    # Hearing, mental, motor, visual: motor access is the most often declared.
    odds = (0.35, 0.5, 0.65, 0.3)
    return tuple(None if rng.random() < 0.08 else rng.random() < p for p in odds)


def _structure_status(rng: random.Random) -> StructureStatus:
    roll = rng.random()
    if roll < 0.93:
        return StructureStatus.VALIDATED
    if roll < 0.96:
        return StructureStatus.PENDING
    if roll < 0.985:
        return StructureStatus.NEW
    return StructureStatus.REJECTED


class VenueNamer:
    """Venue names by kind, never the same twice in the demo."""

    def __init__(self, rng: random.Random):
        self._rng = rng
        self._used: set[str] = set()

    def name(self, kind: VenueType, commune: CommuneInfo) -> str:
        candidates = n.VENUE_NAMES[kind.value]
        for _ in range(6):
            name = self._rng.choice(candidates).format(de=of_commune(commune.name))
            if name not in self._used:
                break
            name = f"{name} – {commune.name}"
            if name not in self._used:
                break
        self._used.add(name)
        return name


class SupplyPlanner:
    """Plans structures and their venues; `plan` returns the `Supply`."""

    def __init__(self, session: Session, rng: random.Random, now: dt.datetime,
                 communes: CommunePicker, ids: IdAllocator):
        self.rng, self.now, self.communes, self.ids = rng, now, communes, ids
        self.sirens = SirenSource(session, rng)
        self.namer = VenueNamer(rng)
        self.supply = Supply()
        self._municipal: dict[str, dict] = {}

    def plan(self, venue_mix: dict[VenueType, int], digital_structures: int) -> Supply:
        for kind, count in venue_mix.items():
            self._plan_kind(kind, count)
        self._plan_digital_structures(digital_structures)
        self._add_virtual_venues()
        return self.supply

    def _plan_kind(self, kind: VenueType, count: int) -> None:
        remaining = count
        while remaining > 0:
            commune = self.communes.pick(self.rng)
            if kind.value in n.MUNICIPAL_KINDS:
                structure = self._municipal_structure(commune)
                self._add_venue(structure, kind, commune)
                remaining -= 1
                continue
            size = min(remaining, self.rng.choice((1, 1, 1, 1, 1, 1, 2, 2, 3)))
            structure = self._new_structure(kind, commune)
            local = self.communes.within(commune.departement)
            for index in range(size):
                self._add_venue(structure, kind, commune if index == 0 else local.pick(self.rng))
            remaining -= size

    def _municipal_structure(self, commune: CommuneInfo) -> dict:
        if commune.code not in self._municipal:
            structure = self._structure_row(f"Commune {of_commune(commune.name)}", commune)
            # A commune is a known public body: it is validated, whatever the draw.
            structure.update(status=StructureStatus.VALIDATED, rejection_reason=None,
                             validated_at=structure["validated_at"] or structure["created_at"])
            self._municipal[commune.code] = structure
        return self._municipal[commune.code]

    def _new_structure(self, kind: VenueType, commune: CommuneInfo) -> dict:
        legal = self.rng.choice(n.LEGAL_FORMS.get(kind.value, ["Association"]))
        base = self.namer.name(kind, commune)
        structure = self._structure_row(f"{legal} {base}", commune)
        structure["_first_name"] = base
        return structure

    def _structure_row(self, name: str, commune: CommuneInfo) -> dict:
        status = _structure_status(self.rng)
        if status is StructureStatus.VALIDATED:
            created = self.now - dt.timedelta(days=self.rng.randint(800, 1500))
            validated = created + dt.timedelta(days=self.rng.randint(2, 30))
        elif status is StructureStatus.REJECTED:
            created, validated = self.now - dt.timedelta(days=self.rng.randint(30, 300)), None
        else:
            created, validated = self.now - dt.timedelta(days=self.rng.randint(2, 60)), None
        row = {
            "id": self.ids.take(Structure), "siren": self.sirens.next(), "name": name[:140],
            "address": f"{self.rng.randint(1, 120)} {self.rng.choice(n.STREETS)}",
            "postal_code": commune.postal_code, "commune_code": commune.code, "status": status,
            "created_at": created, "validated_at": validated,
            "rejection_reason": ("Activité sans lien avec la culture d'après le répertoire SIRENE."
                                 if status is StructureStatus.REJECTED else None),
            "_nic": 0, "_venues": [],
        }
        self.supply.structure_rows.append(row)
        return row

    def _add_venue(self, structure: dict, kind: VenueType, commune: CommuneInfo) -> VenuePlan:
        rng = self.rng
        name = structure.pop("_first_name", None) or self.namer.name(kind, commune)
        structure["_nic"] += 1
        latitude, longitude = offset_point(rng, commune)
        access = _accessibility(rng)
        venue_id = self.ids.take(Venue)
        created = structure["created_at"] + dt.timedelta(days=rng.randint(0, 10))
        venue_slug = slug(name)
        self.supply.venue_rows.append({
            "id": venue_id, "structure_id": structure["id"],
            "siret": with_luhn_digit(f"{structure['siren']}{structure['_nic']:04d}"),
            "name": name[:140], "public_name": None, "venue_type": kind, "is_virtual": False,
            "address": f"{rng.randint(1, 150)} {rng.choice(n.STREETS)}",
            "postal_code": commune.postal_code, "commune_code": commune.code,
            "latitude": latitude, "longitude": longitude,
            "accessibility_hearing": access[0], "accessibility_mental": access[1],
            "accessibility_motor": access[2], "accessibility_visual": access[3],
            "description": n.VENUE_DESCRIPTIONS[kind.value],
            "opening_hours": rng.choice(n.OPENING_HOURS),
            "email": f"contact.{venue_slug[:60]}@{DEMO_MAIL_DOMAIN}",
            "phone": f"{n.PHONE_PREFIXES.get(commune.departement, '01 40')} "
                     f"{rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            "website": f"https://exemple.fr/{venue_slug}", "withdrawal_details": None,
            "pricing_point_id": venue_id, "created_at": created,
        })
        plan = VenuePlan(venue_id, structure["id"], kind, name, False, created,
                         structure["status"] is StructureStatus.VALIDATED, commune,
                         accessibility=access)
        structure["_venues"].append(plan)
        self.supply.venues.append(plan)
        return plan

    def _plan_digital_structures(self, count: int) -> None:
        for name, _what in n.DIGITAL_STRUCTURE_NAMES[:count]:
            structure = self._structure_row(f"SAS {name}", self.communes.pick(self.rng))
            structure.update(status=StructureStatus.VALIDATED, rejection_reason=None,
                             validated_at=structure["validated_at"] or structure["created_at"])
            structure["_kind"] = VenueType.DIGITAL

    def _add_virtual_venues(self) -> None:
        """Online players always have a virtual venue; others often, each kind at least once."""
        kinds_served: set[VenueType] = set()
        for structure in self.supply.structure_rows:
            kind = structure.get("_kind") or (
                structure["_venues"][0].kind if structure["_venues"] else None)
            if kind is None or (kind is not VenueType.DIGITAL and kind not in ONLINE_HOST_KINDS):
                continue
            first_of_kind = (kind not in kinds_served
                             and structure["status"] is StructureStatus.VALIDATED)
            if kind is VenueType.DIGITAL or first_of_kind or self.rng.random() < 0.3:
                self._add_virtual_venue(structure, kind)
                kinds_served.add(kind)

    def _add_virtual_venue(self, structure: dict, kind: VenueType) -> None:
        venue_id = self.ids.take(Venue)
        physical = structure["_venues"]
        name = (structure["name"].split(" ", 1)[1] if kind is VenueType.DIGITAL
                else f"{physical[0].name}{ONLINE_SUFFIX}")
        self.supply.venue_rows.append({
            "id": venue_id, "structure_id": structure["id"], "siret": None, "name": name[:140],
            "public_name": None, "venue_type": VenueType.DIGITAL, "is_virtual": True,
            "address": None, "postal_code": None, "commune_code": None, "latitude": None,
            "longitude": None, "accessibility_hearing": None, "accessibility_mental": None,
            "accessibility_motor": None, "accessibility_visual": None,
            "description": "Les offres numériques de la structure.", "opening_hours": None,
            "email": f"numerique.{slug(name)[:60]}@{DEMO_MAIL_DOMAIN}", "phone": None,
            "website": f"https://exemple.fr/{slug(name)}", "withdrawal_details": None,
            # Reimbursement of online offers goes to the structure's first place with a SIRET.
            "pricing_point_id": physical[0].id if physical else None,
            "created_at": structure["created_at"],
        })
        plan = VenuePlan(venue_id, structure["id"], VenueType.DIGITAL, name, True,
                         structure["created_at"],
                         structure["status"] is StructureStatus.VALIDATED, host_kind=kind)
        self.supply.venues.append(plan)


def plan_supply(session: Session, rng: random.Random, now: dt.datetime,
                communes: CommunePicker, ids: IdAllocator) -> Supply:
    planner = SupplyPlanner(session, rng, now, communes, ids)
    supply = planner.plan(VENUE_MIX, digital_structures=len(n.DIGITAL_STRUCTURE_NAMES))
    supply.venues.extend(pro_venues(session, communes, now))
    return supply


def structure_rows_for_insert(supply: Supply) -> list[dict]:
    return [{key: value for key, value in row.items() if not key.startswith("_")}
            for row in supply.structure_rows]


def pro_venues(session: Session, communes: CommunePicker, now: dt.datetime) -> list[VenuePlan]:
    """The demo pro's venues, created with the accounts, planned like the others."""
    by_code = {commune.code: commune for commune in communes.communes}
    structure = session.scalars(select(Structure).where(Structure.siren == PRO_SIREN)).one()
    # The accounts are created "now"; the pro's history needs them to predate their offers.
    started = now - dt.timedelta(days=900)
    structure.created_at = min(structure.created_at, started)
    plans = []
    for venue in structure.venues:
        venue.created_at = min(venue.created_at, started)
        plans.append(VenuePlan(
            venue.id, structure.id, venue.venue_type, venue.name, venue.is_virtual,
            venue.created_at, structure.status is StructureStatus.VALIDATED,
            by_code.get(venue.commune_code),
            host_kind=VenueType.PERFORMING_ARTS if venue.is_virtual else None,
            accessibility=(venue.accessibility_hearing, venue.accessibility_mental,
                           venue.accessibility_motor, venue.accessibility_visual),
            is_pro=True,
        ))
    return plans

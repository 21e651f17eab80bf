"""docs/domain/3-catalogue.md: what a 17-year-old may book, subcategory by subcategory.

The expected answers are written out here, from the reference's own list, rather than read
from the catalogue's flags: a wrong flag must fail this test.
"""

import pytest

from models.bookings import exceptions
from models.bookings.api import refusal_reason
from models.offers.catalogue import SUBCATEGORIES
from tests import factories

PAID_REFUSED_UNDER_18 = {
    "VOD", "ABO_PLATEFORME_VIDEO", "AUTRE_SUPPORT_NUMERIQUE", "TELECHARGEMENT_MUSIQUE",
    "ABO_PLATEFORME_MUSIQUE", "LIVESTREAM_MUSIQUE", "LIVESTREAM_EVENEMENT",
    "LIVESTREAM_PRATIQUE_ARTISTIQUE", "SPECTACLE_ENREGISTRE", "VISITE_VIRTUELLE",
    "PLATEFORME_PRATIQUE_ARTISTIQUE", "RENCONTRE_EN_LIGNE",
}
REFUSED_UNDER_18 = {"JEU_EN_LIGNE", "ABO_JEU_VIDEO", "ABO_LUDOTHEQUE"}
# Digital, yet open to minors, paid or free: the cases the old rule (derived from the digital
# cap) got wrong.
DIGITAL_OPEN_TO_MINORS = {
    "LIVRE_NUMERIQUE", "TELECHARGEMENT_LIVRE_AUDIO", "ABO_LIVRE_NUMERIQUE",
    "ABO_PRESSE_EN_LIGNE", "PODCAST", "APP_CULTURELLE", "CAPTATION_MUSIQUE",
}
PAID_CENTS = 500


def expected_refusal(subcategory_id: str, price_cents: int):
    if subcategory_id in REFUSED_UNDER_18:
        return exceptions.ForbiddenToMinors
    if subcategory_id in PAID_REFUSED_UNDER_18 and price_cents > 0:
        return exceptions.PaidForbiddenToMinors
    return None


def test_the_lists_name_only_subcategories_of_the_catalogue():
    named = PAID_REFUSED_UNDER_18 | REFUSED_UNDER_18 | DIGITAL_OPEN_TO_MINORS
    assert named <= set(SUBCATEGORIES)


@pytest.mark.parametrize("price_cents", [0, PAID_CENTS], ids=["free", "paid"])
@pytest.mark.parametrize("subcategory_id", sorted(SUBCATEGORIES))
def test_what_a_17_year_old_with_credit_may_book(db_session, now, subcategory_id, price_cents):
    person = factories.young(db_session, age=17)
    factories.deposit(db_session, person, now)
    offer = factories.offer(db_session, subcategory_id=subcategory_id)
    stock = factories.stock(db_session, offer=offer, price_cents=price_cents)
    reason = refusal_reason(db_session, person, stock, 1, now)
    assert (type(reason) if reason else None) is expected_refusal(subcategory_id, price_cents)


@pytest.mark.parametrize("subcategory_id", sorted(PAID_REFUSED_UNDER_18 | REFUSED_UNDER_18))
def test_the_same_offers_are_open_at_18(db_session, now, subcategory_id):
    person = factories.young(db_session, age=18)
    factories.deposit(db_session, person, now)
    offer = factories.offer(db_session, subcategory_id=subcategory_id)
    stock = factories.stock(db_session, offer=offer, price_cents=PAID_CENTS)
    assert refusal_reason(db_session, person, stock, 1, now) is None


def test_a_16_year_old_with_the_0_euro_credit_books_free_offers_only(db_session, now):
    person = factories.young(db_session, age=16)
    deposit = factories.deposit(db_session, person, now)
    assert deposit.grants == []
    free = factories.stock(db_session, price_cents=0)
    paid = factories.stock(db_session, price_cents=PAID_CENTS)
    assert refusal_reason(db_session, person, free, 1, now) is None
    assert isinstance(refusal_reason(db_session, person, paid, 1, now), exceptions.FreeOffersOnly)

import pytest

from models.offers.catalogue import (
    CATEGORIES,
    SUBCATEGORIES,
    CapKind,
    MinorsAccess,
    OnlineMode,
    ReimbursementRule,
    _sub,
    selectable_subcategories,
    subcategories_of,
    unused_booking_expiry_days,
)


def test_every_subcategory_belongs_to_a_known_category():
    assert {sub.category_id for sub in SUBCATEGORIES.values()} == set(CATEGORIES)


def test_catalogue_has_the_fourteen_categories_and_sixty_nine_subcategories():
    assert len(CATEGORIES) == 14
    assert len(SUBCATEGORIES) == 69


def test_legacy_subcategories_describe_existing_offers_only():
    legacy = {sub.id for sub in SUBCATEGORIES.values() if not sub.selectable}
    assert legacy == {"ABO_LUDOTHEQUE", "BON_ACHAT_INSTRUMENT", "CAPTATION_MUSIQUE"}
    assert not legacy & {sub.id for sub in selectable_subcategories()}


@pytest.mark.parametrize(
    ("sub_id", "category_id", "label", "online", "cap", "expires", "reimbursement", "minors"),
    [
        ("AUTRE_SUPPORT_NUMERIQUE", "FILM", "Autre support numérique", OnlineMode.ONLINE,
         CapKind.DIGITAL, False, ReimbursementRule.NOT_REIMBURSED, MinorsAccess.FREE_ONLY),
        ("PRATIQUE_ART_VENTE_DISTANCE", "PRATIQUE_ART", "Pratique artistique – vente à distance",
         OnlineMode.ONLINE, None, False, ReimbursementRule.STANDARD, MinorsAccess.OPEN),
        ("ABO_LUDOTHEQUE", "JEU", "Abonnement ludothèque", OnlineMode.ON_SITE, CapKind.PHYSICAL,
         True, ReimbursementRule.STANDARD, MinorsAccess.REFUSED),
        ("BON_ACHAT_INSTRUMENT", "INSTRUMENT", "Bon d'achat instrument", OnlineMode.ON_SITE,
         CapKind.PHYSICAL, True, ReimbursementRule.STANDARD, MinorsAccess.OPEN),
        ("CAPTATION_MUSIQUE", "MUSIQUE_ENREGISTREE", "Captation musicale", OnlineMode.ON_SITE,
         CapKind.DIGITAL, False, ReimbursementRule.NOT_REIMBURSED, MinorsAccess.OPEN),
    ],
)
def test_the_subcategories_added_in_2026(
    sub_id, category_id, label, online, cap, expires, reimbursement, minors
):
    sub = SUBCATEGORIES[sub_id]
    assert (sub.category_id, sub.label, sub.online, sub.cap) == (category_id, label, online, cap)
    assert (sub.expires_unused, sub.reimbursement, sub.minors) == (expires, reimbursement, minors)
    assert not sub.is_event and not sub.duo_allowed


def test_withdrawal_modes_apply_to_six_live_event_subcategories():
    with_modes = {sub.id for sub in SUBCATEGORIES.values() if sub.withdrawal_modes}
    assert with_modes == {
        "CONCERT", "EVENEMENT_MUSIQUE", "FESTIVAL_MUSIQUE", "FESTIVAL_ART_VISUEL",
        "SPECTACLE_REPRESENTATION", "FESTIVAL_SPECTACLE",
    }


@pytest.mark.parametrize(
    ("sub_id", "days"),
    [("LIVRE_PAPIER", 10), ("SUPPORT_PHYSIQUE_FILM", 30), ("SEANCE_ESSAI_PRATIQUE_ART", 30),
     ("ABO_LIVRE_NUMERIQUE", 30), ("CONCERT", None), ("LIVRE_NUMERIQUE", None)],
)
def test_unused_booking_expiry_follows_the_x_flag_events_included(sub_id, days):
    assert unused_booking_expiry_days(SUBCATEGORIES[sub_id]) == days


def test_an_unknown_flag_is_refused():
    with pytest.raises(ValueError, match="unknown flags"):
        _sub("LIVRE", "LIVRE_TEST", "Test", "P minors")


def test_cinema_session_is_a_duo_event_counted_only_against_the_total():
    session = SUBCATEGORIES["SEANCE_CINE"]
    assert session.is_event and session.duo_allowed
    assert session.cap is None and session.online is OnlineMode.ON_SITE


def test_paper_book_counts_against_physical_cap_expires_and_follows_book_rule():
    book = SUBCATEGORIES["LIVRE_PAPIER"]
    assert book.cap is CapKind.PHYSICAL
    assert book.expires_unused
    assert book.reimbursement is ReimbursementRule.BOOK


def test_vod_is_digital_online_and_not_reimbursed():
    vod = SUBCATEGORIES["VOD"]
    assert vod.is_digital and vod.is_online_only
    assert vod.reimbursement is ReimbursementRule.NOT_REIMBURSED


def test_online_games_and_game_libraries_are_refused_to_minors_even_free():
    forbidden = {sub.id for sub in SUBCATEGORIES.values() if sub.forbidden_to_minors}
    assert forbidden == {"JEU_EN_LIGNE", "ABO_JEU_VIDEO", "ABO_LUDOTHEQUE"}


def test_minors_access_is_not_derived_from_the_digital_cap():
    assert SUBCATEGORIES["LIVRE_NUMERIQUE"].minors is MinorsAccess.OPEN
    assert SUBCATEGORIES["PODCAST"].minors is MinorsAccess.OPEN
    assert SUBCATEGORIES["RENCONTRE_EN_LIGNE"].cap is None
    assert SUBCATEGORIES["RENCONTRE_EN_LIGNE"].minors is MinorsAccess.FREE_ONLY


def test_livestreams_are_online_events_counted_as_digital():
    livestream = SUBCATEGORIES["LIVESTREAM_MUSIQUE"]
    assert livestream.is_event and livestream.is_online_only and livestream.is_digital


def test_only_event_or_museum_pass_or_escape_game_subcategories_allow_duo():
    duo_non_events = {
        sub.id for sub in SUBCATEGORIES.values() if sub.duo_allowed and not sub.is_event
    }
    assert duo_non_events == {"CARTE_MUSEE", "ESCAPE_GAME"}


def test_subcategories_of_lists_a_category_in_catalogue_order():
    assert [sub.id for sub in subcategories_of("BEAUX_ARTS")] == ["MATERIEL_ART_CREATIF"]

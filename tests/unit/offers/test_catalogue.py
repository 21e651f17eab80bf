from models.offers.catalogue import (
    CATEGORIES,
    SUBCATEGORIES,
    CapKind,
    OnlineMode,
    ReimbursementRule,
    subcategories_of,
)


def test_every_subcategory_belongs_to_a_known_category():
    assert {sub.category_id for sub in SUBCATEGORIES.values()} == set(CATEGORIES)


def test_catalogue_has_the_fourteen_categories_and_sixty_four_subcategories():
    assert len(CATEGORIES) == 14
    assert len(SUBCATEGORIES) == 64


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


def test_online_games_are_forbidden_to_minors_and_nothing_else_is():
    forbidden = {sub.id for sub in SUBCATEGORIES.values() if sub.forbidden_to_minors}
    assert forbidden == {"JEU_EN_LIGNE", "ABO_JEU_VIDEO"}


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

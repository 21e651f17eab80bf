"""The anonymous home: a newcomer sees how to create an account, not only how to sign in."""

from tests import factories
from tests.helpers import html, login


def test_the_anonymous_home_offers_to_create_an_account_first(client):
    actions = html(client.get("/")).select("main .actions a")
    assert [(link.get_text(strip=True), link["href"]) for link in actions] == [
        ("Créer un compte", "/inscription"), ("Se connecter", "/connexion"),
    ]
    assert client.get("/inscription").status_code == 200


def test_a_signed_in_person_is_not_offered_to_sign_in_again(client, db_session, young):
    login(client, young.email, factories.PASSWORD)
    assert html(client.get("/")).select("main .actions a") == []

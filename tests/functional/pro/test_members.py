"""A structure's members: invitations by e-mail, the invitation's link, revoking, removing.

The rules are in docs/domain/6-structures.md ("Members and invitations").
"""

from __future__ import annotations

import datetime as dt
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from models.emails.models import OutboundEmail
from models.offerers.models import (
    MembershipStatus,
    StructureInvitation,
    StructureMembership,
    StructureStatus,
)
from models.users.capacities import Capacity, capacities_of
from models.users.models import User
from tests import factories
from tests.functional.account.steps import STRONG_PASSWORD, submit
from tests.helpers import csrf_token, html, login
from tests.live_server import HttpClient, serving

PUBLIC = "https://pass.example.org"


@pytest.fixture
def app_config(app_config) -> dict:
    # "localhost" stays trusted for the test client; links in e-mails use the public address.
    return {**app_config, "PUBLIC_BASE_URL": PUBLIC, "RATELIMIT_INVITATIONS": "3/hour",
            "TRUSTED_HOSTS": ["pass.example.org", "localhost", "127.0.0.1"]}


@pytest.fixture
def structure(db_session):
    created = factories.structure(db_session, name="Théâtre des Halles")
    db_session.commit()
    return created


@pytest.fixture
def member(db_session, structure):
    person = factories.pro(db_session, structure=structure, email="ines@halles.example")
    db_session.commit()
    return person


def members_path(structure) -> str:
    return f"/pro/structures/{structure.id}/membres"


def signed_in_as(client, person) -> None:
    assert login(client, person.email, factories.PASSWORD).status_code == 303


def invite(client, structure, email: str, **kwargs):
    return submit(client, members_path(structure), {"email": email}, **kwargs)


def fresh(db_session) -> None:
    """End the session's read transaction, so that the next query sees what requests wrote."""
    db_session.commit()


def mails_to(db_session, address: str) -> list[OutboundEmail]:
    fresh(db_session)
    return list(db_session.scalars(select(OutboundEmail).where(OutboundEmail.recipient == address)
                                   .order_by(OutboundEmail.id)))


def invitation_link(db_session, address: str) -> str:
    """The link of the last invitation e-mailed to `address`, as the colleague reads it."""
    body = mails_to(db_session, address)[-1].body_text
    return re.search(r"https?://\S+/pro/invitation/\S+", body).group(0)


def invitations(db_session) -> list[StructureInvitation]:
    fresh(db_session)
    return list(db_session.scalars(select(StructureInvitation).order_by(StructureInvitation.id)))


def membership(db_session, person, structure) -> StructureMembership | None:
    fresh(db_session)
    return db_session.scalar(select(StructureMembership).where(
        StructureMembership.user_id == person.id,
        StructureMembership.structure_id == structure.id))


def field_error(response, field_id: str = "email") -> str:
    page = html(response)
    assert f"{field_id}-error" in page.find(id=field_id)["aria-describedby"]
    return page.find(id=f"{field_id}-error").get_text(" ", strip=True)


def flash_text(response, category: str) -> str:
    found = html(response).select_one(f".flash-{category}")
    assert found is not None, f"no {category} message on the page"
    return found.get_text(" ", strip=True)


def colleague(db_session, structure=None, **fields):
    """A confirmed account of a colleague (a member of `structure` when given)."""
    if structure is not None:
        person = factories.pro(db_session, structure=structure, **fields)
    else:
        person = factories.users._account(db_session, factories.Role.PRO, **fields)
    db_session.commit()
    return person


def invited(client, db_session, structure, member, email) -> str:
    """Have `member` invite `email`, sign them out, and give the path of the link sent."""
    signed_in_as(client, member)
    assert invite(client, structure, email).status_code == 303
    token = csrf_token(client.get(members_path(structure)))
    client.post("/deconnexion", data={"csrf_token": token})
    return urlsplit(invitation_link(db_session, email)).path


# The list


def test_members_are_listed_with_their_status_and_date(client, db_session, structure, member):
    colleague(db_session, structure, email="paul@halles.example")
    signed_in_as(client, member)
    rows = html(client.get(members_path(structure))).select("#members-title ~ div tbody tr")
    people = [row.th.get_text(" ", strip=True) for row in rows]
    assert any("ines@halles.example" in person for person in people)
    assert any("paul@halles.example" in person for person in people)
    assert all("Membre" in row.find_all("td")[0].get_text() for row in rows)
    assert all(re.search(r"\d{4}", row.find_all("td")[1].get_text()) for row in rows)


@pytest.mark.parametrize("method,suffix", [
    ("get", ""), ("post", ""), ("get", "/{membership}/retirer"),
    ("post", "/{membership}/retirer"),
])
def test_another_structures_members_are_not_found(client, db_session, structure, member, method,
                                                  suffix):
    other = factories.structure(db_session)
    stranger_member = factories.pro(db_session, structure=other)
    db_session.commit()
    other_membership = membership(db_session, stranger_member, other)
    signed_in_as(client, member)
    token = csrf_token(client.get(members_path(structure)))
    path = members_path(other) + suffix.format(membership=other_membership.id)
    response = getattr(client, method)(path, data={"csrf_token": token, "email": "x@y.example"})
    assert response.status_code == 404
    assert mails_to(db_session, "x@y.example") == []
    assert membership(db_session, stranger_member, other) is not None


def test_another_structures_invitation_cannot_be_revoked(client, db_session, structure, member):
    other = factories.structure(db_session)
    other_member = factories.pro(db_session, structure=other)
    db_session.commit()
    invited(client, db_session, other, other_member, "zoe@example.org")
    signed_in_as(client, member)
    invitation = invitations(db_session)[0]
    response = submit(client, members_path(structure), {},
                      action=f"/pro/structures/{other.id}/invitations/{invitation.id}/annuler")
    assert response.status_code == 404
    assert invitations(db_session)[0].revoked_at is None


# Inviting


def test_a_member_invites_a_colleague_by_email_with_a_link_at_the_public_address(
        client, db_session, structure, member):
    signed_in_as(client, member)
    response = invite(client, structure, "Colin@Example.org", follow_redirects=True)
    assert "Invitation envoyée" in flash_text(response, "success")
    mail = mails_to(db_session, "colin@example.org")[-1]
    assert "Théâtre des Halles" in mail.subject
    assert invitation_link(db_session, "colin@example.org").startswith(PUBLIC + "/pro/invitation/")
    assert [invitation.email for invitation in invitations(db_session)] == ["colin@example.org"]
    open_list = html(response).select_one(".members-invitations").get_text(" ", strip=True)
    assert "colin@example.org" in open_list


def test_inviting_a_member_says_they_already_are(client, db_session, structure, member):
    colleague(db_session, structure, email="paul@halles.example")
    signed_in_as(client, member)
    response = invite(client, structure, "paul@halles.example")
    assert response.status_code == 422
    assert "déjà membre" in field_error(response)
    assert mails_to(db_session, "paul@halles.example") == []


def test_a_badly_typed_address_is_refused_beside_its_field(client, db_session, structure, member):
    signed_in_as(client, member)
    response = invite(client, structure, "colin@")
    assert response.status_code == 422
    assert "adresse e-mail valide" in field_error(response)
    assert invitations(db_session) == []


def test_inviting_again_sends_a_new_link_and_keeps_one_invitation(
        client, db_session, structure, member):
    signed_in_as(client, member)
    invite(client, structure, "colin@example.org")
    invite(client, structure, "colin@example.org")
    assert len(invitations(db_session)) == 1
    assert len(mails_to(db_session, "colin@example.org")) == 2


def test_the_answer_is_the_same_whether_the_address_has_an_account(
        client, db_session, structure, member):
    colleague(db_session, email="known@example.org")
    signed_in_as(client, member)
    answers = []
    for address in ("known@example.org", "unknown@example.org"):
        response = invite(client, structure, address, follow_redirects=True)
        answers.append((response.status_code,
                        flash_text(response, "success").replace(address, "ADDRESS"),
                        mails_to(db_session, address)[-1].body_text.split("http")[0]))
    assert answers[0] == answers[1]


def test_members_of_a_pending_structure_cannot_invite(client, db_session):
    pending = factories.structure(db_session, status=StructureStatus.PENDING)
    person = factories.pro(db_session, structure=pending)
    db_session.commit()
    signed_in_as(client, person)
    response = invite(client, pending, "colin@example.org")
    assert response.status_code == 422
    assert "en attente de validation" in field_error(response)
    assert invitations(db_session) == []


def test_invitations_are_rate_limited_per_member(client, db_session, structure, member):
    signed_in_as(client, member)
    for number in range(3):
        assert invite(client, structure, f"colleague{number}@example.org").status_code == 303
    response = invite(client, structure, "colleague9@example.org")
    assert response.status_code == 429
    assert "Réessaie dans" in field_error(response)
    assert mails_to(db_session, "colleague9@example.org") == []


# The invitation's link


def test_the_link_offers_a_stranger_to_sign_in_or_create_an_account(
        client, db_session, structure, member):
    path = invited(client, db_session, structure, member, "colin@example.org")
    page = html(client.get(path))
    assert page.h1.get_text(strip=True) == "Invitation à rejoindre Théâtre des Halles"
    sign_in = page.find("a", string=re.compile("Me connecter"))
    assert parse_qs(urlsplit(sign_in["href"]).query) == {"next": [path]}
    assert page.find("a", string=re.compile("Créer mon compte pro"))["href"] == "/pro/inscription"
    assert page.find("button", string=re.compile("Rejoindre")) is None


def test_opening_the_link_changes_nothing(client, db_session, structure, member):
    invitee = colleague(db_session, email="colin@example.org")
    path = invited(client, db_session, structure, member, "colin@example.org")
    signed_in_as(client, invitee)
    assert client.get(path).status_code == 200
    assert invitations(db_session)[0].accepted_at is None
    assert membership(db_session, invitee, structure) is None


def test_an_existing_account_signs_in_comes_back_and_joins(client, db_session, structure, member):
    invitee = colleague(db_session, email="colin@example.org")
    path = invited(client, db_session, structure, member, "colin@example.org")
    login_page = "/connexion?next=" + path
    signed = client.post(login_page, data={"csrf_token": csrf_token(client.get(login_page)),
                                           "email": invitee.email,
                                           "password": factories.PASSWORD})
    assert urlsplit(signed.location).path == path
    page = html(client.get(path))
    assert page.find("button", string=re.compile("Rejoindre Théâtre des Halles"))
    joined = submit(client, path, {})
    assert urlsplit(joined.location).path == members_path(structure)
    assert membership(db_session, invitee, structure).status is MembershipStatus.VALIDATED
    assert Capacity.PRO in capacities_of(db_session, invitee)
    invitation = invitations(db_session)[0]
    assert (invitation.accepted_at, invitation.accepted_by_id) != (None, None)
    assert invitation.accepted_by_id == invitee.id


def test_a_new_colleague_creates_an_account_and_lands_on_the_invitation(
        client, db_session, structure, member):
    invited(client, db_session, structure, member, "colin@example.org")
    submit(client, "/pro/inscription", {"email": "colin@example.org",
                                        "password": STRONG_PASSWORD, "accept_terms": "y"})
    confirmation = re.search(r"https?://\S+", mails_to(db_session, "colin@example.org")[-1]
                             .body_text).group(0)
    confirmed = submit(client, urlsplit(confirmation).path, {})
    landing = urlsplit(confirmed.location).path
    assert landing.startswith("/pro/invitation/")
    joined = submit(client, landing, {}, follow_redirects=True)
    assert "tu es désormais membre de Théâtre des Halles" in flash_text(joined, "success")
    fresh(db_session)
    person = db_session.scalars(select(User).where(User.email == "colin@example.org")).one()
    assert membership(db_session, person, structure).status is MembershipStatus.VALIDATED


def test_an_account_with_another_address_cannot_join(client, db_session, structure, member):
    someone_else = colleague(db_session, email="other@example.org")
    path = invited(client, db_session, structure, member, "colin@example.org")
    signed_in_as(client, someone_else)
    page = client.get(path)
    assert "une autre adresse e-mail" in flash_text(page, "error")
    assert html(page).find("button", string=re.compile("Rejoindre")) is None
    refused = submit(client, path, {}, follow_redirects=True)
    assert "une autre adresse e-mail" in flash_text(refused, "error")
    assert membership(db_session, someone_else, structure) is None
    assert invitations(db_session)[0].accepted_at is None


def test_an_account_whose_address_is_not_confirmed_cannot_join(
        client, db_session, structure, member):
    invitee = colleague(db_session, email="colin@example.org", email_confirmed_at=None)
    path = invited(client, db_session, structure, member, "colin@example.org")
    signed_in_as(client, invitee)
    refused = submit(client, path, {}, follow_redirects=True)
    assert "Confirme d'abord ton adresse" in flash_text(refused, "error")
    assert membership(db_session, invitee, structure) is None


def test_a_pending_request_of_the_invited_person_becomes_a_membership(
        client, db_session, structure, member):
    invitee = colleague(db_session, email="colin@example.org")
    db_session.add(StructureMembership(user_id=invitee.id, structure_id=structure.id,
                                       status=MembershipStatus.REJECTED))
    db_session.commit()
    path = invited(client, db_session, structure, member, "colin@example.org")
    signed_in_as(client, invitee)
    submit(client, path, {})
    assert membership(db_session, invitee, structure).status is MembershipStatus.VALIDATED


def test_a_forged_link_gets_a_french_page_and_400(client):
    response = client.get("/pro/invitation/eyJpbnZpdGF0aW9uIjoxfQ.forged.signature")
    assert response.status_code == 400
    assert "n'est pas valable" in html(response).select_one(".lead").get_text()


def test_an_expired_link_gets_a_french_page_and_410(
        client, db_session, structure, member, frozen_clock):
    path = invited(client, db_session, structure, member, "colin@example.org")
    frozen_clock.shift(dt.timedelta(days=8))
    response = client.get(path)
    assert response.status_code == 410
    assert "a expiré" in html(response).select_one(".lead").get_text()


def test_a_used_link_gets_410_and_cannot_be_used_again(client, db_session, structure, member):
    invitee = colleague(db_session, email="colin@example.org")
    path = invited(client, db_session, structure, member, "colin@example.org")
    signed_in_as(client, invitee)
    token = csrf_token(client.get(path))
    assert client.post(path, data={"csrf_token": token}).status_code == 303
    again = client.post(path, data={"csrf_token": token})
    assert again.status_code == 410
    assert "déjà été acceptée" in html(again).select_one(".lead").get_text()
    assert client.get(path).status_code == 410


def test_a_revoked_invitation_link_stops_working(client, db_session, structure, member):
    path = invited(client, db_session, structure, member, "colin@example.org")
    signed_in_as(client, member)
    invitation = invitations(db_session)[0]
    revoked = submit(client, members_path(structure), {}, follow_redirects=True,
                     action=f"/pro/structures/{structure.id}/invitations/{invitation.id}/annuler")
    assert "est annulée" in flash_text(revoked, "success")
    response = client.get(path)
    assert response.status_code == 410
    assert "annulée" in html(response).select_one(".lead").get_text()


# Removing and leaving


def test_removal_asks_for_confirmation_first_and_the_page_changes_nothing(
        client, db_session, structure, member):
    paul = colleague(db_session, structure, email="paul@halles.example")
    paul_membership = membership(db_session, paul, structure)
    signed_in_as(client, member)
    listing = html(client.get(members_path(structure)))
    link = listing.find("a", string=re.compile("Retirer paul@halles.example"))["href"]
    page = html(client.get(link))
    assert page.find("button", string=re.compile("Oui, retirer paul@halles.example"))
    assert membership(db_session, paul, structure) is not None
    assert link.endswith(f"/membres/{paul_membership.id}/retirer")


def test_a_removed_member_loses_access_at_once_and_is_told(app, db_session, structure, member):
    paul = colleague(db_session, structure, email="paul@halles.example")
    paul_client = app.test_client()
    signed_in_as(paul_client, paul)
    assert paul_client.get(members_path(structure)).status_code == 200
    invite(paul_client, structure, "friend@example.org")
    friend_link = urlsplit(invitation_link(db_session, "friend@example.org")).path

    client = app.test_client()
    signed_in_as(client, member)
    path = f"{members_path(structure)}/{membership(db_session, paul, structure).id}/retirer"
    response = submit(client, path, {}, follow_redirects=True)
    assert "ne fait plus partie de Théâtre des Halles" in flash_text(response, "success")
    assert membership(db_session, paul, structure) is None
    assert paul_client.get(members_path(structure)).status_code == 403
    assert "Tu ne fais plus partie" in mails_to(db_session, "paul@halles.example")[-1].subject
    assert client.get(friend_link).status_code == 410


def test_a_member_leaves_the_structure(client, db_session, structure, member):
    colleague(db_session, structure, email="paul@halles.example")
    signed_in_as(client, member)
    path = f"{members_path(structure)}/{membership(db_session, member, structure).id}/retirer"
    assert "Quitter" in html(client.get(path)).h1.get_text()
    left = submit(client, path, {})
    assert urlsplit(left.location).path == "/pro/structures"
    assert membership(db_session, member, structure) is None
    assert mails_to(db_session, member.email) == []


def test_the_last_member_cannot_leave(client, db_session, structure, member):
    signed_in_as(client, member)
    path = f"{members_path(structure)}/{membership(db_session, member, structure).id}/retirer"
    response = submit(client, path, {}, follow_redirects=True)
    assert "au moins un membre" in flash_text(response, "error")
    assert membership(db_session, member, structure) is not None


def test_a_pending_request_is_not_removed_from_the_members_page(
        client, db_session, structure, member):
    requester = colleague(db_session, email="req@example.org")
    db_session.add(StructureMembership(user_id=requester.id, structure_id=structure.id,
                                       status=MembershipStatus.PENDING))
    db_session.commit()
    signed_in_as(client, member)
    path = f"{members_path(structure)}/{membership(db_session, requester, structure).id}/retirer"
    assert client.get(path).status_code == 404
    assert db_session.scalar(select(func.count()).select_from(StructureMembership)) == 2


# At the same time, on a threaded server (both engines: the structure's row lock)


def run_together(calls) -> list[int]:
    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(lambda call: call(), calls))


def poster(client: HttpClient, path: str):
    token = client.csrf_token(path)
    return lambda: client.request(path, {"csrf_token": token})[0]


@pytest.mark.timeout(120)
def test_two_members_leaving_at_once_leave_one_member(app, db_session, structure, member):
    paul = colleague(db_session, structure, email="paul@halles.example")
    calls = []
    with serving(app) as base_url:
        for person in (member, paul):
            client = HttpClient(base_url)
            client.sign_in(person.email)
            own = membership(db_session, person, structure)
            calls.append(poster(client, f"{members_path(structure)}/{own.id}/retirer"))
        statuses = run_together(calls)
    assert statuses == [303, 303]
    fresh(db_session)
    remaining = db_session.scalars(select(StructureMembership).where(
        StructureMembership.structure_id == structure.id)).all()
    assert [row.status for row in remaining] == [MembershipStatus.VALIDATED]


@pytest.mark.timeout(120)
def test_a_double_click_on_join_makes_one_membership(app, client, db_session, structure,
                                                      member):
    invitee = colleague(db_session, email="colin@example.org")
    path = invited(client, db_session, structure, member, "colin@example.org")
    with serving(app) as base_url:
        browser = HttpClient(base_url)
        browser.sign_in(invitee.email)
        press = poster(browser, path)
        statuses = run_together([press] * 6)
    assert all(status < 500 for status in statuses)
    assert statuses.count(303) == 1
    assert membership(db_session, invitee, structure).status is MembershipStatus.VALIDATED
    assert invitations(db_session)[0].accepted_by_id == invitee.id

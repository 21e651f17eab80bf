"""Refusals of the territory's list of structures, each carrying a French message."""

from __future__ import annotations

import datetime as dt

from models.errors import DomainError


class CandidatesError(DomainError):
    """Base of the errors raised by this domain."""


class ListTooLong(CandidatesError):
    message = ("La liste d'un territoire compte 2 000 structures au plus : envoie seulement "
               "celles qui manquent.")


class NotListed(CandidatesError):
    message = "Cette structure n'est pas dans la liste de ton territoire."


class AlreadyOnThePass(CandidatesError):
    message = "Cette structure est déjà inscrite sur le pass Culture : inutile de l'inviter."


class NoAddress(CandidatesError):
    message = ("Cette structure n'a pas d'adresse e-mail dans la liste : copie le lien "
               "d'inscription et transmets-le-lui.")


class InvitedRecently(CandidatesError):
    """The structure was invited less than `INVITATION_INTERVAL` ago, by this territory or
    another one; the view says when, and from when it may be invited again."""

    message = ("Cette structure a déjà reçu une invitation le %(sent)s : tu pourras l'inviter "
               "à nouveau à partir du %(next)s.")

    def __init__(self, sent_at: dt.datetime, next_at: dt.datetime):
        super().__init__()
        self.sent_at = sent_at
        self.next_at = next_at

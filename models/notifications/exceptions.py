"""Errors of the notifications page."""

from models.errors import DomainError


class NotificationNotFound(DomainError):
    message = "Cette notification n'existe pas."

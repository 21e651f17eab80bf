"""The base of every domain error: a refusal carrying a short French sentence for the person.

The sentence is also the message id of the translation catalogue, so the web layer shows
`gettext(error.message)` in the person's language.
"""


class DomainError(Exception):
    message = "Cette action n'est pas possible."

    def __init__(self, message: str | None = None):
        if message is not None:
            self.message = message
        super().__init__(self.message)

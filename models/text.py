"""Text helpers shared by the domains: folding accents and case for matching."""

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-'’]+")


def fold(text: str) -> str:
    """Lower-case `text` without accents, with hyphens and apostrophes turned into spaces.

    "Saint-Étienne-d'Orthe" and "saint etienne d orthe" fold to the same string, so people can
    type a name the way they say it.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", stripped.lower()).strip()

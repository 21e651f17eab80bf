"""A `<select>` drawn once per process for the options, choice and attributes it shows.

The search page and the map draw their filters' lists on every request: some eighty options
(categories, subcategories, distances, orders), each through WTForms' `html_params`, a tenth of
the search page's CPU. What a list looks like depends only on its name, its attributes, and
each option's value, words (in the request's language), selection and attributes: these are
the key, so a new choice, language or option draws it anew.
"""

from __future__ import annotations

from collections import OrderedDict
from contextlib import suppress

from markupsafe import Markup
from wtforms.widgets import Select

# Lists kept drawn per process: a few KB each (the subcategories' is the largest).
KEPT_SELECTS = 1024


def _frozen(attributes: dict | None) -> tuple:
    return tuple(sorted((attributes or {}).items()))


class KeptSelect(Select):
    """WTForms' `Select`, its HTML kept per list shown (see the module's note)."""

    def __call__(self, field, **kwargs) -> Markup:
        if field.has_groups():
            return super().__call__(field, **kwargs)
        flags = getattr(field, "flags", {})
        try:
            key = (
                type(self), self.multiple, field.name, field.id, _frozen(kwargs),
                tuple((name, getattr(flags, name, None)) for name in self.validation_attrs),
                tuple((type(choice.value), choice.value, type(choice.label),
                       str(choice.label or ""),
                       bool(choice.selected), _frozen(choice.render_kw))
                      for choice in field._iter_choices_normalized()),
            )
            hash(key)
        except TypeError:  # an attribute that cannot be a key (a list...): drawn every time
            return super().__call__(field, **kwargs)
        return _drawn(key, self, field, kwargs)


def _drawn(key, widget: KeptSelect, field, kwargs: dict) -> Markup:
    kept = _KEPT.get(key)
    if kept is None:
        kept = Select.__call__(widget, field, **kwargs)
        _KEPT[key] = kept
        while len(_KEPT) > KEPT_SELECTS:
            try:
                _KEPT.popitem(last=False)
            except KeyError:  # emptied meanwhile by another thread
                break
    else:
        with suppress(KeyError):  # dropped meanwhile by another thread's insertion
            _KEPT.move_to_end(key)
    return kept


_KEPT: OrderedDict[tuple, Markup] = OrderedDict()

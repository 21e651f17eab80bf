"""The filters' lists are drawn once per process (webapp.forms.widgets.KeptSelect): each list
shown must still be exactly what WTForms draws for that choice, language and attributes."""

from __future__ import annotations

from flask import request
from wtforms.widgets import Select

from webapp.forms.map import MapFiltersForm
from webapp.forms.search import SearchForm
from webapp.forms.widgets import KeptSelect


def drawn(app, query: str, form_class, name: str, **attributes) -> tuple[str, str]:
    """The list `name` drawn by the kept widget, then by WTForms' own, for one request."""
    with app.test_request_context(f"/recherche/?{query}"):
        field = form_class(request.args)[name]
        assert isinstance(field.widget, KeptSelect)
        return str(field(**attributes)), str(Select()(field, **attributes))


def test_each_choice_language_and_attribute_draws_its_own_list(app):
    seen = set()
    for query, attributes in [
        ("tri=prix", {}), ("tri=date", {}), ("tri=prix", {}), ("tri=prix&lang=en", {}),
        ("tri=prix", {"class_": "compact"}), ("tri=prix", {"form": "filtres"}), ("", {}),
    ]:
        kept, plain = drawn(app, query, SearchForm, "tri", **attributes)
        assert kept == plain, (query, attributes)
        seen.add(kept)
    # prix, date, English, two attribute sets, the default: six different lists.
    assert len(seen) == 6
    assert '<option selected value="date">' in drawn(app, "tri=date", SearchForm, "tri")[0]
    assert ">Price<" in drawn(app, "tri=prix&lang=en", SearchForm, "tri")[0]


def test_the_long_lists_of_search_and_the_map_follow_their_choice(app):
    for query in ("categorie=CINEMA", "categorie=LIVRE", "sous_categorie=CONCERT",
                  "sous_categorie=LIVRE_PAPIER&lang=en", "rayon=france", "rayon=10"):
        for name in ("categorie", "sous_categorie", "rayon"):
            kept, plain = drawn(app, query, SearchForm, name)
            assert kept == plain, (query, name)
    for query in ("rayon=5", "rayon=50", "rayon=50&lang=en"):
        kept, plain = drawn(app, query, MapFiltersForm, "rayon")
        assert kept == plain, query

"""The map names its main communes without overlap and shows a scale, in both themes and with
the text at 200 % (then only the names placed with room for twice their size stay)."""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, visit
from tests.factories.users import Role

VISIBLE_LABEL_BOXES = """() => Array.from(document.querySelectorAll(".map-label"))
  .filter(label => getComputedStyle(label).display !== "none")
  .map(label => { const box = label.getBoundingClientRect();
                  return [label.textContent, box.left, box.top, box.right, box.bottom]; })"""


def visible_labels(page: Page) -> list:
    return page.evaluate(VISIBLE_LABEL_BOXES)


def assert_apart(labels: list) -> None:
    for (a, *first), (b, *second) in itertools.combinations(labels, 2):
        overlap = (first[0] < second[2] and second[0] < first[2]
                   and first[1] < second[3] and second[1] < first[3])
        assert not overlap, f"{a} and {b} overlap"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_map_names_communes_apart_and_shows_a_scale(login_as, scheme):
    page = login_as(Role.YOUNG)
    page.emulate_media(color_scheme=scheme)
    visit(page, "/carte")
    expect(page.locator(".map-label").first).to_be_visible()
    expect(page.locator(".map-scale text")).to_have_text(re.compile(r"^(1|2|5)0* (km|m)$"))
    labels = visible_labels(page)
    assert [label[0] for label in labels][:1] == ["Montpellier"]
    assert_apart(labels)


def test_with_the_text_at_200_percent_the_names_left_do_not_overlap(login_as):
    page = login_as(Role.YOUNG)
    visit(page, "/carte")
    before = visible_labels(page)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    after = visible_labels(page)
    print(f"commune names shown: {len(before)} at 100 %, {len(after)} at 200 %")
    assert 0 < len(after) <= len(before)
    assert_apart(after)
    assert_accessible(page)

"""Every French sentence the statistics show on the page is listed for translation."""

from __future__ import annotations

from models.statistics.dashboard import MONTHLY_TITLE, SECTIONS
from models.statistics.figures import Reason
from webapp.views.territory import STATISTICS_MESSAGES


def test_every_reason_title_and_label_of_the_statistics_is_listed_for_extraction():
    listed = {message._args[0] for message in STATISTICS_MESSAGES}
    reasons = {value for name, value in vars(Reason).items() if not name.startswith("_")}
    titles = {section.title for section in SECTIONS} | {MONTHLY_TITLE}
    labels = {indicator.label for section in SECTIONS for indicator in section.indicators}
    assert reasons | titles | labels <= listed

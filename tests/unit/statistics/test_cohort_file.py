"""Reading an uploaded cohort file, line by line (docs/domain/7-territories.md, "Take-up by
age"): what each line says, or why it is refused."""

from __future__ import annotations

import pytest

from models.statistics.cohort_file import CohortFileRefused, example_csv, read_cohort_file


def said(data: bytes) -> list[tuple]:
    return [(line.number, line.age, line.year, line.people) for line in read_cohort_file(data)]


def reasons(data: bytes) -> dict[int, str]:
    return {line.number: line.reason.message % line.reason.params
            for line in read_cohort_file(data) if line.reason}


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_each_separator_is_read_from_the_header(separator):
    data = separator.join(("age", "annee", "effectif")) + "\n"
    data += separator.join(("18", "2026", "1250")) + "\n"
    assert said(data.encode()) == [(2, 18, 2026, 1250)]


def test_an_empty_year_or_no_year_column_means_every_year():
    assert said(b"age;annee;effectif\n17;;40\n") == [(2, 17, None, 40)]
    assert said(b"effectif;age\n40;17\n") == [(2, 17, None, 40)]


def test_accented_and_capitalised_headers_a_bom_and_spaces_in_numbers_are_read():
    data = "\ufeffÂge;Année;Effectif\r\n18;2026;1 250\r\n".encode()
    assert said(data) == [(2, 18, 2026, 1250)]


def test_empty_lines_at_the_end_are_dropped_and_those_within_are_refused():
    data = b"age;effectif\n18;40\n\n17;30\n\n\n"
    assert reasons(data) == {3: "ligne vide."}
    assert [number for number, *_ in said(data)] == [2, 3, 4]


def test_the_same_age_in_two_years_is_no_duplicate_but_the_same_year_is():
    data = b"age;annee;effectif\n18;2025;40\n18;2026;41\n18;2026;42\n18;;43\n"
    assert reasons(data) == {4: "l'âge 18 figure déjà ligne 3 pour la même année."}


def test_a_refused_line_does_not_hide_a_later_duplicate_of_a_good_one():
    data = b"age;effectif\n18;40\n18;x\n18;41\n"
    assert reasons(data) == {3: "l'effectif « x » n'est pas un nombre entier.",
                             4: "l'âge 18 figure déjà ligne 2 pour la même année."}


def test_a_number_too_large_is_refused():
    assert reasons(b"age;effectif\n18;10000001\n") == {
        2: "l'effectif 10000001 est trop grand : 10 millions au plus."}


def test_a_duplicated_column_refuses_the_file():
    with pytest.raises(CohortFileRefused) as refused:
        read_cohort_file(b"age;effectif;effectif\n18;1;2\n")
    assert refused.value.params == {"name": "effectif"}


def test_a_file_of_more_than_500_lines_is_refused():
    with pytest.raises(CohortFileRefused) as refused:
        read_cohort_file(b"age;annee;effectif\n" + b"18;2026;1\n" * 501)
    assert refused.value.params == {"count": 501}


def test_an_unclosed_quote_swallows_the_rest_of_the_file_into_one_refused_cell():
    assert reasons(b'age;effectif\n18;"40\n17;30\n') == {
        2: "l'effectif « 40\n17;30 » n'est pas un nombre entier."}


def test_the_model_file_reads_back_as_one_line_per_age_to_fill_in():
    lines = read_cohort_file(example_csv())
    assert [line.number for line in lines] == [2, 3, 4, 5, 6, 7]
    assert {line.reason.message for line in lines} == {"effectif manquant."}

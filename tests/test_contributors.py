"""Contributor lines and the names parsed from them."""

from __future__ import annotations

import pytest

from transforms.contributors import is_contributor_line, parse_contributors, split_declared_names, split_names

CASES = [
    ("Cate Cadell and Ellen Nakashima contributed to this report", ("Cate Cadell", "Ellen Nakashima")),
    ("Jane Doe contributed reporting.", ("Jane Doe",)),
    ("Additional reporting by Jane Doe and John Roe", ("Jane Doe", "John Roe")),
    # Editors are contributors too (documented choice in transforms/contributors.py).
    ("Reporting by Jane Doe in Paris; Editing by John Smith and Mary Jones", ("Jane Doe", "John Smith", "Mary Jones")),
    (
        "(Reporting by Jane Doe; Writing by Max Mustermann; Editing by Jon Boyle)",
        ("Jane Doe", "Max Mustermann", "Jon Boyle"),
    ),
    (
        "Associated Press writers Jill Lawless in London and Jamey Keaten in Geneva contributed.",
        ("Jill Lawless", "Jamey Keaten"),
    ),
    ("Jane Doe in Washington and John Roe in London contributed reporting.", ("Jane Doe", "John Roe")),
    ("Jane Doe in Washington, D.C., and John Roe contributed to this report.", ("Jane Doe", "John Roe")),
    ("CNN's Jane Doe contributed to this report.", ("Jane Doe",)),
    ("CNN’s Jane Doe and CNN’s John Roe contributed to this report.", ("Jane Doe", "John Roe")),
    ("Jane Doe, John Roe and Mary Major contributed.", ("Jane Doe", "John Roe", "Mary Major")),
    ("Times staff writer Jane Doe contributed to this report.", ("Jane Doe",)),
    ("María José de la Cruz contributed reporting from Madrid.", ("María José de la Cruz",)),
    ("Jane Doe contributed reporting and Jane Doe contributed research.", ("Jane Doe",)),
]


@pytest.mark.parametrize(("line", "names"), CASES)
def test_contributor_lines(line: str, names: tuple[str, ...]) -> None:
    assert is_contributor_line(line)
    assert parse_contributors(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "He declined to comment.",
        "Many people contributed to the fund, officials said on Tuesday, and more gifts are expected next year.",
        "By Jane Doe and John Roe",
        "The reporting by the newspaper was criticised by many readers in the city.",
        "contributed",
        "",
    ],
)
def test_not_contributor_lines(line: str) -> None:
    assert not is_contributor_line(line)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Mitarbeit: Sven Albrecht", ("Sven Albrecht",)),
        ("Con información de Ana Ruiz y Pedro Gómez.", ("Ana Ruiz", "Pedro Gómez")),
        ("CNN's Dana Whitfield contributed reporting to this post.", ("Dana Whitfield",)),
    ],
)
def test_other_sign_offs(line: str, names: tuple[str, ...]) -> None:
    assert is_contributor_line(line)
    assert parse_contributors(line) == names


def test_byline_names_drop_roles_and_outlet_initials() -> None:
    assert split_names("Danny Briggs, Showbiz Reporter") == ("Danny Briggs",)
    assert split_names("Marco Ruiz, Priya Nair and Tom Becker, CNN") == ("Marco Ruiz", "Priya Nair", "Tom Becker")


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Roe and John Doe", ("Jane Roe", "John Doe")),
        ("Von Max Muster und Erika Muster", ("Max Muster", "Erika Muster")),
        ("Analysis by Jane Roe", ("Jane Roe",)),
        ("Jane Roe For The Harbour Herald", ("Jane Roe",)),
        ("Kari Nordmann og Ola Nordmann", ("Kari Nordmann", "Ola Nordmann")),
    ],
)
def test_split_names_reads_a_whole_byline(byline: str, names: tuple[str, ...]) -> None:
    assert split_names(byline) == names


@pytest.mark.parametrize(
    ("field", "names"),
    [
        ("By Jane Roe and John Doe, dpa", ("Jane Roe", "John Doe", "dpa")),
        ("Elena Muster (emu)", ("Elena Muster",)),
        ("배윤경,이상현", ("배윤경", "이상현")),
        ("김민수 기자", ("김민수",)),  # "reporter" written after the name
        ("Mario Rossi e Luca Bianchi", ("Mario Rossi", "Luca Bianchi")),
        ("https://example.org/author/jane", ()),
        ("Harbour Herald staff reporter", ("Harbour Herald staff reporter",)),
    ],
)
def test_declared_author_fields_are_kept_as_written(field: str, names: tuple[str, ...]) -> None:
    assert split_declared_names(field) == names


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Иван Петров, Анна Смирнова", ("Иван Петров", "Анна Смирнова")),  # Cyrillic capitals
        ("Γιώργος Παπαδόπουλος", ("Γιώργος Παπαδόπουλος",)),  # Greek capitals
        ("иван петров", ()),  # no capital: no name
    ],
)
def test_names_in_greek_and_cyrillic_letters(byline: str, names: tuple[str, ...]) -> None:
    assert split_names(byline) == names

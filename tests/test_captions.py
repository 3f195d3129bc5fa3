"""Caption credit forms: every house style the extractors meet, as table-driven cases."""

from __future__ import annotations

import pytest

from transforms.captions import (
    attach_credit,
    caption_follows_credit,
    clean_credit,
    is_credit_only,
    parse_caption_line,
    parse_credit_line,
    split_caption_credit,
    split_credit,
)
from transforms.model import Caption

SPLIT_CASES = [
    (
        "Xi and Putin in Beijing in February. (Alexei Druzhinin/AP)",
        Caption(text="Xi and Putin in Beijing in February.", credit="Alexei Druzhinin/AP", media="photo"),
    ),
    (
        "President Biden speaks in the East Room. (AP Photo/Evan Vucci)",
        Caption(text="President Biden speaks in the East Room.", credit="AP Photo/Evan Vucci", media="photo"),
    ),
    (
        "Their friendship had “no limits.” (Video: Julie Yoon/The Washington Post)",
        Caption(text="Their friendship had “no limits.”", credit="Julie Yoon/The Washington Post", media="video"),
    ),
    (
        "A man walks past rubble in Kyiv, March 3, 2022. REUTERS/Gleb Garanich/File Photo",
        Caption(
            text="A man walks past rubble in Kyiv, March 3, 2022.",
            credit="REUTERS/Gleb Garanich/File Photo",
            media="photo",
        ),
    ),
    (
        "Protesters in London on Saturday. Photograph: Guy Smallman/Getty Images",
        Caption(text="Protesters in London on Saturday.", credit="Guy Smallman/Getty Images", media="photo"),
    ),
    (
        "The scene on Monday. Photo: John Minchillo/AP",
        Caption(text="The scene on Monday.", credit="John Minchillo/AP", media="photo"),
    ),
    (
        "Senators leave the chamber.Credit...Doug Mills/The New York Times",
        Caption(text="Senators leave the chamber.", credit="Doug Mills/The New York Times", media="photo"),
    ),
    (
        "Senators leave the chamber. Credit…Haiyun Jiang for The New York Times",
        Caption(text="Senators leave the chamber.", credit="Haiyun Jiang for The New York Times", media="photo"),
    ),
    (
        "The club’s ground in 2019. Photo by Jane Doe",
        Caption(text="The club’s ground in 2019.", credit="Jane Doe", media="photo"),
    ),
    ("Photo illustration by Slate", Caption(text="", credit="Slate", media="graphic")),
    ("Photo illustration", Caption(text="", credit=None, media="graphic")),
    (
        "How the districts voted. Graphic: Jane Roe/The Outlet",
        Caption(text="How the districts voted.", credit="Jane Roe/The Outlet", media="graphic"),
    ),
    ("Crowds gather. (Graphic: Data Desk)", Caption(text="Crowds gather.", credit="Data Desk", media="graphic")),
    (
        "A crowd outside parliament (Getty Images)",
        Caption(text="A crowd outside parliament", credit="Getty Images", media="photo"),
    ),
    (
        "Ein Mann vor dem Reichstag. Foto: Max Mustermann/dpa",
        Caption(text="Ein Mann vor dem Reichstag.", credit="Max Mustermann/dpa", media="photo"),
    ),
    ("Nothing but a sentence.", Caption(text="Nothing but a sentence.", credit=None, media=None)),
]


@pytest.mark.parametrize(("raw", "expected"), SPLIT_CASES)
def test_split_credit(raw: str, expected: Caption) -> None:
    assert split_credit(raw) == expected


@pytest.mark.parametrize(
    "chrome",
    [
        "Purchase Licensing Rights, opens new tab",
        "Purchase Licensing Rights",
        "Acquire Licensing Rights",
        "Enlarge this image",
    ],
)
def test_licensing_chrome_is_cut(chrome: str) -> None:
    raw = f"A man walks past rubble in Kyiv. REUTERS/Gleb Garanich {chrome}"
    assert split_credit(raw) == Caption(
        text="A man walks past rubble in Kyiv.", credit="REUTERS/Gleb Garanich", media="photo"
    )


def test_whitespace_is_normalised() -> None:
    assert split_credit("  A  crowd\n gathers. (Jane Doe/AFP)  ").text == "A crowd gathers."


@pytest.mark.parametrize(
    ("line", "credit", "media"),
    [
        ("Image source, Getty Images", "Getty Images", "photo"),
        ("Credit...Doug Mills/The New York Times", "Doug Mills/The New York Times", "photo"),
        ("Credit…Haiyun Jiang for The New York Times", "Haiyun Jiang for The New York Times", "photo"),
        ("Video source, BBC Verify", "BBC Verify", "video"),
    ],
)
def test_credit_only_lines(line: str, credit: str, media: str) -> None:
    caption = parse_caption_line(line)
    assert caption is not None and is_credit_only(caption)
    assert (caption.credit, caption.media) == (credit, media)


def test_bbc_caption_label_and_attach() -> None:
    credit = parse_caption_line("Image source, EPA")
    caption = parse_caption_line("Image caption, Rescuers search the rubble on Monday")
    assert caption == Caption(text="Rescuers search the rubble on Monday", credit=None, media="photo")
    assert credit is not None
    assert attach_credit(caption, credit) == Caption(
        text="Rescuers search the rubble on Monday", credit="EPA", media="photo"
    )


def test_media_caption_label_is_video() -> None:
    caption = parse_caption_line("Media caption, Watch: the moment the bridge fell")
    assert caption is not None and caption.media == "video"


@pytest.mark.parametrize(
    "line",
    [
        "He declined to comment.",
        "The senator (R-Texas) voted against the bill.",
        "Beijing chafes at Moscow’s requests for support, Chinese officials say",
        "They will decide and/or vote next week (the date is unsure).",
        "",
    ],
)
def test_prose_is_not_a_caption(line: str) -> None:
    assert parse_caption_line(line) is None


def test_caption_line_with_credit() -> None:
    line = "Xi and Putin in Beijing. (Alexei Druzhinin/AP)"
    assert parse_caption_line(line) == split_credit(line)


@pytest.mark.parametrize("agency", ["EFE", "dpa/picture alliance via Getty"])
def test_a_photographer_before_the_agency_in_brackets_is_part_of_the_credit(agency: str) -> None:
    line = f"Vecinos esperan en la plaza del mercado, el 3 de mayo. Marta Ruiz Gil ({agency})"
    assert split_credit(line) == Caption(
        text="Vecinos esperan en la plaza del mercado, el 3 de mayo.",
        credit=f"Marta Ruiz Gil ({agency})",
        media="photo",
    )


def test_a_name_in_the_caption_before_the_agency_stays_in_the_text() -> None:
    """Without a sentence's end before it, the name is the caption's subject, not its photographer."""
    assert split_credit("A protest led by Marta Ruiz Gil (Getty Images)").credit == "Getty Images"


def test_bare_name_agency_after_the_sentence() -> None:
    assert split_credit("A flooded street in Cedar Key, Florida, on Tuesday. Joe Raedle/Getty Images") == Caption(
        text="A flooded street in Cedar Key, Florida, on Tuesday.", credit="Joe Raedle/Getty Images", media="photo"
    )


def test_photo_illustration_with_source() -> None:
    assert split_credit("Photo illustration by The Meridian. Source: Getty.") == Caption(
        text="", credit="The Meridian. Source: Getty", media="graphic"
    )


@pytest.mark.parametrize(
    ("line", "follows"),
    [
        ("Image source, Getty Images", True),
        ("Credit...Doug Mills/The New York Times", False),
        ("Credit: Splash News", False),
        ("Photo: Hau Dinh, AP", False),
    ],
)
def test_where_the_caption_of_a_credit_line_is(line: str, follows: bool) -> None:
    assert caption_follows_credit(line) is follows


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Das Rathaus am Abend. Foto: Max Muster/dpa", "Max Muster/dpa"),
        ("Das Rathaus am Abend. Bild: Max Muster", "Max Muster"),
        ("Das Rathaus am Abend. Symbolfoto: picture alliance/dpa", "picture alliance/dpa"),
        ("A crowd outside. Image Credits: Harbour Authority", "Harbour Authority"),
        ("Ratusz wieczorem. Zdjęcie: Jan Kowalski", "Jan Kowalski"),
        ("Ратуша вечером. Фото: Иван Петров", "Иван Петров"),
    ],
)
def test_credit_labels_in_other_languages(line: str, credit: str) -> None:
    caption = parse_caption_line(line)
    assert caption is not None and caption.credit == credit


def test_a_source_label_in_prose_is_no_caption_line() -> None:
    # "(Source: ...)" is ordinary in prose: only a text known to be a caption takes it as a credit.
    line = "Unemployment fell to 4.1 percent in March (Source: the statistics office)"
    assert parse_caption_line(line) is None
    assert split_caption_credit(line).credit == "the statistics office"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The court sat for an hour. AP", Caption(text="The court sat for an hour.", credit="AP", media="photo")),
        (
            "Vehicles near the border. Taken on 3 July. Jane Roe / Pool via Reuters",
            Caption(
                text="Vehicles near the border. Taken on 3 July.", credit="Jane Roe / Pool via Reuters", media="photo"
            ),
        ),
        (
            "The islands for sale. (Bespoke Estates)",
            Caption(text="The islands for sale.", credit="Bespoke Estates", media="photo"),
        ),
        ("Der Hafen (Quelle: Hafenbehörde)", Caption(text="Der Hafen", credit="Hafenbehörde", media="photo")),
        ("Der Prinz. © Jane Roe/PA Wire/dpa", Caption(text="Der Prinz.", credit="Jane Roe/PA Wire/dpa", media="photo")),
        ("1978년의 모습. [사진 출처 = 연합뉴스]", Caption(text="1978년의 모습.", credit="연합뉴스", media="photo")),
        (
            "Festnahme in Palma / Lorenzo Marina",
            Caption(text="Festnahme in Palma", credit="Lorenzo Marina", media="photo"),
        ),
        # a short last sentence that is no name stays text
        (
            "Boats wait in the bay. It rained all day.",
            Caption(text="Boats wait in the bay. It rained all day.", credit=None, media=None),
        ),
        ("Quelle: dpa", Caption(text="", credit="dpa", media="photo")),
        # a word after a closing quote in a script without capitals is a headline's verbal noun ("announced")
        ('"예산을 다시 짜겠다" 발표', Caption(text='"예산을 다시 짜겠다" 발표', credit=None, media=None)),
        (
            "시민들이 광장에서 행진하고 있다. 뉴시스",
            Caption(text="시민들이 광장에서 행진하고 있다.", credit="뉴시스", media="photo"),
        ),
        (
            'Fans chant "one more year" Jane Roe',
            Caption(text='Fans chant "one more year"', credit="Jane Roe", media="photo"),
        ),
    ],
)
def test_caption_tails(text: str, expected: Caption) -> None:
    assert split_caption_credit(text) == expected


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Photo by Jane Roe / AFP via Getty Images", "Jane Roe / AFP via Getty Images"),
        ("(Symbolfoto: picture alliance/dpa | Max Muster)", "picture alliance/dpa | Max Muster"),
        ("© 2024 Harbour Authority", "Harbour Authority"),
        ("Jane Roe/Copyright 2026 The Wire. All rights reserved.", "Jane Roe"),
        ("Foto: Ana Ruiz.", "Ana Ruiz"),
        ("김민수 기자", "김민수"),  # Korean: the role after the name
        ("부산=연합뉴스", "연합뉴스"),  # Korean: "Busan=Yonhap", where the agency's picture was taken
        ("Fotoğraf : Ayşe Yılmaz/AA", "Ayşe Yılmaz/AA"),
        ("Fotografía: Ana Ruiz", "Ana Ruiz"),
        # a rights notice in another language, before or after the name, or alone (it names nobody)
        ("Tous droits réservés Jeanne Roux", "Jeanne Roux"),
        ("Max Muster / Alle Rechte vorbehalten", "Max Muster"),
        ("Todos los derechos reservados", ""),
    ],
)
def test_clean_credit(raw: str, clean: str) -> None:
    assert clean_credit(raw) == clean


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("AP", "AP"),
        ("John Doe / Reuters", "John Doe / Reuters"),
        ("Jane von Roe/dpa", "Jane von Roe/dpa"),  # an agency's name in lower case is still a credit's word
        ("Foto: Ann Poe (Getty)", "Ann Poe (Getty)"),
        ("Quelle: dpa", "dpa"),
        ("(Ben Olender)", "Ben Olender"),
        ("Source: Gamespot", None),  # the article's source
        ("(CyberAlert, May 7)", None),  # a citation
        ("© The Crier", None),  # the site's notice
        ("© 2024 Example Press", None),
        ("News", None),  # a menu item
        ("Jane Roe", None),  # a name alone could be anyone's
    ],
)
def test_a_line_holding_only_a_credit(line: str, credit: str | None) -> None:
    found = parse_credit_line(line)
    assert (found.credit if found else None) == credit
    assert found is None or found.text == ""


def test_a_photo_credit_followed_by_the_shoot_s_other_credits() -> None:
    """Magazines credit the whole shoot after the photographer; every labelled part belongs to the credit."""
    line = "Grey blazer and sheer dress, both by MAISON ROE. Photo: Jane Roe. Styling: John Doe. Hair: Ann Poe"
    assert parse_caption_line(line) == Caption(
        text="Grey blazer and sheer dress, both by MAISON ROE.",
        credit="Jane Roe. Styling: John Doe. Hair: Ann Poe",
        media="photo",
    )


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("© Example Pictures", "Example Pictures"),  # under a caption's text: the picture's credit
        ("© Jane Roe/imago", "Jane Roe/imago"),
        ("© The Example Times Ltd. 2024", None),  # the page's own notice: a year, a company
        ("© Copyright Example Verlag GmbH & Co. KG", None),
        ("Source: Gamespot", None),  # the article's source, whatever is above it
    ],
)
def test_a_signed_credit_under_a_caption(line: str, credit: str | None) -> None:
    found = parse_credit_line(line, signed=True)
    assert (found.credit if found else None) == credit


def test_a_signed_name_alone_is_the_page_s_notice_unless_under_a_caption() -> None:
    assert parse_credit_line("© Example Pictures") is None


@pytest.mark.parametrize(
    ("line", "text", "credit"),
    [
        (
            "Ministers pose for a family photo in Madrid EFE/ J.J. Roe",
            "Ministers pose for a family photo in Madrid",
            "EFE/ J.J. Roe",
        ),
        (
            "Crowds wait outside the court on Monday AP Photo/Jane Roe",
            "Crowds wait outside the court on Monday",
            "AP Photo/Jane Roe",
        ),
        (
            "The council meets at the town hall Jane Roe/Copyright 2026 The AP. All rights reserved.",
            "The council meets at the town hall",
            "Jane Roe",
        ),
        (
            "The council meets at the town hall. - Copyright Jane Roe/Copyright 2026 The AP. All rights reserved",
            "The council meets at the town hall.",
            "Jane Roe",
        ),
        ("Copyright Jane Roe/Copyright 2026 The AP. All rights reserved", "", "Jane Roe"),
    ],
)
def test_an_agency_s_photographer_after_the_caption(line: str, text: str, credit: str) -> None:
    found = parse_caption_line(line)
    assert found is not None and (found.text, found.credit) == (text, credit)


@pytest.mark.parametrize(
    ("line", "text", "credit"),
    [
        (
            "Crowds wait outside the court on Monday [Photo: Example Wire]",
            "Crowds wait outside the court on Monday",
            "Example Wire",
        ),
        (
            "시민들이 광장에서 풍선을 흔들고 있다 [사진 출처 = 예시통신]",
            "시민들이 광장에서 풍선을 흔들고 있다",
            "예시통신",
        ),
    ],
)
def test_a_labelled_credit_in_square_brackets(line: str, text: str, credit: str) -> None:
    found = parse_caption_line(line)
    assert found is not None and (found.text, found.credit) == (text, credit)


def test_a_bracketed_aside_in_prose_is_no_credit() -> None:
    assert parse_caption_line("The council said [in its report] that the library would close.") is None


@pytest.mark.parametrize(
    ("line", "under_caption", "credit"),
    [
        ("Getty Images", False, "Getty Images"),  # picture desks' words alone
        ("AFP via Getty Images", False, "AFP via Getty Images"),
        ("Images", False, None),  # a generic word alone
        ("Jane Roe/Lichtbild", True, "Jane Roe/Lichtbild"),  # a photographer and an unknown agency
        ("Jane Roe/Lichtbild", False, None),  # anywhere else a slash between names is no credit
        ("Politik/Ausland", True, None),  # a breadcrumb: no name of two words
    ],
)
def test_credit_lines_of_desk_words_or_slashed_names(line: str, under_caption: bool, credit: str | None) -> None:
    found = parse_credit_line(line, under_caption=under_caption)
    assert (found.credit if found else None) == credit


@pytest.mark.parametrize(
    ("line", "text", "credit"),
    [
        (
            "Ministers at the summit in Madrid, in 2025. Cedida por la Plataforma Vecinal",
            "Ministers at the summit in Madrid, in 2025.",
            "Cedida por la Plataforma Vecinal",
        ),
        (
            "The old library on the day it closed. Courtesy of the Roe family",
            "The old library on the day it closed.",
            "Courtesy of the Roe family",
        ),
        ("Wisuda sarjana angkatan ke-XII(Dok.Kampus )", "Wisuda sarjana angkatan ke-XII", "Dok.Kampus"),
        (
            "JANE ROE trägt einen Look von MAISON Foto: John Doe. Styling: Ann Poe",
            "JANE ROE trägt einen Look von MAISON",
            "John Doe. Styling: Ann Poe",
        ),
    ],
)
def test_lent_and_file_credits_and_a_shoot_credited_without_a_full_stop(line: str, text: str, credit: str) -> None:
    found = parse_caption_line(line)
    assert found is not None and (found.text, found.credit) == (text, credit)


@pytest.mark.parametrize(
    ("written", "credit"),
    [("(Courtesy of Jo Bloggs)", "Jo Bloggs"), ("Photo courtesy of the family", "the family")],
)
def test_courtesy_of_is_a_credit_label(written: str, credit: str) -> None:
    assert clean_credit(written) == credit


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Foto © Max Muster", "Max Muster"),
        ("Photo © Jane Roe, John Doe", "Jane Roe, John Doe"),
        ("Bild © Max Muster/dpa", "Max Muster/dpa"),
    ],
)
def test_a_photo_label_with_a_copyright_sign_for_its_colon_heads_a_credit(line: str, credit: str) -> None:
    """ "Foto © Name": the copyright sign stands where the colon would; alone on its line the credit of the
    caption above it, after a caption's text its credit."""
    found = parse_credit_line(line)
    assert found is not None and found.credit == credit
    caption = parse_caption_line(f"The town hall at dusk. {line}")
    assert caption is not None and caption.credit == credit and caption.text == "The town hall at dusk."


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("Figure 2: Queue length over one week of traffic.", "Queue length over one week of traffic."),
        ("Fig. 3a: The pump at rest", "The pump at rest"),
        ("Abbildung 4: Der Pegel im Mai", "Der Pegel im Mai"),
        ("Abb. 1: Schnitt durch die Wand", "Schnitt durch die Wand"),
    ],
)
def test_a_numbered_figure_s_label_makes_a_caption_line(line: str, text: str) -> None:
    """A report's or a blog post's figure caption ("Figure 2: ...") is a caption, never a paragraph; prose that
    names a figure is not one."""
    caption = parse_caption_line(line)
    assert caption is not None and caption.text == text and caption.media == "graphic"
    assert parse_caption_line("The figure: sales rose by a third in the spring.") is None


# A picture taken from a social network, credited to the poster's handle, the network and maybe the agency that
# passed it on, after the caption's text or on a line of its own under it.
HANDLE_CREDITS = [
    (
        "A firefighter works on the blaze above the ridge road @ridge_watch via X / Reuters",
        "A firefighter works on the blaze above the ridge road",
        "@ridge_watch via X / Reuters",
    ),
    (
        "The couple at the harbour festival on Sunday. @harbour.life/Instagram",
        "The couple at the harbour festival on Sunday.",
        "@harbour.life/Instagram",
    ),
    (
        "The couple at the harbour festival on Sunday. Photo: @harbour.life/Instagram",
        "The couple at the harbour festival on Sunday.",
        "@harbour.life/Instagram",
    ),
    (
        "Smoke over the valley seen from a neighbour's garden @valley_fan via TikTok",
        "Smoke over the valley seen from a neighbour's garden",
        "@valley_fan via TikTok",
    ),
]


@pytest.mark.parametrize(("line", "text", "credit"), HANDLE_CREDITS)
def test_a_social_handle_credit_after_the_caption(line: str, text: str, credit: str) -> None:
    expected = Caption(text=text, credit=credit, media="photo")
    assert split_credit(line) == expected
    assert split_caption_credit(line) == expected
    assert parse_caption_line(line) == expected


@pytest.mark.parametrize(
    "line", ["@ridge_watch via X / Reuters", "@harbour.life/Instagram", "Photo: @harbour.life/Instagram"]
)
def test_a_social_handle_credit_on_its_own_line(line: str) -> None:
    credit = line.removeprefix("Photo: ")
    assert parse_credit_line(line) == Caption(text="", credit=credit, media="photo")
    assert parse_caption_line(line) == Caption(text="", credit=credit, media="photo")


@pytest.mark.parametrize(
    "line",
    [
        "Write to the desk at @harbour_news with your pictures of the festival",
        "Follow the council on Instagram for updates @town_council",
    ],
)
def test_a_handle_in_a_sentence_is_no_credit(line: str) -> None:
    assert parse_caption_line(line) is None
    assert split_credit(line).credit is None


@pytest.mark.parametrize(
    "line", ["Video: Is the old pier safe to swim from?", "(Rate this post? // Beitrag bewerten?)", "PHOTOS: Who won?"]
)
def test_a_question_is_no_credit(line: str) -> None:
    """A credit names a photographer or an agency and never asks a question: a teaser's headline after "Video:" or a
    rating button in brackets is no caption line."""
    assert parse_caption_line(line) is None

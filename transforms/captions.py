"""Caption credits: split a caption into its text and its credit, and recognise caption lines in text dumps.

Shared by the text and HTML extractors. Every credit form is a row in a table of regexes (`_TRAILING_CREDITS`,
`_CREDIT_LINES`), not a branch per site: adding a house style means adding a row.

Public API (stable):
- `split_credit(text) -> Caption`: a caption string -> text without credit, credit without wrappers, media.
- `parse_caption_line(line) -> Caption | None`: a line of a text dump -> a caption, or None when the line is
  not one. A line that is only a credit ("Credit...Name/Outlet", "Image source, Agency") gives a `Caption`
  whose `text` is "" (see `is_credit_only`): the extractor attaches it to the caption next to it.
- `parse_credit_line(line) -> Caption | None`: a line that is only a credit, labelled or not ("Quelle: dpa",
  "John Doe / Reuters"), as a credit-only `Caption`; the text extractor joins it to the caption text above.
- `strip_licensing_chrome(text) -> str`: cuts "Purchase Licensing Rights, opens new tab" and the like.
- `split_caption_credit(text) -> Caption`: `split_credit` for a text already known to be a caption (an HTML
  figcaption): also takes the looser tails that would be unsafe on a line of prose ("... on Monday. AP",
  "... (Quelle: dpa)", "... © Name").
- `clean_credit(text) -> str`: a credit without its label ("Foto:", "Photo by", "©"), wrappers and rights
  notices ("All rights reserved").
- `NEWS_AGENCIES`: the news agencies ("AP", "dpa", "EFE") as a regex alternation.
- `CREDIT_WORDS`: agency and picture-desk words ("Getty", "AP", "Pool") as a regex alternation.
- `CREDIT_LABEL`: the labels that introduce a picture credit, in the languages met so far.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.model import Caption, Media

# The news agencies, as a regex alternation: the one list. A name of theirs alone is a picture credit ("... in
# Madrid. EFE") or the byline of a wire story ("Von dpa").
NEWS_AGENCIES = (
    r"AP|AFP|Reuters|REUTERS|EPA|dpa|DPA|ANP|PA|TASS|Xinhua|Anadolu|Bloomberg|SID|KNA|EFE|ANSA|APA|SDA|Keystone-SDA"
)
# Words that make a parenthesised or trailing name a picture credit rather than prose. Generic vocabulary of
# picture desks and agencies, not a list of sites; the HTML extractor reads it too.
CREDIT_WORDS = (
    r"Images?|Photos?|Photograph(?:s|y)?|Pictures?|Press|Agency|News|Getty|"
    + NEWS_AGENCIES
    + r"|Shutterstock|Alamy|iStock(?:photo)?|Courtesy|Handout|Pool|POOL|File|Stock|Wire|Unsplash|Sipa|"
    r"Corbis|Imagn|USA TODAY Sports|Zuma|ZUMA|NurPhoto|Polaris|IMAGO|imago"
)

# Labels that introduce a picture credit ("Foto: Name/dpa", "Image Credits: Strava"), in the languages met so far.
# A row per language, not per site. Matched case-insensitively, so "FOTO:" and "Foto:" are one label.
_PHOTO_LABELS = (
    r"(?:Photo|Image|Picture)s?\s+(?:credits?|source|courtesy)|Photo[- ]?graph(?:s|y)?|Photos?|Pictures?|Images?|"
    r"Credits?|Fotos?|Fotó|Fotografie|Fotograf(?:ía|ia)|Fotoğraf|Bild(?:er)?|Symbol(?:foto|bild)|Archiv(?:foto|bild)|Zdjęcie|Fot\.|Kuva|"
    r"Nuotr\.|Isithombe|Crédits?(?:\s+photo)?|Crédito|Ảnh|사진|写真|Фото|Коллаж|Иллюстрация|Φωτογραφία"
)
# Labels that name a source rather than a picture: a credit inside a known caption, but too common in prose
# ("(Source: Reuters)") to mark a line of a text dump as a caption.
_SOURCE_LABELS = r"Quelle|Sources?|Fuente|Fonte|Zdroj|Źródło|Kilde|Källa|Bron|Lähde|Источник|Джерело|(?:사진\s*)?출처"
CREDIT_LABEL = re.compile(
    rf"^\s*(?:(?:{_PHOTO_LABELS}|{_SOURCE_LABELS})\s*(?::|=|\bby\b|(?=©))|(?:©|\(c\)|Copyright\b)(?:\s*\d{{4}}\b)?|Photos?\s+by\b"
    rf"|(?:(?:Photo|Image|Picture)s?\s+)?courtesy\s+of\b)\s*",
    re.I,
)

# Chrome that sites glue onto a caption: licensing links, enlarge buttons, accessibility hints.
_LICENSING_CHROME = re.compile(
    r"\s*(?:(?:Purchase|Acquire|Buy) Licensing Rights(?:,? opens new tab)?|opens new tab|"
    r"Enlarge this image|toggle caption|hide caption|show caption|Expand|Close)\s*$",
    re.I,
)

_NAME = r"[A-Z\u00C0-\u017F][^()\n]{0,120}?"

# A picture taken from a social network: the poster's handle, then the network or the agency that passed it on, or
# both ("@jane_roe via X / Reuters", "@jane.roe/Instagram", "@jane_roe on TikTok"). A handle alone is as often a
# mention in the caption's sentence, so it is a credit only with one of them.
_SOCIAL_NETWORKS = r"X|Twitter|Instagram|Facebook|TikTok|Threads|Bluesky|YouTube|Telegram|Snapchat|Reddit|LinkedIn"
_HANDLE = r"@\w(?:[\w.]{0,29}\w)?"
_PASSED_ON_BY = r"\s*/\s*[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}"  # "/ Reuters", "/ Getty Images"
_HANDLE_CREDIT = (
    rf"{_HANDLE}(?:(?:\s*/\s*|\s+(?:via|on)\s+)(?:{_SOCIAL_NETWORKS})\b(?:{_PASSED_ON_BY})?"
    rf"|\s*/\s*(?:{NEWS_AGENCIES})\b)"
)


@dataclass(frozen=True, slots=True)
class _CreditPattern:
    """One credit form: `pattern` has a `credit` group (and a `text` group for whole lines)."""

    pattern: re.Pattern[str]
    media: Media | None
    caption_follows: bool = False  # for credit-only lines: the caption is on the next line, not the previous


def _p(regex: str, media: Media | None, flags: int = 0, caption_follows: bool = False) -> _CreditPattern:
    return _CreditPattern(re.compile(regex, flags), media, caption_follows)


# Credits at the end of a caption string. First match wins, so the more specific wrappers come first.
_TRAILING_CREDITS: tuple[_CreditPattern, ...] = (
    # "(Video: Julie Yoon/The Washington Post)", "(Graphic: ...)", "(Photo illustration by ...)"
    _p(r"\s*\((?:Video|Videos|Footage)\s*(?::|by)\s*(?P<credit>[^()]+?)\)\s*$", "video", re.I),
    _p(r"\s*\((?:Graphic|Graphics|Illustration|Map|Chart)s?\s*(?::|by)\s*(?P<credit>[^()]+?)\)\s*$", "graphic", re.I),
    _p(r"\s*\(Photo[- ]illustration\s*(?::|by)?\s*(?P<credit>[^()]*?)\)\s*$", "graphic", re.I),
    _p(rf"\s*\(\s*(?:{_PHOTO_LABELS})\s*(?::|by)\s*(?P<credit>[^()]+?)\s*\)\s*$", "photo", re.I),
    # A labelled credit in square brackets: "[Photo: Reuters]", "[사진 출처 = 연합뉴스]" (photo source = Yonhap).
    _p(
        rf"\s*\[\s*(?:{_PHOTO_LABELS}|{_SOURCE_LABELS})\s*(?::|=|by)\s*(?P<credit>[^\[\]\n]+?)\s*\]\s*$",
        "photo",
        re.I,
    ),
    # "(AP Photo/Evan Vucci)", "(Alexei Druzhinin/AP)", "( NASA/JPL )": a slash between capitalised names.
    _p(r"\s*\(\s*(?P<credit>" + _NAME + r"/[^()\n]{1,120}?)\s*\)\s*$", "photo"),
    # "... el 1 de agosto. Jane Roe (dpa/picture alliance via Getty)": the photographer before the agency in
    # brackets, after the caption's last sentence, is the credit's own first part.
    _p(
        r"(?<=[.!?”\"])\s+(?P<credit>[A-Z\u00C0-\u017F][\w.'’-]+(?: [A-Z\u00C0-\u017F][\w.'’-]+){1,2}\s*"
        r"\((?:[^()\n]{0,60}\b)?(?:" + CREDIT_WORDS + r")\b[^()\n]{0,60}\))\s*$",
        "photo",
    ),
    # "(Getty Images)", "(Courtesy of the family)"
    _p(r"\s*\((?P<credit>(?:[^()\n]{0,60}\b)?(?:" + CREDIT_WORDS + r")\b[^()\n]{0,60})\)\s*$", "photo"),
    # Guardian, Telegraph, NPR: "... Photograph: Name/Agency", "... Video: Name", "... Illustration: Name"
    _p(r"(?:^|(?<=[.!?…”\"')\]])|\s)\s*(?:Video|Footage)\s*(?::|by)\s*(?P<credit>[^:\n]{2,120}?)\s*$", "video"),
    _p(r"(?:^|\s)(?:Graphic|Graphics|Illustration|Map|Chart)s?\s*(?::|by)\s*(?P<credit>[^:\n]{2,120}?)\s*$", "graphic"),
    _p(r"(?:^|\s)Photo[- ][Ii]llustration(?:\s*(?::|by)\s*(?P<credit>[^\n]{2,120}?))?\s*$", "graphic"),
    _p(rf"(?:^|\s)(?i:{_PHOTO_LABELS})\s*(?::|by|©)\s*(?P<credit>[^:\n]{{2,120}}?)\s*$", "photo"),
    # Magazines credit the whole shoot after the photographer: "... von LOEWE. Foto: Jane Roe. Styling: John Doe.
    # Haare: Ann Poe": labelled parts, each a capitalised label and a name.
    _p(
        rf"\s+(?i:{_PHOTO_LABELS})\s*:\s*(?P<credit>[^:\n]{{2,60}}?"
        r"(?:\.\s+[A-Z][\w-]{1,15}:\s*[^:\n]{2,60}?)+)\.?\s*$",
        "photo",
    ),
    # Who lent the picture, after the caption's last sentence: "... en 2025. Cedida por la Plataforma", "...
    # on Monday. Courtesy of the family".
    _p(r"(?<=[.!?”\"])\s+(?P<credit>(?:Cedid[ao]s? por|Cortesía de|Courtesy of)\s+[^\n]{2,100}?)\s*$", "photo"),
    # Indonesian and Malay: "(Dok. IGI)", a picture from the subject's own files.
    _p(r"\s*\(\s*(?P<credit>Dok\.\s*[^()\n]{1,60}?)\s*\)\s*$", "photo"),
    # NYT: "Credit...Doug Mills/The New York Times" (the dots may be an ellipsis character)
    _p(r"(?:^|\s|(?<=[.!?…”\"')\]]))Credit\s*(?:\.{2,}|…)\s*(?P<credit>.{2,120}?)\s*$", "photo"),
    # CNN, AP: "... on Tuesday. Joe Raedle/Getty Images": a bare Name/Agency after the last sentence.
    _p(
        r"(?<=[.!?”\"])\s+(?P<credit>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}/"
        r"[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,4})\s*$",
        "photo",
    ),
    # An agency and its photographer after the caption's last word: "... in Madrid EFE/ J.J. Guillén", "... the
    # country AP Photo/Edgar H. Clemente".
    _p(
        rf"\s+(?P<credit>(?:{NEWS_AGENCIES})(?:\s+Photo)?\s*/\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})\s*$",
        "photo",
    ),
    # AP's rights line after the photographer: "... im UN-Hauptquartier Frank Franklin II/Copyright 2026 The AP.
    # All rights reserved." (the photographer's two or three capitalised words before the slash), maybe after a
    # dash and the word again ("... teilgenommen. - Copyright Jane Roe/Copyright 2024 The AP.").
    _p(
        r"(?:^|\s+)(?:-\s+)?(?:Copyright\s+)?(?P<credit>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,2})\s*/\s*"
        r"Copyright\s+\d{4}\b[^/|\n]*$",
        "photo",
    ),
    # Reuters: "REUTERS/Evelyn Hockstein/File Photo", "REUTERS/Stringer"
    _p(r"(?:^|\s)(?P<credit>REUTERS/[^\n]{2,120}?)\s*$", "photo"),
    # A picture from a social network after the caption's last word: "... on the ridge road @jane_roe via X / Reuters".
    _p(rf"(?:^|\s)(?P<credit>{_HANDLE_CREDIT})\s*$", "photo"),
)

# Lines of a text dump that are caption parts by their label alone (BBC, NPR): text or credit, never prose.
_CREDIT_LINES: tuple[_CreditPattern, ...] = (
    _p(r"^Image source,\s*(?P<credit>.+?)\s*$", "photo", re.I, caption_follows=True),
    _p(r"^(?:Video|Media) source,\s*(?P<credit>.+?)\s*$", "video", re.I, caption_follows=True),
    _p(r"^Credit\s*(?:\.{2,}|…|:)\s*(?P<credit>.+?)\s*$", "photo", re.I),
    _p(r"^(?:Photo|Image|Picture)\s+(?:credit|source)\s*:\s*(?P<credit>.+?)\s*$", "photo", re.I),
)
_CAPTION_LABELS: tuple[_CreditPattern, ...] = (
    _p(r"^Image caption,\s*(?P<text>.+?)\s*$", "photo", re.I),
    _p(r"^(?:Media|Video) caption,\s*(?P<text>.+?)\s*$", "video", re.I),
    _p(r"^Caption\s*:\s*(?P<text>.+?)\s*$", None, re.I),
    # A numbered figure's caption in a report or a blog post: "Figure 2: ...", "Abb. 3: ...", "Abbildung: ..."
    _p(r"^(?:Figure|Fig\.|Abbildung|Abb\.)\s*(?:\d{1,3}[a-z]?)?\s*:\s*(?P<text>.+?)\s*$", "graphic", re.I),
)

# Every form above needs one of these; lines without any are rejected before the table is tried (speed).
# Matched against the lower-cased line (much faster than re.I).
_MAYBE_CAPTION = re.compile(
    r"\)\s*$|photo|credit|fig|abb|reuters|image|video|footage|graphic|illustration|map|chart|foto|bild|picture|"
    r"caption|source|media|licensing|copyright|cedid|cortesía|courtesy|\(dok\.|@\w|(?:efe|ap|afp|epa|dpa|ansa|anp)\s*/|zdj|fot\.|kuva|nuotr|isithombe|crédit|ảnh|사진|写真|фото|коллаж|иллюстр|φωτογρ"
)

# A credit is a name or a few names, not a sentence: bounded length, no sentence break inside.
_MAX_CREDIT_CHARS = 120
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[a-z]")


def strip_licensing_chrome(text: str) -> str:
    """Cut buttons and link hints glued to a caption ("... Purchase Licensing Rights, opens new tab")."""
    previous = None
    while previous != text:
        previous = text
        text = _LICENSING_CHROME.sub("", text)
    return text.strip()


def _plausible_credit(credit: str) -> bool:
    """A name or an agency, short, no sentence in it; no question either (a credit never asks one: "Video: Is it
    safe to swim?" is a teaser's headline, "(Rate me? // Vote?)" a button)."""
    return 0 < len(credit) <= _MAX_CREDIT_CHARS and not _SENTENCE_BREAK.search(credit) and "?" not in credit


def _clean_credit(credit: str) -> str:
    return credit.strip().strip(" .,;:–—-").strip()


def _trailing_credit(text: str) -> tuple[str, str | None, Media | None] | None:
    for form in _TRAILING_CREDITS:
        match = form.pattern.search(text)
        if match is None:
            continue
        credit = _clean_credit(match.group("credit") or "")
        if credit and not _plausible_credit(credit):
            continue
        return text[: match.start()].strip(), credit or None, form.media
    return None


def split_credit(text: str) -> Caption:
    """A caption string -> Caption(text without credit, credit without wrappers, media).

    No recognised credit gives Caption(text, None, None). Licensing chrome is cut first."""
    cleaned = strip_licensing_chrome(" ".join(text.split()))
    found = _trailing_credit(cleaned)
    if found is None:
        return Caption(text=cleaned, credit=None, media=None)
    body, credit, media = found
    return Caption(text=body, credit=credit, media=media)


def is_credit_only(caption: Caption) -> bool:
    """A caption that carries only a credit (its text is on a neighbouring line)."""
    return not caption.text and caption.credit is not None


def _labelled_line(line: str) -> Caption | None:
    for form in _CREDIT_LINES:
        match = form.pattern.match(line)
        if match and _plausible_credit(_clean_credit(match.group("credit"))):
            return Caption(text="", credit=_clean_credit(match.group("credit")), media=form.media)
    for form in _CAPTION_LABELS:
        match = form.pattern.match(line)
        if match:
            inner = split_credit(match.group("text"))
            return Caption(text=inner.text, credit=inner.credit, media=inner.media or form.media)
    return None


def parse_caption_line(line: str) -> Caption | None:
    """A text-dump line -> Caption, or None when the line is not a caption.

    A line is a caption when it carries a recognised credit or a caption label. A line that is only a
    credit returns a Caption with text "" (`is_credit_only`)."""
    if not _MAYBE_CAPTION.search(line.lower()):
        return None
    stripped = strip_licensing_chrome(" ".join(line.split()))
    if not stripped:
        return None
    labelled = _labelled_line(stripped)
    if labelled is not None:
        return labelled
    found = _trailing_credit(stripped)
    if found is None:
        return None
    body, credit, media = found
    if credit is None and media is None:
        return None
    return Caption(text=body, credit=credit, media=media)


def parse_credit_line(line: str, signed: bool = False, under_caption: bool = False) -> Caption | None:
    """A line that holds a picture's credit and nothing else, as some sites print it under the caption's text:
    labelled ("Quelle: dpa", "© dpa", "Foto: Ann Poe (Getty)"), in brackets ("(Ben Olender)"), a
    photographer with an agency ("John Doe / Reuters", "AP") or picture desks' words alone ("Getty Images").
    None for anything else. With `under_caption` (the caller has a caption's text just above) a photographer
    and an agency unknown here count too, set apart by a slash ("Christoph Roe/Lichtgut"); with `signed` (that
    text is a phrase, no paragraph) so does a name after "©" ("© Picture Alliance")."""
    text = " ".join(line.split())
    if not text or len(text) > _MAX_CREDIT_CHARS or _SITE_COPYRIGHT.match(text):
        return None
    credit = clean_credit(text)
    if credit and _HANDLE_CREDIT_ALONE.fullmatch(credit):
        return Caption(text="", credit=credit, media="photo")  # "@jane_roe/Instagram", "Photo: @jane_roe via X"
    if not credit or not (_name_shaped(credit.replace("(", "").replace(")", "")) or _AGENCY.fullmatch(credit)):
        return None
    # A picture's label ("Foto:", "Bild:"), not "©" ("© The Crier" is the site's notice at the foot of the page)
    # nor "Source:" ("Source: Gamespot" names the article's source); brackets without a date ("(Ben Olender)",
    # not "(CyberAlert, May 7)", a citation).
    picture_label = not _NOT_A_PICTURE_LABEL.match(text) or (
        signed and _COPYRIGHT_SIGN.match(text) is not None and not _RIGHTS_HOLDER.search(text)
    )
    labelled = (CREDIT_LABEL.match(text) is not None and picture_label) or (
        text[0] + text[-1] == "()" and not any(ch.isdigit() for ch in text)
    )
    # Else an agency: alone ("AP", "Quelle: dpa"; not a generic word such as "News") or after a photographer's
    # name ("John Doe / Reuters").
    agency = (_AGENCY.fullmatch(credit) is not None and credit.casefold() not in _GENERIC_CREDIT_WORDS) or (
        "/" in credit and _AGENCY.search(credit) is not None
    )
    credited = labelled or agency or _desk_words_only(credit) or (under_caption and _SLASHED_NAMES.fullmatch(credit))
    return Caption(text="", credit=credit, media="photo") if credited else None


# A photographer and an agency (or the reverse) with a slash between, one of them a name of two words or more.
_SLASHED_NAMES = re.compile(
    r"(?:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)+/[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)*)"
    r"|(?:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)*/[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)+)"
)


def _desk_words_only(credit: str) -> bool:
    """Picture desks' words and nothing else, one of them no generic word: "Getty Images", "AFP via Getty"."""
    words = credit.split()
    return (
        len(words) > 1
        and all(_AGENCY.fullmatch(word) or word.casefold() in _CREDIT_JOINERS for word in words)
        and any(_AGENCY.fullmatch(word) and word.casefold() not in _GENERIC_CREDIT_WORDS for word in words)
    )


_AGENCY = re.compile(rf"\b(?:{CREDIT_WORDS})\b")
_HANDLE_CREDIT_ALONE = re.compile(_HANDLE_CREDIT)
# "© 2024 The Crier": the site's copyright notice at the foot of the page, not a picture's credit.
_SITE_COPYRIGHT = re.compile(r"(?:©|\(c\)|Copyright)\s*\d{4}\b", re.I)
_COPYRIGHT_SIGN = re.compile(r"\s*(?:©|\(c\))", re.I)
# A page's own notice names a year, the word "Copyright" or a company ("© The Example Times Ltd. 2024").
_RIGHTS_HOLDER = re.compile(r"\d|\bcopyright\b|\b(?:ltd|inc|llc|gmbh|kg|ag|plc|s\.a|corp)\b\.?", re.I)
_NOT_A_PICTURE_LABEL = re.compile(rf"\s*(?:©|\(c\)|Copyright\b|(?:{_SOURCE_LABELS})\s*:)", re.I)
_GENERIC_CREDIT_WORDS = frozenset(
    {"images", "image", "photos", "photo", "pictures", "picture", "press", "agency", "news", "file", "stock"}
    | {"wire", "pool", "courtesy", "handout", "photograph", "photography", "photographs"}
)


def caption_follows_credit(line: str) -> bool:
    """For a credit-only line: True when its caption comes after it (BBC "Image source, ..." then
    "Image caption, ..."), False when the caption is the line before (NYT "Credit...")."""
    stripped = " ".join(line.split())
    return any(form.caption_follows and form.pattern.match(stripped) for form in _CREDIT_LINES)


def attach_credit(caption: Caption, credit_only: Caption) -> Caption:
    """Merge a credit-only caption (a "Credit..." or "Image source," line) into the caption it belongs to."""
    return Caption(
        text=caption.text,
        credit=caption.credit or credit_only.credit,
        media=caption.media or credit_only.media,
    )


# Credits that end a text already known to be a caption. Unsafe on a line of prose, where "(Source: X)" or a
# short last sentence are ordinary, so `parse_caption_line` never uses them.
_CAPTION_TAILS: tuple[_CreditPattern, ...] = (
    # "(Quelle: Truth Social)", "[사진 출처 = 연합뉴스]", "(Symbolfoto: picture alliance/dpa)"
    _p(
        rf"\s*[(\[]\s*(?:{_PHOTO_LABELS}|{_SOURCE_LABELS})\s*(?::|=)\s*(?P<credit>[^()\[\]]{{1,120}}?)\s*[)\]]\s*$",
        "photo",
        re.I,
    ),
    # "... Ortsteil Johannisthal. Quelle: dpa"
    _p(rf"(?:^|\s)(?i:{_SOURCE_LABELS})\s*(?::|=)\s*(?P<credit>[^:\n]{{2,120}}?)\s*$", "photo"),
    # "... Herzog von Sussex. © Victoria Jones/PA Wire/dpa"
    _p(r"(?:^|\s)(?:©|\([cC]\))\s*(?P<credit>[^©\n]{2,120}?)\s*$", "photo"),
    # Languages that write the label after the name: "Kryžius / J. Stacevičiaus / LRT nuotr."
    _p(r"\s+[/|]\s+(?P<credit>[^|\n]{2,100}?\s(?i:nuotr|fot|foto|photo)\.?)\s*$", "photo"),
    # "... young women and girls. (Christie's)": a short parenthesis standing after the last sentence.
    _p(r"(?<=[.!?…”\"»])\s*\((?P<credit>[A-Z\u00C0-\u024F\d][^()\n]{0,58})\)\s*$", "photo"),
    # "... for about an hour. AP", "... Aufnahme vom 3. Juli. Ohad Zwigenberg / Pool via Reuters", "... 있다. 연합뉴스"
    _p(r"(?<=[.!?…”\"»])\s+(?P<credit>[^.!?…\n]{1,80}?)\s*$", "photo"),
    # "... im Pablo-Clan in Palma / Lorenzo Marina": a name set off by a slash or bar.
    _p(r"\s+[/|]\s+(?P<credit>[^/|\n]{2,60}?)\s*$", "photo"),
)
# Words a credit may have in lower case between its capitalised names: "Tom Brenner for The Post via Getty".
_CREDIT_JOINERS = frozenset(
    {
        "via",
        "for",
        "and",
        "und",
        "og",
        "och",
        "et",
        "y",
        "e",
        "de",
        "del",
        "da",
        "di",
        "van",
        "von",
        "der",
        "den",
        "of",
        "the",
        "für",
        "pour",
        "para",
        "/",
        "|",
        "&",
        "-",
        "–",
    }
)
_MAX_TAIL_WORDS = 8
_MAX_UNCASED_TAIL = 15  # characters: a Korean or Japanese agency or photographer name
# "All rights reserved" in the languages met so far: a notice, naming nobody. A row per language, not per site.
_RIGHTS_RESERVED = (
    r"All rights reserved|Tous droits réservés|Alle Rechte vorbehalten|Todos los derechos reservados|"
    r"Tutti i diritti riservati|Todos os direitos reservados|Alle rechten voorbehouden|Wszelkie prawa zastrzeżone"
)
_RIGHTS_NOTICE = re.compile(rf"\s*(?:[/|,–-]\s*)?(?:Copyright\b[^/|]*|(?:{_RIGHTS_RESERVED})\.?)\s*$", re.I)
# The notice printed before the credit, as a label would be ("Tous droits réservés Jane Roe").
_LEADING_RIGHTS_NOTICE = re.compile(rf"^\s*(?:{_RIGHTS_RESERVED})\.?(?:\s*[/|,:–-])?\s*", re.I)


def _name_shaped(credit: str) -> bool:
    """A tail that reads as a credit: names (each word capitalised, lower-case joiners allowed) or a short
    run of an uncased script, not a clause."""
    words = credit.replace("/", " / ").split()
    if not words or len(words) > _MAX_TAIL_WORDS:
        return False
    if not any(ch.isalpha() for ch in credit):
        return False  # digits and punctuation only
    if not any(ch.isupper() for ch in credit):
        # An uncased script (Hangul, kana, CJK) has no capitals: accept a short run of it.
        return len(credit) <= _MAX_UNCASED_TAIL and not any(ch.islower() for ch in credit)
    return all(
        w[0].isupper() or w[0].isdigit() or w.lower() in _CREDIT_JOINERS or _AGENCY_NAME.fullmatch(w) for w in words
    )


# An agency's name is a credit's word whatever its case ("Philipp von Ditfurth/dpa", "Jane Roe/imago").
_AGENCY_NAME = re.compile(CREDIT_WORDS)


# Korean and Japanese credits: a job title after the name ("고영권 기자", photographer Ko Young-kwon) and the
# place an agency's picture was taken, before the agency ("인천=연합뉴스": Incheon, Yonhap).
_CJK_CREDIT_AFFIXES = re.compile(r"\s*(?:사진)?(?:기자|記者)$|^[^\s=]{1,12}=(?=\S)")


def clean_credit(credit: str) -> str:
    """A credit's text without wrappers, label ("Foto:", "Photo by", "©") and rights notice."""
    text = " ".join(credit.split())
    previous = None
    while previous != text:
        previous = text
        if len(text) > 1 and text[0] + text[-1] in ("()", "[]"):
            text = text[1:-1].strip()
        text = CREDIT_LABEL.sub("", text)
        text = _RIGHTS_NOTICE.sub("", text) if _RIGHTS_NOTICE.sub("", text) else text
        text = _LEADING_RIGHTS_NOTICE.sub("", text)
        text = _CJK_CREDIT_AFFIXES.sub("", text) or text
        text = text.strip(" .,;:/|–—-")
    return text


def split_caption_credit(text: str) -> Caption:
    """A text known to be a caption -> Caption: the forms of `split_credit`, then the looser tails of a
    caption ("... hour. AP", "(Quelle: dpa)", "© Name", "/ Name"); a tail is taken only when it reads as a
    credit, so a caption that ends with a short sentence keeps it."""
    caption = split_credit(text)
    if caption.credit is not None or not caption.text:
        return caption
    for form in _CAPTION_TAILS:
        match = form.pattern.search(caption.text)
        if match is None:
            continue
        credit = clean_credit(match.group("credit"))
        body = caption.text[: match.start()].strip()
        if not (credit and _plausible_credit(credit) and _tail_is_credit(form, credit)):
            continue
        if _uncased(credit) and _CLOSING_QUOTE_END.search(caption.text[: match.start()]):
            continue  # '"…" 선언' (a quote, then "declared"): a headline's verbal noun, no credit
        if body or _is_labelled(form):
            return Caption(text=body, credit=credit, media=form.media)
    return caption


def _is_labelled(form: _CreditPattern) -> bool:
    return form in _CAPTION_TAILS[:4]


# A text ending with a closing quote: in scripts without capitals a word after it may be no name at all (headlines
# in Korean put a verbal noun after a quote: "declared", "backlash"); their pictures' captions end with a verb.
_CLOSING_QUOTE_END = re.compile(r"[”\"»’']\s*$")


def _uncased(credit: str) -> bool:
    return not any(ch.isupper() or ch.islower() for ch in credit)


def _tail_is_credit(form: _CreditPattern, credit: str) -> bool:
    # Labelled tails ("Quelle:", "©") are credits by their label; bare ones must look like names.
    return _is_labelled(form) or _name_shaped(credit)

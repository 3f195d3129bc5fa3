"""Structural vocabulary for HTML extraction, kept as data: tag names, class/id tokens and text patterns.

Nothing here names a site. Class and id values are split into lower-case tokens (`article__body--wide` ->
`article`, `body`, `wide`); a token set match marks an element, and the compound patterns catch glued forms
such as `mostpopular` or `sharebar` that do not split.
"""

from __future__ import annotations

import re

from transforms.bylines import BYLINE_PREFIX

# Removed from the markup before the tree is built: never visible text, or always page furniture.
# (`script` is special-cased so JSON-LD can be kept.)
RAW_TEXT_TAGS: tuple[str, ...] = ("script", "style", "noscript", "template", "textarea", "title")
PRUNED_TAGS: tuple[str, ...] = (
    "svg", "math", "iframe", "object", "embed", "canvas", "video", "audio", "select", "button", "nav",
    "aside", "dialog", "menu",
)

# Elements that start and end a paragraph of their own.
BLOCK_TAGS: frozenset[str] = frozenset({
    "address", "article", "blockquote", "body", "center", "dd", "details", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
    "html", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr",
    "ul", "caption", "legend",
})
# Cells are joined on one line so a table row reads as a text paragraph.
CELL_TAGS: frozenset[str] = frozenset({"td", "th"})
# Never body text, wherever they sit.
SKIPPED_TAGS: frozenset[str] = frozenset({
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
    "video", "audio", "select", "button", "nav", "aside", "dialog", "menu", "input", "img", "picture",
    "source", "link", "meta", "textarea", "label", "option", "map",
    # Ruby annotations (furigana over kanji, pinyin over hanzi): a reading aid printed above the text, not text.
    "rt", "rp",
})
# Elements that are furniture by their name (unless they turn out to hold most of the page's prose, as a
# whole-page <form> of an ASP.NET site does: see blocks.resolve_chrome).
CHROME_ELEMENTS: frozenset[str] = frozenset({"footer", "form"})
# Landmark roles that are never the article.
CHROME_ROLES: frozenset[str] = frozenset({
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu",
    "menubar", "toolbar", "alert", "status",
})

# Class/id tokens of page furniture: navigation, sharing, comments, promotion, consent, paywall, boxes of
# other stories, author bios and tag lists.
CHROME_TOKENS: frozenset[str] = frozenset({
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "masthead", "footer", "sidebar",
    "share", "shares", "sharing", "sharebar", "social", "socials", "comment", "comments", "disqus",
    "newsletter", "newsletters", "subscribe", "subscription", "subscriptions", "signup", "promo", "promos",
    "promotion", "advert", "adverts", "advertisement", "advertising", "ad", "ads", "adslot", "adunit", "dfp",
    "gpt", "sponsor", "sponsored", "outbrain", "taboola", "related", "recommended", "recommendations",
    "trending", "popular", "cookie", "cookies", "consent", "gdpr", "modal", "popup", "overlay", "paywall",
    "tags", "tag", "taglist", "keywords", "bio", "toolbar", "tools", "print", "widget", "widgets", "rail",
    "pagination", "pager", "sronly", "byline", "author", "authors", "timestamp", "date",
    "published", "updated", "meta", "skip", "offscreen", "banner", "teaser", "teasers", "more", "follow",
    "flyout", "dropdown", "login", "register", "donate", "donation", "crosslink", "crosslinks",
    "readmore", "headline", "hed", "kicker", "caption", "credit", "tooltip", "popover",
    "hovercard", "rollover",
})
# Furniture words that describe page layout rather than content: a strong story-body class outweighs them.
LAYOUT_TOKENS: frozenset[str] = frozenset({"sidebar", "rail", "widget", "widgets", "more", "meta", "header",
                                            "paywall", "banner", "tools", "toolbar"})
# Furniture that may hold long prose of its own (reader comments): never taken for the story.
COMMENT_TOKENS: frozenset[str] = frozenset({"comment", "comments", "disqus", "discussion", "replies", "reply"})
# Furniture about a person (an author's bio or profile box): it may hold two or three paragraphs of prose, more
# than a short post beside it, but it is never the wrapper of a story.
PROFILE_PATTERN = re.compile(r"(?<![a-z])bio(?![a-z])|author-?(?:bio|info|box|card)|about-?(?:the-?)?author")
# Furniture words of what stands beside a story rather than around it (profiles aside): a section so named is
# never the story's body, however much prose it holds.
BESIDE_TOKENS: frozenset[str] = frozenset({"sidebar", "rail", "widget", "widgets", "about", "profile", "author",
                                           "authors"})
# Furniture that can sit inside a paragraph (hover cards, inline ads, share buttons): cut out of its text.
INLINE_CHROME_TOKENS: frozenset[str] = frozenset({
    "tooltip", "popover", "hovercard", "rollover", "ad", "ads", "advert", "advertisement", "share",
    "sharing", "social", "promo", "newsletter", "sronly",
})
# Text for screen readers only, hidden on screen ("sr-only", "visually-hidden", SRF's "h-offscreen"): a toggle's
# "Expand"/"Collapse", a link's "(opens in a new window)", a caption's "Image caption," label. No reader sees it.
SCREEN_READER_ONLY = re.compile(r"sr-only|visually-?hidden|screen-?reader|a11y-only|assistive|(?<![a-z])offscreen")
CHROME_COMPOUNDS = re.compile(
    r"most-?(?:read|popular|viewed|shared)|read-?more|also-?read|see-?also|you-?may|more-?stories|"
    # "wp-block-post-excerpt": a post list's summary of another post, its headline often in another column.
    r"post-?excerpt|sr-only|visually-?hidden|screen-?reader|share-?bar|social-?bar|ad-?container|ad-?wrapper|"
    r"post-?meta|entry-?meta|article-?meta|author-?(?:bio|info|box|card)|about-?the-?author|"
    r"tag-?list|related|recirc|newsletter|subscri(?!bers?[-_]?(?:only|preview|content|exclusive))|paywall|cookie|"
    r"consent|comment(?!ary)",
)
# Tokens of the container that holds a story body: a hint that raises its score.
CONTENT_TOKENS: frozenset[str] = frozenset({
    "article", "articlebody", "story", "storybody", "body", "content", "entry", "post", "text", "main",
    "prose", "richtext", "blog", "copy",
})
# ("entry-more", "asset-more": the rest of a Movable Type or Typepad post, after its "continue reading" break;
# "entry-body": the post's text on Typepad and Movable Type, "..._entry_body" on Serendipity.)
CONTENT_COMPOUNDS = re.compile(
    r"article-?body|story-?body|entry-?content|post-?content|article-?content|post-?body|article-?text|"
    r"story-?content|body-?text|main-?content|news-?text|article__body|rich-?text|(?:entry|asset)-more|entry[-_]?body",
)
# A page builder's widget holding what the author wrote (Elementor's "elementor-widget-text-editor", its heading and
# post-content widgets): the page's text laid out in blocks, not a sidebar's widget. (Elementor wraps every widget's
# content in an "elementor-widget-container": a sidebar's widget stays furniture by its own class.)
TEXT_WIDGET_PATTERN = re.compile(r"widget-(?:text-editor|heading|theme-post-content)|elementor-widget-container")
# What a print plugin or a print style sheet marks as the part of the page to print ("print-this-content",
# "print-area", "printable", a how-to's "tip-print-step"): the story, though "print" alone names a print button.
PRINTED_CONTENT_PATTERN = re.compile(r"print-?(?:this-?)?(?:content|area|section|body|text|article|step)|printable")
# Any class/id containing "caption" ("newsCaption", "wp-caption-text", "image__caption").
CAPTION_PATTERN = re.compile(r"caption")
# Embedded posts (the standard markup of tweet, Instagram and TikTok embeds) quote the story's sources: their
# text counts as body even inside a furniture-looking widget.
EMBED_PATTERN = re.compile(r"twitter-tweet|instagram-media|tiktok-embed|fb-post|bluesky-embed")
# Class or id of a picture's credit inside a figure or caption ("image-credit", "captionCredit",
# "image-description__author", "distributor"). Searched in the joined class string, so glued forms match too.
CREDIT_PATTERN = re.compile(
    r"credit|copyright|photographer|fotograf|byline|author|distributor|attribution|licen[cs]e|rights|courtesy|"
    r"(?<![a-z])source(?!set)|quelle|agency|provider|urheber"
)

# A heading that opens a reader-comment thread ("Comments", "12 Responses to ...", "Leave a Reply"): what follows
# it in its section is the readers', however the thread is marked up (old blog templates give it no class).
COMMENTS_HEADING = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|reactions|trackbacks?(?: pings)?|kommentare?|commentaires?|"
    r"comentarios?|commenti|komentarze?|reacties)(?:\s*\(\d+\))?\s*:?$|"
    r"^\d+\s+(?:comments?|responses?|replies|thoughts|kommentare?)\s+(?:to|on|for|zu)\b.{0,200}$|"
    r"^(?:leave|post|add|write)\s+(?:a|your|new)\s+(?:comment|reply|response)\b.{0,40}$|"
    r"^(?:schreibe|hinterlasse)\s+einen\s+kommentar.{0,20}$",
    re.I,
)
# An ad's label, alone in its paragraph, perhaps set off by dashes, stars or brackets ("- Anzeige -",
# "[Advertisement]").
AD_LABEL_LINE = re.compile(
    r"^[-–—*•|\[(\s]*(?:advertisement|advertising|advert|ad|sponsored(?: content)?|"
    r"anzeige|werbung|publicité|publicidad|pubblicità|publicidade|reklame|advertentie|reklama|"
    r"広告|广告|광고|إعلان|реклама)[-–—*•|\])\s]*:?$",
    re.I,
)
# Whole paragraphs that are page furniture however they are marked up.
BOILERPLATE_LINE = re.compile(
    r"^(?:\d* ?comments?|"
    r"like this (?:story|article)\?.*|story continues below(?: advertisement)?|"
    r"continue reading(?: the main story)?|article continues below.*|scroll to continue.*|"
    r"(?:read|see|watch|listen)(?: also| more)?:.*|related:.*|recommended:.*|more:.*|"
    r"share(?: this)?(?: article| story)?|(?:click|tap) here.*|sign up.*newsletter.*|"
    r"subscribe.*|already a subscriber.*|this article (?:is|was) (?:only )?available.*|"
    r"(?:image|photo|video|graphic)(?: source| credit)?:.*|follow us.*|"
    # The same picture credit in the dev sets' other languages ("Crédits photos : ...", "Foto: ...", "Bildquelle:").
    r"(?:crédits? photos?|fotos?|bilder?|bildquelle|fotoquelle|imagen|créditos?(?: de (?:foto|imagen))?|"
    r"zdjęci[ea]|fot\.)\s*:.*|"
    r"follow (?:\S+ ){0,4}on (?:facebook|twitter|x|instagram|tiktok|linkedin)\b.*|"
    r"we use cookies.*|by continuing.*cookies.*|(?:updated|published|posted|last updated)\b.{0,60}|"
    # A prompt to report a mistake ("Fehler gefunden? Jetzt melden."), a video player's status line.
    r"(?:(?:einen |ein )?(?:fehler|tippfehler) gefunden|(?:found|spotted) (?:an? )?(?:error|mistake|typo)|"
    r"vous avez (?:trouvé|repéré) une erreur)\s*\?.{0,60}|"
    r"(?:we apologi[sz]e, but )?this video (?:has failed to load|failed to load|could not be loaded).{0,40}|"
    r"(?:der )?(?:player|video) wird geladen\W{0,5}|"
    # The same date lines in other languages, a date after the word ("Stand: 03.02.2021 09:15 Uhr", "Publiziert
    # 17. Dezember 2024"); a reading time is READING_TIME_LINE.
    r"(?:(?:publiziert|veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato)"
    r"(?: (?:am|le|el|il))?\s*:?|(?:stand|erstellt(?: am)?)\s*:)\s*(?=[^\n]{0,12}\d)[^\n]{0,60}|"
    r"\d+\s*min(?:ute)?s?\.? read|"
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.|twitter\.com/|@)\S+|"
    r"copyright.{0,80}|.{0,100}©.{0,100}|.{0,100}all rights reserved.{0,60}|.{0,60}recaptcha.{0,60}|"
    # Announcements of other stories, a contents box, and the "was this useful / share it" prompts, in the
    # languages of the dev sets: short lines, alone in their block.
    r"(?:lesen sie (?:auch|mehr)|auch interessant|mehr zum thema|weitere artikel|"
    r"(?:das|dies) (?:thema )?könnte (?:sie|dich) auch interessieren|inhaltsverzeichnis|table of contents|"
    r"(?:à )?lire aussi|sur le même sujet|lee también|leer más|te puede interesar|leggi anche|"
    r"czytaj (?:też|także|więcej)|zobacz (?:też|także)|you (?:may|might) also like|more (?:from|on) this topic|"
    r"(?:war|ist) (?:der|dieser) (?:artikel|beitrag) (?:hilfreich|nützlich)\??|"
    r"(?:möchten sie )?(?:den|diesen) (?:artikel|beitrag) teilen\??|was this (?:article )?helpful\??)"
    r"\s*:?)$",
    re.I,
)
# A reading time, alone or after the date line ("Lesezeit: 3 Min.", "06.01.2026, Lesezeit 5 Min."): sought in short
# lines only (READING_TIME_MAX_CHARS), as it need not open the line.
READING_TIME_LINE = re.compile(
    r"^.{0,50}\b(?:lesezeit|lesedauer|reading time|temps de lecture|tiempo de lectura|tempo di lettura)\s*:?\s*"
    r"\d+\s*(?:min\.?|minuten|minutes?)$",
    re.I,
)
READING_TIME_MAX_CHARS = 80
# Prompts to sign up, whatever their markup: a newsletter or inbox, and a call to subscribe, in one short line.
SIGNUP_LINE = re.compile(
    r"^(?=.*\b(?:newsletters?|inbox|e-?mail alerts?)\b)(?=.*\b(?:sign(?:ing)? up|subscrib\w*|delivered|"
    r"get)\b).{0,250}$|"
    r"^you have been (?:successfully )?subscribed.*$|^thanks? (?:you )?for (?:signing up|subscribing).*$",
    re.I,
)
# Notices written for browsers that run no style sheet or script ("This page is best viewed in an up-to-date
# web browser with style sheets (CSS) enabled", "Your browser has been unable to load the stylesheet"): a reader
# of the styled page never sees them, however long they are.
BROWSER_NOTICE = re.compile(
    r"^(?:please note:?\s*)?(?:this (?:page|site|website) is best viewed\b|your browser (?:has been unable|"
    r"was unable|is unable|does not support|doesn't support|is out of date)\b.{0,40}\b(?:style ?sheets?|css|"
    r"javascript|this (?:page|site))\b)",
    re.I,
)
# The placeholder of an embedded post or video the page loads only with the reader's consent ("Externer Inhalt",
# "Um eingebettete Inhalte anzuzeigen, ist deine Einwilligung ... nötig", "To view this content, accept ...",
# "... haben wir das automatische Laden der Inhalte von x.com blockiert"): the embed's stand-in, not the story's.
EMBED_CONSENT_LINE = re.compile(
    r"^(?:externer inhalt|eingebetteter inhalt|external content|embedded content|contenu externe)\s*:?$|"
    r"^um (?:diese[nr]? )?(?:eingebettete|externe)[nr]? inhalte? (?:anzuzeigen|zu sehen|zu laden)\b|"
    r"^to (?:view|display|see|load|show) (?:this|embedded|external|third[- ]party) (?:embedded |external )?content\b|"
    r"^pour (?:afficher|voir) ce contenu\b",
    re.I,
)
# ... or saying, anywhere in it, that the embed's loading was blocked (sought only in text that says "automati").
EMBED_BLOCKED = re.compile(
    r"\b(?:das automatische laden (?:der|von) inhalten?|blocked (?:the )?automatic loading of)\b", re.I
)
# A server script's error printed into the page ("Warning: Creating default object from empty value in
# /www/htdocs/wp-includes/classes.php on line 407", PHP's warnings and notices): no part of any story.
SCRIPT_ERROR_LINE = re.compile(
    r"^(?:php )?(?:warning|notice|deprecated|strict standards|(?:catchable )?fatal error|parse error)\s*:\s"
    r".{0,500}?\bon line\s+\d+",
    re.I,
)
# Utility classes that hide an element with CSS (Bootstrap, Tailwind, Tachyons, ...): whole class names only,
# since "hidden-xs" hides on small screens and shows the text everywhere else.
HIDDEN_CLASSES: frozenset[str] = frozenset({"hidden", "hide", "d-none", "dn", "is-hidden", "u-hidden", "display-none",
                                            "invisible"})
# The id of a hidden segment of React's streamed rendering ("S:1a"), shown once its script runs.
STREAMED_SEGMENT_ID = re.compile(r"S:[0-9a-z]+$")
# A short line that is a byline ("By Jane Doe", "Von Max Muster"): the prefixes are the shared list.
BYLINE_LINE = re.compile(BYLINE_PREFIX.pattern + r"\S.{0,80}$", re.I)

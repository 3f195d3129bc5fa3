"""Hunspell dictionaries for the local node, so its core-only build can stem (it has the `hunspell` token filter but
no `analysis-common`, hence no language analyzers).

Taken from the distribution's packages (Debian's `hunspell-*`: /usr/share/hunspell) and written into the node's
`config/hunspell/<locale>/`, one folder per language of `store.languages`. Written, not linked: the node may only
read files under its own config directory. Two changes to each dictionary, both for search rather than spelling:

- `ignore_case`: the analyzers lowercase before stemming, and German nouns are capitalised in the dictionary.
- Derivational prefixes become words of their own. A speller stores "protest" as pro+test and "report" as
  re+port, so its stemmer answers "test" for "protests" and "port" for "reporting": a search for "protest" would
  match every "test". Each prefixed form is written as a root (with the suffixes its base takes), and the prefix
  rule is dropped; "protests" then stems to "protest". Prefixes that are elided articles or pronouns ("l'", "d'",
  "qu'", in French and Italian) stay rules: they are how "l'élection" reaches "élection".
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from store.languages import LANGUAGES

# Where distributions install hunspell dictionaries (Debian and Ubuntu: /usr/share/hunspell).
SOURCE_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"), Path("/usr/share/myspell"))
# The Debian package of each dictionary, named when one is missing (.ci/run installs the same list).
DEBIAN_PACKAGES = {
    "en_US": "hunspell-en-us",
    "de_DE": "hunspell-de-de",
    "fr_FR": "hunspell-fr",
    "es_ES": "hunspell-es",
    "it_IT": "hunspell-it",
    "nl_NL": "hunspell-nl",
    "pt_PT": "hunspell-pt-pt",
}
SETTINGS = "ignore_case: true\n"
ELISION = ("'", "’")
# Bump when the rewriting below changes, so installed copies are rewritten at the next start.
REWRITE_VERSION = "1"


@dataclass(frozen=True)
class Dictionaries:
    installed: tuple[str, ...]
    missing: tuple[str, ...]

    def missing_message(self) -> str | None:
        """One line naming the languages that will not be stemmed and how to fix it, or None."""
        if not self.missing:
            return None
        packages = " ".join(DEBIAN_PACKAGES.get(locale, locale) for locale in self.missing)
        return (
            f"no hunspell dictionary for {', '.join(self.missing)}: search will not stem those languages "
            f"(`apt-get install {packages}`, then restart the node)"
        )


def find_dictionary(locale: str, sources: Sequence[Path] = SOURCE_DIRS) -> tuple[Path, Path] | None:
    """The (.aff, .dic) pair of a locale, following the packages' symlinks (fr_FR.aff -> fr.aff)."""
    for directory in sources:
        aff, dic = directory / f"{locale}.aff", directory / f"{locale}.dic"
        if aff.is_file() and dic.is_file():
            return aff, dic
    return None


# --- the affix file -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Prefix:
    strip: str
    add: str  # the prefix, without its continuation flags
    add_flags: str
    condition: re.Pattern[str]


@dataclass
class Affixes:
    """What the rewriting needs from an affix file: how flags are written, and the derivational prefixes."""

    flag_format: str = "char"  # char (one character each), long (two), num (comma-separated numbers)
    affix_flags: set[str] = field(default_factory=set)  # every PFX and SFX flag
    prefixes: dict[str, tuple[bool, list[Prefix]]] = field(default_factory=dict)  # flag -> (cross product, rules)
    circumfix: str | None = None
    needaffix: str | None = None

    def flags(self, text: str) -> list[str]:
        if self.flag_format == "long":
            return [text[i : i + 2] for i in range(0, len(text), 2)]
        if self.flag_format == "num":
            return [flag for flag in text.split(",") if flag]
        return list(text)

    def join(self, flags: Sequence[str]) -> str:
        return ",".join(flags) if self.flag_format == "num" else "".join(flags)


def _condition(pattern: str) -> re.Pattern[str]:
    """A hunspell condition ("[^aeiou]y", ".", "r") as a regular expression matched at the word's start."""
    if pattern == ".":
        return re.compile("")
    parts = re.findall(r"\[[^\]]*\]|.", pattern)
    return re.compile("".join(part if part.startswith("[") or part == "." else re.escape(part) for part in parts))


def _is_elision(affix: str) -> bool:
    """l', d', qu' (and their capitalised forms l'A, D'É): a word with an elided article in front."""
    return any(mark in affix for mark in ELISION)


def _is_affix_header(fields: list[str]) -> bool:
    """`PFX flag Y|N count`; an entry is `PFX flag strip affix condition ...`."""
    return len(fields) >= 4 and fields[0] in ("PFX", "SFX") and fields[2] in ("Y", "N") and fields[3].isdigit()


def _prefix(fields: list[str]) -> Prefix:
    add, _, add_flags = fields[3].partition("/")
    return Prefix(
        strip="" if fields[2] == "0" else fields[2],
        add="" if add == "0" else add,
        add_flags=add_flags,
        condition=_condition(fields[4] if len(fields) > 4 else "."),
    )


def rewrite_affixes(text: str) -> tuple[str, Affixes]:
    """The affix file without its derivational prefix rules (elisions kept), and what was read from it."""
    affixes = Affixes()
    out: list[str] = []
    lines = text.splitlines()
    position = 0
    while position < len(lines):
        fields = lines[position].split()
        if fields[:1] == ["FLAG"] and len(fields) > 1:
            affixes.flag_format = {"long": "long", "num": "num"}.get(fields[1], "char")
        elif fields[:1] == ["CIRCUMFIX"] and len(fields) > 1:
            affixes.circumfix = fields[1]
        elif fields[:1] == ["NEEDAFFIX"] and len(fields) > 1:
            affixes.needaffix = fields[1]
        if not _is_affix_header(fields):
            out.append(lines[position])
            position += 1
            continue
        count = int(fields[3])
        entries = lines[position + 1 : position + 1 + count]
        position += 1 + count
        affixes.affix_flags.add(fields[1])
        if fields[0] == "SFX":
            out += [lines[position - 1 - count], *entries]
            continue
        kept = [entry for entry in entries if len(entry.split()) > 3 and _is_elision(entry.split()[3])]
        dropped = [_prefix(entry.split()) for entry in entries if entry not in kept and len(entry.split()) > 3]
        if dropped:
            affixes.prefixes[fields[1]] = (fields[2] == "Y", dropped)
        if kept:
            out += [" ".join([*fields[:3], str(len(kept))]), *kept]
    return "\n".join(out) + "\n", affixes


# --- the word list ------------------------------------------------------------------------------------------------


def _split_entry(line: str) -> tuple[str, str, str]:
    """word, flags, and the rest (morphological fields) of a .dic line; "\\/" is a slash inside the word."""
    parts = re.split(r"(\s)", line, maxsplit=1)
    head, rest = parts[0], "".join(parts[1:])
    match = re.match(r"((?:[^/\\]|\\.)*)(?:/(.*))?$", head)
    word, flags = (match.group(1), match.group(2) or "") if match else (head, "")
    return word, flags, rest


def _prefixed_roots(word: str, flags: list[str], rest: str, affixes: Affixes) -> Iterator[str]:
    """Each derivational prefix the word takes, as a root of its own with the flags the prefixed word keeps."""
    for flag in flags:
        if flag not in affixes.prefixes:
            continue
        cross, rules = affixes.prefixes[flag]
        # Suffixes combine with the prefix only when the rule says so (cross product); a root needing an affix
        # has one now; other flags (compounding, forbidden forms) stay.
        keep = [
            kept
            for kept in flags
            if kept not in affixes.prefixes and kept != affixes.needaffix and (cross or kept not in affixes.affix_flags)
        ]
        for rule in rules:
            if affixes.circumfix and affixes.circumfix in affixes.flags(rule.add_flags):
                continue  # half of a circumfix (German ge-…-t) is not a word
            if not word.startswith(rule.strip) or not rule.condition.match(word):
                continue
            new_flags = affixes.join([*keep, *affixes.flags(rule.add_flags)])
            new_word = rule.add + word[len(rule.strip) :]
            yield f"{new_word}/{new_flags}{rest}" if new_flags else f"{new_word}{rest}"


def rewrite_words(text: str, affixes: Affixes) -> str:
    lines = text.splitlines()
    body = lines[1:] if lines and lines[0].strip().isdigit() else lines
    out: list[str] = []
    for line in body:
        out.append(line)
        if not line.strip() or "/" not in line:
            continue
        word, flags, rest = _split_entry(line)
        out += _prefixed_roots(word, affixes.flags(flags), rest, affixes)
    return "\n".join([str(len(out)), *out]) + "\n"


# --- installing ---------------------------------------------------------------------------------------------------


def _encoding(aff: bytes) -> str:
    """The affix file declares the encoding of both files (`SET UTF-8`, `SET ISO8859-1`)."""
    for line in aff.splitlines():
        if line.startswith(b"SET "):
            name = line[4:].strip().decode("ascii", errors="replace")
            return {"ISO8859-1": "latin-1", "ISO8859-15": "iso8859-15"}.get(name, name)
    return "latin-1"  # hunspell's default


def _write(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def _stamp(aff: Path, dic: Path) -> str:
    """What the installed copy was made from: rewritten again only when the package or this module changes."""
    sources = [f"{path.resolve()}:{path.stat().st_size}:{path.stat().st_mtime_ns}" for path in (aff, dic)]
    return "\n".join([REWRITE_VERSION, *sources]) + "\n"


def install_dictionary(aff: Path, dic: Path, target: Path, locale: str) -> None:
    stamp = _stamp(aff, dic)
    stamp_file = target / ".source"
    if stamp_file.is_file() and stamp_file.read_text(encoding="utf-8") == stamp:
        return
    raw = aff.read_bytes()
    encoding = _encoding(raw)
    affix_text, affixes = rewrite_affixes(raw.decode(encoding, errors="replace"))
    words = rewrite_words(dic.read_bytes().decode(encoding, errors="replace"), affixes)
    target.mkdir(parents=True, exist_ok=True)
    _write(target / f"{locale}.aff", affix_text.encode(encoding, errors="replace"))
    _write(target / f"{locale}.dic", words.encode(encoding, errors="replace"))
    _write(target / "settings.yml", SETTINGS.encode())
    _write(stamp_file, stamp.encode())


def install_dictionaries(target_root: Path, sources: Sequence[Path] = SOURCE_DIRS) -> Dictionaries:
    """Write each language's dictionary into `target_root/<locale>/` (the node's config/hunspell)."""
    installed, missing = [], []
    for language in LANGUAGES:
        found = find_dictionary(language.dictionary, sources)
        if found is None:
            missing.append(language.dictionary)
            continue
        install_dictionary(*found, target_root / language.dictionary, language.dictionary)
        installed.append(language.dictionary)
    return Dictionaries(installed=tuple(installed), missing=tuple(missing))

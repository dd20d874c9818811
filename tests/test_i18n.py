"""The message catalogues hold a translation of every text the code shows, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from dataflow.i18n import DOMAINS, catalogue_path, place_name, translations

SRC = Path(__file__).resolve().parents[1] / "src"
METHODS = [("**.py", "python"), ("**/templates/**.j2", "jinja2.ext:babel_extract")]
OPTIONS = {"**/templates/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
#: ``{name}`` in Python's texts, ``%(name)s`` in the templates' (Jinja's gettext)
_FIELD = re.compile(r"\{(\w*)\}|%\((\w+)\)s")


def _forms(text: str | tuple[str, ...]) -> tuple[str, ...]:
    """A message's texts: one, or its singular and plural forms."""
    return tuple(text) if isinstance(text, (tuple, list)) else (text,)


def _used(domain: str) -> set[str]:
    folder = SRC / DOMAINS[domain].replace(".", "/")
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(folder), METHODS, OPTIONS):
        found.update(message if isinstance(message, tuple) else (message,))
    return found


def _catalogue(language: str, domain: str):
    with catalogue_path(language, domain).open("rb") as po:
        return read_po(po, locale=language.replace("zh", "zh_Hans"))


@pytest.mark.parametrize("domain", sorted(DOMAINS))
@pytest.mark.parametrize("language", ["ko", "zh"])
def test_every_text_is_translated_and_none_is_left_over(language, domain):
    used = _used(domain)
    assert used, f"no text of {DOMAINS[domain]} is marked for translation"
    catalogue = _catalogue(language, domain)
    kept = {form for m in catalogue if m.id for form in _forms(m.id)}
    assert sorted(used - kept) == [], f"texts without a {language} translation in {domain}.po"
    assert sorted(kept - used) == [], f"{domain}.po ({language}) keeps texts the code no longer uses"
    untranslated = [m.id for m in catalogue
                    if m.id and (not all(_forms(m.string)) or m.fuzzy)]
    assert untranslated == []


@pytest.mark.parametrize("domain", sorted(DOMAINS))
@pytest.mark.parametrize("language", ["ko", "zh"])
def test_translations_keep_every_placeholder(language, domain):
    for message in _catalogue(language, domain):
        for english in _forms(message.id) if message.id else ():
            for translated in _forms(message.string):
                assert sorted(_FIELD.findall(english)) == sorted(_FIELD.findall(translated)), (
                    english)


def test_translations_are_read_from_the_catalogues():
    assert translations("ko", "notice").gettext("Country") == "이전되는 국가"
    assert translations("zh", "notice").gettext("Country") == "所在国家或地区"
    assert translations("en", "notice").gettext("Country") == "Country"


def test_unknown_language_or_domain_is_refused():
    with pytest.raises(ValueError, match="one of en, ko, zh"):
        translations("fr", "notice")
    with pytest.raises(ValueError, match="is not a catalogue"):
        translations("ko", "manual")


@pytest.mark.parametrize(("language", "names"), [
    ("en", ["South Korea", "China", "European Union"]),
    ("ko", ["대한민국", "중국", "유럽 연합"]),
    ("zh", ["韩国", "中国", "欧盟"]),
])
def test_place_names_are_in_the_readers_language(language, names):
    assert [place_name(code, language) for code in ("KR", "CN", "EU")] == names
    assert place_name("unknown", language) is None

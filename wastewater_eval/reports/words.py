"""The documents' own words (headings, labels, sentences), in Chinese and English, in one table.

``reports/templates/words.yaml`` holds every word a template or a context builder prints that is
not a code of the law (those are in ``rules/vocabulary.yaml``): ``key: {zh: …, en: …}``, sentences
with ``{named}`` fields. Templates get the words of their language as ``w`` (``{{ w.sample }}``; a
misspelt key is an error, not a blank); builders call :func:`say`. So no template and no builder
branches on the language. A test requires both words for every key and a user for every key.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

from ..errors import InputError
from ..load.yamlio import load_file
from ..resources import data_dir

LANGS = ("zh", "en")
WORDS_FILE = "words.yaml"


@cache
def table() -> Mapping[str, Mapping[str, str]]:
    """key → {zh, en}, from the bundled words file."""
    path = data_dir("templates") / WORDS_FILE
    raw = load_file(path, trusted=True).data
    out: dict[str, Mapping[str, str]] = {}
    for key, pair in raw.items():
        if not isinstance(pair, Mapping) or set(pair) != set(LANGS):
            raise InputError.at(str(path), raw.line_of(key), str(key), "expected {zh: …, en: …}")
        out[str(key)] = MappingProxyType({lang: str(pair[lang]) for lang in LANGS})
    return MappingProxyType(out)


@cache
def words(lang: str) -> Mapping[str, str]:
    """Every word in ``lang``, for a template (``w.key``)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return MappingProxyType({k: v[lang] for k, v in table().items()})


def say(key: str, lang: str, **fields: Any) -> str:
    """The word ``key`` in ``lang``, its ``{named}`` fields filled."""
    text = words(lang)[key]
    return text.format(**fields) if fields else text


def pair(key: str) -> tuple[str, str]:
    """The word ``key`` as a (zh, en) pair, for the tables of :mod:`.terms`."""
    w = table()[key]
    return w["zh"], w["en"]

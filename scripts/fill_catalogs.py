"""Fill empty msgstrs: English gets its msgid; other locales from a {msgid: msgstr} file.

    .venv/bin/python scripts/fill_catalogs.py zh_Hans /path/to/translations.py

The translations file defines ``ZH = {msgid: msgstr}`` (plural msgids as tuples, their
msgstr a tuple with one string per plural form). Lists what is still missing.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOGS = Path(__file__).resolve().parent.parent / "src" / "potluck" / "translations"


def _empty(message_string: object) -> bool:
    if isinstance(message_string, str):
        return not message_string
    return not all(message_string)  # type: ignore[call-overload]


def fill(locale: str, translations: dict[object, object]) -> list[object]:
    path = CATALOGS / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    missing = []
    for message in catalog:
        if not message.id or not _empty(message.string):
            continue
        if locale == "en":
            message.string = message.id if isinstance(message.id, str) else tuple(message.id)
        elif message.id in translations:
            message.string = translations[message.id]
        else:
            missing.append(message.id)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100)
    return missing


if __name__ == "__main__":
    locale = sys.argv[1]
    table: dict[object, object] = runpy.run_path(sys.argv[2])["ZH"] if len(sys.argv) > 2 else {}
    for item in fill(locale, table):
        print("missing:", item)

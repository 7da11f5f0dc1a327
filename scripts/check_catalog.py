"""What a catalog still lacks: empty or fuzzy entries, missing plural forms, changed placeholders.

    .venv/bin/python scripts/check_catalog.py fr de ...   # no argument: every catalog

Exits non-zero when any catalog has a problem (tests/web/test_i18n.py checks the same for
the locales the site offers).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po

CATALOGS = Path(__file__).resolve().parent.parent / "src" / "potluck" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdifr]")


def problems(locale: str) -> list[str]:
    with (CATALOGS / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    found: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string or ())
        if message.fuzzy:
            found.append(f"fuzzy: {ids[0]!r}")
        if isinstance(message.id, (list, tuple)) and len(strings) != catalog.num_plurals:
            found.append(f"needs {catalog.num_plurals} plural forms: {ids[0]!r}")
        if not strings or not all(strings):
            found.append(f"empty: {ids[0]!r}")
            continue
        expected = set(PLACEHOLDER.findall(ids[-1]))
        found.extend(
            f"placeholders differ: {ids[0]!r} -> {string!r}"
            for string in strings
            if set(PLACEHOLDER.findall(string)) != expected
        )
    return found


if __name__ == "__main__":
    locales = sys.argv[1:] or sorted(p.name for p in CATALOGS.iterdir() if p.is_dir())
    failed = False
    for locale in locales:
        issues = problems(locale)
        print(f"{locale}: {'complete' if not issues else f'{len(issues)} problems'}")
        for issue in issues[:50]:
            print("  ", issue)
        failed = failed or bool(issues)
    sys.exit(1 if failed else 0)

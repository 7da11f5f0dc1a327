"""The rules for names, passwords, emails and profile fields, in one place.

Each check raises :class:`Invalid` naming the field and a ``reason`` clients can branch
on; messages are English, marked for translation and translated where they are shown.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from babel import Locale, UnknownLocaleError
from email_validator import EmailNotValidError, validate_email
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from potluck.kit.errors import Invalid
from potluck.kit.i18n import N_

USERNAME_PATTERN = re.compile(r"^\w{3,30}$")
RESERVED_USERNAMES = frozenset(
    {
        "about",
        "admin",
        "administrator",
        "api",
        "compose",
        "explore",
        "help",
        "live",
        "login",
        "logout",
        "me",
        "media",
        "messages",
        "moderator",
        "notes",
        "notifications",
        "potluck",
        "root",
        "search",
        "settings",
        "shop",
        "signup",
        "static",
        "support",
        "system",
        "topics",
    }
)
# The widths of the comparison-form columns: NFKC and case folding can lengthen a name or
# address many times over (U+FDFA becomes 18 characters), so they are checked after both.
MAX_USERNAME_KEY = 60
MAX_EMAIL_KEY = 254
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024
MAX_DISPLAY_NAME = 60
MAX_BIO = 500
MAX_LOCATION = 60
MAX_PRONOUNS = 40
MAX_LANGUAGES = 10


def username_key(username: str) -> str:
    """The comparison form of a username: compatibility-normalised and case-folded."""
    return unicodedata.normalize("NFKC", username).casefold()


def email_key(email: str) -> str:
    return unicodedata.normalize("NFKC", email).strip().casefold()


def check_username(username: str) -> str:
    """The name as stored (NFC, trimmed), or :class:`Invalid`."""
    username = unicodedata.normalize("NFC", username.strip())
    if not USERNAME_PATTERN.fullmatch(username) or len(username_key(username)) > MAX_USERNAME_KEY:
        raise Invalid(N_("Use 3 to 30 letters, digits or underscores."), field="username", reason="format")
    if username_key(username) in RESERVED_USERNAMES:
        raise Invalid(N_("This name is reserved."), field="username", reason="reserved")
    return username


@functools.cache
def common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords, as shipped by zxcvbn (loaded on first use)."""
    return frozenset(FREQUENCY_LISTS["passwords"])


def check_password(password: str, *, username: str = "", field: str = "password") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid(
            N_("Use at least %(count)d characters."),
            field=field,
            reason="too_short",
            params={"count": MIN_PASSWORD_LENGTH},
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise Invalid(
            N_("Use at most %(count)d characters."),
            field=field,
            reason="too_long",
            params={"count": MAX_PASSWORD_LENGTH},
        )
    folded = password.casefold()
    if folded in common_passwords() or len(set(folded)) < 3:
        raise Invalid(
            N_("This password is too common. Choose one that is harder to guess."),
            field=field,
            reason="too_common",
        )
    if username and folded == username_key(username):
        raise Invalid(N_("Don't use your name as your password."), field=field, reason="same_as_username")


def check_email(email: str) -> str:
    """The address as stored (domain normalised), or :class:`Invalid`."""
    try:
        result = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise Invalid(N_("This is not a valid email address."), field="email", reason="format") from error
    if len(email_key(result.normalized)) > MAX_EMAIL_KEY:
        raise Invalid(N_("This is not a valid email address."), field="email", reason="format")
    return result.normalized


def clean_text(value: str, *, field: str, max_length: int, multiline: bool = False) -> str:
    """NFC, trimmed, control characters removed; too long is an error, not a silent cut."""
    value = unicodedata.normalize("NFC", value).strip()
    allowed = {"\n"} if multiline else set()
    value = "".join(
        ch for ch in value if ch in allowed or unicodedata.category(ch) not in {"Cc", "Cf"} or ch == "\u200d"
    )
    if multiline:
        value = re.sub(r"\n{3,}", "\n\n", value.replace("\r\n", "\n"))
    if len(value) > max_length:
        raise Invalid(
            N_("Use at most %(count)d characters."),
            field=field,
            reason="too_long",
            params={"count": max_length},
        )
    return value


def check_display_name(display_name: str) -> str:
    value = clean_text(display_name, field="display_name", max_length=MAX_DISPLAY_NAME)
    if not value:
        raise Invalid(N_("Enter a name to show on your profile."), field="display_name", reason="required")
    return value


def check_language_tag(tag: str, *, field: str) -> str:
    """A BCP 47 language tag Babel knows (``en``, ``zh-Hant``), in canonical form."""
    try:
        locale = Locale.parse(tag.strip().replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError) as error:
        raise Invalid(
            N_("Unknown language: %(tag)s"), field=field, reason="unknown_language", params={"tag": tag[:35]}
        ) from error
    return str(locale).replace("_", "-")


def check_languages(tags: list[str]) -> list[str]:
    if len(tags) > MAX_LANGUAGES:
        raise Invalid(
            N_("Choose at most %(count)d languages."),
            field="languages",
            reason="too_many",
            params={"count": MAX_LANGUAGES},
        )
    seen: list[str] = []
    for tag in tags:
        canonical = check_language_tag(tag, field="languages")
        if canonical not in seen:
            seen.append(canonical)
    return seen

"""The engines this server translates with, tried in the configured order.

``POTLUCK_TRANSLATION_ENGINES`` orders them (default ``local,libretranslate,deepl``); each
takes part only when configured: ``local`` when a model is installed in
``POTLUCK_TRANSLATION_MODELS_DIR``, ``libretranslate`` with ``POTLUCK_LIBRETRANSLATE_URL``,
``deepl`` with ``POTLUCK_DEEPL_KEY``. An engine that cannot do a pair is skipped; one that
errs or takes longer than ``POTLUCK_TRANSLATION_TIMEOUT_SECONDS`` is passed over for the
next. The :class:`Translator` is built once per process and shared with its jobs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import structlog

from potluck.kit.language import normalise_language
from potluck.settings import Settings
from potluck.translation.engine import EngineError, TranslationEngine
from potluck.translation.engine_local import LocalEngine
from potluck.translation.engine_remote import DeepLEngine, LibreTranslateEngine

log = structlog.get_logger(__name__)

TRANSLATOR_KEY = "potluck.translator"
ENGINE_NAMES = ("local", "libretranslate", "deepl")


class NoEngine(Exception):
    """No engine is configured, or none translates this pair."""


class AllEnginesFailed(Exception):
    """Every engine that could translate the pair failed this time."""


@dataclass(frozen=True)
class Translated:
    engine: str
    texts: list[str]


class Translator:
    def __init__(self, engines: Sequence[TranslationEngine], *, timeout: float) -> None:
        self.engines = list(engines)
        self.timeout = timeout

    @property
    def configured(self) -> bool:
        return bool(self.engines)

    def label(self, name: str) -> str:
        return next((engine.label for engine in self.engines if engine.name == name), name)

    async def supports(self, source: str, target: str) -> bool:
        return any([await engine.supports(source, target) for engine in self.engines])

    async def detect(self, text: str) -> str | None:
        """The language an engine that detects (LibreTranslate's ``/detect``) says ``text``
        is in, when Potluck's own detector could not tell; None if none can."""
        for engine in self.engines:
            detect = getattr(engine, "detect", None)
            if detect is None:
                continue
            try:
                async with asyncio.timeout(self.timeout):
                    code = await detect(text)
            except (EngineError, TimeoutError):
                continue
            if code and (language := normalise_language(code)) is not None:
                return language
        return None

    async def translate(self, texts: Sequence[str], *, source: str, target: str) -> Translated:
        """The first engine's translation that works. Raises :class:`NoEngine` or
        :class:`AllEnginesFailed`."""
        tried = False
        for engine in self.engines:
            if not await engine.supports(source, target):
                continue
            tried = True
            try:
                async with asyncio.timeout(self.timeout):
                    return Translated(
                        engine.name, await engine.translate(texts, source=source, target=target)
                    )
            except (EngineError, TimeoutError) as error:
                log.warning("translation_engine_failed", engine=engine.name, source=source, target=target,
                            error=str(error) or "timed out")  # fmt: skip
        if not tried:
            raise NoEngine(f"no engine translates {source} to {target}")
        raise AllEnginesFailed(f"every engine failed to translate {source} to {target}")

    async def close(self) -> None:
        for engine in self.engines:
            await engine.close()


def build_translator(settings: Settings) -> Translator:
    engines: list[TranslationEngine] = []
    timeout = settings.translation_timeout_seconds
    for name in settings.translation_engine_order:
        if name == "local":
            local = LocalEngine(
                settings.resolved_translation_models_dir, threads=settings.translation_threads
            )
            if local.available():
                engines.append(local)
        elif name == "libretranslate" and settings.libretranslate_url:
            url, key = settings.libretranslate_url, settings.libretranslate_key
            engines.append(LibreTranslateEngine(url, api_key=key, timeout=timeout))
        elif name == "deepl" and settings.deepl_key:
            engines.append(DeepLEngine(settings.deepl_key, url=settings.deepl_url, timeout=timeout))
    return Translator(engines, timeout=timeout)


def translator_of(info: Mapping[str, Any]) -> Translator:
    """The process's translator, from a session's ``info`` or a job's ``resources`` (the
    runtime builds it once)."""
    translator: Translator = info[TRANSLATOR_KEY]
    return translator

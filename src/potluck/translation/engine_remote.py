"""Translation services over HTTP: a LibreTranslate server and DeepL.

Both follow their documented APIs: LibreTranslate's ``/translate``, ``/detect`` and
``/languages`` (an ``api_key`` in the body when the server wants one), DeepL's
``/v2/translate`` and ``/v2/languages`` (``Authorization: DeepL-Auth-Key``; keys ending
in ``:fx`` belong to the free API's host). Each keeps the language list it was given for
an hour. Any failure (refused, timed out, an error status, an answer of the wrong shape)
is an :class:`EngineError`, so the next engine is tried.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import httpx
import opencc

from potluck.translation.engine import EngineError
from potluck.translation.languages import TO_TRADITIONAL, base

LANGUAGES_TTL = 3600.0


class _Remote:
    name = ""
    label = ""

    def __init__(
        self, url: str, *, timeout: float, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.url = url.rstrip("/")
        self._client = httpx.AsyncClient(timeout=timeout, transport=transport)
        self._codes: set[str] | None = None
        self._codes_at = 0.0

    async def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = await self._client.request(method, self.url + path, **kwargs)
        except httpx.TimeoutException as error:
            raise EngineError(f"{self.label} did not answer in time") from error
        except httpx.HTTPError as error:
            raise EngineError(f"{self.label} could not be reached: {error}") from error
        if response.status_code != 200:
            raise EngineError(f"{self.label} answered {response.status_code}: {response.text[:200]}")
        try:
            return response.json()
        except ValueError as error:
            raise EngineError(f"{self.label} did not answer JSON") from error

    async def _languages(self) -> set[str] | None:
        """The codes the service knows, or None when it cannot be asked now."""
        if self._codes is not None and time.monotonic() - self._codes_at < LANGUAGES_TTL:
            return self._codes
        try:
            self._codes = await self._fetch_languages()
        except (EngineError, KeyError, TypeError):
            return None
        self._codes_at = time.monotonic()
        return self._codes

    async def _fetch_languages(self) -> set[str]:
        raise NotImplementedError

    async def close(self) -> None:
        await self._client.aclose()


class LibreTranslateEngine(_Remote):
    name = "libretranslate"
    label = "LibreTranslate"

    def __init__(
        self,
        url: str,
        *,
        api_key: str = "",
        timeout: float,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(url, timeout=timeout, transport=transport)
        self.api_key = api_key

    async def _fetch_languages(self) -> set[str]:
        return {str(language["code"]) for language in await self._request("GET", "/languages")}

    def _code(self, language: str, codes: set[str]) -> tuple[str, bool] | None:
        """The server's code for ``language``, and whether the text needs OpenCC after
        (Traditional Chinese asked of a server that only writes Simplified)."""
        candidates = {"zh-Hans": ["zh-Hans", "zh"], "zh-Hant": ["zh-Hant", "zt"]}.get(language, [language])
        for candidate in candidates:
            if candidate in codes:
                return candidate, False
        if language == "zh-Hant" and ("zh" in codes or "zh-Hans" in codes):
            return ("zh-Hans" if "zh-Hans" in codes else "zh"), True
        return None

    async def supports(self, source: str, target: str) -> bool:
        codes = await self._languages()
        if codes is None:
            return True  # cannot tell now: trying will say
        return self._code(source, codes) is not None and self._code(target, codes) is not None

    async def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        codes = await self._languages() or set()
        source_code = self._code(source, codes) if codes else (base(source), False)
        target_code = self._code(target, codes) if codes else (base(target), False)
        if source_code is None or target_code is None:
            raise EngineError(f"{self.label} does not translate {source} to {target}")
        body: dict[str, Any] = {
            "q": list(texts),
            "source": source_code[0],
            "target": target_code[0],
            "format": "text",
        }
        if self.api_key:
            body["api_key"] = self.api_key
        answer = await self._request("POST", "/translate", json=body)
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(translated, list) or len(translated) != len(texts):
            raise EngineError(f"{self.label} answered something else than one translation per text")
        result = [str(text) for text in translated]
        if target_code[1]:
            converter = opencc.OpenCC(TO_TRADITIONAL)
            result = [converter.convert(text) for text in result]
        return result

    async def detect(self, text: str) -> str | None:
        """The server's guess at ``text``'s language (base code), if it is fairly sure."""
        body: dict[str, Any] = {"q": text}
        if self.api_key:
            body["api_key"] = self.api_key
        answer = await self._request("POST", "/detect", json=body)
        if isinstance(answer, list) and answer and float(answer[0].get("confidence", 0)) >= 50:
            return str(answer[0]["language"])
        return None


class DeepLEngine(_Remote):
    name = "deepl"
    label = "DeepL"

    def __init__(
        self,
        api_key: str,
        *,
        url: str = "",
        timeout: float,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        host = url or ("https://api-free.deepl.com" if api_key.endswith(":fx") else "https://api.deepl.com")
        super().__init__(host, timeout=timeout, transport=transport)
        self._client.headers["Authorization"] = f"DeepL-Auth-Key {api_key}"

    async def _fetch_languages(self) -> set[str]:
        languages = await self._request("GET", "/v2/languages", params={"type": "target"})
        return {str(language["language"]).upper() for language in languages}

    @staticmethod
    def _target(language: str) -> str:
        return {"en": "EN-US", "pt": "PT-BR", "zh-Hans": "ZH-HANS", "zh-Hant": "ZH-HANT"}.get(
            language, language.upper()
        )

    async def supports(self, source: str, target: str) -> bool:
        codes = await self._languages()
        if codes is None:
            return True
        # DeepL reads every language it writes (sources are the base codes: ZH, EN, PT).
        known = {code.split("-")[0] for code in codes}
        return base(source).upper() in known and (self._target(target) in codes or target.upper() in codes)

    async def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        body = {"text": list(texts), "source_lang": base(source).upper(), "target_lang": self._target(target)}
        answer = await self._request("POST", "/v2/translate", json=body)
        translations = answer.get("translations") if isinstance(answer, dict) else None
        if not isinstance(translations, list) or len(translations) != len(texts):
            raise EngineError(f"{self.label} answered something else than one translation per text")
        return [str(item.get("text", "")) for item in translations]

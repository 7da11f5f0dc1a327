"""LibreTranslate and DeepL as their documented APIs answer, and as they fail."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from potluck.translation.engine import EngineError
from potluck.translation.engine_remote import DeepLEngine, LibreTranslateEngine

LIBRE_LANGUAGES = [
    {"code": "en", "name": "English", "targets": ["zh-Hans", "fr", "ja"]},
    {"code": "zh-Hans", "name": "Chinese", "targets": ["en"]},
    {"code": "fr", "name": "French", "targets": ["en"]},
]


def libretranslate(
    seen: list[dict[str, Any]], *, languages: list[dict[str, Any]] = LIBRE_LANGUAGES, key: str | None = None
) -> httpx.MockTransport:
    """A LibreTranslate server: /languages, /translate (q as a list) and /detect."""

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/languages" and request.method == "GET":
            return httpx.Response(200, json=languages)
        body = json.loads(request.content)
        seen.append({"path": request.url.path, **body})
        if key is not None and body.get("api_key") != key:
            return httpx.Response(403, json={"error": "Invalid API key"})
        if request.url.path == "/translate":
            texts = body["q"] if isinstance(body["q"], list) else [body["q"]]
            return httpx.Response(200, json={"translatedText": [f"<{body['target']}>{t}" for t in texts]})
        if request.url.path == "/detect":
            return httpx.Response(200, json=[{"confidence": 90.0, "language": "fr"}])
        return httpx.Response(404)

    return httpx.MockTransport(handle)


async def test_libretranslate_follows_its_api() -> None:
    seen: list[dict[str, Any]] = []
    engine = LibreTranslateEngine(
        "http://lt.test/", api_key="s3cret", timeout=5, transport=libretranslate(seen, key="s3cret")
    )
    assert await engine.supports("en", "zh-Hans")
    assert not await engine.supports("en", "ko")
    out = await engine.translate(["Hello", "<b>Hi</b>"], source="en", target="zh-Hans")
    assert out == ["<zh-Hans>Hello", "<zh-Hans><b>Hi</b>"]
    assert seen[-1] == {
        "path": "/translate",
        "q": ["Hello", "<b>Hi</b>"],
        "source": "en",
        "target": "zh-Hans",
        "format": "text",
        "api_key": "s3cret",
    }
    assert await engine.detect("Bonjour à tous") == "fr"
    await engine.close()


async def test_libretranslate_without_traditional_chinese_converts_it() -> None:
    seen: list[dict[str, Any]] = []
    languages = [{"code": "en", "targets": ["zh"]}, {"code": "zh", "targets": ["en"]}]
    engine = LibreTranslateEngine(
        "http://lt.test", timeout=5, transport=libretranslate(seen, languages=languages)
    )
    assert await engine.supports("en", "zh-Hant")
    [out] = await engine.translate(["Hello"], source="en", target="zh-Hant")
    assert seen[-1]["target"] == "zh"
    assert "api_key" not in seen[-1]
    assert out == "<zh>Hello"  # nothing Chinese to convert in the fake's answer
    await engine.close()


async def test_libretranslate_errors_are_engine_errors() -> None:
    engine = LibreTranslateEngine(
        "http://lt.test", api_key="wrong", timeout=5, transport=libretranslate([], key="right")
    )
    with pytest.raises(EngineError, match="403"):
        await engine.translate(["Hello"], source="en", target="fr")

    def broken(request: httpx.Request) -> httpx.Response:
        return (
            httpx.Response(200, text="<html>oops</html>")
            if request.url.path == "/translate"
            else httpx.Response(200, json=LIBRE_LANGUAGES)
        )

    engine = LibreTranslateEngine("http://lt.test", timeout=5, transport=httpx.MockTransport(broken))
    with pytest.raises(EngineError, match="JSON"):
        await engine.translate(["Hello"], source="en", target="fr")


async def test_an_engine_that_cannot_be_reached_is_an_engine_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    engine = LibreTranslateEngine("http://lt.test", timeout=5, transport=httpx.MockTransport(refuse))
    assert await engine.supports("en", "fr"), "cannot tell now: trying will say"
    with pytest.raises(EngineError, match="could not be reached"):
        await engine.translate(["Hello"], source="en", target="fr")


async def test_a_timeout_is_an_engine_error() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    engine = LibreTranslateEngine("http://lt.test", timeout=0.05, transport=httpx.MockTransport(slow))
    with pytest.raises(EngineError, match="in time"):
        await engine.translate(["Hello"], source="en", target="fr")


async def test_deepl_follows_its_api() -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/v2/languages":
            return httpx.Response(
                200, json=[{"language": code} for code in ("EN-US", "EN-GB", "ZH-HANS", "ZH-HANT", "JA")]
            )
        body = json.loads(request.content)
        return httpx.Response(
            200,
            json={
                "translations": [
                    {"detected_source_language": "ZH", "text": f"{body['target_lang']}:{t}"}
                    for t in body["text"]
                ]
            },
        )

    engine = DeepLEngine("abc:fx", timeout=5, transport=httpx.MockTransport(handle))
    assert await engine.supports("zh-Hans", "en")
    assert await engine.supports("en", "zh-Hant")
    assert not await engine.supports("en", "ko")
    out = await engine.translate(["你好", "火锅"], source="zh-Hans", target="en")
    assert out == ["EN-US:你好", "EN-US:火锅"]
    request = seen[-1]
    assert request.url.host == "api-free.deepl.com", "keys ending in :fx use the free API"
    assert request.headers["Authorization"] == "DeepL-Auth-Key abc:fx"
    assert json.loads(request.content)["source_lang"] == "ZH"
    assert (await engine.translate(["hi"], source="en", target="zh-Hant")) == ["ZH-HANT:hi"]
    assert DeepLEngine("abc", timeout=5).url == "https://api.deepl.com"

"""Which language a text is in (potluck.kit.language): what a note's language chip and
the Translate link will go by. Accuracy over many texts is bench/langid_accuracy.py's
to measure; these are the cases a reader would notice."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from potluck.kit.language import UNDETERMINED, detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("今天去吃了成都火锅，毛肚超级新鲜！", "zh-Hans"),
        ("這家咖啡廳的甜點真的很用心", "zh-Hant"),
        ("Best hotpot I've had outside of Chengdu, no cap", "en"),
        ("このカフェのパンケーキがふわふわで最高", "ja"),
        ("오늘 친구랑 홍대에서 맛집 탐방했어요", "ko"),
        ("¿Alguien sabe un buen protector solar para piel grasa?", "es"),
        ("Quelle crème solaire pour peau grasse ?", "fr"),
        ("Посоветуйте солнцезащитный крем для жирной кожи", "ru"),
        ("أفضل شاورما أكلتها في حياتي", "ar"),
        ("ร้านชาบูนี้อร่อยมาก ต้องลอง", "th"),
    ],
)
def test_each_language_is_told_apart(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "今天的 outfit 是 oversize 卫衣配牛仔裤",
        "欢迎 TikTok refugees 来小红书玩",
        "我の日常",
        "好吃",
        "哈哈哈",
    ],
)
def test_chinese_with_english_words_or_a_japanese_no_or_only_two_characters_is_chinese(text: str) -> None:
    assert detect_language(text) == "zh-Hans"


@pytest.mark.parametrize(
    "text", ["", "   ", "😂😂😂", "12345 !!!", "ok", "https://example.com/a-b-c", "#ootd @lisa"]
)
def test_too_little_to_tell_is_undetermined(text: str) -> None:
    assert detect_language(text) == UNDETERMINED


def test_a_title_and_a_body_are_read_together_and_links_and_tags_do_not_count() -> None:
    assert detect_language("Paris", "Le meilleur croissant de la ville, vraiment") == "fr"
    assert detect_language(None, "Meine Katze weckt mich jeden Morgen https://example.com/my-cat") == "de"
    assert detect_language("#travel #food @anna", "周末带狗狗去公园玩了一下午") == "zh-Hans"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.text(max_size=50))
def test_any_text_gives_a_code(body: str, title: str) -> None:
    code = detect_language(title, body)
    assert code == UNDETERMINED or code.replace("-", "").isalpha()

"""Search's text analysis (search.analysis): Chinese without spaces, Traditional and
Simplified as one, pinyin for newcomers, English word forms and accents, topics, names
and emoji; and whatever the text, a note is found by its own words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import lazy_pinyin

from potluck.search.analysis import MAX_QUERY_TERMS, MAX_TERM_LENGTH, index_terms, pinyin_of, query_terms


def finds(query: str, *texts: str) -> bool:
    """Whether every group of the query is matched by the texts' terms."""
    indexed = set(index_terms(*texts))
    asked = query_terms(query)
    return bool(asked) and all(group & indexed for group in asked.groups)


def test_chinese_is_segmented_without_spaces() -> None:
    terms = index_terms("成都火锅推荐，好吃不贵")
    assert {"成都", "火锅", "推荐", "好吃"} <= set(terms)
    assert finds("成都 火锅 推荐", "成都火锅推荐，好吃不贵")
    assert finds("火锅推荐", "成都火锅推荐")
    assert not finds("北京烤鸭", "成都火锅推荐")


def test_traditional_and_simplified_find_each_other() -> None:
    assert finds("火鍋推薦", "成都火锅推荐")
    assert finds("火锅", "台灣的火鍋")


def test_pinyin_as_a_newcomer_types_it_finds_chinese() -> None:
    assert finds("huoguo", "成都火锅推荐")
    assert finds("chengdu huoguo", "成都火锅推荐")
    assert not finds("beijing", "成都火锅推荐")


def test_english_word_forms_and_accents() -> None:
    assert finds("best sunscreen for oily skin", "My best sunscreens for oily skin, tested")
    assert finds("running shoes", "I ran in these shoes while running the marathon")
    assert finds("cafe", "A tiny café in Montmartre")
    assert finds("CAFÉ", "a cafe by the river")
    assert not finds("sunscreen", "moisturiser for dry skin")


def test_stopwords_are_not_required_unless_that_is_all_there_is() -> None:
    assert [sorted(group) for group in query_terms("the cafes of paris").groups] == [["cafe"], ["pari"]]
    assert query_terms("the")  # a query of only such words still asks for them


def test_words_saying_what_kind_of_note_is_wanted_are_optional_but_count() -> None:
    hotpot = query_terms("成都火锅推荐")
    assert hotpot.groups == [frozenset({"成都"}), frozenset({"火锅"})]
    assert hotpot.optional == {"推荐"}
    tips = query_terms("best Kyoto travel tips")
    assert [("kyoto" in group, "travel" in group) for group in tips.groups] == [(True, False), (False, True)]
    assert tips.optional == {"best", "tip"}
    assert query_terms("best tips").groups == [frozenset({"best"}), frozenset({"tip"})]  # nothing else to ask


def test_two_short_words_also_match_them_written_as_one() -> None:
    assert finds("hot pot", "Our hotpot night")
    assert finds("hotpot", "Our hot pot night")
    assert finds("bubble tea", "#bubbletea in Taipei")
    assert finds("dog training", "#dogtraining day one")
    assert not finds("hotpot", "a hot day by the pot")  # joined only side by side


def test_pinyin_of_characters_the_segmenter_cuts_apart() -> None:
    assert finds("maoliang", "新买的猫粮")
    assert finds("huoguo", "成都火锅")


def test_topics_and_names_are_exact_terms() -> None:
    text = "去吃了#成都美食#，谢谢@alice_b 的推荐 #TikTokRefugee"
    terms = index_terms(text)
    assert {"#成都美食", "#tiktokrefugee", "@alice_b"} <= set(terms)
    assert finds("#成都美食", text)
    assert finds("美食", text)  # the words inside a topic count too
    assert finds("@alice_b", text)
    assert not finds("#成都", text)  # a topic is matched whole


def test_emoji_are_kept() -> None:
    assert "🍲" in index_terms("hotpot night 🍲🔥")
    assert finds("🍲", "hotpot night 🍲🔥")
    assert not finds("🍣", "hotpot night 🍲🔥")


def test_letters_and_digits_apart() -> None:
    assert finds("iphone 15", "新买的iPhone15手机")
    assert finds("iPhone15", "iphone 15 review")


def test_search_syntax_is_just_text() -> None:
    asked = {
        '"NEAR" OR *': [["near"]],
        'unbalanced "quote': [["unbalanc"], ["quot"]],
        "back\\slash": [["back"], ["slash"]],
        "a AND (b OR c": [["b"], ["c"]],
        "NEAR(x y, 2)": [["near"], ["x", "xy"], ["xy", "y"], ["2"]],
        "-": [],
        "  \"'*()\\  ": [],
    }
    for query, groups in asked.items():
        assert [sorted(group) for group in query_terms(query).groups] == groups, query


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_a_note_is_found_by_its_own_text(text: str) -> None:
    asked = query_terms(text)
    indexed = set(index_terms(text))
    assert all(group & indexed for group in asked.groups)
    assert len(asked.groups) <= MAX_QUERY_TERMS
    assert all(0 < len(term) <= MAX_TERM_LENGTH for term in [*asked.terms, *indexed])


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("成都火锅推荐好吃台灣鍋 #@abcé🍲1_"), max_size=60))
def test_mixed_scripts_never_fail(text: str) -> None:
    assert all(group & set(index_terms(text)) for group in query_terms(text).groups)


def test_pinyin_is_pypinyins_reading_of_the_word() -> None:
    """Read from pypinyin's dictionaries directly (for speed): the same as lazy_pinyin,
    phrase readings of heteronyms included."""
    for word in ("重庆", "银行", "行人", "火锅", "旅游", "女生", "猫粮", "长城", "了解", "成都美食"):
        assert pinyin_of(word) == "".join(lazy_pinyin(word)), word

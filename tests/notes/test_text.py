"""Reading a note's words: which #topics and @mentions it has, and its safe HTML."""

from __future__ import annotations

from potluck.notes.text import Links, mentions_in, to_html, topic_key, topics_in

# --- topics ------------------------------------------------------------------------------------


def test_topics_are_found_in_order_of_first_appearance() -> None:
    assert topics_in("Noodles #TikTokRefugee then #breakfast.") == ["TikTokRefugee", "breakfast"]


def test_a_closing_hash_lets_chinese_text_run_on() -> None:
    assert topics_in("周末去吃了#成都美食#真的好吃") == ["成都美食"]
    assert topics_in("#成都美食 和 #火锅#") == ["成都美食", "火锅"]
    assert topics_in("去吃了#火锅#") == ["火锅"], "Chinese text may touch the opening # too"


def test_one_topic_in_two_spellings_counts_once_keeping_the_first() -> None:
    assert topics_in("#TikTokRefugee #tiktokrefugee #TIKTOKREFUGEE") == ["TikTokRefugee"]
    # Full-width letters are the same topic as their ASCII spelling.
    assert topics_in("#ｃｏｆｆｅｅ #Coffee") == ["ｃｏｆｆｅｅ"]
    assert topic_key("ｃｏｆｆｅｅ") == topic_key("Coffee") == "coffee"


def test_a_hash_inside_a_word_or_link_is_not_a_topic() -> None:
    assert topics_in("I write C# and F# at work") == []
    assert topics_in("See https://example.com/recipes#dumplings for more") == []
    assert topics_in("Tom&#39;s place") == []
    assert topics_in("##double") == []


def test_numbers_alone_are_not_topics() -> None:
    assert topics_in("Order #2024 and #42 then #2024年") == ["2024年"]
    assert topics_in("#-2024-") == []


def test_a_topic_is_at_most_forty_characters() -> None:
    assert topics_in("#" + "a" * 60) == ["a" * 40]


def test_at_most_twenty_topics_are_kept() -> None:
    text = " ".join(f"#topic{number}" for number in range(30))
    assert topics_in(text) == [f"topic{number}" for number in range(20)]


# --- mentions ----------------------------------------------------------------------------------


def test_mentions_are_found_once_each_in_order() -> None:
    assert mentions_in("Thanks @Bob and @carol_99, and @bob again") == ["Bob", "carol_99"]


def test_mentions_may_touch_chinese_text() -> None:
    assert mentions_in("谢谢@bob的推荐") == ["bob"]


def test_email_addresses_and_short_names_are_not_mentions() -> None:
    assert mentions_in("write to alice@example.com or @ab") == []


# --- HTML --------------------------------------------------------------------------------------


def test_hostile_html_is_shown_as_text() -> None:
    html = str(to_html('<script>alert("x")</script><img src=x onerror=alert(1)>', Links()))
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_topics_become_links_and_known_mentions_link_to_profiles() -> None:
    html = str(to_html("Lunch #成都美食# with @bob and @stranger", Links(usernames=frozenset({"bob"}))))
    assert '<a class="topic" href="/topics/%E6%88%90%E9%83%BD%E7%BE%8E%E9%A3%9F">#成都美食#</a>' in html
    assert '<a class="mention" href="/@bob">@bob</a>' in html
    assert "@stranger" in html
    assert 'href="/@stranger"' not in html, "only people who exist are linked"


def test_a_topic_cannot_break_out_of_its_link() -> None:
    html = str(to_html('#tasty"onmouseover="alert(1)', Links()))
    assert '<a class="topic" href="/topics/tasty">#tasty</a>' in html
    assert 'onmouseover="' not in html
    assert "&#34;onmouseover=&#34;alert(1)" in html


def test_things_that_are_not_topics_are_not_linked() -> None:
    html = str(to_html("C# at https://x.example/a#b, order #2024, and #---", Links()))
    assert "<a" not in html


def test_line_breaks_are_kept() -> None:
    assert str(to_html("one\ntwo & three", Links())) == "one<br>\ntwo &amp; three"

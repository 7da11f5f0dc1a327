"""Every demo note and comment has a person's translation into English and Chinese (the
languages it is not in), put together as the note is."""

from __future__ import annotations

from potluck.demo import translations
from potluck.demo.plan import plan_notes


def test_every_planned_note_and_comment_is_translated() -> None:
    missing: list[str] = []
    planned = plan_notes()
    assert len(planned) > 100
    for note in planned:
        if note.draft:  # only their author sees drafts
            continue
        language = note.author.language
        targets = [
            t for t in ("en", "zh-Hans", "zh-Hant") if t != {"en": "en", "zh": "zh-Hans"}.get(language)
        ]
        assert note.pieces is not None
        for target in targets:
            if translations.piece(note.title, target) is None:
                missing.append(f"title {note.title!r} -> {target}")
            if note.pieces is not None and translations.body(note.pieces, target) is None:
                missing.append(f"body of {note.title!r} -> {target}")
        texts = [c.body for c in note.comments] + [body for c in note.comments for _, body, _ in c.replies]
        texts += [note.pinned] if note.pinned else []
        missing.extend(
            f"comment {text!r}"
            for text in texts
            if not any(translations.piece(text, t) for t in ("en", "zh-Hans"))
        )
    assert not missing, "\n".join(missing[:30])


def test_a_body_is_put_together_in_the_target_s_manner() -> None:
    note = next(
        n for n in plan_notes() if n.author.language == "en" and n.pieces and len(n.pieces.paragraph) > 1
    )
    assert note.pieces is not None
    chinese = translations.body(note.pieces, "zh-Hans")
    assert chinese is not None
    first_paragraph = chinese.split("\n\n")[0]
    assert len(first_paragraph.split("\n")) == len(note.pieces.paragraph), (
        "one sentence a line, as Chinese posts do"
    )
    assert chinese.endswith(note.pieces.tags), "topics stay as written"
    traditional = translations.body(note.pieces, "zh-Hant")
    assert traditional is not None
    assert traditional != chinese

"""What the demo's people say under each other's notes, by language: praise and questions,
the author's answers and pinned comment, friends joining in, thanks.
"""

from __future__ import annotations

COMMENTS: dict[str, list[str]] = {
    "zh": [
        "太好看了吧！",
        "收藏了，周末就去",
        "求地址🙏",
        "博主好会拍",
        "这个颜色绝了",
        "蹲一个后续",
        "已关注，期待更多分享",
        "看饿了😭",
        "请问是在哪里买的？",
        "好治愈啊",
        "跟着博主买了，真的不错",
        "我也想要这样的生活",
        "第一张是什么相机拍的？",
        "学到了，谢谢分享",
        "欢迎新朋友！Welcome 👋",
    ],
    "en": [
        "This is so cozy!",
        "Saving this for later 📌",
        "Where is this? 😍",
        "How long did it take?",
        "Obsessed with these colors",
        "Hi from Ohio! 👋",
        "Learning so much here",
        "Cat tax accepted 🐱",
        "Okay I need this in my life",
        "The translate button is magic, thank you for posting!",
        "Wow, the light in the first photo",
        "Adding this to my list!",
        "Beautiful, thanks for sharing",
    ],
    "es": [
        "¡Qué bonito!",
        "Me encanta 😍",
        "¿Dónde es esto?",
        "Guardado para mi próximo viaje",
        "¡Gracias por compartir!",
    ],
    "ja": ["すてきですね！", "行ってみたいです", "かわいい〜", "参考になります！"],
    "ko": ["너무 예뻐요!", "저장해요 📌", "어디예요?", "정보 감사해요!"],
    "fr": ["Trop beau !", "J'adore 😍", "C'est où ?", "Merci pour le partage !"],
    "pt": ["Que lindo!", "Amei 😍", "Onde é isso?", "Obrigada por partilhar!"],
}

# The author answering praise...
ANSWERS: dict[str, list[str]] = {
    "zh": ["谢谢喜欢～", "谢谢关注！", "爱你们❤️", "哈哈哈谢谢", "Thank you! 欢迎常来～"],
    "en": ["Thank you!! 🥰", "Thanks for stopping by!", "You're too kind 🥹", "Appreciate you!"],
    "es": ["¡Gracias! 🥰", "¡Qué amable!"],
    "ja": ["ありがとうございます！", "嬉しいです〜"],
    "ko": ["감사해요! 🥰", "고마워요!"],
    "fr": ["Merci ! 🥰", "Trop gentil !"],
    "pt": ["Obrigada! 🥰", "Que fofo, obrigada!"],
}

# ...and a question (comments with a question mark, or asking for an address).
INFO_ANSWERS: dict[str, list[str]] = {
    "zh": ["地址在正文里啦", "手机拍的，没修图～", "大概两个小时，不难的", "在最后一张图里～"],
    "en": [
        "It's in the caption!",
        "Just my phone, no edits",
        "About two hours, totally doable",
        "Last photo has the details!",
    ],
    "es": ["Está en la descripción", "Con el móvil, sin filtros"],
    "ja": ["本文に書きました〜", "スマホで撮りました！"],
    "ko": ["본문에 있어요!", "휴대폰으로 찍었어요!"],
    "fr": ["C'est dans la description !", "Au téléphone, sans filtre"],
    "pt": ["Está na descrição!", "Foi com o celular, sem filtro"],
}

# Someone else joining a thread.
CHIME_INS: dict[str, list[str]] = {
    "zh": ["同问！", "+1 我也想知道", "我去过，真的很好", "哈哈哈哈"],
    "en": ["Same question!", "Can confirm, it's amazing", "+1", "Haha this thread"],
    "es": ["¡Yo también quiero saber!", "+1"],
    "ja": ["同じく知りたいです！"],
    "ko": ["저도 궁금해요!"],
    "fr": ["Pareil, je veux savoir !"],
    "pt": ["Também quero saber!"],
}

# The commenter thanking the author for the answer.
THANKS: dict[str, list[str]] = {
    "zh": ["好的谢谢！", "收到～", "爱了爱了"],
    "en": ["Thanks!", "Got it, thank you 🙏", "Amazing, thanks!"],
    "es": ["¡Gracias!"],
    "ja": ["ありがとうございます！"],
    "ko": ["감사합니다!"],
    "fr": ["Merci !"],
    "pt": ["Obrigado!"],
}

# The author's own comment, pinned on top.
PINNED: dict[str, list[str]] = {
    "zh": [
        "📌 统一回复：地址、价格都在正文和最后一张图里啦，有问题继续问～",
        "📌 置顶：谢谢大家喜欢！下一篇写详细攻略，想看的扣1",
        "📌 很多人问链接，都不是广告，自己搜名字就能找到～",
    ],
    "en": [
        "📌 FAQ: everything is in the caption and the last photo. Ask me anything below!",
        "📌 Part two coming next week, comment if you want it!",
        "📌 Not sponsored! Just things I love.",
    ],
    "es": ["📌 Todo está en la descripción. ¡Preguntad lo que queráis!"],
    "ja": ["📌 詳しくは本文をご覧ください。質問も大歓迎です！"],
    "ko": ["📌 자세한 정보는 본문에 있어요. 질문 환영해요!"],
    "fr": ["📌 Tout est dans la description. Posez vos questions !"],
    "pt": ["📌 Está tudo na descrição. Perguntem à vontade!"],
}

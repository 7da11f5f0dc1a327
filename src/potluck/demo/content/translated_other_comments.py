"""English and Chinese translations of the demo's questions to readers, mentions and
comments in other languages (Spanish, Japanese, Korean, French, Portuguese), written by
people; titles, opening lines and details are in :mod:`.translated_other`."""

from __future__ import annotations

# question, mention or comment as written -> {"en": English, "zh-Hans": Simplified Chinese}
OTHER_COMMENTS: dict[str, dict[str, str]] = {
    # Questions
    "¿Cuál os gusta más?": {
        "en": "Which one's your favorite?",
        "zh-Hans": "你们最喜欢哪一个？",
    },
    "¿Alguna recomendación?": {
        "en": "Any recommendations?",
        "zh-Hans": "有什么推荐吗？",
    },
    "みなさんのおすすめも教えてください！": {
        "en": "Tell me your favorites too!",
        "zh-Hans": "也欢迎大家分享你们的推荐！",
    },
    "여러분의 추천도 알려주세요!": {
        "en": "Share your recs with me too!",
        "zh-Hans": "也告诉我你们的推荐吧！",
    },
    "Et vous, vos bons plans ?": {
        "en": "What about you, any good finds?",
        "zh-Hans": "你们呢，有什么私藏推荐？",
    },
    "Qual é a vossa favorita?": {
        "en": "Which one's your favorite?",
        "zh-Hans": "你们最喜欢哪个？",
    },
    # Mentions
    "¡Gracias @{user} por la recomendación!": {
        "en": "Thanks @{user} for the recommendation!",
        "zh-Hans": "谢谢 @{user} 的推荐！",
    },
    "@{user} さんのおすすめ！": {
        "en": "Recommended by @{user}!",
        "zh-Hans": "是 @{user} 推荐的！",
    },
    "@{user} 님 추천 감사해요!": {
        "en": "Thanks for the rec, @{user}!",
        "zh-Hans": "感谢 @{user} 的推荐！",
    },
    "Merci @{user} pour le conseil !": {
        "en": "Thanks @{user} for the tip!",
        "zh-Hans": "谢谢 @{user} 的建议！",
    },
    "Valeu @{user} pela dica!": {
        "en": "Thanks for the tip, @{user}!",
        "zh-Hans": "感谢 @{user} 的安利！",
    },
    # Comments
    "¡Qué bonito!": {
        "en": "So pretty!",
        "zh-Hans": "好美啊！",
    },
    "Me encanta 😍": {
        "en": "Love it 😍",
        "zh-Hans": "爱了😍",
    },
    "¿Dónde es esto?": {
        "en": "Where is this?",
        "zh-Hans": "这是哪里呀？",
    },
    "Guardado para mi próximo viaje": {
        "en": "Saved for my next trip",
        "zh-Hans": "收藏了，下次旅行就去",
    },
    "¡Gracias por compartir!": {
        "en": "Thanks for sharing!",
        "zh-Hans": "感谢分享！",
    },
    "すてきですね！": {
        "en": "This is lovely!",
        "zh-Hans": "好棒呀！",
    },
    "行ってみたいです": {
        "en": "I'd love to go",
        "zh-Hans": "好想去啊",
    },
    "かわいい〜": {
        "en": "So cute~",
        "zh-Hans": "好可爱～",
    },
    "参考になります！": {
        "en": "Super helpful!",
        "zh-Hans": "很有参考价值！",
    },
    "너무 예뻐요!": {
        "en": "Sooo pretty!",
        "zh-Hans": "太好看了！",
    },
    "저장해요 📌": {
        "en": "Saving this 📌",
        "zh-Hans": "收藏了📌",
    },
    "어디예요?": {
        "en": "Where is this?",
        "zh-Hans": "这是哪里？",
    },
    "정보 감사해요!": {
        "en": "Thanks for the info!",
        "zh-Hans": "感谢分享干货！",
    },
    "Trop beau !": {
        "en": "Gorgeous!",
        "zh-Hans": "太美了！",
    },
    "J'adore 😍": {
        "en": "Love it 😍",
        "zh-Hans": "超爱😍",
    },
    "C'est où ?": {
        "en": "Where is this?",
        "zh-Hans": "这是在哪儿？",
    },
    "Merci pour le partage !": {
        "en": "Thanks for sharing!",
        "zh-Hans": "谢谢分享！",
    },
    "Que lindo!": {
        "en": "So gorgeous!",
        "zh-Hans": "好美！",
    },
    "Amei 😍": {
        "en": "Loved it 😍",
        "zh-Hans": "爱了爱了😍",
    },
    "Onde é isso?": {
        "en": "Where's this?",
        "zh-Hans": "这是哪儿呀？",
    },
    "Obrigada por partilhar!": {
        "en": "Thanks for sharing!",
        "zh-Hans": "谢谢分享！",
    },
    # Answers
    "¡Gracias! 🥰": {
        "en": "Thank you! 🥰",
        "zh-Hans": "谢谢！🥰",
    },
    "¡Qué amable!": {
        "en": "You're so sweet!",
        "zh-Hans": "你人太好了！",
    },
    "ありがとうございます！": {
        "en": "Thank you so much!",
        "zh-Hans": "非常感谢！",
    },
    "嬉しいです〜": {
        "en": "That makes me so happy~",
        "zh-Hans": "好开心～",
    },
    "감사해요! 🥰": {
        "en": "Thank you! 🥰",
        "zh-Hans": "谢谢！🥰",
    },
    "고마워요!": {
        "en": "Thanks!",
        "zh-Hans": "谢啦！",
    },
    "Merci ! 🥰": {
        "en": "Thank you! 🥰",
        "zh-Hans": "谢谢！🥰",
    },
    "Trop gentil !": {
        "en": "So sweet of you!",
        "zh-Hans": "你也太暖了吧！",
    },
    "Obrigada! 🥰": {
        "en": "Thank you! 🥰",
        "zh-Hans": "谢谢！🥰",
    },
    "Que fofo, obrigada!": {
        "en": "Aww, that's so sweet, thank you!",
        "zh-Hans": "好暖心，谢谢你！",
    },
    # Info answers
    "Está en la descripción": {
        "en": "It's in the caption",
        "zh-Hans": "写在正文里啦",
    },
    "Con el móvil, sin filtros": {
        "en": "On my phone, no filters",
        "zh-Hans": "手机拍的，没加滤镜",
    },
    "本文に書きました〜": {
        "en": "I put it in the post~",
        "zh-Hans": "正文里写了哦～",
    },
    "スマホで撮りました！": {
        "en": "Shot on my phone!",
        "zh-Hans": "用手机拍的！",
    },
    "본문에 있어요!": {
        "en": "It's in the post!",
        "zh-Hans": "正文里有哦！",
    },
    "휴대폰으로 찍었어요!": {
        "en": "Took it on my phone!",
        "zh-Hans": "手机拍的！",
    },
    "C'est dans la description !": {
        "en": "It's in the caption!",
        "zh-Hans": "正文里有写哦！",
    },
    "Au téléphone, sans filtre": {
        "en": "Phone pic, no filter",
        "zh-Hans": "手机拍的，没滤镜",
    },
    "Está na descrição!": {
        "en": "It's in the caption!",
        "zh-Hans": "都在正文里啦！",
    },
    "Foi com o celular, sem filtro": {
        "en": "Just my phone, no filter",
        "zh-Hans": "用手机拍的，没加滤镜",
    },
    # Chime-ins
    "¡Yo también quiero saber!": {
        "en": "I want to know too!",
        "zh-Hans": "我也想知道！",
    },
    "+1": {
        "en": "+1",
        "zh-Hans": "+1",
    },
    "同じく知りたいです！": {
        "en": "Same, I'd love to know too!",
        "zh-Hans": "同问！",
    },
    "저도 궁금해요!": {
        "en": "I'm curious too!",
        "zh-Hans": "我也好奇！",
    },
    "Pareil, je veux savoir !": {
        "en": "Same, I want to know!",
        "zh-Hans": "同问，我也想知道！",
    },
    "Também quero saber!": {
        "en": "I want to know too!",
        "zh-Hans": "我也想知道！",
    },
    # Thanks
    "¡Gracias!": {
        "en": "Thanks!",
        "zh-Hans": "谢谢！",
    },
    "감사합니다!": {
        "en": "Thank you!",
        "zh-Hans": "太感谢了！",
    },
    "Merci !": {
        "en": "Thanks!",
        "zh-Hans": "谢谢！",
    },
    "Obrigado!": {
        "en": "Thanks!",
        "zh-Hans": "谢啦！",
    },
    # Pinned
    "📌 Todo está en la descripción. ¡Preguntad lo que queráis!": {
        "en": "📌 Everything's in the caption. Ask me anything!",
        "zh-Hans": "📌 信息都在正文里啦，有问题尽管问！",
    },
    "📌 詳しくは本文をご覧ください。質問も大歓迎です！": {
        "en": "📌 All the details are in the post. Questions are super welcome too!",
        "zh-Hans": "📌 详情请看正文，也超欢迎大家提问！",
    },
    "📌 자세한 정보는 본문에 있어요. 질문 환영해요!": {
        "en": "📌 All the info is in the post. Questions welcome!",
        "zh-Hans": "📌 详细信息都在正文里，欢迎提问！",
    },
    "📌 Tout est dans la description. Posez vos questions !": {
        "en": "📌 Everything's in the caption. Ask away!",
        "zh-Hans": "📌 所有信息都在正文里，有问题尽管问！",
    },
    "📌 Está tudo na descrição. Perguntem à vontade!": {
        "en": "📌 It's all in the caption. Feel free to ask!",
        "zh-Hans": "📌 都写在正文里了，有问题随便问！",
    },
}

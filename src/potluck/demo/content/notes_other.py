"""What the demo's Spanish, Japanese, Korean, French and Portuguese writers post, by language."""

from __future__ import annotations

# Notes: (title, opening line) by category. Titles keep to 20 characters, as on Xiaohongshu.
NOTES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "es": {
        "food": [
            ("Tortilla de patatas", "Con cebolla, siempre. La receta de mi abuela, paso a paso."),
            ("Mercado San Miguel", "Fui a desayunar y salí con tres bolsas de fruta."),
            ("Mi primer hot pot", "Un amigo de Chengdu me llevó y ahora quiero picante en todo."),
            ("Desayuno de domingo", "Café con leche, fruta y nada de prisa."),
        ],
        "home": [
            ("Mi balcón en Madrid", "Pequeño, pero con geranios, albahaca y mucha luz."),
            ("Rincón de lectura", "Una lámpara cálida y un sillón viejo. No necesito más."),
        ],
        "travel": [
            ("Atardecer en Tulum", "El cielo se puso rosa y la playa quedó vacía."),
            ("Subiendo el Izta", "Seis horas de subida y la vista más bonita de mi vida."),
            ("CDMX de noche", "Las luces desde la Torre Latino no tienen precio."),
        ],
        "fitness": [
            ("Rutina de 20 minutos", "Sin equipo y en casa. Ideal para días de pereza."),
            ("Correr junto al mar", "Diez kilómetros al amanecer, la mejor terapia."),
        ],
        "beauty": [
            ("Maquillaje en 5 min", "Para piel mixta y mañanas con prisa."),
            ("Labiales favoritos", "Seis tonos que uso todos los días, con swatches."),
            ("Rutina de skincare", "Limpieza, hidratación y protector. Simple y constante."),
        ],
        "fashion": [
            ("Look de oficina", "Blazer, pantalón recto y zapatos cómodos."),
            ("Ropa de segunda mano", "Todo lo de la foto costó menos de 30 dólares."),
        ],
    },
    "ja": {
        "food": [
            ("下北沢の隠れ家カフェ", "ラテアートがかわいくて、つい二杯目を頼んでしまった。"),
            ("朝ごはんのヨーグルトボウル", "フルーツたっぷりで目が覚める。"),
            ("初めての四川火鍋", "中国の友達に教えてもらったお店。辛いけど止まらない！"),
            ("雨の日のラーメン", "あっさり醤油で体が温まる。"),
        ],
        "study": [
            ("中国語の勉強ノート", "発音記号を色分けしたら覚えやすくなった。"),
            ("カフェで勉強", "静かな席とラテがあれば三時間は集中できる。"),
        ],
        "fitness": [
            ("朝ラン10キロ", "淀川沿いは朝日がきれいで走りやすい。"),
            ("マラソン練習メニュー", "サブ3を目指す週間メニューを公開します。"),
        ],
        "travel": [
            ("京都の朝散歩", "人が少ない朝の時間がいちばん好き。"),
            ("富士山が見えた日", "雲ひとつない空に感動した。"),
        ],
        "pets": [
            ("縁側で昼寝する猫", "二匹とも同じ格好で寝ていた。"),
            ("猫税をお納めします", "海外のみなさん、うちの子をどうぞ。"),
            ("窓辺の猫", "夕方になると必ずここで外を眺めている。"),
        ],
        "home": [
            ("古い家の小さな庭", "鉢植えを少しずつ増やしています。"),
            ("本棚を整理した", "色ごとに並べたら気持ちがすっきり。"),
        ],
    },
    "ko": {
        "beauty": [
            ("데일리 메이크업 루틴", "10분이면 끝나는 자연스러운 메이크업이에요."),
            ("립 컬러 추천", "웜톤에게 잘 어울리는 여섯 가지 색이에요."),
            ("스킨케어 공병 후기", "한 달 동안 다 쓴 제품만 솔직하게 리뷰해요."),
        ],
        "fashion": [
            ("오늘의 데일리룩", "니트에 와이드 팬츠, 편하고 예뻐요."),
            ("가을 코디 모음", "트렌치코트 하나로 일주일 코디했어요."),
        ],
        "study": [
            ("중국어 공부 기록", "HSK 4급 준비 중이에요. 단어장 공유해요."),
            ("스터디 카페 브이로그", "오늘도 여덟 시간 집중 성공!"),
            ("공부 책상 정리", "책상이 깨끗하면 집중이 잘 돼요."),
        ],
        "food": [
            ("부산 돼지국밥 맛집", "현지인만 아는 곳이에요. 국물이 진해요."),
            ("마라탕 처음 먹어봤어요", "중국 친구가 추천해 줘서 가봤는데 중독됐어요."),
        ],
    },
    "fr": {
        "fashion": [
            ("Tenue du jour", "Trench, jean droit et ballerines. Le classique."),
            ("Capsule automne", "Dix pièces pour tout l'automne, sans se répéter."),
            ("Friperie du Marais", "Tout ce que vous voyez a coûté moins de 40 euros."),
        ],
        "food": [
            ("Brunch du dimanche", "Croissants, café crème et fruits frais."),
            ("Mon premier hot pot", "Une amie de Chongqing m'a emmenée. J'ai pleuré, c'était génial."),
        ],
        "travel": [
            ("Road trip en van", "Trois enfants, un van et les Alpes pour nous seuls."),
            ("Soleil couchant", "Le vent, les vagues et ce ciel incroyable."),
        ],
        "parenting": [
            ("Voyager en famille", "Nos astuces après six mois sur la route."),
            ("Pique-nique au parc", "Un parc, une couverture, et tout le monde est content."),
        ],
    },
    "pt": {
        "travel": [
            ("Pôr do sol, Ipanema", "Todo mundo aplaude quando o sol se põe. Amo o Rio."),
            ("Trilha Pedra Bonita", "Uma hora de subida e essa vista lá de cima."),
        ],
        "beauty": [
            ("Skincare no calor", "Leve, rápido e com muito protetor solar."),
            ("Maquiagem de praia", "Resistente ao suor e à água, testada no Rio."),
        ],
        "fitness": [
            ("Treino na praia", "Corrida na areia e funcional ao ar livre."),
            ("Yoga ao amanhecer", "Quinze minutos antes do trabalho fazem diferença."),
        ],
        "pets": [
            ("Os meus gatos ao sol", "Todas as tardes o mesmo sítio, a mesma preguiça."),
            ("Imposto do gato", "Pediram fotos dos gatos, aqui estão eles!"),
        ],
        "food": [
            ("Pastéis de nata", "Ficaram quase tão bons como os de Belém."),
            ("Pequeno-almoço", "Café, torradas e fruta na varanda."),
        ],
    },
}

# Sentences that fit any note of the category, added after the opening line.
DETAILS: dict[str, dict[str, list[str]]] = {
    "es": {
        "any": [
            "Todo comprado por mí, nada patrocinado.",
            "Si tenéis preguntas, dejadlas en comentarios.",
            "Fotos hechas con el móvil, sin filtros.",
        ]
    },
    "ja": {"any": ["写真はスマホで撮りました。", "質問があればコメントでどうぞ。", "今日もいい一日でした。"]},
    "ko": {
        "any": ["모두 내돈내산이에요.", "궁금한 점은 댓글로 물어봐 주세요.", "사진은 휴대폰으로 찍었어요."]
    },
    "fr": {
        "any": [
            "Rien n'est sponsorisé.",
            "Posez vos questions en commentaire !",
            "Photos prises au téléphone, sans retouche.",
        ]
    },
    "pt": {"any": ["Nada é patrocinado.", "Perguntas nos comentários!", "Fotos sem filtro."]},
}

# A question to readers at the end (an empty one: none).
QUESTIONS: dict[str, list[str]] = {
    "es": ["¿Cuál os gusta más?", "¿Alguna recomendación?", ""],
    "ja": ["みなさんのおすすめも教えてください！", ""],
    "ko": ["여러분의 추천도 알려주세요!", ""],
    "fr": ["Et vous, vos bons plans ?", ""],
    "pt": ["Qual é a vossa favorita?", ""],
}

# A line mentioning a friend.
MENTIONS: dict[str, list[str]] = {
    "es": ["¡Gracias @{user} por la recomendación!"],
    "ja": ["@{user} さんのおすすめ！"],
    "ko": ["@{user} 님 추천 감사해요!"],
    "fr": ["Merci @{user} pour le conseil !"],
    "pt": ["Valeu @{user} pela dica!"],
}

# Topics by category ("any": for the categories not listed).
TOPICS: dict[str, dict[str, list[str]]] = {
    "es": {
        "food": ["#recetas", "#comidacasera", "#hotpot"],
        "home": ["#hogar", "#plantas", "#decoración"],
        "travel": ["#viajes", "#atardecer", "#México"],
        "fitness": ["#entrenamiento", "#correr"],
        "beauty": ["#maquillaje", "#skincare"],
        "fashion": ["#ootd", "#segundamano"],
        "any": ["#TikTokRefugee", "#vidadiaria"],
    },
    "ja": {
        "food": ["#カフェ巡り", "#朝ごはん", "#火鍋"],
        "study": ["#中国語勉強", "#勉強垢", "#studygram"],
        "fitness": ["#ランニング", "#マラソン"],
        "travel": ["#京都", "#旅行"],
        "pets": ["#猫のいる暮らし", "#猫税", "#catsofrednote"],
        "home": ["#古民家", "#暮らし"],
        "any": ["#日常"],
    },
    "ko": {
        "beauty": ["#메이크업", "#스킨케어", "#데일리메이크업"],
        "fashion": ["#데일리룩", "#코디"],
        "study": ["#공부기록", "#중국어공부", "#스터디"],
        "food": ["#맛집", "#부산맛집", "#마라탕"],
        "any": ["#일상"],
    },
    "fr": {
        "fashion": ["#mode", "#tenuedujour", "#friperie"],
        "food": ["#brunch", "#recette", "#hotpot"],
        "travel": ["#voyage", "#vanlife"],
        "parenting": ["#famille", "#voyageenfamille"],
        "any": ["#TikTokRefugee"],
    },
    "pt": {
        "travel": ["#praia", "#RiodeJaneiro", "#trilha"],
        "beauty": ["#skincare", "#maquiagem"],
        "fitness": ["#treino", "#yoga"],
        "pets": ["#gatos", "#impostodogato", "#catsofrednote"],
        "food": ["#receitas", "#pastéisdenata"],
        "any": ["#TikTokRefugee"],
    },
}

# Words on text covers: a small label under the title (guides get the guide words).
CARD_LABELS: dict[str, list[str]] = {
    "es": ["Guárdalo", "Mi experiencia"],
    "ja": ["保存版", "日記"],
    "ko": ["저장 필수", "일상"],
    "fr": ["À garder", "Mon avis"],
    "pt": ["Salva isso", "Minha experiência"],
}

GUIDE_LABELS: dict[str, list[str]] = {
    "es": ["Guía rápida"],
    "ja": ["まとめ"],
    "ko": ["꿀팁"],
    "fr": ["Mes astuces"],
    "pt": ["Dicas"],
}

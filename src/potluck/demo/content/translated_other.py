"""English and Chinese translations of the demo's texts in other languages (Spanish,
Japanese, Korean, French, Portuguese), piece by piece, written by people: the notes'
titles, opening lines and details here; questions, mentions and comments in
:mod:`.translated_other_comments`."""

from __future__ import annotations

# piece as written -> {"en": English, "zh-Hans": Simplified Chinese}
OTHER: dict[str, dict[str, str]] = {
    # Notes, Spanish
    "Tortilla de patatas": {
        "en": "Spanish potato omelette",
        "zh-Hans": "西班牙土豆饼",
    },
    "Con cebolla, siempre. La receta de mi abuela, paso a paso.": {
        "en": "With onion, always. My grandma's recipe, step by step.",
        "zh-Hans": "必须加洋葱，没得商量！奶奶的拿手配方，手把手教你做。",
    },
    "Mercado San Miguel": {
        "en": "Mercado San Miguel",
        "zh-Hans": "圣米格尔市场",
    },
    "Fui a desayunar y salí con tres bolsas de fruta.": {
        "en": "Went in for breakfast and walked out with three bags of fruit.",
        "zh-Hans": "本来只想去吃个早餐，结果拎着三袋水果出来了。",
    },
    "Mi primer hot pot": {
        "en": "My first hotpot",
        "zh-Hans": "人生第一顿火锅",
    },
    "Un amigo de Chengdu me llevó y ahora quiero picante en todo.": {
        "en": "A friend from Chengdu took me and now I want everything spicy.",
        "zh-Hans": "成都朋友带我去吃的，现在吃啥都想加辣。",
    },
    "Desayuno de domingo": {
        "en": "Sunday breakfast",
        "zh-Hans": "周日早餐",
    },
    "Café con leche, fruta y nada de prisa.": {
        "en": "Café con leche, fruit and zero rush.",
        "zh-Hans": "一杯牛奶咖啡，一点水果，慢慢吃，不赶时间。",
    },
    "Mi balcón en Madrid": {
        "en": "My balcony in Madrid",
        "zh-Hans": "我在马德里的小阳台",
    },
    "Pequeño, pero con geranios, albahaca y mucha luz.": {
        "en": "Tiny, but full of geraniums, basil and so much light.",
        "zh-Hans": "虽然小，但有天竺葵、罗勒，还有满满的阳光。",
    },
    "Rincón de lectura": {
        "en": "My reading nook",
        "zh-Hans": "我的阅读角",
    },
    "Una lámpara cálida y un sillón viejo. No necesito más.": {
        "en": "A warm lamp and an old armchair. That's all I need.",
        "zh-Hans": "一盏暖光灯，一把旧扶手椅，别的什么都不需要。",
    },
    "Atardecer en Tulum": {
        "en": "Sunset in Tulum",
        "zh-Hans": "图卢姆的日落",
    },
    "El cielo se puso rosa y la playa quedó vacía.": {
        "en": "The sky turned pink and the beach emptied out.",
        "zh-Hans": "天空一下子变成粉色，沙滩上的人也都散了。",
    },
    "Subiendo el Izta": {
        "en": "Climbing Iztaccíhuatl",
        "zh-Hans": "爬伊斯塔西瓦特尔火山",
    },
    "Seis horas de subida y la vista más bonita de mi vida.": {
        "en": "Six hours uphill and the most beautiful view of my life.",
        "zh-Hans": "爬了六个小时，看到了这辈子最美的风景。",
    },
    "CDMX de noche": {
        "en": "Mexico City by night",
        "zh-Hans": "夜晚的墨西哥城",
    },
    "Las luces desde la Torre Latino no tienen precio.": {
        "en": "The city lights from the Torre Latinoamericana are priceless.",
        "zh-Hans": "从拉美塔上俯瞰城市灯火，这一眼真的无价。",
    },
    "Rutina de 20 minutos": {
        "en": "20-minute workout",
        "zh-Hans": "20分钟居家训练",
    },
    "Sin equipo y en casa. Ideal para días de pereza.": {
        "en": "No equipment, right at home. Perfect for lazy days.",
        "zh-Hans": "不用器械，在家就能练，犯懒的日子刚刚好。",
    },
    "Correr junto al mar": {
        "en": "Running by the sea",
        "zh-Hans": "海边跑步",
    },
    "Diez kilómetros al amanecer, la mejor terapia.": {
        "en": "10K at sunrise, the best therapy there is.",
        "zh-Hans": "日出时分跑个十公里，最好的疗愈。",
    },
    "Maquillaje en 5 min": {
        "en": "5-minute makeup",
        "zh-Hans": "5分钟快速出门妆",
    },
    "Para piel mixta y mañanas con prisa.": {
        "en": "For combination skin and rushed mornings.",
        "zh-Hans": "适合混油皮和赶时间的早上。",
    },
    "Labiales favoritos": {
        "en": "My favorite lipsticks",
        "zh-Hans": "我的本命口红",
    },
    "Seis tonos que uso todos los días, con swatches.": {
        "en": "Six shades I wear every day, swatches included.",
        "zh-Hans": "每天都在涂的六个色号，附试色。",
    },
    "Rutina de skincare": {
        "en": "My skincare routine",
        "zh-Hans": "我的护肤流程",
    },
    "Limpieza, hidratación y protector. Simple y constante.": {
        "en": "Cleanse, moisturize, sunscreen. Simple and consistent.",
        "zh-Hans": "洁面、保湿、防晒。简单，贵在坚持。",
    },
    "Look de oficina": {
        "en": "Office look",
        "zh-Hans": "通勤穿搭",
    },
    "Blazer, pantalón recto y zapatos cómodos.": {
        "en": "Blazer, straight-leg pants and comfy shoes.",
        "zh-Hans": "西装外套＋直筒裤＋一双舒服的鞋。",
    },
    "Ropa de segunda mano": {
        "en": "Secondhand finds",
        "zh-Hans": "二手衣服淘货记",
    },
    "Todo lo de la foto costó menos de 30 dólares.": {
        "en": "Everything in the photo cost under $30.",
        "zh-Hans": "图里这一身加起来不到30美元。",
    },
    # Notes, Japanese
    "下北沢の隠れ家カフェ": {
        "en": "A hidden café in Shimokitazawa",
        "zh-Hans": "下北泽的隐藏咖啡馆",
    },
    "ラテアートがかわいくて、つい二杯目を頼んでしまった。": {
        "en": "The latte art was so cute I ended up ordering a second one.",
        "zh-Hans": "拉花太可爱了，一不小心又点了第二杯。",
    },
    "朝ごはんのヨーグルトボウル": {
        "en": "Yogurt bowl for breakfast",
        "zh-Hans": "早餐酸奶碗",
    },
    "フルーツたっぷりで目が覚める。": {
        "en": "Loaded with fruit, it wakes me right up.",
        "zh-Hans": "铺满水果，一口下去瞬间清醒。",
    },
    "初めての四川火鍋": {
        "en": "My first Sichuan hotpot",
        "zh-Hans": "第一次吃四川火锅",
    },
    "中国の友達に教えてもらったお店。辛いけど止まらない！": {
        "en": "A place my Chinese friend told me about. Spicy, but I couldn't stop!",
        "zh-Hans": "中国朋友推荐的店。辣是真辣，但根本停不下来！",
    },
    "雨の日のラーメン": {
        "en": "Ramen on a rainy day",
        "zh-Hans": "下雨天的一碗拉面",
    },
    "あっさり醤油で体が温まる。": {
        "en": "A light shoyu broth that warms you right up.",
        "zh-Hans": "清爽的酱油汤底，喝完全身都暖起来了。",
    },
    "中国語の勉強ノート": {
        "en": "My Chinese study notes",
        "zh-Hans": "我的中文学习笔记",
    },
    "発音記号を色分けしたら覚えやすくなった。": {
        "en": "Color-coding the pinyin made it so much easier to remember.",
        "zh-Hans": "给拼音分颜色标注之后，好记多了。",
    },
    "カフェで勉強": {
        "en": "Studying at a café",
        "zh-Hans": "在咖啡馆学习",
    },
    "静かな席とラテがあれば三時間は集中できる。": {
        "en": "Give me a quiet seat and a latte and I can focus for three hours.",
        "zh-Hans": "一个安静的座位加一杯拿铁，我能专注整整三个小时。",
    },
    "朝ラン10キロ": {
        "en": "10K morning run",
        "zh-Hans": "晨跑10公里",
    },
    "淀川沿いは朝日がきれいで走りやすい。": {
        "en": "The sunrise along the Yodo River is gorgeous, and the path is so easy to run.",
        "zh-Hans": "淀川沿岸的朝阳超美，跑起来也特别舒服。",
    },
    "マラソン練習メニュー": {
        "en": "My marathon training plan",
        "zh-Hans": "马拉松训练计划",
    },
    "サブ3を目指す週間メニューを公開します。": {
        "en": "Sharing my weekly plan for a sub-3 marathon.",
        "zh-Hans": "公开我冲击全马破三的每周训练计划。",
    },
    "京都の朝散歩": {
        "en": "Morning walk in Kyoto",
        "zh-Hans": "京都晨间散步",
    },
    "人が少ない朝の時間がいちばん好き。": {
        "en": "Early mornings, when hardly anyone's around, are my favorite.",
        "zh-Hans": "最喜欢人少的清晨时光。",
    },
    "富士山が見えた日": {
        "en": "The day I saw Mt. Fuji",
        "zh-Hans": "看到富士山的那天",
    },
    "雲ひとつない空に感動した。": {
        "en": "Not a single cloud in the sky. I was so moved.",
        "zh-Hans": "万里无云，感动到说不出话。",
    },
    "縁側で昼寝する猫": {
        "en": "Cats napping on the veranda",
        "zh-Hans": "在檐廊睡午觉的猫咪",
    },
    "二匹とも同じ格好で寝ていた。": {
        "en": "Both of them were asleep in the exact same pose.",
        "zh-Hans": "两只睡觉的姿势一模一样。",
    },
    "猫税をお納めします": {
        "en": "Paying my cat tax",
        "zh-Hans": "上交猫税",
    },
    "海外のみなさん、うちの子をどうぞ。": {
        "en": "To everyone overseas: here's my little one.",
        "zh-Hans": "海外的朋友们，请收下我家主子。",
    },
    "窓辺の猫": {
        "en": "Cat by the window",
        "zh-Hans": "窗边的猫",
    },
    "夕方になると必ずここで外を眺めている。": {
        "en": "Every evening, without fail, this is their spot for watching the world go by.",
        "zh-Hans": "每到傍晚，一定会准时蹲在这里看窗外。",
    },
    "古い家の小さな庭": {
        "en": "The little garden of our old house",
        "zh-Hans": "老房子的小院子",
    },
    "鉢植えを少しずつ増やしています。": {
        "en": "Slowly adding more potted plants, one at a time.",
        "zh-Hans": "盆栽正在一点一点变多。",
    },
    "本棚を整理した": {
        "en": "Reorganized my bookshelf",
        "zh-Hans": "整理了书架",
    },
    "色ごとに並べたら気持ちがすっきり。": {
        "en": "Sorted everything by color and it feels so refreshing.",
        "zh-Hans": "按颜色重新排了一遍，心情都清爽了。",
    },
    # Notes, Korean
    "데일리 메이크업 루틴": {
        "en": "My everyday makeup routine",
        "zh-Hans": "我的日常妆容流程",
    },
    "10분이면 끝나는 자연스러운 메이크업이에요.": {
        "en": "A natural look that's done in 10 minutes.",
        "zh-Hans": "10分钟就能搞定的自然妆容。",
    },
    "립 컬러 추천": {
        "en": "Lip color recs",
        "zh-Hans": "口红色号推荐",
    },
    "웜톤에게 잘 어울리는 여섯 가지 색이에요.": {
        "en": "Six shades that look great on warm undertones.",
        "zh-Hans": "六个超适合暖皮的颜色。",
    },
    "스킨케어 공병 후기": {
        "en": "Skincare empties review",
        "zh-Hans": "护肤品空瓶记",
    },
    "한 달 동안 다 쓴 제품만 솔직하게 리뷰해요.": {
        "en": "Honest reviews of only the products I finished this month.",
        "zh-Hans": "只聊这个月用空的产品，真实测评。",
    },
    "오늘의 데일리룩": {
        "en": "Today's daily look",
        "zh-Hans": "今日穿搭",
    },
    "니트에 와이드 팬츠, 편하고 예뻐요.": {
        "en": "Knit sweater with wide-leg pants, comfy and cute.",
        "zh-Hans": "针织衫配阔腿裤，舒服又好看。",
    },
    "가을 코디 모음": {
        "en": "Fall outfit roundup",
        "zh-Hans": "秋季穿搭合集",
    },
    "트렌치코트 하나로 일주일 코디했어요.": {
        "en": "One trench coat, a whole week of outfits.",
        "zh-Hans": "一件风衣穿出一周不重样。",
    },
    "중국어 공부 기록": {
        "en": "Chinese study log",
        "zh-Hans": "中文学习记录",
    },
    "HSK 4급 준비 중이에요. 단어장 공유해요.": {
        "en": "Prepping for HSK 4. Sharing my vocab list.",
        "zh-Hans": "正在备考HSK四级，分享我的单词本。",
    },
    "스터디 카페 브이로그": {
        "en": "Study café vlog",
        "zh-Hans": "自习室vlog",
    },
    "오늘도 여덟 시간 집중 성공!": {
        "en": "Eight hours of focus again today, nailed it!",
        "zh-Hans": "今天也成功专注了八个小时！",
    },
    "공부 책상 정리": {
        "en": "Tidying my study desk",
        "zh-Hans": "整理学习桌",
    },
    "책상이 깨끗하면 집중이 잘 돼요.": {
        "en": "A clean desk makes it so much easier to focus.",
        "zh-Hans": "桌面一干净，专注力都变好了。",
    },
    "부산 돼지국밥 맛집": {
        "en": "Must-try pork gukbap in Busan",
        "zh-Hans": "釜山猪肉汤饭宝藏店",
    },
    "현지인만 아는 곳이에요. 국물이 진해요.": {
        "en": "A spot only locals know about. The broth is so rich.",
        "zh-Hans": "只有本地人才知道的店，汤头超级浓郁。",
    },
    "마라탕 처음 먹어봤어요": {
        "en": "Tried malatang for the first time",
        "zh-Hans": "第一次吃麻辣烫",
    },
    "중국 친구가 추천해 줘서 가봤는데 중독됐어요.": {
        "en": "My Chinese friend recommended it, so I went, and now I'm hooked.",
        "zh-Hans": "中国朋友推荐我去的，结果直接吃上瘾了。",
    },
    # Notes, French
    "Tenue du jour": {
        "en": "Outfit of the day",
        "zh-Hans": "今日穿搭",
    },
    "Trench, jean droit et ballerines. Le classique.": {
        "en": "Trench, straight jeans and ballet flats. A classic.",
        "zh-Hans": "风衣、直筒牛仔裤配芭蕾平底鞋，经典永不出错。",
    },
    "Capsule automne": {
        "en": "Fall capsule wardrobe",
        "zh-Hans": "秋季胶囊衣橱",
    },
    "Dix pièces pour tout l'automne, sans se répéter.": {
        "en": "Ten pieces for the whole fall, no repeats.",
        "zh-Hans": "十件单品穿一整个秋天，搭配不重样。",
    },
    "Friperie du Marais": {
        "en": "Thrifting in the Marais",
        "zh-Hans": "玛黑区古着店",
    },
    "Tout ce que vous voyez a coûté moins de 40 euros.": {
        "en": "Everything you see cost under €40.",
        "zh-Hans": "你们看到的这一身，加起来不到40欧。",
    },
    "Brunch du dimanche": {
        "en": "Sunday brunch",
        "zh-Hans": "周日早午餐",
    },
    "Croissants, café crème et fruits frais.": {
        "en": "Croissants, café crème and fresh fruit.",
        "zh-Hans": "可颂、奶油咖啡和新鲜水果。",
    },
    "Mon premier hot pot": {
        "en": "My first hotpot",
        "zh-Hans": "我的第一顿火锅",
    },
    "Une amie de Chongqing m'a emmenée. J'ai pleuré, c'était génial.": {
        "en": "A friend from Chongqing took me. I cried, it was amazing.",
        "zh-Hans": "重庆朋友带我去的。辣到流泪，但真的太好吃了！",
    },
    "Road trip en van": {
        "en": "Van road trip",
        "zh-Hans": "开着露营车去旅行",
    },
    "Trois enfants, un van et les Alpes pour nous seuls.": {
        "en": "Three kids, one van, and the Alps all to ourselves.",
        "zh-Hans": "三个娃、一辆露营车，阿尔卑斯山被我们承包了。",
    },
    "Soleil couchant": {
        "en": "Sunset",
        "zh-Hans": "落日时分",
    },
    "Le vent, les vagues et ce ciel incroyable.": {
        "en": "The wind, the waves and that incredible sky.",
        "zh-Hans": "海风、海浪，还有这片绝美的天空。",
    },
    "Voyager en famille": {
        "en": "Traveling as a family",
        "zh-Hans": "带娃全家去旅行",
    },
    "Nos astuces après six mois sur la route.": {
        "en": "Our best tips after six months on the road.",
        "zh-Hans": "在路上走了六个月，总结出的实用小技巧。",
    },
    "Pique-nique au parc": {
        "en": "Picnic in the park",
        "zh-Hans": "公园野餐",
    },
    "Un parc, une couverture, et tout le monde est content.": {
        "en": "A park, a blanket, and everyone's happy.",
        "zh-Hans": "一片公园草地，一块野餐垫，全家都开心。",
    },
    # Notes, Portuguese
    "Pôr do sol, Ipanema": {
        "en": "Sunset, Ipanema",
        "zh-Hans": "伊帕内玛的日落",
    },
    "Todo mundo aplaude quando o sol se põe. Amo o Rio.": {
        "en": "Everyone claps when the sun goes down. I love Rio.",
        "zh-Hans": "太阳落山的时候，所有人都会鼓掌。爱死里约了。",
    },
    "Trilha Pedra Bonita": {
        "en": "Pedra Bonita trail",
        "zh-Hans": "佩德拉博尼塔徒步",
    },
    "Uma hora de subida e essa vista lá de cima.": {
        "en": "One hour uphill and this view from the top.",
        "zh-Hans": "爬了一个小时，山顶就是这样的风景。",
    },
    "Skincare no calor": {
        "en": "Skincare for the heat",
        "zh-Hans": "炎热天气护肤",
    },
    "Leve, rápido e com muito protetor solar.": {
        "en": "Light, quick and lots of sunscreen.",
        "zh-Hans": "清爽、快速，防晒一定要涂够。",
    },
    "Maquiagem de praia": {
        "en": "Beach makeup",
        "zh-Hans": "海边妆容",
    },
    "Resistente ao suor e à água, testada no Rio.": {
        "en": "Sweatproof and waterproof, tested in Rio.",
        "zh-Hans": "防汗又防水，已在里约亲测。",
    },
    "Treino na praia": {
        "en": "Beach workout",
        "zh-Hans": "海滩训练",
    },
    "Corrida na areia e funcional ao ar livre.": {
        "en": "Running on the sand and functional training outdoors.",
        "zh-Hans": "沙滩跑步加户外功能性训练。",
    },
    "Yoga ao amanhecer": {
        "en": "Sunrise yoga",
        "zh-Hans": "日出瑜伽",
    },
    "Quinze minutos antes do trabalho fazem diferença.": {
        "en": "Fifteen minutes before work makes all the difference.",
        "zh-Hans": "上班前练十五分钟，状态真的不一样。",
    },
    "Os meus gatos ao sol": {
        "en": "My cats in the sun",
        "zh-Hans": "我家猫咪晒太阳",
    },
    "Todas as tardes o mesmo sítio, a mesma preguiça.": {
        "en": "Every afternoon, same spot, same laziness.",
        "zh-Hans": "每天下午，同一个位置，同样懒洋洋。",
    },
    "Imposto do gato": {
        "en": "Cat tax",
        "zh-Hans": "猫税",
    },
    "Pediram fotos dos gatos, aqui estão eles!": {
        "en": "You asked for cat pics, so here they are!",
        "zh-Hans": "你们要的猫片来啦！",
    },
    "Pastéis de nata": {
        "en": "Pastéis de nata",
        "zh-Hans": "葡式蛋挞",
    },
    "Ficaram quase tão bons como os de Belém.": {
        "en": "They came out almost as good as the ones in Belém.",
        "zh-Hans": "做出来几乎和贝伦的一样好吃。",
    },
    "Pequeno-almoço": {
        "en": "Breakfast",
        "zh-Hans": "早餐时光",
    },
    "Café, torradas e fruta na varanda.": {
        "en": "Coffee, toast and fruit on the balcony.",
        "zh-Hans": "在阳台上吃早餐：咖啡、吐司和水果。",
    },
    # Details
    "Todo comprado por mí, nada patrocinado.": {
        "en": "Bought it all myself, nothing sponsored.",
        "zh-Hans": "全部自费购买，没有任何广告。",
    },
    "Si tenéis preguntas, dejadlas en comentarios.": {
        "en": "If you've got questions, drop them in the comments.",
        "zh-Hans": "有问题的话，评论区留言哦。",
    },
    "Fotos hechas con el móvil, sin filtros.": {
        "en": "Shot on my phone, no filters.",
        "zh-Hans": "手机拍的，无滤镜。",
    },
    "写真はスマホで撮りました。": {
        "en": "Photos taken on my phone.",
        "zh-Hans": "照片都是手机拍的。",
    },
    "質問があればコメントでどうぞ。": {
        "en": "Any questions, just ask in the comments.",
        "zh-Hans": "有问题欢迎在评论区问我。",
    },
    "今日もいい一日でした。": {
        "en": "Another good day today.",
        "zh-Hans": "今天也是美好的一天。",
    },
    "모두 내돈내산이에요.": {
        "en": "All bought with my own money.",
        "zh-Hans": "全部自费，真心分享。",
    },
    "궁금한 점은 댓글로 물어봐 주세요.": {
        "en": "Ask me anything in the comments.",
        "zh-Hans": "有疑问的话评论区问我哦。",
    },
    "사진은 휴대폰으로 찍었어요.": {
        "en": "Pics taken on my phone.",
        "zh-Hans": "照片是用手机拍的。",
    },
    "Rien n'est sponsorisé.": {
        "en": "Nothing here is sponsored.",
        "zh-Hans": "纯分享，无广告。",
    },
    "Posez vos questions en commentaire !": {
        "en": "Drop your questions in the comments!",
        "zh-Hans": "有问题评论区见！",
    },
    "Photos prises au téléphone, sans retouche.": {
        "en": "Shot on my phone, no editing.",
        "zh-Hans": "手机拍摄，没有修图。",
    },
    "Nada é patrocinado.": {
        "en": "Nothing is sponsored.",
        "zh-Hans": "没有任何广告。",
    },
    "Perguntas nos comentários!": {
        "en": "Questions in the comments!",
        "zh-Hans": "有问题评论区问！",
    },
    "Fotos sem filtro.": {
        "en": "No filter on these.",
        "zh-Hans": "照片无滤镜。",
    },
}

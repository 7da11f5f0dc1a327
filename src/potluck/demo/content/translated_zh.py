"""English translations of the demo's Chinese texts, piece by piece, written by people:
the demo shows one-tap translation with them even where no translation engine is installed."""

from __future__ import annotations

# piece as written -> its English translation
EN: dict[str, str] = {
    # Notes, food
    "成都人私藏的8家苍蝇馆子": "8 hole-in-the-wall spots Chengdu locals keep to themselves",
    "本地人带路，全是开了十几年的老店，没有一家是网红店。": (
        "A local showed me around: every one of these has been open 10+ years, and not a single one is an "
        "influencer trap."
    ),
    "人均50吃到扶墙出": "Ate until I could barely walk for ¥50 a head",
    "这家火锅真的性价比天花板，毛肚脆、鸭肠新鲜，锅底香到邻桌来问。": (
        "This hotpot is honestly the best value out there: crunchy beef tripe, super fresh duck intestines, "
        "and a broth so fragrant the next table came over to ask what we ordered."
    ),
    "在家复刻红油抄手": "Recreating chili oil wontons at home",
    "试了三次终于做出饭店的味道，秘诀就在那一勺复合酱油。": (
        "Third try and they finally taste like the restaurant's! The secret is one spoonful of seasoned soy "
        "sauce."
    ),
    "早餐吃了一碗牛肉面": "Beef noodle soup for breakfast",
    "汤是凌晨四点熬上的，牛肉大块，辣油自己加，一碗下去整个人活过来了。": (
        "The broth goes on at 4 a.m., the beef comes in big chunks and you add your own chili oil. One bowl "
        "and I'm a whole new person."
    ),
    "重庆小面的正确打开方式": "How to actually eat Chongqing xiaomian",
    "很多人以为小面就是辣，其实灵魂是那一勺花生碎和芽菜。": (
        "Lots of people think xiaomian is all about the heat, but the real soul is the crushed peanuts and "
        "preserved mustard greens."
    ),
    "这家咖啡店可以坐一下午": "A café you can happily spend the whole afternoon in",
    "藏在老洋房里，窗边的位置阳光刚好，拿铁的拉花也很稳。": (
        "Tucked away in an old colonial-era house. The window seats get perfect sunlight, and the latte art "
        "is on point."
    ),
    "夏天就要吃冰粉！": "Summer means bingfen (ice jelly)!",
    "红糖水、山楂、葡萄干、花生碎，五块钱一碗的快乐。": (
        "Brown sugar syrup, hawthorn, raisins, crushed peanuts: a bowl of pure happiness for ¥5."
    ),
    "第一次带外国朋友吃火锅": "Took my foreign friend for hotpot for the first time",
    "他从不敢碰红锅到最后自己点了第二份毛肚，哈哈哈。": (
        "He went from being too scared to touch the spicy broth to ordering a second plate of beef tripe "
        "himself, lol."
    ),
    "减脂期的酸奶碗": "My cutting-season yogurt bowl",
    "无糖酸奶打底，铺满水果和燕麦，颜值高还顶饱。": (
        "Unsweetened yogurt base loaded with fruit and oats. Pretty to look at and keeps you full."
    ),
    "凌晨一点的串串香": "Chuanchuan skewers at 1 a.m.",
    "下班路上的续命小摊，老板记得我不要香菜。": (
        "The little stall that keeps me alive on my way home from work. The owner remembers I don't want "
        "cilantro."
    ),
    "一人食｜番茄牛腩面": "Table for one｜Tomato beef brisket noodles",
    "下雨天最适合炖一锅番茄牛腩，配手擀面绝了。": (
        "Rainy days are made for a pot of tomato-braised beef brisket. With hand-rolled noodles? Chef's kiss."
    ),
    "上海老弄堂里的葱油拌面": "Scallion oil noodles in an old Shanghai lane",
    "十二块一碗，葱油是老板每天现熬的，香到邻居探头。": (
        "¥12 a bowl. The owner makes the scallion oil fresh every day, and it smells so good the neighbors "
        "poke their heads out."
    ),
    "钵钵鸡一串一块": "Bobo chicken skewers, ¥1 each",
    "冷锅串串的灵魂是那一锅红油，芝麻和花椒的香味飘出半条街。": (
        "The soul of cold-pot skewers is that pot of red chili oil. You can smell the sesame and Sichuan "
        "pepper from half a street away."
    ),
    "兔头到底好不好吃": "So are rabbit heads actually good?",
    "外地朋友第一次吃都犹豫，吃完都说真香。麻辣和五香各点一个。": (
        "Every out-of-town friend hesitates the first time, then ends up hooked. Get one mala and one "
        "five-spice."
    ),
    "周末在家包饺子": "Making dumplings at home this weekend",
    "韭菜鸡蛋和猪肉白菜两种馅，一家人边包边聊，最有年味。": (
        "Two fillings, chive & egg and pork & napa cabbage. The whole family chatting while we fold, it "
        "feels just like Chinese New Year."
    ),
    "南京鸭血粉丝汤": "Nanjing duck blood vermicelli soup",
    "汤清味鲜，鸭血嫩、鸭肝香，再配一个小笼包。": (
        "Clear, savory broth, silky duck blood and rich duck liver. Add a soup dumpling on the side and "
        "you're set."
    ),
    # Notes, travel
    "大理三天两夜攻略": "Dali in 3 days, 2 nights: my guide",
    "不赶路的玩法，每天睡到自然醒，洱海边骑车看日落。": (
        "A no-rush itinerary: sleep in every day, then bike along Erhai Lake and watch the sunset."
    ),
    "川西的日照金山": "Golden mountain sunrise in western Sichuan",
    "凌晨五点在观景台冻成狗，太阳出来那一秒全场都安静了。": (
        "Freezing my butt off at the viewpoint at 5 a.m., and the second the sun hit the peaks, everyone "
        "went completely silent."
    ),
    "厦门小众海边｜人少景美": "Xiamen's hidden beach｜No crowds, all views",
    "避开了环岛路的人潮，找到一片几乎没人的沙滩。": (
        "Skipped the crowds on Huandao Road and found a beach with almost nobody on it."
    ),
    "重庆夜景机位合集": "Best spots to shoot Chongqing at night",
    "洪崖洞不是唯一的选择，这几个机位人少还出片。": (
        "Hongyadong isn't your only option. These spots are way less crowded and still totally photogenic."
    ),
    "一个人去了趟西藏": "I went to Tibet solo",
    "高反比想象中轻，路上遇到的人比风景更难忘。": (
        "The altitude sickness was milder than I expected, and the people I met along the way were even more "
        "unforgettable than the views."
    ),
    "上海citywalk路线": "My Shanghai citywalk route",
    "从武康路走到衡复风貌区，全程两小时，梧桐树下全是故事。": (
        "From Wukang Road through the old French Concession area, about two hours in total. Every plane tree "
        "has a story."
    ),
    "第一次看到云海": "My first sea of clouds",
    "爬了四个小时，在山顶等到了云海翻涌，值了。": (
        "Four hours of climbing, then waiting at the summit until the clouds came rolling in. Totally worth "
        "it."
    ),
    "周末去了趟黄山": "Weekend trip to Huangshan",
    "住在山顶看日出，建议一定要带厚外套。": (
        "Stayed at the top to catch the sunrise. Seriously, bring a warm coat."
    ),
    "洱海边的日落": "Sunset by Erhai Lake",
    "每天傍晚六点半，天空会从橘色变成粉紫色。": (
        "Every evening around 6:30, the sky fades from orange to pinky purple."
    ),
    "青岛海边的一天": "A day by the sea in Qingdao",
    "啤酒、蛤蜊和海风，夏天的意义。": "Beer, clams and sea breeze: what summer is all about.",
    "鼓浪屿一日游": "A day trip to Gulangyu Island",
    "早上第一班船上岛，避开人流，小巷里全是老房子和三角梅。": (
        "Take the first ferry over in the morning to beat the crowds. The little lanes are full of old "
        "houses and bougainvillea."
    ),
    "西安城墙骑行": "Cycling the Xi'an City Wall",
    "一圈十四公里，傍晚骑最舒服，能看到整座城亮灯。": (
        "It's 14 km all the way around. Evening is the best time to ride, you get to watch the whole city "
        "light up."
    ),
    "泸沽湖的早晨": "Morning at Lugu Lake",
    "湖面有薄雾，猪槽船慢慢划过，安静得只有水声。": (
        "Light mist over the lake, wooden canoes gliding slowly past, so quiet all you hear is the water."
    ),
    # Notes, beauty
    "干皮冬天的保湿顺序": "My winter moisturizing routine for dry skin",
    "换季脸干起皮的姐妹看过来，这套顺序我用了三年。": (
        "Girls whose skin gets dry and flaky when the seasons change, this one's for you. I've used this "
        "routine for three years."
    ),
    "黄一白适合的口红色号": "Lipstick shades for fair skin with warm undertones",
    "试了二十多支，这五支是闭眼入的。": "Tried 20+ lipsticks, and these five are an instant buy.",
    "空瓶记｜今年用完的好物": "Empties｜Products I used up this year",
    "只说真实感受，不好用的也会直接讲。": "Honest thoughts only. If something's bad, I'll say so.",
    "五分钟通勤妆": "5-minute makeup for the commute",
    "早上多睡十分钟的秘密，手残党也能学会。": (
        "My secret to ten extra minutes of sleep. Even if you're hopeless at makeup, you can do this."
    ),
    "平价眼影盘测评": "Drugstore eyeshadow palette review",
    "五十块的盘子显色度居然打败了大牌。": (
        "A ¥50 palette that's actually more pigmented than the luxury brands."
    ),
    "敏感肌修护经验": "How I repaired my sensitive skin",
    "泛红两年终于稳定下来，分享我踩过的坑。": (
        "After two years of redness my skin has finally calmed down. Here are all the mistakes I made along "
        "the way."
    ),
    "防晒怎么选不踩雷": "How to pick a sunscreen you won't regret",
    "油皮干皮混合皮分别适合什么质地，一篇讲清楚。": (
        "Which textures work for oily, dry and combination skin, all explained in one post."
    ),
    "秋冬腮红这样画": "How I do blush for fall and winter",
    "在颧骨偏上的位置轻轻扫，气色一下子就出来了。": (
        "Lightly sweep it just above your cheekbones and you instantly look glowy and fresh."
    ),
    # Notes, fashion
    "小个子秋冬穿搭公式": "Fall/winter outfit formulas for petite girls",
    "158cm 的我总结出来的三条规律，显高显瘦不出错。": (
        "Three rules I've figured out at 158cm (5'2\"): look taller and slimmer, no fails."
    ),
    "一周通勤穿搭不重样": "A week of work outfits, no repeats",
    "基础款就能搭出五种风格，衣橱里都有。": (
        "Five different looks from basics you already have in your closet."
    ),
    "这条半裙太好搭了": "This skirt goes with everything",
    "配卫衣、配衬衫、配针织，怎么穿都好看。": (
        "With a hoodie, a shirt or a knit, it looks good no matter how you style it."
    ),
    "老钱风入门指南": "A beginner's guide to the old money look",
    "不需要大牌，颜色和材质对了就赢了一半。": (
        "You don't need designer labels. Get the colors and fabrics right and you're halfway there."
    ),
    "梨形身材的牛仔裤": "Jeans for pear-shaped bodies",
    "试了十几条，终于找到不卡胯的那条。": (
        "Tried on a dozen-plus pairs and finally found the one that doesn't dig into my hips."
    ),
    "今日份OOTD": "Today's OOTD",
    "燕麦色毛衣加深色直筒裤，温柔又干练。": (
        "Oatmeal sweater with dark straight-leg pants: soft but put-together."
    ),
    "周末约会穿什么": "What to wear on a weekend date",
    "三套不同风格的约会穿搭，总有一套适合你。": (
        "Three date outfits in totally different styles. There's one for everyone."
    ),
    "面试穿什么不出错": "Interview outfits that never miss",
    "西装外套加直筒裤，干净利落，颜色选深蓝或燕麦色。": (
        "A blazer with straight-leg pants: clean and sharp. Go for navy or oatmeal."
    ),
    # Notes, home
    "出租屋改造｜花了800块": "Rental makeover｜All for ¥800",
    "房东的旧家具不能扔，那就想办法让它们变好看。": (
        "Can't throw out the landlord's old furniture, so I found ways to make it look good instead."
    ),
    "阳台变成小花园": "My balcony is now a little garden",
    "从一盆绿萝开始，现在已经有二十多盆植物了。": "It started with one pothos, and now I'm up to 20+ plants.",
    "十平米卧室收纳": "Storage hacks for a 10 m² bedroom",
    "小房间也能住得舒服，关键是把竖向空间用起来。": (
        "A small room can still be comfy. The trick is using your vertical space."
    ),
    "周末的慵懒午后": "A lazy weekend afternoon",
    "窗帘半拉，一杯热茶，一本书，就是最好的周末。": (
        "Curtains half drawn, a cup of hot tea and a good book. That's the perfect weekend."
    ),
    "好物分享｜氛围感小灯": "Fave finds｜A little mood lamp",
    "晚上关掉大灯只开它，整个房间都温柔了。": (
        "At night I switch off the main light and leave just this on, and the whole room goes soft and cozy."
    ),
    "断舍离三个月后": "Three months after decluttering",
    "扔掉了一半东西，房间变大了，心也轻了。": (
        "Got rid of half my stuff. The room feels bigger, and so does my headspace."
    ),
    "我的书架终于整理好了": "My bookshelf is finally organized",
    "按颜色排列真的好治愈，强迫症狂喜。": "Sorting by color is so soothing. My inner neat freak is thriving.",
    "厨房改造前后对比": "Kitchen makeover: before & after",
    "旧橱柜贴了木纹贴纸，换了把手，花了不到三百块。": (
        "Wood-grain contact paper on the old cabinets plus new handles, all for under ¥300."
    ),
    "我的绿植角落": "My little plant corner",
    "龟背竹、琴叶榕和一盆快长疯的绿萝。": (
        "A monstera, a fiddle-leaf fig and a pothos that's growing out of control."
    ),
    # Notes, fitness
    "三个月减脂15斤": "Lost 7.5 kg (15 jin) in three months",
    "没有节食，就是管住嘴迈开腿，饮食和训练都写在下面了。": (
        "No crash dieting, just eating sensibly and moving more. My meals and workouts are all below."
    ),
    "新手健身房第一课": "Gym 101 for beginners",
    "别一上来就练大重量，动作标准比什么都重要。": (
        "Don't jump straight into heavy weights. Good form matters more than anything."
    ),
    "在家也能练的HIIT": "HIIT you can do at home",
    "二十分钟，不用器械，楼下邻居也听不见。": (
        "Twenty minutes, no equipment, and your downstairs neighbors won't hear a thing."
    ),
    "晨跑打卡第100天": "Day 100 of morning runs",
    "从跑两公里就喘到能轻松跑十公里，坚持真的有用。": (
        "From gasping after 2 km to cruising through 10 km. Consistency really does pay off."
    ),
    "瑜伽让我不再腰疼": "Yoga fixed my back pain",
    "久坐党一定要试试这五个动作。": "If you sit all day, you have to try these five moves.",
    "深圳湾跑步路线": "My Shenzhen Bay running route",
    "海风吹着跑，十公里一点都不累。": "With the sea breeze at your back, 10 km doesn't feel tiring at all.",
    "增肌期一日三餐": "What I eat in a day while bulking",
    "每天蛋白质一百五十克，不用吃得很贵也能练出来。": (
        "150 g of protein a day. You don't need to eat fancy to build muscle."
    ),
    "徒步入门装备清单": "Beginner hiking gear checklist",
    "鞋子最重要，其次是登山杖和速干衣。": "Shoes matter most, then trekking poles and quick-dry clothes.",
    # Notes, pets
    "橘猫的一天": "A day in the life of an orange cat",
    "吃饭、睡觉、趴窗台看鸟，偶尔想起来拆个家。": (
        "Eat, sleep, lie on the windowsill watching birds, and trash the place every now and then."
    ),
    "新手养猫必看清单": "Must-read checklist for new cat parents",
    "接猫回家前一定要准备好的东西，少走弯路。": (
        "Everything you need ready before bringing your cat home, so you skip the rookie mistakes."
    ),
    "猫咪晒太阳的样子": "My cat sunbathing",
    "每天下午三点准时出现在窗台，风雨无阻。": "On the windowsill at 3 p.m. sharp every day, rain or shine.",
    "给外国朋友交猫税了": "Paying the cat tax to my new friends abroad",
    "评论区说要猫税，毛毛和豆豆来营业了！": (
        "The comments asked for cat tax, so Maomao and Doudou are clocking in!"
    ),
    "两只猫终于和好了": "My two cats finally made up",
    "从互相哈气到一起睡觉，用了整整一个月。": (
        "From hissing at each other to sleeping together took a whole month."
    ),
    "猫咪体检记录": "My cat's checkup",
    "一岁体检一切正常，分享一下费用和注意事项。": (
        "All clear at the one-year checkup! Sharing the costs and what to watch out for."
    ),
    "猫咪的睡姿大赏": "A gallery of my cat's sleeping positions",
    "这一周拍到的各种奇怪睡姿，最后一张笑死我了。": (
        "All the weird sleeping poses I caught this week. The last one has me dying."
    ),
    "狸花猫有多聪明": "Just how smart are Chinese tabbies?",
    "会开门、会开柜子、还会在我开会的时候踩键盘。": (
        "Opens doors, opens cabinets, and walks all over my keyboard while I'm in meetings."
    ),
    # Notes, parenting
    "两岁宝宝的绘本清单": "Picture books for two-year-olds",
    "每天睡前读三本，这些是她翻得最多的。": (
        "We read three every night before bed, and these are the ones she picks up the most."
    ),
    "一周辅食不重样": "A week of baby meals, no repeats",
    "食材简单，做法快手，宝宝吃得很香。": "Simple ingredients, quick recipes, and baby gobbles them up.",
    "带娃去公园野餐": "Picnic in the park with the little one",
    "准备了小饭团和水果，他玩得比我们还开心。": (
        "Packed mini rice balls and fruit, and he had even more fun than we did."
    ),
    "哄睡经验分享": "What worked for getting baby to sleep",
    "从抱睡到自主入睡，我们用了两个星期。": (
        "It took us two weeks to go from rocking him to sleep to him falling asleep on his own."
    ),
    "亲子手工｜纸杯小动物": "Crafts with kids｜Paper cup animals",
    "一个下午做了一整个动物园。": "We made a whole zoo in one afternoon.",
    "二胎妈妈的时间管理": "Time management as a mom of two",
    "不是没有时间，是没有把时间切碎。": (
        "It's not that you don't have time, it's that you haven't learned to use the little pockets of it."
    ),
    "宝宝的第一双鞋": "Baby's first shoes",
    "学步期选鞋子的几个小经验，软底、合脚最重要。": (
        "A few tips for choosing shoes when they're learning to walk: soft soles and a good fit matter most."
    ),
    # Notes, study
    "考研上岸经验分享": "How I passed the grad school entrance exam",
    "从三百多分到上岸，复盘我一年的学习计划。": (
        "From scoring in the 300s to getting in: a look back at my year-long study plan."
    ),
    "英语单词怎么背不忘": "How to memorize English words and actually remember them",
    "试过很多方法，最后留下来的只有这一个。": (
        "I've tried tons of methods, and this is the only one that stuck."
    ),
    "图书馆自习打卡": "Library study check-in",
    "早上八点到晚上十点，今天也是专注的一天。": "8 a.m. to 10 p.m. Another focused day in the books.",
    "给外国朋友的中文课": "Chinese lessons for my new friends abroad",
    "评论区很多新朋友想学中文，从最常用的十句开始吧！": (
        "Lots of new friends in the comments want to learn Chinese, so let's start with the ten most useful "
        "phrases!"
    ),
    "我的笔记是这样做的": "This is how I take notes",
    "康奈尔笔记法加思维导图，复习效率翻倍。": (
        "Cornell notes plus mind maps: my revision is twice as efficient."
    ),
    "帮你起一个中文名": "Let me give you a Chinese name",
    "留言告诉我你的名字和喜欢的意思，我来帮你起～": (
        "Comment your name and a meaning you like, and I'll come up with one for you～"
    ),
    "番茄钟学习法真的有用": "The Pomodoro method really works",
    "二十五分钟专注，五分钟休息，拖延症有救了。": (
        "25 minutes of focus, a 5-minute break. There's hope for us procrastinators after all."
    ),
    "一周中文小测验": "Weekly Chinese mini quiz",
    "上周的十个词你们还记得吗？答案在评论区。": (
        "Do you still remember last week's ten words? Answers are in the comments."
    ),
    "高效复习的三个习惯": "Three habits for studying smarter",
    "先回忆再翻书，错题当天整理，睡前过一遍。": (
        "Try to recall before you open the book, go over your mistakes the same day, and do a quick review "
        "before bed."
    ),
    # Notes, other
    "欢迎来自TikTok的朋友": "Welcome, friends from TikTok",
    "最近评论区好多新朋友，欢迎欢迎！有问题可以问我。": (
        "So many new friends in the comments lately, welcome welcome! Feel free to ask me anything."
    ),
    "今天的晚霞太美了": "Tonight's sunset was unreal",
    "下班路上抬头，整片天都是粉紫色的。": (
        "Looked up on my way home from work and the whole sky was pinky purple."
    ),
    "城市夜晚的灯光": "City lights at night",
    "一个人走在街上，每一盏灯后面都有一个故事。": (
        "Walking the streets alone, thinking how every light has a story behind it."
    ),
    "分享一些生活碎片": "Some little snippets of my life",
    "最近拍的照片，没什么主题，都是让我开心的小瞬间。": (
        "Photos I took recently. No theme, just little moments that made me happy."
    ),
    "第一次用Potluck": "My first time on Potluck",
    "听说这里可以一键翻译评论，和全世界的朋友聊天。": (
        "I heard you can translate comments here in one tap and chat with friends from all over the world."
    ),
    "下雨天的城市": "The city on a rainy day",
    "路灯和车灯在水里晕开，像一幅油画。": (
        "Streetlights and headlights blurring in the puddles, like an oil painting."
    ),
    "今天学会了一句英语": "Learned a new English phrase today",
    "评论区的外国朋友教我说 it's giving，哈哈哈。": (
        'A friend from abroad in the comments taught me to say "it\'s giving", lol.'
    ),
    "给新朋友起中文名啦": "Chinese names for my new friends are here",
    "上次的帖子收到两百多条留言，这是第一批名字！": (
        "My last post got 200+ comments, so here's the first batch of names!"
    ),
    # Details, food
    "📍地址和营业时间放在最后一张图了。": "📍Address and opening hours are in the last pic.",
    "味道：⭐⭐⭐⭐⭐ 环境：⭐⭐⭐⭐ 服务：⭐⭐⭐⭐": "Taste: ⭐⭐⭐⭐⭐ Vibe: ⭐⭐⭐⭐ Service: ⭐⭐⭐⭐",
    "建议工作日去，周末要排队一小时。": "Go on a weekday if you can, the wait on weekends is an hour.",
    "不能吃辣的可以点微辣，老板很好说话。": (
        "If you can't handle spice, ask for mild. The owner's super easygoing."
    ),
    "自己做的话，火候一定要小，慢慢熬才香。": (
        "If you're making it yourself, keep the heat low. Slow simmering is where the flavor comes from."
    ),
    # Details, travel
    "交通：高铁到站后打车二十分钟。": (
        "Getting there: high-speed train, then a 20-minute taxi ride from the station."
    ),
    "住宿推荐住在古城外，安静还便宜。": "Where to stay: just outside the old town, it's quieter and cheaper.",
    "最佳时间是十月到次年三月，天气最稳定。": (
        "The best time to go is October through March, when the weather's most reliable."
    ),
    "拍照建议带一件红色的衣服，超出片。": (
        "Bring something red to wear for photos, it looks amazing on camera."
    ),
    "门票可以提前在小程序上买，能省不少时间。": (
        "Buy tickets ahead of time on the mini-program, it saves you loads of time."
    ),
    # Details, beauty
    "我是干皮，油皮姐妹可以减少用量。": "I have dry skin, so oily-skin girls might want to use a bit less.",
    "价格都不贵，学生党也能入手。": "Nothing here's expensive, so it's student-budget friendly too.",
    "一定要做好防晒，不然前面都白做了。": "Don't skip sunscreen, or all the other steps are for nothing.",
    "以上都是自费购买，放心食用。": "I paid for all of this myself, so you can trust these picks.",
    # Details, fashion
    "身高158，体重45，衣服都是S码。": "I'm 158cm and 45kg, wearing size S in everything.",
    "链接太多了，问的人多我再整理。": "Too many links to list. If enough of you ask, I'll put them together.",
    "配色公式：一个主色加两个辅助色，不会出错。": (
        "Color formula: one main color plus two accents, and you can't go wrong."
    ),
    "鞋子选浅色会更显腿长。": "Light-colored shoes make your legs look longer.",
    # Details, home
    "所有东西都是网上买的，加起来不到一千块。": (
        "Everything was bought online, and it all came to under ¥1,000."
    ),
    "植物选好养的，新手推荐绿萝和虎皮兰。": (
        "Go for easy plants. For beginners I'd recommend pothos and snake plants."
    ),
    "灯光真的很重要，暖光让房间一下子有氛围。": (
        "Lighting really matters. Warm light instantly gives a room that cozy vibe."
    ),
    "收纳的关键是每样东西都有固定的位置。": "The key to staying organized is giving everything its own spot.",
    # Details, fitness
    "饮食：早餐鸡蛋燕麦，午餐正常吃，晚餐少碳水。": (
        "Food: eggs and oats for breakfast, a normal lunch, light on carbs at dinner."
    ),
    "每周练四次，每次一小时左右。": "I train four times a week, about an hour each time.",
    "热身和拉伸一定不能省，不然容易受伤。": (
        "Never skip your warm-up and stretching, or you're asking for an injury."
    ),
    "体重只是参考，镜子和裤腰更诚实。": (
        "The scale is just a guide. The mirror and your waistband are more honest."
    ),
    # Details, pets
    "猫粮换粮要慢慢来，七天过渡。": "Switch cat food gradually, over about seven days.",
    "猫咪疫苗和驱虫一定要按时。": "Keep your cat's vaccines and deworming on schedule.",
    "最爱的玩具居然是快递盒。": "Their favorite toy? The delivery box, of course.",
    "领养代替购买，它们真的很可爱。": "Adopt, don't shop. They're seriously the cutest.",
    # Details, parenting
    "每个孩子节奏不一样，不用焦虑。": "Every kid goes at their own pace, so don't stress.",
    "材料都是家里现成的，不用专门买。": (
        "Everything we used was already lying around the house, no need to buy anything."
    ),
    "妈妈也要好好休息，照顾好自己才能照顾好宝宝。": (
        "Moms need rest too. Take care of yourself so you can take care of your baby."
    ),
    "书单按年龄整理了，收藏起来慢慢看。": "I've sorted the book list by age, so save it and take your time.",
    # Details, study
    "每天的计划写在便利贴上，完成一项划掉一项。": (
        "I write each day's plan on a sticky note and cross things off as I go."
    ),
    "手机放在另一个房间，效率翻倍。": "Put your phone in another room and watch your productivity double.",
    "不会的可以在评论区问我，看到都会回。": (
        "If you get stuck, ask me in the comments. I reply to everything I see."
    ),
    "坚持比方法更重要，加油！": "Sticking with it matters more than the method. You've got this!",
    # Details, other
    "照片都是手机拍的，没有修图。": "All shot on my phone, no editing.",
    "最近的生活就是这样，平淡但很开心。": "That's life lately: nothing special, but really happy.",
    "大家有什么想看的可以留言告诉我。": "Let me know in the comments what you'd like to see next.",
    # Questions
    "你们最喜欢哪一张？": "Which one's your favorite?",
    "有同款爱好的姐妹吗？": "Any girls here into the same thing?",
    "还有什么想看的评论区告诉我～": "Tell me in the comments what else you want to see～",
    "你们那边有什么推荐吗？": "Any recommendations where you are?",
    # Mentions
    "感谢 @{user} 的推荐！": "Thanks @{user} for the recommendation!",
    "和 @{user} 一起去的～": "Went with @{user}～",
    "@{user} 你要的来了！": "@{user} here's the one you asked for!",
    # Comments
    "太好看了吧！": "This is gorgeous!",
    "收藏了，周末就去": "Saved, going this weekend",
    "求地址🙏": "Address please 🙏",
    "博主好会拍": "You take such good photos",
    "这个颜色绝了": "This color is everything",
    "蹲一个后续": "Waiting for the update",
    "已关注，期待更多分享": "Followed! Can't wait to see more",
    "看饿了😭": "Now I'm starving 😭",
    "请问是在哪里买的？": "Where did you get it?",
    "好治愈啊": "So soothing",
    "跟着博主买了，真的不错": "Bought it because of you, it's really good",
    "我也想要这样的生活": "I want this life too",
    "第一张是什么相机拍的？": "What camera did you use for the first pic?",
    "学到了，谢谢分享": "Learned something new, thanks for sharing",
    "欢迎新朋友！Welcome 👋": "Welcome, new friends! 👋",
    # Answers
    "谢谢喜欢～": "So glad you like it～",
    "谢谢关注！": "Thanks for the follow!",
    "爱你们❤️": "Love you guys ❤️",
    "哈哈哈谢谢": "Hahaha thank you",
    "Thank you! 欢迎常来～": "Thank you! Come back anytime～",
    # Info answers
    "地址在正文里啦": "The address is in the post",
    "手机拍的，没修图～": "Shot on my phone, no editing～",
    "大概两个小时，不难的": "About two hours, it's not hard",
    "在最后一张图里～": "It's in the last pic～",
    # Chime-ins
    "同问！": "Same question!",
    "+1 我也想知道": "+1, I want to know too",
    "我去过，真的很好": "I've been, it's really great",
    "哈哈哈哈": "Hahahaha",
    # Thanks
    "好的谢谢！": "Got it, thanks!",
    "收到～": "Noted～",
    "爱了爱了": "Obsessed",
    # Pinned
    "📌 统一回复：地址、价格都在正文和最后一张图里啦，有问题继续问～": (
        "📌 Answering everyone at once: the address and prices are in the post and the last pic. Keep the "
        "questions coming～"
    ),
    "📌 置顶：谢谢大家喜欢！下一篇写详细攻略，想看的扣1": (
        "📌 Pinned: thank you all for the love! Next post will be a detailed guide, drop a 1 if you want it"
    ),
    "📌 很多人问链接，都不是广告，自己搜名字就能找到～": (
        "📌 Lots of you asked for links: none of this is sponsored, just search the names and you'll find "
        "them～"
    ),
}

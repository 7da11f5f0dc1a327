"""Chinese translations of the demo's English texts, piece by piece, written by people:
the demo shows one-tap translation with them even where no translation engine is installed."""

from __future__ import annotations

# piece as written -> its Simplified Chinese translation
ZH: dict[str, str] = {
    # Notes, food
    "My first real hotpot": "人生第一顿正宗火锅",
    "A friend from Chengdu took me out and I am never going back to mild.": (
        "成都朋友带我去吃的，从此再也回不去微辣了。"
    ),
    "Sourdough, attempt 7": "酸种面包，第7次挑战",
    "Attempt number seven. The crumb! Look at the crumb!": "第七次尝试。这气孔！快看这气孔！",
    "Noodle soup night": "今晚嗦汤面",
    "Rainy Sunday, big pot of broth, a whole bunch of scallions.": (
        "下雨的周日，熬一大锅高汤，撒上一整把葱花。"
    ),
    "Latte art progress": "拉花进步记录",
    "Three months of practice and my hearts finally look like hearts.": (
        "练了三个月，我拉的爱心终于像个爱心了。"
    ),
    "Breakfast bowl ideas": "早餐碗灵感",
    "Greek yogurt, berries, granola and a drizzle of honey. Ten minutes.": (
        "希腊酸奶、莓果、格兰诺拉麦片，再淋一点蜂蜜。十分钟搞定。"
    ),
    "Chinese snack haul": "中国零食大采购",
    "My new friends here sent me a list, so I went to the Asian market.": (
        "这里的新朋友给我列了一份清单，我直接冲去了亚洲超市。"
    ),
    "Dan dan noodles 🌶️": "担担面 🌶️",
    "Recipe from @chengdu_foodie, translated with the button. It works!": (
        "菜谱来自 @chengdu_foodie，点翻译按钮看懂的。照着做真的成功了！"
    ),
    "Best brunch in town": "城里最好吃的早午餐",
    "Came for the pancakes, stayed for the coffee and the light.": "冲着松饼去的，结果被咖啡和光线留住了。",
    "Weeknight ramen hack": "工作日晚餐：泡面升级法",
    "Instant noodles, soft egg, chili crisp, greens. Upgraded.": (
        "方便面、溏心蛋、香辣脆油辣子、青菜。瞬间升级。"
    ),
    "Cinnamon rolls!": "肉桂卷！",
    "Soft, gooey, and gone in about nine minutes.": "松软流心，九分钟左右就被一扫而空。",
    "Farmers market haul": "农夫市集战利品",
    "Peaches, tomatoes and way too many flowers.": "桃子、番茄，还有多到离谱的鲜花。",
    # Notes, travel
    "Sunset hike worth it": "爬山看日落，值了",
    "Two hours up, legs on fire, and then the sky did this.": (
        "爬了两个小时，腿都快废了，然后天空给我来了这么一出。"
    ),
    "Weekend on the coast": "海边的周末",
    "Packed light, turned off my phone, and found the quietest beach.": (
        "轻装出发，手机关机，找到了一片最安静的海滩。"
    ),
    "City lights at night": "城市夜景",
    "Found a rooftop bar with the best skyline view. Went twice.": (
        "发现一家天台酒吧，天际线视野绝了。我去了两次。"
    ),
    "3 days in Shanghai": "上海3日游",
    "My first trip to China after meeting so many people here!": (
        "在这里认识了这么多朋友，终于第一次去了中国！"
    ),
    "Mountain lake, 5am": "清晨5点的高山湖泊",
    "Woke up at 4am for this and I'd do it again tomorrow.": (
        "为了这一幕凌晨4点爬起来，明天让我再来一次我也愿意。"
    ),
    "Budget tips for Bali": "巴厘岛穷游攻略",
    "How I spent ten days there for less than a month of rent.": (
        "在那玩了十天，花的钱还不到一个月房租，来说说我是怎么做到的。"
    ),
    "Picnic in the park": "公园野餐",
    "Sandwiches, strawberries, a book and nowhere to be.": "三明治、草莓、一本书，哪儿也不用赶。",
    "Road trip playlist": "自驾游歌单",
    "Eight hours of driving, one perfect playlist and a lot of snacks.": (
        "开了八个小时车，一份完美歌单，外加一大堆零食。"
    ),
    "Taipei night market": "台北夜市",
    "Stinky tofu: tried it. Bubble tea: three times. No regrets.": (
        "臭豆腐：吃了。珍珠奶茶：喝了三杯。毫不后悔。"
    ),
    "Surf trip, day three": "冲浪之旅第三天",
    "Finally stood up on the board. Then fell off. Worth it.": "终于在板上站起来了。然后摔下去了。值了。",
    # Notes, beauty
    "My 5 minute makeup": "我的5分钟快速妆",
    "For days when I snooze the alarm three times.": "专为闹钟按掉三次的早上准备。",
    "Skincare that worked": "真正有用的护肤品",
    "After a year of trial and error, this is what stayed.": "踩了一年的雷，最后留下来的就是这些。",
    "Lipstick swatches": "口红试色",
    "Six shades I actually wear, swatched in daylight.": "我真正会用的六个色号，自然光下试色。",
    "Trying C-beauty": "入坑国货美妆",
    "Everyone here recommended these, so I ordered a haul.": "这里的大家都在安利，我就一口气下单了一大堆。",
    "Glass skin routine": "水光肌护肤流程",
    "Hydration, hydration, hydration. And sunscreen.": "补水、补水、还是补水。再加上防晒。",
    # Notes, fashion
    "Thrift haul, $50": "50美元淘二手战利品",
    "Everything in this flat lay came from one Saturday morning.": (
        "平铺图里的所有单品，都是一个周六上午淘到的。"
    ),
    "10-piece capsule": "10件单品胶囊衣橱",
    "One month, ten pieces, thirty outfits. It's possible!": "一个月，十件单品，三十套穿搭。真的做得到！",
    "Sneaker rotation": "我的球鞋轮换",
    "The four pairs I wear the most, and why.": "我穿得最多的四双，还有为什么。",
    "Fall outfit formula": "秋季穿搭公式",
    "Knit, straight jeans, loafers, a good bag. Repeat.": (
        "针织衫、直筒牛仔裤、乐福鞋，再配一个好包。无限循环。"
    ),
    "Outfit of the day": "今日穿搭",
    "Neutral tones, comfy shoes, ready for a long walk.": "中性色系，舒服的鞋，准备出门走个够。",
    "1 skirt, 3 ways": "1条半裙的3种穿法",
    "Same skirt, three vibes: office, brunch and night out.": (
        "同一条裙子，三种氛围：通勤、早午餐、夜晚出街。"
    ),
    "Rainy day outfit": "雨天穿搭",
    "Trench, boots, big scarf. Ready for anything.": "风衣、靴子、大围巾。什么天气都不怕。",
    # Notes, home
    "Small apartment tour": "小公寓 room tour",
    "Four hundred square feet, two plants per square foot.": (
        "四百平方英尺（三十多平米），每平方英尺两盆绿植。"
    ),
    "Balcony garden": "阳台小花园",
    "The tomatoes are winning. The basil is losing.": "番茄长势喜人，罗勒节节败退。",
    "Reading nook redo": "阅读角改造",
    "A chair, a lamp and a blanket. That's the whole secret.": "一把椅子、一盏灯、一条毯子。秘诀就这些。",
    "Sunday reset routine": "周日重启日常",
    "Laundry, fresh sheets, flowers from the market.": "洗衣服、换上干净床单、从市场带回一束花。",
    "Unkillable plants": "怎么养都养不死的植物",
    "If these made it through my neglect, they'll survive anyone.": "连我这么放养都活下来了，交给谁都能活。",
    # Notes, fitness
    "Deadlift PR today!": "今天硬拉破PR了！",
    "Finally hit 405 after months stuck. Form notes below.": (
        "卡了好几个月，终于拉起405磅了。动作要点写在下面。"
    ),
    "Beginner gym routine": "新手健身计划",
    "Three days a week, full body, nothing fancy. It works.": "一周三练，全身训练，没什么花样。但真的有用。",
    "Morning yoga flow": "晨间瑜伽流",
    "Fifteen minutes before coffee changed my whole day.": "喝咖啡前的这十五分钟，改变了我的一整天。",
    "Running by the ocean": "海边晨跑",
    "Sunrise 10k along the beach. Best way to start a Saturday.": (
        "迎着日出沿海滩跑个10公里。开启周六的最佳方式。"
    ),
    "No-gear home workout": "零器械居家训练",
    "Twenty minutes, a mat and a playlist.": "二十分钟，一张垫子，一份歌单。",
    "What I eat to bulk": "我的增肌饮食",
    "Simple meals, lots of rice, way more protein than before.": (
        "家常便饭，大碗米饭，蛋白质比以前多了一大截。"
    ),
    "Leg day, no excuses": "练腿日，不找借口",
    "Squats, lunges, and a lot of complaining.": "深蹲、箭步蹲，外加一路哀嚎。",
    # Notes, pets
    "Cat tax as promised": "说好的猫税来了",
    "You asked, Biscuit delivered. He wants treats in return.": (
        "你们要的，Biscuit 来交了。作为回报，他要零食。"
    ),
    "Sunday nap champion": "周日午睡冠军",
    "He has not moved in three hours. Goals.": "他已经三个小时没挪过窝了。这就是我的人生目标。",
    "Window watching": "窗边看风景",
    "Every evening at sunset, same spot, same stare.": "每天傍晚日落时分，同一个位置，同一个眼神。",
    "Adopted a senior cat": "领养了一只老年猫",
    "Twelve years old, grumpy, perfect. Welcome home, Pickles.": (
        "十二岁，脾气臭，但完美。欢迎回家，Pickles。"
    ),
    "My cat speaks 中文": "我家猫会说中文",
    "I say 吃饭 and she runs to the kitchen. Fluent.": "我一说“吃饭”，她就往厨房冲。中文十级。",
    "First vet visit tips": "第一次带猫看兽医",
    "Things I wish I knew before taking my cat to the vet.": "带猫去看兽医之前，真希望有人早点告诉我这些。",
    "Biscuit vs the couch": "Biscuit 大战沙发",
    "The couch did not stand a chance.": "沙发毫无还手之力。",
    "Cat tax, part two": "猫税第二弹",
    "Due to popular demand, more Biscuit.": "应广大群众要求，再来亿点 Biscuit。",
    # Notes, parenting
    "Toddler snacks": "幼儿小零食",
    "The only five things my twins agree on.": "我家双胞胎唯一意见一致的五样东西。",
    "Rainy day activities": "雨天在家玩什么",
    "Blocks, blanket forts and a lot of bubbles.": "搭积木、用毯子搭小城堡，还有好多好多泡泡。",
    "Bedtime books": "睡前绘本",
    "Read these a thousand times and still not sick of them.": "读了一千遍，还是没读腻。",
    "Park day, twins": "双胞胎公园日",
    "Two hours, one picnic, zero meltdowns. A miracle.": "两个小时，一次野餐，零崩溃。简直是奇迹。",
    "Dad hacks that work": "亲测有效的奶爸妙招",
    "Things nobody told me before the twins arrived.": "双胞胎出生前，没人告诉过我的那些事。",
    # Notes, study
    "Chinese, week 12": "学中文第12周",
    "I can finally order food in Chinese! Here's what helped.": (
        "我终于能用中文点菜了！分享一下对我帮助最大的方法。"
    ),
    "My study desk setup": "我的学习桌布置",
    "Everything I need for a focused six-hour session.": "专注学习六小时需要的一切，都在这张桌上了。",
    "How I read 50 books": "我是怎么读完50本书的",
    "No speed reading, just small habits that add up.": "没有速读，只是一些积少成多的小习惯。",
    "Pomodoro works": "番茄工作法真的有用",
    "25 minutes on, 5 off. My thesis is finally moving.": "学25分钟，歇5分钟。我的论文终于有进展了。",
    "Chinese flashcards": "中文闪卡",
    "The 100 characters I learned first, with tones.": "我最先学会的100个汉字，附声调。",
    "Cafe study session": "咖啡馆自习",
    "Matcha, playlist, and a very long reading list.": "抹茶、歌单，还有一份超长的书单。",
    "My Chinese name!": "我有中文名啦！",
    "@chen_laoshi gave me the name 汉娜 and I love it so much.": (
        "@chen_laoshi 给我取了“汉娜”这个名字，我真的太喜欢了。"
    ),
    "Tones are hard, help": "声调太难了，救命",
    "mā má mǎ mà... my cat understands me better than my teacher.": (
        "mā má mǎ mà……我家猫都比老师更能听懂我在说什么。"
    ),
    # Notes, other
    "Hi from a newcomer": "新人报到",
    "I have no idea what I'm doing here but everyone is so nice.": "完全不知道自己在这干嘛，但大家都好友善。",
    "Evening city walk": "傍晚的 citywalk",
    "The lights come on and the whole street changes.": "灯亮起来的那一刻，整条街都变了样。",
    "Why I love it here": "我为什么爱这里",
    "People answer questions, translate, and share cat photos.": (
        "大家会回答问题、帮忙翻译，还会分享猫猫照片。"
    ),
    "Welcome, newcomers!": "欢迎新朋友！",
    "A few tips for your first week: follow topics, say hi, post your cat.": (
        "第一周的几个小建议：关注话题、打个招呼、晒晒你的猫。"
    ),
    "Random photo dump": "随手拍合集",
    "No theme, just things that made me smile this week.": "没有主题，都是这周让我会心一笑的小事。",
    "A month on Potluck": "在 Potluck 的一个月",
    "What I've learned from a month of chatting across languages.": "跨语言聊了一个月，我学到的那些事。",
    "Golden hour walk": "黄金时刻散步",
    "Ten minutes outside and the sky did something incredible.": "才出门十分钟，天空就美得不可思议。",
    # Details, food
    "Recipe in the comments if you want it!": "想要菜谱的话评论区见！",
    "Total cost: about $12 and twenty minutes.": "总花费：大约12美元，外加二十分钟。",
    "Tip: toast the spices first, it makes all the difference.": "小贴士：香料先下锅炒香，味道完全不一样。",
    "Went on a weekday, no line at all.": "工作日去的，完全不用排队。",
    "Chili oil is non-negotiable.": "辣椒油必须有，没得商量。",
    # Details, travel
    "Getting there: train plus a short bus ride.": "交通：坐火车，再转一小段公交。",
    "Go early, the crowds arrive around ten.": "建议早点去，十点左右人就多起来了。",
    "Bring layers, it gets cold fast up there.": "多带几件衣服，山上降温特别快。",
    "Stayed in a tiny guesthouse, highly recommend.": "住的是一家小民宿，强推。",
    "Total budget breakdown is on the last photo.": "详细预算明细在最后一张图。",
    # Details, beauty
    "I have combination skin, for reference.": "我是混合肌，供参考。",
    "Nothing here is sponsored, I bought it all myself.": "全部自费，没有任何广告。",
    "Patch test first, always.": "用之前一定要先在小范围皮肤上试用！",
    "Sunscreen every day, even when it's cloudy!": "防晒每天都要涂，阴天也不例外！",
    # Details, fashion
    "I'm 5'5\" and wearing a size S in everything.": "我身高165，全身都穿S码。",
    "Most pieces are secondhand.": "大部分单品都是二手的。",
    "Rule of thumb: one statement piece, everything else simple.": "穿搭原则：一件吸睛单品，其余一切从简。",
    "Comfortable shoes are always in style.": "舒服的鞋永远不过时。",
    # Details, home
    "Everything is renter-friendly, no drilling.": "全部租房友好，不用打孔。",
    "Most of it came from flea markets.": "大部分都是从跳蚤市场淘来的。",
    "Warm bulbs changed the whole vibe.": "换成暖光灯泡，整个氛围感都不一样了。",
    "Plants are pothos, snake plant and one stubborn fern.": "植物有绿萝、虎尾兰，还有一盆倔强的蕨类。",
    # Details, fitness
    "Program: three days a week, progressive overload.": "训练计划：一周三练，渐进超负荷。",
    "Sleep and protein do half the work.": "睡眠和蛋白质就占了一半功劳。",
    "Warm up properly, your joints will thank you.": "热身一定要做足，你的关节会感谢你的。",
    "Consistency beats intensity every time.": "坚持永远比强度更重要。",
    # Details, pets
    "He's a rescue and the best decision I ever made.": "他是救助来的，也是我这辈子做过最好的决定。",
    "Yes, he's always this dramatic.": "没错，他一直都这么戏精。",
    "Adopt, don't shop! 🐾": "领养代替购买！🐾",
    "His favorite toy is a cardboard box.": "他最爱的玩具是一个纸箱。",
    # Details, parenting
    "Every kid is different, do what works for yours.": "每个孩子都不一样，适合自家娃的就是最好的。",
    "Most of this costs nothing.": "大部分都不用花钱。",
    "Snacks are the secret to every successful outing.": "每次顺利出门的秘诀：带够零食。",
    "Naps are sacred in this house.": "在我们家，午睡神圣不可侵犯。",
    # Details, study
    "I use spaced repetition for everything now.": "现在我学什么都用间隔重复法。",
    "Phone in another room. That's the whole trick.": "把手机放到另一个房间。诀窍就这一个。",
    "Happy to share my notes if anyone wants them!": "有人想要我的笔记的话，很乐意分享！",
    "Small steps every day, that's it.": "每天进步一点点，就这么简单。",
    # Details, other
    "Shot on my phone, no edits.": "手机直出，没有修图。",
    "Thanks for making this place so welcoming.": "谢谢大家让这里这么温暖友好。",
    "Tell me what you'd like to see next!": "告诉我你们下次想看什么！",
    # Questions to readers
    "Which photo is your favorite?": "你们最喜欢哪一张？",
    "Any tips for a beginner?": "有没有给新手的建议呀？",
    "What should I try next?": "下次我该试试什么？",
    "Tell me yours in the comments!": "评论区聊聊你们的吧！",
    # Mentions
    "Shout-out to @{user} for the tip!": "特别感谢 @{user} 的安利！",
    "Thanks @{user} for the translation help 🙏": "谢谢 @{user} 帮忙翻译 🙏",
    "@{user} you were right about this one.": "@{user} 这次真被你说中了。",
    # Comments
    "This is so cozy!": "好温馨啊！",
    "Saving this for later 📌": "先码住了 📌",
    "Where is this? 😍": "这是哪里呀？😍",
    "How long did it take?": "花了多长时间呀？",
    "Obsessed with these colors": "这个配色我爱了",
    "Hi from Ohio! 👋": "来自俄亥俄的问候！👋",
    "Learning so much here": "在这里学到了好多",
    "Cat tax accepted 🐱": "猫税已签收 🐱",
    "Okay I need this in my life": "好吧，这个我必须拥有",
    "The translate button is magic, thank you for posting!": "翻译按钮也太神奇了，谢谢分享！",
    "Wow, the light in the first photo": "哇，第一张的光线绝了",
    "Adding this to my list!": "已加入我的清单！",
    "Beautiful, thanks for sharing": "好美，谢谢分享",
    # The author's answers
    "Thank you!! 🥰": "谢谢！！🥰",
    "Thanks for stopping by!": "谢谢来看～",
    "You're too kind 🥹": "你也太好了吧 🥹",
    "Appreciate you!": "感谢有你！",
    "It's in the caption!": "写在正文里啦！",
    "Just my phone, no edits": "就是手机拍的，没修图",
    "About two hours, totally doable": "大概两个小时，完全可以搞定",
    "Last photo has the details!": "详情在最后一张图！",
    # Friends chiming in
    "Same question!": "同问！",
    "Can confirm, it's amazing": "本人亲测，真的超棒",
    "+1": "+1",
    "Haha this thread": "哈哈哈这楼好欢乐",
    # Thanks
    "Thanks!": "谢谢！",
    "Got it, thank you 🙏": "收到，谢谢 🙏",
    "Amazing, thanks!": "太棒了，谢谢！",
    # Pinned by the author
    "📌 FAQ: everything is in the caption and the last photo. Ask me anything below!": (
        "📌 统一回复：所有信息都在正文和最后一张图里，有问题评论区随便问！"
    ),
    "📌 Part two coming next week, comment if you want it!": "📌 下周更新第二弹，想看的评论区扣1！",
    "📌 Not sponsored! Just things I love.": "📌 不是广告！纯属自己喜欢。",
}

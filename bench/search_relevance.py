"""Relevance of search (issue #6): nDCG@10 and recall@10 against substring baselines.

A fixed corpus carried here (no downloads): about 450 short notes as people write them on
Xiaohongshu, half in Chinese (some Traditional, Taiwanese and Cantonese), half in
English, a few mixed, on food, travel, beauty, pets, fitness, home, study and shopping,
with topics and emoji, and with distractors that share a word but not a meaning (hot
weather and hotpot, 火锅底料 shopping and 火锅 restaurants, oil painting and oily skin,
大理石 marble and 大理, 北京都 and 京都, a cat called Dumpling). Notes come from
hand-written templates with controlled variation (shop names, dishes, tips); every
template says what its notes are about (labels such as ``hotpot restaurant chengdu``).

Queries, carried here too (88: Chinese as typed, unsegmented or with spaces, Traditional,
English with other word forms, pinyin, typos), were judged by meaning before any run:
each names the labels of what is exactly asked for (gain 2) and of what is related
(gain 1), among notes the asker reads (Chinese for Chinese and pinyin queries, English
for English and misspelt ones; mixed notes for both; English notes are at most related to
a pinyin query). The keys of the judged notes follow from the labels.

Systems, on one database in one run:

- **potluck**: the search service end to end (analysis, engine, ranking, and its
  correction of a query that finds nothing), relevance order, first 10 results;
- **like**: ``lower(title || ' ' || body) LIKE '%query%'``, the query as typed, newest
  first (what a site without search does);
- **like-words**: every space-separated word of the query must be a substring (AND),
  newest first: a fairer baseline;
- **ideal**: the judged notes, best first: the ceiling (recall@10 is below 1 where more
  than 10 notes are relevant).

    .venv/bin/python bench/search_relevance.py                      # SQLite, a few seconds
    .venv/bin/python bench/search_relevance.py --show-misses
    .venv/bin/python bench/search_relevance.py \\
        --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/potluck_bench_relevance

Prints nDCG@10 and recall@10 (averaged over queries) overall and per query group (zh,
zh-hant, en, pinyin, typo) for every system, the counts of queries and notes, and the
time taken. ``--show-misses`` lists the queries where potluck's nDCG@10 is below 0.5 with
its first five results. With ``--database-url`` a database of that name is created on
that server (dropped and made again if it exists) and dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

K = 10
SEED = "potluck-search-relevance"
DAYS = 60
AUTHORS = 30
GROUPS = ("zh", "zh-hant", "en", "pinyin", "typo")
SYSTEMS = ("potluck", "like", "like-words", "ideal")

# Who reads what: a note in another language is not relevant, whatever it is about.
READS = {
    "zh": frozenset({"zh", "zh-hant", "mix"}),
    "zh-hant": frozenset({"zh", "zh-hant", "mix"}),
    "pinyin": frozenset({"zh", "zh-hant", "mix"}),
    "en": frozenset({"en", "mix"}),
    "typo": frozenset({"en", "mix"}),
}
# ... except that an English note about what a pinyin query names is related to it.
RELATED_ONLY = {"pinyin": frozenset({"en"})}


# --- the corpus ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """Notes of one kind: ``count`` of them, their text drawn from the slots' values.

    ``{name}`` in a title or body is a slot: the template's own values for it, or the
    language's common ones (``e`` an emoji or nothing, ``end`` a closing line). A slot
    has one value per note, so a shop named in the title is the one in the body."""

    name: str
    language: str  # zh, zh-hant, en, mix
    category: str
    about: str  # labels, space-separated: what every note of the template is about
    count: int
    titles: tuple[str, ...]
    body: str
    slots: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class CorpusNote:
    key: str
    language: str
    category: str
    about: frozenset[str]
    title: str
    body: str
    age: timedelta
    like_count: int


COMMON_SLOTS: dict[str, dict[str, tuple[str, ...]]] = {
    "zh": {
        "e": ("🔥", "✨", "😋", "💯", "🥰", "👍", "", ""),
        "end": ("姐妹们冲！", "收藏起来慢慢看～", "有问题评论区问我。", "码住不亏！", "下次还来。", ""),
    },
    "zh-hant": {
        "e": ("🔥", "✨", "😋", "💯", "🥰", "", ""),
        "end": ("姊妹們衝！", "收藏起來慢慢看～", "有問題留言問我。", "推推！", ""),
    },
    "en": {
        "e": ("🔥", "✨", "😋", "🙌", "💯", "👀", "", ""),
        "end": (
            "Save this for later!",
            "Ask me anything in the comments.",
            "10/10 would go again.",
            "Let me know your favourites 👇",
            "",
        ),
    },
}
COMMON_SLOTS["mix"] = COMMON_SLOTS["zh"]

F, TR, BE, FA, HO, FI, PE, PA, ST, OT = (
    "food", "travel", "beauty", "fashion", "home", "fitness", "pets", "parenting", "study", "other",
)  # fmt: skip


def T(  # a row of the table below
    name: str,
    language: str,
    category: str,
    about: str,
    count: int,
    titles: tuple[str, ...],
    body: str,
    **slots: tuple[str, ...],
) -> Template:
    return Template(name, language, category, about, count, titles, body, slots)


# fmt: off
TEMPLATES: tuple[Template, ...] = (
    # --- food, Chinese ---
    T(
        "hotpot-cd-zh", "zh", F, "hotpot restaurant chengdu", 9,
        ("{shop}｜成都火锅天花板{e}", "成都火锅推荐｜{shop}", "本地人常去的成都火锅", "成都吃火锅就来{shop}"),
        "在成都吃了这么多家火锅，{shop}是我心里的第一名！{dish}必点，锅底是正宗牛油麻辣，辣得过瘾但不燥。"
        "{detail}人均{price}左右，{queue}。{end}\n#成都美食 #火锅 #成都探店",
        shop=("小龙坎", "蜀大侠", "大龙燚", "马路边边", "玉林老火锅", "蜀九香", "冒椒火辣"),
        dish=("毛肚和鸭肠", "鲜切黄牛肉", "脑花", "嫩牛肉和耗儿鱼", "鹅肠", "酥肉和冰粉"),
        detail=(
            "服务员会帮你涮毛肚，七上八下刚刚好。",
            "油碟里加点蒜泥和香菜，解辣又提香。",
            "吃完再来一碗冰粉，太舒服了。",
            "微辣对外地朋友来说也够辣了，不能吃辣就点鸳鸯锅。",
        ),
        price=("90", "110", "120", "130", "150"),
        queue=(
            "晚上六点以后要排队一小时",
            "工作日中午去基本不用等",
            "建议提前在小程序取号",
            "凌晨一点还有人在排队",
        ),
    ),
    T(
        "hotpot-cq-zh", "zh", F, "hotpot restaurant chongqing", 6,
        ("重庆老火锅｜{shop}{e}", "来重庆必吃的火锅", "洞子火锅太有氛围了"),
        "重庆的火锅和成都不一样，更辣更麻，牛油味更重。这次去的{shop}在{area}，{dish}一定要点，"
        "九宫格最中间的格子烫毛肚。{detail}人均{price}。{end}\n#重庆美食 #重庆火锅",
        shop=("珮姐老火锅", "朱光玉火锅馆", "刘一手", "周师兄", "晓宇火锅"),
        area=("解放碑", "洪崖洞附近", "观音桥", "南岸区", "磁器口"),
        dish=("毛肚和黄喉", "鸭血和老肉片", "麻辣牛肉", "鹅肠和郡把"),
        detail=(
            "老火锅的锅底是牛油熬的，香得不行。",
            "防空洞改的店，夏天很凉快。",
            "本地人都点特辣，我点微辣都流眼泪。",
        ),
        price=("80", "100", "120"),
    ),
    T(
        "hotpot-base-zh", "zh", F, "hotpot hotpot-base shopping", 6,
        ("火锅底料测评{e}", "超市火锅底料哪个好吃", "买了{n}款火锅底料对比"),
        "最近在家囤了好几款火锅底料，一次性做个测评。{brand}：{verdict}在家煮的话一块底料配两升水刚好，"
        "想更辣可以自己加干辣椒和花椒。{end}\n#火锅底料 #好物测评",
        brand=("好人家", "桥头", "大红袍", "小肥羊清汤", "德庄", "海底捞番茄"),
        verdict=(
            "牛油味很足，辣度适中，性价比最高。",
            "偏咸，建议少放一点。",
            "番茄锅底酸甜，小朋友也能吃。",
            "麻味很重，喜欢花椒的冲。",
        ),
        n=("5", "6", "8", "10"),
    ),
    T(
        "hotpot-home-zh", "zh", F, "hotpot home-cooking", 4,
        ("在家吃火锅的快乐{e}", "一人食火锅｜超简单", "周末在家涮火锅"),
        "懒得出门排队，干脆在家吃火锅！用的是{brand}底料，配菜去超市买了{items}，一个小时搞定，"
        "比外面便宜太多了。{tip}{end}\n#在家吃火锅 #一人食",
        brand=("好人家", "桥头", "德庄"),
        items=("肥牛卷、毛肚、金针菇和豆腐", "虾滑、午餐肉、土豆片和宽粉", "鸭血、娃娃菜和鹌鹑蛋"),
        tip=("电煮锅就够用了，不用买专门的锅。", "蘸料用香油蒜泥，和店里差不多。", ""),
    ),
    T(
        "hotpot-smell-zh", "zh", HO, "cleaning", 3,
        ("衣服有火锅味怎么办", "去除衣服异味小妙招{e}", "吃完火锅怎么去味"),
        "每次和朋友吃完火锅，外套和头发上都是一股味道，第二天还散不掉。试了几个办法：{tip}{tip2}亲测有用，"
        "分享给经常吃火锅的朋友。{end}\n#生活小妙招 #家务",
        tip=(
            "把衣服挂在浴室里，洗澡的水蒸气能带走大部分味道。",
            "用白醋加水喷一喷，晾干以后就没味了。",
            "去之前穿不怕脏的旧外套，包套个塑料袋。",
        ),
        tip2=("羊毛大衣别直接水洗，挂在通风的地方吹一晚。", "头发可以用一点干发喷雾。", ""),
    ),
    T(
        "xiaomian-zh", "zh", F, "noodles chongqing", 6,
        ("重庆小面｜{shop}{e}", "一碗正宗的重庆小面", "重庆早餐就吃小面"),
        "重庆人的早餐就是一碗小面。{shop}开了二十多年，{noodle}，红油是现炒的，麻辣鲜香，"
        "加一个煎蛋才{price}块。{detail}{end}\n#重庆小面 #重庆美食",
        shop=("花市豌杂面", "眼镜面", "老太婆摊摊面", "胖妹面庄", "板凳面"),
        noodle=("豌杂面的豌豆煮得粑粑的", "牛肉面的牛肉炖得很烂", "面条劲道，汤是骨头汤"),
        price=("8", "10", "12", "15"),
        detail=(
            "早上七点就开门，去晚了要排队。",
            "店面很小，坐在路边的小板凳上吃才有感觉。",
            "外地朋友记得说微辣。",
        ),
    ),
    T(
        "dumpling-recipe-zh", "zh", F, "dumplings recipe", 6,
        ("{filling}饺子的做法{e}", "手把手教你包饺子", "零失败饺子馅配方"),
        "冬至就要吃饺子！分享我家的{filling}饺子馅做法：{steps}饺子皮用普通面粉加温水和面，醒二十分钟再擀，"
        "边薄中间厚不容易破。煮的时候水开下锅，点三次凉水就熟了。{end}\n#饺子 #家常菜",
        filling=("猪肉白菜", "韭菜鸡蛋", "三鲜", "玉米猪肉", "芹菜牛肉"),
        steps=(
            "肉馅里分三次加花椒水，顺着一个方向搅上劲，最后放菜。",
            "蔬菜切碎后撒盐杀水，挤干再拌，馅料不会出水。",
            "调料只要生抽、蚝油、盐和香油，简单就很香。",
        ),
    ),
    T(
        "dumpling-shop-zh", "zh", F, "dumplings restaurant", 3,
        ("宝藏饺子馆{e}", "{city}这家饺子馆绝了", "东北饺子馆探店"),
        "藏在{city}老小区里的东北饺子馆，{filling}馅的饺子个头很大，一盘十五个才{price}块。老板是哈尔滨人，"
        "还有锅包肉和酸菜炖粉条。{end}\n#饺子 #探店",
        city=("上海", "杭州", "南京"),
        filling=("酸菜猪肉", "三鲜", "韭菜鸡蛋"),
        price=("18", "22", "25"),
    ),
    T(
        "milktea-zh", "zh", F, "milk-tea", 7,
        ("奶茶推荐｜{shop}{e}", "今日份奶茶打卡", "新品奶茶测评"),
        "{shop}的{drink}终于喝到了！{verdict}{sugar}{end}\n#奶茶 #奶茶推荐",
        shop=("喜茶", "霸王茶姬", "茶百道", "蜜雪冰城", "一点点", "古茗"),
        drink=("伯牙绝弦", "芋泥波波奶茶", "杨枝甘露", "黑糖珍珠奶茶", "茉莉奶绿"),
        verdict=("茶味很浓，一点都不腻。", "珍珠Q弹，芋泥很绵密。", "有点太甜了，下次要少糖。"),
        sugar=("推荐三分糖去冰。", "七分糖刚刚好。", "热量有点高，一周只敢喝一杯。"),
    ),
    T(
        "milktea-shade-zh", "zh", BE, "lipstick", 4,
        ("奶茶色口红合集{e}", "秋冬奶茶色唇釉", "黄皮也能涂的奶茶色"),
        "秋冬必备的奶茶色口红！{brand}这支是{tone}，薄涂很日常，厚涂有气场。黄皮涂也显白，不挑皮。"
        "{end}\n#口红试色 #奶茶色",
        brand=("花西子", "完美日记", "MAC", "3CE", "植村秀"),
        tone=("温柔的奶茶棕", "带一点豆沙的奶茶色", "偏粉的奶咖色"),
    ),
    T(
        "coffee-zh", "zh", F, "coffee cafe", 5,
        ("{city}咖啡店探店{e}", "宝藏咖啡馆推荐", "这家手冲咖啡好喝"),
        "在{city}发现一家很小的咖啡店，{detail}点了{drink}，{verdict}适合一个人坐一下午看书。{end}\n#咖啡 "
        "#咖啡店",
        city=("上海", "杭州", "厦门", "广州"),
        detail=(
            "只有六个座位，老板自己烘豆。",
            "藏在老洋房的二楼，窗外是梧桐树。",
            "门口有一只很亲人的橘猫。",
        ),
        drink=("手冲耶加雪菲", "燕麦拿铁", "脏脏咖啡", "冰美式"),
        verdict=("花果香很明显，酸度柔和。", "奶味和咖啡平衡得很好。", "价格也不贵，三十块左右。"),
    ),
    T(
        "baking-zh", "zh", F, "baking chiffon", 4,
        ("戚风蛋糕零失败{e}", "六寸戚风蛋糕配方", "新手烘焙｜戚风蛋糕"),
        "{intro}配方：鸡蛋{eggs}个，低筋面粉{flour}克，牛奶40克，玉米油30克，细砂糖{sugar}克。"
        "蛋白打到硬性发泡，和蛋黄糊翻拌均匀，烤箱150度烤50分钟，出炉马上倒扣。{end}\n#烘焙 #戚风蛋糕",
        intro=("烤了十几次终于成功了！", "新手也能做的戚风蛋糕。", "家里的小烤箱也能做出很高的戚风。"),
        eggs=("3", "4", "5"),
        flour=("50", "60", "75"),
        sugar=("30", "40", "50"),
    ),
    T(
        "malatang-zh", "zh", F, "malatang", 4,
        ("麻辣烫打卡{e}", "好吃到舔碗的麻辣烫", "{shop}麻辣烫"),
        "今天中午吃了{shop}麻辣烫，{detail}自己选菜按斤称，一碗下来二十多块。{end}\n#麻辣烫 #午餐吃什么",
        shop=("杨国福", "张亮", "天水", "小杨"),
        detail=("骨汤很浓，加了麻酱特别香。", "天水麻辣烫现在太火了，排了四十分钟。", "宽粉和鱼豆腐必选。"),
    ),
    T(
        "diet-zh", "zh", FI, "diet meal-prep", 6,
        ("减脂餐一周不重样{e}", "上班族减脂餐", "减脂期这样吃瘦了{kg}斤"),
        "{intro}今天的减脂餐：{meal}一份大概{kcal}大卡，饱腹感很强。减脂最重要的是热量缺口，不用饿肚子。"
        "{end}\n#减脂餐 #健康饮食",
        intro=("坚持带饭第三个月。", "跟着吃了一个月，腰围小了一圈。", ""),
        meal=(
            "鸡胸肉、西兰花和糙米饭。",
            "虾仁炒蛋配紫薯和生菜。",
            "全麦饼皮卷牛肉和黄瓜丝。",
            "三文鱼配藜麦沙拉。",
        ),
        kcal=("400", "450", "500"),
        kg=("5", "8", "10"),
    ),
    T(
        "chengdu-snacks-zh", "zh", F, "chengdu snacks", 6,
        ("成都街头小吃合集{e}", "成都必吃小吃清单", "玉林路小吃探店"),
        "来成都不能只吃火锅！{snacks}都是本地人从小吃到大的。{area}一条街就能吃饱，人均三四十。"
        "{end}\n#成都美食 #成都小吃",
        snacks=("钟水饺、龙抄手、甜水面和蛋烘糕", "冷吃兔、钵钵鸡和糖油果子", "担担面、兔头、冰粉和凉糕"),
        area=("玉林路", "奎星楼街", "建设巷", "宽窄巷子附近"),
    ),
    T(
        "chili-oil-zh", "zh", F, "chili-oil recipe", 3,
        ("自制红油辣子{e}", "万能红油做法", "在家做油泼辣子"),
        "{intro}辣椒面用二荆条加朝天椒，菜籽油烧到冒烟后放凉到{temp}度，分三次泼下去，香味一下就出来了。"
        "拌面、拌凉菜、蘸饺子都好吃。{end}\n#红油 #厨房小技巧",
        intro=("家里的红油辣子吃完了，顺便记录一下。", "四川人家里必备！", ""),
        temp=("180", "200", "220"),
    ),
    # --- Traditional Chinese (Taiwan, Hong Kong) ---
    T(
        "hotpot-tp-hant", "zh-hant", F, "hotpot restaurant taipei", 5,
        ("台北火鍋推薦｜{shop}", "台北必吃麻辣鍋{e}", "冬天就是要吃火鍋"),
        "天氣一冷就想吃火鍋！這間{shop}在{area}，{detail}肉盤很新鮮，湯頭是{soup}，吃完不會口乾。"
        "平日晚上去不用等位，假日記得先訂位。{end}\n#台北美食 #火鍋",
        shop=("老四川", "鼎王", "馬辣", "詹記", "橋頭"),
        area=("東區", "信義區", "中山區", "公館"),
        detail=("鴨血和豆腐可以無限續加，", "服務超好，會一直幫忙加湯，", "和牛盤的油花很漂亮，"),
        soup=("麻辣鍋", "酸菜白肉鍋", "昆布清湯"),
    ),
    T(
        "hotpot-cd-hant", "zh-hant", F, "hotpot restaurant chengdu", 2,
        ("香港人去成都食火鍋", "成都火鍋初體驗{e}"),
        "第一次去成都，朋友帶我去食{shop}。{detail}牛油鍋底真係好辣，但係停唔到口。毛肚同鴨腸一定要叫，"
        "再配一碗冰粉。{end}\n#成都美食 #火鍋",
        shop=("小龍坎", "蜀大俠"),
        detail=("排咗成個鐘先有位。", "叫咗微辣都已經好辣。"),
    ),
    T(
        "sunscreen-hant", "zh-hant", BE, "sunscreen oily-skin", 4,
        ("油肌防曬推薦{e}", "夏天油肌防曬分享", "不油膩的防曬乳"),
        "我是大油肌，夏天出門兩小時就滿臉油光。試了很多防曬，最後留下{brand}：{texture}SPF50+ PA++++，"
        "補妝也不會搓泥。{end}\n#防曬 #油肌保養",
        brand=("理膚寶水", "碧柔", "安耐曬", "資生堂"),
        texture=("質地像水一樣，很快吸收，", "擦完是霧面的，", "完全不黏膩，"),
    ),
    T(
        "kyoto-hant", "zh-hant", TR, "travel kyoto", 4,
        ("京都{days}{e}", "京都旅遊攻略", "京都賞楓必去"),
        "京都{days}行程分享：{spots}建議買巴士一日券，很划算。{season}{end}\n#京都 #日本旅遊",
        days=("三天兩夜", "四天三夜", "五日遊"),
        spots=(
            "第一天清水寺、二年坂、八坂神社，第二天嵐山竹林和渡月橋；",
            "伏見稻荷大社一大早去人最少，千本鳥居超好拍；",
            "金閣寺和銀閣寺都值得去，哲學之道散步很舒服；",
        ),
        season=("秋天紅葉季人很多，要早起。", "春天櫻花季飯店要提早訂。", ""),
    ),
    T(
        "milktea-hant", "zh-hant", F, "milk-tea", 3,
        ("珍珠奶茶推薦{e}", "台中珍奶巡禮", "手搖飲料店推薦"),
        "身為台灣人一定要推薦珍珠奶茶！{shop}的{drink}，{verdict}{end}\n#珍珠奶茶 #手搖飲",
        shop=("50嵐", "春水堂", "清心福全", "迷客夏"),
        drink=("波霸奶茶", "珍珠鮮奶", "黑糖珍珠奶茶"),
        verdict=("珍珠Q彈，甜度選半糖剛好。", "鮮奶很濃，茶香不會被蓋掉。"),
    ),
    T(
        "cat-food-hant", "zh-hant", PE, "cat pet-food", 3,
        ("貓飼料推薦{e}", "我家貓咪吃的飼料", "貓糧怎麼選"),
        "家裡兩隻貓，試過很多{kind}，最後固定吃{brand}。選飼料先看成分表，第一個要是肉，蛋白質最好30%以上。"
        "{tip}{end}\n#貓咪 #貓飼料",
        kind=("乾糧", "罐頭", "凍乾"),
        brand=("渴望", "巔峰", "皇家"),
        tip=("換糧要慢慢混著換，一週左右。", "記得讓牠多喝水，可以搭配濕食。"),
    ),
    T(
        "diet-hant", "zh-hant", FI, "diet meal-prep", 2,
        ("減脂便當分享{e}", "上班族減脂餐"),
        "減脂第{n}週，分享今天的便當：{meal}熱量大約{kcal}大卡，吃得很飽。{end}\n#減脂 #健康便當",
        n=("三", "五", "八"),
        meal=("雞胸肉、花椰菜和糙米。", "鮭魚、地瓜和燙青菜。"),
        kcal=("450", "500"),
    ),
    # --- travel, Chinese ---
    T(
        "dali-zh", "zh", TR, "travel dali yunnan", 7,
        ("大理旅游攻略{e}", "大理{days}天怎么玩", "在大理住了一个月", "洱海骑行太治愈了"),
        "{intro}路线：{route}住的地方推荐{stay}，{tip}{end}\n#大理 #云南旅行 #大理攻略",
        intro=("终于来了心心念念的大理！", "辞职后在大理待了一个月。", "第二次来大理，还是很喜欢。"),
        route=(
            "古城—崇圣寺三塔—喜洲古镇—双廊，",
            "洱海生态廊道骑行，从才村到龙龛码头，",
            "苍山索道上去看洗马潭，下午去沙溪古镇，",
        ),
        stay=("古城里的民宿", "洱海边的海景房", "喜洲的白族小院"),
        tip=(
            "三月份去风很大，记得带外套。",
            "租电动车最方便，一天五十块。",
            "紫外线特别强，防晒一定要做好。",
        ),
        days=("三", "五", "七"),
    ),
    T(
        "lijiang-zh", "zh", TR, "travel lijiang yunnan", 4,
        ("丽江古城一日游{e}", "玉龙雪山攻略", "丽江旅行避坑"),
        "从大理坐动车两个小时就到丽江。{spot}{tip}{end}\n#丽江 #云南旅行",
        spot=(
            "玉龙雪山记得提前买票，山上有氧气瓶卖。",
            "束河古镇比大研古城人少很多。",
            "蓝月谷的水真的是蓝色的。",
        ),
        tip=("古城里的酒吧街晚上很吵，住得远一点。", "别在景区门口跟团，很容易被坑。"),
    ),
    T(
        "dali-marble-zh", "zh", HO, "home-decor marble", 3,
        ("大理石餐桌真的好看{e}", "岩板还是大理石", "大理石纹理的家"),
        "装修的时候纠结了很久，最后选了{item}。{verdict}日常保养用中性清洁剂擦一擦就好，别用醋。"
        "{end}\n#家居 #装修",
        item=("天然大理石餐桌", "大理石纹理的岩板台面", "大理石茶几"),
        verdict=("纹理每块都不一样，很高级。", "就是怕油渍渗进去，要定期打蜡。"),
    ),
    T(
        "chengdu-travel-zh", "zh", TR, "travel chengdu", 5,
        ("成都旅游攻略{e}", "成都{days}天游玩路线", "第一次来成都怎么玩"),
        "成都真的是来了就不想走的城市。{route}{tip}{end}\n#成都旅游 #成都",
        route=(
            "第一天宽窄巷子、人民公园喝茶、春熙路和太古里；",
            "第二天去熊猫基地看大熊猫，下午逛杜甫草堂；",
            "武侯祠和锦里挨着，晚上去九眼桥看夜景；",
        ),
        tip=("地铁很方便，景点之间都能到。", "火锅和串串每天换着吃，不会腻。", "去熊猫基地要早上八点前到。"),
        days=("三", "四", "五"),
    ),
    T(
        "panda-zh", "zh", TR, "travel chengdu pandas", 4,
        ("熊猫基地攻略{e}", "去看花花啦", "成都大熊猫基地"),
        "成都大熊猫繁育研究基地{tip}最火的花花在{area}，排队要一个小时，但看到她的那一刻觉得都值了。"
        "{end}\n#大熊猫 #成都旅游",
        tip=("一定要早上去，七点半开门，熊猫上午最活跃。", "门票55元，建议坐观光车到最里面再往回走。"),
        area=("月亮产房附近", "太阳产房", "熊猫别墅"),
    ),
    T(
        "panda-eyes-zh", "zh", BE, "skincare dark-circles", 3,
        ("熊猫眼怎么救{e}", "黑眼圈救星眼霜", "熬夜党的熊猫眼"),
        "天天熬夜，熊猫眼越来越重了。{tip}{product}用了一个月，黑眼圈淡了一些。{end}\n#黑眼圈 #眼霜",
        tip=("先说结论：早点睡比什么都有用。", "冷敷对浮肿有用，对色素型没什么用。"),
        product=("雅诗兰黛眼霜", "珂润眼霜", "修丽可色修精华"),
    ),
    T(
        "kyoto-zh", "zh", TR, "travel kyoto", 6,
        ("京都旅行攻略{e}", "京都五日游路线", "京都赏樱避开人群"),
        "京都真的太美了！{route}{tip}{end}\n#京都 #日本旅行",
        route=(
            "清水寺、花见小路、八坂神社一天就够；",
            "岚山小火车和竹林要早上去，人少好拍；",
            "伏见稻荷大社的千本鸟居，爬到山顶要两个小时；",
        ),
        tip=("从大阪坐阪急电车过去很方便。", "穿和服拍照可以在清水寺附近租。", "京都的抹茶甜品一定要吃。"),
    ),
    T(
        "beijing-zh", "zh", OT, "beijing life", 3,
        ("北京的冬天{e}", "在北京的第五年", "北京下雪啦"),
        "{line}{line2}{end}\n#北京 #北漂日常",
        line=(
            "在北京都五年了，还是不习惯这么干燥的冬天。",
            "今天北京都下雪了，故宫的雪景太美了。",
            "北京都市生活节奏太快，周末只想躺着。",
        ),
        line2=("下班路上买了个烤红薯，幸福感满满。", "周末去了趟南锣鼓巷，人还是很多。"),
    ),
    T(
        "packing-zh", "zh", TR, "travel packing", 3,
        ("旅行收纳清单{e}", "出门旅行带什么", "行李箱收纳技巧"),
        "经常出差总结的旅行清单：{items}收纳袋分类装，衣服卷起来放更省空间。{end}\n#旅行清单 #收纳",
        items=(
            "充电宝、转换插头、分装瓶、折叠衣架。",
            "防晒霜、墨镜、帽子，夏天出门必备。",
            "颈枕、眼罩、耳塞，长途飞行必带。",
        ),
    ),
    # --- beauty, Chinese ---
    T(
        "sunscreen-oily-zh", "zh", BE, "sunscreen oily-skin", 7,
        ("油皮防晒推荐{e}", "油皮亲妈防晒", "夏天油皮用什么防晒", "不闷痘的防晒霜"),
        "{intro}我是大油皮，T区一到下午就油光满面。{brand}这款{texture}成膜快，不搓泥，带妆一天也不会斑驳。"
        "{tip}{end}\n#防晒 #油皮护肤 #防晒霜推荐",
        intro=("用空了二十多支防晒总结出来的！", "夏天到了，防晒必须安排上。", ""),
        brand=("安热沙小金瓶", "碧柔水感", "理肤泉大哥大", "怡思丁", "薇诺娜清透"),
        texture=("质地很水润，", "是哑光的，", "清爽不黏腻，"),
        tip=(
            "防晒要涂够一元硬币大小才有效。",
            "户外每两个小时补涂一次。",
            "卸妆要用卸妆油或者卸妆乳，防晒不卸干净容易闷痘。",
        ),
    ),
    T(
        "sunscreen-dry-zh", "zh", BE, "sunscreen dry-skin", 4,
        ("干皮防晒推荐{e}", "干敏皮的防晒", "冬天也要涂防晒"),
        "干皮涂防晒最怕卡粉起皮。{brand}{texture}滋润不拔干，敏感肌用着也不刺痛。{end}\n#防晒 #干皮护肤",
        brand=("资生堂蓝胖子", "雅漾", "玉泽", "珂润"),
        texture=("是乳液质地，", "像面霜一样，"),
    ),
    T(
        "foundation-oily-zh", "zh", BE, "foundation oily-skin", 5,
        ("油皮粉底液推荐{e}", "持妆一整天的粉底", "油皮底妆不脱妆"),
        "油皮底妆最怕脱妆和斑驳。{brand}这瓶粉底液{verdict}{tip}{end}\n#粉底液 #油皮底妆",
        brand=("雅诗兰黛DW", "阿玛尼权力", "毛戈平", "植村秀小方瓶", "花西子"),
        verdict=(
            "控油能力很强，八个小时只是微微出油。",
            "遮瑕力中等偏上，痘印能盖住。",
            "雾面妆效，不闷痘。",
        ),
        tip=("上妆前用控油妆前乳，定妆用散粉压一下。", "用湿的美妆蛋上妆更服帖。"),
    ),
    T(
        "foundation-dry-zh", "zh", BE, "foundation dry-skin", 3,
        ("干皮粉底液推荐{e}", "干皮不卡粉的粉底", "水光肌粉底"),
        "干皮冬天上妆总是卡粉。{brand}这瓶{verdict}底妆前一定要做好保湿。{end}\n#粉底液 #干皮底妆",
        brand=("阿玛尼大师", "兰蔻持妆", "NARS"),
        verdict=("很滋润，有水光感，", "薄薄一层就很服帖，"),
    ),
    T(
        "oil-painting-zh", "zh", ST, "oil-painting art", 3,
        ("油画入门第一幅{e}", "零基础学油画", "周末油画课"),
        "{intro}画的是{subject}，用了七种颜色。油画颜料干得慢，可以慢慢改。松节油味道有点大，记得开窗。"
        "{end}\n#油画 #画画",
        intro=("报了一个周末油画班，", "零基础学油画的第三周，"),
        subject=("莫奈的睡莲", "窗外的晚霞", "一束向日葵"),
    ),
    # --- pets, Chinese ---
    T(
        "cat-beginner-zh", "zh", PE, "cat pet-care beginner", 5,
        ("新手养猫必看{e}", "新手养猫清单", "第一次养猫要准备什么"),
        "{intro}新手养猫要准备：{items}小猫到家先别急着摸，让它自己熟悉环境三天。{tip}{end}\n#新手养猫 #猫咪",
        intro=("养猫两年总结的经验。", "刚接了一只小橘猫回家！", ""),
        items=("猫砂盆、猫砂、猫粮、饮水机、猫抓板和航空箱。", "驱虫药、疫苗本、逗猫棒和猫窝。"),
        tip=("打完三针疫苗再洗澡。", "六个月左右可以考虑绝育。", "猫咪不能喝牛奶，会拉肚子。"),
    ),
    T(
        "cat-food-zh", "zh", PE, "cat pet-food", 5,
        ("猫粮推荐{e}", "猫粮怎么选不踩雷", "平价猫粮测评"),
        "{intro}选猫粮看配料表，前三位要是肉，粗蛋白最好在36%以上。我家猫吃的是{brand}，"
        "{verdict}{end}\n#猫粮推荐 #猫咪",
        intro=("被问了很多次，统一回复。", "换了好几种猫粮，终于找到合适的。", ""),
        brand=("渴望", "爱肯拿", "网易严选", "皇家"),
        verdict=("吃了半年毛色变亮了。", "适口性很好，挑食的猫也爱吃。", "性价比很高，适合多猫家庭。"),
    ),
    T(
        "dog-training-zh", "zh", PE, "dog training", 5,
        ("狗狗训练｜{skill}{e}", "三步教会狗狗{skill}", "训狗小技巧"),
        "{intro}教狗狗{skill}的方法：{steps}每次训练不要超过十分钟，做对了马上给零食奖励。{end}\n#狗狗训练 "
        "#养狗",
        skill=("定点上厕所", "握手", "不乱叫", "随行"),
        steps=("先固定一个口令，动作做对了马上奖励，", "每天重复练习，慢慢减少零食，"),
        intro=("我家柯基八个月了，", "金毛太调皮了，", ""),
    ),
    T(
        "dog-daily-zh", "zh", PE, "dog", 3,
        ("狗狗日常{e}", "我家柯基的一天", "遛狗遇到的小狗们"),
        "{line}{end}\n#狗狗 #萌宠日常",
        line=(
            "早上六点准时叫我起床遛弯，风雨无阻。",
            "今天在公园认识了一只边牧，两只狗玩疯了。",
            "洗完澡以后变成了一只蓬松的棉花糖。",
        ),
    ),
    # --- fitness, Chinese ---
    T(
        "running-zh", "zh", FI, "running beginner", 5,
        ("跑步入门{e}", "从跑不动到5公里", "新手跑步计划"),
        "{intro}新手跑步的建议：{tips}跑前热身，跑后拉伸，膝盖不舒服就停下来。{end}\n#跑步 #跑步打卡",
        intro=("去年还跑一公里就喘，", "坚持跑步三个月，", ""),
        tips=(
            "先跑走结合，跑一分钟走两分钟；",
            "配速不重要，能边跑边说话就对了；",
            "买一双合适的跑鞋很重要；",
        ),
    ),
    T(
        "running-race-zh", "zh", FI, "running marathon", 3,
        ("第一个半马完赛{e}", "{city}马拉松记录", "全马破四"),
        "{city}马拉松终于跑完了！成绩{time}，最后五公里腿都不是自己的。{tip}{end}\n#马拉松 #跑步",
        city=("北京", "上海", "厦门"),
        time=("2小时05分", "3小时58分", "4小时20分"),
        tip=("赛前一周减量，多吃碳水。", "补给站的香蕉救了我。", ""),
    ),
    T(
        "yoga-zh", "zh", FI, "yoga", 4,
        ("瑜伽打卡第{n}天{e}", "在家练瑜伽", "瑜伽入门体式"),
        "{intro}今天练了{pose}，{feel}{end}\n#瑜伽 #居家运动",
        n=("30", "66", "100"),
        intro=("每天早上二十分钟瑜伽，", "办了瑜伽卡就一定要坚持，", ""),
        pose=("下犬式和猫牛式", "战士二式和三角式", "拜日式"),
        feel=("肩颈一下就松了。", "出了一身汗，整个人很轻松。", "柔韧性比一个月前好多了。"),
    ),
    # --- home, Chinese ---
    T(
        "rental-zh", "zh", HO, "home-decor rental", 5,
        ("出租屋改造{e}", "{money}改造出租屋", "租房也要好好生活"),
        "{intro}花了{money}把出租屋改造了一下：{changes}房东的东西都没动，退租的时候恢复原样就行。"
        "{end}\n#出租屋改造 #租房",
        intro=("毕业第一次自己租房，", "看了好多改造视频，终于动手了！", ""),
        money=("500块", "1000元", "两千块"),
        changes=(
            "换了窗帘和床品，墙上贴了可撕的墙纸；",
            "加了落地灯和地毯，氛围感一下就有了；",
            "买了洞洞板和置物架，桌面终于整洁了；",
        ),
    ),
    T(
        "storage-zh", "zh", HO, "storage", 6,
        ("收纳技巧分享{e}", "小户型收纳", "衣柜收纳神器"),
        "{intro}{tips}东西少了，打扫也轻松很多。{end}\n#收纳 #整理",
        intro=("家里终于不乱了！", "三十平的小家也能很整齐。", ""),
        tips=(
            "衣服竖着叠放，一眼就能看到；",
            "床底用带轮子的收纳箱，换季的被子都放进去；",
            "门后挂一个多层挂袋，小东西都有地方放；",
        ),
    ),
    T(
        "plants-zh", "zh", HO, "plants", 3,
        ("阳台绿植{e}", "养不死的绿植", "龟背竹养护"),
        "{line}浇水见干见湿，放在散射光的地方就好。{end}\n#绿植 #阳台花园",
        line=("绿萝、虎皮兰和龟背竹都是新手友好的。", "龟背竹长出了第三片开背叶！", "阳台的多肉终于爆盆了。"),
    ),
    # --- study, Chinese ---
    T(
        "ielts-zh", "zh", ST, "ielts", 6,
        ("雅思{score}分经验{e}", "雅思备考计划", "雅思口语怎么准备"),
        "{intro}{tips}{end}\n#雅思 #雅思备考",
        score=("7", "7.5", "8"),
        intro=("备考两个月，一次上岸。", "二刷雅思终于过了。", ""),
        tips=(
            "听力每天精听一篇剑桥真题，口语用话题素材串题。",
            "写作背范文没用，要自己写然后对照改。",
            "阅读先看题目再找定位词，别从头读到尾。",
        ),
    ),
    T(
        "kaoyan-zh", "zh", ST, "kaoyan", 4,
        ("考研上岸经验{e}", "考研时间规划", "二战考研上岸"),
        "{intro}{plan}心态最重要，别和别人比进度。{end}\n#考研 #考研经验",
        intro=("终于上岸了，分享一下经验。", "二战终于上岸！", ""),
        plan=("三月到六月打基础，七八月强化，九月以后刷真题。", "数学每天四个小时，英语背单词不能停。"),
    ),
    T(
        "study-zh", "zh", ST, "study-routine", 3,
        ("图书馆自习{e}", "每天学习十小时", "学习计划表"),
        "{line}番茄钟二十五分钟一轮，中间休息五分钟。{end}\n#学习打卡 #自律",
        line=("早上七点到图书馆占座，", "期末周每天泡在自习室，", "用了一个学期的学习计划表，"),
    ),
    # --- fashion and parenting, Chinese ---
    T(
        "ootd-zh", "zh", FA, "fashion outfit", 4,
        ("秋冬穿搭{e}", "小个子穿搭分享", "通勤穿搭一周不重样"),
        "{line}{end}\n#穿搭 #ootd",
        line=(
            "155小个子，短外套配高腰阔腿裤，显高又显瘦。",
            "白衬衫加针织背心，再配一条半身裙，通勤很合适。",
            "冲锋衣配瑜伽裤，今年秋天最火的搭配。",
        ),
    ),
    T(
        "coffee-colour-zh", "zh", FA, "fashion coat", 3,
        ("咖啡色大衣穿搭{e}", "焦糖咖啡色系穿搭", "秋天就穿咖啡色"),
        "秋冬最高级的颜色就是咖啡色！{line}{end}\n#穿搭 #大衣",
        line=("咖啡色大衣配米白色毛衣，温柔又显白。", "一身咖啡色系，配一双黑色乐福鞋。"),
    ),
    T(
        "milktea-job-zh", "zh", OT, "part-time-job", 2,
        ("奶茶店兼职的一天", "在奶茶店打工{e}"),
        "暑假在奶茶店兼职，{line}时薪十八块，站一天腿都麻了，但认识了很多有趣的同事。{end}\n#兼职 #大学生",
        line=("每天要摇几百杯，", "学会了做芋泥和煮珍珠，"),
    ),
    T(
        "baby-food-zh", "zh", PA, "parenting baby-food", 4,
        ("宝宝辅食｜{food}{e}", "八个月宝宝辅食", "辅食添加顺序"),
        "{intro}今天给宝宝做了{food}，{line}{end}\n#宝宝辅食 #育儿",
        intro=("宝宝八个月了，", "第一次做辅食，", ""),
        food=("南瓜小米粥", "胡萝卜泥", "西兰花鸡肉粥", "迷你小馄饨"),
        line=("一次只加一种新食材，观察三天有没有过敏。", "不加盐不加糖，吃的是食物本来的味道。"),
    ),
    # --- shopping, Chinese ---
    T(
        "gifts-zh", "zh", OT, "gifts shopping", 4,
        ("生日礼物推荐{e}", "送男朋友的礼物", "实用礼物清单"),
        "{intro}{items}都是不会出错的选择，预算两百到五百。{end}\n#礼物推荐 #好物分享",
        intro=("每年都不知道送什么？", "整理了一份礼物清单，", ""),
        items=("香薰蜡烛、按摩仪、蓝牙耳机，", "手写信加一束花、定制项链，", "咖啡机、降噪耳机、电动牙刷，"),
    ),
    T(
        "haul-zh", "zh", OT, "shopping sale", 3,
        ("双十一购物清单{e}", "双十一战绩", "618囤货清单"),
        "{line}理性消费，买自己真正需要的。{end}\n#购物分享 #双十一",
        line=(
            "今年双十一买了洗衣液、纸巾和猫砂，都是囤货。",
            "618只买了一台扫地机器人，",
            "凑满减凑到头秃，",
        ),
    ),
    T(
        "tiktok-mix", "mix", OT, "tiktok-refugee", 4,
        ("欢迎TikTok难民{e}", "Hello 美国朋友", "Welcome to 小红书"),
        "最近好多美国朋友来小红书了，Welcome! {line}有不懂的中文可以问我 😊 #TikTokRefugee #中美网友",
        line=(
            "I can teach you some Chinese: 你好 means hello.",
            "Please try 火锅 when you come to China!",
            "Share your cat photos, we pay cat tax here 🐱",
        ),
    ),
    # --- food, English ---
    T(
        "hotpot-cd-en", "en", F, "hotpot restaurant chengdu", 7,
        ("Chengdu hotpot guide", "Best hotpot, Chengdu", "Hotpot night {e}", "Chengdu eats: hotpot"),
        "{intro} We went to {shop}, {detail} Must-orders: {dish}. The beef tallow broth is numbing and "
        "spicy in the best way. About {price} RMB per person. {tip} {end}\n#Chengdu #hotpot #ChinaTravel",
        intro=(
            "If you're in Chengdu, hotpot is non-negotiable.",
            "Our local friend took us to her favourite hotpot spot.",
            "I've had hotpot five times this week and I'm not sorry.",
        ),
        shop=("Shu Daxia", "Xiaolongkan", "Dalongyi", "a tiny place near Yulin"),
        detail=(
            "the queue was an hour but worth it.",
            "staff helped us cook the tripe.",
            "they do a mild broth too.",
        ),
        dish=(
            "beef tripe, duck intestines and fresh beef",
            "potato slices and crispy pork",
            "tripe and rice cakes",
        ),
        price=("100", "120", "150"),
        tip=(
            "Ask for the yuanyang pot if you can't handle spice.",
            "Get a bowl of bingfen after, it cools your mouth down.",
            "Book ahead on weekends.",
        ),
    ),
    T(
        "hotpot-cq-en", "en", F, "hotpot restaurant chongqing", 3,
        ("Chongqing hot pot {e}", "Hot pot in Chongqing", "Spiciest hot pot!"),
        "Chongqing hot pot is a different level from Chengdu: hotter, more numbing, more tallow. We ate at "
        "{shop} near {area}, in an old bomb shelter turned restaurant. {tip} {end}\n#Chongqing #ChinaTravel",
        shop=("Pei Jie", "Zhu Guangyu", "a family-run place"),
        area=("Jiefangbei", "Hongyadong", "Guanyinqiao"),
        tip=("'Mild' here is spicy anywhere else.", "Order the tripe and count to fifteen.", ""),
    ),
    T(
        "hotpot-abroad-en", "en", F, "hotpot restaurant", 4,
        ("Hot pot in {city} {e}", "{city} hotpot spot", "Cosy hot pot dinner"),
        "Found a proper Sichuan hot pot place in {city}! {detail} The split pot is perfect if your friends "
        "don't do spice. {end}\n#{city}eats #foodie",
        city=("London", "Toronto", "Sydney", "NYC"),
        detail=(
            "The sauce bar has everything: sesame paste, garlic, coriander.",
            "Hand-pulled noodles to finish, of course.",
            "Lamb slices were super fresh.",
        ),
    ),
    T(
        "hotpot-home-en", "en", F, "hotpot home-cooking hotpot-base", 3,
        ("Hotpot at home {e}", "DIY hotpot night", "Easy home hotpot"),
        "No need to go out: hotpot at home is easy. I used a {brand} hotpot base from the Asian "
        "supermarket, a cheap electric pot, and {items}. {tip} {end}\n#hotpot #homecooking",
        brand=("Haidilao", "Little Sheep", "Da Hong Pao"),
        items=("thin beef, tofu and mushrooms", "fish balls, napa cabbage and noodles"),
        tip=("Dipping sauce: sesame oil and garlic.", "Leftover broth makes great noodle soup."),
    ),
    T(
        "hot-weather-en", "en", OT, "weather summer", 5,
        ("So hot today {e}", "Heatwave survival", "Too hot to cook", "Hot summer nights"),
        "{line} {line2} {end}",
        line=(
            "It's 38°C and my AC just died.",
            "Too hot to cook, so it's cold noodles and watermelon again.",
            "This heatwave is no joke, stay hydrated everyone.",
        ),
        line2=(
            "Tips: close the curtains during the day, freeze a wet towel, drink more water than you think.",
            "Honestly the only thing getting me through is iced coffee.",
            "Anyone else's pets just lying flat on the tiles?",
        ),
    ),
    T(
        "hot-outfit-en", "en", FA, "fashion summer", 3,
        ("Summer outfit ideas", "Hot weather fits {e}", "Linen everything"),
        "Outfits for when it's way too hot: {items} {end}\n#OOTD #summerstyle",
        items=(
            "linen shorts, a loose shirt and sandals.",
            "a cotton slip dress and a straw hat.",
            "wide-leg trousers in a light colour and a tank top.",
        ),
    ),
    T(
        "noodles-cq-en", "en", F, "noodles chongqing", 4,
        ("Chongqing noodles {e}", "Xiaomian breakfast", "Best noodles in CQ"),
        "Chongqing xiaomian is the city's breakfast: springy noodles in chilli oil, Sichuan pepper and a "
        "bit of bone broth. {detail} {price} RMB a bowl. {end}\n#Chongqing #noodles",
        detail=(
            "The pea and minced pork version is my favourite.",
            "You eat it on tiny stools on the pavement.",
            "Add a fried egg, trust me.",
        ),
        price=("8", "10", "12"),
    ),
    T(
        "dumpling-recipe-en", "en", F, "dumplings recipe", 6,
        ("Pork chive dumplings", "Easy dumpling recipe", "Dumplings, from zero", "How I fold dumplings"),
        "{intro} Filling: {filling}. Wrappers: {wrap} Pleat, then pan-fry until the bottoms are golden, add "
        "a splash of water and cover for 6 minutes. {tip} {end}\n#dumplings #recipe #homecooking",
        intro=(
            "My grandma's recipe, finally written down.",
            "Made 60 dumplings this weekend and froze half.",
            "These are easier than they look, promise.",
        ),
        filling=(
            "pork mince, chives, ginger, soy sauce and sesame oil",
            "chicken, cabbage and mushrooms",
            "tofu, carrot and glass noodles (vegan!)",
        ),
        wrap=(
            "store-bought is fine, no shame.",
            "flour and hot water, rest 30 minutes, roll the edges thin.",
        ),
        tip=(
            "Dipping sauce: black vinegar, chilli oil, garlic.",
            "Freeze them on a tray first so they don't stick.",
        ),
    ),
    T(
        "dumpling-shop-en", "en", F, "dumplings restaurant", 3,
        ("Dumpling spot {e}", "Dumplings, {city}", "Soup dumplings!!"),
        "{city} has a tiny dumpling shop I keep going back to. {detail} {end}\n#dumplings #foodie",
        city=("London", "Melbourne", "Vancouver"),
        detail=(
            "The xiao long bao are juicy and the wrappers are thin.",
            "Pork and cabbage, 12 for $10, cash only.",
            "Watch the aunties fold them through the window.",
        ),
    ),
    T(
        "dumpling-cat-en", "en", PE, "cat", 4,
        ("Meet Dumpling {e}", "Dumpling the cat", "Dumpling's bath day"),
        "This is Dumpling, my {age} {breed}. {line} {end}\n#catsofinstagram #catlife",
        age=("two-year-old", "six-month-old", "very old"),
        breed=("British shorthair", "ginger tabby", "ragdoll"),
        line=(
            "She sleeps 20 hours a day and screams at 5am.",
            "He stole a whole prawn off the counter today.",
            "Vet says she needs to lose weight, so it's diet food now.",
        ),
    ),
    T(
        "bubbletea-en", "en", F, "milk-tea", 5,
        ("Bubble tea ranking {e}", "Boba run!", "Best boba in {city}", "Brown sugar boba"),
        "{intro} {shop}'s {drink} {verdict} {end}\n#bubbletea #boba",
        intro=("Ranked every boba place near my office.", "Weekly boba check-in.", ""),
        city=("LA", "Sydney", "Toronto"),
        shop=("Tiger Sugar", "Chatime", "Gong Cha", "Yi Fang"),
        drink=("brown sugar milk tea", "taro milk tea", "jasmine milk tea with pearls"),
        verdict=("is chewy, not too sweet. 9/10.", "was way too sweet, go 30%.", "is my new favourite."),
    ),
    T(
        "tea-ceremony-en", "en", TR, "travel kyoto tea", 2,
        ("Tea ceremony, Kyoto", "Matcha in Uji {e}"),
        "Did a traditional tea ceremony in Kyoto. {detail} Highlight of the trip. {end}\n#Kyoto #Japan "
        "#matcha",
        detail=(
            "The host explained every step and we whisked our own matcha.",
            "Then a day trip to Uji for tea.",
        ),
    ),
    T(
        "coffee-en", "en", F, "coffee cafe", 6,
        ("Cafe recs, {city}", "Coffee spot {e}", "My favourite cafes", "Best flat white?"),
        "{intro} {shop} in {city}: {detail} I'd recommend the {drink}. {end}\n#coffee #cafehopping",
        intro=("Work-from-cafe diaries.", "Found my new favourite coffee shop.", ""),
        shop=("Ozone", "Blue Bottle", "a tiny place with no sign", "Monmouth"),
        city=("London", "Tokyo", "Melbourne"),
        detail=(
            "great wifi, lots of plugs.",
            "they roast their own beans.",
            "the pastries are as good as the coffee.",
        ),
        drink=("flat white", "pour-over", "oat latte"),
    ),
    T(
        "running-cafe-en", "en", OT, "business", 3,
        ("Running a small cafe", "Year one as an owner", "Small business diary"),
        "One year of running my own cafe. {line} {end}\n#smallbusiness",
        line=(
            "Rent went up 20%, so I'm running the numbers every night.",
            "Running everything alone nearly broke me; hired my first barista.",
            "What nobody tells you: the coffee is the easy part.",
        ),
    ),
    T(
        "sourdough-en", "en", F, "baking sourdough", 5,
        ("Sourdough day {e}", "My sourdough journey", "Baked my first loaf"),
        "{intro} {detail} 75% hydration, 20% starter, 2% salt, cold proof overnight, bake at 250°C with the "
        "lid on for 20 minutes. {end}\n#sourdough #baking",
        intro=(
            "Week 6 of feeding my starter.",
            "Finally an ear on my loaf!",
            "Baking bread every weekend now.",
        ),
        detail=("The crumb is open and the crust crackles.", "Still a bit dense, any tips?", ""),
    ),
    T(
        "chili-oil-en", "en", F, "chili-oil recipe", 2,
        ("Homemade chili oil", "Chili crisp recipe"),
        "Heat the oil to smoking, let it cool to about 200°C and pour over chilli flakes, Sichuan pepper "
        "and garlic. {line} {end}\n#chilioil #recipe",
        line=("Great on dumplings and noodles.", "Keeps for a month in the fridge."),
    ),
    T(
        "diet-en", "en", FI, "diet meal-prep", 5,
        ("Meal prep Sunday {e}", "Weight loss meals", "High-protein lunches"),
        "{intro} This week: {meal} About {kcal} kcal each, keeps me full till dinner. {end}\n#mealprep "
        "#weightloss",
        intro=("Down 6 kg since January.", "Meal prep saves me so much money.", ""),
        meal=(
            "chicken breast, broccoli and brown rice.",
            "turkey chilli with beans.",
            "salmon, quinoa and roasted veg.",
            "egg muffins and Greek yoghurt bowls.",
        ),
        kcal=("400", "450", "500"),
    ),
    T(
        "hot-take-en", "en", OT, "opinion", 3,
        ("Hot take {e}", "Unpopular opinion", "Hot take, sorry"),
        "{line} {end}",
        line=(
            "Hot take: potatoes are the best vegetable and I will not be taking questions.",
            "Hot take: brunch is overrated, just eat breakfast at home.",
            "Unpopular opinion: pineapple on pizza is fine.",
        ),
    ),
    T(
        "instant-pot-en", "en", F, "recipe home-cooking instant-pot", 3,
        ("Instant Pot dinners", "One-pot meals {e}", "Instant Pot chilli"),
        "{line} Dinner in 30 minutes with barely any washing up. {end}\n#instantpot #easyrecipes",
        line=(
            "Instant Pot beef stew: brown the meat, add everything, 35 minutes on high.",
            "Chicken curry in the Instant Pot, the sauce thickens while it rests.",
            "Pot roast, potatoes and carrots in one go.",
        ),
    ),
    T(
        "toddler-food-en", "en", PA, "parenting baby-food", 3,
        ("Toddler lunch ideas", "Baby-led weaning {e}", "Picky toddler meals"),
        "{line} {end}\n#toddlerfood #parenting",
        line=(
            "Mini dumplings cut in half, steamed veg and fruit; she ate everything!",
            "Soft finger foods: avocado, banana, omelette strips.",
            "Hide the veggies in pancakes, works every time.",
        ),
    ),
    # --- travel, English ---
    T(
        "dali-en", "en", TR, "travel dali yunnan", 6,
        ("Dali, Yunnan {e}", "3 days in Dali", "Cycling Erhai Lake", "Why I love Dali"),
        "{intro} {route} {tip} {end}\n#Dali #Yunnan #ChinaTravel",
        intro=("Dali is the most relaxed place I've been in China.", "Slow travel in Dali.", ""),
        route=(
            "Day 1 the old town and the Three Pagodas, day 2 cycling around Erhai Lake, day 3 Xizhou.",
            "Take the cable car up Cangshan, then sunset at Shuanglang.",
        ),
        tip=("Rent an e-bike, about 50 RMB a day.", "The sun is brutal at that altitude."),
    ),
    T(
        "chengdu-travel-en", "en", TR, "travel chengdu", 5,
        ("Chengdu itinerary", "72h in Chengdu {e}", "Chengdu travel tips"),
        "{intro} {route} {tip} {end}\n#Chengdu #ChinaTravel",
        intro=("Chengdu was the highlight of our China trip.", "First time in Chengdu!", ""),
        route=(
            "Kuanzhai Alley, tea in People's Park and Taikoo Li on day one.",
            "Wuhou Temple and Jinli, then the night view at Jiuyan Bridge.",
        ),
        tip=(
            "The metro goes everywhere.",
            "Alipay works with foreign cards now.",
            "Eat hotpot at least once.",
        ),
    ),
    T(
        "panda-en", "en", TR, "travel chengdu pandas", 4,
        ("Giant pandas! {e}", "Panda base, Chengdu", "Seeing the pandas"),
        "The Chengdu Research Base of Giant Panda Breeding is a must. {tip} {end}\n#pandas #Chengdu",
        tip=(
            "Go at opening time (7:30), they're asleep by noon.",
            "Take the shuttle to the top and walk down.",
            "Huahua's queue is long but worth it.",
        ),
    ),
    T(
        "pandas-python-en", "en", ST, "programming", 3,
        ("Learning pandas", "pandas cheat sheet", "Data analysis notes"),
        "Week 3 of learning Python for data analysis. pandas DataFrames finally make sense: {tip} "
        "{end}\n#python #codinglife",
        tip=(
            "groupby then agg covers most of it.",
            "use loc, not chained indexing.",
            "read_csv has 50 options.",
        ),
    ),
    T(
        "kyoto-en", "en", TR, "travel kyoto", 7,
        ("Kyoto in 3 days", "Kyoto travel tips", "Fushimi Inari at 6am", "Kyoto on a budget {e}"),
        "{intro} {route} {tip} {end}\n#Kyoto #Japan #travel",
        intro=("Kyoto deserves more than a day trip.", "Back from Kyoto and already missing it.", ""),
        route=(
            "Fushimi Inari at sunrise, Kiyomizu-dera, then Gion in the evening.",
            "Arashiyama bamboo grove early, the monkey park, then the Philosopher's Path.",
            "Kinkaku-ji, Ryoan-ji and Nishiki Market for lunch.",
        ),
        tip=(
            "Buy the bus day pass.",
            "Stay near Kyoto Station for easy trains.",
            "Book kaiseki a month ahead.",
        ),
    ),
    T(
        "packing-en", "en", TR, "travel packing", 3,
        ("Carry-on packing", "Packing tips {e}", "A week in a carry-on"),
        "{line} Packing cubes changed my life. {end}\n#packing #travel",
        line=(
            "One week, one carry-on: 5 tops, 2 bottoms, 1 jacket.",
            "Never forget: adapter, power bank, sunscreen, meds.",
            "Roll, don't fold.",
        ),
    ),
    # --- beauty, English ---
    T(
        "sunscreen-oily-en", "en", BE, "sunscreen oily-skin", 7,
        ("Oily skin SPF faves", "SPF for oily skin", "Best matte sunscreen", "Non-greasy SPF {e}"),
        "{intro} My skin is super oily and most sunscreens turn me into a disco ball by noon. {brand} "
        "{verdict} {tip} {end}\n#sunscreen #oilyskin #skincare",
        intro=("Tried 15 sunscreens so you don't have to.", "Summer is here, so SPF talk.", ""),
        brand=("Anessa Perfect UV", "Biore UV Aqua Rich", "La Roche-Posay Anthelios", "Beauty of Joseon"),
        verdict=(
            "is matte all day.",
            "feels like water and doesn't pill under makeup.",
            "no white cast, no shine.",
        ),
        tip=("Use two finger lengths for your face.", "Reapply every 2 hours outdoors.", ""),
    ),
    T(
        "sunscreen-dry-en", "en", BE, "sunscreen dry-skin", 4,
        ("SPF for dry skin", "Dewy sunscreen {e}", "Winter SPF routine"),
        "Dry skin here: I need a sunscreen that hydrates. {brand} feels like a moisturiser and never "
        "flakes. {end}\n#sunscreen #dryskin",
        brand=("Shiseido Ultimune", "Avène", "Round Lab"),
    ),
    T(
        "foundation-oily-en", "en", BE, "foundation oily-skin", 5,
        ("Oily skin foundation", "Long-wear foundation", "Oily skin base {e}"),
        "{intro} {brand} {verdict} {tip} {end}\n#foundation #oilyskin #makeup",
        intro=("Oily skin girlies, this one's for you.", "Finally a foundation that lasts.", ""),
        brand=("Estée Lauder Double Wear", "Fenty Pro Filt'r", "Maybelline Fit Me Matte"),
        verdict=("lasts 10 hours with just a little shine.", "is matte but not flat.", "covers redness."),
        tip=("Prime with a mattifying primer.", "Set the T-zone with powder."),
    ),
    T(
        "foundation-general-en", "en", BE, "foundation", 3,
        ("Finding my shade", "Foundation swatches", "Drugstore foundation"),
        "{line} {end}\n#foundation #makeup",
        line=(
            "Swatched six foundations on my jaw in daylight; matching undertone matters more than depth.",
            "Drugstore foundations that look expensive, ranked.",
            "A damp sponge gives the most natural finish.",
        ),
    ),
    T(
        "foundation-book-en", "en", ST, "books", 2,
        ("Reading Foundation", "Asimov, Foundation"),
        "Finally reading Asimov's Foundation trilogy. {line} {end}\n#booktok #scifi",
        line=("Psychohistory is such a cool idea.", "The show is very different from the books."),
    ),
    T(
        "oil-painting-en", "en", ST, "oil-painting art", 4,
        ("Oil painting class", "First oil painting", "Oils vs acrylics {e}"),
        "{line} Oil paint dries slowly, so you can blend for days. {end}\n#oilpainting #art",
        line=(
            "Took a beginner oil painting class this weekend.",
            "Painted a landscape of the lake at sunset.",
            "Switched from acrylics to oils and I'm never going back.",
        ),
    ),
    T(
        "oil-cleanser-en", "en", BE, "skincare cleanser oily-skin", 3,
        ("Oil cleansing?!", "Cleansing oil review", "Double cleanse {e}"),
        "Yes, oily skin can use a cleansing oil. {line} {end}\n#skincare #doublecleanse",
        line=(
            "It melts sunscreen and makeup, then a gentle foam cleanser.",
            "My pores look smaller, not bigger.",
        ),
    ),
    # --- pets, English ---
    T(
        "cat-beginner-en", "en", PE, "cat pet-care beginner", 4,
        ("First-time cat owner", "New kitten checklist", "Kitten tips {e}"),
        "{intro} You need: {items} {tip} {end}\n#kitten #catcare",
        intro=("Adopted my first kitten!", "Things I wish I knew before getting a cat.", ""),
        items=(
            "a litter box, a scratching post, a carrier and wet food.",
            "a water fountain, toys and a vet.",
        ),
        tip=("Let them hide for the first few days.", "No cow's milk, it upsets their stomach."),
    ),
    T(
        "cat-food-en", "en", PE, "cat pet-food", 5,
        ("Best cat food?", "Wet vs dry cat food", "Cat food we use {e}"),
        "{line} Read the label: meat should be the first ingredient. {end}\n#catfood #cats",
        line=(
            "Switched my cats to wet food and they drink more water.",
            "Our picky eater finally likes a food: Orijen.",
            "Vet recommended a mix of wet and dry food.",
        ),
    ),
    T(
        "dog-training-en", "en", PE, "dog training", 5,
        ("Dog training 101", "Teaching recall {e}", "Crate training tips", "Leash training"),
        "{intro} {line} Keep sessions short and reward right away. {end}\n#dogtraining #puppy",
        intro=("Our rescue pup is learning so fast.", "Positive reinforcement only.", ""),
        line=(
            "Recall: start indoors, then a long leash in the park.",
            "Crate training took two weeks of treats and patience.",
            "Loose-leash walking: stop every time he pulls.",
        ),
    ),
    # --- fitness, English ---
    T(
        "running-en", "en", FI, "running beginner", 6,
        ("Couch to 5K {e}", "New runner tips", "How I started to run", "Running for newbies"),
        "{intro} {line} {end}\n#running #runner",
        intro=(
            "A year ago I couldn't run for a minute.",
            "I ran my first 5K today!",
            "Runs are my therapy now.",
        ),
        line=(
            "Go slow: if you can't talk, you're running too fast.",
            "Run-walk intervals got me there; three runs a week.",
            "Get fitted for proper running shoes.",
        ),
    ),
    T(
        "running-race-en", "en", FI, "running marathon", 3,
        ("Marathon recap", "First half marathon", "Sub-4 marathon {e}"),
        "{line} {end}\n#marathon #running",
        line=(
            "Ran the London Marathon in 3:58, the last 10K hurt.",
            "Half marathon done, fuelled with gels every 40 minutes.",
            "16 weeks of training paid off.",
        ),
    ),
    T(
        "yoga-en", "en", FI, "yoga beginner", 5,
        ("Yoga for beginners", "Morning yoga flow {e}", "30 days of yoga"),
        "{line} {end}\n#yoga #wellness",
        line=(
            "Start with child's pose, cat-cow and downward dog.",
            "Ten minutes every morning fixed my back.",
            "Day 30: I can finally touch my toes.",
        ),
    ),
    T(
        "hot-yoga-en", "en", FI, "yoga hot-yoga", 2,
        ("Hot yoga, first try", "Bikram class {e}"),
        "Tried hot yoga: 40°C room, 90 minutes. {line} {end}\n#hotyoga",
        line=("Drank two litres of water after.", "Dizzy but I'll go back."),
    ),
    # --- home, English ---
    T(
        "rental-en", "en", HO, "home-decor rental", 6,
        ("Rental makeover {e}", "Renter-friendly home", "Tiny flat glow-up"),
        "{intro} {line} Nothing that loses the deposit. {end}\n#rentalmakeover #smallspaces",
        intro=("My 30 m² studio before and after.", "Landlord-approved changes only.", ""),
        line=(
            "Peel-and-stick wallpaper, a big rug and warm lamps.",
            "Swapped the ugly ceiling light for a plug-in pendant.",
            "Curtains hung high make the room look taller.",
        ),
    ),
    T(
        "storage-en", "en", HO, "storage", 4,
        ("Closet organisation", "Storage hacks {e}", "Tiny kitchen storage"),
        "{line} {end}\n#organization #storage",
        line=(
            "File-fold your clothes so you can see everything.",
            "Under-bed boxes on wheels for winter stuff.",
            "Magnetic strips for knives free up a drawer.",
        ),
    ),
    # --- study, English ---
    T(
        "ielts-en", "en", ST, "ielts", 5,
        ("IELTS 8.0 tips", "IELTS speaking prep", "How I studied IELTS"),
        "{intro} {line} {end}\n#IELTS #studyabroad",
        intro=("Got my IELTS results!", "Six weeks of prep.", ""),
        line=(
            "Speaking: record yourself and fix fillers.",
            "Writing: plan for five minutes, always.",
            "Listening: Cambridge tests, every day.",
        ),
    ),
    T(
        "study-en", "en", ST, "study-routine", 3,
        ("Study with me", "My study routine {e}", "Pomodoro works"),
        "{line} {end}\n#studygram #productivity",
        line=(
            "5am library sessions before class.",
            "25 minutes on, 5 off, phone in another room.",
            "Color-coded notes and a weekly plan.",
        ),
    ),
    # --- shopping, English ---
    T(
        "tiktok-en", "en", OT, "tiktok-refugee", 6,
        ("Hi from {place} {e}", "New here! 👋", "TikTok refugee here"),
        "{intro} {line} #TikTokRefugee #hello",
        place=("Texas", "Ohio", "London", "Toronto"),
        intro=("Hello Xiaohongshu! Just arrived from TikTok.", "A TikTok refugee saying hi 👋", ""),
        line=(
            "Everyone is so kind here, thank you for the Chinese lessons.",
            "Paying my cat tax: here's my orange cat.",
            "Trying to learn Chinese, wish me luck.",
        ),
    ),
    T(
        "gifts-en", "en", OT, "gifts shopping", 5,
        ("Gift ideas under $50", "Gifts for him {e}", "Birthday gift guide"),
        "{line} Highly recommend all of them. {end}\n#giftideas #giftguide",
        line=(
            "Candles, a nice notebook and good chocolate.",
            "A portable speaker, a coffee subscription, a wallet.",
            "Personalised jewellery never misses.",
        ),
    ),
    T(
        "haul-en", "en", OT, "shopping sale", 3,
        ("Black Friday haul", "What I bought {e}", "Sale haul"),
        "{line} {end}\n#haul #shopping",
        line=("Black Friday: a vacuum and socks, I'm an adult now.", "Sale haul: two jumpers and boots."),
    ),
    # --- mixed Chinese and English ---
    T(
        "hotpot-cd-mix", "mix", F, "hotpot restaurant chengdu", 3,
        ("Chengdu火锅必吃{e}", "成都hotpot攻略", "成都火锅 must try"),
        "第一次来成都，一定要吃火锅！Local friends带我去的{shop}，毛肚 must order，spicy level "
        "选微辣就够了。{end}\n#成都美食 #hotpot",
        shop=("小龙坎", "蜀大侠", "大龙燚"),
    ),
    T(
        "sunscreen-mix", "mix", BE, "sunscreen oily-skin", 3,
        ("油皮sunscreen分享{e}", "油皮SPF推荐", "Oily skin防晒"),
        "作为一个oily skin的人，这支{brand}真的很清爽，no white cast，带妆也OK。{end}\n#防晒 #sunscreen",
        brand=("Anessa", "Biore", "La Roche-Posay"),
    ),
    T(
        "kyoto-mix", "mix", TR, "travel kyoto", 2,
        ("Kyoto京都vlog", "京都 trip 攻略"),
        "京都 trip day 1：清水寺 in the morning，下午去 Gion 逛街，晚上吃了抹茶 dessert。{end}\n#京都 #Kyoto",
    ),
)
# fmt: on


_SLOT = re.compile(r"\{(\w+)\}")


def build_corpus() -> list[CorpusNote]:
    """The notes, the same on every run."""
    notes: list[CorpusNote] = []
    for template in TEMPLATES:
        seen: set[tuple[str, str]] = set()
        for index in range(template.count):
            rng = random.Random(f"{SEED}/{template.name}/{index}")
            title, body = draw(template, index, rng)
            for _ in range(50):  # draw again while the note repeats an earlier one
                if (title, body) not in seen:
                    break
                title, body = draw(template, index, rng)
            seen.add((title, body))
            assert len(title) <= 20, (template.name, title)
            assert len(body) <= 1000, template.name
            notes.append(
                CorpusNote(
                    key=f"{template.name}-{index + 1:02d}",
                    language=template.language,
                    category=template.category,
                    about=frozenset({*template.about.split(), template.category}),
                    title=title,
                    body=body,
                    age=timedelta(seconds=rng.uniform(0, DAYS * 86_400)),
                    like_count=int(rng.lognormvariate(3.0, 1.3)),
                )
            )
    return notes


def draw(template: Template, index: int, rng: random.Random) -> tuple[str, str]:
    """A title (the templates' titles in turn) and body, one value per slot."""
    common = COMMON_SLOTS[template.language]
    chosen: dict[str, str] = {}

    def render(text: str) -> str:
        return _SLOT.sub(lambda match: render(value(match.group(1))), text)

    def value(name: str) -> str:
        if name not in chosen:
            chosen[name] = rng.choice(template.slots.get(name) or common[name])
        return chosen[name]

    return render(template.titles[index % len(template.titles)]).strip(), render(template.body).strip()


# --- the queries and their judgments ---------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """What was typed, its group, and the labels of what it asks for: notes having all the
    labels of one of ``exactly`` gain 2, of one of ``related`` gain 1 (``Q`` takes each
    as labels separated by spaces, alternatives by commas)."""

    text: str
    group: str
    exactly: tuple[str, ...]
    related: tuple[str, ...] = ()


def Q(text: str, group: str, exactly: str, related: str = "") -> Query:  # a row of the table below
    return Query(text, group, tuple(exactly.split(",")), tuple(r for r in related.split(",") if r))


QUERIES: tuple[Query, ...] = (
    # Chinese, Simplified
    Q("成都火锅推荐", "zh", "hotpot restaurant chengdu", "hotpot restaurant"),
    Q("成都 火锅 推荐", "zh", "hotpot restaurant chengdu", "hotpot restaurant"),
    Q("重庆火锅", "zh", "hotpot restaurant chongqing", "hotpot restaurant"),
    Q("火锅底料", "zh", "hotpot-base", "hotpot home-cooking"),
    Q("在家吃火锅", "zh", "hotpot home-cooking", "hotpot-base"),
    Q("重庆小面", "zh", "noodles chongqing"),
    Q("饺子做法", "zh", "dumplings recipe", "dumplings"),
    Q("饺子", "zh", "dumplings"),
    Q("奶茶推荐", "zh", "milk-tea"),
    Q("大理旅游攻略", "zh", "travel dali", "travel yunnan"),
    Q("大理", "zh", "dali", "travel yunnan"),
    Q("云南旅行", "zh", "travel yunnan"),
    Q("京都旅行", "zh", "travel kyoto"),
    Q("油皮防晒推荐", "zh", "sunscreen oily-skin", "sunscreen"),
    Q("防晒霜", "zh", "sunscreen"),
    Q("油皮粉底液", "zh", "foundation oily-skin", "foundation"),
    Q("粉底液推荐", "zh", "foundation"),
    Q("新手养猫", "zh", "cat pet-care", "cat"),
    Q("猫粮推荐", "zh", "cat pet-food", "cat"),
    Q("狗狗训练", "zh", "dog training", "dog"),
    Q("跑步入门", "zh", "running beginner", "running"),
    Q("马拉松", "zh", "marathon", "running"),
    Q("减脂餐", "zh", "diet"),
    Q("瑜伽", "zh", "yoga"),
    Q("出租屋改造", "zh", "home-decor rental", "home-decor"),
    Q("收纳技巧", "zh", "storage", "packing"),
    Q("雅思备考", "zh", "ielts"),
    Q("考研经验", "zh", "kaoyan", "study-routine"),
    Q("成都旅游攻略", "zh", "travel chengdu", "chengdu"),
    Q("熊猫基地", "zh", "pandas", "travel chengdu"),
    Q("咖啡店推荐", "zh", "coffee"),
    Q("油画", "zh", "oil-painting"),
    Q("生日礼物推荐", "zh", "gifts"),
    Q("#成都美食", "zh", "chengdu food"),
    Q("麻辣烫", "zh", "malatang"),
    Q("戚风蛋糕", "zh", "baking chiffon", "baking"),
    # Chinese, Traditional
    Q("火鍋", "zh-hant", "hotpot"),
    Q("火鍋推薦", "zh-hant", "hotpot restaurant", "hotpot"),
    Q("台北火鍋", "zh-hant", "hotpot restaurant taipei", "hotpot restaurant"),
    Q("油肌防曬", "zh-hant", "sunscreen oily-skin", "sunscreen"),
    Q("京都旅遊", "zh-hant", "travel kyoto"),
    Q("貓糧推薦", "zh-hant", "cat pet-food", "cat"),
    Q("減脂餐", "zh-hant", "diet"),
    Q("珍珠奶茶", "zh-hant", "milk-tea"),
    # English
    Q("chengdu hotpot", "en", "hotpot restaurant chengdu", "hotpot restaurant"),
    Q("hotpot", "en", "hotpot"),
    Q("hot pot", "en", "hotpot"),
    Q("best sunscreen for oily skin", "en", "sunscreen oily-skin", "sunscreen"),
    Q("sunscreen", "en", "sunscreen"),
    Q("dumpling recipes", "en", "dumplings recipe", "dumplings"),
    Q("how to make dumplings", "en", "dumplings recipe", "dumplings"),
    Q("foundation for oily skin", "en", "foundation oily-skin", "foundation"),
    Q("Kyoto travel tips", "en", "travel kyoto"),
    Q("things to do in Dali", "en", "travel dali", "travel yunnan"),
    Q("running tips for beginners", "en", "running beginner", "running"),
    Q("marathon training", "en", "marathon", "running"),
    Q("coffee shop recommendations", "en", "coffee"),
    Q("cat food", "en", "cat pet-food", "cat"),
    Q("dog training", "en", "dog training", "dog"),
    Q("small apartment makeover", "en", "home-decor rental", "home-decor"),
    Q("IELTS speaking", "en", "ielts"),
    Q("#TikTokRefugee", "en", "tiktok-refugee"),
    Q("bubble tea", "en", "milk-tea"),
    Q("sourdough", "en", "sourdough", "baking"),
    Q("baking bread", "en", "sourdough", "baking"),
    Q("oil painting", "en", "oil-painting"),
    Q("yoga for beginners", "en", "yoga beginner", "yoga"),
    Q("Chongqing noodles", "en", "noodles chongqing"),
    Q("giant pandas Chengdu", "en", "pandas", "travel chengdu"),
    Q("meal prep for weight loss", "en", "diet"),
    Q("gift recommendations", "en", "gifts"),
    # pinyin (finds Chinese notes)
    Q("huoguo", "pinyin", "hotpot"),
    Q("chengdu huoguo", "pinyin", "hotpot restaurant chengdu", "hotpot restaurant"),
    Q("chongqing xiaomian", "pinyin", "noodles chongqing"),
    Q("fangshai", "pinyin", "sunscreen"),
    Q("dali lvyou", "pinyin", "travel dali", "travel yunnan"),
    Q("naicha", "pinyin", "milk-tea"),
    Q("jiaozi", "pinyin", "dumplings"),
    Q("maoliang", "pinyin", "cat pet-food", "cat"),
    # misspelt English
    Q("sunscren", "typo", "sunscreen"),
    Q("dumplngs", "typo", "dumplings"),
    Q("dumpling recipies", "typo", "dumplings recipe", "dumplings"),
    Q("chengdu hotpott", "typo", "hotpot restaurant chengdu", "hotpot restaurant"),
    Q("kyotto travel", "typo", "travel kyoto"),
    Q("fondation for oily skin", "typo", "foundation oily-skin", "foundation"),
    Q("yoga for begginers", "typo", "yoga beginner", "yoga"),
    Q("bubble tae", "typo", "milk-tea"),
    Q("runing tips", "typo", "running"),
)


def judge(query: Query, note: CorpusNote) -> int:
    """The gain of ``note`` for ``query``: 2 exactly what was asked, 1 related, 0 not."""
    if note.language in READS[query.group]:
        cap = 2
    elif note.language in RELATED_ONLY.get(query.group, ()):
        cap = 1
    else:
        return 0
    if any(set(labels.split()) <= note.about for labels in query.exactly):
        return cap
    if any(set(labels.split()) <= note.about for labels in query.related):
        return 1
    return 0


def judgments(corpus: Sequence[CorpusNote]) -> dict[str, dict[str, int]]:
    """Per query text, the keys of its relevant notes and their gains."""
    known = {label for note in corpus for label in note.about}
    judged: dict[str, dict[str, int]] = {}
    for query in QUERIES:
        unknown = {label for labels in query.exactly + query.related for label in labels.split()} - known
        assert not unknown, f"{query.text!r} names labels no note has: {sorted(unknown)}"
        gains = {note.key: gain for note in corpus if (gain := judge(query, note))}
        assert 2 in gains.values(), f"nothing exactly relevant to {query.text!r}"
        judged[query.text] = gains
    return judged


# --- the metrics ---------------------------------------------------------------------------


def ndcg(ranked: Sequence[str], gains: Mapping[str, int], k: int = K) -> float:
    """nDCG@k with graded gains and a log2 discount; the ideal ranks the judged notes best
    first."""
    dcg = sum(gains.get(key, 0) / math.log2(rank + 2) for rank, key in enumerate(ranked[:k]))
    ideal = sorted(gains.values(), reverse=True)[:k]
    best = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(ideal))
    return dcg / best if best else 0.0


def recall(ranked: Sequence[str], gains: Mapping[str, int], k: int = K) -> float:
    """Share of the relevant notes (gain 1 or 2) found in the first k."""
    relevant = {key for key, gain in gains.items() if gain > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def ideal_ranking(gains: Mapping[str, int]) -> list[str]:
    return sorted(gains, key=lambda key: (-gains[key], key))


def check_metrics() -> None:
    """The metrics on hand examples."""
    gains = {"a": 2, "b": 1, "c": 1}
    assert math.isclose(ndcg(["a", "b", "c"], gains), 1.0)
    assert math.isclose(ndcg(["a", "c", "b", "x"], gains), 1.0)  # equal gains, either order
    assert ndcg([], gains) == 0.0
    assert ndcg(["x", "y"], gains) == 0.0
    # b, a: (1 + 2/log2 3) / (2 + 1/log2 3 + 1/2)
    expected = (1 + 2 / math.log2(3)) / (2 + 1 / math.log2(3) + 0.5)
    assert math.isclose(ndcg(["b", "a"], gains), expected)
    assert math.isclose(recall(["a", "x", "c"], gains), 2 / 3)
    assert recall(["a", "b", "c"], gains) == 1.0
    many = {str(i): 1 for i in range(20)}
    assert math.isclose(ndcg(ideal_ranking(many), many), 1.0)
    assert recall(ideal_ranking(many), many) == 0.5  # 10 of 20 fit in the first 10
    assert ndcg(["x"] * 10 + ideal_ranking(many), many) == 0.0  # past the tenth counts nothing


# --- the database ----------------------------------------------------------------------------


async def create_postgres(url: str) -> None:
    """The database ``url`` names, empty (dropped first if it exists)."""
    await _postgres_admin(url, "DROP DATABASE IF EXISTS {} WITH (FORCE)", "CREATE DATABASE {}")


async def drop_postgres(url: str) -> None:
    await _postgres_admin(url, "DROP DATABASE IF EXISTS {} WITH (FORCE)")


async def _postgres_admin(url: str, *statements: str) -> None:
    import asyncpg  # noqa: PLC0415 - only with --database-url
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    parsed = make_url(url)
    admin = parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    name = '"' + (parsed.database or "").replace('"', '""') + '"'
    connection = await asyncpg.connect(admin)
    try:
        for statement in statements:
            await connection.execute(statement.format(name))
    finally:
        await connection.close()


async def seed(session: Any, corpus: Sequence[CorpusNote], now: datetime) -> dict[int, str]:
    """Authors, the notes (published, public) and their topics; note ID -> key."""
    from potluck.accounts.models import User  # noqa: PLC0415
    from potluck.kit.ids import new_id  # noqa: PLC0415
    from potluck.notes.models import Hashtag, Note, NoteHashtag, NoteType, Visibility  # noqa: PLC0415
    from potluck.notes.text import topic_key, topics_in  # noqa: PLC0415

    rng = random.Random(f"{SEED}/authors")
    authors = [
        User(
            id=new_id(),
            username=f"relevance{i:02d}",
            username_key=f"relevance{i:02d}",
            display_name=f"Relevance {i:02d}",
            password_hash="!",
            created_at=now - timedelta(days=DAYS + 30),
            updated_at=now,
        )
        for i in range(AUTHORS)
    ]
    session.add_all(authors)
    await session.flush()

    keys: dict[int, str] = {}
    hashtags: dict[str, Hashtag] = {}
    rows: list[Any] = []
    links: list[Any] = []
    # Oldest first, so IDs grow with publication time as they do in the app.
    for note in sorted(corpus, key=lambda n: (-n.age, n.key)):
        published = now - note.age
        row = Note(
            id=new_id(),
            author_id=rng.choice(authors).id,
            type=NoteType.IMAGE,
            title=note.title,
            body=note.body,
            visibility=Visibility.PUBLIC,
            category=note.category,
            published_at=published,
            like_count=note.like_count,
            created_at=published,
            updated_at=published,
        )
        keys[row.id] = note.key
        rows.append(row)
        for position, name in enumerate(topics_in(note.body)):
            key = topic_key(name)
            if key not in hashtags:
                hashtags[key] = Hashtag(id=new_id(), name=name, key=key, note_count=0, created_at=now)
            hashtags[key].note_count += 1
            links.append(NoteHashtag(note_id=row.id, hashtag_id=hashtags[key].id, position=position))
    session.add_all(rows)
    session.add_all(hashtags.values())
    await session.flush()
    session.add_all(links)
    await session.flush()
    return keys


# --- the systems ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    note_ids: list[int]
    corrected: str | None = None  # the query searched instead, if the system corrected it


Search = Callable[[Any, Query], Awaitable[Found]]


def _like_pattern(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


async def like_search(session: Any, query: Query, *, every_word: bool = False) -> Found:
    """Notes containing the query (or each of its words) as typed, newest first."""
    from sqlalchemy import func, select  # noqa: PLC0415

    from potluck.notes.models import Note, Visibility  # noqa: PLC0415

    haystack = func.lower(Note.title + " " + Note.body)
    needles = query.text.split() if every_word else [query.text]
    statement = (
        select(Note.id)
        .where(
            Note.published_at.is_not(None),
            Note.visibility == Visibility.PUBLIC,
            *(haystack.like(_like_pattern(needle), escape="\\") for needle in needles),
        )
        .order_by(Note.published_at.desc(), Note.id.desc())
        .limit(K)
    )
    return Found([int(note_id) for note_id in (await session.execute(statement)).scalars()])


# --- the run -------------------------------------------------------------------------------


@dataclass
class Outcome:
    """One system's answers: ranked keys per query, time per query, corrections."""

    ranked: dict[str, list[str]] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)
    corrected: dict[str, str] = field(default_factory=dict)


async def run(database_url: str, *, postgres: bool) -> tuple[list[CorpusNote], dict[str, Outcome], float]:
    from potluck.migrations.runner import upgrade  # noqa: PLC0415
    from potluck.ops.logging import configure_logging  # noqa: PLC0415
    from potluck.runtime import Runtime  # noqa: PLC0415
    from potluck.search import indexing  # noqa: PLC0415
    from potluck.settings import Settings  # noqa: PLC0415

    corpus = build_corpus()
    judged = judgments(corpus)
    configure_logging("WARNING", "console")
    if postgres:
        await create_postgres(database_url)
    try:
        await upgrade(database_url)
        with tempfile.TemporaryDirectory() as var:
            overrides: dict[str, Any] = {
                "var_dir": Path(var),
                "database_url": database_url,
                "redis_url": "",
                "secret_key": "bench",
                "log_level": "WARNING",
                "embedded_worker": False,
            }
            if "rate_limit_search" in Settings.model_fields:
                overrides["rate_limit_search"] = "100000/minute"
            runtime = Runtime(Settings(**overrides))
            await runtime.start()
            try:
                started = time.perf_counter()
                now = datetime.now(UTC)
                async with runtime.database.session(writing=True) as session:
                    keys = await seed(session, corpus, now)
                    await session.commit()
                note_ids = sorted(keys)
                for start in range(0, len(note_ids), 500):
                    async with runtime.database.session(writing=True) as session:
                        await indexing.index_notes(session, note_ids[start : start + 500])
                        await session.commit()
                await prepare_potluck(runtime)
                indexed = time.perf_counter() - started

                systems: dict[str, Search] = {
                    "potluck": potluck_search,
                    "like": like_search,
                    "like-words": lambda session, query: like_search(session, query, every_word=True),
                }
                outcomes: dict[str, Outcome] = {}
                for name, search in systems.items():
                    outcome = outcomes[name] = Outcome()
                    for query in QUERIES:
                        async with runtime.database.session(writing=True) as session:
                            began = time.perf_counter()
                            found = await search(session, query)
                            outcome.seconds.append(time.perf_counter() - began)
                            await session.commit()
                        outcome.ranked[query.text] = [keys[note_id] for note_id in found.note_ids[:K]]
                        if found.corrected:
                            outcome.corrected[query.text] = found.corrected
                outcomes["ideal"] = Outcome(
                    ranked={text: ideal_ranking(gains) for text, gains in judged.items()}
                )
            finally:
                await runtime.stop()
    finally:
        if postgres:
            await drop_postgres(database_url)
    return corpus, outcomes, indexed


async def prepare_potluck(runtime: Any) -> None:
    """What the search's periodic jobs will have done by the time people search: the
    vocabulary "did you mean" corrects against, copied from the index."""
    from potluck.search import spelling  # noqa: PLC0415

    async with runtime.database.session(writing=True) as session:
        await spelling.refresh_vocabulary(session)
        await session.commit()


async def potluck_search(session: Any, query: Query) -> Found:
    """The search service as a visitor uses it: relevance order, first page."""
    from potluck.kit.viewer import ANONYMOUS  # noqa: PLC0415
    from potluck.search import service  # noqa: PLC0415
    from potluck.search.engine import Sort  # noqa: PLC0415

    results = await service.search_notes(
        session, query=query.text, viewer=ANONYMOUS, sort=Sort.RELEVANCE, limit=K, visitor="bench"
    )
    corrected = results.query if results.corrected_from is not None else None
    return Found([int(hit.card.note.id) for hit in results.hits], corrected)


# --- the report ----------------------------------------------------------------------------


def scores(outcome: Outcome, judged: Mapping[str, Mapping[str, int]]) -> dict[str, tuple[float, float]]:
    """Per query text, (nDCG@10, recall@10)."""
    return {
        query.text: (
            ndcg(outcome.ranked[query.text], judged[query.text]),
            recall(outcome.ranked[query.text], judged[query.text]),
        )
        for query in QUERIES
    }


def summary(per_query: Mapping[str, tuple[float, float]]) -> dict[str, dict[str, float]]:
    """Mean nDCG@10 and recall@10, over all queries and per group."""
    table: dict[str, dict[str, float]] = {}
    for group in ("all", *GROUPS):
        texts = [q.text for q in QUERIES if group in ("all", q.group)]
        table[group] = {
            "ndcg": statistics.fmean(per_query[t][0] for t in texts),
            "recall": statistics.fmean(per_query[t][1] for t in texts),
        }
    return table


def report(
    corpus: Sequence[CorpusNote],
    outcomes: Mapping[str, Outcome],
    *,
    backend: str,
    indexed: float,
    elapsed: float,
    show_misses: bool,
) -> dict[str, Any]:
    judged = judgments(corpus)
    by_group = Counter(q.group for q in QUERIES)
    by_language = Counter(n.language for n in corpus)
    print(
        f"Search relevance on {backend}: {len(QUERIES)} queries ("
        + ", ".join(f"{g} {by_group[g]}" for g in GROUPS)
        + f") over {len(corpus)} notes ("
        + ", ".join(f"{lang} {by_language[lang]}" for lang in ("zh", "zh-hant", "en", "mix"))
        + f"); relevant per query: median {statistics.median(len(g) for g in judged.values()):.0f}, "
        f"max {max(len(g) for g in judged.values())}"
    )
    per_system = {name: scores(outcomes[name], judged) for name in SYSTEMS}
    results: dict[str, Any] = {}
    columns = ("all", *GROUPS)
    for metric, label in (("ndcg", "nDCG@10"), ("recall", "recall@10")):
        print()
        print(
            f"{label:<12}" + "".join(f"{c:>9}" for c in columns) + ("   ms/query" if metric == "ndcg" else "")
        )
        for name in SYSTEMS:
            table = summary(per_system[name])
            results.setdefault(name, {})[metric] = {c: round(table[c][metric], 4) for c in columns}
            timing = ""
            if metric == "ndcg" and outcomes[name].seconds:
                milliseconds = statistics.fmean(outcomes[name].seconds) * 1000
                results[name]["ms_per_query"] = round(milliseconds, 2)
                timing = f"{milliseconds:11.1f}"
            print(f"{name:<12}" + "".join(f"{table[c][metric]:9.3f}" for c in columns) + timing)
    results["per_query"] = {
        query.text: {name: [round(value, 4) for value in per_system[name][query.text]] for name in SYSTEMS}
        for query in QUERIES
    }
    potluck = outcomes["potluck"]
    print()
    print(
        f"potluck corrected {len(potluck.corrected)} queries; seeding and indexing took {indexed:.1f} s, "
        f"the whole run {elapsed:.1f} s"
    )
    if show_misses:
        titles = {note.key: note.title for note in corpus}
        per_query = per_system["potluck"]
        misses = [q for q in QUERIES if per_query[q.text][0] < 0.5]
        print()
        print(f"Queries where potluck's nDCG@10 < 0.5 ({len(misses)}):")
        for query in misses:
            gains = judged[query.text]
            score, found = per_query[query.text]
            corrected = potluck.corrected.get(query.text)
            print(
                f"  {query.text!r} [{query.group}] nDCG {score:.2f} recall {found:.2f}, "
                f"{sum(1 for g in gains.values() if g == 2)} exact + "
                f"{sum(1 for g in gains.values() if g == 1)} related"
                + (f", searched as {corrected!r}" if corrected else "")
            )
            ranked = potluck.ranked[query.text]
            if not ranked:
                print("      (nothing found)")
            for key in ranked[:5]:
                print(f"      {gains.get(key, 0)}  {titles[key]}  ({key})")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL database to create, use and drop (default: SQLite in a temporary directory)",
    )
    parser.add_argument("--show-misses", action="store_true", help="queries where potluck's nDCG@10 < 0.5")
    parser.add_argument("--json", help="write the figures to FILE, or - for stdout")
    args = parser.parse_args(argv)

    from potluck.settings import normalise_database_url  # noqa: PLC0415

    check_metrics()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as directory:
        if args.database_url:
            database_url = normalise_database_url(args.database_url)
            backend = "PostgreSQL"
        else:
            database_url = f"sqlite+aiosqlite:///{Path(directory) / 'relevance.db'}"
            backend = "SQLite"
        corpus, outcomes, indexed = asyncio.run(run(database_url, postgres=bool(args.database_url)))
    results = report(
        corpus,
        outcomes,
        backend=backend,
        indexed=indexed,
        elapsed=time.perf_counter() - started,
        show_misses=args.show_misses,
    )
    if args.json:
        text = json.dumps(
            {"backend": backend, "queries": len(QUERIES), "notes": len(corpus), "results": results}
        )
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

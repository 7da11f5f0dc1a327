"""What the demo's English writers post: titles and opening lines, details, topics."""

from __future__ import annotations

# Notes: (title, opening line) by category. Titles keep to 20 characters, as on Xiaohongshu.
NOTES: dict[str, list[tuple[str, str]]] = {
    "food": [
        ("My first real hotpot", "A friend from Chengdu took me out and I am never going back to mild."),
        ("Sourdough, attempt 7", "Attempt number seven. The crumb! Look at the crumb!"),
        ("Noodle soup night", "Rainy Sunday, big pot of broth, a whole bunch of scallions."),
        ("Latte art progress", "Three months of practice and my hearts finally look like hearts."),
        ("Breakfast bowl ideas", "Greek yogurt, berries, granola and a drizzle of honey. Ten minutes."),
        ("Chinese snack haul", "My new friends here sent me a list, so I went to the Asian market."),
        ("Dan dan noodles 🌶️", "Recipe from @chengdu_foodie, translated with the button. It works!"),
        ("Best brunch in town", "Came for the pancakes, stayed for the coffee and the light."),
        ("Weeknight ramen hack", "Instant noodles, soft egg, chili crisp, greens. Upgraded."),
        ("Cinnamon rolls!", "Soft, gooey, and gone in about nine minutes."),
        ("Farmers market haul", "Peaches, tomatoes and way too many flowers."),
    ],
    "travel": [
        ("Sunset hike worth it", "Two hours up, legs on fire, and then the sky did this."),
        ("Weekend on the coast", "Packed light, turned off my phone, and found the quietest beach."),
        ("City lights at night", "Found a rooftop bar with the best skyline view. Went twice."),
        ("3 days in Shanghai", "My first trip to China after meeting so many people here!"),
        ("Mountain lake, 5am", "Woke up at 4am for this and I'd do it again tomorrow."),
        ("Budget tips for Bali", "How I spent ten days there for less than a month of rent."),
        ("Picnic in the park", "Sandwiches, strawberries, a book and nowhere to be."),
        ("Road trip playlist", "Eight hours of driving, one perfect playlist and a lot of snacks."),
        ("Taipei night market", "Stinky tofu: tried it. Bubble tea: three times. No regrets."),
        ("Surf trip, day three", "Finally stood up on the board. Then fell off. Worth it."),
    ],
    "beauty": [
        ("My 5 minute makeup", "For days when I snooze the alarm three times."),
        ("Skincare that worked", "After a year of trial and error, this is what stayed."),
        ("Lipstick swatches", "Six shades I actually wear, swatched in daylight."),
        ("Trying C-beauty", "Everyone here recommended these, so I ordered a haul."),
        ("Glass skin routine", "Hydration, hydration, hydration. And sunscreen."),
    ],
    "fashion": [
        ("Thrift haul, $50", "Everything in this flat lay came from one Saturday morning."),
        ("10-piece capsule", "One month, ten pieces, thirty outfits. It's possible!"),
        ("Sneaker rotation", "The four pairs I wear the most, and why."),
        ("Fall outfit formula", "Knit, straight jeans, loafers, a good bag. Repeat."),
        ("Outfit of the day", "Neutral tones, comfy shoes, ready for a long walk."),
        ("1 skirt, 3 ways", "Same skirt, three vibes: office, brunch and night out."),
        ("Rainy day outfit", "Trench, boots, big scarf. Ready for anything."),
    ],
    "home": [
        ("Small apartment tour", "Four hundred square feet, two plants per square foot."),
        ("Balcony garden", "The tomatoes are winning. The basil is losing."),
        ("Reading nook redo", "A chair, a lamp and a blanket. That's the whole secret."),
        ("Sunday reset routine", "Laundry, fresh sheets, flowers from the market."),
        ("Unkillable plants", "If these made it through my neglect, they'll survive anyone."),
    ],
    "fitness": [
        ("Deadlift PR today!", "Finally hit 405 after months stuck. Form notes below."),
        ("Beginner gym routine", "Three days a week, full body, nothing fancy. It works."),
        ("Morning yoga flow", "Fifteen minutes before coffee changed my whole day."),
        ("Running by the ocean", "Sunrise 10k along the beach. Best way to start a Saturday."),
        ("No-gear home workout", "Twenty minutes, a mat and a playlist."),
        ("What I eat to bulk", "Simple meals, lots of rice, way more protein than before."),
        ("Leg day, no excuses", "Squats, lunges, and a lot of complaining."),
    ],
    "pets": [
        ("Cat tax as promised", "You asked, Biscuit delivered. He wants treats in return."),
        ("Sunday nap champion", "He has not moved in three hours. Goals."),
        ("Window watching", "Every evening at sunset, same spot, same stare."),
        ("Adopted a senior cat", "Twelve years old, grumpy, perfect. Welcome home, Pickles."),
        ("My cat speaks 中文", "I say 吃饭 and she runs to the kitchen. Fluent."),
        ("First vet visit tips", "Things I wish I knew before taking my cat to the vet."),
        ("Biscuit vs the couch", "The couch did not stand a chance."),
        ("Cat tax, part two", "Due to popular demand, more Biscuit."),
    ],
    "parenting": [
        ("Toddler snacks", "The only five things my twins agree on."),
        ("Rainy day activities", "Blocks, blanket forts and a lot of bubbles."),
        ("Bedtime books", "Read these a thousand times and still not sick of them."),
        ("Park day, twins", "Two hours, one picnic, zero meltdowns. A miracle."),
        ("Dad hacks that work", "Things nobody told me before the twins arrived."),
    ],
    "study": [
        ("Chinese, week 12", "I can finally order food in Chinese! Here's what helped."),
        ("My study desk setup", "Everything I need for a focused six-hour session."),
        ("How I read 50 books", "No speed reading, just small habits that add up."),
        ("Pomodoro works", "25 minutes on, 5 off. My thesis is finally moving."),
        ("Chinese flashcards", "The 100 characters I learned first, with tones."),
        ("Cafe study session", "Matcha, playlist, and a very long reading list."),
        ("My Chinese name!", "@chen_laoshi gave me the name 汉娜 and I love it so much."),
        ("Tones are hard, help", "mā má mǎ mà... my cat understands me better than my teacher."),
    ],
    "other": [
        ("Hi from a newcomer", "I have no idea what I'm doing here but everyone is so nice."),
        ("Evening city walk", "The lights come on and the whole street changes."),
        ("Why I love it here", "People answer questions, translate, and share cat photos."),
        ("Welcome, newcomers!", "A few tips for your first week: follow topics, say hi, post your cat."),
        ("Random photo dump", "No theme, just things that made me smile this week."),
        ("A month on Potluck", "What I've learned from a month of chatting across languages."),
        ("Golden hour walk", "Ten minutes outside and the sky did something incredible."),
    ],
}

# Sentences that fit any note of the category, added after the opening line.
DETAILS: dict[str, list[str]] = {
    "food": [
        "Recipe in the comments if you want it!",
        "Total cost: about $12 and twenty minutes.",
        "Tip: toast the spices first, it makes all the difference.",
        "Went on a weekday, no line at all.",
        "Chili oil is non-negotiable.",
    ],
    "travel": [
        "Getting there: train plus a short bus ride.",
        "Go early, the crowds arrive around ten.",
        "Bring layers, it gets cold fast up there.",
        "Stayed in a tiny guesthouse, highly recommend.",
        "Total budget breakdown is on the last photo.",
    ],
    "beauty": [
        "I have combination skin, for reference.",
        "Nothing here is sponsored, I bought it all myself.",
        "Patch test first, always.",
        "Sunscreen every day, even when it's cloudy!",
    ],
    "fashion": [
        "I'm 5'5\" and wearing a size S in everything.",
        "Most pieces are secondhand.",
        "Rule of thumb: one statement piece, everything else simple.",
        "Comfortable shoes are always in style.",
    ],
    "home": [
        "Everything is renter-friendly, no drilling.",
        "Most of it came from flea markets.",
        "Warm bulbs changed the whole vibe.",
        "Plants are pothos, snake plant and one stubborn fern.",
    ],
    "fitness": [
        "Program: three days a week, progressive overload.",
        "Sleep and protein do half the work.",
        "Warm up properly, your joints will thank you.",
        "Consistency beats intensity every time.",
    ],
    "pets": [
        "He's a rescue and the best decision I ever made.",
        "Yes, he's always this dramatic.",
        "Adopt, don't shop! 🐾",
        "His favorite toy is a cardboard box.",
    ],
    "parenting": [
        "Every kid is different, do what works for yours.",
        "Most of this costs nothing.",
        "Snacks are the secret to every successful outing.",
        "Naps are sacred in this house.",
    ],
    "study": [
        "I use spaced repetition for everything now.",
        "Phone in another room. That's the whole trick.",
        "Happy to share my notes if anyone wants them!",
        "Small steps every day, that's it.",
    ],
    "other": [
        "Shot on my phone, no edits.",
        "Thanks for making this place so welcoming.",
        "Tell me what you'd like to see next!",
    ],
}

# A question to readers at the end (an empty one: none).
QUESTIONS: list[str] = [
    "Which photo is your favorite?",
    "Any tips for a beginner?",
    "What should I try next?",
    "Tell me yours in the comments!",
    "",
]

# A line mentioning a friend.
MENTIONS: list[str] = [
    "Shout-out to @{user} for the tip!",
    "Thanks @{user} for the translation help 🙏",
    "@{user} you were right about this one.",
]

# Topics by category ("any": for the categories not listed).
TOPICS: dict[str, list[str]] = {
    "food": ["#foodie", "#homecooking", "#hotpot", "#breakfast", "#成都美食"],
    "travel": ["#travel", "#sunset", "#weekendtrip", "#hiking"],
    "beauty": ["#skincare", "#makeup", "#cbeauty"],
    "fashion": ["#ootd", "#thrift", "#streetwear"],
    "home": ["#homedecor", "#plants", "#smallspace"],
    "fitness": ["#fitness", "#gym", "#running", "#yoga"],
    "pets": ["#catsofrednote", "#cattax", "#adoptdontshop"],
    "parenting": ["#dadlife", "#toddlers", "#momlife"],
    "study": ["#学中文", "#studywithme", "#learnchinese", "#books"],
    "other": ["#TikTokRefugee", "#hello", "#photodump"],
}

# Words on text covers: a small label under the title (guides get the guide words).
CARD_LABELS: list[str] = ["Save this!", "My honest take", "Story time"]

GUIDE_LABELS: list[str] = ["Beginner guide", "Tried & tested", "Read before you go", "Save this!"]

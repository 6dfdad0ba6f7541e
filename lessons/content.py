"""The lessons as first written, marked for translation.

A data migration loads them into the database, where admins may edit them.
Pages pass each stored text through gettext: an unedited lesson shows in the
patient's language, an edited one as the admin wrote it.
"""

from django.utils.translation import gettext_noop

LESSONS = [
    {
        "week": 1,
        "slug": "why-walking-helps",
        "title": gettext_noop("Why walking helps a sore back"),
        "body": gettext_noop(
            "Rest feels like the safe choice when your back hurts, but for most back pain a "
            "few days on the sofa tends to make things stiffer and slower to settle. Gentle "
            "movement is what the tissues around your spine need: muscles that work regularly "
            "support the spine better, joints that move stay supple, and blood flow brings "
            "what healing tissue uses.\n\n"
            "Walking is about the simplest way to get that movement. It needs no equipment "
            "and no gym, you can do it almost anywhere, and you can make it as short or as "
            "easy as today requires. Each step gently loads and unloads the discs and joints "
            "of the lower back, and the upright posture is usually kinder to a sore back than "
            "long spells of sitting.\n\n"
            "Walking also helps in less obvious ways. It lifts mood, eases stress and helps "
            "you sleep, and all three change how strongly pain is felt. People who keep "
            "moving with back pain tend to return to their usual lives sooner.\n\n"
            "This plan starts small on purpose: 10 to 15 minutes on three days. That is "
            "enough to begin, and small enough to do on a day when your back is grumbling."
        ),
        "action": gettext_noop(
            "This week: take your three planned walks and log the pain before and after "
            "each one, so the plan has something to go on."
        ),
    },
    {
        "week": 2,
        "slug": "pacing-and-the-traffic-light",
        "title": gettext_noop("Pacing and the pain traffic light"),
        "body": gettext_noop(
            "Pacing means doing a steady amount most days instead of a lot on a good day and "
            "nothing for the next three. The boom-and-bust pattern is common and it is "
            "tiring: a good day tempts you to do everything, the back protests, and you lose "
            "the days that follow.\n\n"
            "A simple way to pace is to think of pain as a traffic light. Score your pain "
            "from 0 to 10. Green is 0 to 3: carry on, this is fine. Amber is 4 and 5: you "
            "can keep going, but do not add more this week. Red is 6 or more during or after "
            "a walk, or pain that is still worse the next morning: ease off and make the next "
            "walks shorter.\n\n"
            "Some aching during or after a walk is normal and does not mean harm. Your back "
            "is getting used to more movement, much as legs ache after a long day out. What "
            "matters is the trend over days, not one walk.\n\n"
            "The plan uses the same idea. It only adds minutes when last week's pain stayed "
            "at 5 or below, holds steady when it did not, and steps back when pain climbs."
        ),
        "action": gettext_noop(
            "This week: before each walk, decide its length from yesterday's pain score, "
            "not from how good you feel in the moment."
        ),
    },
    {
        "week": 3,
        "slug": "when-it-flares-up",
        "title": gettext_noop("What to do in a flare-up"),
        "body": gettext_noop(
            "Most people with back pain have flare-ups: days when the pain jumps up for no "
            "clear reason, or after lifting, a long drive or a poor night. They are "
            "unpleasant and often frightening, but most settle within days to a couple of "
            "weeks, and a flare-up does not mean you are back at the start.\n\n"
            "During a flare-up, keep moving a little rather than stopping altogether. Take "
            "shorter walks, perhaps two or three of five minutes around the house or garden, "
            "and sit or lie in whatever position is comfortable between them. Heat, such as "
            "a warm shower or a wrapped hot-water bottle, eases many people's muscle spasm. "
            "Pain relief bought from a pharmacy can help you keep moving; ask a pharmacist "
            "which suits you.\n\n"
            "Log your walks and pain as usual, even short ones. The plan will hold or step "
            "back by itself, and you will see the flare-up pass in your own chart.\n\n"
            "A flare-up with new numbness, weakness, fever, or changes in bladder or bowel "
            "control is different: the app will show a warning, and you should follow it."
        ),
        "action": gettext_noop(
            "This week: write a three-line flare-up plan in your notes (what helps, how "
            "short your walks become, who you call if it does not settle)."
        ),
    },
    {
        "week": 4,
        "slug": "posture-shoes-and-surfaces",
        "title": gettext_noop("Posture, shoes and surfaces"),
        "body": gettext_noop(
            "How you walk makes a difference to how your back feels afterwards. Walk tall "
            "without stiffening: imagine a string lifting the top of your head, keep your "
            "shoulders loose and let your arms swing naturally. Look ahead rather than at "
            "your feet. Shorter, easy strides are gentler than long ones.\n\n"
            "Shoes matter more than many people expect. Choose a pair with a cushioned sole, "
            "some support under the arch and room for your toes, and keep them for walking. "
            "Worn-down heels change the way your foot lands and can add to back ache.\n\n"
            "Start on level, even ground such as a pavement, a park path or a treadmill. "
            "Hills, sand, grass and rough tracks ask more of the back and hips; they are "
            "fine later, once the flat walks feel easy. If you use a treadmill, keep it "
            "level and hold the rails only lightly, if at all.\n\n"
            "The diary asks which surface you walked on, so you can see whether a surface "
            "goes with higher pain for you."
        ),
        "action": gettext_noop(
            "This week: check the soles of your walking shoes, and do all your planned "
            "walks on level ground."
        ),
    },
    {
        "week": 5,
        "slug": "sleep-stress-and-pain",
        "title": gettext_noop("Sleep, stress and pain"),
        "body": gettext_noop(
            "Pain is not only a signal from the back. The brain weighs that signal with "
            "everything else going on, and tiredness, worry and low mood all turn the volume "
            "up. That does not make the pain imaginary; it means there are more ways to ease "
            "it than treating the back alone.\n\n"
            "Sleep is a good place to start. Keep regular times for going to bed and getting "
            "up, and make the bedroom dark and quiet. Lying on your side with a pillow between "
            "the knees, or on your back with one under them, takes strain off the lower back. "
            "A walk in daylight, earlier in the day, helps many people sleep better that "
            "night.\n\n"
            "Stress tightens muscles and makes pain harder to bear. Slow breathing helps: "
            "breathe in through your nose for four counts and out for six, for a few minutes. "
            "Walking itself is one of the best stress relievers there is, especially outdoors "
            "or with company.\n\n"
            "If low mood or worry has taken over your days, tell your doctor. It is common "
            "with long-lasting pain, and it can be treated."
        ),
        "action": gettext_noop(
            "This week: take at least one walk in the morning daylight, and try five minutes "
            "of slow breathing before bed."
        ),
    },
    {
        "week": 6,
        "slug": "moving-more-at-work",
        "title": gettext_noop("Moving more at work"),
        "body": gettext_noop(
            "Many backs feel worst after long stretches in one position, and work is where "
            "most of us sit the longest. Sitting is not harmful in itself; staying still for "
            "hours is what stiffens the back. The best posture is the next one.\n\n"
            "Break up your sitting at least every half hour. Stand up for phone calls, walk "
            "to a colleague instead of sending a message, use stairs for a floor or two, and "
            "fetch water often. A timer on your phone or computer is an easy reminder.\n\n"
            "Set up your chair so your feet rest flat, your hips sit a little higher than "
            "your knees and the lower back is supported; a rolled towel works as well as any "
            "special cushion. Put the top of the screen near eye level.\n\n"
            "Walking on the way to and from work counts towards your plan. Getting off the "
            "bus a stop early, or parking at the far end of the car park, adds minutes "
            "without needing extra time in your day. If your job is heavy, ask about lifting "
            "aids and about sharing loads while your back recovers."
        ),
        "action": gettext_noop(
            "This week: stand up and move at least every 30 minutes while at work, and fit "
            "one of your planned walks into your journey."
        ),
    },
    {
        "week": 7,
        "slug": "what-the-warning-signs-mean",
        "title": gettext_noop("What the warning signs mean"),
        "body": gettext_noop(
            "Nearly all back pain comes from muscles, joints and discs and gets better with "
            "time and movement. A few signs, though, can point to something that needs a "
            "doctor, and the app watches your entries for them.\n\n"
            "Some signs need emergency care at once: numbness between the legs or around the "
            "back passage, new trouble passing urine or controlling the bladder or bowel, or "
            "numbness or weakness in both legs, or a new change in sexual function. These can "
            "mean pressure on the nerves at the bottom of the spine, and treatment within "
            "hours protects them. Chest pain is an emergency too.\n\n"
            "Other signs need a doctor the same day: a leg growing weak, fever with back "
            "pain, pain that started after a fall or an accident, pain that wakes you at "
            "night, or weight loss or a lump you cannot explain. Tingling or numbness, or new "
            "difficulty walking or standing, need a doctor soon rather than today.\n\n"
            "When you tick one of these in the diary, the app tells you what to do and how "
            "soon. It is guidance, not a diagnosis: if you are worried, seek help whatever "
            "the app says."
        ),
        "action": gettext_noop(
            "This week: read the warning list on the walk form once, slowly, so you would "
            "recognise the emergency signs."
        ),
    },
    {
        "week": 8,
        "slug": "keeping-it-going",
        "title": gettext_noop("Keeping it going after the goal"),
        "body": gettext_noop(
            "The plan builds towards at least 30 minutes on five days a week, which is about "
            "150 minutes of walking. Reaching it is worth celebrating, but the benefit to "
            "your back lasts only while the walking does. The aim now is to make it part of "
            "ordinary life.\n\n"
            "Tie your walks to things you already do: after breakfast, at lunchtime, with "
            "the dog, or on the way home. A regular walking partner makes it far more likely "
            "you will go on days when you would rather not. Vary the routes to keep it "
            "interesting, and once the flat walks are easy, add a gentle hill or a longer "
            "walk at the weekend.\n\n"
            "Expect bad weeks. Illness, travel or a flare-up will interrupt you, and that is "
            "normal. What matters is starting again rather than waiting to feel perfect. If "
            "you drop well below your usual minutes for a couple of weeks, restart the plan "
            "from a lower target and build back up; it goes faster the second time.\n\n"
            "Keep logging now and then, so you can see your progress and spot a change early."
        ),
        "action": gettext_noop(
            "This week: choose the two regular times in your week that your walks will "
            "belong to from now on, and tell someone about them."
        ),
    },
]


def load_lessons(lesson_model) -> None:
    """Add any lesson that is missing; never overwrite one an admin changed."""
    for lesson in LESSONS:
        lesson_model.objects.get_or_create(
            week=lesson["week"],
            defaults={k: lesson[k] for k in ("slug", "title", "body", "action")},
        )

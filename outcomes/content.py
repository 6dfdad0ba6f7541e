"""The wording the app ships for each questionnaire, in English and Hindi.

Written for this app: these are not the validated instruments' own words
(Roland-Morris, STarT Back). A clinic holding a licence for an instrument
may put its wording in the admin; the data migration only adds what is
missing and never overwrites an edit. Scores come from outcomes/instruments.py
by each option's value, never from this text.
"""

from outcomes import instruments as i

YES_NO = ((i.YES, "Yes", "हाँ"), (i.NO, "No", "नहीं"))
AGREE = ((i.AGREE, "Agree", "सहमत"), (i.DISAGREE, "Disagree", "असहमत"))
BOTHER = tuple(
    zip(
        i.BOTHER_VALUES,
        ("Not at all", "A little", "Moderately", "A lot", "Extremely"),
        ("बिल्कुल नहीं", "थोड़ा", "मध्यम", "बहुत", "बहुत ज़्यादा"),
        strict=True,
    )
)

QUESTIONNAIRES = {
    i.BACK_FUNCTION: {
        "title": ("Back function", "पीठ का कामकाज"),
        "intro": (
            "Think about today only. Answer Yes to each sentence that is true for you "
            "today because of your back, and No to the rest.",
            "सिर्फ़ आज के बारे में सोचें। जो वाक्य आज आपकी पीठ की वजह से आप पर सही बैठता है, "
            "उसके लिए हाँ चुनें, बाक़ी के लिए नहीं।",
        ),
        "items": (
            ("I stay at home more than usual.", "मैं आम दिनों से ज़्यादा घर पर ही रहता/रहती हूँ।"),
            (
                "I keep changing position to make my back comfortable.",
                "पीठ को आराम देने के लिए मैं बार-बार करवट या मुद्रा बदलता/बदलती हूँ।",
            ),
            ("I walk more slowly than I normally would.", "मैं आम तौर से धीमे चलता/चलती हूँ।"),
            (
                "I am not doing the jobs I usually do around the house.",
                "घर के जो काम मैं आम तौर पर करता/करती हूँ, वे नहीं कर रहा/रही हूँ।",
            ),
            (
                "I hold on to a rail or the wall to go up stairs.",
                "सीढ़ियाँ चढ़ने के लिए मैं रेलिंग या दीवार का सहारा लेता/लेती हूँ।",
            ),
            (
                "I lie down to rest more often than usual.",
                "मैं आम दिनों से ज़्यादा बार लेटकर आराम करता/करती हूँ।",
            ),
            (
                "I need to hold on to something to get out of a chair.",
                "कुर्सी से उठने के लिए मुझे किसी चीज़ का सहारा लेना पड़ता है।",
            ),
            ("I ask other people to do things for me.", "मैं दूसरों से अपने काम करवाता/करवाती हूँ।"),
            ("Getting dressed takes me longer than usual.", "कपड़े पहनने में मुझे आम से ज़्यादा समय लगता है।"),
            ("I can stand only for short spells.", "मैं थोड़ी-थोड़ी देर ही खड़ा/खड़ी रह पाता/पाती हूँ।"),
            ("I try not to bend down or kneel.", "मैं झुकने या घुटनों के बल बैठने से बचता/बचती हूँ।"),
            ("Getting up from a chair is hard for me.", "कुर्सी से उठना मेरे लिए मुश्किल है।"),
            ("My back hurts nearly all the time.", "मेरी पीठ लगभग हर समय दुखती है।"),
            ("Turning over in bed is hard for me.", "बिस्तर में करवट लेना मेरे लिए मुश्किल है।"),
            ("I do not feel much like eating.", "मुझे खाने का ज़्यादा मन नहीं करता।"),
            ("Putting on socks or shoes is hard for me.", "मोज़े या जूते पहनना मेरे लिए मुश्किल है।"),
            ("I walk only short distances.", "मैं बस थोड़ी दूर तक ही चलता/चलती हूँ।"),
            ("I sleep less well than usual.", "मुझे आम दिनों से कम अच्छी नींद आती है।"),
            ("I need someone to help me get dressed.", "कपड़े पहनने के लिए मुझे किसी की मदद चाहिए।"),
            ("I sit down for most of the day.", "मैं दिन का ज़्यादातर समय बैठा/बैठी रहता/रहती हूँ।"),
            ("I avoid heavy jobs around the house.", "मैं घर के भारी काम करने से बचता/बचती हूँ।"),
            (
                "I get irritated or short-tempered with people more than usual.",
                "मैं आम दिनों से ज़्यादा चिड़चिड़ा/चिड़चिड़ी रहता/रहती हूँ या जल्दी ग़ुस्सा करता/करती हूँ।",
            ),
            ("I go up stairs more slowly than usual.", "मैं आम से धीमे सीढ़ियाँ चढ़ता/चढ़ती हूँ।"),
            ("I stay in bed most of the time.", "मैं ज़्यादातर समय बिस्तर पर ही रहता/रहती हूँ।"),
        ),
    },
    i.OUTLOOK: {
        "title": ("Outlook", "आगे की राह"),
        "intro": (
            "Think about the last two weeks. For each sentence, say whether you agree. "
            "The last question asks how much your back pain has bothered you.",
            "पिछले दो हफ़्तों के बारे में सोचें। हर वाक्य के लिए बताएँ कि आप सहमत हैं या नहीं। "
            "आख़िरी सवाल पूछता है कि पीठ दर्द ने आपको कितना परेशान किया।",
        ),
        "items": (
            (
                "At some point my back pain has spread down one or both legs.",
                "किसी समय मेरा पीठ दर्द एक या दोनों पैरों में नीचे तक फैला है।",
            ),
            (
                "I have also had pain in my shoulder or neck.",
                "मुझे कंधे या गर्दन में भी दर्द हुआ है।",
            ),
            (
                "Because of my back pain I have walked only short distances.",
                "पीठ दर्द की वजह से मैं बस थोड़ी दूर तक ही चला/चली हूँ।",
            ),
            (
                "Because of my back pain I have been slower to get dressed.",
                "पीठ दर्द की वजह से मुझे कपड़े पहनने में ज़्यादा समय लगा है।",
            ),
            (
                "I do not think it is really safe for someone with my back to be active.",
                "मुझे नहीं लगता कि मेरी जैसी पीठ वाले व्यक्ति के लिए सक्रिय रहना सच में सुरक्षित है।",
            ),
            ("Worrying thoughts have been on my mind a lot.", "चिंता वाले विचार मेरे मन में बहुत रहे हैं।"),
            (
                "I feel my back pain is terrible and will never get better.",
                "मुझे लगता है कि मेरा पीठ दर्द बहुत बुरा है और कभी ठीक नहीं होगा।",
            ),
            (
                "I have not enjoyed the things I usually enjoy.",
                "जिन चीज़ों में मुझे आम तौर पर मज़ा आता है, उनमें मज़ा नहीं आया।",
            ),
            (
                "Overall, how much has your back pain bothered you in the last two weeks?",
                "कुल मिलाकर, पिछले दो हफ़्तों में पीठ दर्द ने आपको कितना परेशान किया?",
            ),
        ),
    },
    i.RECURRENCE: {
        "title": ("Has the back pain come back?", "क्या पीठ दर्द लौट आया?"),
        "intro": (
            "You reached the plan's goal. Every four weeks we ask two questions about "
            "the last four weeks.",
            "आप योजना के लक्ष्य तक पहुँच गए। हर चार हफ़्ते हम पिछले चार हफ़्तों के बारे में दो सवाल पूछते हैं।",
        ),
        "items": (
            (
                "In the last 4 weeks, did back pain stop you doing your usual activities "
                "for at least one day?",
                "पिछले 4 हफ़्तों में, क्या पीठ दर्द ने आपको कम से कम एक दिन अपने रोज़ के काम करने से रोका?",
            ),
            (
                "In the last 4 weeks, did you see a doctor, physiotherapist or other health "
                "worker about your back?",
                "पिछले 4 हफ़्तों में, क्या आपने अपनी पीठ के लिए किसी डॉक्टर, फ़िज़ियोथेरेपिस्ट या "
                "दूसरे स्वास्थ्यकर्मी को दिखाया?",
            ),
        ),
    },
}


def options_for(slug: str, number: int):
    """(value, English, Hindi) for each answer of item `number`."""
    scale = i.scale_of(slug, number)
    return {"yes-no": YES_NO, "agree": AGREE, "bother": BOTHER}[scale]

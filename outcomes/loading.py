"""Put the shipped questionnaires in the database: add what is missing and
never change a row that exists (an admin may have edited its wording)."""

from outcomes import content, instruments


def load_shipped(questionnaire_model, item_model, option_model) -> int:
    """Create missing questionnaires, items and options (models passed in so
    a data migration can use its historical ones). Returns rows created."""
    created = 0
    for slug, data in content.QUESTIONNAIRES.items():
        questionnaire, made = questionnaire_model.objects.get_or_create(
            slug=slug,
            defaults={
                "title": data["title"][0],
                "title_hi": data["title"][1],
                "intro": data["intro"][0],
                "intro_hi": data["intro"][1],
            },
        )
        created += made
        for number, (english, hindi) in enumerate(data["items"], start=1):
            item, made = item_model.objects.get_or_create(
                questionnaire=questionnaire,
                number=number,
                defaults={"text": english, "text_hi": hindi},
            )
            created += made
            for position, (value, en, hi) in enumerate(content.options_for(slug, number)):
                _option, made = option_model.objects.get_or_create(
                    item=item,
                    value=value,
                    defaults={
                        "text": en,
                        "text_hi": hi,
                        "position": position,
                        "score": instruments.option_score(slug, number, value),
                    },
                )
                created += made
    return created

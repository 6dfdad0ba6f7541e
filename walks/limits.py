"""The limits of one diary entry, in one place. The database's check
constraints, the forms, the write services, the importers and the API all
read these, so a change here changes every door at once."""

PAIN_MIN, PAIN_MAX = 0, 10  # the 0-10 numeric rating scale
MINUTES_MIN, MINUTES_MAX = 1, 300  # one walk; two short walks are two entries
NOTES_MAX = 1000  # characters in an entry's notes
NOTE_FIELD_MAX = 500  # a short note beside a record (a doctor visit)


def pain_in_range(value) -> bool:
    return isinstance(value, int) and PAIN_MIN <= value <= PAIN_MAX

"""Strings of Django, allauth and Wagtail that the Italian interface words
otherwise, or that their own catalogues lack. Named here so that `makemessages`
keeps them in `lms/locale`, whose entries take precedence over the packages'
(LOCALE_PATHS). Nothing calls this module.

- Month names: Italian writes them in lower case ("2 dicembre 2026").
- allauth: messages that do not assume the reader's gender ("Accesso effettuato
  come …", not "Ti sei collegato come …").
- Wagtail: "Snippets" in Italian, the listing counts ("1-6 di 6 pagine")
  its Italian catalogue lacks, and a failed create, which it words
  "%(model_name)snon può essere creato" (no space, and masculine whatever the
  object): here as it words a failed save, "Impossibile creare …"; and a
  language's failed save, "… perche sono presenti errori." (no accent); and
  the empty choice of a block's optional choice ("- Select an option -");
  and an empty list, which it words "Non c'è nessun modelli di certificato"
  (a singular article before the plural name): here as its search words it,
  "Non ci sono … da mostrare", and an offer that fits either gender.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]
MONTHS_IN_DATES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
ALLAUTH = [
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You are already logged in as %(user_display)s."),
    gettext_noop("You have signed out."),
    gettext_noop("Are you sure you want to sign out?"),
]
WAGTAIL = [
    gettext_noop("Snippets"),
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across "
        "entire site."
    ),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in "
        "'<span class=\"w-title-ellipsis\">%(title)s</span>'."
    ),
    gettext_noop("The %(model_name)s could not be created due to errors."),
    gettext_noop("The locale could not be saved due to errors."),
    gettext_noop("- Select an option -"),
    gettext_noop(
        "There are no %(model_name)s to display. Why not "
        '<a href="%(add_url)s">add one</a>?'
    ),
]

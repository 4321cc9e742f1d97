"""What a browser sends with a form as the page shows it, for tests that
submit a real edit form (Wagtail's admin, the user editor) with a change."""

from html.parser import HTMLParser


class _FormValues(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self._select = None
        self._selected = False
        self._multiple = False
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if (
            tag == "input"
            and name
            and a.get("type") not in ("submit", "button", "file")
        ):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.values.append((name, a.get("value", "on")))
                return
            self.values.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select, self._selected = name, False
            self._multiple = "multiple" in a
        elif tag == "option" and self._select and "selected" in a:
            self._selected = True
            self.values.append((self._select, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self.values.append((name, ""))

    def handle_endtag(self, tag):
        if tag == "select":
            # A browser sends nothing for a multiple choice left empty.
            if self._select and not self._selected and not self._multiple:
                self.values.append((self._select, ""))
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            name, text = self.values[-1]
            self.values[-1] = (name, text + data)


def form_values(html: str) -> list[tuple[str, str]]:
    """Every field's name and value, in page order: checked boxes only,
    buttons and file inputs left out, an unselected list sent empty
    (a multiple one not sent at all, as a browser does)."""
    parser = _FormValues()
    parser.feed(html)
    parser.close()
    return parser.values

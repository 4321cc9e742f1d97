"""Wagtail's admin pages as a reader sees them: the messages at the top of a
page, and a listing's rows with the words of each cell under its column's
heading."""

import html
import re


def words(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def admin_messages(page: str) -> list[str]:
    """The messages at the top of the page, in words (without the "go to the
    first error" button an error message carries, hidden until scripts count
    the errors)."""
    area = page.split('class="messages"', 1)[1].split("</ul>", 1)[0]
    area = re.sub(r"<button\b.*?</button>", " ", area, flags=re.S)
    return [words(item) for item in re.findall(r"<li\b.*?</li>", area, re.S)]


def listing(page: str, *, markup: bool = False) -> dict[str, dict[str, str]]:
    """Each row's title -> {column heading: the cell's words (its HTML when
    `markup`)}."""
    table = page.split('<table class="listing', 1)[1].split("</table>", 1)[0]
    head, body = table.split("<tbody", 1)
    headings = [words(h) for h in re.findall(r"<th\b[^>]*>(.*?)</th>", head, re.S)]
    rows = {}
    for row in re.findall(r"<tr\b[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td\b[^>]*>(.*?)</td>", row, re.S)
        assert len(cells) == len(headings), (headings, cells)
        title = html.unescape(re.search(r'_title">([^<]+)<', row).group(1)).strip()
        shown = cells if markup else [words(cell) for cell in cells]
        rows[title] = dict(zip(headings, shown, strict=True))
    return rows

"""Columns of the admin's listings that Wagtail does not have."""

from wagtail.admin.ui.tables import StatusTagColumn

__all__ = ["FlagColumn"]


class FlagColumn(StatusTagColumn):
    """A yes/no field of a listing in words, in the admin's status tags, not
    the field's bare True/False: `yes` in a primary tag, `no` in a plain one.
    With `no_as_dash` (where "no" is everyone else, as for "not the default
    template") the eye sees a dash, so that only the rows that say yes stand
    out, and a screen reader, to which the dash means nothing, hears `no`."""

    cell_template_name = "includes/flag_cell.html"

    def __init__(self, name, *, label, yes, no, no_as_dash=False, **kwargs):
        super().__init__(
            name,
            label=label,
            accessor=lambda obj: yes if getattr(obj, name) else no,
            sort_key=name,
            primary=lambda obj: bool(getattr(obj, name)),
            **kwargs,
        )
        self.no_as_dash = no_as_dash

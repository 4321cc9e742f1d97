"""Wagtail's group admin, showing the product's roles by their name in the
interface language: the groups keep their stored (English) names, which the
code and the data migrations rely on."""

from wagtail.admin.ui.tables import TitleColumn
from wagtail.users.views import groups

from .roles import role_label


class IndexView(groups.IndexView):
    columns = [
        TitleColumn(
            "name",
            label=groups.IndexView.columns[0].label,
            accessor=role_label,
            sort_key="name",
            url_name="wagtailusers_groups:edit",
        ),
    ]


class EditView(groups.EditView):
    def get_page_subtitle(self):
        return role_label(self.object)


class DeleteView(groups.DeleteView):
    def get_page_subtitle(self):
        return role_label(self.object)


class RoleGroupViewSet(groups.GroupViewSet):
    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView

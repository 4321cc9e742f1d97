from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock
from .translation import TranslatedTreeMixin


class HomePage(TranslatedTreeMixin, Page):
    intro = RichTextField(_("introduzione"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("contenuto"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseCatalogPage"]
    # One home per content language: the English home is the Italian one's
    # translation, the root of the English tree.
    max_count = 2

    class Meta:
        verbose_name = _("pagina iniziale")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Its children are the catalogues (subpage_types).
        context["catalogues"] = self.get_children().live().public().order_by("path")
        return context

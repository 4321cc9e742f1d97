from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from wagtail import hooks

from .media import media_visible_to
from .ranges import serve_byte_range


@hooks.register("before_serve_document")
def serve_documents_to_their_readers(document, request):
    """Wagtail serves documents through its own view (`WAGTAILDOCS_SERVE_METHOD
    = "serve_view"`) and asks this hook first: a module's document goes to the
    module's learners only, a quiz question's recording to who may take the
    quiz, a document nothing uses to its managers only."""
    if media_visible_to(request.user, document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


# Last in line (Wagtail's own restriction check has order 0, the access check
# above the default): only a request every access check let through gets a
# part of the file.
hooks.register("before_serve_document", serve_byte_range, order=1000)

import mimetypes

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from wagtail.images import get_image_model

from .media import media_visible_to
from .selectors import MAX_QUERY_LENGTH, search_training


def search(request):
    """Double quotes are dropped: the search is plain words (no phrases), and
    Wagtail's SQLite backend passes a lone quote to FTS5 unescaped, an error
    (wagtail/wagtail#13227) that reached the learner as a 503."""
    query = request.GET.get("q", "").replace('"', " ").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        results = search_training(query=query, page_number=request.GET.get("page"))
    return render(request, "content/search.html", {"query": query, "results": results})


def serve_rendition(request, name: str):
    """An image rendition from the media storage, to those who may see it
    (`content.media`): a rendition of a module's image is for the module's
    learners, one of a public page's image for everyone.

    Renditions are written to the media storage under `images/`; with the
    file system (the default in production) nothing else serves that folder,
    so this is how learners get the images of their modules. With object
    storage the rendition's URL is the storage's own short-lived signed URL and
    this view is not used."""
    rendition = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(file=f"images/{name}")
        .select_related("image")
        .first()
    )
    if rendition is None:
        raise Http404
    if not media_visible_to(request.user, rendition.image):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    try:
        handle = rendition.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=_image_type(name))
    # Private: a shared cache must not hand a restricted image to others.
    patch_cache_control(response, private=True, max_age=3600)
    return response


def _image_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"

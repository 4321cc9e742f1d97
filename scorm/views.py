import mimetypes
import posixpath

from csp.decorators import csp_replace
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from content.media import media_visible_to

from .models import ScormPackage

# SCORM content comes from authoring tools that write inline scripts and styles
# and use eval; it runs only inside the module page's frame (same origin, so
# the runtime is found at window.parent.API). Everything else stays as the
# site's policy: our origin only, nothing from outside, no plugins.
PACKAGE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}


@require_safe
@cache_control(private=True, max_age=3600)
@csp_replace(PACKAGE_POLICY)
def serve_file(request, key, name: str):
    """One file of a package, to the people who may read a module that uses it
    (`content.media`: the learners enrolled in its course) and to those who
    manage packages. The name is a path inside the package's folder."""
    package = get_object_or_404(ScormPackage, key=key)
    if not media_visible_to(request.user, package):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    parts = name.split("/")
    if not name or name.startswith("/") or "\\" in name or ".." in parts:
        raise Http404
    path = posixpath.join(package.folder, name)
    try:
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, IsADirectoryError, ValueError):
        raise Http404 from None
    content_type, encoding = mimetypes.guess_type(name)
    response = FileResponse(
        handle, content_type=content_type or "application/octet-stream"
    )
    if encoding:
        response.headers["Content-Encoding"] = encoding
    return response

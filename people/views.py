from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from courses.selectors import published_courses

from .forms import TrainingStatusFilter
from .selectors import people_for_hr, training_status_page
from .services import user_set_language


@login_required
def training_status(request):
    # Learners and trainers get a 403, not a login loop.
    if not request.user.has_perm("people.view_training_status"):
        raise PermissionDenied
    filters = TrainingStatusFilter(request.GET or None)
    department = search = course = None
    if filters.is_valid():
        department = filters.cleaned_data["department"]
        search = filters.cleaned_data["q"]
        course = filters.cleaned_data["course"]
    courses = [course] if course else list(published_courses())
    page, cells = training_status_page(
        courses=courses,
        people=people_for_hr(department=department, search=search or ""),
        page_number=request.GET.get("page"),
    )
    rows = [
        (person, [cells.get((person.pk, c.pk)) for c in courses])
        for person in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "people/training_status.html",
        {
            "filters": filters,
            "courses": courses,
            "rows": rows,
            "page": page,
            "query": query.urlencode(),
        },
    )


@require_POST
def set_language(request):
    """Switch the interface language, and remember it on the person's profile."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            user_set_language(user=request.user, language=language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response

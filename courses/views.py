from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from . import selectors, services
from .models import CoursePage, ModulePage


@login_required
def my_training(request):
    from certificates.selectors import certificates_of

    return render(
        request,
        "courses/my_training.html",
        {
            "progress_list": selectors.learner_courses(user=request.user),
            "certificates": certificates_of(user=request.user),
            "catalogues": selectors.catalogue_pages(),
        },
    )


@login_required
@require_POST
def enrol(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        services.enrollment_create(user=request.user, course=course)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, services.ENROLLED.format(title=course.title))
    return redirect(course.url)


@login_required
@require_POST
def complete_module(request, module_id: int):
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    try:
        services.module_complete(user=request.user, module=module)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _messages_of(error))
        return redirect(selectors.course_of_module(module=module).url)
    context = selectors.module_context(module=module, user=request.user)
    if context["next_module"] is not None:
        return redirect(context["next_module"].url)
    return redirect(context["course"].url)


@login_required
def resume(request, course_id: int):
    """ "Continue": straight to the next thing to do in a course."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    progress = selectors.user_course_progress(user=request.user, course=course)
    return redirect(selectors.resume_url(progress=progress))


def serve_module(module: ModulePage, request):
    """Let only enrolled learners read a module; everyone else is sent where they
    can enrol or sign in. The context built for the check serves the page too."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    context = selectors.module_context(module=module, user=request.user)
    if context["progress"].enrollment is None:
        messages.info(request, services.NOT_ENROLLED)
        return redirect(context["course"].url)
    if context["lock"] is not None:
        # Locked content is refused on the server, with the reason and the page
        # that opens it, not merely hidden from the menus.
        return TemplateResponse(
            request,
            "courses/locked.html",
            {"page": module, **context},
            status=403,
        )
    return TemplateResponse(
        request,
        module.get_template(request),
        module.get_context(request, module_context=context),
    )


def _messages_of(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)

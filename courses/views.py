import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from certificates.selectors import certificates_of
from content.translation import present, present_one, source_of

from . import selectors, services
from .models import CoursePage, Enrollment, ModulePage

MODULE_DONE_NEXT = gettext_lazy("Modulo «{done}» completato. Prosegui con «{next}».")
MODULES_DONE_QUIZ_OPEN = gettext_lazy(
    "Hai completato tutti i moduli: il quiz finale è aperto, lo trovi qui sotto."
)
MODULES_DONE = gettext_lazy("Modulo «{done}» completato.")


@login_required
def my_training(request):
    return render(
        request,
        "courses/my_training.html",
        {
            "title": _("La mia formazione"),
            "tasks": selectors.learner_tasks(user=request.user),
            "progress_list": selectors.with_covers(
                selectors.present_courses(selectors.learner_courses(user=request.user))
            ),
            "certificates": certificates_of(user=request.user),
            "catalogues": selectors.catalogue_pages(),
        },
    )


@login_required
@require_POST
def enrol(request, course_id: int):
    # A translated course's button enrols in the original, the course record.
    course = source_of(get_object_or_404(CoursePage.objects.live(), pk=course_id))
    try:
        services.enrollment_create(user=request.user, course=course)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, services.ENROLLED.format(title=present_one(course).title)
        )
    return redirect(course.url)


@login_required
@require_POST
def complete_module(request, module_id: int):
    module = source_of(selectors.live_module(module_id=module_id))
    if module is None:
        raise Http404
    try:
        completion = services.module_complete(user=request.user, module=module)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _messages_of(error))
        if getattr(error, "code", None) == "knowledge_checks":
            return redirect(module.url)
        return redirect(selectors.course_of_module(module=module).url)
    following = selectors.module_after(module=module)
    # Titles and the next page in the learner's language.
    shown, following_shown = present([module, following])
    if following is not None:
        messages.success(
            request,
            MODULE_DONE_NEXT.format(done=shown.title, next=following_shown.title),
        )
        return redirect(following_shown.url)
    # The progress the completion worked out under its lock, module included.
    progress = completion.progress
    if progress.quiz_state == selectors.QuizState.OPEN:
        messages.success(request, MODULES_DONE_QUIZ_OPEN)
    else:
        messages.success(request, MODULES_DONE.format(done=shown.title))
    return redirect(present_one(progress.course).url)


@login_required
def resume(request, course_id: int):
    """ "Continue": straight to the next thing to do in a course."""
    course = source_of(get_object_or_404(CoursePage.objects.live(), pk=course_id))
    progress = selectors.user_course_progress(user=request.user, course=course)
    return redirect(selectors.resume_url(progress=progress))


@login_required
@require_POST
def answer_knowledge_check(request, module_id: int, block_id: str):
    """Record an answer; reply with the option's feedback as JSON to the page's
    script, or send the browser back to the check when it posted the form.
    The answer is the original module's (a translation keeps its checks, by
    block id); the feedback is the one the learner read."""
    shown = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    module = source_of(shown)
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        option_index = int(request.POST.get("option", ""))
    except ValueError:
        option_index = -1
    try:
        response = services.knowledge_check_answer(
            user=request.user,
            module=module,
            block_id=block_id,
            option_index=option_index,
        )
    except (ValidationError, PermissionDenied) as error:
        if wants_json:
            status = 403 if isinstance(error, PermissionDenied) else 400
            return JsonResponse({"error": _messages_of(error)}, status=status)
        messages.error(request, _messages_of(error))
        return redirect(f"{shown.url}#kc-{block_id}")
    if wants_json:
        block = _block_as_shown(shown, module, "knowledge_check", block_id)
        option = block.value["options"][response.option_index]
        verdict = (
            _("Risposta corretta.")
            if response.is_correct
            else _("Risposta non corretta: riprova.")
        )
        return JsonResponse(
            {
                "correct": response.is_correct,
                "verdict": verdict,
                "feedback": option["feedback"],
            }
        )
    return redirect(f"{shown.url}#kc-{block_id}")


@login_required
@require_POST
def scenario_choose(request, module_id: int, block_id: str):
    """A reply (or a fresh start) in a module's scenario. The page's script gets
    the scenario as it now stands, as HTML to put in place; without JavaScript
    the browser goes back to the scenario on the module page. The run is the
    original module's (a translation keeps its scenarios' steps)."""
    shown = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    module = source_of(shown)
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        if request.POST.get("restart"):
            services.scenario_restart(
                user=request.user, module=module, block_id=block_id
            )
        else:
            try:
                choice_index = int(request.POST.get("choice", ""))
            except ValueError:
                choice_index = -1
            services.scenario_choose(
                user=request.user,
                module=module,
                block_id=block_id,
                step_key=request.POST.get("step", ""),
                choice_index=choice_index,
            )
    except (ValidationError, PermissionDenied) as error:
        if wants_json:
            status = 403 if isinstance(error, PermissionDenied) else 400
            payload = {"error": _messages_of(error)}
            if status == 400 and selectors.body_block(
                block_type="scenario", module=module, block_id=block_id
            ):
                payload["html"] = _scenario_html(request, shown, block_id)
            return JsonResponse(payload, status=status)
        messages.error(request, _messages_of(error))
        return redirect(f"{shown.url}#sc-{block_id}")
    if wants_json:
        return JsonResponse({"html": _scenario_html(request, shown, block_id)})
    return redirect(f"{shown.url}#sc-{block_id}")


SCORM_BAD_DATA = gettext_lazy(
    "I dati inviati dal contenuto SCORM non sono validi: ricarica la pagina del modulo."
)
SCORM_MAX_BODY = 256 * 1024


@login_required
@require_POST
def scorm_commit(request, module_id: int, block_id: str):
    """The SCORM runtime's commits (JSON, with the CSRF header): the learner's
    own data for one package block of a module. The answer is what the runtime
    expects (`result`, `errorCode`) and, once the module is complete, where to
    go next."""
    module = source_of(get_object_or_404(ModulePage.objects.live(), pk=module_id))
    if len(request.body) > SCORM_MAX_BODY:
        return JsonResponse(
            {"result": "false", "errorCode": 101, "error": str(SCORM_BAD_DATA)},
            status=400,
        )
    try:
        payload = json.loads(request.body or b"null")
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        return JsonResponse(
            {"result": "false", "errorCode": 101, "error": str(SCORM_BAD_DATA)},
            status=400,
        )
    try:
        _record, done = services.scorm_commit(
            user=request.user, module=module, block_id=block_id, payload=payload
        )
    except PermissionDenied as error:
        return JsonResponse(
            {"result": "false", "errorCode": 101, "error": _messages_of(error)},
            status=403,
        )
    except ValidationError as error:
        return JsonResponse(
            {"result": "false", "errorCode": 101, "error": _messages_of(error)},
            status=404,
        )
    answer = {"result": "true", "errorCode": 0, "module_done": done}
    if done:
        following = selectors.module_after(module=module)
        course = selectors.course_of_module(module=module)
        course, following = present([course, following])
        answer["course_url"] = course.url
        if following is not None:
            answer["next_url"] = following.url
            answer["next_title"] = following.title
    return JsonResponse(answer)


def _block_as_shown(shown: ModulePage, module: ModulePage, block_type, block_id):
    """The block in the page the learner reads (a translation keeps the
    original's block ids), else in the original, where the answer is kept."""
    return selectors.body_block(
        block_type=block_type, module=shown, block_id=block_id
    ) or selectors.body_block(block_type=block_type, module=module, block_id=block_id)


def _scenario_html(request, shown: ModulePage, block_id: str) -> str:
    """The scenario block as the module page shows it to this learner now: the
    page they read, with their runs of the original's scenario."""
    module = source_of(shown)
    block = _block_as_shown(shown, module, "scenario", block_id)
    enrollment = Enrollment.objects.filter(
        user=request.user,
        course=selectors.course_of_module(module=module),
        removed_at__isnull=True,
    ).first()
    return block.render_as_block(
        {
            "page": shown,
            "request": request,
            "csrf_token": get_token(request),
            "scenario_runs": selectors.scenario_runs(
                enrollment=enrollment, module=module
            ),
        }
    )


def _messages_of(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)

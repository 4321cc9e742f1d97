"""Pages of observed practice. Every view asks `selectors` who may see or
score what: another person's observation is a 404, a page for observers is a
403 to whoever observes nobody."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from people.models import Department

from . import selectors, services
from .forms import (
    AcknowledgeForm,
    NewObservationForm,
    ObservationForm,
    ResultsFilterForm,
)
from .models import Observation

SAVED = _("Bozza salvata.")
SUBMITTED_PASSED = _("Osservazione inviata: superata ({score}%).")
SUBMITTED_FAILED = _("Osservazione inviata: non superata ({score}%).")
ACKNOWLEDGED = _("Hai preso visione dell'osservazione.")

# Geometry of the trend charts (the template's viewBox is 0 0 320 130, its
# axes drawn to these numbers): the last dot stands far enough from the right
# edge for the day centred under it ("07/12", about 30 units wide).
CHART_LEFT, CHART_RIGHT, CHART_TOP, CHART_BOTTOM = 36, 294, 10, 110


def _errors(error: ValidationError) -> list[str]:
    return list(error.messages)


def _chart(points: list) -> dict:
    """A small line chart of one parameter over time: x by order of the
    observations (evenly spaced), y the percentage."""
    count = len(points)
    width = CHART_RIGHT - CHART_LEFT
    dots = []
    for index, (day, value) in enumerate(points):
        x = CHART_LEFT + (width * index / (count - 1) if count > 1 else width / 2)
        y = CHART_BOTTOM - (CHART_BOTTOM - CHART_TOP) * value / 100
        dots.append({"x": round(x, 1), "y": round(y, 1), "day": day, "value": value})
    return {
        "dots": dots,
        "line": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "last": points[-1][1] if points else None,
    }


@login_required
def mine(request):
    """The agent's observations, their trend per parameter and, for whoever
    observes others, the way to their to-do list."""
    observations = selectors.agent_observations(agent=request.user)
    trends = [
        {"group": series["group"], **_chart(series["points"])}
        for series in selectors.trends(observations)
    ]
    return render(
        request,
        "observations/mine.html",
        {
            "title": _("Le mie osservazioni"),
            "observations": observations,
            "trends": trends,
            "observer": selectors.may_observe_anyone(observer=request.user),
            "results": selectors.results_scope(user=request.user) is not None,
        },
    )


def _observer_only(request):
    if not selectors.may_observe_anyone(observer=request.user):
        raise PermissionDenied


@login_required
def todo(request):
    """ "Da osservare": agents waiting for a required observation, the
    observer's drafts, and a new observation of anyone they may observe."""
    _observer_only(request)
    checklists = selectors.live_checklists()
    return render(
        request,
        "observations/todo.html",
        {
            "title": _("Da osservare"),
            "waiting": selectors.waiting_agents(observer=request.user),
            "drafts": selectors.drafts_of(observer=request.user),
            "form": NewObservationForm(
                agents=selectors.observable_agents(observer=request.user),
                checklists=checklists,
                initial={"agent": request.GET.get("agent")},
            ),
            "default_checklist": checklists.first(),
            "has_checklist": checklists.exists(),
        },
    )


@login_required
@require_POST
def new(request):
    _observer_only(request)
    form = NewObservationForm(
        request.POST,
        agents=selectors.observable_agents(observer=request.user),
        checklists=selectors.live_checklists(),
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("observations:todo")
    try:
        observation = services.observation_create(
            observer=request.user,
            agent=form.cleaned_data["agent"],
            checklist=form.cleaned_data["checklist"],
            context=form.cleaned_data["context"],
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("observations:todo")
    return redirect("observations:detail", observation.pk)


@login_required
def detail(request, observation_id: int):
    """A draft is its observer's form (save, submit); anything else is read
    only, with the agent's acknowledgement when it is theirs to give."""
    observation = get_object_or_404(
        selectors.observations_visible_to(user=request.user), pk=observation_id
    )
    if observation.is_draft:
        if observation.observer_id != request.user.pk:
            raise Http404
        return _edit(request, observation)
    return render(
        request,
        "observations/detail.html",
        {
            "observation": observation,
            "sections": _sections(observation),
            "acknowledge": (
                AcknowledgeForm()
                if observation.agent_id == request.user.pk
                and observation.state == Observation.State.SUBMITTED
                else None
            ),
        },
    )


def _sections(observation: Observation) -> list[dict]:
    sections = []
    for group in observation.groups:
        sections.append(
            {
                "group": group,
                "result": observation.group_results.get(group),
                "comment": observation.group_comments.get(group, ""),
                "criteria": [
                    {
                        **criterion,
                        "score": observation.scores.get(criterion["key"]),
                        "below": criterion.get("critical")
                        and observation.scores.get(criterion["key"], 0)
                        < criterion.get("min", 0),
                    }
                    for criterion in observation.criteria
                    if criterion["group"] == group
                ],
            }
        )
    return sections


def _edit(request, observation: Observation):
    errors = []
    if request.method == "POST":
        form = ObservationForm(request.POST, observation=observation)
        if form.is_valid():
            submit = request.POST.get("action") == "submit"
            service = (
                services.observation_submit
                if submit
                else services.observation_save_draft
            )
            try:
                observation = service(
                    observation=observation,
                    observer=request.user,
                    **form.service_fields(),
                )
            except ValidationError as error:
                errors = _errors(error)
            else:
                if not submit:
                    messages.success(request, SAVED)
                    return redirect("observations:detail", observation.pk)
                message = SUBMITTED_PASSED if observation.passed else SUBMITTED_FAILED
                messages.success(
                    request, str(message).format(score=f"{observation.score:.0f}")
                )
                return redirect("observations:todo")
    else:
        form = ObservationForm(observation=observation)
    return render(
        request,
        "observations/form.html",
        {
            "title": _("Osservazione di %(name)s")
            % {"name": observation.agent.full_name},
            "observation": observation,
            "form": form,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def acknowledge(request, observation_id: int):
    observation = get_object_or_404(
        Observation.objects.exclude(state=Observation.State.DRAFT),
        pk=observation_id,
        agent=request.user,
    )
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            services.observation_acknowledge(
                observation=observation,
                agent=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, ACKNOWLEDGED)
    else:
        messages.error(request, " ".join(form.errors.get("comment", [])))
    return redirect("observations:detail", observation.pk)


@login_required
def results(request):
    """Per parameter, the average of the submitted observations across the
    people the reader may see (a team leader's team; HR and trainers anyone,
    by department), worst first: where training is needed most."""
    people = selectors.results_scope(user=request.user)
    if people is None:
        raise PermissionDenied
    form = ResultsFilterForm(
        request.GET or None,
        departments=Department.objects.filter(
            pk__in=people.values("department_id")
        ).order_by("name"),
    )
    since = None
    if form.is_valid():
        if form.cleaned_data["department"] is not None:
            people = people.filter(department=form.cleaned_data["department"])
        since = form.cleaned_data["since"]
    rows = selectors.parameter_results(people=people, since=since)
    return render(
        request,
        "observations/results.html",
        {"title": _("Risultati per parametro"), "form": form, "rows": rows},
    )

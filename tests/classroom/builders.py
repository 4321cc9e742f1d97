"""Sessions for the tests, made through the model (trainers make them in the
admin)."""

from datetime import timedelta

from django.utils import timezone

from classroom.models import Session, SessionRequirement


def make_session(course, trainer, *, days=7, hours=2, capacity=2, **fields):
    start = (timezone.now() + timedelta(days=days)).replace(
        minute=0, second=0, microsecond=0
    )
    fields.setdefault("title", "Accoglienza al banco")
    fields.setdefault("place", "Aula 3, Via Roma 1, Milano")
    session = Session(
        course=course,
        trainer=trainer,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        capacity=capacity,
        **fields,
    )
    session.full_clean()
    session.save()
    return session


def require_session(course):
    return SessionRequirement.objects.create(course=course, required=True)

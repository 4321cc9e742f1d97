"""How courses react to the signals of the apps below."""

from django.dispatch import receiver

from people import signals as people_signals
from people.models import User
from quizzes import signals as quizzes_signals

from . import signals
from .models import Enrollment
from .selectors.hours import module_hours
from .services import assignment_rules_apply


@receiver(people_signals.people_changed, dispatch_uid="courses_rules_for_people")
def people_changed(sender, user_ids, created_ids, roles_added_ids, **kwargs):
    """`people.signals.people_changed`: new people, and people who gained a role,
    get the courses the rules give them at once; other changes (department, hire
    date) are caught by the daily job."""
    matched = set(created_ids) | set(roles_added_ids)
    if matched:
        assignment_rules_apply(users=User.objects.filter(pk__in=matched))


@receiver(signals.training_hours, dispatch_uid="courses_module_hours")
def training_hours(sender, user_ids, start, end, course_ids=None, **kwargs):
    """`courses.signals.training_hours`: the modules completed in the period."""
    return module_hours(user_ids=user_ids, start=start, end=end, course_ids=course_ids)


@receiver(quizzes_signals.quiz_takers, dispatch_uid="courses_final_quiz_takers")
def final_quiz_takers(sender, user, quiz_ids, **kwargs):
    """`quizzes.signals.quiz_takers`: a live course's final quiz is for the
    learners enrolled in the course (`quiz_views.CourseQuizView`), whether or
    not their modules have opened it yet, as a module's files are for its
    course's learners. Enrolments name the original course, whose quiz the
    page takes in either language."""
    return Enrollment.objects.filter(
        user=user,
        removed_at__isnull=True,
        course__live=True,
        course__quiz_id__in=quiz_ids,
    ).exists()

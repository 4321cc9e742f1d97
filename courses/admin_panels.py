"""The trainer's panel on the admin dashboard (Wagtail's
`construct_homepage_panels`): what they left as drafts, and how each published
course is going. What awaits review is on Wagtail's own panels."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from .selectors.dashboard import published_course_figures, user_drafts


def sees_trainer_panel(user) -> bool:
    # Whoever writes quizzes reads their item analysis, which the panel shows.
    return user.is_active and user.has_perm("quizzes.change_quiz")


class TrainerDashboardPanel(Component):
    name = "trainer_dashboard"
    template_name = "courses/admin/trainer_dashboard.html"
    order = 150

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        courses = published_course_figures()
        for entry in courses:
            entry.analysis_url = (
                reverse("quiz_item_analysis", args=[entry.course.quiz_id])
                if entry.course.quiz_id
                else ""
            )
        context.update(
            request=request,
            drafts=user_drafts(user=request.user),
            courses=courses,
        )
        return context

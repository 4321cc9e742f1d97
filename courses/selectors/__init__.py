"""Reads for the learning pages, one module per page, over the progress queries
(`selectors.progress`) and the pure rules (`courses.progress`).

The names below are the package's public surface for the apps above `courses`.
"""

from ..progress import (
    CourseProgress,
    Lock,
    ModuleState,
    QuizState,
    Requirement,
    Status,
)
from .assignments import (
    AssignmentRow,
    assignable_courses,
    course_assignments,
    published_courses,
)
from .course import (
    CourseOverview,
    ModuleRow,
    as_new_learner,
    catalogue_courses,
    catalogue_pages,
    course_modules,
    course_overview,
    course_overview_as_new_learner,
    module_rows,
    with_covers,
)
from .home import learner_courses, resume_url
from .module import (
    course_of_module,
    knowledge_answers,
    knowledge_check,
    knowledge_check_ids,
    live_module,
    module_after,
    module_context,
    scenario_block,
    scenario_ids,
    scenario_runs,
    scenarios_finished,
)
from .progress import (
    cycle_completed_ids,
    enrollment_progress,
    live_modules_by_course_path,
    passed_final_attempts,
    passing_attempt,
    progress_for,
    progress_matrix,
    user_course_progress,
    with_prerequisite_flag,
)
from .scenarios import modules_with_scenarios, scenario_summary

__all__ = [
    "AssignmentRow",
    "CourseOverview",
    "CourseProgress",
    "Lock",
    "ModuleRow",
    "ModuleState",
    "QuizState",
    "Requirement",
    "Status",
    "as_new_learner",
    "assignable_courses",
    "catalogue_courses",
    "catalogue_pages",
    "course_assignments",
    "course_modules",
    "course_of_module",
    "course_overview",
    "course_overview_as_new_learner",
    "cycle_completed_ids",
    "enrollment_progress",
    "knowledge_answers",
    "knowledge_check",
    "knowledge_check_ids",
    "learner_courses",
    "live_module",
    "live_modules_by_course_path",
    "module_after",
    "module_context",
    "module_rows",
    "modules_with_scenarios",
    "passed_final_attempts",
    "passing_attempt",
    "progress_for",
    "progress_matrix",
    "published_courses",
    "resume_url",
    "scenario_block",
    "scenario_ids",
    "scenario_runs",
    "scenario_summary",
    "scenarios_finished",
    "user_course_progress",
    "with_covers",
    "with_prerequisite_flag",
]

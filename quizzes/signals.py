"""Quizzes' signal, declared once."""

from lms.events import Event

attempt_graded = Event()
"""Sent after an attempt was graded and the grading committed, with `attempt`
(its `passed`, `score` and `course_id` set) and `sender="quizzes"`. Receivers
react to the outcome (a notice to the learner after a failed attempt); a
receiver that fails is logged and undoes nothing."""

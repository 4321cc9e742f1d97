"""Quizzes' signals, declared once."""

from django.dispatch import Signal

from lms.events import Event

attempt_graded = Event()
"""Sent after an attempt was graded and the grading committed, with `attempt`
(its `passed`, `score` and `course_id` set) and `sender="quizzes"`. Receivers
react to the outcome (a notice to the learner after a failed attempt); a
receiver that fails is logged and undoes nothing."""

quiz_takers = Signal()
"""A hook, sent when quizzes must know whether a person may take one of some
quizzes (to hand them the recording of a question those quizzes ask), with
`user` (signed in) and `quiz_ids` (live quizzes). Each app that offers quizzes
through its pages (a course's final quiz, a policy review) returns True when
the person may open one of them there, by the rule those pages apply; anything
else counts as no. Receivers only read, and never raise."""

"""Benchmark: grade and store one quiz attempt.

    .venv/bin/python bench/quiz_grading.py [--runs 30]
    DATABASE_URL=postgres://... .venv/bin/python bench/quiz_grading.py

Creates a throw-away test database (SQLite in memory unless DATABASE_URL says
otherwise), builds quizzes of 5, 20 and 40 mixed questions, and for each runs
`attempt_submit` (save every answer, grade, store, audit) on fresh attempts.
Prints the median time and the number of queries; the query count must be the
same whatever the number of questions.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")


def main() -> int:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from courses.services import enrollment_create
        from quizzes.services import attempt_start, attempt_submit
        from tests.builders import (
            make_course,
            make_question,
            make_quiz,
            make_site,
            make_user,
            right_response,
        )

        kinds = [
            ("single", [("A", True), ("B", False), ("C", False)]),
            ("multiple", [("A", True), ("B", True), ("C", False)]),
            ("true_false", [("Vero", True), ("Falso", False)]),
            ("short_text", [("Riepilogo", True)]),
            ("ordering", [("Uno", True), ("Due", True), ("Tre", True)]),
            ("matching", [("A", True, "1"), ("B", True, "2"), ("C", True, "3")]),
            ("scenario", [("Bene", True), ("Male", False)]),
        ]
        catalogue = make_site()
        results = {}
        for size in (5, 20, 40):
            questions = [
                make_question(f"Q{size}-{n}", *kinds[n % len(kinds)])
                for n in range(size)
            ]
            quiz = make_quiz(title=f"Bench {size}", questions=questions)
            course = make_course(catalogue, title=f"Bench {size}", modules=0, quiz=quiz)
            times, counts = [], set()
            for run in range(args.runs):
                user = make_user(f"bench{size}-{run}@test.it")
                enrollment_create(user=user, course=course)
                attempt = attempt_start(user=user, quiz=quiz, course=course)
                responses = {}
                for answer in attempt.answers.all():
                    for name, value in right_response(answer).items():
                        if "-" in name:
                            responses.setdefault(answer.position, {})[
                                name.split("-", 1)[1]
                            ] = value
                        else:
                            responses[answer.position] = value
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    graded = attempt_submit(attempt=attempt, responses=responses)
                    times.append(time.perf_counter() - start)
                assert graded.score == 100, graded.score
                counts.add(len(queries))
            results[size] = (statistics.median(times), counts)
        print(f"database: {connection.vendor}, runs per size: {args.runs}")
        print("questions  median ms  queries")
        for size, (median, counts) in results.items():
            print(f"{size:>9}  {median * 1000:>9.2f}  {sorted(counts)}")
        flat = {frozenset(c) for _, c in results.values()}
        print("query count independent of question count:", len(flat) == 1)
        return 0 if len(flat) == 1 else 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())

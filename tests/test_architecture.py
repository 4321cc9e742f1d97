"""The direction between apps: `lms` (the project) knows no domain app, and the
domain apps form no cycle, so each can be read, tested and changed from the
bottom up (people, content → scorm, quizzes, notifications → certificates →
courses → classroom, observations, surveys → certifications → api, hr, demo).
No exceptions: HR's reports, which read courses, certificates and
certifications, live in `hr`, the top.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = [
    "lms",
    "people",
    "content",
    "scorm",
    "quizzes",
    "notifications",
    "certificates",
    "courses",
    "classroom",
    "observations",
    "surveys",
    "certifications",
    "api",
    "hr",
    "demo",
]


def _imports(path: Path) -> set[str]:
    """The other project apps a module imports, at any depth (a function-level
    import is still a dependency)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & set(APPS)
    return found


def _modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def _graph():
    edges = defaultdict(set)
    for app, path in _modules():
        edges[app] |= _imports(path) - {app}
    return edges


def _cycle(edges):
    """One cycle of the graph as a list of apps, or None."""
    state = {}

    def visit(app, trail):
        state[app] = "open"
        for target in sorted(edges[app]):
            if state.get(target) == "open":
                return [*trail[trail.index(target) :], target]
            if target not in state:
                found = visit(target, [*trail, target])
                if found:
                    return found
        state[app] = "done"
        return None

    for app in APPS:
        if app not in state:
            found = visit(app, [app])
            if found:
                return found
    return None


def test_the_project_package_knows_no_domain_app():
    assert _graph()["lms"] == set()


def test_the_apps_form_no_cycle():
    cycle = _cycle(_graph())
    assert cycle is None, " → ".join(cycle)

"""Which release of the code is running, for the cache's key prefix.

Cached entries are rendered HTML and primitives, but their shape still belongs
to the code that wrote them: a deploy starts from an empty key space rather
than read what an older release left behind.
"""

import os
from importlib import metadata
from pathlib import Path


def current_release(base_dir: Path) -> str:
    """`LMS_RELEASE` when the deploy sets it, else the checked-out git commit,
    else the installed package's version."""
    explicit = os.environ.get("LMS_RELEASE", "").strip()
    if explicit:
        return explicit
    commit = _git_commit(base_dir / ".git")
    if commit:
        return commit[:12]
    try:
        return metadata.version("lms")
    except metadata.PackageNotFoundError:
        return "unknown"


def _git_commit(git_dir: Path) -> str | None:
    # Read the files rather than run git: the web process need not have it.
    if git_dir.is_file():  # a worktree: "gitdir: <path>"
        text = git_dir.read_text().strip()
        if not text.startswith("gitdir:"):
            return None
        git_dir = (git_dir.parent / text.split(":", 1)[1].strip()).resolve()
    try:
        head = (git_dir / "HEAD").read_text().strip()
    except OSError:
        return None
    if not head.startswith("ref:"):
        return head or None
    ref = head.split(":", 1)[1].strip()
    try:
        return (git_dir / ref).read_text().strip() or None
    except OSError:
        pass
    common = git_dir
    commondir = git_dir / "commondir"
    if commondir.is_file():
        common = (git_dir / commondir.read_text().strip()).resolve()
    for candidate in (common / ref, common / "packed-refs"):
        try:
            text = candidate.read_text()
        except OSError:
            continue
        if candidate.name != "packed-refs":
            return text.strip() or None
        for line in text.splitlines():
            if line.endswith(" " + ref):
                return line.split(" ", 1)[0]
    return None

"""The demo users the command prints: each named as the README names them,
the team leader (a learner by group, with a team under her) as such."""

import re

from django.core.management import call_command


def test_the_printed_logins_name_the_team_leader(db, capsys):
    call_command("load_demo_data")
    output = capsys.readouterr().out
    lines = {
        match.group(2): match.group(1).strip()
        for match in re.finditer(r"^  (.+?)\s+(\S+@example\.com)\s", output, re.M)
    }
    assert lines == {
        "agente@example.com": "Discente",
        "formatore@example.com": "Formatore",
        "responsabile@example.com": "Formatore responsabile",
        "hr@example.com": "Risorse umane",
        "responsabile.team@example.com": "Responsabile di team",
    }

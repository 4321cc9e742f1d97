from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils.html import escape
from wagtail.models import ModelLogEntry

from certifications.models import Certification


def test_hr_manages_certifications_and_reads_runs_and_emails(
    hr, login, certification, onboarding, refresher, travel
):
    travel(date(2026, 3, 2))
    call_command("lms_daily")
    client = login(hr)
    listing = client.get("/admin/snippets/certifications/certification/")
    assert listing.status_code == 200 and certification.name in listing.content.decode()
    form = client.get(
        f"/admin/snippets/certifications/certification/edit/{certification.pk}/"
    )
    assert "Validità e rinnovo" in form.content.decode()
    response = client.post(
        "/admin/snippets/certifications/certification/add/",
        {
            "name": "Privacy",
            "description": "",
            "validity_months": "24",
            "renewal_window_days": "30",
            "onboarding_courses": [onboarding.pk],
            "refresher_courses": [refresher.pk],
            "required_for_everyone": "on",
            "due_days_after_hire": "60",
        },
    )
    assert response.status_code == 302
    # A new certification is a draft, required of nobody until published.
    privacy = Certification.objects.get(name="Privacy")
    assert privacy.validity_months == 24 and not privacy.live
    assert client.get("/admin/snippets/certifications/dailyrun/").status_code == 200
    assert client.get("/admin/snippets/notifications/emailrecord/").status_code == 200


def test_learner_has_no_access_to_the_admin(learner, login):
    response = login(learner).get("/admin/snippets/certifications/certification/")
    assert response.status_code in (302, 403)


def _edit_form(certification, **fields):
    return {
        "name": certification.name,
        "description": certification.description,
        "validity_months": str(certification.validity_months),
        "renewal_window_days": str(certification.renewal_window_days),
        "onboarding_courses": [c.pk for c in certification.onboarding_courses.all()],
        "refresher_courses": [c.pk for c in certification.refresher_courses.all()],
        "required_for_everyone": "on",
        "due_days_after_hire": str(certification.due_days_after_hire),
        **fields,
    }


def test_the_editor_refuses_a_validity_under_a_month_or_a_window_as_long(
    hr, trainer, login, certification
):
    """A validity of 0 months would expire a certificate the day it is issued;
    a renewal window as long as the validity would assign the refresher at
    once. Each is the field's own message, and nothing is saved."""
    url = f"/admin/snippets/certifications/certification/edit/{certification.pk}/"
    # Trainers read certifications; only HR changes them.
    client = login(trainer)
    client.post(url, _edit_form(certification, validity_months="24"))
    certification.refresh_from_db()
    assert certification.validity_months == 12
    client.logout()

    client = login(hr)
    cases = [
        (
            {"validity_months": "0"},
            "validity_months",
            "La validità dev'essere di almeno 1 mese: lascia il campo vuoto se la "
            "certificazione non scade.",
        ),
        # 1 month can be 28 days: a window of 28 days is as long as it.
        (
            {"validity_months": "1", "renewal_window_days": "28"},
            "renewal_window_days",
            "La finestra di rinnovo dev'essere più breve della validità: con "
            "questa validità, al massimo 27 giorni.",
        ),
        (
            {"validity_months": "12", "renewal_window_days": "400"},
            "renewal_window_days",
            "La finestra di rinnovo dev'essere più breve della validità: con "
            "questa validità, al massimo 335 giorni.",
        ),
    ]
    for fields, field, message in cases:
        response = client.post(url, _edit_form(certification, **fields))
        assert response.status_code == 200, fields
        assert response.context["form"].errors == {field: [message]}
        assert escape(message) in response.content.decode()
        certification.refresh_from_db()
        assert (certification.validity_months, certification.renewal_window_days) == (
            12,
            60,
        )
    entries = ModelLogEntry.objects.filter(object_id=str(certification.pk))
    assert not entries.exists()

    response = client.post(
        url, _edit_form(certification, validity_months="1", renewal_window_days="27")
    )
    assert response.status_code == 302
    # A valid change is a draft: the live rules stay until a lead trainer
    # approves them (`test_review`).
    certification.refresh_from_db()
    assert (certification.validity_months, certification.renewal_window_days) == (
        12,
        60,
    )
    draft = certification.get_latest_revision_as_object()
    assert (draft.validity_months, draft.renewal_window_days) == (1, 27)
    # The change is on the record: who changed the rule, and when.
    (entry,) = ModelLogEntry.objects.filter(object_id=str(certification.pk))
    assert entry.action == "wagtail.edit" and entry.user_id == hr.pk


def test_the_database_keeps_the_validity_and_window_rule(certification):
    for months, window in ((0, 10), (1, 28), (6, 200)):
        candidate = Certification(
            name=f"Regola {months}-{window}",
            validity_months=months,
            renewal_window_days=window,
        )
        with pytest.raises(ValidationError):
            candidate.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            candidate.save()
    # Without a validity the certification never expires: any window stands.
    Certification(name="Senza scadenza", renewal_window_days=365).full_clean()

"""Where learning and certification meet, seen from the learner's pages: a course
that changes after someone is certified, a policy review on the home, renewals
year after year, the refresher's lock said before the click."""

from datetime import date

from certificates.models import Certificate
from certifications.models import CertificationStatus
from courses.selectors import course_modules
from quizzes.models import Attempt
from tests.builders import (
    attempt_post_data,
    make_module,
    pass_course,
    publish_new_text,
    start_quiz,
    take_quiz,
)


def _home(client) -> str:
    return client.get("/la-mia-formazione/").content.decode()


def test_a_certified_card_shows_no_due_date_and_counts_steps(
    agent, certification, login, agent_passes
):
    agent_passes(date(2026, 3, 1), source="manual", due_date=date(2026, 3, 20))
    home = _home(login(agent))
    card = home[home.index("course-card") :]
    assert "Certificato" in card
    assert "Da completare entro" not in card
    # Two modules and the quiz: three steps, all done.
    assert "3 di 3 passi" in card


def test_a_module_added_after_the_certificate_is_new_and_optional(
    agent, certification, onboarding, lead, login, travel, agent_passes
):
    agent_passes(date(2026, 3, 1))
    travel(date(2026, 4, 1))
    added = make_module(onboarding, title="Nuove regole sui resi", slug="resi")
    added.save_revision(user=lead).publish(user=lead)

    client = login(agent)
    page = client.get(onboarding.url).content.decode()
    assert "Nuove regole sui resi" in page
    assert "Nuovo" in page and "facoltativo: il tuo certificato resta valido" in page
    assert "Scarica il certificato (PDF)" in page
    home = _home(client)
    assert "Certificato" in home and "Revisione richiesta" not in home
    row = CertificationStatus.objects.get(user=agent, certification=certification)
    assert row.status == "certified"
    # The course lasts what its modules last, the new one included.
    minutes = sum(m.estimated_minutes for m in course_modules(course=onboarding))
    assert f"{minutes} minuti" in page


def test_a_policy_change_shows_on_the_home_card_and_the_review_page_stays(
    agent,
    certification,
    onboarding,
    lead,
    login,
    travel,
    commit,
    agent_passes,
    mark_policy,
):
    agent_passes(date(2026, 3, 1))
    module = course_modules(course=onboarding)[0]
    travel(date(2026, 4, 1))
    module.body = [
        {"type": "heading", "value": "Titolo 1"},
        {
            "type": "paragraph",
            "value": "<p>Il cliente riceve l'accredito in 7 giorni.</p>",
        },
    ]
    module.save_revision(user=lead).publish(user=lead)
    change = mark_policy(module, "Accrediti più rapidi.")

    client = login(agent)
    home = _home(client)
    # A review card at the top, with the note, the due date and the way in.
    tasks = home[home.index("Da fare subito") : home.index("I miei corsi")]
    assert "Revisione del modulo «Modulo 1 di Inserimento»" in tasks
    assert "Accrediti più rapidi." in tasks and "1 maggio 2026" in tasks.lower()
    assert f'href="/certificazioni/modifiche/{change.pk}/"' in tasks
    # The course card never says "certified" and "review required" at once.
    card = home[home.index("course-card") :]
    assert "Revisione richiesta" in card and ">Certificato<" not in card

    review = client.get(f"/certificazioni/modifiche/{change.pk}/").content.decode()
    # A readable comparison: the structure kept, the apostrophe as written.
    assert "<h2" in review and "Titolo 1" in review
    assert "l'accredito" in review and "&#x27;" not in review and "&amp;#" not in review
    assert '<ins><span class="visually-hidden">[aggiunto: </span>' in review

    quiz_url = f"/certificazioni/modifiche/{change.pk}/quiz/"
    client.post(quiz_url, {"action": "start"})
    attempt = Attempt.objects.get(user=agent, purpose=f"policy:{change.pk}")
    with commit():
        client.post(quiz_url, attempt_post_data(attempt))
    home = _home(client)
    assert "Da fare subito" not in home
    card = home[home.index("course-card") :]
    assert ">Certificato<" in card and "Revisione richiesta" not in card
    # The link in the e-mail still leads somewhere after the review is done.
    done = client.get(f"/certificazioni/modifiche/{change.pk}/")
    assert done.status_code == 200
    assert "Revisione completata" in done.content.decode()
    assert "Vai al quiz di revisione" not in done.content.decode()


def test_review_attempts_count_for_the_review_only(
    agent, certification, onboarding, lead, login, agent_passes, mark_policy
):
    """The review reuses the course's final quiz: onboarding's attempts must
    not use up the review's, nor the review's count as the course's."""
    onboarding.quiz.max_attempts = 1
    onboarding.quiz.save()
    agent_passes(date(2026, 3, 1))
    module = course_modules(course=onboarding)[0]
    publish_new_text(module, lead, "Nuovo testo.")
    change = mark_policy(module, "Nuovo testo.", on=date(2026, 4, 1))
    client = login(agent)
    quiz_url = f"/certificazioni/modifiche/{change.pk}/quiz/"
    intro = client.get(quiz_url).content.decode()
    assert "Inizia il quiz" in intro and "Non restano altri tentativi" not in intro
    client.post(quiz_url, {"action": "start"})
    assert (
        Attempt.objects.filter(user=agent, purpose=f"policy:{change.pk}").count() == 1
    )


def test_the_refresher_says_before_the_click_why_it_is_closed(
    agent, certification, refresher, login
):
    page = login(agent).get(refresher.url).content.decode()
    assert "Iscriviti al corso" not in page
    assert "riservato a chi ha già la certificazione" in page


def test_renewals_keep_working_year_after_year(
    agent, certification, onboarding, refresher, login, travel, commit
):
    """The refresher requires onboarding: it is met by holding the
    certification, through the onboarding certificate or any renewal of it."""
    refresher.required_courses.add(onboarding)
    refresher.save()
    travel(date(2026, 1, 10))
    client = login(agent)
    with commit():
        pass_course(agent, onboarding)
    for year in (2026, 2027):
        travel(date(year + 1, 1, 1))  # inside the renewal window
        client = login(agent)
        page = client.get(refresher.url).content.decode()
        assert "richiede prima un certificato valido" not in page, year
        with commit():
            if year == 2026:
                client.post(f"/corsi/{refresher.pk}/iscrizione/")
            else:
                from courses.models import Enrollment
                from courses.services import enrollment_restart

                enrollment_restart(
                    enrollment=Enrollment.objects.get(user=agent, course=refresher),
                    due_date=date(year + 1, 1, 10),
                    actor=None,
                    reason="Rinnovo",
                )
            for module in course_modules(course=refresher):
                client.post(f"/moduli/{module.pk}/completa/")
            take_quiz(client, refresher)
        valid = Certificate.objects.get(user=agent, status="valid")
        assert valid.course == refresher and valid.expires_at.year == year + 2


def test_after_a_lapse_the_refresher_stays_open_to_who_held_it(
    agent, certification, onboarding, refresher, login, travel, agent_passes
):
    refresher.required_courses.add(onboarding)
    refresher.save()
    agent_passes(date(2026, 1, 10))
    travel(date(2027, 2, 1))  # expired on 10 January
    client = login(agent)
    client.post(f"/corsi/{refresher.pk}/iscrizione/")
    module = course_modules(course=refresher)[0]
    assert client.get(module.url).status_code == 200
    start_quiz(client, refresher)


def test_the_lead_marks_a_policy_change_while_approving_it(
    agent, certification, onboarding, trainer, lead, login, travel, commit, agent_passes
):
    """The publishing step itself offers "approve as a policy change", says how
    many people it will concern, publishes and records the review at once."""
    from certifications.models import PolicyChange
    from tests.builders import module_form

    agent_passes(date(2026, 3, 1))
    module = course_modules(course=onboarding)[0]
    module.save_revision(user=lead).publish(user=lead)
    travel(date(2026, 4, 1))
    form = module_form(
        module.title, module.slug, "action-submit", text="Accredito in 7 giorni."
    )
    assert (
        login(trainer).post(f"/admin/pages/{module.pk}/edit/", form).status_code == 302
    )
    module.refresh_from_db()
    task_state = module.current_workflow_state.current_task_state

    editor = login(lead).get(f"/admin/pages/{module.pk}/edit/").content.decode()
    assert "Approva come modifica di policy" in editor
    url = f"/admin/pages/workflow/action/{module.pk}/approve_policy/{task_state.pk}/"
    modal_url = (
        f"/admin/pages/workflow/collect_action_data/{module.pk}/approve_policy/"
        f"{task_state.pk}/"
    )
    got = login(lead).get(modal_url)
    assert got.status_code == 200, (got.status_code, got.content.decode()[:3000])
    modal = got.json()["html"]
    assert "1 persona certificata dovrà rileggere il modulo" in modal
    with commit():
        response = login(lead).post(
            url, {"note": "Accrediti più rapidi.", "due_days": "21", "comment": ""}
        )
    assert response.status_code == 302
    (change,) = PolicyChange.objects.all()
    assert change.note == "Accrediti più rapidi."
    assert change.due_date == date(2026, 4, 22)
    module.refresh_from_db()
    assert change.revision_id == module.live_revision_id
    home = _home(login(agent))
    assert "Revisione del modulo «Modulo 1 di Inserimento»" in home
    # The e-mail says it is a policy review, with the note.
    from notifications.models import EmailRecord

    record = EmailRecord.objects.get(user=agent, kind="policy_review")
    assert "Accrediti più rapidi." in record.body
    assert f"/certificazioni/modifiche/{change.pk}/" in record.body


def test_a_review_asks_about_the_module_that_changed(
    agent, certification, onboarding, lead, login, commit, agent_passes, mark_policy
):
    """With no quiz of its own, the review takes the final quiz's questions on
    the changed module's topics, not the whole final quiz."""
    from quizzes.models import Topic

    waiting = Topic.objects.create(name="Attesa")
    refunds = Topic.objects.create(name="Rimborsi")
    questions = list(onboarding.quiz.items.select_related("question"))
    for n, item in enumerate(questions):
        item.question.topic = refunds if n < 2 else waiting
        item.question.save()
    module = course_modules(course=onboarding)[0]
    module.topics.set([refunds])
    module.save_revision(user=lead).publish(user=lead)
    agent_passes(date(2026, 3, 1))
    module.refresh_from_db()
    publish_new_text(module, lead, "Rimborsi in 7 giorni.")
    change = mark_policy(module, "Rimborsi più rapidi.", on=date(2026, 4, 1))
    client = login(agent)
    quiz_url = f"/certificazioni/modifiche/{change.pk}/quiz/"
    client.post(quiz_url, {"action": "start"})
    review = Attempt.objects.get(user=agent, purpose=f"policy:{change.pk}")
    asked = {
        a.question.topic.name for a in review.answers.select_related("question__topic")
    }
    assert review.answers.count() == 2 and asked == {"Rimborsi"}
    page = client.get(quiz_url).content.decode()
    assert "2 domande" in page
    with commit():
        client.post(quiz_url, attempt_post_data(review))
    review.refresh_from_db()
    assert review.passed
    assert agent.certificates.get(status="valid").course_revision == change.revision

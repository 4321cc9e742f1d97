"""A learner books a classroom session from the task on their home and gives
the seat back; the trainer takes the register on a phone."""

import re
from datetime import timedelta

from django.utils import timezone

from classroom.models import Attendance
from classroom.services import session_book
from courses.services import enrollment_create
from people import roles
from tests.browser.a11y import assert_accessible, assert_fits
from tests.browser.admin import close_date_pickers, open_session_editor
from tests.browser.menu import go_to
from tests.browser.sign_in import sign_in_to_home
from tests.builders import make_course, make_site, make_user
from tests.classroom.builders import in_words, local, make_session, require_session


def test_a_learner_books_and_cancels_a_session_by_clicking(page):
    course = make_course(make_site(), title="Accoglienza", modules=1)
    require_session(course)
    trainer = make_user("formatore@test.it", role=roles.TRAINER, first_name="Marco")
    session = make_session(course, trainer, title="Prove al banco", capacity=3)
    learner = make_user("agente@test.it", role=roles.LEARNER)
    enrollment_create(user=learner, course=course)

    sign_in_to_home(page, "agente@test.it")
    page.get_by_role("link", name="Scegli la sessione").click()
    page.get_by_role("heading", name="Sessioni in aula").wait_for()
    assert "3 posti liberi" in page.content()
    assert_accessible(page, where="the course's sessions")
    page.get_by_role("button", name="Prenota").click()
    page.get_by_text("Posto prenotato: «Prove al banco»").wait_for()
    assert page.get_by_text("Hai un posto.").is_visible()
    assert session.bookings.get().status == "booked"

    page.get_by_role("link", name="Le mie sessioni").first.click()
    page.get_by_role("heading", name="Le mie sessioni").wait_for()
    page.get_by_role("button", name="Disdici").click()
    page.get_by_text("Prenotazione annullata: «Prove al banco»").wait_for()
    assert session.bookings.get().status == "cancelled"
    assert page.get_by_text("Nessuna sessione prenotata.").is_visible()


def test_the_trainer_takes_the_register_on_a_phone(page):
    course = make_course(make_site(), title="Accoglienza", modules=1)
    make_user("formatore@test.it", role=roles.TRAINER, first_name="Marco")
    trainer = make_user(
        "formatrice@test.it", role=roles.TRAINER, first_name="Sara", last_name="Galli"
    )
    session = make_session(course, trainer, title="Prove al banco", hours=3)
    people = [
        make_user("anna@test.it", first_name="Anna", last_name="Verdi"),
        make_user("bruno@test.it", first_name="Bruno", last_name="Neri"),
    ]
    for person in people:
        enrollment_create(user=person, course=course)
        session_book(user=person, session=session)
    session.starts_at = timezone.now() - timedelta(hours=1)
    session.ends_at = session.starts_at + timedelta(hours=3)
    session.save()

    page.set_viewport_size({"width": 390, "height": 844})
    sign_in_to_home(page, "formatrice@test.it")
    go_to(page, "Le mie sessioni")
    page.get_by_role("link", name="Le sessioni che conduci").click()
    page.get_by_role("link", name="Registro presenze – Prove al banco").click()
    page.get_by_role("heading", name="Presenze: Prove al banco").wait_for()
    assert_fits(page, where="the register on a phone")
    assert_accessible(page, where="the register on a phone")

    bruno = page.get_by_role("group", name="Bruno Neri")
    bruno.get_by_label("In ritardo").check()
    bruno.get_by_label("Minuti di presenza").fill("150")
    page.get_by_role("button", name="Salva le presenze").click()
    page.get_by_text("Presenze salvate.").wait_for()
    register = {
        a.user.last_name: (a.status, a.minutes) for a in Attendance.objects.all()
    }
    assert register == {"Verdi": ("present", 180), "Neri": ("late", 150)}


def test_a_session_called_off_in_the_admin_reaches_the_learner(
    browser, page, live_server
):
    """The trainer calls the session off by clicking in the admin; the learner
    finds it in their notifications, and their home asks them again to choose
    a session, which they can book."""
    course = make_course(make_site(), title="Accoglienza", modules=1)
    require_session(course)
    trainer = make_user("formatore@test.it", role=roles.TRAINER, first_name="Marco")
    session = make_session(course, trainer, title="Prove al banco", capacity=3)
    make_session(course, trainer, days=9, title="Recupero al banco", capacity=3)
    learner = make_user("agente@test.it", role=roles.LEARNER)
    enrollment_create(user=learner, course=course)
    session_book(user=learner, session=session)

    open_session_editor(page, "formatore@test.it", "Prove al banco")
    page.get_by_role("checkbox", name="Annullata").check()
    page.get_by_role("button", name="Salva").first.click()
    page.get_by_text("aggiornata").first.wait_for()

    agent = browser.new_context(base_url=live_server.url).new_page()
    sign_in_to_home(agent, "agente@test.it")
    agent.get_by_role("link", name="Notifiche").first.click()
    agent.get_by_text("Sessione annullata").first.wait_for()
    agent.get_by_role("link", name="La mia formazione").first.click()
    agent.get_by_role("link", name="Scegli la sessione").click()
    agent.get_by_role("heading", name="Sessioni in aula").wait_for()
    assert "Prove al banco" not in agent.locator("main").inner_text()
    agent.get_by_role("button", name="Prenota").click()
    agent.get_by_text("Posto prenotato: «Recupero al banco»").wait_for()


def test_a_learner_finds_the_sessions_from_the_course_page_and_books(page):
    """The course requires no session, so the home asks for none: the learner
    opens the course, follows "Scegli la sessione" and takes a seat."""
    course = make_course(make_site(), title="Gestire i reclami", modules=1)
    trainer = make_user("formatore@test.it", role=roles.TRAINER, first_name="Marco")
    session = make_session(
        course,
        trainer,
        title="Laboratorio online",
        capacity=8,
        place="",
        video_link="https://meet.example.com/reclami",
    )
    learner = make_user("agente@test.it", role=roles.LEARNER)
    enrollment_create(user=learner, course=course)

    sign_in_to_home(page, "agente@test.it")
    assert page.get_by_role("link", name="Scegli la sessione").count() == 0
    page.get_by_role("link", name="Gestire i reclami").first.click()
    page.get_by_role("heading", name="Gestire i reclami").wait_for()
    page.get_by_role("heading", name="Sessioni in aula").wait_for()
    assert_accessible(page, where="the course page with its sessions")
    page.get_by_role("link", name="Scegli la sessione").click()
    page.get_by_role("heading", name="Sessioni in aula", level=1).wait_for()
    assert "8 posti liberi" in page.content()
    page.get_by_role("button", name="Prenota").click()
    page.get_by_text("Posto prenotato: «Laboratorio online»").wait_for()
    assert session.bookings.get(user=learner).status == "booked"

    page.get_by_role("link", name="Gestire i reclami").first.click()
    page.get_by_text("Hai un posto:").wait_for()


def test_a_moved_session_reaches_the_learner_with_the_new_date(
    browser, page, live_server
):
    """The trainer moves the session in the admin by clicking and typing the
    new times; the learner reads in their notifications when it is now and
    when it was, opens the notice and finds the session at its new time."""
    course = make_course(make_site(), title="Accoglienza", modules=1)
    trainer = make_user("formatore@test.it", role=roles.TRAINER, first_name="Marco")
    session = make_session(course, trainer, title="Prove al banco", capacity=3)
    learner = make_user("agente@test.it", role=roles.LEARNER)
    enrollment_create(user=learner, course=course)
    session_book(user=learner, session=session)
    old_start = session.starts_at
    new_start = (timezone.localtime(old_start) + timedelta(days=3)).replace(hour=14)
    new_end = new_start + timedelta(hours=2)

    open_session_editor(page, "formatore@test.it", "Prove al banco")
    # The labels carry the required mark: "Inizio*".
    page.get_by_role("textbox", name=re.compile(r"^Inizio")).fill(local(new_start))
    page.get_by_role("textbox", name=re.compile(r"^Fine")).fill(local(new_end))
    close_date_pickers(page, page.get_by_role("textbox", name=re.compile(r"^Titolo")))
    page.get_by_role("button", name="Salva").first.click()
    page.get_by_text("aggiornata").first.wait_for()
    session.refresh_from_db()
    assert session.starts_at == new_start

    agent = browser.new_context(base_url=live_server.url).new_page()
    sign_in_to_home(agent, "agente@test.it")
    agent.get_by_role("link", name="Notifiche").first.click()
    notice = agent.locator(".notification").filter(has_text="Sessione spostata")
    notice.wait_for()
    words = " ".join(notice.inner_text().split())
    assert f"Ora è: {in_words(new_start, 'it')}, 14:00–16:00" in words
    was = timezone.localtime(old_start)
    assert f"Prima era: {in_words(old_start, 'it')}, {was:%H:%M}–" in words
    notice.get_by_role("button", name="Apri").click()
    agent.get_by_role("heading", name="Le mie sessioni").wait_for()
    card = agent.locator(".card").filter(has_text="Prove al banco").inner_text()
    when = in_words(new_start, "it")
    # The card's line starts with the day: capitalised there.
    assert f"{when[0].upper()}{when[1:]}, 14:00–16:00" in card
    assert in_words(old_start, "it") not in card.lower()


def test_session_cards_line_up_with_the_page_on_a_phone(page):
    """The cards of "Le mie sessioni" sit in a list: they start where the
    headings start, not a list's indent to the right (40 px of a 390 px phone)."""
    course = make_course(make_site(), title="Accoglienza", modules=1)
    require_session(course)
    trainer = make_user("formatore@test.it", role=roles.TRAINER, first_name="Marco")
    make_session(course, trainer, title="Prove al banco", capacity=3)
    learner = make_user("agente@test.it", role=roles.LEARNER)
    enrollment_create(user=learner, course=course)

    page.set_viewport_size({"width": 390, "height": 844})
    sign_in_to_home(page, "agente@test.it")
    page.get_by_role("link", name="Scegli la sessione").click()
    page.get_by_role("button", name="Prenota").click()
    page.get_by_text("Posto prenotato: «Prove al banco»").wait_for()
    heading = page.get_by_role("heading", name="Sessioni in aula").bounding_box()
    card = page.locator(".card-grid > *").first.bounding_box()
    assert abs(card["x"] - heading["x"]) < 2

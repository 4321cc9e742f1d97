"""Who may reach every URL of the project.

`URLS` has one entry per named URL pattern of the project (walked from the root
resolver, so a new URL without an entry fails `test_every_url_has_an_entry`).
Each entry says how to call it and what each role gets. Third-party URL trees
(Wagtail admin, allauth, Wagtail's documents and utility views) are covered by
the prefix rules in `THIRD_PARTY`.

To add a URL: add one `Access(...)` line keyed by its name ("app:name"); `url`
receives the `World` built below (two learners with attempts and certificates,
a manager, a trainer, HR, a superuser, a course) and returns the path.
Outcomes: an HTTP status, or LOGIN (a redirect to the login page). `data` may
be a callable of the `World` (fresh for every request, e.g. an uploaded file);
`headers` go with every request. `token` is what a request with the world's API
token (and no session) gets; None: not checked.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from api.models import ApiToken
from api.services import api_token_create
from certificates.models import Certificate
from certificates.services import certificate_pdf_available, certificate_store_pdf
from certifications.models import PolicyChange
from classroom.services import calendar_feed_rotate
from courses.models import Enrollment
from courses.selectors import course_modules
from notifications.models import EmailTemplate, Kind, Notification
from people import roles
from people.models import PeopleImport, User
from people.services import people_import_upload
from quizzes.models import Attempt
from surveys.models import Survey
from surveys.services import survey_invite
from tests.builders import (
    PASSWORD,
    certify_through_pages,
    knowledge_check,
    make_certification,
    make_course,
    make_module,
    make_user,
    scenario,
)
from tests.classroom.builders import make_session
from tests.observations.builders import make_checklist, observe
from tests.scorm.packages import make_package, scorm_block

ROLES = ("anonymous", "learner", "trainer", "lead", "hr", "manager", "superuser")
LOGIN = "login"


@dataclass
class Access:
    url: object  # (World) -> path
    method: str = "GET"
    data: object = field(default_factory=dict)  # dict, or (World) -> dict
    headers: dict = field(default_factory=dict)
    content_type: str = ""  # of the body, when not a form (e.g. JSON)
    token: object = None  # with the world's API token; None: not checked
    anonymous: object = LOGIN
    learner: object = 200
    trainer: object = 200
    hr: object = 200
    manager: object = 200
    superuser: object = 200
    # The lead trainer (who approves what trainers submit) reaches what a
    # trainer reaches unless an entry says otherwise.
    lead: object = None

    def expected(self, role):
        if role == "lead" and self.lead is None:
            return self.trainer
        return getattr(self, role)


def signed_in(url, status=200, **kw):
    """Every signed-in role gets `status`; a visitor is sent to sign in."""
    for role in ("learner", "trainer", "hr", "manager", "superuser"):
        kw.setdefault(role, status)
    return Access(url, **kw)


def everyone(url, status=200, **kw):
    kw.setdefault("anonymous", status)
    return signed_in(url, status, **kw)


def hr_only(url, status=200, **kw):
    """HR's pages: people.view_training_status (or the model permission HR
    holds); learners, trainers and managers get a 403."""
    kw.setdefault("learner", 403)
    kw.setdefault("trainer", 403)
    kw.setdefault("manager", 403)
    kw.setdefault("hr", status)
    kw.setdefault("superuser", status)
    return Access(url, **kw)


def api(url, token=200, **kw):
    """The REST API reads only bearer tokens: a browser session, whoever it
    belongs to, is a 401."""
    return everyone(url, 401, token=token, **kw)


def team(url, status=200, **kw):
    """HR sees everyone, a manager their own team (User.manager); learners and
    trainers get a 403."""
    for role, default in [("learner", 403), ("trainer", 403)]:
        kw.setdefault(role, default)
    for role in ("hr", "manager", "superuser"):
        kw.setdefault(role, status)
    return Access(url, **kw)


def learner_only(url, status=200, others=404, **kw):
    """What is the world's learner's alone (their records, the course only they
    are enrolled in): they get `status`, every other signed-in role `others`
    (404 by default: another person's record does not show that it exists)."""
    return signed_in(url, others, learner=status, **kw)


def in_admin(url, **kw):
    """The project's views under /admin/: without access_admin (learners and
    managers) Wagtail sends people to the login page, which would send them
    straight back (a loop), so they get a 403 (lms.middleware)."""
    kw.setdefault("learner", 403)
    kw.setdefault("manager", 403)
    return Access(url, **kw)


def leads_in_admin(url, **kw):
    """What only lead trainers (and superusers) may do in the admin: publish or
    unpublish governed content, mark policy changes; trainers and HR are sent to
    the admin's home (302)."""
    kw.setdefault("trainer", 302)
    kw.setdefault("lead", 200)
    kw.setdefault("hr", 302)
    return in_admin(url, **kw)


# Project URLs, one entry per URL name. The learner owns the attempt and the
# certificate used below; everyone else is a stranger to them (HR may download
# certificates). Nobody but the learner is enrolled in the course.
URLS = {  # fmt: skip
    "health_live": everyone(lambda w: "/health/live/"),
    "health_ready": everyone(lambda w: "/health/ready/"),
    "hr:training_status": hr_only(lambda w: "/hr/stato-formazione/"),
    "people:set_language": everyone(
        lambda w: "/lingua/", 302, method="POST", data={"language": "en"}
    ),
    "courses:my_training": signed_in(lambda w: "/la-mia-formazione/"),
    "courses:enrol": signed_in(
        lambda w: f"/corsi/{w.other_course.pk}/iscrizione/", 302, method="POST"
    ),
    # Not enrolled: sent back to the course page (302), nothing recorded.
    "courses:complete_module": signed_in(
        lambda w: f"/moduli/{w.module.pk}/completa/", 302, method="POST"
    ),
    # The learner has passed, so the quiz is closed for them too (302).
    "courses:quiz": signed_in(lambda w: f"/quiz/{w.course.pk}/", 302),
    "courses:attempt_result": learner_only(
        lambda w: f"/quiz/tentativi/{w.attempt.pk}/"
    ),
    "certificates:download": learner_only(
        lambda w: f"/certificati/{w.certificate.pk}/pdf/", hr=200, superuser=200
    ),
    # The learner's own certificate page and Open Badge: a 404 for anyone else
    # (HR reads certificates on its own pages).
    "certificates:certificate_detail": learner_only(
        lambda w: f"/certificati/{w.certificate.pk}/"
    ),
    "certificates:badge_download": learner_only(
        lambda w: f"/certificati/{w.certificate.pk}/open-badge.png"
    ),
    # The issuer's public keys and revocation list: public, for any verifier.
    "certificates:badge_jwks": everyone(lambda w: "/.well-known/jwks.json"),
    "certificates:badge_did": everyone(lambda w: "/.well-known/did.json"),
    "certificates:badge_status_list": everyone(lambda w: "/open-badge/stato/0/"),
    "certificates:verify_lookup": everyone(lambda w: "/verifica/"),
    "certificates:verify": everyone(
        lambda w: f"/verifica/{w.certificate.verification_code}/"
    ),
    "personal_data": hr_only(
        lambda w: f"/hr/persone/{w.users['learner'].pk}/dati-personali/"
    ),
    "personal_data_export": hr_only(
        lambda w: f"/hr/persone/{w.users['learner'].pk}/dati-personali/esporta/"
    ),
    # The learner is active, so HR is told it cannot be done (redirect back).
    "personal_data_anonymise": hr_only(
        lambda w: f"/hr/persone/{w.users['learner'].pk}/dati-personali/anonimizza/",
        302,
        method="POST",
    ),
    "admin_login_redirect": everyone(lambda w: "/admin/login/", LOGIN),
    # Wagtail's page tree: the home and course pages are public summaries; a
    # module is read only by learners enrolled in its course (others are sent
    # to the course page).
    "wagtail_serve": everyone(lambda w: w.course.url),
    "wagtail_serve:module": learner_only(lambda w: w.module.url, others=302),
    # --- api: the REST API under /api/v1/ (bearer tokens only) ----------------
    # The OpenAPI schema is public by design (README); the root is only there to
    # build the other paths.
    "api:openapi-json": everyone(lambda w: "/api/v1/openapi.json", token=200),
    "api:api-root": everyone(lambda w: "/api/v1/", 404, token=404),
    "api:people": api(lambda w: "/api/v1/people"),
    "api:person": api(lambda w: f"/api/v1/people/{w.users['learner'].employee_id}"),
    "api:statuses": api(lambda w: "/api/v1/statuses"),
    "api:certificates": api(lambda w: "/api/v1/certificates"),
    "api:certificate": api(
        lambda w: f"/api/v1/certificates/{w.certificate.verification_code}"
    ),
    "api:certifications": api(lambda w: "/api/v1/certifications"),
    "api:courses": api(lambda w: "/api/v1/courses"),
    "api:sessions": api(lambda w: "/api/v1/sessions"),
    "api:attendance": api(lambda w: "/api/v1/attendance"),
    "api:observations": api(lambda w: "/api/v1/observations"),
    "api:hours": api(lambda w: "/api/v1/hours"),
    # --- api_tokens: HR creates and revokes the API's tokens ------------------
    "api_tokens:list": hr_only(lambda w: "/hr/api/token/"),
    "api_tokens:revoke": hr_only(
        lambda w: f"/hr/api/token/{w.api_token.pk}/revoca/", 302, method="POST"
    ),
    # --- people: HR's directory and import (people.* model permissions) -------
    "people:people_list": hr_only(lambda w: "/hr/persone/"),
    "people:person_create": hr_only(lambda w: "/hr/persone/nuova/"),
    "people:person_edit": hr_only(lambda w: f"/hr/persone/{w.users['learner'].pk}/"),
    # Reactivating an active person changes nothing: back to the form.
    "people:person_set_active": hr_only(
        lambda w: f"/hr/persone/{w.users['learner'].pk}/attivo/",
        302,
        method="POST",
        data={"active": "1"},
    ),
    "people:import_upload": hr_only(lambda w: "/hr/persone/importa/"),
    # An import is read only by the person who uploaded it (HR here): even a
    # superuser gets a 404 for another person's file.
    "people:import_preview": hr_only(
        lambda w: f"/hr/persone/importa/{w.people_import.pk}/", superuser=404
    ),
    # A file not yet confirmed: its status page sends the uploader to the preview.
    "people:import_status": hr_only(
        lambda w: f"/hr/persone/importa/{w.people_import.pk}/stato/", 302, superuser=404
    ),
    # "Riprendi" on a run that is not stopped queues nothing: back to its status.
    "people:import_resume": hr_only(
        lambda w: f"/hr/persone/importa/{w.people_import.pk}/riprendi/",
        302,
        superuser=404,
        method="POST",
    ),
    "people:import_columns": hr_only(
        lambda w: f"/hr/persone/importa/{w.people_import.pk}/colonne/", superuser=404
    ),
    "hr:people_export": hr_only(lambda w: "/hr/persone/esporta.csv"),
    # --- hr: compliance dashboard, exports, transcripts (HR or team) ----------
    "hr:dashboard": team(lambda w: "/hr/conformita/"),
    # The manager filter's search: HR's, as the filter (a team leader has none).
    "hr:manager_search": hr_only(lambda w: "/hr/conformita/responsabili/?q=a"),
    "hr:dashboard_export": team(lambda w: "/hr/conformita/esporta.xlsx"),
    "hr:certificates_export": team(lambda w: "/hr/certificati/esporta.csv"),
    # Sollecita: the preview (GET); sending is a POST checked per person.
    "hr:remind": team(lambda w: "/hr/conformita/sollecita/?person=all"),
    # The hours register: HR everyone, a manager their team.
    "hr:hours_register": team(lambda w: "/hr/ore/"),
    "hr:hours_register_export": team(lambda w: "/hr/ore/esporta.pdf"),
    # --- surveys: only the invited person answers or dismisses --------------
    "surveys:answer": learner_only(lambda w: f"/questionari/{w.survey_invitation.pk}/"),
    "surveys:dismiss": learner_only(
        lambda w: f"/questionari/{w.survey_invitation.pk}/ignora/",
        302,
        method="POST",
    ),
    # The learner's own transcript is theirs to read; their manager reads it too.
    "hr:transcript": team(
        lambda w: f"/hr/storico/{w.users['learner'].pk}/", learner=200
    ),
    "hr:transcript_pdf": team(
        lambda w: f"/hr/storico/{w.users['learner'].pk}/pdf/", learner=200
    ),
    # --- classroom: sessions, bookings, the register ---------------------------
    # Anyone signed in reads the sessions; booking or cancelling without an
    # enrolment or a booking is refused with a message (back to the page, 302).
    "classroom:my_sessions": signed_in(lambda w: "/sessioni/"),
    "classroom:course_sessions": signed_in(lambda w: f"/sessioni/corso/{w.course.pk}/"),
    "classroom:book": signed_in(
        lambda w: f"/sessioni/{w.session.pk}/prenota/", 302, method="POST"
    ),
    "classroom:cancel": signed_in(
        lambda w: f"/sessioni/{w.session.pk}/disdici/", 302, method="POST"
    ),
    "classroom:feed_rotate": signed_in(
        lambda w: "/sessioni/calendario/nuovo-indirizzo/", 302, method="POST"
    ),
    # The calendar feed: its secret token is the key (calendar applications do
    # not sign in); a wrong token is a 404 for everyone.
    "classroom:feed": everyone(lambda w: f"/sessioni/calendario/{w.feed_token}.ics"),
    "classroom:feed#wrong": everyone(
        lambda w: "/sessioni/calendario/non-valido.ics", 404
    ),
    # Who may lead sessions (classroom.view_session: trainers, HR reads).
    "classroom:trainer_sessions": Access(
        lambda w: "/sessioni/registro/", learner=403, manager=403
    ),
    # The register is the session's trainer's; the sheet also HR's.
    "classroom:attendance_register": Access(
        lambda w: f"/sessioni/{w.session.pk}/presenze/",
        learner=404,
        lead=404,
        hr=404,
        manager=404,
    ),
    "classroom:attendance_sheet": Access(
        lambda w: f"/sessioni/{w.session.pk}/presenze.pdf",
        learner=404,
        lead=404,
        manager=404,
    ),
    # --- courses ---------------------------------------------------------------
    # "Continue" sends everyone signed in to the next thing to do (or the course).
    "courses:resume": signed_in(lambda w: f"/corsi/{w.course.pk}/continua/", 302),
    # Only a learner enrolled in the module's course may answer (JSON reply);
    # anyone else is refused with a 403.
    "courses:answer_knowledge_check": learner_only(
        lambda w: f"/moduli/{w.kc_module.pk}/verifiche/{w.kc_block_id}/",
        others=403,
        method="POST",
        data={"option": "0"},
        headers={"Accept": "application/json"},
    ),
    # A reply in a module's scenario: the same rule as the knowledge check.
    "courses:scenario_choose": learner_only(
        lambda w: f"/moduli/{w.kc_module.pk}/scenari/{w.sc_block_id}/",
        others=403,
        method="POST",
        data={"step": "inizio", "choice": "1"},
        headers={"Accept": "application/json"},
    ),
    # The SCORM runtime's commits (JSON): the learner's own data, in a module of
    # a course they are enrolled in; anyone else is refused with a 403.
    "courses:scorm_commit": learner_only(
        lambda w: f"/moduli/{w.kc_module.pk}/scorm/{w.scorm_block_id}/",
        others=403,
        method="POST",
        data='{"cmi": {"suspend_data": "pagina=2"}}',
        content_type="application/json",
    ),
    # --- quizzes ---------------------------------------------------------------
    # Autosave reads only the caller's own open attempt: the learner's attempt
    # is graded, and nobody else's is theirs (409).
    "quizzes:autosave": signed_in(
        lambda w: f"/quiz/tentativi/{w.attempt.pk}/salva/", 409, method="POST"
    ),
    # The history is for enrolled learners; others are sent to the course page.
    "courses:quiz_history": learner_only(
        lambda w: f"/quiz/{w.course.pk}/storico/", others=302
    ),
    # --- certificates: public verification (HTML, JSON, PDF upload) -----------
    "certificates:verify_json": everyone(
        lambda w: f"/verifica/{w.certificate.verification_code}.json"
    ),
    "certificates:verify_json_alias": everyone(
        lambda w: f"/verify/{w.certificate.verification_code}.json"
    ),
    "certificates:verify_alias": everyone(
        lambda w: f"/verify/{w.certificate.verification_code}/"
    ),
    "certificates:verify_lookup_alias": everyone(lambda w: "/verify/"),
    # The learner's own PDF, uploaded by anyone: a stateless check (no CSRF).
    "certificates:verify_file_json": everyone(
        lambda w: "/verifica/pdf.json", method="POST", data=lambda w: w.pdf_upload()
    ),
    "certificates:verify_file_json_alias": everyone(
        lambda w: "/verify/pdf.json", method="POST", data=lambda w: w.pdf_upload()
    ),
    # --- certificates: HR's pages (certificates.view_certificate) -------------
    "certificates:hr_list": hr_only(lambda w: "/hr/certificati/"),
    "certificates:hr_zip": hr_only(lambda w: "/hr/certificati/zip/"),
    "certificates:hr_csv": hr_only(lambda w: "/hr/certificati/csv/"),
    "certificates:hr_xlsx": hr_only(lambda w: "/hr/certificati/xlsx/"),
    "certificates:hr_detail": hr_only(lambda w: f"/hr/certificati/{w.certificate.pk}/"),
    # The actions need certificates.revoke_certificate; the empty form is then
    # refused (400) and nothing changes.
    "certificates:hr_revoke": hr_only(
        lambda w: f"/hr/certificati/{w.certificate.pk}/revoca/", 400, method="POST"
    ),
    "certificates:hr_reinstate": hr_only(
        lambda w: f"/hr/certificati/{w.certificate.pk}/ripristina/",
        400,
        method="POST",
    ),
    "certificates:hr_reissue": hr_only(
        lambda w: f"/hr/certificati/{w.certificate.pk}/riemetti/", 400, method="POST"
    ),
    # --- notifications: each person's own --------------------------------------
    "notifications:list": signed_in(lambda w: "/notifiche/"),
    # The learner's notification: opened by them, a 404 for anyone else.
    "notifications:open": learner_only(
        lambda w: f"/notifiche/{w.notification.pk}/apri/",
        302,
        method="POST",
    ),
    "notifications:read_all": signed_in(
        lambda w: "/notifiche/lette/", 302, method="POST"
    ),
    # --- certifications: a policy change concerns only the certified learner ---
    "certifications:policy_review": learner_only(
        lambda w: f"/certificazioni/modifiche/{w.policy_change.pk}/"
    ),
    "certifications:policy_quiz": learner_only(
        lambda w: f"/certificazioni/modifiche/{w.policy_change.pk}/quiz/"
    ),
    # --- content: search over public course and module summaries ---------------
    "content:search": everyone(lambda w: "/cerca/?q=modulo"),
    # --- the project's own admin views, under /admin/ behind Wagtail's
    # access_admin check (learners and managers are sent to the login); a
    # PermissionDenied inside the admin is a redirect to the admin's home (302).
    # Course assignment: courses.assign_course (HR and trainers).
    "courses_admin:assign": in_admin(lambda w: "/admin/assegnazioni/"),
    "courses_admin:course": in_admin(
        lambda w: f"/admin/assegnazioni/corso/{w.course.pk}/",
    ),
    # Without a reason the removal is refused: back to the course's list.
    "courses_admin:remove": in_admin(
        lambda w: f"/admin/assegnazioni/{w.enrollment.pk}/rimuovi/",
        method="POST",
        trainer=302,
        hr=302,
        superuser=302,
    ),
    # Marking a policy change: certifications.add_policychange and the right to
    # publish the module (lead trainers; trainers only submit for review).
    # The lead trainer marks policy changes; trainers and HR are sent away.
    "certifications_policy_change": leads_in_admin(
        lambda w: f"/admin/certificazioni/policy/{w.module.pk}/",
    ),
    # Which replies agents choose in scenarios: whoever may edit the pages
    # (trainers); HR has no page permissions.
    "courses_scenarios:index": in_admin(lambda w: "/admin/scenari/", hr=302),
    # Survey results: trainers and HR.
    "surveys_results": in_admin(lambda w: "/admin/questionari/risultati/"),
    "courses_scenarios:summary": in_admin(
        lambda w: f"/admin/scenari/modulo/{w.kc_module.pk}/", hr=302
    ),
    # Item analysis and its CSV: quizzes.change_quiz (trainers).
    "quiz_item_analysis": in_admin(
        lambda w: f"/admin/quiz/{w.course.quiz_id}/analisi/",
        hr=302,
    ),
    "quiz_attempts_csv": in_admin(
        lambda w: f"/admin/quiz/{w.course.quiz_id}/analisi.csv",
        hr=302,
    ),
    # --- content: image renditions, to those who may see a page using them ----
    # The world's image is on a module of the course only the learner is
    # enrolled in; trainers (and superusers) manage images in the admin.
    "content:rendition": Access(lambda w: w.rendition_url, hr=403, manager=403),
    # --- scorm: package files, to those who may see a module using them -------
    # The package is on a module of the course only the learner is enrolled in;
    # trainers (and superusers) manage packages in the admin.
    "scorm:file": Access(lambda w: w.scorm_url, hr=403, manager=403),
    # --- Wagtail's user admin (HR: people.add/change/view_user; no delete) ----
    # Without the model permissions a trainer is sent to the admin's home (302).
    "wagtailusers_users:index": in_admin(lambda w: "/admin/users/", trainer=302),
    "wagtailusers_users:add": in_admin(lambda w: "/admin/users/new/", trainer=302),
    "wagtailusers_users:edit": in_admin(
        lambda w: f"/admin/users/edit/{w.users['learner'].pk}/", trainer=302
    ),
    # An administrator's account is for administrators only.
    "wagtailusers_users:edit#superuser": in_admin(
        lambda w: f"/admin/users/edit/{w.users['superuser'].pk}/",
        trainer=302,
        hr=302,
    ),
    "wagtailusers_users:delete": in_admin(
        lambda w: f"/admin/users/delete/{w.users['learner'].pk}/",
        trainer=302,
        hr=302,
    ),
    # Bulk actions: a role HR may not give is refused by the form (200 again);
    # a superuser gives it (302 back to the list).
    "wagtail_bulk_action": in_admin(
        lambda w: (
            f"/admin/bulk/people/user/assign_role/?id={w.users['learner'].pk}"
            "&next=/admin/users/"
        ),
        method="POST",
        data=lambda w: {"role": w.lead_group.pk},
        trainer=302,
        hr=200,
        superuser=302,
    ),
    "wagtail_bulk_action#set_active_state": in_admin(
        lambda w: (
            f"/admin/bulk/people/user/set_active_state/?id={w.users['superuser'].pk}"
            "&next=/admin/users/"
        ),
        trainer=302,
    ),
    # HR sees the confirmation with the person listed as not deletable (it has
    # no delete permission; test_roles posts it and nothing is deleted).
    "wagtail_bulk_action#delete": in_admin(
        lambda w: (
            f"/admin/bulk/people/user/delete/?id={w.users['learner'].pk}"
            "&next=/admin/users/"
        ),
        trainer=302,
    ),
    # --- Wagtail's snippets the project registers ------------------------------
    "wagtailsnippets_people_department:list": in_admin(
        lambda w: "/admin/snippets/people/department/", trainer=302
    ),
    "wagtailsnippets_people_department:add": in_admin(
        lambda w: "/admin/snippets/people/department/add/", trainer=302
    ),
    "wagtailsnippets_notifications_emailtemplate:list": in_admin(
        lambda w: "/admin/snippets/notifications/emailtemplate/"
    ),
    "wagtailsnippets_notifications_emailtemplate:edit": in_admin(
        lambda w: f"/admin/snippets/notifications/emailtemplate/edit/{w.template_pk}/"
    ),
    # Governed content: trainers edit quizzes and submit them for review; only
    # who holds publish_* (lead trainers, superusers) publishes or unpublishes
    # (a PermissionDenied in the admin: back to its home, 302).
    "wagtailsnippets_quizzes_quiz:edit": in_admin(
        lambda w: f"/admin/snippets/quizzes/quiz/edit/{w.course.quiz_id}/", hr=302
    ),
    "wagtailsnippets_quizzes_quiz:unpublish": leads_in_admin(
        lambda w: f"/admin/snippets/quizzes/quiz/unpublish/{w.course.quiz_id}/",
    ),
    "wagtailsnippets_notifications_emailtemplate:unpublish": leads_in_admin(
        lambda w: (
            f"/admin/snippets/notifications/emailtemplate/unpublish/{w.template_pk}/"
        ),
    ),
    # Sessions: trainers add and change them, HR reads them; which course
    # requires one is for lead trainers.
    "wagtailsnippets_classroom_session:list": in_admin(
        lambda w: "/admin/snippets/classroom/session/"
    ),
    "wagtailsnippets_classroom_session:add": in_admin(
        lambda w: "/admin/snippets/classroom/session/add/", hr=302
    ),
    "wagtailsnippets_classroom_sessionrequirement:list": leads_in_admin(
        lambda w: "/admin/snippets/classroom/sessionrequirement/",
    ),
    "wagtailsnippets_observations_checklist:edit": in_admin(
        lambda w: (
            f"/admin/snippets/observations/checklist/edit/{w.observation.checklist_id}/"
        ),
        hr=302,
    ),
    "wagtailsnippets_observations_checklist:unpublish": leads_in_admin(
        lambda w: (
            "/admin/snippets/observations/checklist/unpublish/"
            f"{w.observation.checklist_id}/"
        ),
    ),
    # Observed practice: the agent, their team leader and trainers; HR reads
    # the results per parameter only.
    "observations:mine": signed_in(lambda w: "/osservazioni/"),
    "observations:todo": Access(
        lambda w: "/osservazioni/da-osservare/", learner=403, hr=403
    ),
    "observations:new": Access(
        lambda w: "/osservazioni/nuova/",
        method="POST",
        data=lambda w: {
            "agent": w.users["learner"].pk,
            "checklist": w.observation.checklist_id,
            "context": "call",
        },
        learner=403,
        hr=403,
        trainer=302,
        manager=302,
        superuser=302,
    ),
    "observations:results": Access(lambda w: "/osservazioni/risultati/", learner=403),
    "observations:detail": Access(
        lambda w: f"/osservazioni/{w.observation.pk}/", hr=404
    ),
    "observations:acknowledge": learner_only(
        lambda w: f"/osservazioni/{w.observation.pk}/presa-visione/",
        302,
        method="POST",
    ),
    # The e-mail log: HR reads it; nobody edits it.
    "wagtailsnippets_notifications_emailrecord:list": in_admin(
        lambda w: "/admin/snippets/notifications/emailrecord/", trainer=302
    ),
}

# Third-party URL trees, by prefix. Every pattern under these prefixes without
# URL arguments is requested with GET by anonymous and by a learner: neither may
# ever get a page of the admin, and nothing may fail with a server error.
THIRD_PARTY = {
    "admin/": {"anonymous": {302, 404, 405}, "learner": {302, 403, 404, 405}},
    # allauth's company sign-in pages: its error page answers 401, and its
    # old /account/social/ addresses redirect (301) to /account/3rdparty/.
    "account/": {
        "anonymous": {200, 301, 302, 401, 405},
        "learner": {200, 301, 302, 401, 404, 405},
    },
    "documents/": {"anonymous": {200, 302, 404, 405}},
    "_util/": {"anonymous": {200, 302, 404, 405}},
}


# Static assets of the admin, the same for everybody.
PUBLIC_ASSETS = {"wagtailadmin_sprite", "wagtailadmin_javascript_catalog"}


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace
                    else pattern.namespace
                )
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name
            if name and namespace:
                name = f"{namespace}:{name}"
            yield prefix + str(pattern.pattern), name, pattern


def project_urls():
    return [
        (route, name)
        for route, name, _ in walk(get_resolver().url_patterns)
        if not route.startswith(tuple(THIRD_PARTY))
    ]


def test_every_url_has_an_entry():
    missing = [
        f"{route} ({name})"
        for route, name in project_urls()
        if name is None or name not in URLS
    ]
    assert missing == [], "add these URLs to URLS in " + __file__


def test_no_entry_is_stale():
    # "name:module" and "name#variant" are a second case of the same URL.
    names = {name for _, name, _ in walk(get_resolver().url_patterns)}
    stale = {key for key in URLS if key.split(":module")[0].split("#")[0] not in names}
    assert stale == set()


@dataclass
class World:
    course: object
    other_course: object
    module: object
    attempt: Attempt
    certificate: Certificate
    users: dict
    kc_module: object  # a module with a knowledge check and a scenario
    kc_block_id: str
    sc_block_id: str
    scorm_block_id: str  # a SCORM package block on the same module
    scorm_url: str  # its launch file
    notification: Notification  # the learner's
    policy_change: PolicyChange  # concerns the learner, certified before it
    api_token: ApiToken  # created by HR
    api_secret: str
    people_import: PeopleImport  # uploaded by HR
    enrollment: Enrollment  # the learner's, in the course
    rendition_url: str  # of an image on the course's first module
    lead_group: object  # the Lead trainer group
    template_pk: int  # an e-mail template
    session: object  # a coming session of the course, led by the trainer
    feed_token: str  # the learner's calendar feed
    observation: object  # of the learner by their manager, submitted
    survey_invitation: object  # the learner's, to a survey

    def pdf_upload(self):
        if not certificate_pdf_available(certificate=self.certificate):
            certificate_store_pdf(certificate=self.certificate)
        with self.certificate.pdf.open("rb") as handle:
            content = handle.read()
        return {
            "file": SimpleUploadedFile(
                "certificato.pdf", content, content_type="application/pdf"
            )
        }


@pytest.fixture
def world(catalogue, django_capture_on_commit_callbacks):
    learner = make_user("agente@test.it", role=roles.LEARNER, employee_id="A0001")
    manager = make_user("capo@test.it", role=roles.LEARNER, first_name="Capo")
    learner.manager = manager
    learner.save()
    users = {
        "learner": learner,
        "manager": manager,
        "trainer": make_user("formatore@test.it", role=roles.TRAINER),
        "lead": make_user("capoformatore@test.it", role=roles.LEAD_TRAINER),
        "hr": make_user("hr@test.it", role=roles.HR),
        "superuser": User.objects.create_superuser(
            email="admin@test.it", password=PASSWORD
        ),
    }
    course = make_course(catalogue, title="Corso", modules=2)
    other_course = make_course(catalogue, title="Altro", modules=1)
    kc_course = make_course(catalogue, title="Verifiche", modules=0, quiz=False)
    package = make_package()
    kc_module = make_module(
        kc_course,
        "Verifica",
        body=[
            ("knowledge_check", knowledge_check()),
            ("scenario", scenario()),
            ("scorm", scorm_block(package)),
        ],
    )
    client = Client()
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certify_through_pages(client, course)
        client.post(f"/corsi/{kc_course.pk}/iscrizione/")
    module = course_modules(course=course)[0]
    image = Image.objects.create(title="Schema", file=get_test_image_file())
    module.body = [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "Schema", "decorative": False},
                "caption": "",
            },
        }
    ]
    # A certification of the course, then a material change of its first module
    # published after the learner's certificate.
    certification = make_certification(course)
    first = module.save_revision(user=users["superuser"])
    first.publish(user=users["superuser"])
    second = module.save_revision(user=users["superuser"])
    second.publish(user=users["superuser"])
    policy_change = PolicyChange.objects.create(
        certification=certification,
        module=module,
        revision=second,
        previous_revision=first,
        note="Rimborsi più rapidi.",
        due_date=timezone.localdate() + timedelta(days=30),
    )
    api_token, api_secret = api_token_create(name="Paghe", by=users["hr"])
    people_import = people_import_upload(
        uploaded_file=SimpleUploadedFile(
            "persone.csv",
            b"employee_id,first_name,last_name,email\nB0001,Anna,Neri,anna@test.it\n",
        ),
        by=users["hr"],
    )
    return World(
        course=course,
        other_course=other_course,
        module=module,
        attempt=Attempt.objects.get(user=learner),
        certificate=certificate,
        users=users,
        kc_module=kc_module,
        kc_block_id=kc_module.body[0].id,
        sc_block_id=kc_module.body[1].id,
        scorm_block_id=kc_module.body[2].id,
        scorm_url=package.launch_url,
        notification=Notification.objects.create(
            user=learner,
            kind=Kind.ASSIGNMENT,
            title="Nuovo corso",
            url="/la-mia-formazione/",
        ),
        policy_change=policy_change,
        api_token=api_token,
        api_secret=api_secret,
        people_import=people_import,
        enrollment=Enrollment.objects.get(user=learner, course=course),
        rendition_url=image.get_rendition("width-960").url,
        lead_group=Group.objects.get(name=roles.LEAD_TRAINER),
        template_pk=EmailTemplate.objects.values_list("pk", flat=True).first(),
        session=make_session(course, users["trainer"]),
        feed_token=calendar_feed_rotate(user=learner).token,
        observation=observe(manager, learner, make_checklist()),
        survey_invitation=survey_invite(
            user=learner,
            survey=Survey.objects.create(
                title="Gradimento", questions=[{"type": "rating", "value": "Utile?"}]
            ),
            context_label=course.title,
            course=course,
        ),
    )


def outcome(response):
    if response.status_code == 302 and response["Location"].startswith(
        "/account/login/"
    ):
        return LOGIN
    return response.status_code


def call(access, world, client, **headers):
    data = access.data(world) if callable(access.data) else access.data
    method = client.post if access.method == "POST" else client.get
    extra = {"content_type": access.content_type} if access.content_type else {}
    return outcome(
        method(access.url(world), data, headers=access.headers | headers, **extra)
    )


@pytest.mark.parametrize("name", sorted(URLS))
def test_who_may_reach(name, world):
    access = URLS[name]
    got, want = {}, {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world.users[role])
        got[role] = call(access, world, client)
        want[role] = access.expected(role)
    if access.token is not None:
        bearer = f"Bearer {world.api_secret}"
        got["token"] = call(access, world, Client(), Authorization=bearer)
        want["token"] = access.token
    assert got == want


def test_third_party_trees_never_open_to_the_wrong_people(world):
    problems = []
    for route, name, _pattern in walk(get_resolver().url_patterns):
        rule = next(
            (r for prefix, r in THIRD_PARTY.items() if route.startswith(prefix)), None
        )
        if rule is None or "<" in route or "(" in route or "^" in route:
            continue
        if name in PUBLIC_ASSETS or name in URLS:
            continue
        for role, allowed in rule.items():
            client = Client()
            if role != "anonymous":
                client.force_login(world.users[role])
            status = client.get("/" + route).status_code
            if status not in allowed:
                problems.append(f"{role} GET /{route} ({name}): {status}")
    assert problems == [], "\n".join(problems)


# Object level: whatever IDs a learner types, another person's records stay closed.


@pytest.fixture
def stranger(world, catalogue, django_capture_on_commit_callbacks):
    other = make_user("altro@test.it", role=roles.LEARNER, first_name="Altro")
    client = Client()
    client.force_login(other)
    course = make_course(catalogue, title="Suo corso", modules=1)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certify_through_pages(client, course)
    return other, certificate


def test_a_learner_cannot_read_anothers_attempt_or_certificate(world, stranger):
    other, certificate = stranger
    attempt = Attempt.objects.get(user=other)
    client = Client()
    client.force_login(world.users["learner"])
    assert client.get(f"/quiz/tentativi/{attempt.pk}/").status_code == 404
    assert client.get(f"/certificati/{certificate.pk}/pdf/").status_code == 404
    # Every nearby ID is closed too, not just the one we know about.
    own = {world.attempt.pk}
    for pk in range(1, attempt.pk + 3):
        status = client.get(f"/quiz/tentativi/{pk}/").status_code
        assert status == (200 if pk in own else 404), pk
    for pk in range(1, certificate.pk + 3):
        status = client.get(f"/certificati/{pk}/pdf/").status_code
        assert status == (200 if pk == world.certificate.pk else 404), pk
    # The public verification page shows the record, never the PDF.
    page = client.get(f"/verifica/{certificate.verification_code}/")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")


def test_a_learner_sees_only_their_own_progress(world, stranger):
    other, _ = stranger
    client = Client()
    client.force_login(world.users["learner"])
    page = client.get("/la-mia-formazione/").content.decode()
    assert "Suo corso" not in page
    assert client.get("/hr/stato-formazione/").status_code == 403
    # The module of a course they are not enrolled in stays closed.
    module = course_modules(course=stranger[1].course)[0]
    response = client.get(module.url)
    assert response.status_code == 302
    assert "Modulo 1" not in response.content.decode()
    client.post(f"/moduli/{module.pk}/completa/")
    assert not Enrollment.objects.filter(
        user=world.users["learner"], course=stranger[1].course
    ).exists()


def test_documents_tree_serves_documents_to_their_readers_only(world):
    from django.core.files.base import ContentFile

    document = Document(title="Guida")
    document.file.save("guida.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    # No page uses it: anonymous people sign in first, learners are refused.
    assert outcome(Client().get(document.url)) == LOGIN
    learner = Client()
    learner.force_login(world.users["learner"])
    assert learner.get(document.url).status_code == 403
    trainer = Client()
    trainer.force_login(world.users["trainer"])
    response = trainer.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_hr_cannot_edit_or_deactivate_a_superuser(world):
    # Changing a superuser's e-mail would let HR reset the password and take the
    # account; deactivating would lock the administrator out.
    admin = world.users["superuser"]
    client = Client()
    client.force_login(world.users["hr"])
    edit = f"/hr/persone/{admin.pk}/"
    assert client.get(edit).status_code == 403
    form = {"first_name": "A", "last_name": "B", "email": "hr@evil.test"}
    assert client.post(edit, form | {"preferred_language": "it"}).status_code == 403
    active = f"/hr/persone/{admin.pk}/attivo/"
    assert client.post(active, {"active": "0"}).status_code == 403
    admin.refresh_from_db()
    assert (admin.email, admin.is_active) == ("admin@test.it", True)
    # A superuser still manages other superusers.
    client.force_login(admin)
    assert client.get(edit).status_code == 200

"""Pages are found by their URL path in one query (content.views.serve_page);
what Wagtail's walk down the tree decided must still hold."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from courses.models import CourseCatalogPage
from courses.services import enrollment_create


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries]


def test_a_module_is_found_without_walking_the_tree(login, learner, course):
    enrollment_create(user=learner, course=course)
    client = login(learner)
    module = course.get_children().first()
    response, queries = _page_queries(client, module.url)
    assert response.status_code == 200
    assert module.title in response.content.decode()
    # Wagtail's walk asks each level for its child by slug (four levels here).
    assert not [sql for sql in queries if '"wagtailcore_page"."slug" =' in sql]
    assert [sql for sql in queries if '"wagtailcore_page"."url_path" =' in sql]


def test_a_moved_course_is_served_at_its_new_address(client, catalogue, course):
    old_url = course.url
    other = catalogue.get_parent().add_child(
        instance=CourseCatalogPage(title="Aggiornamenti", slug="aggiornamenti")
    )
    course.move(other, pos="last-child")
    course.refresh_from_db()
    assert course.url != old_url
    # The old address leads to the new one (Wagtail's redirect on move).
    moved = client.get(old_url)
    assert moved.status_code == 301 and moved["Location"] == course.url
    response = client.get(course.url)
    assert response.status_code == 200
    assert course.title in response.content.decode()


def test_an_unpublished_course_and_a_missing_address_answer_404(client, course):
    url = course.url
    course.unpublish()
    assert client.get(url).status_code == 404
    assert client.get("/corsi/nessun-corso/").status_code == 404


def test_a_private_page_still_asks_for_a_login(client, course):
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(course.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_site_is_not_looked_up_on_every_page(client, course):
    client.get(course.url)
    response, queries = _page_queries(client, course.url)
    assert response.status_code == 200
    assert not [sql for sql in queries if 'FROM "wagtailcore_site"' in sql]


def test_a_site_given_a_new_home_page_serves_it_at_once(client, catalogue, course):
    from wagtail.models import Page, Site

    from content.models import HomePage

    assert client.get(course.url).status_code == 200
    root = Page.objects.get(depth=1)
    other_home = root.add_child(instance=HomePage(title="Portale HR", slug="portale"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = other_home
    site.save()
    response = client.get("/")
    assert response.status_code == 200
    assert "Portale HR" in response.content.decode()
    # The course belongs to the previous home page: not part of this site now.
    assert client.get("/corsi/" + course.slug + "/").status_code == 404


def test_a_home_page_chosen_in_the_site_admin_is_served_at_once(client, catalogue):
    from wagtail.models import Page, Site

    from content.models import HomePage
    from tests.builders import make_user

    admin = make_user("admin@test.it", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get("/").status_code == 200  # the site is remembered
    other_home = Page.objects.get(depth=1).add_child(
        instance=HomePage(title="Portale HR", slug="portale")
    )
    site = Site.objects.get(is_default_site=True)
    response = client.post(
        f"/admin/sites/edit/{site.pk}/",
        {
            "hostname": site.hostname,
            "port": site.port,
            "site_name": "",
            "root_page": other_home.pk,
            "is_default_site": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Site.objects.get(pk=site.pk).root_page_id == other_home.pk
    assert "Portale HR" in client.get("/").content.decode()

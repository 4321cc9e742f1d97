"""Module documents and images are served only to people allowed to see the
module (issue 20 §5, issue 21 §3, issue 24 §1); images learners may see are
served without DEBUG (the test settings run with DEBUG off, as production)."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from courses.models import Enrollment
from tests.builders import make_course, make_module, make_user

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def document(db):
    document = Document(title="Procedura rimborsi")
    document.file.save("rimborsi.pdf", ContentFile(PDF))
    return document


@pytest.fixture
def image(db):
    return Image.objects.create(title="Schema", file=get_test_image_file())


@pytest.fixture
def module(catalogue, document, image):
    course = make_course(catalogue, title="Rimborsi", modules=0, quiz=False)
    return make_module(
        course,
        "Procedura",
        body=[
            ("document", {"document": document.pk, "description": ""}),
            (
                "image",
                {
                    "image": {
                        "image": image.pk,
                        "alt_text": "Schema del rimborso",
                        "decorative": False,
                    },
                    "caption": "",
                },
            ),
        ],
    )


@pytest.fixture
def enrolled(module, learner):
    Enrollment.objects.create(user=learner, course=module.get_parent().specific)
    return learner


def as_user(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def rendition_url(image) -> str:
    return image.get_rendition("width-960").url


def test_a_modules_document_goes_to_its_learners_only(
    module, document, enrolled, trainer
):
    stranger = make_user("altro@test.it")
    response = as_user().get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert as_user(stranger).get(document.url).status_code == 403
    response = as_user(enrolled).get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    # Trainers choose and preview documents in the admin.
    assert as_user(trainer).get(document.url).status_code == 200


def test_the_learners_module_page_links_a_document_they_can_download(
    module, document, enrolled
):
    client = as_user(enrolled)
    page = client.get(module.url).content.decode()
    assert document.url in page
    assert client.get(document.url).status_code == 200


def test_a_document_no_page_uses_is_for_its_managers_only(document, learner, trainer):
    assert as_user().get(document.url).status_code == 302
    assert as_user(learner).get(document.url).status_code == 403
    assert as_user(trainer).get(document.url).status_code == 200


def test_a_modules_image_goes_to_its_learners_only(module, image, enrolled, trainer):
    url = rendition_url(image)
    assert url.startswith("/media/images/")
    stranger = make_user("altro@test.it")
    assert as_user().get(url).status_code == 302
    assert as_user(stranger).get(url).status_code == 403
    response = as_user(enrolled).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content)[:4] == b"\x89PNG"
    assert "private" in response["Cache-Control"]
    assert as_user(trainer).get(url).status_code == 200


def test_the_learner_sees_the_image_the_module_page_shows(module, image, enrolled):
    client = as_user(enrolled)
    page = client.get(module.url).content.decode()
    url = rendition_url(image)
    assert f'src="{url}"' in page
    assert client.get(url).status_code == 200


def test_an_image_on_a_public_page_is_for_everyone(catalogue, image):
    course = make_course(catalogue, title="Pubblico", modules=0, quiz=False)
    course.summary = ""
    home = course.get_parent().get_parent().specific
    home.body = [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "Logo", "decorative": False},
                "caption": "",
            },
        }
    ]
    home.save_revision().publish()
    assert as_user().get(rendition_url(image)).status_code == 200


def test_other_media_files_have_no_address(document, image, db):
    for name in (document.file.name, image.file.name, "imports/x.csv"):
        assert as_user().get(f"/media/{name}").status_code == 404

"""Images through the admin: a file the image library cannot read is refused
with the message of any other non-image, never a 500; and, as for documents,
only lead trainers replace the file of an image already in the library."""

import json
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, ModelLogEntry

from content.forms import IMAGE_REPLACEMENT_REFUSED

Image = get_image_model()

# What Wagtail (through Django) says of a file that is not an image.
NOT_AN_IMAGE = "Carica un'immagine valida"


def _png(colour="white", size=(40, 30)):
    out = BytesIO()
    PILImage.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


CORRUPT = {
    # The PNG signature, then junk.
    "trunc.png": b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"junk" * 5,
    # A GIF's signature over a script.
    "fake.gif": b"GIF89a<script>alert(document.cookie)</script>",
    # Random bytes (already refused before the fix).
    "random.png": bytes(range(256)) * 4,
}


def _root():
    return Collection.get_first_root_node()


@pytest.mark.parametrize("name", CORRUPT)
def test_a_corrupt_image_is_refused_with_a_message(db, login, trainer, name):
    response = login(trainer).post(
        "/admin/images/add/",
        {
            "title": "Banco",
            "file": SimpleUploadedFile(name, CORRUPT[name]),
            "collection": _root().pk,
            "tags": "",
        },
    )
    assert response.status_code == 200
    assert NOT_AN_IMAGE in response.content.decode().replace("&#x27;", "'")
    assert not Image.objects.exists()


@pytest.mark.parametrize("name", CORRUPT)
def test_the_multiple_uploader_refuses_it_too(db, login, trainer, name):
    response = login(trainer).post(
        "/admin/images/multiple/add/",
        {"files[]": SimpleUploadedFile(name, CORRUPT[name])},
    )
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["success"] is False
    assert NOT_AN_IMAGE in answer["error_message"]
    assert not Image.objects.exists()


def test_a_good_image_is_still_uploaded(db, login, trainer):
    response = login(trainer).post(
        "/admin/images/add/",
        {
            "title": "Banco",
            "file": SimpleUploadedFile("banco.png", _png()),
            "collection": _root().pk,
            "tags": "",
        },
    )
    assert response.status_code == 302
    assert Image.objects.get().width == 40


def _image():
    return Image.objects.create(
        title="Banco",
        collection=_root(),
        file=ImageFile(BytesIO(_png("white")), name="banco.png"),
    )


def _replace(client, image):
    return client.post(
        f"/admin/images/{image.pk}/",
        {
            "title": image.title,
            "file": SimpleUploadedFile("banco.png", _png("red", size=(50, 20))),
            "collection": image.collection_id,
            "tags": "",
        },
    )


def test_a_trainer_cannot_replace_an_images_file(db, login, trainer):
    image = _image()
    before = image.file.name
    response = _replace(login(trainer), image)
    assert response.status_code == 200
    assert str(IMAGE_REPLACEMENT_REFUSED) in response.content.decode().replace(
        "&#x27;", "'"
    )
    image.refresh_from_db()
    assert (image.file.name, image.width) == (before, 40)


def test_a_trainer_still_edits_the_images_title(db, login, trainer):
    image = _image()
    response = login(trainer).post(
        f"/admin/images/{image.pk}/",
        {"title": "Il banco", "collection": image.collection_id, "tags": ""},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "Il banco"


def test_a_lead_trainer_replaces_the_file_and_it_is_logged(db, login, lead):
    image = _image()
    response = _replace(login(lead), image)
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.width, image.height) == (50, 20)
    entry = ModelLogEntry.objects.get(object_id=str(image.pk), action="wagtail.edit")
    assert entry.user_id == lead.pk

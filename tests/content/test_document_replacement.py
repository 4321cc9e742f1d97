"""A module's document is part of what it teaches: replacing its file is a
publication, so only lead trainers may do it; a trainer uploads a new document
and the module that uses it goes through review."""

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from content.forms import FILE_REPLACEMENT_REFUSED

Document = get_document_model()


def _document():
    document = Document(
        title="Procedura resi", collection=Collection.get_first_root_node()
    )
    document.file.save("resi.txt", ContentFile(b"Resi entro 14 giorni.\n"), save=False)
    document.save()
    return document


def _replace(client, document, title="Procedura resi"):
    return client.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": title,
            "file": SimpleUploadedFile("resi.txt", b"Resi entro 3 giorni.\n"),
            "collection": document.collection_id,
            "tags": "",
        },
    )


def test_a_trainer_cannot_replace_a_documents_file(db, login, trainer):
    document = _document()
    response = _replace(login(trainer), document)
    assert response.status_code == 200
    assert str(FILE_REPLACEMENT_REFUSED) in response.content.decode()
    document.refresh_from_db()
    with document.file.open("rb") as handle:
        assert handle.read() == b"Resi entro 14 giorni.\n"


def test_a_trainer_still_edits_the_title(db, login, trainer):
    document = _document()
    response = login(trainer).post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": "Procedura dei resi", "collection": document.collection_id},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Procedura dei resi"


def test_a_lead_trainer_replaces_the_file(db, login, lead):
    document = _document()
    response = _replace(login(lead), document)
    assert response.status_code == 302
    document.refresh_from_db()
    with document.file.open("rb") as handle:
        assert handle.read() == b"Resi entro 3 giorni.\n"

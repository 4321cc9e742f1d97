from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from people.models import User

DEMO_CSV = Path(__file__).resolve().parents[2] / "docs" / "demo" / "azienda-demo.csv"


def test_hr_imports_the_demo_company_and_the_manager_sees_the_team(
    client, db, django_capture_on_commit_callbacks
):
    call_command("load_demo_data", verbosity=0)
    assert client.login(email="hr@example.com", password="demo-hr-2026")
    response = client.post(
        "/hr/persone/importa/",
        {"file": SimpleUploadedFile("azienda-demo.csv", DEMO_CSV.read_bytes())},
    )
    preview = client.get(response["Location"]).content.decode()
    assert "Errori da correggere" not in preview
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(response["Location"])
    status = client.get(done["Location"]).content.decode()
    assert "Completata" in status and "Non riuscita" not in status
    assert User.objects.filter(employee_id__startswith="BO-").count() >= 7
    assert client.get("/hr/conformita/").status_code == 200

    client.logout()
    assert client.login(
        email="responsabile.team@example.com", password="demo-manager-2026"
    )
    page = client.get("/hr/conformita/").content.decode()
    assert "Giulia Bianchi" in page and "Luca Conti" in page
    assert "Davide Colombo" not in page

"""An observation lands in the person's transcript, on the page and in the PDF
(read back as text)."""

from datetime import date

from people import roles
from tests.builders import make_site, make_user
from tests.observations.builders import make_checklist, observe
from tests.pdfs import pdf_text


def test_observations_in_the_transcript_page_and_pdf(client, hr, travel):
    make_site()
    leader = make_user(
        "capo@test.it", role=roles.LEARNER, first_name="Carla", last_name="Capo"
    )
    agent = make_user("agente@test.it", role=roles.LEARNER)
    agent.manager = leader
    agent.save()
    travel(date(2026, 5, 4))
    observe(leader, agent, make_checklist("Sportello"), level=3)
    observe(leader, agent, make_checklist("Telefono"), level=0)
    client.force_login(hr)
    page = client.get(f"/hr/storico/{agent.pk}/").content.decode()
    assert "Osservazioni sul lavoro" in page
    assert "Sportello" in page and "Telefono" in page and "Carla Capo" in page
    pdf = client.get(f"/hr/storico/{agent.pk}/pdf/")
    assert pdf.status_code == 200
    text = " ".join(pdf_text(pdf.content).split())
    assert "Osservazioni sul lavoro" in text
    assert "04/05/2026 Sportello Chiamata Carla Capo 15 100% Superata" in text
    assert "Telefono Chiamata Carla Capo 15 0% Non superata" in text
    # The team leader reads it for their team too.
    client.force_login(leader)
    assert "Sportello" in client.get(f"/hr/storico/{agent.pk}/").content.decode()

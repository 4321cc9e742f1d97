"""HR's person form refuses a manager chain that comes back to the person."""

import pytest

from people.models import User
from tests.builders import make_person

URL = "/hr/persone/"


@pytest.fixture
def chain(db):
    # Carla manages Anna, Anna manages Luca.
    boss = make_person("boss", employee_id="CC-3001")
    anna = make_person("anna", employee_id="CC-3002", manager=boss)
    luca = make_person("luca", employee_id="CC-3003", manager=anna)
    return boss, anna, luca


def _post_manager(client, person, manager):
    return client.post(
        f"{URL}{person.pk}/",
        {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "employee_id": person.employee_id,
            "manager": manager,
            "preferred_language": "it",
            "roles": list(person.groups.values_list("pk", flat=True)),
        },
    )


def test_own_employee_id_as_manager(login, hr, chain):
    boss, _anna, _luca = chain
    response = _post_manager(login(hr), boss, "CC-3001")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Una persona non può essere responsabile di sé stessa." in page
    assert "Nessuna persona attiva con questa matricola." not in page
    boss.refresh_from_db()
    assert boss.manager is None


def test_a_manager_below_the_person_is_refused(login, hr, chain):
    boss, _anna, _luca = chain
    response = _post_manager(login(hr), boss, "CC-3003")
    assert response.status_code == 200
    assert (
        "La catena dei responsabili torna a questa persona: Carla Capo (CC-3001) → "
        "Luca Conti (CC-3003) → Anna Ricci (CC-3002) → Carla Capo (CC-3001)."
        in response.content.decode()
    )
    assert User.objects.get(pk=boss.pk).manager is None


def test_a_loop_deeper_down_is_refused_a_manager_beside_accepted(login, hr, chain):
    _boss, anna, luca = chain
    other = make_person("sara", employee_id="CC-3004", manager=luca)
    response = _post_manager(login(hr), anna, "CC-3004")
    # Sara is under Luca, under Anna: a loop again.
    assert "La catena dei responsabili torna a questa persona" in (
        response.content.decode()
    )
    response = _post_manager(login(hr), other, "CC-3001")
    assert response.status_code == 302
    assert User.objects.get(pk=other.pk).manager.employee_id == "CC-3001"

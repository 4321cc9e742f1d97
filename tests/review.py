"""The review workflow as people use it in Wagtail's admin: open an edit form,
change fields, press "Invia per la revisione"; a reviewer approves from the
workflow action. Shared by the tests of every governed snippet."""

from tests.forms import form_values


def edit_form(client, url) -> dict[str, str | list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    values: dict[str, str | list[str]] = {}
    for name, value in form_values(response.content.decode()):
        # A multiple choice (courses, departments, roles) sends each value.
        if name in values:
            previous = values[name]
            values[name] = (
                [*previous, value]
                if isinstance(previous, list)
                else [
                    previous,
                    value,
                ]
            )
        else:
            values[name] = value
    # Wagtail's own fields of the page (search box, CSRF) are not the snippet's;
    # an empty StreamField's count is set by the editor's script.
    values.pop("q", None)
    values.pop("csrfmiddlewaretoken", None)
    if "branching-count" not in values and "/question/" in url:
        values["branching-count"] = "0"
    return values


def submit_change(client, url, **changes) -> None:
    """Open the edit view, change fields, press "Invia per la revisione"."""
    data = edit_form(client, url)
    data.update(changes)
    data["action-submit"] = "submit"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def task_state_of(obj):
    obj.refresh_from_db()
    return obj.current_workflow_state.current_task_state


def approve(client, admin_url, obj):
    """Post the reviewer's "Approva e pubblica" for `obj`'s current task."""
    task_state = task_state_of(obj)
    url = f"{admin_url}/workflow/action/{obj.pk}/approve/{task_state.pk}/"
    return client.post(url, {"comment": "Va bene."}), task_state

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

HR_FIELDS = [
    "employee_id",
    "department",
    "job_title",
    "hire_date",
    "manager",
    "preferred_language",
]


class PersonCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = [*UserCreationForm.Meta.fields, *HR_FIELDS]


class PersonEditForm(UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = [*UserEditForm.Meta.fields, *HR_FIELDS]


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return PersonEditForm if for_update else PersonCreationForm

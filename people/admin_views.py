from django.core.exceptions import PermissionDenied
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import CreateView, EditView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

HR_FIELDS = [
    "employee_id",
    "department",
    "job_title",
    "hire_date",
    "manager",
    "preferred_language",
]


class _SuperuserFlag:
    """Only a superuser may make someone an administrator: HR may add and edit
    people in this admin, and without this Wagtail shows them the flag."""

    def __init__(self, *args, may_grant_superuser: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_grant_superuser:
            self.fields.pop("is_superuser", None)


class PersonCreationForm(_SuperuserFlag, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = [*UserCreationForm.Meta.fields, *HR_FIELDS]


class PersonEditForm(_SuperuserFlag, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = [*UserEditForm.Meta.fields, *HR_FIELDS]


class _GrantsBySuperusersOnly:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["may_grant_superuser"] = self.request.user.is_superuser
        return kwargs


class PersonCreateView(_GrantsBySuperusersOnly, CreateView):
    pass


class PersonEditView(_GrantsBySuperusersOnly, EditView):
    def dispatch(self, request, *args, **kwargs):
        # An administrator's account (password, e-mail, groups) is changed by
        # administrators only, as on the HR pages and in imports.
        if self.object.is_superuser and not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UserViewSet(WagtailUserViewSet):
    add_view_class = PersonCreateView
    edit_view_class = PersonEditView

    def get_form_class(self, for_update=False):
        return PersonEditForm if for_update else PersonCreationForm

"""The REST API's URLs, for `include()` from the project's URL configuration,
under the instance namespace Django Ninja reverses with ("api")."""

from .api import api

urlpatterns, _app_name, app_name = api.urls

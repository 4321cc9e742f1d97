app_name = "hr"

urlpatterns: list = []

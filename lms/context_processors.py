def navigation(request):
    """Flags the site header needs to show each role its entry points."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {
            "hr": user.has_perm("people.view_training_status"),
            "admin": user.has_perm("wagtailadmin.access_admin"),
        }
    }

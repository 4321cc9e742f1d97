def navigation(request):
    """Flags the site header needs to show each role its entry points."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {
            "hr": user.has_perm("people.view_training_status"),
            "people": user.has_perm("people.view_user"),
            # Set at login (people.signals): no query on every page.
            "team": request.session.get("lms_is_manager", False),
            "admin": user.has_perm("wagtailadmin.access_admin"),
        }
    }

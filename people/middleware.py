from django.conf import settings
from django.utils import translation


class UserLanguageMiddleware:
    """Activate the interface language: the person's preference when signed in,
    otherwise the language cookie, otherwise Italian.

    The browser's Accept-Language is deliberately ignored: the product is Italian
    by default, and English is a choice a person makes.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        language = settings.LANGUAGE_CODE
        user = getattr(request, "user", None)
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if user is not None and user.is_authenticated:
            language = user.preferred_language
        elif cookie in self.supported:
            language = cookie
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response

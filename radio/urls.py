from django.urls import path

from . import views

app_name = "radio"

# Under /reader/: past the front cache, so the form carries Django's CSRF token.
urlpatterns = [
    path("gui-tin-bai/", views.submit, name="submit"),
    path("tra-cuu/", views.track, name="track"),
]

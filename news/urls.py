from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    # Past the front cache (settings.SHARED_CACHE_EXCLUDED_PATHS).
    path("reader/feedback/token/", views.feedback_token, name="feedback_token"),
    path("reader/feedback/<int:page_id>/", views.feedback, name="feedback"),
    path("reader/views/<int:page_id>/", views.count_view, name="count_view"),
]

"""What readers do past the front cache: sending feedback on a story and counting a view.

Story pages are the same for every reader and carry no cookie, so the feedback form holds no
CSRF token. When a reader starts filling it in, the page's script fetches one from
`feedback_token` (never cached); without JavaScript the browser's Origin (or Referer) header
must name this site. The honeypot and the per-address rate limit apply either way.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import viewcounts
from .forms import FeedbackForm
from .models import ArticlePage


@never_cache
@require_GET
def feedback_token(request):
    return JsonResponse({"token": get_token(request)})


def is_same_origin(request):
    """The browser says the form was sent from a page of this site."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        referer = urlsplit(request.META.get("HTTP_REFERER", ""))
        if not referer.netloc:
            return False
        origin = f"{referer.scheme}://{referer.netloc}"
    return origin == f"{request.scheme}://{request.get_host()}" or (
        origin in settings.CSRF_TRUSTED_ORIGINS
    )


def has_valid_token(request):
    if "csrfmiddlewaretoken" not in request.POST:
        return False
    # Django's own check of the token against the cookie (and of the Origin when sent).
    return CsrfViewMiddleware(lambda _request: None).process_view(request, None, (), {}) is None


@csrf_exempt  # checked in the view: a token from feedback_token, or this site's Origin
@require_POST
def feedback(request, page_id):
    story = get_object_or_404(ArticlePage.objects.live().public(), pk=page_id)
    form = FeedbackForm(request.POST, article=story, request=request)
    if not (has_valid_token(request) or is_same_origin(request)):
        form.refuse(_("Your feedback could not be checked. Reload the page and send it again."))
        status = 403
    elif form.is_valid():
        form.save()
        return redirect(story.get_url(request) + "?phan-hoi=da-gui#phan-hoi")
    else:
        status = 400
    context = story.get_context(request, feedback_form=form)
    return TemplateResponse(request, story.get_template(request), context, status=status)


@csrf_exempt  # a view count, not something a reader could be tricked into changing
@require_POST
def count_view(request, page_id):
    viewcounts.record_hit(request, page_id)
    return HttpResponse(status=204)

"""The public side of the radio desk: correspondents send stories and follow them by code."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from .forms import SubmissionForm, TrackingForm
from .models import Submission


@never_cache
def submit(request):
    if request.method == "POST":
        form = SubmissionForm(request.POST, request.FILES, request=request)
        if form.is_valid():
            submission = form.save()
            if submission is None:  # a bot: it learns nothing
                return redirect("radio:submit")
            query = urlencode({"code": submission.code, "sent": 1})
            return redirect(f"{reverse('radio:track')}?{query}")
        status = 400
    else:
        form, status = SubmissionForm(request=request), 200
    return TemplateResponse(request, "radio/submit.html", {"form": form}, status=status)


@never_cache
def track(request):
    submission, status = None, 200
    if "code" in request.GET:
        form = TrackingForm(request.GET, request=request)
        if form.is_valid():
            submission = (
                Submission.objects.select_related("story")
                .filter(code=form.cleaned_data["code"])
                .first()
            )
            status = 200 if submission else 404
        else:
            status = 429 if form.non_field_errors() else 400
    else:
        form = TrackingForm(request=request)
    context = {
        "form": form,
        "submission": submission,
        "sent": request.GET.get("sent") == "1" and submission is not None,
    }
    return TemplateResponse(request, "radio/track.html", context, status=status)

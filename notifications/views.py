"""Thin views: a person's message settings, and the ops outbox with its failures."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView

from notifications import selectors, services
from notifications.forms import OutboxFilterForm, PreferenceForm
from notifications.models import Notification, NotificationPreference
from shop.access import OpsMixin
from shop.pagination import ForgivingPaginationMixin


class PreferenceView(LoginRequiredMixin, FormView):
    template_name = "notifications/preferences.html"
    form_class = PreferenceForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        instance = NotificationPreference.objects.filter(user=self.request.user).first()
        if instance is None:
            language = "hi" if (self.request.LANGUAGE_CODE or "").startswith("hi") else "en"
            instance = NotificationPreference(user=self.request.user, language=language)
        kwargs["instance"] = instance
        return kwargs

    def form_valid(self, form):
        services.notification_preference_set(user=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Saved. We will send your messages this way."))
        return redirect("notifications:preferences")

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            has_mobile=hasattr(user, "mobile") or user.partners.exists(), has_email=bool(user.email), **kwargs
        )


class OutboxView(OpsMixin, ForgivingPaginationMixin, ListView):
    template_name = "notifications/dashboard/outbox.html"
    context_object_name = "notifications"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = OutboxFilterForm(self.request.GET or None)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return selectors.outbox_list(**{key: value for key, value in filters.items() if value})

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter_form=self.filter_form, counts=selectors.outbox_counts(), querystring=query.urlencode(), **kwargs
        )


class OutboxRetryView(OpsMixin, View):
    def post(self, request, pk):
        notification = services.notification_retry(notification=get_object_or_404(Notification, pk=pk))
        if notification.status == "pending":
            messages.success(request, _("The message will be sent again with the next drain."))
        else:
            messages.info(request, _("Only a failed message can be sent again."))
        return redirect("notifications-ops:outbox")

"""Thin views: public artisan pages, sign-up, the artisan's own studio and the ops desk."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from artisans import selectors, services
from artisans.forms import (
    JoinForm,
    ListingForm,
    OpsCraftTaxForm,
    OpsDecisionForm,
    OpsFilterForm,
    OpsGIForm,
    OpsGIRevokeForm,
    ProfileForm,
    StockPriceForm,
)
from artisans.models import VERIFIED, ArtisanDecision
from catalogue_ext import selectors as catalogue_selectors
from catalogue_ext import services as catalogue_services
from catalogue_ext.models import Craft, State, gst_rate_text
from phone_auth import services as phone_auth_services
from phone_auth.models import JOIN
from phone_auth.phone import mobile_masked
from phone_auth.views import client_address
from shop.access import OpsMixin, StudioMixin
from shop.account_notices import account_exists_email
from shop.accounts import too_many_attempts
from shop.pagination import ForgivingPaginationMixin
from shop.throttle import attempt_count

ARTISANS_PER_PAGE = 24


class ArtisanListView(ForgivingPaginationMixin, ListView):
    template_name = "artisans/list.html"
    context_object_name = "artisans"
    paginate_by = ARTISANS_PER_PAGE

    def get_queryset(self):
        self.filters = {key: self.request.GET.get(key, "")[:80] for key in ("state", "district", "craft")}
        return selectors.artisan_directory(**self.filters)

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filters=self.filters,
            states=State.objects.filter(districts__artisans__status=VERIFIED).distinct().order_by("name"),
            districts=selectors.directory_districts(),
            crafts=selectors.directory_crafts(),
            querystring=query.urlencode(),
            **kwargs,
        )


class ArtisanDetailView(TemplateView):
    template_name = "artisans/detail.html"

    def get_context_data(self, **kwargs):
        profile = selectors.artisan_public_get(slug=kwargs["slug"])
        return super().get_context_data(
            artisan=profile, products=selectors.artisan_products(profile=profile)[:48], **kwargs
        )


class JoinView(FormView):
    """Sign-up; without a password the mobile is confirmed by a code ("Send me a code" posts the form back)."""

    template_name = "artisans/join.html"
    form_class = JoinForm

    def post(self, request, *args, **kwargs):
        if "send_code" in request.POST:
            return self.code_send()
        mobile = "".join(c for c in request.POST.get("phone", "") if c.isascii() and c.isdigit())[-10:]
        if not attempt_count(scope="signup", address=client_address(request), identity=mobile):
            return too_many_attempts(request, self.template_name, self.get_context_data(form=self.get_form()))
        return super().post(request, *args, **kwargs)

    def code_send(self):
        data = self.request.POST
        form = self.form_class(
            initial={key: data.get(key) for key in data if key not in ("password", "csrfmiddlewaretoken")}
        )
        try:
            phone = form.fields["phone"].clean(data.get("phone", ""))
            phone_auth_services.otp_request(
                phone=phone,
                purpose=JOIN,
                address=client_address(self.request),
                language="hi" if self.request.LANGUAGE_CODE.startswith("hi") else "en",
            )
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(form=form, code_error=error.messages[0]))
        except phone_auth_services.OtpError as error:
            return self.render_to_response(self.get_context_data(form=form, code_error=str(error)))
        return self.render_to_response(self.get_context_data(form=form, code_sent_to=mobile_masked(phone)))

    def form_valid(self, form):
        data = form.cleaned_data
        if data["code"]:
            try:
                phone_auth_services.otp_verify(phone=data["phone"], purpose=JOIN, code=data["code"])
            except phone_auth_services.OtpError as error:
                form.add_error("code", str(error))
                return self.form_invalid(form)
        if any(selectors.join_identity_taken(phone=data["phone"], email=data["email"])):
            return self.identity_taken(data)
        try:
            profile = services.artisan_register(
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                password=data["password"],
                mobile_verified=bool(data["code"]),
                district=data["district"],
                craft=data["craft"],
                story=data["story"],
                story_language="hi" if self.request.LANGUAGE_CODE.startswith("hi") else "en",
            )
        except IntegrityError:  # taken by a join that committed meanwhile
            return self.identity_taken(data)
        login(self.request, profile.partner.users.get(), backend="django.contrib.auth.backends.ModelBackend")
        return redirect("artisans:join-done")

    def identity_taken(self, data):
        """The mobile or e-mail has an account: its owner is told by SMS or e-mail, and the page says only
        that a message is on its way, so nobody learns from the form who is registered (issue 12)."""
        language = "hi" if self.request.LANGUAGE_CODE.startswith("hi") else "en"
        phone_taken, email_taken = selectors.join_identity_taken(phone=data["phone"], email=data["email"])
        if phone_taken:
            phone_auth_services.account_exists_sms(phone=data["phone"], language=language)
        if email_taken:
            account_exists_email(email=data["email"], language=language)
        return redirect("artisans:join-done")


class JoinDoneView(TemplateView):
    template_name = "artisans/join_done.html"


class StudioHomeView(StudioMixin, TemplateView):
    template_name = "artisans/studio/home.html"
    verified_only = False

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "")
        products = (
            selectors.studio_products(profile=self.profile, query=query) if self.profile.status == VERIFIED else []
        )
        decision = self.profile.decisions.select_related(None).first()
        return super().get_context_data(products=products, last_decision=decision, query=query.strip()[:100], **kwargs)


class StudioStockView(StudioMixin, View):
    """POST price and stock for one of the artisan's products from the list; back to the same place."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        product = selectors.studio_product_get(profile=self.profile, pk=kwargs["pk"])
        form = StockPriceForm(request.POST)
        if form.is_valid():
            services.artisan_stock_price_set(
                profile=self.profile,
                product=product,
                price=form.cleaned_data["price"],
                num_in_stock=form.cleaned_data["num_in_stock"],
            )
            messages.success(request, _("“%(title)s”: price and stock saved.") % {"title": product.title})
        else:
            reasons = "; ".join(f"{form.fields[name].label}: {errors[0]}" for name, errors in form.errors.items())
            messages.error(
                request, _("“%(title)s” was not changed. %(reasons)s") % {"title": product.title, "reasons": reasons}
            )
        query = request.POST.get("q", "").strip()[:100]
        url = reverse("artisans:studio") + (f"?{urlencode({'q': query})}" if query else "")
        return HttpResponseRedirect(f"{url}#product-{product.pk}")


class StudioProductFormView(StudioMixin, FormView):
    template_name = "artisans/studio/product_form.html"
    form_class = ListingForm

    def dispatch(self, request, *args, **kwargs):
        self.product = None
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self._load_product()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._load_product()
        return super().post(request, *args, **kwargs)

    def _load_product(self):
        if "pk" in self.kwargs:
            self.product = selectors.studio_product_get(profile=self.profile, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "profile": self.profile, "product": self.product}

    def get_context_data(self, **kwargs):
        return super().get_context_data(product=self.product, **kwargs)

    def form_valid(self, form):
        result = services.artisan_product_save(
            profile=self.profile,
            product=self.product,
            fields=form.product_fields(),
            price=form.cleaned_data["price"],
            num_in_stock=form.cleaned_data["num_in_stock"],
            images=form.images(),
        )
        messages.success(self.request, _("Saved “%(title)s”.") % {"title": result.product.title})
        if result.gi_withheld is not None:
            messages.warning(
                self.request,
                _(
                    "Saved without the GI badge: ops has not yet recorded you as an authorised user of "
                    "“%(gi)s”. Send your GI authorised-user certificate to ops; the badge can be added once it is verified."
                )
                % {"gi": result.gi_withheld.name},
            )
        return redirect("artisans:studio-product-edit", pk=result.product.pk)


class StudioProductActionView(StudioMixin, View):
    """POST-only actions on one of the artisan's own products."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        product = selectors.studio_product_get(profile=self.profile, pk=kwargs["pk"])
        action = kwargs["action"]
        if action not in ("hide", "show"):
            raise Http404
        if action == "hide":
            services.artisan_product_hide(product=product, hidden=True)
            messages.info(request, _("“%(title)s” is hidden from shoppers.") % {"title": product.title})
        elif action == "show":
            services.artisan_product_hide(product=product, hidden=False)
            messages.success(request, _("“%(title)s” is shown to shoppers again.") % {"title": product.title})
        return redirect("artisans:studio")


class StudioProductDeleteView(StudioMixin, TemplateView):
    """Asks once in plain words before deleting."""

    template_name = "artisans/studio/product_delete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            product=selectors.studio_product_get(profile=self.profile, pk=kwargs["pk"]), **kwargs
        )

    def post(self, request, *args, **kwargs):
        product = selectors.studio_product_get(profile=self.profile, pk=kwargs["pk"])
        services.artisan_product_delete(product=product)
        messages.info(request, _("“%(title)s” was deleted.") % {"title": product.title})
        return redirect("artisans:studio")


class StudioImageActionView(StudioMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        product = selectors.studio_product_get(profile=self.profile, pk=kwargs["pk"])
        if kwargs["action"] not in ("up", "down", "delete"):
            raise Http404
        if kwargs["action"] == "delete":
            services.artisan_product_image_delete(product=product, image_id=kwargs["image_id"])
        else:
            services.artisan_product_image_move(
                product=product, image_id=kwargs["image_id"], up=kwargs["action"] == "up"
            )
        return HttpResponseRedirect(reverse("artisans:studio-product-edit", kwargs={"pk": product.pk}) + "#photos")


class StudioProfileView(StudioMixin, FormView):
    template_name = "artisans/studio/profile.html"
    form_class = ProfileForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.profile}

    def form_valid(self, form):
        services.artisan_profile_update(
            profile=self.profile,
            fields=form.profile_fields(),
            portrait=form.cleaned_data.get("portrait"),
            workshop_photo=form.cleaned_data.get("workshop_photo"),
        )
        messages.success(self.request, _("Your profile is saved."))
        return redirect("artisans:studio-profile")


class StudioOrdersView(StudioMixin, TemplateView):
    template_name = "artisans/studio/orders.html"

    def get_context_data(self, **kwargs):
        page = Paginator(selectors.studio_order_lines(profile=self.profile), 50).get_page(self.request.GET.get("page"))
        return super().get_context_data(page_obj=page, lines=page.object_list, **kwargs)


class OpsArtisanListView(OpsMixin, ForgivingPaginationMixin, ListView):
    template_name = "artisans/dashboard/list.html"
    context_object_name = "artisans"
    paginate_by = 50

    def get_queryset(self):
        self.form = OpsFilterForm(self.request.GET or None)
        if self.form.is_valid():
            return selectors.ops_artisan_list(
                status=self.form.cleaned_data["status"], query=self.form.cleaned_data["q"]
            )
        return selectors.ops_artisan_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


class OpsArtisanDetailView(OpsMixin, TemplateView):
    template_name = "artisans/dashboard/detail.html"
    DECISIONS = {
        "verify": services.artisan_verify,
        "reject": services.artisan_reject,
        "suspend": services.artisan_suspend,
        "reinstate": services.artisan_reinstate,
    }

    def get_context_data(self, **kwargs):
        kwargs.setdefault("decision_form", OpsDecisionForm())
        kwargs.setdefault("gi_form", OpsGIForm())
        kwargs.setdefault("gi_revoke_form", OpsGIRevokeForm())
        return super().get_context_data(artisan=selectors.ops_artisan_get(pk=kwargs["pk"]), **kwargs)

    def post(self, request, *args, **kwargs):
        profile = selectors.ops_artisan_get(pk=kwargs["pk"])
        form_name = request.POST.get("form")
        if form_name == "gi":
            form = OpsGIForm(request.POST)
            if form.is_valid():
                services.gi_authorisation_record(profile=profile, by=request.user, **form.cleaned_data)
                messages.success(request, _("GI authorised-user status recorded."))
                return redirect("artisans-dashboard:detail", pk=profile.pk)
            return self.render_to_response(self.get_context_data(gi_form=form, **kwargs), status=400)
        if form_name == "gi_revoke":
            form = OpsGIRevokeForm(request.POST)
            if form.is_valid():
                services.gi_authorisation_revoke(profile=profile, by=request.user, **form.cleaned_data)
                messages.success(request, _("GI authorisation withdrawn; the badge is off their products."))
                return redirect("artisans-dashboard:detail", pk=profile.pk)
            return self.render_to_response(self.get_context_data(gi_revoke_form=form, **kwargs), status=400)
        form = OpsDecisionForm(request.POST)
        if form.is_valid():
            action = form.cleaned_data["action"]
            decide = self.DECISIONS[action]
            extra = {} if action == "verify" else {"reason": form.cleaned_data["reason"]}
            try:
                decide(profile=profile, by=request.user, **extra)
            except services.ArtisanDecisionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("%(name)s: %(decision)s.")
                    % {"name": profile.name, "decision": dict(ArtisanDecision.ACTION_CHOICES)[action]},
                )
                return redirect("artisans-dashboard:detail", pk=profile.pk)
        return self.render_to_response(self.get_context_data(decision_form=form, **kwargs), status=400)


class OpsCraftTaxListView(OpsMixin, TemplateView):
    """Every craft's usual HSN code and GST rate with its source: what new listings start from."""

    template_name = "artisans/dashboard/craft_tax.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(defaults=catalogue_selectors.craft_tax_defaults(), **kwargs)


class OpsCraftTaxEditView(OpsMixin, FormView):
    template_name = "artisans/dashboard/craft_tax_edit.html"
    form_class = OpsCraftTaxForm

    @cached_property
    def craft(self) -> Craft:
        # Looked up after the ops check (OpsMixin.dispatch), so strangers are sent to sign in, not told of 404s.
        return get_object_or_404(Craft, slug=self.kwargs["slug"], parent__isnull=False)

    def get_initial(self):
        usual = catalogue_selectors.craft_tax_default(craft=self.craft)
        if usual is None:
            return {}
        return {
            "hsn_code": usual.hsn_code,
            "hsn_description": usual.hsn_description,
            "hsn_description_hi": usual.hsn_description_hi,
            "gst_rate": gst_rate_text(usual.gst_rate),
            "source": usual.source,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(craft=self.craft, **kwargs)

    def form_valid(self, form):
        catalogue_services.craft_tax_default_set(craft=self.craft, **form.cleaned_data)
        messages.success(
            self.request, _("Saved. New listings of %(craft)s start from these.") % {"craft": self.craft.display_name}
        )
        return redirect("artisans-dashboard:craft-tax")

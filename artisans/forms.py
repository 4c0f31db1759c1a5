"""Forms for sign-up, the artisan's studio and the ops desk; each says next to the field what is wrong."""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from artisans.images import image_normalise
from artisans.models import STATUS_CHOICES, ArtisanProfile
from catalogue_ext.models import (
    GST_RATE_CHOICES,
    MAX_MAKING_DAYS,
    Craft,
    District,
    GITag,
    Product,
    gst_rate_text,
    hsn_validator,
)
from catalogue_ext.selectors import craft_tax_default, size_presets_for
from invoices.gst import GstinInvalid, gstin_normalise
from phone_auth.forms import CodeField, MobileField

MAX_PHOTOS_PER_UPLOAD = 8


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos at once from a phone's gallery, each checked and normalised."""

    widget = MultipleFileInput(attrs={"accept": "image/*"})

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, (list, tuple)) else [data]) if upload]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > MAX_PHOTOS_PER_UPLOAD:
            raise ValidationError(_("Upload at most %(n)d photos at a time.") % {"n": MAX_PHOTOS_PER_UPLOAD})
        cleaned, errors = [], []
        for upload in uploads:
            try:
                cleaned.append(image_normalise(upload=upload))
            except ValidationError as error:
                errors.append(ValidationError(_("%(file)s: %(why)s") % {"file": upload.name, "why": error.messages[0]}))
        if errors:
            raise ValidationError(errors)
        return cleaned


class PhotoField(forms.ImageField):
    """One photo, validated by Pillow's rules (size, pixels, animation) and normalised."""

    default_validators = []

    def to_python(self, data):
        if data in self.empty_values:
            return None
        return image_normalise(upload=data)


def _district_choices():
    return District.objects.select_related("state").order_by("state__name", "name")


class _ChoiceByIdField(forms.ModelChoiceField):
    """A choice by id where a 30-digit "id" is an invalid choice, not a database overflow (issue 12)."""

    def to_python(self, value):
        if isinstance(value, str) and not (value.isascii() and value.isdigit() and len(value) <= 18) and value:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class DistrictChoiceField(_ChoiceByIdField):
    def label_from_instance(self, district):
        return f"{district.display_name} ({district.state.display_name})"


class CraftChoiceField(_ChoiceByIdField):
    def label_from_instance(self, craft):
        return craft.display_name


class JoinForm(forms.Form):
    name = forms.CharField(label=_("Your name or your group's name"), max_length=128)
    phone = MobileField(label=_("Mobile number"))
    code = CodeField(
        label=_("Code from the SMS"),
        required=False,
        help_text=_("Press “Send me a code” and type the 6 digits we send to your mobile."),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Optional."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    district = DistrictChoiceField(label=_("District"), queryset=District.objects.none())
    craft = CraftChoiceField(label=_("Craft"), queryset=Craft.objects.none())
    story = forms.CharField(
        label=_("Your story"),
        help_text=_("Who you are, how you learnt your craft, what makes your work special."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    password = forms.CharField(
        label=_("Choose a password"),
        required=False,
        help_text=_("Optional: without a password you sign in with a code sent to your mobile."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = _district_choices()
        self.fields["craft"].queryset = Craft.objects.filter(parent__isnull=False).order_by("name")

    # A mobile or e-mail that already has an account is not an error here: the form would tell anyone
    # who is registered (issue 12). JoinView tells the owner by SMS or e-mail instead.
    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password"):
            try:
                validate_password(cleaned["password"], user=get_user_model()(email=cleaned.get("email", "")))
            except ValidationError as error:
                self.add_error("password", error)
        elif not cleaned.get("code") and "code" not in self.errors:
            self.add_error(
                "code",
                _("Without a password, confirm your mobile: press “Send me a code” and type the code from the SMS."),
            )
        return cleaned


class CameraPhotosInput(MultipleFileInput):
    """On a phone, opens the camera (the back one) rather than the file picker."""

    def __init__(self, attrs=None):
        super().__init__({"accept": "image/*", "capture": "environment", **(attrs or {})})


CUSTOM_SIZE = ""


class ListingForm(forms.Form):
    """Photo first, then only what a shopper needs; the rest is filled in from the craft and can be opened.

    Weight and size come from a preset of the craft (or the exact figures under "More details"); a new
    listing's HSN code and GST rate come from the craft's tax default (catalogue_ext.CraftTaxDefault).
    """

    photos = PhotosField(
        label=_("Take photos"),
        required=False,
        widget=CameraPhotosInput(),
        help_text=_("Good daylight, the whole piece, then close-ups. The first photo is the one shoppers see first."),
    )
    gallery_photos = PhotosField(label=_("Or choose photos from the phone"), required=False)
    title = forms.CharField(label=_("Product name"), max_length=255)
    price = forms.DecimalField(
        label=_("Price in ₹ (GST included)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1"))],
    )
    num_in_stock = forms.IntegerField(label=_("Pieces in stock"), min_value=0, max_value=100000)
    size = forms.TypedChoiceField(
        label=_("Size when packed"),
        required=False,
        coerce=int,
        empty_value=CUSTOM_SIZE,
        widget=forms.RadioSelect,
        help_text=_("The courier charges by weight and size: pick the nearest."),
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    craft = CraftChoiceField(label=_("Craft"), queryset=Craft.objects.none())
    district = DistrictChoiceField(label=_("District where it is made"), queryset=District.objects.none())
    gi_tag = forms.ModelChoiceField(
        label=_("GI tag"),
        queryset=GITag.objects.none(),
        required=False,
        help_text=_("Shown as a badge only if ops has recorded you as an authorised user of this GI."),
    )
    weight_grams = forms.IntegerField(label=_("Packed weight (g)"), min_value=1, max_value=100000, required=False)
    length_cm = forms.DecimalField(
        label=_("Length (cm)"), max_digits=6, decimal_places=1, min_value=Decimal("0.1"), required=False
    )
    breadth_cm = forms.DecimalField(
        label=_("Breadth (cm)"), max_digits=6, decimal_places=1, min_value=Decimal("0.1"), required=False
    )
    height_cm = forms.DecimalField(
        label=_("Height (cm)"), max_digits=6, decimal_places=1, min_value=Decimal("0.1"), required=False
    )
    made_to_order_days = forms.IntegerField(
        label=_("Made to order: working days to make"),
        min_value=0,
        max_value=MAX_MAKING_DAYS,
        required=False,
        help_text=_("Leave empty when it is ready to ship. Shoppers see a delivery date that counts these days."),
    )
    hsn_code = forms.CharField(label=_("HSN code"), max_length=8, required=False)
    # Choice values are the slabs as written ("5", "40"), and so is the initial value of a saved product
    # (stored as 5.00), so the edit form preselects the product's own rate and round-trips unchanged.
    gst_rate = forms.TypedChoiceField(
        label=_("GST rate"),
        choices=[(gst_rate_text(rate), label) for rate, label in GST_RATE_CHOICES],
        coerce=Decimal,
        initial=gst_rate_text(Decimal("5")),
        help_text=_(
            "Current slabs (since 22 September 2025): 0, 5, 18 and 40 per cent, with 0.25 for rough precious stones "
            "and 3 for gold, silver and jewellery. 12 and 28 per cent were abolished then: choose them only for goods "
            "still taxed at them."
        ),
    )

    PRODUCT_FIELDS = [
        "title",
        "description",
        "district",
        "craft",
        "gi_tag",
        "weight_grams",
        "length_cm",
        "breadth_cm",
        "height_cm",
        "hsn_code",
        "gst_rate",
        "made_to_order_days",
    ]
    # What the studio shows first, on a phone too; the rest sits under "More details".
    QUICK_FIELDS = ("photos", "gallery_photos", "title", "price", "num_in_stock", "size")
    SIZE_FIELDS = ("weight_grams", "length_cm", "breadth_cm", "height_cm")

    def __init__(self, *args, profile: ArtisanProfile, product: Product | None = None, **kwargs):
        self.product = product
        if product is not None:
            record = product.stockrecords.all()[0] if product.stockrecords.all() else None
            initial = {
                **{name: getattr(product, name) for name in self.PRODUCT_FIELDS},
                "gst_rate": gst_rate_text(product.gst_rate),
                "price": record.price if record else None,
                "num_in_stock": record.num_in_stock if record else 0,
            }
        else:
            initial = {"district": profile.district, "craft": profile.crafts.first(), "gst_rate": ""}
        kwargs["initial"] = {**initial, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = _district_choices()
        self.fields["craft"].queryset = Craft.objects.filter(parent__isnull=False).order_by("name")
        self.fields["gi_tag"].queryset = GITag.objects.order_by("name")
        crafts = list(profile.crafts.select_related("parent"))
        if product is not None and product.craft_id and product.craft not in crafts:
            crafts.append(product.craft)
        self.presets = {preset.pk: preset for preset in size_presets_for(crafts=crafts)}
        self.fields["size"].choices = [
            *[
                (pk, _("%(size)s (about %(kg)s kg)") % {"size": preset.display_name, "kg": _kg(preset.weight_grams)})
                for pk, preset in self.presets.items()
            ],
            (CUSTOM_SIZE, _("I will give the exact weight and size (under More details)")),
        ]
        self.initial.setdefault("size", CUSTOM_SIZE)
        self.tax_default = craft_tax_default(craft=kwargs["initial"].get("craft"))
        if product is None:
            # A new listing takes the craft's usual HSN code and rate unless the artisan sets them.
            usual = self.tax_default
            label = (
                _("As usual for the craft (%(rate)s %%)") % {"rate": gst_rate_text(usual.gst_rate)}
                if usual
                else _("As usual for the craft")
            )
            self.fields["gst_rate"].choices = [("", label), *self.fields["gst_rate"].choices]
            self.fields["gst_rate"].required = False
            self.fields["gst_rate"].empty_value = None
            self.fields["hsn_code"].help_text = _("Leave empty: we fill in the usual code of the craft you choose.")

    def clean_hsn_code(self):
        code = self.cleaned_data["hsn_code"].strip()
        if code and not (code.isdigit() and len(code) in (4, 6, 8)):
            raise ValidationError(_("An HSN code has 4, 6 or 8 digits."))
        return code

    def clean_size(self):
        size = self.cleaned_data["size"]
        if size != CUSTOM_SIZE and size not in self.presets:
            raise ValidationError(_("Choose one of the sizes shown."))
        return size

    def clean(self):
        cleaned = super().clean()
        preset = self.presets.get(cleaned.get("size"))
        if preset is not None:
            for name in self.SIZE_FIELDS:
                cleaned[name] = getattr(preset, name)
                self.errors.pop(name, None)
        else:
            missing = [name for name in self.SIZE_FIELDS if cleaned.get(name) is None and name not in self.errors]
            for name in missing:
                self.add_error(name, _("This is required: give it, or choose a size above."))
            if missing and "size" not in self.errors:
                self.add_error("size", _("Choose a size, or give the exact weight and size under More details."))
        if self.product is None:
            usual = craft_tax_default(craft=cleaned.get("craft"))
            if not cleaned.get("hsn_code") and usual is not None:
                cleaned["hsn_code"] = usual.hsn_code
            if cleaned.get("gst_rate") is None:
                cleaned["gst_rate"] = usual.gst_rate if usual is not None else Decimal("5")
        return cleaned

    @property
    def quick_fields(self):
        return [self[name] for name in self.QUICK_FIELDS]

    @property
    def detail_fields(self):
        return [self[name] for name in self.fields if name not in self.QUICK_FIELDS]

    @property
    def details_have_errors(self) -> bool:
        return any(name in self.errors for name in self.fields if name not in self.QUICK_FIELDS)

    def product_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.PRODUCT_FIELDS}

    def images(self) -> list:
        return [*self.cleaned_data["photos"], *self.cleaned_data["gallery_photos"]]


def _kg(grams: int) -> str:
    return format((Decimal(grams) / 1000).normalize(), "f")


class StockPriceForm(forms.Form):
    """Price and stock changed in place on the studio's product list."""

    price = forms.DecimalField(
        label=_("Price in ₹"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("1"))]
    )
    num_in_stock = forms.IntegerField(label=_("In stock"), min_value=0, max_value=100000)


class OpsCraftTaxForm(forms.Form):
    """Ops correct a craft's usual HSN code and GST rate, saying where the figures come from."""

    hsn_code = forms.CharField(label=_("HSN code"), max_length=8, required=False, validators=[hsn_validator])
    hsn_description = forms.CharField(label=_("What the HSN heading covers"), max_length=160, required=False)
    hsn_description_hi = forms.CharField(
        label=_("What the HSN heading covers, in Hindi"), max_length=160, required=False
    )
    gst_rate = forms.TypedChoiceField(
        label=_("GST rate"), choices=[(gst_rate_text(rate), label) for rate, label in GST_RATE_CHOICES], coerce=Decimal
    )
    source = forms.CharField(label=_("Source"), max_length=300)


class ProfileForm(forms.ModelForm):
    name = forms.CharField(label=_("Name shown to shoppers"), max_length=128)
    portrait = PhotoField(label=_("Portrait"), required=False)
    workshop_photo = PhotoField(label=_("Workshop photo"), required=False)

    class Meta:
        model = ArtisanProfile
        fields = [
            "workshop",
            "kind",
            "district",
            "crafts",
            "years_of_practice",
            "story_en",
            "story_hi",
            "awards",
            "dispatch_days",
            "bank_account_number",
            "ifsc",
            "upi_id",
            "gstin",
        ]
        widgets = {
            "story_en": forms.Textarea(attrs={"rows": 6}),
            "story_hi": forms.Textarea(attrs={"rows": 6, "lang": "hi"}),
            "awards": forms.Textarea(attrs={"rows": 3}),
            "crafts": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].initial = self.instance.partner.name
        self.fields["dispatch_days"].required = False
        self.fields["district"].queryset = _district_choices()
        self.fields["crafts"].queryset = Craft.objects.filter(parent__isnull=False).order_by("name")

    def clean_ifsc(self):
        return self.cleaned_data["ifsc"].upper()

    def clean_dispatch_days(self):
        # Left empty: keep the days already set (a new profile starts from the model's default).
        value = self.cleaned_data["dispatch_days"]
        return self.instance.dispatch_days if value is None else value

    def clean(self):
        cleaned = super().clean()
        raw = cleaned.get("gstin", "")
        if raw and "gstin" not in self.errors:
            district = cleaned.get("district")
            try:
                cleaned["gstin"] = gstin_normalise(
                    raw=raw, state_gst_code=district.state.gst_code if district else None
                )
            except GstinInvalid as exc:
                self.add_error("gstin", str(exc))
        if cleaned.get("bank_account_number") and not cleaned.get("ifsc"):
            self.add_error("ifsc", _("Give the IFSC of the branch that holds this account."))
        return cleaned

    def profile_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in [*self.Meta.fields, "name"]}


class OpsFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All"))] + STATUS_CHOICES, required=False)
    q = forms.CharField(label=_("Name or mobile"), required=False, max_length=64)


class OpsDecisionForm(forms.Form):
    ACTIONS = [
        ("verify", _("Verify")),
        ("reject", _("Reject")),
        ("suspend", _("Suspend")),
        ("reinstate", _("Reinstate")),
    ]

    action = forms.ChoiceField(choices=ACTIONS)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") in ("reject", "suspend") and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give a reason; the artisan will see it."))
        return cleaned


class OpsGIForm(forms.Form):
    gi_tag = forms.ModelChoiceField(label=_("GI tag"), queryset=GITag.objects.order_by("name"))
    registration_number = forms.CharField(label=_("Authorised-user registration number"), max_length=32)


class OpsGIRevokeForm(forms.Form):
    gi_tag = forms.ModelChoiceField(label=_("GI tag"), queryset=GITag.objects.order_by("name"))
    reason = forms.CharField(label=_("Reason"), max_length=2000)

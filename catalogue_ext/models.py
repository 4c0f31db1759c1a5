"""Oscar's catalogue, forked so every product carries where it comes from.

District, craft and GI tag are real indexed foreign keys (not EAV attributes) because facets and
filters query them across the whole catalogue.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct
from oscar.apps.catalogue.managers import ProductQuerySet

from shop.richtext import richtext_store

models.CharField.register_lookup(Length)

# The rates a product can carry. Since 22 Sep 2025 (GST 2.0) the slabs are 0, 5, 18 and 40 %, with
# 0.25 % (rough precious stones) and 3 % (gold, silver, jewellery); 12 % and 28 % were abolished then
# and stay offered for goods still taxed at them (supplies invoiced before that date, transitional items).
GST_RATES = (
    Decimal("0"),
    Decimal("0.25"),
    Decimal("3"),
    Decimal("5"),
    Decimal("12"),
    Decimal("18"),
    Decimal("28"),
    Decimal("40"),
)


def gst_rate_text(rate) -> str:
    """'40' for Decimal('40.00') (never '4E+1'), '0.25' for Decimal('0.25'): how a slab is written."""
    return format(Decimal(rate).normalize(), "f")


GST_RATE_CHOICES = [(rate, f"{gst_rate_text(rate)} %") for rate in GST_RATES]

hsn_validator = RegexValidator(r"^(\d{4}|\d{6}|\d{8})$", _("An HSN code has 4, 6 or 8 digits."))


class LocalisedNameMixin:
    """Reference data is named in English and Hindi; show the visitor's language when we have it."""

    @property
    def display_name(self) -> str:
        if (get_language() or "").startswith("hi") and self.name_hi:
            return self.name_hi
        return self.name

    def __str__(self) -> str:
        return self.name


class State(LocalisedNameMixin, models.Model):
    KIND_STATE = "state"
    KIND_UT = "ut"
    KIND_CHOICES = [(KIND_STATE, _("State")), (KIND_UT, _("Union territory"))]

    code = models.CharField(_("Code"), max_length=2, unique=True, help_text=_("e.g. UP"))
    name = models.CharField(_("Name"), max_length=64, unique=True)
    name_hi = models.CharField(_("Name in Hindi"), max_length=64, blank=True)
    gst_code = models.CharField(
        _("GST state code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^\d{2}$", _("A GST state code has two digits."))],
    )
    kind = models.CharField(_("Kind"), max_length=5, choices=KIND_CHOICES)

    class Meta:
        ordering = ["name"]
        verbose_name = _("State or union territory")
        verbose_name_plural = _("States and union territories")
        constraints = [
            models.CheckConstraint(condition=Q(gst_code__length=2), name="state_gst_code_two_digits"),
            models.CheckConstraint(condition=Q(code__length=2), name="state_code_two_letters"),
            models.CheckConstraint(condition=Q(kind__in=["state", "ut"]), name="state_kind_valid"),
        ]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("states:detail", kwargs={"code": self.code.lower()})


class District(LocalisedNameMixin, models.Model):
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="districts", verbose_name=_("State"))
    name = models.CharField(_("Name"), max_length=80)
    name_hi = models.CharField(_("Name in Hindi"), max_length=80, blank=True)
    slug = models.SlugField(_("Slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("District")
        verbose_name_plural = _("Districts")
        constraints = [
            models.UniqueConstraint(fields=["state", "name"], name="district_unique_name_in_state"),
        ]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("districts:detail", kwargs={"slug": self.slug})


class Craft(LocalisedNameMixin, models.Model):
    """Two levels: a craft family (Metal craft) and the craft itself (Brassware)."""

    slug = models.SlugField(_("Slug"), max_length=64, unique=True)
    name = models.CharField(_("Name"), max_length=80)
    name_hi = models.CharField(_("Name in Hindi"), max_length=80, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("Craft family"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Craft")
        verbose_name_plural = _("Crafts")
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="craft_not_own_parent"),
        ]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("crafts:detail", kwargs={"slug": self.slug})

    @property
    def family(self) -> "Craft":
        return self.parent or self


class CraftTaxDefault(models.Model):
    """The HSN code and GST rate a craft's goods usually carry, and where that comes from.

    Artisans are makers, not tax experts: the studio fills these in for a new listing, and ops keep
    them right (the reference file only adds what is missing, so ops' edits survive a reload)."""

    craft = models.OneToOneField(Craft, on_delete=models.CASCADE, related_name="tax_default", verbose_name=_("Craft"))
    hsn_code = models.CharField(_("HSN code"), max_length=8, blank=True, validators=[hsn_validator])
    hsn_description = models.CharField(_("What the HSN heading covers"), max_length=160, blank=True)
    hsn_description_hi = models.CharField(_("What the HSN heading covers, in Hindi"), max_length=160, blank=True)
    gst_rate = models.DecimalField(_("GST rate (%)"), max_digits=5, decimal_places=2, choices=GST_RATE_CHOICES)
    source = models.CharField(_("Source"), max_length=300, help_text=_("Where the code and the rate come from."))
    date_updated = models.DateTimeField(_("Updated"), auto_now=True)

    class Meta:
        ordering = ["craft__name"]
        verbose_name = _("Craft tax default")
        verbose_name_plural = _("Craft tax defaults")
        constraints = [
            models.CheckConstraint(condition=Q(gst_rate__in=GST_RATES), name="craft_tax_gst_rate_is_a_slab"),
            models.CheckConstraint(
                condition=Q(hsn_code="") | Q(hsn_code__length__in=[4, 6, 8]), name="craft_tax_hsn_code_length"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.craft}: {self.hsn_code or '—'} @ {gst_rate_text(self.gst_rate)} %"

    @property
    def display_hsn_description(self) -> str:
        if (get_language() or "").startswith("hi") and self.hsn_description_hi:
            return self.hsn_description_hi
        return self.hsn_description


class CraftSizePreset(LocalisedNameMixin, models.Model):
    """A packed size an artisan picks instead of weighing and measuring (per craft, or per craft family)."""

    craft = models.ForeignKey(Craft, on_delete=models.CASCADE, related_name="size_presets", verbose_name=_("Craft"))
    code = models.SlugField(_("Code"), max_length=32)
    name = models.CharField(_("Name"), max_length=120)
    name_hi = models.CharField(_("Name in Hindi"), max_length=120, blank=True)
    weight_grams = models.PositiveIntegerField(_("Packed weight (g)"), validators=[MinValueValidator(1)])
    length_cm = models.DecimalField(_("Length (cm)"), max_digits=6, decimal_places=1)
    breadth_cm = models.DecimalField(_("Breadth (cm)"), max_digits=6, decimal_places=1)
    height_cm = models.DecimalField(_("Height (cm)"), max_digits=6, decimal_places=1)

    class Meta:
        ordering = ["craft", "weight_grams", "id"]
        verbose_name = _("Size preset")
        verbose_name_plural = _("Size presets")
        constraints = [
            models.UniqueConstraint(fields=["craft", "code"], name="size_preset_code_once_per_craft"),
            models.CheckConstraint(
                condition=Q(weight_grams__gt=0) & Q(length_cm__gt=0) & Q(breadth_cm__gt=0) & Q(height_cm__gt=0),
                name="size_preset_positive",
            ),
        ]


class GITag(LocalisedNameMixin, models.Model):
    """A Geographical Indication registered in India's GI registry."""

    CLASS_CHOICES = [
        ("Handicraft", _("Handicraft")),
        ("Agricultural", _("Agricultural")),
        ("Manufactured", _("Manufactured")),
        ("Foodstuff", _("Foodstuff")),
        ("Natural", _("Natural goods")),
    ]

    slug = models.SlugField(_("Slug"), max_length=80, unique=True)
    name = models.CharField(_("Name"), max_length=120, unique=True)
    name_hi = models.CharField(_("Name in Hindi"), max_length=120, blank=True)
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="gi_tags", verbose_name=_("State"))
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gi_tags",
        verbose_name=_("District"),
    )
    goods_class = models.CharField(_("Class of goods"), max_length=16, choices=CLASS_CHOICES)
    registration_number = models.CharField(
        _("GI application number"),
        max_length=16,
        blank=True,
        help_text=_("Left blank until verified against the GI registry."),
    )
    craft = models.ForeignKey(
        Craft,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gi_tags",
        verbose_name=_("Craft"),
    )
    nice_classes = models.CharField(
        _("Classes of goods"),
        max_length=32,
        blank=True,
        help_text=_("The classes of the international (Nice) classification the GI is registered in, e.g. 30."),
    )
    registered_year = models.PositiveSmallIntegerField(
        _("Year registered"), null=True, blank=True, validators=[MinValueValidator(2003)]
    )
    region = models.CharField(_("Region"), max_length=200, blank=True)
    region_hi = models.CharField(_("Region in Hindi"), max_length=200, blank=True)
    fact_sources = models.JSONField(
        _("Sources of the registered facts"),
        default=dict,
        blank=True,
        help_text=_("Where each registered fact was taken from, by field name."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("GI tag")
        verbose_name_plural = _("GI tags")
        constraints = [
            models.CheckConstraint(
                condition=Q(goods_class__in=["Handicraft", "Agricultural", "Manufactured", "Foodstuff", "Natural"]),
                name="gitag_goods_class_valid",
            ),
            models.CheckConstraint(
                condition=Q(registered_year__isnull=True) | Q(registered_year__gte=2003),
                name="gitag_registered_after_the_act",
            ),
        ]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("gi:detail", kwargs={"slug": self.slug})

    @property
    def display_region(self) -> str:
        if (get_language() or "").startswith("hi") and self.region_hi:
            return self.region_hi
        return self.region


class OdopDesignation(LocalisedNameMixin, models.Model):
    """A product a district is designated for under One District One Product."""

    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        related_name="odop_designations",
        verbose_name=_("District"),
    )
    name = models.CharField(_("ODOP product"), max_length=160)
    name_hi = models.CharField(_("Name in Hindi"), max_length=160, blank=True)
    craft = models.ForeignKey(
        Craft, on_delete=models.PROTECT, related_name="odop_designations", verbose_name=_("Craft")
    )
    is_primary = models.BooleanField(_("Primary ODOP product"), default=False)

    class Meta:
        ordering = ["district__name", "-is_primary", "name"]
        verbose_name = _("ODOP designation")
        verbose_name_plural = _("ODOP designations")
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="odop_unique_product_in_district"),
            models.UniqueConstraint(
                fields=["district"], condition=Q(is_primary=True), name="odop_one_primary_per_district"
            ),
        ]
        indexes = [models.Index(fields=["district", "craft"], name="odop_district_craft_idx")]


# What Oscar's `browsable()` shows: public, and not a variant of another product.
LISTED = Q(is_public=True, parent__isnull=True)


class OriginProductQuerySet(ProductQuerySet):
    def with_origin(self) -> "OriginProductQuerySet":
        """Everything a product card shows about origin, in the same query."""
        return self.select_related("district__state", "craft__parent", "gi_tag").annotate(
            odop_flag=Exists(OdopDesignation.objects.filter(district=OuterRef("district"), craft=OuterRef("craft")))
        )


def _dimension_field(label) -> models.DecimalField:
    """Packed size in centimetres; shipping charges by volumetric weight (L×B×H / 5000)."""
    return models.DecimalField(
        label, max_digits=6, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(Decimal("0.1"))]
    )


# A made-to-order piece takes at most about four months of working days.
MAX_MAKING_DAYS = 120


class Product(AbstractProduct):
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("District"),
        help_text=_("Where the product is made. Required before it can be listed."),
    )
    craft = models.ForeignKey(
        Craft,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("Craft"),
    )
    gi_tag = models.ForeignKey(
        GITag,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("GI tag"),
    )
    hsn_code = models.CharField(_("HSN code"), max_length=8, blank=True, validators=[hsn_validator])
    gst_rate = models.DecimalField(
        _("GST rate (%)"), max_digits=5, decimal_places=2, default=Decimal("5"), choices=GST_RATE_CHOICES
    )
    weight_grams = models.PositiveIntegerField(
        _("Packed weight (g)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    length_cm = _dimension_field(_("Length (cm)"))
    breadth_cm = _dimension_field(_("Breadth (cm)"))
    height_cm = _dimension_field(_("Height (cm)"))
    # Made to order: the maker's working days to make it, which replace their usual dispatch time when
    # longer (the shopper's "arrives by" date counts them; fulfilment.selectors.delivery_promise).
    made_to_order_days = models.PositiveSmallIntegerField(
        _("Made to order: working days to make"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_MAKING_DAYS)],
        help_text=_("Leave empty when it is ready to ship."),
    )

    objects = OriginProductQuerySet.as_manager()

    class Meta(AbstractProduct.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(is_public=False) | Q(structure="child") | Q(district__isnull=False, craft__isnull=False),
                name="listed_product_has_district_and_craft",
            ),
            models.CheckConstraint(condition=Q(gst_rate__in=GST_RATES), name="product_gst_rate_is_a_slab"),
            models.CheckConstraint(
                condition=Q(hsn_code="") | Q(hsn_code__length__in=[4, 6, 8]),
                name="product_hsn_code_length",
            ),
            models.CheckConstraint(
                condition=Q(weight_grams__isnull=True) | Q(weight_grams__gt=0),
                name="product_weight_positive",
            ),
            models.CheckConstraint(
                condition=(Q(length_cm__isnull=True) | Q(length_cm__gt=0))
                & (Q(breadth_cm__isnull=True) | Q(breadth_cm__gt=0))
                & (Q(height_cm__isnull=True) | Q(height_cm__gt=0)),
                name="product_dimensions_positive",
            ),
            models.CheckConstraint(
                condition=Q(made_to_order_days__isnull=True) | Q(made_to_order_days__lte=MAX_MAKING_DAYS),
                name="product_making_days_in_range",
            ),
        ]
        # Partial indexes over listed products only: what shoppers' pages and facets count and sort.
        indexes = [
            models.Index(fields=["district"], condition=LISTED, name="listed_product_district_idx"),
            models.Index(fields=["craft"], condition=LISTED, name="listed_product_craft_idx"),
            models.Index(fields=["-date_created", "-id"], condition=LISTED, name="listed_product_newest_idx"),
        ]

    def save(self, *args, **kwargs):
        # Whoever writes it (studio, dashboard, import), a description is stored through the one sanitiser.
        self.description = richtext_store(self.description)
        super().save(*args, **kwargs)

    def is_review_permitted(self, user) -> bool:
        """Reviews only from buyers whose parcel with this product was delivered, once each (issue 12)."""
        from catalogue_ext.selectors import product_delivered_to

        return product_delivered_to(user=user, product_id=self.pk) and not self.has_review_by(user)

    @property
    def state(self) -> State | None:
        return self.district.state if self.district_id else None

    @property
    def is_odop(self) -> bool:
        """True when the product's craft is one its district is designated for; never typed in."""
        if hasattr(self, "odop_flag"):
            return self.odop_flag
        if not (self.district_id and self.craft_id):
            return False
        return OdopDesignation.objects.filter(district_id=self.district_id, craft_id=self.craft_id).exists()


from oscar.apps.catalogue.models import *  # noqa: E402,F401,F403  (Oscar's fork idiom)

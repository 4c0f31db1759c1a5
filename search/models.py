"""The database engine's own index: one row per buyable product, plus the vocabulary of indexed words.

Facet keys are foreign keys kept on the row so filters and grouped facet counts never touch the
catalogue's tables; the text columns hold words already normalised by `search.text`.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductSearchDocument(models.Model):
    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.CharField(_("Title"), max_length=255)
    title_terms = models.TextField(_("Title words"))
    body_terms = models.TextField(_("Other words"))
    state = models.ForeignKey("catalogue.State", on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey("catalogue.District", on_delete=models.CASCADE, related_name="+")
    craft = models.ForeignKey("catalogue.Craft", on_delete=models.CASCADE, related_name="+")
    craft_family = models.ForeignKey("catalogue.Craft", on_delete=models.CASCADE, related_name="+")
    gi_tag = models.ForeignKey("catalogue.GITag", on_delete=models.CASCADE, null=True, related_name="+")
    artisan = models.ForeignKey("partner.Partner", on_delete=models.CASCADE, null=True, related_name="+")
    price = models.DecimalField(_("Price"), max_digits=12, decimal_places=2, null=True)
    in_stock = models.BooleanField(_("In stock"))
    date_created = models.DateTimeField(_("Date created"))
    # Filled on PostgreSQL only (weighted: title A, the rest B); SQLite keeps its words in FTS5.
    search_vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("Product search document")
        verbose_name_plural = _("Product search documents")
        indexes = [
            models.Index(fields=["-date_created", "-product"], name="search_doc_newest_idx"),
            models.Index(fields=["price"], name="search_doc_price_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gte=0), name="search_doc_price_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title


class SearchTerm(models.Model):
    """Every word in the index, so a mistyped query word can be matched to real ones."""

    term = models.CharField(max_length=64, primary_key=True)
    length = models.PositiveSmallIntegerField(db_index=True)

    class Meta:
        verbose_name = _("Indexed word")
        verbose_name_plural = _("Indexed words")

    def __str__(self) -> str:
        return self.term

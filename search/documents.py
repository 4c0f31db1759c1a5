"""What the index knows about a product, built once and written by every engine."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from oscar.core.loading import get_model

from catalogue_ext.models import Craft, District, GITag
from catalogue_ext.selectors import products_buyable
from search import text

StockRecord = get_model("partner", "StockRecord")


@dataclass(frozen=True)
class ProductDocument:
    product_id: int
    title: str
    description: str
    state_id: int
    state_code: str
    state_names: tuple[str, ...]
    district_id: int
    district_slug: str
    district_names: tuple[str, ...]
    craft_id: int
    craft_slug: str
    family_id: int
    family_slug: str
    craft_names: tuple[str, ...]
    gi_tag_id: int | None
    gi_slug: str
    gi_names: tuple[str, ...]
    artisan_id: int | None
    artisan_code: str
    artisan_name: str
    price: Decimal | None
    in_stock: bool
    date_created: datetime

    @property
    def title_terms(self) -> list[str]:
        return text.words(self.title)

    @property
    def body_terms(self) -> list[str]:
        names = (*self.state_names, *self.district_names, *self.craft_names, *self.gi_names, self.artisan_name)
        return text.words(self.description) + [word for name in names for word in text.name_words(name)]


def _names(name: str, name_hi: str) -> tuple[str, ...]:
    return tuple(n for n in (name, name_hi) if n)


def documents_build(*, product_ids) -> list[ProductDocument]:
    """Documents for those of the given products that are buyable; the rest are simply absent.

    Plain rows rather than model instances: a rebuild reads the whole catalogue through here.
    """
    rows = list(
        products_buyable()
        .filter(id__in=list(product_ids), district__isnull=False, craft__isnull=False)
        .order_by("id")
        .values("id", "title", "description", "date_created", "district_id", "craft_id", "gi_tag_id")
    )
    if not rows:
        return []
    records: dict[int, dict] = {}
    for record in (
        StockRecord.objects.filter(product_id__in=[row["id"] for row in rows])
        .order_by("product_id", "id")
        .values("product_id", "partner_id", "partner__code", "partner__name", "price", "num_in_stock", "num_allocated")
    ):
        records.setdefault(record["product_id"], record)
    districts = {
        d.id: d for d in District.objects.select_related("state").filter(id__in={r["district_id"] for r in rows})
    }
    crafts = {c.id: c for c in Craft.objects.select_related("parent").filter(id__in={r["craft_id"] for r in rows})}
    gi_tags = {g.id: g for g in GITag.objects.filter(id__in={r["gi_tag_id"] for r in rows if r["gi_tag_id"]})}
    documents = []
    for row in rows:
        district, craft = districts[row["district_id"]], crafts[row["craft_id"]]
        family = craft.parent or craft
        gi_tag = gi_tags.get(row["gi_tag_id"])
        record = records.get(row["id"])
        stock = (record["num_in_stock"] or 0) - (record["num_allocated"] or 0) if record else 0
        documents.append(
            ProductDocument(
                product_id=row["id"],
                title=row["title"],
                description=row["description"] or "",
                state_id=district.state_id,
                state_code=district.state.code,
                state_names=_names(district.state.name, district.state.name_hi),
                district_id=district.id,
                district_slug=district.slug,
                district_names=_names(district.name, district.name_hi),
                craft_id=craft.id,
                craft_slug=craft.slug,
                family_id=family.id,
                family_slug=family.slug,
                craft_names=_names(craft.name, craft.name_hi)
                + (_names(family.name, family.name_hi) if family is not craft else ()),
                gi_tag_id=gi_tag.id if gi_tag else None,
                gi_slug=gi_tag.slug if gi_tag else "",
                gi_names=_names(gi_tag.name, gi_tag.name_hi) if gi_tag else (),
                artisan_id=record["partner_id"] if record else None,
                artisan_code=record["partner__code"] if record else "",
                artisan_name=record["partner__name"] if record else "",
                price=record["price"] if record else None,
                in_stock=stock > 0,
                date_created=row["date_created"],
            )
        )
    return documents

"""What a tax invoice or credit note says, read in a bounded number of queries however many are asked
for (the bulk download renders 500)."""

from dataclasses import dataclass, field
from decimal import Decimal

import segno
from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue_ext.models import State
from fulfilment.models import Pincode, Shipment
from invoices.gst import amount_in_words
from invoices.models import INVOICE, Invoice
from order_ext.selectors import order_money
from shop.money import ZERO

# SAC of the shop's own services: courier services (9968 12), which collecting the cash on delivery is part of.
SERVICES_SAC = "996812"

Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")


@dataclass
class InvoiceRow:
    description: str
    hsn_code: str
    quantity: int
    taxable_value: Decimal
    rate: Decimal
    cgst: Decimal
    sgst: Decimal
    igst: Decimal
    total: Decimal
    product_url: str = ""
    qr: object = None  # segno.QRCode to the product's public page, where its maker's story is


@dataclass
class InvoiceDocument:
    invoice: Invoice
    supplier_name: str
    supplier_address: list[str]
    supplier_gstin: str
    buyer_name: str
    buyer_address: list[str]
    place_of_supply: str
    place_of_supply_code: str
    rows: list[InvoiceRow] = field(default_factory=list)
    refers_to: Invoice | None = None
    supplier_state: str = ""  # the shop's invoices: its state and GST code (artisans' are in their address)

    @property
    def is_shop_services(self) -> bool:
        return self.invoice.is_shop_services

    @property
    def title(self) -> str:
        return _("Credit note") if self.invoice.is_credit_note else _("Tax invoice")

    @property
    def taxable_value(self) -> Decimal:
        return sum((row.taxable_value for row in self.rows), ZERO)

    @property
    def cgst(self) -> Decimal:
        return sum((row.cgst for row in self.rows), ZERO)

    @property
    def sgst(self) -> Decimal:
        return sum((row.sgst for row in self.rows), ZERO)

    @property
    def igst(self) -> Decimal:
        return sum((row.igst for row in self.rows), ZERO)

    @property
    def total(self) -> Decimal:
        return sum((row.total for row in self.rows), ZERO)

    @property
    def intra_state(self) -> bool:
        return self.igst == ZERO

    @property
    def amount_in_words(self) -> str:
        return amount_in_words(self.total)

    @property
    def operator_name(self) -> str:
        return settings.OSCAR_SHOP_NAME

    @property
    def operator_gstin(self) -> str:
        return settings.SHOP_GSTIN

    @property
    def operator_url(self) -> str:
        return settings.SITE_URL


def _address_lines(address) -> list[str]:
    if address is None:
        return []
    parts = [address.line1, address.line2, address.line3, address.line4, address.state, address.postcode]
    return [str(part) for part in parts if part]


def invoice_documents(*, invoices) -> list[InvoiceDocument]:
    """Documents for `invoices` (a queryset or list of ids) in a fixed number of queries."""
    lines = Prefetch("shipment_group__lines", queryset=Line.objects.select_related("product").order_by("pk"))
    rows = list(
        Invoice.objects.filter(pk__in=[getattr(item, "pk", item) for item in invoices])
        .select_related(
            "partner", "partner__artisan_profile", "order", "order__shipping_address", "shipment_group", "refers_to"
        )
        .prefetch_related(lines, "partner__addresses")
        .order_by("pk")
    )
    states = {state.code: state for state in State.objects.all()}
    postcodes = {
        row.order.shipping_address.postcode.replace(" ", "")
        for row in rows
        if row.order.shipping_address_id and row.shipment_group_id and not row.shipment_group.supply_state
    }
    pincode_states = (
        dict(Pincode.objects.filter(code__in=postcodes).values_list("code", "state__code")) if postcodes else {}
    )
    documents = []
    for invoice in rows:
        if invoice.is_shop_services:
            documents.append(_shop_document(invoice=invoice, states=states))
            continue
        group, order = invoice.shipment_group, invoice.order
        address = order.shipping_address
        supply = group.supply_state or pincode_states.get((address.postcode if address else "").replace(" ", ""), "")
        state = states.get(supply)
        profile = getattr(invoice.partner, "artisan_profile", None)
        pickup = next(iter(invoice.partner.addresses.all()), None)
        document = InvoiceDocument(
            invoice=invoice,
            supplier_name=invoice.partner.display_name,
            supplier_address=_address_lines(pickup),
            supplier_gstin=getattr(profile, "gstin", "") or "",
            buyer_name=address.name if address else "",
            buyer_address=_address_lines(address),
            place_of_supply=str(state.name) if state else supply,
            place_of_supply_code=state.gst_code if state else "",
            refers_to=invoice.refers_to,
        )
        document.rows = (
            [_row(line) for line in group.lines.all()] if invoice.kind == INVOICE else [_credit_row(invoice)]
        )
        documents.append(document)
    return documents


def _credit_row(invoice: Invoice) -> InvoiceRow:
    total = invoice.taxable_value + invoice.cgst + invoice.sgst + invoice.igst
    return InvoiceRow(
        description=invoice.reason or _("Credit"),
        hsn_code="",
        quantity=1,
        taxable_value=invoice.taxable_value,
        rate=ZERO,
        cgst=invoice.cgst,
        sgst=invoice.sgst,
        igst=invoice.igst,
        total=total,
    )


def _service_row(*, description: str, split) -> InvoiceRow:
    return InvoiceRow(
        description=description,
        hsn_code=SERVICES_SAC,
        quantity=1,
        taxable_value=split.taxable_value,
        rate=split.rate,
        cgst=split.cgst,
        sgst=split.sgst,
        igst=split.igst,
        total=split.inclusive,
    )


def _shop_document(*, invoice: Invoice, states: dict) -> InvoiceDocument:
    """The shop's own invoice for an order's shipping and COD fee, from what placement stored (the same
    account every order page shows); place of supply and the shop's state as stored with the parcels."""
    order = invoice.order
    address = order.shipping_address
    groups = list(order.shipment_groups.order_by("pk"))
    supply = next((group.supply_state for group in groups if group.supply_state), "")
    home = states.get(
        next((group.service_state for group in groups if group.service_state), "") or settings.SHOP_STATE_CODE
    )
    state = states.get(supply)
    document = InvoiceDocument(
        invoice=invoice,
        supplier_name=settings.OSCAR_SHOP_NAME,
        supplier_address=list(settings.SHOP_ADDRESS),
        supplier_gstin=settings.SHOP_GSTIN,
        supplier_state=f"{home.name} ({home.gst_code})" if home else "",
        buyer_name=address.name if address else "",
        buyer_address=_address_lines(address),
        place_of_supply=str(state.name) if state else supply,
        place_of_supply_code=state.gst_code if state else "",
        refers_to=invoice.refers_to,
    )
    if invoice.kind != INVOICE:
        document.rows = [_credit_row(invoice)]
        return document
    money = order_money(order=order)
    document.rows = [
        _service_row(
            description=_("Shipping: parcel from %(artisan)s") % {"artisan": parcel.artisan}, split=parcel.shipping
        )
        for parcel in money.parcels or []
    ]
    if money.fee is not None:
        document.rows.append(_service_row(description=_("Cash on delivery fee"), split=money.fee))
    return document


def _row(line) -> InvoiceRow:
    product = line.product
    url = settings.SITE_URL + product.get_absolute_url() if product is not None else ""
    return InvoiceRow(
        description=line.title,
        hsn_code=line.hsn_code,
        quantity=line.quantity,
        taxable_value=line.taxable_value,
        rate=line.gst_rate,
        cgst=line.cgst,
        sgst=line.sgst,
        igst=line.igst,
        total=line.line_price_incl_tax,
        product_url=url,
        qr=segno.make(url, error="m") if url else None,
    )


def invoices_for_order(*, order) -> list[Invoice]:
    return list(Invoice.objects.filter(order=order).select_related("shipment_group").order_by("pk"))


SHOPPER, GUEST, OPS, STUDIO = "shopper", "guest", "ops", "studio"


@dataclass(frozen=True)
class InvoiceLink:
    label: str
    url: str
    pdf_url: str


def invoice_links(*, order, audience: str, absolute: bool = False, partner_id: int | None = None) -> list[InvoiceLink]:
    """Links to an order's tax invoices for `audience` (the URLs that audience may open): one per parcel
    from its artisan (only `partner_id`'s in the studio) and the shop's own for shipping and the fee;
    `absolute` for e-mails (SITE_URL). Two queries; invoices not issued yet are issued on opening."""
    shipments = Shipment.objects.filter(group__order=order).select_related("group__partner").order_by("group_id")
    if partner_id is not None:
        shipments = shipments.filter(group__partner_id=partner_id)
    numbers = dict(Invoice.objects.filter(order=order, kind=INVOICE).values_list("shipment_group_id", "number"))
    prefix = settings.SITE_URL if absolute else ""
    guest = {"number": order.number, "hash": order.verification_hash()} if audience == GUEST else {}

    def parcel_urls(shipment) -> tuple[str, str]:
        if audience == OPS:
            return reverse("fulfilment-ops:invoice", kwargs={"shipment_pk": shipment.pk}), reverse(
                "fulfilment-ops:invoice-pdf", kwargs={"shipment_pk": shipment.pk}
            )
        if audience == STUDIO:
            return reverse("fulfilment-studio:invoice", kwargs={"shipment_pk": shipment.pk}), reverse(
                "fulfilment-studio:invoice-pdf", kwargs={"shipment_pk": shipment.pk}
            )
        name = "invoices:guest-invoice" if guest else "invoices:invoice"
        kwargs = {**(guest or {"number": order.number}), "shipment_id": str(shipment.pk)}
        return reverse(name, kwargs=kwargs), reverse(f"{name}-pdf", kwargs=kwargs)

    links = []
    for shipment in shipments:
        url, pdf_url = parcel_urls(shipment)
        number = numbers.get(shipment.group_id, "")
        label = _("Tax invoice from %(artisan)s") % {"artisan": shipment.group.partner.display_name}
        links.append(InvoiceLink(f"{label} {number}".strip(), prefix + url, prefix + pdf_url))
    # The shop bills whatever the order charged beyond its goods (shipping, fee): stored, no query.
    if audience != STUDIO and (None in numbers or order.total_incl_tax > order.basket_total_incl_tax):
        if audience == OPS:
            kwargs, name = {"number": order.number}, "fulfilment-ops:services-invoice"
        else:
            kwargs, name = (
                (guest or {"number": order.number}),
                ("invoices:guest-services-invoice" if guest else "invoices:services-invoice"),
            )
        label = _("Tax invoice from %(shop)s for shipping and the cash on delivery fee") % {
            "shop": settings.OSCAR_SHOP_NAME
        }
        links.append(
            InvoiceLink(
                f"{label} {numbers.get(None, '')}".strip(),
                prefix + reverse(name, kwargs=kwargs),
                prefix + reverse(f"{name}-pdf", kwargs=kwargs),
            )
        )
    return links

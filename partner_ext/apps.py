import oscar.apps.partner.apps as apps


class PartnerConfig(apps.PartnerConfig):
    """Oscar's partner, forked under our own folder; the label stays `partner`."""

    name = "partner_ext"

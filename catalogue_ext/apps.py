import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    """Oscar's catalogue, forked under our own folder; the label stays `catalogue`."""

    name = "catalogue_ext"

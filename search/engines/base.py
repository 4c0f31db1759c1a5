"""The interface every search engine gives the search service."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FacetCount:
    key: str
    name: str
    name_hi: str
    count: int


@dataclass
class EngineResult:
    total: int
    page: int
    product_ids: list[int]
    in_stock_ids: set[int]
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    price_bands: dict[str, int] = field(default_factory=dict)
    engine: str = ""


class EngineUnavailable(Exception):
    """The engine cannot answer now (e.g. Elasticsearch is down); the service falls back to the database."""


class RebuildIncomplete(EngineUnavailable):
    """Some documents could not be indexed: the alias was left on the old index."""

    def __init__(self, failures: int, sample: str) -> None:
        self.failures = failures
        super().__init__(
            f"{failures} document(s) could not be indexed, so the alias was left on the old index "
            f"(first failure: {sample})"
        )

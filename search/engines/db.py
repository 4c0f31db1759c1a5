"""The embedded engine: the search app's own tables, full-text on PostgreSQL (tsvector + GIN) or SQLite (FTS5).

Both backends match the same words (the query's words, each widened by one-typo neighbours from the
vocabulary table and by synonyms, all required) so they return the same products; facet counts are
grouped queries over `ProductSearchDocument`.
"""

from collections import Counter
from dataclasses import dataclass

from django.apps import apps
from django.db import connection, transaction
from django.db.models import BooleanField, Case, CharField, Count, F, FloatField, Func, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from search import text
from search.documents import ProductDocument
from search.engines.base import EngineResult, FacetCount
from search.models import ProductSearchDocument, SearchTerm
from search.query import PRICE_BANDS, SearchRequest, page_last

FTS_TABLE = "search_fts"
CHUNK = 500


@dataclass(frozen=True)
class _Facet:
    """A facet's id column on the document row, and the reference table its keys and names live in."""

    column: str
    model: str
    key: str
    has_hindi: bool = True


FACETS = {
    "state": _Facet("state_id", "catalogue.State", "code"),
    "district": _Facet("district_id", "catalogue.District", "slug"),
    "craft": _Facet("craft_id", "catalogue.Craft", "slug"),
    "gi": _Facet("gi_tag_id", "catalogue.GITag", "slug"),
    "artisan": _Facet("artisan_id", "partner.Partner", "code", has_hindi=False),
}


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def word_groups(words: list[str]) -> list[set[str]]:
    """Each query word with the indexed words one edit away (5+ letters) and its synonyms."""
    long_words = [w for w in words if len(w) >= text.MIN_TYPO_LENGTH]
    neighbours: dict[str, set[str]] = {w: set() for w in words}
    if long_words:
        condition = Q()
        for word in long_words:
            condition |= Q(term__startswith=word[0], length__range=(len(word) - 1, len(word) + 1))
        for term in SearchTerm.objects.filter(condition).values_list("term", flat=True):
            for word in long_words:
                if term[:1] == word[:1] and text.within_one_edit(word, term):
                    neighbours[word].add(term)
    synonyms = text.synonym_groups()
    groups = []
    for word in words:
        group = {word} | neighbours[word]
        for member in list(group):
            group |= synonyms.get(member, frozenset())
        groups.append(group)
    return groups


class _TsQuery(Func):
    """A tsquery built from already-normalised words, so PostgreSQL's parser cannot re-split Devanagari."""

    template = "%(expressions)s::tsquery"


def _tsvector_literal(title_terms: list[str], body_terms: list[str]) -> str:
    """Title words weighted A, the rest B, with positions (weights live on positions in a tsvector)."""
    positions: dict[str, list[str]] = {}
    for offset, (terms, weight) in enumerate(((title_terms, "A"), (body_terms, "B"))):
        start = 1 + offset * (len(title_terms) + 1)
        for index, term in enumerate(terms):
            position = min(start + index, 16383)
            positions.setdefault(term, []).append(f"{position}{weight}")
    return " ".join(f"'{term}':{','.join(marks[:256])}" for term, marks in positions.items())


def _tsquery(groups: list[set[str]]) -> str:
    return " & ".join("(" + " | ".join(f"'{word}'" for word in sorted(group)) + ")" for group in groups)


def _fts_match(groups: list[set[str]]) -> str:
    return " AND ".join("(" + " OR ".join(f'"{word}"' for word in sorted(group)) + ")" for group in groups)


def _text_filter(queryset: QuerySet, groups: list[set[str]], *, rank: bool) -> QuerySet:
    if not groups:
        return queryset
    if _is_postgres():
        query = _TsQuery(Value(_tsquery(groups)))
        matches = Func(
            F("search_vector"), query, template="%(expressions)s", arg_joiner=" @@ ", output_field=BooleanField()
        )
        queryset = queryset.filter(matches)
        if rank:
            queryset = queryset.annotate(
                rank=Func(F("search_vector"), query, function="ts_rank", output_field=FloatField())
            )
        return queryset
    match = _fts_match(groups)
    queryset = queryset.filter(
        product_id__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
    )
    if rank:
        table = ProductSearchDocument._meta.db_table
        queryset = queryset.annotate(
            rank=RawSQL(
                f"(SELECT -bm25({FTS_TABLE}, 10.0, 1.0) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid = {table}.product_id)",
                [match],
                output_field=FloatField(),
            )
        )
    return queryset


def _resolve_filters(request: SearchRequest) -> dict[str, list[int]]:
    """Facet keys (slugs, codes) → ids once per search, so every later query filters the index rows alone."""
    resolved = {}
    for name, values in request.filters.items():
        facet = FACETS[name]
        keys = [value.upper() for value in values] if name == "state" else list(values)
        ids = apps.get_model(facet.model).objects.filter(**{f"{facet.key}__in": keys}).values_list("id", flat=True)
        resolved[name] = list(ids)
    return resolved


def _filtered(request: SearchRequest, ids: dict[str, list[int]], groups: list[set[str]], *, skip: str = "") -> QuerySet:
    queryset = ProductSearchDocument.objects.all()
    for name, values in ids.items():
        if name == skip:
            continue
        if name == "craft":
            # A craft family selects all of its crafts.
            queryset = queryset.filter(Q(craft_id__in=values) | Q(craft_family_id__in=values))
        else:
            queryset = queryset.filter(**{f"{FACETS[name].column}__in": values})
    if skip != "price":
        if request.price_min is not None:
            queryset = queryset.filter(price__gte=request.price_min)
        if request.price_max is not None:
            queryset = queryset.filter(price__lte=request.price_max)
    if request.in_stock:
        queryset = queryset.filter(in_stock=True)
    return _text_filter(queryset, groups, rank=False)


def _band_case() -> Case:
    """The price band of a row as a value to group by (NULL for a product without a price)."""
    whens = []
    for key, low, high in PRICE_BANDS:
        bounds = {
            **({"price__gte": low} if low is not None else {}),
            **({"price__lt": high} if high is not None else {}),
        }
        whens.append(When(Q(**bounds), then=Value(key)))
    return Case(*whens, default=Value(None), output_field=CharField())


def _grouped_counts(
    queryset: QuerySet, names: list[str], *, bands: bool = False
) -> tuple[dict[str, Counter], Counter, int]:
    """Counts per value of each named facet (and per price band) in one grouped pass over the index rows.

    The groups are few (an artisan fixes state and district, and has a craft or two), so adding
    them up here is cheaper than one scan of the index per facet; their sum is the total.
    """
    columns = [FACETS[name].column for name in names]
    totals: dict[str, Counter] = {name: Counter() for name in names}
    band_counts: Counter = Counter()
    total = 0
    queryset = queryset.order_by()
    if bands:
        queryset = queryset.annotate(band=_band_case())
        columns.append("band")
    for *keys, count in queryset.values_list(*columns).annotate(count=Count("*")):
        total += count
        if bands:
            band = keys.pop()
            if band is not None:
                band_counts[band] += count
        for name, key in zip(names, keys, strict=True):
            if key is not None:
                totals[name][key] += count
    return totals, band_counts, total


def _facet_rows(name: str, counts: Counter) -> list[FacetCount]:
    """The few names the counts need, looked up after grouping (no joins in the grouped scan)."""
    if not counts:
        return []
    facet = FACETS[name]
    fields = ["id", facet.key, "name"] + (["name_hi"] if facet.has_hindi else [])
    labels = apps.get_model(facet.model).objects.filter(id__in=counts).values(*fields)
    rows = [
        FacetCount(key=row[facet.key], name=row["name"], name_hi=row.get("name_hi", ""), count=counts[row["id"]])
        for row in labels
    ]
    return sorted(rows, key=lambda row: (-row.count, row.key))


# The final key is unique (the product id) and products without a price come last either way,
# exactly as the Elasticsearch engine sorts (`missing: _last`).
ORDERINGS = {
    "price_asc": (F("price").asc(nulls_last=True), "-date_created", "-product_id"),
    "price_desc": (F("price").desc(nulls_last=True), "-date_created", "-product_id"),
    "newest": ("-date_created", "-product_id"),
}


_COLUMNS = (
    "product_id",
    "title",
    "title_terms",
    "body_terms",
    "state_id",
    "district_id",
    "craft_id",
    "craft_family_id",
    "gi_tag_id",
    "artisan_id",
    "price",
    "in_stock",
    "date_created",
    "search_vector",
)


def _rows_insert(rows: list[tuple]) -> None:
    """Index rows in `_COLUMNS` order; PostgreSQL takes them through COPY, the fastest way in."""
    table = ProductSearchDocument._meta.db_table
    with connection.cursor() as cursor:
        if _is_postgres():
            with cursor.cursor.copy(f"COPY {table} ({', '.join(_COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(_COLUMNS))
        cursor.executemany(f"INSERT INTO {table} ({', '.join(_COLUMNS)}) VALUES ({placeholders})", rows)


class DatabaseEngine:
    name = "database"

    def search(self, request: SearchRequest) -> EngineResult:
        groups = word_groups(request.words)
        ids = _resolve_filters(request)
        base = _filtered(request, ids, groups)
        # Disjunctive facets: each facet's counts apply every selected filter but its own. Facets with
        # no selection of their own, the price bands (unless a price range is set) and the total
        # share one grouped pass over the fully filtered rows.
        unselected = [name for name in FACETS if name not in ids]
        price_free = request.price_min is None and request.price_max is None
        counts, band_counts, total = _grouped_counts(base, unselected, bands=price_free)
        for name in ids:
            counts.update(_grouped_counts(_filtered(request, ids, groups, skip=name), [name])[0])
        if not price_free:
            band_counts = _grouped_counts(_filtered(request, ids, groups, skip="price"), [], bands=True)[1]
        bands = {key: band_counts[key] for key, _low, _high in PRICE_BANDS}
        facets = {name: _facet_rows(name, counts[name]) for name in FACETS}
        page = min(request.page, page_last(total, request.per_page))
        if request.sort == "relevance" and groups:
            ordered = _text_filter(_filtered(request, ids, []), groups, rank=True).order_by(
                "-rank", "-date_created", "-product_id"
            )
        else:
            ordered = base.order_by(*ORDERINGS.get(request.sort, ORDERINGS["newest"]))
        start = (page - 1) * request.per_page
        rows = list(ordered.values_list("product_id", "in_stock")[start : start + request.per_page]) if total else []
        return EngineResult(
            total=total,
            page=page,
            product_ids=[product_id for product_id, _ in rows],
            in_stock_ids={product_id for product_id, in_stock in rows if in_stock},
            facets=facets,
            price_bands=bands,
            engine=self.name,
        )

    def suggest_products(self, *, words: list[str], limit: int) -> list[tuple[int, str, str]]:
        """(id, title, slug) of products whose title has a word starting with the last word typed."""
        *whole, prefix = words
        queryset = ProductSearchDocument.objects.filter(
            Q(title_terms__startswith=prefix) | Q(title_terms__contains=f" {prefix}")
        )
        for word in whole:
            queryset = queryset.filter(
                Q(title_terms__startswith=f"{word} ")
                | Q(title_terms__contains=f" {word} ")
                | Q(title_terms=word)
                | Q(title_terms__endswith=f" {word}")
            )
        return list(
            queryset.order_by("-date_created", "-product_id").values_list("product_id", "title", "product__slug")[
                :limit
            ]
        )

    def write(self, documents: list[ProductDocument], *, product_ids: list[int]) -> None:
        """Replace the index rows of `product_ids` with `documents` (those still buyable)."""
        with transaction.atomic():
            for start in range(0, len(product_ids), CHUNK):
                chunk = product_ids[start : start + CHUNK]
                placeholders = ",".join(["%s"] * len(chunk))
                with connection.cursor() as cursor:
                    # Plain DELETEs: the rows have no dependants, and Django's collector would load them first.
                    cursor.execute(
                        f"DELETE FROM {ProductSearchDocument._meta.db_table} WHERE product_id IN ({placeholders})",
                        chunk,
                    )
                    if not _is_postgres():
                        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})", chunk)
            rows = []
            terms: set[str] = set()
            for document in documents:
                title_terms, body_terms = document.title_terms, document.body_terms
                terms.update(title_terms)
                terms.update(body_terms)
                rows.append(
                    (
                        document.product_id,
                        document.title[:255],
                        " ".join(title_terms),
                        " ".join(body_terms),
                        document.state_id,
                        document.district_id,
                        document.craft_id,
                        document.family_id,
                        document.gi_tag_id,
                        document.artisan_id,
                        document.price,
                        document.in_stock,
                        document.date_created,
                        _tsvector_literal(title_terms, body_terms) if _is_postgres() else None,
                    )
                )
            _rows_insert(rows)
            SearchTerm.objects.bulk_create(
                [SearchTerm(term=term, length=len(term)) for term in sorted(terms)],
                batch_size=CHUNK,
                ignore_conflicts=True,
            )
            if not _is_postgres():
                with connection.cursor() as cursor:
                    cursor.executemany(
                        f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (%s, %s, %s)",
                        [(row[0], row[2], row[3]) for row in rows],
                    )

    def prune(self, *, keep) -> int:
        """Drop rows of products no longer buyable (`keep` is a queryset of buyable ids)."""
        deleted, _ = ProductSearchDocument.objects.exclude(product_id__in=keep).delete()
        if not _is_postgres():
            with connection.cursor() as cursor:
                cursor.execute(
                    f"DELETE FROM {FTS_TABLE} WHERE rowid NOT IN (SELECT product_id FROM {ProductSearchDocument._meta.db_table})"
                )
        return deleted

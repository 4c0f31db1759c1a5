"""The Elasticsearch engine against Elasticsearch 8 responses, through the real client, stubbed at the HTTP level.

The cluster's answers are the documented shapes in `fixtures/elasticsearch8_responses.json`; the
elasticsearch-py client runs unchanged (serialisation, product check, status → exception classes,
bulk helper retries), only the socket is replaced (`es_stub.StubNode`).
"""

import logging
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import elastic_transport
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import QueryDict

from search import engines
from search.documents import ProductDocument
from search.engines import es
from search.engines.base import EngineUnavailable, RebuildIncomplete
from search.query import search_request_parse
from search.selectors import search_run, search_suggest
from search.services import search_index_products
from tests.factories import CraftProductFactory, VerifiedArtisanPartnerFactory
from tests.unit.search.es_stub import StubCluster, StubNode

ALIAS = "odop-products"
LIVE = "odop-products-20260101t000000000000-abcdef"


@pytest.fixture
def cluster(monkeypatch, settings):
    """A stubbed cluster behind the engine the settings choose; bulk backoff sleeps are skipped."""
    stub = StubCluster()
    monkeypatch.setattr(StubNode, "cluster", stub)
    monkeypatch.setattr(es, "NODE_CLASS", StubNode)
    monkeypatch.setattr(
        "elasticsearch.helpers.actions.time.sleep", lambda seconds: stub.requests.append(("sleep", seconds))
    )
    settings.ELASTICSEARCH_URL = "http://es.test:9200"
    settings.ELASTICSEARCH_INDEX = ALIAS
    settings.ELASTICSEARCH_TIMEOUT = 2
    settings.ELASTICSEARCH_ADMIN_TIMEOUT = 120
    engines._elasticsearch.cache_clear()
    yield stub
    engines._elasticsearch.cache_clear()


def _engine():
    return engines.elasticsearch_engine()


def _request(query: str = ""):
    return search_request_parse(QueryDict(query))[0]


def _http(stub, method=None, fragment=""):
    return [
        r
        for r in stub.requests
        if not isinstance(r, tuple) and (method is None or r.method == method) and fragment in r.path
    ]


def _document(product_id: int, title: str = "Engraved Brass Vase", price="1200.00") -> ProductDocument:
    return ProductDocument(
        product_id=product_id,
        title=title,
        description="<p>Hand <strong>engraved</strong> women's shawl</p>",
        state_id=1,
        state_code="UP",
        state_names=("Uttar Pradesh", "उत्तर प्रदेश"),
        district_id=2,
        district_slug="moradabad",
        district_names=("Moradabad", "मुरादाबाद"),
        craft_id=3,
        craft_slug="brassware",
        family_id=3,
        family_slug="brassware",
        craft_names=("Brassware",),
        gi_tag_id=None,
        gi_slug="",
        gi_names=(),
        artisan_id=5,
        artisan_code="rehman-brass",
        artisan_name="Rehman",
        price=Decimal(price) if price else None,
        in_stock=True,
        date_created=datetime(2026, 1, 1, tzinfo=UTC),
    )


# Search and suggest ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_faceted_search_reads_hits_facets_and_bands_from_a_real_response(cluster):
    cluster.add_index(LIVE, ALIAS)
    result = _engine().search(_request("q=brass&district=moradabad"))
    assert result.engine == "elasticsearch" and result.total == 3
    assert result.product_ids == [11, 12] and result.in_stock_ids == {11}
    districts = {f.key: (f.name, f.count) for f in result.facets["district"]}
    assert districts["moradabad"] == ("Moradabad", 2) and districts["varanasi"][1] == 1
    assert result.price_bands == {"0-500": 1, "500-1000": 1, "1000-2500": 1, "2500-5000": 0, "5000-": 0}
    (sent,) = _http(cluster, "POST", "/_search")
    assert sent.path == f"/{ALIAS}/_search" and sent.timeout == 2
    # Facets are sized from the reference tables, so no value of ~760 districts is ever cut off.
    from catalogue_ext.models import District

    assert sent.body["aggs"]["district"]["aggs"]["values"]["terms"]["size"] == District.objects.count()


@pytest.mark.django_db
def test_suggestions_come_newest_first_with_devanagari_titles_intact(cluster):
    first = CraftProductFactory(title="Engraved Brass Vase")
    second = CraftProductFactory(title="पीतल का लोटा")
    search_response = StubCluster().search_response or None  # noqa: F841 - the fixture default is the faceted one
    from tests.unit.search.es_stub import fixture

    body = fixture("search_suggest")["body"]
    body["hits"]["hits"][0]["_id"], body["hits"]["hits"][1]["_id"] = str(second.id), str(first.id)
    cluster.search_response = body
    cluster.add_index(LIVE, ALIAS)
    rows = _engine().suggest_products(words=["पीतल"], limit=5)
    assert [(pid, title) for pid, title, _slug in rows] == [
        (second.id, "पीतल का लोटा"),
        (first.id, "Engraved Brass Vase"),
    ]
    (sent,) = _http(cluster, "POST", "/_search")
    assert {"prefix": {"title_words": "पीतल"}} in sent.body["query"]["bool"]["filter"]
    assert sent.body["sort"] == [{"date_created": {"order": "desc"}}, {"product_id": {"order": "desc"}}]


FAULTS = [
    ("error_400_parsing", logging.ERROR, "a bug in search/engines/es.py", "parsing_exception"),
    ("error_400_illegal_argument_text_field", logging.ERROR, "a bug in search/engines/es.py", "Fielddata is disabled"),
    ("error_401", logging.ERROR, "credentials", "missing authentication credentials"),
    ("error_403", logging.ERROR, "credentials", "is unauthorized"),
    ("error_404_index", logging.WARNING, "search_index --rebuild", "no such index"),
    ("error_429_circuit_breaker", logging.WARNING, "HTTP 429", "Data too large"),
    ("error_503_no_shards", logging.WARNING, "HTTP 503", "all shards failed"),
    (elastic_transport.ConnectionTimeout("Connection timed out"), logging.WARNING, "unreachable", "timed out"),
    (elastic_transport.ConnectionError("Connection refused"), logging.WARNING, "unreachable", "refused"),
    (
        elastic_transport.TlsError("certificate verify failed"),
        logging.ERROR,
        "ELASTICSEARCH_CA_CERTS",
        "certificate verify failed",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("fault,level,advice,reason", FAULTS, ids=[str(f[0])[:40] for f in FAULTS])
def test_every_error_falls_back_to_the_database_and_is_logged_for_what_it_is(
    cluster, caplog, fault, level, advice, reason
):
    cluster.add_index(LIVE, ALIAS)
    cluster.faults.append(("POST", "/_search", fault))
    CraftProductFactory(title="Engraved Brass Vase")
    with caplog.at_level(logging.WARNING):
        page = search_run(request=_request("q=vase"))
    assert page.engine == "database"
    records = [r for r in caplog.records if r.name == "search.engines.es"]
    assert records and records[0].levelno == level
    assert advice in records[0].getMessage() and reason in records[0].getMessage()


@pytest.mark.django_db
def test_suggestions_fall_back_too(cluster):
    cluster.faults.append(("POST", "/_search", "error_503_no_shards"))
    CraftProductFactory(title="Engraved Brass Vase")
    search_index_products(product_ids=[])
    assert search_suggest(q="eng")["query"] == "eng"


@pytest.mark.django_db
def test_a_url_the_client_refuses_is_caught_inside_the_guard(cluster, settings):
    settings.ELASTICSEARCH_URL = (
        "http://es.test"  # no port: elasticsearch-py raises ValueError when building the client
    )
    engines._elasticsearch.cache_clear()
    with pytest.raises(EngineUnavailable, match="misconfigured"):
        _engine().search(_request("q=vase"))
    assert search_run(request=_request("q=vase")).engine == "database"


# Writes ------------------------------------------------------------------------------------------


def test_a_write_before_the_first_rebuild_creates_no_index(cluster):
    with pytest.raises(EngineUnavailable, match="search_index --rebuild"):
        _engine().write([_document(7)], product_ids=[7])
    assert cluster.indices == {}
    (bulk,) = _http(cluster, None, "/_bulk")
    assert bulk.params["require_alias"] == "true" and bulk.timeout == 120


@pytest.mark.django_db
def test_a_product_saved_before_the_first_rebuild_is_not_a_500(cluster, caplog):
    product = CraftProductFactory(title="Engraved Brass Vase")
    with caplog.at_level(logging.WARNING):
        search_index_products(product_ids=[product.id])
    assert cluster.indices == {}
    assert "search_index --rebuild" in caplog.text


def test_writes_go_through_the_alias_and_a_missing_delete_is_fine(cluster):
    cluster.add_index(LIVE, ALIAS)
    _engine().write([_document(7)], product_ids=[7, 8])
    source = cluster.indices[LIVE]["docs"]["7"]
    assert source["title_words"] == "engraved brass vase"
    # Tags are stripped and words are our tokeniser's: women's → women + s, as the query sends them.
    assert "strong" not in source["body_words"] and "women s shawl" in source["body_words"]


def test_a_bulk_429_is_retried_with_backoff_and_never_escapes(cluster):
    cluster.add_index(LIVE, ALIAS)
    cluster.reject_429["7"] = 2
    _engine().write([_document(7)], product_ids=[7])
    assert "7" in cluster.indices[LIVE]["docs"]
    sleeps = [seconds for kind, seconds in (r for r in cluster.requests if isinstance(r, tuple))]
    assert sleeps == [es.WRITE_INITIAL_BACKOFF, es.WRITE_INITIAL_BACKOFF * 2]


def test_a_write_gives_up_after_a_short_budget_but_a_rebuild_keeps_trying(cluster):
    cluster.add_index(LIVE, ALIAS)
    cluster.reject_429["7"] = es.WRITE_RETRIES + 1
    with pytest.raises(EngineUnavailable, match="429"):
        _engine().write([_document(7)], product_ids=[7])
    assert sum(s for kind, s in (r for r in cluster.requests if isinstance(r, tuple))) < 5
    cluster.reject_429["8"] = es.WRITE_RETRIES + 1
    name = _rebuild([[_document(8)]])
    assert "8" in cluster.indices[name]["docs"]


@pytest.mark.parametrize(
    "fault", ["error_429_circuit_breaker", "error_503_no_shards", elastic_transport.ConnectionTimeout("timed out")]
)
def test_a_failed_bulk_request_is_engine_unavailable(cluster, fault):
    cluster.add_index(LIVE, ALIAS)
    for _ in range(100):
        cluster.faults.append(("PUT", "/_bulk", fault))
    with pytest.raises(EngineUnavailable):
        _engine().write([_document(7)], product_ids=[7])


# Rebuilds ----------------------------------------------------------------------------------------


def _rebuild(batches):
    return _engine().rebuild(batches)


def test_first_rebuild_creates_the_index_with_its_mapping_and_the_alias(cluster):
    name = _rebuild([[_document(1), _document(2)]])
    assert es.is_own_index(ALIAS, name)
    assert cluster.indices[name]["aliases"] == {ALIAS}
    assert cluster.indices[name]["mappings"]["dynamic"] == "strict"
    assert cluster.indices[name]["settings"]["refresh_interval"] == "-1"
    assert set(cluster.indices[name]["docs"]) == {"1", "2"}
    assert all(r.timeout == 120 for r in _http(cluster) if "_search" not in r.path)


def test_a_concrete_index_named_like_the_alias_is_replaced_in_the_same_aliases_call(cluster):
    cluster.add_index(ALIAS, docs={"9": {"title": "auto-created"}})
    name = _rebuild([[_document(1)]])
    assert ALIAS not in cluster.indices and cluster.indices[name]["aliases"] == {ALIAS}
    (switch,) = _http(cluster, "POST", "/_aliases")
    actions = switch.body["actions"]
    assert {"remove_index": {"index": ALIAS}} in actions and {"add": {"index": name, "alias": ALIAS}} in actions


def test_the_alias_moves_from_the_old_index_which_is_then_dropped(cluster):
    cluster.add_index(LIVE, ALIAS, docs={"1": {}})
    name = _rebuild([[_document(1), _document(2)]])
    assert LIVE not in cluster.indices and cluster.indices[name]["aliases"] == {ALIAS}


def test_failed_documents_keep_the_old_index_live_and_drop_the_new_one(cluster):
    cluster.add_index(LIVE, ALIAS, docs={"1": {}})
    cluster.reject_400.add("2")
    with pytest.raises(RebuildIncomplete) as failed:
        _rebuild([[_document(1), _document(2), _document(3)]])
    assert failed.value.failures == 1 and "document_parsing_exception" in str(failed.value)
    assert set(cluster.indices) == {LIVE} and cluster.indices[LIVE]["aliases"] == {ALIAS}


def test_rejected_documents_are_retried_so_the_rebuild_completes(cluster):
    cluster.reject_429["2"] = 3
    name = _rebuild([[_document(1), _document(2)]])
    assert set(cluster.indices[name]["docs"]) == {"1", "2"}


def test_half_built_indices_of_earlier_runs_are_removed(cluster):
    crashed = "odop-products-20251231t235959999999-0a1b2c"
    other = "odop-products-archive"
    cluster.add_index(LIVE, ALIAS)
    cluster.add_index(crashed, ALIAS + "-next")
    cluster.add_index(other)
    name = _rebuild([[_document(1)]])
    assert set(cluster.indices) == {name, other}


def test_index_names_are_unique_even_within_one_second():
    names = {es.index_name(ALIAS) for _ in range(2000)}
    assert len(names) == 2000 and all(es.is_own_index(ALIAS, n) for n in names)
    assert all(n == n.lower() for n in names)


def test_changes_made_during_a_rebuild_reach_the_new_index(cluster):
    cluster.add_index(LIVE, ALIAS, docs={"1": {}, "2": {}})
    engine = _engine()
    rebuild = engine.rebuild_start()
    # While the rebuild runs, product 1's price changes and product 2 stops being buyable...
    engine.write([_document(1, price="99.00")], product_ids=[1, 2])
    # ...then the rebuild's batch, read before those changes, arrives.
    rebuild.add([_document(1, price="1200.00"), _document(2)])
    rebuild.finish()
    docs = cluster.indices[rebuild.name]["docs"]
    assert set(docs) == {"1"} and docs["1"]["price"] == 99.0
    assert cluster.indices[rebuild.name]["aliases"] == {ALIAS}


@pytest.mark.django_db
def test_the_command_exits_non_zero_when_the_cluster_is_unreachable(cluster, settings):
    CraftProductFactory(title="Engraved Brass Vase")
    cluster.down = elastic_transport.ConnectionError("Connection refused")
    with pytest.raises(CommandError, match="Elasticsearch index NOT rebuilt.*unreachable"):
        call_command("search_index", "--rebuild", verbosity=0)
    assert cluster.indices == {}


@pytest.mark.django_db
def test_the_command_exits_non_zero_with_the_count_of_failures(cluster):
    VerifiedArtisanPartnerFactory()
    products = [CraftProductFactory(title=f"Brass Lamp {n}") for n in range(3)]
    cluster.add_index(LIVE, ALIAS)
    cluster.reject_400.update({str(products[0].id), str(products[2].id)})
    with pytest.raises(CommandError, match="2 document"):
        call_command("search_index", "--rebuild", verbosity=0)
    assert set(cluster.indices) == {LIVE}


@pytest.mark.django_db
def test_the_command_switches_the_alias_when_all_went_in(cluster):
    product = CraftProductFactory(title="Engraved Brass Vase")
    call_command("search_index", "--rebuild", verbosity=0)
    (name,) = cluster.indices
    assert cluster.indices[name]["aliases"] == {ALIAS} and str(product.id) in cluster.indices[name]["docs"]


# Settings ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "env,message",
    [
        ({"ELASTICSEARCH_URL": "http://127.0.0.1"}, "ELASTICSEARCH_URL must be like"),
        ({"ELASTICSEARCH_URL": "127.0.0.1:9200"}, "ELASTICSEARCH_URL must be like"),
        ({"ELASTICSEARCH_URL": "http://elastic:secret@127.0.0.1:port"}, "ELASTICSEARCH_URL must be like"),
        (
            {"ELASTICSEARCH_URL": "https://127.0.0.1:9200", "ELASTICSEARCH_CA_CERTS": "/nowhere/http_ca.crt"},
            "ELASTICSEARCH_CA_CERTS names no file",
        ),
        (
            {
                "ELASTICSEARCH_URL": "https://127.0.0.1:9200",
                "ELASTICSEARCH_API_KEY": "k",
                "ELASTICSEARCH_USERNAME": "u",
            },
            "not both",
        ),
    ],
)
def test_a_malformed_elasticsearch_setting_is_refused_at_start_up(env, message):
    result = subprocess.run(
        [sys.executable, "-c", "import shop.settings"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "shop.settings", **env},
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and message in result.stderr
    assert "secret" not in result.stderr


def test_credentials_and_ca_reach_the_client(cluster, tmp_path):
    ca = tmp_path / "http_ca.crt"
    ca.write_text("not read by the stub")
    engine = es.ElasticsearchEngine(
        es.ElasticsearchConfig(url="https://es.test:9200", alias=ALIAS, api_key="a2V5", ca_certs=str(ca))
    )
    try:
        client = engine.client()
    except EngineUnavailable:
        pytest.skip("this urllib3 build refuses a dummy CA file")
    assert client._headers["authorization"] == "ApiKey a2V5"
    assert re.match(r"^https://es\.test:9200", client.transport.node_pool.get().base_url)

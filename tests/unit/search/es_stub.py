"""A stubbed Elasticsearch 8 at the HTTP level, for the real elasticsearch-py client to talk to.

`StubNode` replaces elastic_transport's urllib3 node: the client serialises requests, sends them
through its transport (retries, product check, status → exception mapping) and parses our bytes
exactly as it would a real cluster's. `StubCluster` answers from a small model of indices, aliases
and documents, with every response body shaped like the fixtures in
`fixtures/elasticsearch8_responses.json` (each one names the reference page it follows).
Faults are scripted per call: an HTTP error from the fixtures, a timeout, a refused connection, or
bulk items rejected with 429 a given number of times.
"""

from __future__ import annotations

import copy
import fnmatch
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse

FIXTURES = json.loads(
    (Path(__file__).parent / "fixtures" / "elasticsearch8_responses.json").read_text(encoding="utf-8")
)


def fixture(name: str) -> dict:
    return copy.deepcopy(FIXTURES[name])


def _fill(value, **names):
    text = json.dumps(value)
    for key, replacement in names.items():
        text = text.replace(key, str(replacement))
    return json.loads(text)


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, str]
    body: object
    timeout: object


@dataclass
class StubCluster:
    indices: dict[str, dict] = field(default_factory=dict)  # name → {"aliases": set, "docs": {id: source}}
    requests: list[Request] = field(default_factory=list)
    # Scripted faults: list of (method, path substring, fault) consumed in order of matching.
    faults: list[tuple[str, str, object]] = field(default_factory=list)
    # Bulk item rejections: product id → how many more times it is refused with 429.
    reject_429: dict[str, int] = field(default_factory=dict)
    # Bulk items refused for good (a mapping error): product ids.
    reject_400: set[str] = field(default_factory=set)
    search_response: dict | None = None
    # Every request fails with this transport error (a cluster that is down).
    down: Exception | None = None

    # The model ---------------------------------------------------------------------------------

    def add_index(self, name: str, *aliases: str, docs: dict | None = None) -> None:
        self.indices[name] = {"aliases": set(aliases), "docs": dict(docs or {})}

    def aliases(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for name, index in self.indices.items():
            for alias in index["aliases"]:
                found.setdefault(alias, []).append(name)
        return found

    def resolve(self, target: str) -> list[str]:
        if target in self.indices:
            return [target]
        return self.aliases().get(target, [])

    # HTTP ---------------------------------------------------------------------------------------

    def answer(self, method: str, target: str, body: bytes | None, timeout) -> tuple[int, object]:
        parts = urlsplit(target)
        path = unquote(parts.path)
        params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        if body and path.endswith("/_bulk"):
            parsed: object = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        else:
            parsed = json.loads(body) if body else None
        self.requests.append(Request(method, path, params, parsed, timeout))
        if self.down is not None:
            raise self.down
        for position, (fault_method, fragment, fault) in enumerate(self.faults):
            if fault_method == method and fragment in path:
                del self.faults[position]
                if isinstance(fault, Exception):
                    raise fault
                entry = fixture(fault)
                return entry["status"], entry["body"]
        return self._route(method, path, params, parsed)

    def _error(self, name: str, **names) -> tuple[int, object]:
        entry = fixture(name)
        return entry["status"], _fill(entry["body"], **names)

    def _route(self, method: str, path: str, params: dict, body) -> tuple[int, object]:  # noqa: C901  (issue 18 code landed alongside the linter; to split)
        segments = [s for s in path.split("/") if s]
        if method in ("POST", "PUT") and segments == ["_bulk"]:
            return 200, self._bulk(body, params)
        if method == "POST" and segments == ["_aliases"]:
            return self._update_aliases(body["actions"])
        if method == "GET" and len(segments) == 2 and segments[1] == "_alias":
            return self._get_alias(segments[0])
        if method == "PUT" and len(segments) == 1:
            name = segments[0]
            if name in self.indices or name in self.aliases():
                return 400, {
                    "error": {
                        "root_cause": [
                            {"type": "resource_already_exists_exception", "reason": f"index [{name}] already exists"}
                        ],
                        "type": "resource_already_exists_exception",
                        "reason": f"index [{name}] already exists",
                    },
                    "status": 400,
                }
            self.add_index(name, *(body or {}).get("aliases", {}).keys())
            self.indices[name]["mappings"] = (body or {}).get("mappings")
            self.indices[name]["settings"] = (body or {}).get("settings")
            return 200, _fill(fixture("indices_create")["body"], INDEX=name)
        if method == "DELETE" and len(segments) == 1:
            for name in segments[0].split(","):
                self.indices.pop(name, None)
            return 200, fixture("acknowledged")["body"]
        if method == "PUT" and len(segments) == 2 and segments[1] == "_settings":
            return 200, fixture("acknowledged")["body"]
        if method == "POST" and len(segments) == 2 and segments[1] == "_refresh":
            return 200, fixture("refresh")["body"]
        if method == "POST" and len(segments) == 2 and segments[1] == "_delete_by_query":
            deleted = 0
            for name in self.resolve(segments[0]):
                docs = self.indices[name]["docs"]
                for doc_id in [i for i, source in docs.items() if source.get("removed")]:
                    del docs[doc_id]
                    deleted += 1
            response = fixture("delete_by_query")["body"]
            response.update(deleted=deleted, total=deleted)
            return 200, response
        if method == "POST" and len(segments) == 2 and segments[1] == "_search":
            if not self.resolve(segments[0]):
                return self._error("error_404_index")
            return 200, copy.deepcopy(self.search_response or fixture("search_faceted")["body"])
        return 400, {
            "error": {"type": "stub_exception", "reason": f"the stub has no route for {method} {path}"},
            "status": 400,
        }

    def _get_alias(self, target: str) -> tuple[int, object]:
        found = {}
        for name, index in self.indices.items():
            if fnmatch.fnmatch(name, target) or target in index["aliases"]:
                found[name] = {"aliases": {alias: {} for alias in sorted(index["aliases"])}}
        if not found and "*" not in target:
            return self._error("error_404_index")
        return 200, found

    def _update_aliases(self, actions: list[dict]) -> tuple[int, object]:  # noqa: C901  (issue 18 code landed alongside the linter; to split)
        """All or nothing, as Elasticsearch applies one _aliases request."""
        state = copy.deepcopy(self.indices)
        for action in actions:
            ((kind, spec),) = action.items()
            if kind == "remove_index":
                if spec["index"] not in state:
                    return self._error("error_404_index")
                del state[spec["index"]]
            elif kind == "remove":
                if spec["index"] not in state or spec["alias"] not in state[spec["index"]]["aliases"]:
                    return 404, {
                        "error": {
                            "type": "aliases_not_found_exception",
                            "reason": f"aliases [{spec['alias']}] missing",
                        },
                        "status": 404,
                    }
                state[spec["index"]]["aliases"].discard(spec["alias"])
            elif kind == "add":
                if spec["index"] not in state:
                    return self._error("error_404_index")
                state[spec["index"]]["aliases"].add(spec["alias"])
        for name in state:
            for alias in state[name]["aliases"]:
                if alias in state:
                    reason = (
                        f"Invalid alias name [{alias}]: an index or data stream exists with the same name as the alias"
                    )
                    return 400, {
                        "error": {
                            "root_cause": [{"type": "invalid_alias_name_exception", "reason": reason}],
                            "type": "invalid_alias_name_exception",
                            "reason": reason,
                        },
                        "status": 400,
                    }
        self.indices = state
        return 200, fixture("acknowledged")["body"]

    def _bulk(self, lines: list[dict], params: dict) -> dict:
        require_alias = params.get("require_alias") == "true"
        items, errors, position = [], False, 0
        while position < len(lines):
            ((op, meta),) = lines[position].items()
            source = lines[position + 1] if op in ("index", "create") else None
            position += 2 if source is not None else 1
            target, doc_id = meta["_index"], str(meta["_id"])
            names = {"INDEX": target, "ID": doc_id}
            if require_alias and target not in self.aliases():
                item = _fill(fixture("bulk_item_alias_required_404")["item"], **names)
            elif not self.resolve(target):
                # Without require_alias a real cluster would auto-create the index here: the engine must never get here.
                item = _fill(fixture("error_404_index")["body"]["error"], **names) | {"status": 404}
                item = {"_index": target, "_id": doc_id, "status": 404, "error": item}
            elif self.reject_429.get(doc_id, 0) > 0:
                self.reject_429[doc_id] -= 1
                item = _fill(fixture("bulk_item_rejected_429")["item"], **names)
            elif doc_id in self.reject_400:
                item = _fill(fixture("bulk_item_mapping_error_400")["item"], **names)
            else:
                name = self.resolve(target)[0]
                docs = self.indices[name]["docs"]
                names["INDEX"] = name
                if op == "create" and doc_id in docs:
                    item = _fill(fixture("bulk_item_conflict_409")["item"], **names)
                elif op == "delete":
                    if doc_id in docs:
                        del docs[doc_id]
                        item = _fill(fixture("bulk_ok")["item"], **names) | {"result": "deleted", "status": 200}
                    else:
                        item = _fill(fixture("bulk_item_delete_missing_404")["item"], **names)
                else:
                    docs[doc_id] = source
                    item = _fill(fixture("bulk_ok")["item"], **names)
            errors = errors or item["status"] >= 300
            items.append({op: item})
        return {"took": 3, "errors": errors, "items": items}


class StubNode(BaseNode):
    """An elastic_transport node that asks `StubNode.cluster` instead of opening a socket."""

    cluster: StubCluster | None = None

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        assert StubNode.cluster is not None, "no StubCluster installed"
        status, payload = StubNode.cluster.answer(method, target, body, request_timeout)
        data = json.dumps(payload).encode() if payload is not None else b""
        response_headers = HttpHeaders({"content-type": "application/json", "x-elastic-product": "Elasticsearch"})
        meta = ApiResponseMeta(
            status=status, http_version="1.1", headers=response_headers, duration=0.001, node=self.config
        )
        return NodeApiResponse(meta, data)

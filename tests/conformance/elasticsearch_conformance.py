#!/usr/bin/python3
"""Conformance of the Elasticsearch emulator with the official Python client (Debian python3-elasticsearch 7.17).

Run against a running emulator:
    /usr/bin/python3 tests/conformance/elasticsearch_conformance.py --host 127.0.0.1 --port N

Each test uses its own uniquely named indices, so tests do not depend on each other or on their order.
"""
import argparse
import json
import os
import sys
import time
import unittest
import uuid

from elasticsearch import Elasticsearch, helpers
from elasticsearch.exceptions import ConflictError, NotFoundError, RequestError, TransportError

HOST = "127.0.0.1"
PORT = 9200
TIMEOUT = 60


def client():
    return Elasticsearch([{"host": HOST, "port": PORT}], timeout=TIMEOUT)


def es_routing_hash(routing):
    """Elasticsearch's Murmur3HashFunction.hash(String): murmur3_x86_32, seed 0, over the UTF-16 code units, low byte first."""
    data = b"".join(bytes((ord(c) & 0xFF, ord(c) >> 8)) for c in routing)
    mask = 0xFFFFFFFF
    h = 0
    for i in range(0, len(data) // 4 * 4, 4):
        k = int.from_bytes(data[i:i + 4], "little")
        k = (k * 0xcc9e2d51) & mask
        k = ((k << 15) | (k >> 17)) & mask
        k = (k * 0x1b873593) & mask
        h ^= k
        h = ((h << 13) | (h >> 19)) & mask
        h = (h * 5 + 0xe6546b64) & mask
    tail = data[len(data) // 4 * 4:]
    if tail:
        k = int.from_bytes(tail, "little")
        k = (k * 0xcc9e2d51) & mask
        k = ((k << 15) | (k >> 17)) & mask
        k = (k * 0x1b873593) & mask
        h ^= k
    h ^= len(data)
    h ^= h >> 16
    h = (h * 0x85ebca6b) & mask
    h ^= h >> 13
    h = (h * 0xc2b2ae35) & mask
    h ^= h >> 16
    return h - (1 << 32) if h & 0x80000000 else h


def unique(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:12])


MAPPING = {
    "properties": {
        "id": {"type": "keyword"},
        "tmstmp": {"type": "date", "format": "strict_date_optional_time||epoch_millis"},
        "name": {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}},
        "count": {"type": "long"},
    }
}


def doc(i):
    return {
        "id": "id-%05d" % i,
        # Distinct, increasing timestamps: one millisecond apart.
        "tmstmp": "2024-01-01T00:00:%02d.%03dZ" % (i // 1000 % 60, i % 1000),
        "name": "entry number %d" % i,
        "count": i,
    }


class ElasticsearchConformance(unittest.TestCase):
    def setUp(self):
        self.es = client()
        self.created = []

    def tearDown(self):
        for index in self.created:
            self.es.indices.delete(index=index, ignore=[404])

    def create(self, prefix, settings=None, mappings=MAPPING):
        name = unique(prefix)
        body = {"mappings": mappings}
        if settings:
            body["settings"] = settings
        self.es.indices.create(index=name, body=body)
        self.created.append(name)
        return name

    def bulk_load(self, index, count, refresh=True):
        actions = ({"_index": index, "_id": doc(i)["id"], "_source": doc(i)} for i in range(count))
        ok, errors = helpers.bulk(self.es, actions, chunk_size=1000, refresh=refresh)
        self.assertEqual(count, ok)
        self.assertEqual([], errors)

    def test_info_reports_elasticsearch(self):
        info = self.es.info()
        self.assertEqual("You Know, for Search", info["tagline"])
        self.assertTrue(info["version"]["number"])

    def test_index_creation_with_mapping(self):
        index = self.create("conf-create")
        self.assertTrue(self.es.indices.exists(index=index))
        mapping = self.es.indices.get_mapping(index=index)[index]["mappings"]["properties"]
        self.assertEqual("keyword", mapping["id"]["type"])
        self.assertEqual("date", mapping["tmstmp"]["type"])
        # ES prints a parameter only when it differs from its default, which this format is.
        self.assertEqual("strict_date_optional_time||epoch_millis", mapping["tmstmp"].get("format", "strict_date_optional_time||epoch_millis"))
        self.assertEqual("keyword", mapping["name"]["fields"]["keyword"]["type"])
        with self.assertRaises(RequestError) as raised:
            self.es.indices.create(index=index)
        self.assertEqual("resource_already_exists_exception", raised.exception.error)

    def test_bulk_of_ten_thousand_documents(self):
        index = self.create("conf-bulk")
        self.bulk_load(index, 10000)
        self.assertEqual(10000, self.es.count(index=index)["count"])
        got = self.es.get(index=index, id="id-09999")
        self.assertTrue(got["found"])
        self.assertEqual(9999, got["_source"]["count"])

    def test_bulk_reports_item_errors(self):
        index = self.create("conf-bulk-errors")
        ok, errors = helpers.bulk(
            self.es,
            [
                {"_index": index, "_id": "good", "_source": {"count": 1}},
                {"_index": index, "_id": "bad", "_source": {"count": "not a number"}},
            ],
            raise_on_error=False,
        )
        self.assertEqual(1, ok)
        self.assertEqual(1, len(errors))
        self.assertEqual("mapper_parsing_exception", errors[0]["index"]["error"]["type"])
        self.assertEqual(400, errors[0]["index"]["status"])

    def test_refresh_visibility(self):
        index = self.create("conf-refresh", settings={"refresh_interval": "-1"})
        self.es.index(index=index, id="one", body=doc(1))
        # Real-time GET sees the document at once; search does not until a refresh.
        self.assertTrue(self.es.get(index=index, id="one")["found"])
        hits = self.es.search(index=index, body={"query": {"match_all": {}}})["hits"]
        self.assertEqual(0, hits["total"]["value"])
        self.es.indices.refresh(index=index)
        hits = self.es.search(index=index, body={"query": {"match_all": {}}})["hits"]
        self.assertEqual(1, hits["total"]["value"])
        self.assertEqual("one", hits["hits"][0]["_id"])

    def test_periodic_refresh_makes_documents_searchable(self):
        index = self.create("conf-periodic", settings={"refresh_interval": "200ms"})
        self.es.index(index=index, id="one", body=doc(1))
        deadline = time.time() + 10
        total = 0
        while time.time() < deadline:
            total = self.es.count(index=index)["count"]
            if total == 1:
                break
            time.sleep(0.05)
        self.assertEqual(1, total)

    def test_scan_returns_every_document_once(self):
        index = self.create("conf-scan")
        self.bulk_load(index, 2500)
        seen = [hit["_id"] for hit in helpers.scan(self.es, index=index, query={"query": {"match_all": {}}}, size=300)]
        self.assertEqual(2500, len(seen))
        self.assertEqual(2500, len(set(seen)))

    def test_point_in_time_search_after_returns_every_document_once(self):
        index = self.create("conf-pit")
        self.bulk_load(index, 2345)
        pit = self.es.open_point_in_time(index=index, keep_alive="1m")["id"]
        try:
            # Written after the PIT opened: must not be seen through it.
            self.es.index(index=index, id="late", body=doc(99999), refresh=True)
            seen = []
            after = None
            for _ in range(100):
                body = {
                    "size": 500,
                    "query": {"range": {"tmstmp": {"gte": "2024-01-01T00:00:00Z", "lt": "2025-01-01T00:00:00Z"}}},
                    "sort": [{"tmstmp": "asc"}],
                    "pit": {"id": pit, "keep_alive": "1m"},
                }
                if after is not None:
                    body["search_after"] = after
                page = self.es.search(body=body)["hits"]["hits"]
                if not page:
                    break
                seen.extend(hit["_id"] for hit in page)
                after = page[-1]["sort"]
            self.assertEqual(2345, len(seen))
            self.assertEqual(2345, len(set(seen)))
            self.assertNotIn("late", seen)
            stamps = [doc(int(i[3:]))["tmstmp"] for i in seen]
            self.assertEqual(sorted(stamps), stamps)
        finally:
            closed = self.es.close_point_in_time(body={"id": pit})
        self.assertTrue(closed["succeeded"])

    def test_range_bounds_are_gte_and_lt(self):
        index = self.create("conf-range")
        self.bulk_load(index, 10)
        body = {"query": {"bool": {"filter": [{"range": {"tmstmp": {"gte": doc(2)["tmstmp"], "lt": doc(5)["tmstmp"]}}}]}},
                "sort": [{"tmstmp": "asc"}]}
        ids = [h["_id"] for h in self.es.search(index=index, body=body)["hits"]["hits"]]
        self.assertEqual(["id-00002", "id-00003", "id-00004"], ids)

    def test_mget(self):
        index = self.create("conf-mget")
        self.bulk_load(index, 5, refresh=False)
        docs = self.es.mget(index=index, body={"ids": ["id-00001", "id-00004", "missing"]})["docs"]
        self.assertEqual([True, True, False], [d["found"] for d in docs])
        self.assertEqual(4, docs[1]["_source"]["count"])
        self.assertIn("_seq_no", docs[0])
        self.assertEqual(1, docs[0]["_primary_term"])
        filtered = self.es.mget(body={"docs": [{"_index": index, "_id": "id-00002", "_source": ["count"]}]})["docs"][0]
        self.assertEqual({"count": 2}, filtered["_source"])

    def test_optimistic_concurrency(self):
        index = self.create("conf-occ")
        first = self.es.index(index=index, id="x", body=doc(1))
        second = self.es.index(index=index, id="x", body=doc(2), if_seq_no=first["_seq_no"], if_primary_term=first["_primary_term"])
        self.assertEqual("updated", second["result"])
        self.assertGreater(second["_seq_no"], first["_seq_no"])
        with self.assertRaises(ConflictError) as raised:
            self.es.index(index=index, id="x", body=doc(3), if_seq_no=first["_seq_no"], if_primary_term=first["_primary_term"])
        self.assertEqual("version_conflict_engine_exception", raised.exception.error)
        with self.assertRaises(ConflictError):
            self.es.create(index=index, id="x", body=doc(4))
        self.assertEqual(2, self.es.get(index=index, id="x")["_source"]["count"])

    def test_external_versioning(self):
        index = self.create("conf-external")
        self.es.index(index=index, id="v", body=doc(1), version=100, version_type="external")
        with self.assertRaises(ConflictError):
            self.es.index(index=index, id="v", body=doc(2), version=50, version_type="external")
        with self.assertRaises(ConflictError):
            self.es.index(index=index, id="v", body=doc(2), version=100, version_type="external")
        accepted = self.es.index(index=index, id="v", body=doc(3), version=200, version_type="external")
        self.assertEqual(200, accepted["_version"])
        got = self.es.get(index=index, id="v")
        self.assertEqual(200, got["_version"])
        self.assertEqual(3, got["_source"]["count"])

    def test_not_found_for_missing_index(self):
        missing = unique("conf-missing")
        with self.assertRaises(NotFoundError) as raised:
            self.es.search(index=missing, body={"query": {"match_all": {}}})
        self.assertEqual("index_not_found_exception", raised.exception.error)
        with self.assertRaises(NotFoundError):
            self.es.get(index=missing, id="1")
        self.assertFalse(self.es.indices.exists(index=missing))

    def test_alias_over_several_indices(self):
        first = self.create("conf-alias-a")
        second = self.create("conf-alias-b")
        alias = unique("conf-alias")
        self.es.indices.put_alias(index=first, name=alias)
        self.es.indices.update_aliases(body={"actions": [{"add": {"index": second, "alias": alias}}]})
        self.es.index(index=first, id="a1", body=doc(1), refresh=True)
        self.es.index(index=second, id="b1", body=doc(2), refresh=True)
        hits = self.es.search(index=alias, body={"query": {"match_all": {}}, "sort": ["_doc"]})["hits"]["hits"]
        self.assertEqual({(first, "a1"), (second, "b1")}, {(h["_index"], h["_id"]) for h in hits})
        aliases = self.es.indices.get_alias(name=alias)
        self.assertEqual({first, second}, set(aliases.keys()))

    def test_dynamic_mapping(self):
        index = unique("conf-dynamic")
        self.created.append(index)
        self.es.index(index=index, id="1", body={"when": "2024-05-01T10:00:00Z", "n": 3, "f": 1.5, "b": True,
                                                 "s": "some text", "o": {"inner": "x"}})
        props = self.es.indices.get_mapping(index=index)[index]["mappings"]["properties"]
        self.assertEqual("date", props["when"]["type"])
        self.assertEqual("long", props["n"]["type"])
        self.assertEqual("float", props["f"]["type"])
        self.assertEqual("boolean", props["b"]["type"])
        self.assertEqual("text", props["s"]["type"])
        self.assertEqual({"type": "keyword", "ignore_above": 256}, props["s"]["fields"]["keyword"])
        self.assertEqual("text", props["o"]["properties"]["inner"]["type"])
        with self.assertRaises(RequestError) as raised:
            self.es.index(index=index, id="2", body={"n": "not a number"})
        self.assertEqual("mapper_parsing_exception", raised.exception.error)

    def test_put_mapping_adds_fields_and_rejects_conflicts(self):
        index = self.create("conf-putmap")
        self.es.indices.put_mapping(index=index, body={"properties": {"extra": {"type": "keyword"}}})
        props = self.es.indices.get_mapping(index=index)[index]["mappings"]["properties"]
        self.assertEqual("keyword", props["extra"]["type"])
        with self.assertRaises(RequestError) as raised:
            self.es.indices.put_mapping(index=index, body={"properties": {"count": {"type": "keyword"}}})
        self.assertEqual("illegal_argument_exception", raised.exception.error)

    def test_update_and_delete(self):
        index = self.create("conf-update")
        self.es.index(index=index, id="u", body=doc(1))
        updated = self.es.update(index=index, id="u", body={"doc": {"count": 42}})
        self.assertEqual("updated", updated["result"])
        self.assertEqual(2, updated["_version"])
        noop = self.es.update(index=index, id="u", body={"doc": {"count": 42}})
        self.assertEqual("noop", noop["result"])
        source = self.es.get(index=index, id="u")["_source"]
        self.assertEqual(42, source["count"])
        self.assertEqual("id-00001", source["id"])
        upserted = self.es.update(index=index, id="new", body={"doc": doc(7), "doc_as_upsert": True})
        self.assertEqual("created", upserted["result"])
        with self.assertRaises(NotFoundError) as raised:
            self.es.update(index=index, id="absent", body={"doc": {"count": 1}})
        self.assertEqual("document_missing_exception", raised.exception.error)
        current = self.es.get(index=index, id="u")
        with self.assertRaises(ConflictError):
            self.es.delete(index=index, id="u", if_seq_no=current["_seq_no"] + 100, if_primary_term=1)
        deleted = self.es.delete(index=index, id="u", if_seq_no=current["_seq_no"], if_primary_term=current["_primary_term"])
        self.assertEqual("deleted", deleted["result"])
        with self.assertRaises(NotFoundError):
            self.es.get(index=index, id="u")
        with self.assertRaises(NotFoundError):
            self.es.delete(index=index, id="u")

    def test_bulk_actions_and_wait_for_refresh(self):
        index = self.create("conf-bulk-actions", settings={"refresh_interval": "100ms"})
        actions = [
            {"_op_type": "index", "_index": index, "_id": "a", "_source": doc(1)},
            {"_op_type": "create", "_index": index, "_id": "b", "_source": doc(2)},
            {"_op_type": "update", "_index": index, "_id": "c", "doc": doc(3), "doc_as_upsert": True},
            {"_op_type": "delete", "_index": index, "_id": "a"},
            {"_op_type": "create", "_index": index, "_id": "b", "_source": doc(4)},
        ]
        ok, errors = helpers.bulk(self.es, actions, raise_on_error=False, refresh="wait_for")
        self.assertEqual(4, ok)
        self.assertEqual(1, len(errors))
        self.assertEqual(409, errors[0]["create"]["status"])
        self.assertEqual("version_conflict_engine_exception", errors[0]["create"]["error"]["type"])
        ids = sorted(h["_id"] for h in self.es.search(index=index, body={"query": {"match_all": {}}})["hits"]["hits"])
        self.assertEqual(["b", "c"], ids)

    def test_queries_and_sorting(self):
        index = self.create("conf-queries")
        self.bulk_load(index, 20)
        self.es.index(index=index, id="no-count", body={"id": "no-count", "tmstmp": "2023-01-01T00:00:00Z"}, refresh=True)

        def ids(body):
            return [h["_id"] for h in self.es.search(index=index, body=body)["hits"]["hits"]]

        self.assertEqual(["id-00003"], ids({"query": {"term": {"id": "id-00003"}}}))
        self.assertEqual(["id-00001", "id-00002"], ids({"query": {"terms": {"count": [1, 2]}}, "sort": ["count"]}))
        self.assertEqual(["id-00005"], ids({"query": {"ids": {"values": ["id-00005", "nope"]}}}))
        self.assertEqual(["no-count"], ids({"query": {"bool": {"must_not": [{"exists": {"field": "count"}}]}}}))
        self.assertEqual(["id-00019", "id-00018"], ids({"query": {"range": {"count": {"gt": 17}}}, "sort": [{"count": "desc"}]}))
        should = {"bool": {"should": [{"term": {"count": 1}}, {"term": {"count": 2}}, {"term": {"id": "id-00002"}}],
                           "minimum_should_match": 2}}
        self.assertEqual(["id-00002"], ids({"query": should}))
        self.assertEqual(["id-00004"], ids({"query": {"match": {"name": "NUMBER 4"}}, "size": 1,
                                            "sort": [{"count": {"order": "asc"}}], "from": 4}))
        # Missing values sort last in both orders.
        self.assertEqual("no-count", ids({"sort": [{"count": "asc"}], "size": 30})[-1])
        self.assertEqual("no-count", ids({"sort": [{"count": "desc"}], "size": 30})[-1])
        self.assertEqual(20, self.es.count(index=index, body={"query": {"exists": {"field": "count"}}})["count"])

    def test_ties_on_the_first_sort_value_are_ordered_by_the_next(self):
        # Elasticsearch orders hits by every sort clause in turn: equal first values fall to the second clause.
        index = self.create("conf-ties")
        actions = ({"_index": index, "_id": "t-%02d" % i,
                    "_source": {"id": "t-%02d" % i, "count": i % 4, "tmstmp": "2024-01-01T00:00:00.%03dZ" % (i % 3)}}
                   for i in range(24))
        helpers.bulk(self.es, actions, refresh=True)

        def ids(sort):
            return [h["_id"] for h in self.es.search(index=index, body={"size": 30, "sort": sort})["hits"]["hits"]]

        docs = [("t-%02d" % i, i % 4, i % 3) for i in range(24)]
        self.assertEqual([d[0] for d in sorted(docs, key=lambda d: (-d[1], d[0]))],
                         ids([{"count": "desc"}, {"id": "asc"}]))
        self.assertEqual([d[0] for d in sorted(docs, key=lambda d: (d[2], -d[1], d[0]))],
                         ids([{"tmstmp": "asc"}, {"count": "desc"}, {"id": "asc"}]))
        self.assertEqual([d[0] for d in sorted(docs, key=lambda d: (-d[2], d[0]), reverse=False)],
                         ids([{"tmstmp": "desc"}, {"id": "asc"}]))

    def test_source_filtering_and_metadata(self):
        index = self.create("conf-source")
        self.es.index(index=index, id="s", body={"id": "s", "count": 1, "nested": {"a": 1, "b": 2}}, refresh=True)
        hit = self.es.search(index=index, body={"_source": {"includes": ["nested.*", "id"], "excludes": ["nested.b"]},
                                                "seq_no_primary_term": True, "version": True})["hits"]["hits"][0]
        self.assertEqual({"id": "s", "nested": {"a": 1}}, hit["_source"])
        self.assertEqual(0, hit["_seq_no"])
        self.assertEqual(1, hit["_primary_term"])
        self.assertEqual(1, hit["_version"])
        hit = self.es.search(index=index, body={"_source": False})["hits"]["hits"][0]
        self.assertNotIn("_source", hit)

    def test_search_errors(self):
        index = self.create("conf-search-errors")
        with self.assertRaises(RequestError) as raised:
            self.es.search(index=index, body={"query": {"no_such_query": {}}})
        self.assertEqual("parsing_exception", raised.exception.error)
        with self.assertRaises(RequestError) as raised:
            self.es.search(index=index, body={"from": 9995, "size": 10})
        self.assertIn("Result window is too large", str(raised.exception.info))
        with self.assertRaises(RequestError):
            self.es.search(index=index, body={"sort": [{"not_mapped": "asc"}]})

    def test_index_patterns_cat_and_health(self):
        prefix = unique("conf-pattern")
        for suffix in ("one", "two"):
            name = prefix + "-" + suffix
            self.es.indices.create(index=name)
            self.created.append(name)
            self.es.index(index=name, id=suffix, body={"suffix": suffix}, refresh=True)
        hits = self.es.search(index=prefix + "-*", body={"query": {"match_all": {}}})["hits"]
        self.assertEqual(2, hits["total"]["value"])
        hits = self.es.search(index=prefix + "-one," + prefix + "-two")["hits"]
        self.assertEqual(2, hits["total"]["value"])
        cat = self.es.cat.indices(index=prefix + "-*", format="json")
        self.assertEqual({prefix + "-one", prefix + "-two"}, {row["index"] for row in cat})
        self.assertEqual({"1"}, {row["docs.count"] for row in cat})
        health = self.es.cluster.health()
        self.assertIn(health["status"], ("green", "yellow"))
        self.assertEqual(1, health["number_of_nodes"])

    def test_alias_write_and_removal(self):
        index = self.create("conf-alias-write")
        alias = unique("conf-alias-w")
        self.es.indices.put_alias(index=index, name=alias)
        written = self.es.index(index=alias, id="w", body=doc(1))
        self.assertEqual(index, written["_index"])
        self.assertTrue(self.es.indices.exists_alias(name=alias))
        self.es.indices.update_aliases(body={"actions": [{"remove": {"index": index, "alias": alias}}]})
        self.assertFalse(self.es.indices.exists_alias(name=alias))
        with self.assertRaises(NotFoundError):
            self.es.indices.get_alias(name=alias)

    def test_index_name_and_lifecycle_errors(self):
        with self.assertRaises(RequestError) as raised:
            self.es.indices.create(index="Upper-Case-" + uuid.uuid4().hex[:6])
        self.assertEqual("invalid_index_name_exception", raised.exception.error)
        with self.assertRaises(NotFoundError) as raised:
            self.es.indices.delete(index=unique("conf-never-created"))
        self.assertEqual("index_not_found_exception", raised.exception.error)
        index = self.create("conf-lifecycle")
        self.es.indices.delete(index=index)
        self.assertFalse(self.es.indices.exists(index=index))

    def test_version_parameter_rules(self):
        index = self.create("conf-version-rules")
        self.es.index(index=index, id="g", body=doc(1), version=5, version_type="external_gte")
        same = self.es.index(index=index, id="g", body=doc(2), version=5, version_type="external_gte")
        self.assertEqual(5, same["_version"])
        with self.assertRaises(ConflictError):
            self.es.index(index=index, id="g", body=doc(3), version=4, version_type="external_gte")
        with self.assertRaises(RequestError) as raised:
            self.es.index(index=index, id="g", body=doc(4), version=6)
        self.assertEqual("action_request_validation_exception", raised.exception.error)
        internal = self.es.index(index=index, id="i", body=doc(5))
        self.assertEqual(1, internal["_version"])
        self.assertEqual(2, self.es.index(index=index, id="i", body=doc(6))["_version"])
        seq = [self.es.index(index=index, id="s%d" % n, body=doc(n))["_seq_no"] for n in range(3)]
        self.assertEqual(sorted(seq), seq)
        self.assertEqual(len(set(seq)), len(seq))

    def test_strict_dynamic_mapping(self):
        index = self.create("conf-strict", mappings={"dynamic": "strict", "properties": {"id": {"type": "keyword"}}})
        self.es.index(index=index, id="1", body={"id": "1"})
        with self.assertRaises(RequestError) as raised:
            self.es.index(index=index, id="2", body={"id": "2", "other": 1})
        self.assertEqual("strict_dynamic_mapping_exception", raised.exception.error)

    def test_get_variants(self):
        index = self.create("conf-get")
        self.es.index(index=index, id="g", body={"id": "g", "count": 1, "name": "n"})
        self.assertTrue(self.es.exists(index=index, id="g"))
        self.assertFalse(self.es.exists(index=index, id="nope"))
        self.assertEqual({"count": 1}, self.es.get_source(index=index, id="g", _source_includes="count"))
        got = self.es.get(index=index, id="g", _source_excludes="name")
        self.assertEqual({"id": "g", "count": 1}, got["_source"])
        self.assertEqual(0, got["_seq_no"])
        with self.assertRaises(NotFoundError):
            self.es.get_source(index=index, id="nope")

    def test_point_in_time_rules(self):
        index = self.create("conf-pit-rules")
        self.bulk_load(index, 3)
        pit = self.es.open_point_in_time(index=index, keep_alive="1m")["id"]
        with self.assertRaises(RequestError) as raised:
            self.es.search(index=index, body={"pit": {"id": pit}})
        self.assertEqual("action_request_validation_exception", raised.exception.error)
        page = self.es.search(body={"pit": {"id": pit, "keep_alive": "1m"}, "sort": [{"tmstmp": "asc"}]})
        self.assertEqual(pit, page["pit_id"])
        # The implicit _shard_doc tiebreaker is added to the sort values.
        self.assertEqual(2, len(page["hits"]["hits"][0]["sort"]))
        self.es.close_point_in_time(body={"id": pit})
        with self.assertRaises(NotFoundError):
            self.es.search(body={"pit": {"id": pit}})

    def test_scroll_clear_and_expiry(self):
        index = self.create("conf-scroll")
        self.bulk_load(index, 30)
        first = self.es.search(index=index, scroll="1m", size=10, body={"sort": ["_doc"]})
        self.assertEqual(30, first["hits"]["total"]["value"])
        second = self.es.scroll(scroll_id=first["_scroll_id"], scroll="1m")
        self.assertEqual(10, len(second["hits"]["hits"]))
        self.assertNotEqual(first["hits"]["hits"][0]["_id"], second["hits"]["hits"][0]["_id"])
        cleared = self.es.clear_scroll(scroll_id=second["_scroll_id"])
        self.assertTrue(cleared["succeeded"])
        with self.assertRaises(NotFoundError):
            self.es.scroll(scroll_id=second["_scroll_id"], scroll="1m")

    def test_bulk_request_errors(self):
        index = self.create("conf-bulk-framing")
        # (The client itself ends bulk bodies with the newline ES requires.)
        with self.assertRaises(RequestError) as raised:
            self.es.bulk(body='{"explode":{"_index":"%s"}}\n{"a":1}\n' % index)
        self.assertEqual("illegal_argument_exception", raised.exception.error)
        result = self.es.bulk(body='{"delete":{"_index":"%s","_id":"none"}}\n' % index)
        self.assertFalse(result["errors"])
        self.assertEqual(404, result["items"][0]["delete"]["status"])
        self.assertEqual("not_found", result["items"][0]["delete"]["result"])

    def test_alias_write_index_rules(self):
        first = self.create("conf-alias-wa")
        second = self.create("conf-alias-wb")
        alias = unique("conf-alias-wr")
        self.es.indices.update_aliases(body={"actions": [{"add": {"index": first, "alias": alias}},
                                                         {"add": {"index": second, "alias": alias}}]})
        with self.assertRaises(RequestError) as raised:
            self.es.index(index=alias, id="x", body=doc(1))
        self.assertEqual("illegal_argument_exception", raised.exception.error)
        self.es.indices.put_alias(index=second, name=alias, body={"is_write_index": True})
        self.assertEqual(second, self.es.index(index=alias, id="x", body=doc(1))["_index"])
        with self.assertRaises(RequestError):
            self.es.get(index=alias, id="x")

    def test_terms_and_metric_aggregations(self):
        index = self.create("conf-aggs", mappings={"properties": {"table": {"type": "keyword"}, "tmstmp": {"type": "date"}}})
        actions = [{"_index": index, "_id": str(i), "_source": {"table": "t%d" % (i % 3), "n": i,
                    "tmstmp": "2024-01-%02dT00:00:00Z" % (i + 1)}} for i in range(10)]
        helpers.bulk(self.es, actions, refresh=True)
        body = {"size": 0, "aggs": {"tables": {"terms": {"field": "table", "size": 2},
                                               "aggs": {"latest": {"max": {"field": "tmstmp"}}}},
                                    "total": {"sum": {"field": "n"}}}}
        result = self.es.search(index=index, body=body)
        buckets = result["aggregations"]["tables"]["buckets"]
        self.assertEqual([("t0", 4), ("t1", 3)], [(b["key"], b["doc_count"]) for b in buckets])
        self.assertEqual(3, result["aggregations"]["tables"]["sum_other_doc_count"])
        self.assertEqual("2024-01-10T00:00:00.000Z", buckets[0]["latest"]["value_as_string"])
        self.assertEqual(45, result["aggregations"]["total"]["value"])
        self.assertEqual([], result["hits"]["hits"])

    def test_delete_by_query(self):
        index = self.create("conf-dbq")
        self.bulk_load(index, 10)
        result = self.es.delete_by_query(index=index, body={"query": {"range": {"count": {"lt": 4}}}}, refresh=True)
        self.assertEqual(4, result["deleted"])
        self.assertEqual(0, result["version_conflicts"])
        self.assertEqual(6, self.es.count(index=index)["count"])

    def test_query_string(self):
        index = self.create("conf-q")
        self.es.index(index=index, id="1", body={"name": "Hello World", "id": "users"}, refresh=True)
        self.es.index(index=index, id="2", body={"name": "Goodbye World", "id": "orders"}, refresh=True)
        self.assertEqual(["2"], [h["_id"] for h in self.es.search(index=index, q="id:orders")["hits"]["hits"]])
        self.assertEqual(2, self.es.count(index=index, q="world")["count"])
        body = {"query": {"query_string": {"query": "world AND NOT id:users"}}}
        self.assertEqual(["2"], [h["_id"] for h in self.es.search(index=index, body=body)["hits"]["hits"]])

    def test_point_in_time_pages_by_shard_doc_without_a_total_match_the_full_sort(self):
        # Pages sorted by _shard_doc alone and without a total (read in index order as they are asked for) must give
        # exactly the hits, order and sort values of the same search that counts (which sorts every match).
        index = self.create("conf-shard-doc", settings={"number_of_shards": 3})
        self.bulk_load(index, 250)
        query = {"range": {"count": {"gte": 20, "lt": 230}}}
        pit = self.es.open_point_in_time(index=index, keep_alive="1m")["id"]
        try:
            full = self.es.search(body={"size": 1000, "pit": {"id": pit}, "query": query, "sort": [{"_shard_doc": "asc"}]})
            paged, after = [], None
            while True:
                body = {"size": 37, "pit": {"id": pit}, "query": query, "sort": [{"_shard_doc": "asc"}], "track_total_hits": False}
                if after is not None:
                    body["search_after"] = after
                page = self.es.search(body=body)
                self.assertNotIn("total", page["hits"])
                hits = page["hits"]["hits"]
                paged.extend(hits)
                if len(hits) < 37:
                    break
                after = hits[-1]["sort"]
        finally:
            self.es.close_point_in_time(body={"id": pit})
        self.assertEqual(210, len(full["hits"]["hits"]))
        self.assertEqual([(h["_id"], h["sort"]) for h in full["hits"]["hits"]], [(h["_id"], h["sort"]) for h in paged])

    def test_shards_are_counted_and_documents_spread_over_them(self):
        index = self.create("conf-shards", settings={"number_of_shards": 3})
        self.bulk_load(index, 60)
        result = self.es.search(index=index, body={"size": 0})
        self.assertEqual({"total": 3, "successful": 3, "skipped": 0, "failed": 0}, result["_shards"])
        self.assertEqual(3, int(self.es.cat.indices(index=index, format="json")[0]["pri"]))
        pit = self.es.open_point_in_time(index=index, keep_alive="1m")["id"]
        try:
            page = self.es.search(body={"size": 100, "pit": {"id": pit}, "sort": [{"_shard_doc": "asc"}]})
        finally:
            self.es.close_point_in_time(body={"id": pit})
        self.assertEqual(3, page["_shards"]["total"])
        # _shard_doc carries the shard's position in its high 32 bits: every shard holds documents.
        shards = [hit["sort"][0] >> 32 for hit in page["hits"]["hits"]]
        self.assertEqual(60, len(shards))
        self.assertEqual([0, 1, 2], sorted(set(shards)))
        self.assertEqual(sorted(shards), shards)
        # The known values of Elasticsearch's Murmur3HashFunctionTests, then each document on the shard ES routes it to:
        # floorMod(hash(_id), routing_num_shards) / routing_factor, with 3 shards over 768 routing shards.
        for expected, text in ((0x5a0cb7c3, "hell"), (0xd7c31989, "hello"), (0xe07db09c, "The quick brown fox jumps over the lazy dog")):
            self.assertEqual(expected, es_routing_hash(text) & 0xFFFFFFFF)
        for hit in page["hits"]["hits"]:
            self.assertEqual((es_routing_hash(hit["_id"]) % 768) // 256, hit["sort"][0] >> 32, hit["_id"])
        with self.assertRaises(RequestError) as raised:
            self.es.indices.put_settings(index=index, body={"index": {"number_of_shards": 2}})
        self.assertEqual("illegal_argument_exception", raised.exception.error)

    def test_a_field_mapped_otherwise_in_one_index_gives_a_partial_result(self):
        dates = self.create("conf-partial-date")
        longs = self.create("conf-partial-long", mappings={"properties": {"tmstmp": {"type": "long"}}})
        alias = unique("conf-partial")
        self.es.indices.update_aliases(body={"actions": [{"add": {"index": dates, "alias": alias}},
                                                         {"add": {"index": longs, "alias": alias}}]})
        self.es.index(index=dates, id="d", body=doc(1), refresh=True)
        self.es.index(index=longs, id="l", body={"tmstmp": 1704067200001}, refresh=True)
        body = {"query": {"range": {"tmstmp": {"gte": "2024-01-01T00:00:00.000Z", "format": "strict_date_optional_time"}}}}
        result = self.es.search(index=alias, body=body)
        # HTTP 200, yet one of the two shards failed: the hits are those of the other index only.
        self.assertEqual(2, result["_shards"]["total"])
        self.assertEqual(1, result["_shards"]["failed"])
        failure = result["_shards"]["failures"][0]
        self.assertEqual(longs, failure["index"])
        self.assertEqual(0, failure["shard"])
        self.assertEqual("query_shard_exception", failure["reason"]["type"])
        self.assertEqual(["d"], [h["_id"] for h in result["hits"]["hits"]])
        # Every shard failing is no partial result but an error.
        with self.assertRaises(RequestError) as raised:
            self.es.search(index=longs, body=body)
        self.assertEqual("search_phase_execution_exception", raised.exception.error)

    def major(self):
        return int(self.es.info()["version"]["number"].split(".")[0])

    def test_total_fields_limit(self):
        index = self.create("conf-fields", settings={"index.mapping.total_fields.limit": 6})
        # id, tmstmp, name + name.keyword, count: five fields of six.
        with self.assertRaises(RequestError) as raised:
            self.es.indices.put_mapping(index=index, body={"properties": {"a": {"type": "keyword"}, "b": {"type": "keyword"}}})
        self.assertEqual("illegal_argument_exception", raised.exception.error)
        self.assertEqual("Limit of total fields [6] has been exceeded", raised.exception.info["error"]["reason"])
        self.es.index(index=index, id="fits", body={"one": 1})
        with self.assertRaises(RequestError) as raised:
            self.es.index(index=index, id="two-more", body={"x": 1, "y": 2})
        if self.major() >= 8:
            self.assertEqual("document_parsing_exception", raised.exception.error)
            self.assertIn("Limit of total fields [6] has been exceeded while adding new fields [2]", raised.exception.info["error"]["reason"])
        else:
            self.assertEqual("illegal_argument_exception", raised.exception.error)
            self.assertEqual("Limit of total fields [6] has been exceeded", raised.exception.info["error"]["reason"])
        self.assertFalse(self.es.exists(index=index, id="two-more"))
        self.assertNotIn("x", self.es.indices.get_mapping(index=index)[index]["mappings"]["properties"])

    def test_default_field_limit_and_flattened_maps(self):
        index = self.create("conf-flattened", mappings={"properties": {"id": {"type": "keyword"}, "attributes": {"type": "flattened"}}})
        many = {"key%05d" % i: "value %d" % i for i in range(10000)}
        many["nested"] = {"deeper": 42, "flag": True}
        self.es.index(index=index, id="wide", body={"id": "wide", "attributes": many}, refresh=True)
        # One field for the whole object, whatever its keys.
        props = self.es.indices.get_mapping(index=index)[index]["mappings"]["properties"]
        self.assertEqual({"type": "flattened"}, props["attributes"])
        self.assertEqual(many, self.es.get(index=index, id="wide")["_source"]["attributes"])

        def hits(query):
            return [h["_id"] for h in self.es.search(index=index, body={"query": query})["hits"]["hits"]]
        # Keyword semantics: whole leaf values, numbers and booleans as their text.
        self.assertEqual(["wide"], hits({"term": {"attributes": "value 7"}}))
        self.assertEqual([], hits({"term": {"attributes": "value"}}))
        self.assertEqual(["wide"], hits({"term": {"attributes.key00007": "value 7"}}))
        self.assertEqual([], hits({"term": {"attributes.key00008": "value 7"}}))
        self.assertEqual(["wide"], hits({"term": {"attributes.nested.deeper": "42"}}))
        self.assertEqual(["wide"], hits({"term": {"attributes.nested.flag": "true"}}))
        # The same object as dynamic fields is 10,002 fields: over the default limit of 1000.
        other = self.create("conf-wide-dynamic", mappings={"properties": {"id": {"type": "keyword"}}})
        with self.assertRaises(RequestError) as raised:
            self.es.index(index=other, id="wide", body={"id": "wide", "attributes": many})
        self.assertIn("Limit of total fields [1000] has been exceeded", raised.exception.info["error"]["reason"])

    def test_flattened_depth_limit(self):
        index = self.create("conf-flat-depth", mappings={"properties": {"f": {"type": "flattened", "depth_limit": 2}}})
        self.es.index(index=index, id="ok", body={"f": {"a": {"b": "v"}}})
        with self.assertRaises(RequestError) as raised:
            self.es.index(index=index, id="deep", body={"f": {"a": {"b": {"c": "v"}}}})
        self.assertEqual("mapper_parsing_exception", raised.exception.error)
        self.assertEqual("The provided [flattened] field [f] exceeds the maximum depth limit of [2].",
                         raised.exception.info["error"]["caused_by"]["reason"])

    def test_mapping_depth_limit(self):
        index = self.create("conf-depth")
        deep = "leaf"
        for level in range(19, 0, -1):
            deep = {"l%d" % level: deep}
        # Nineteen objects below the root: depth 20, the limit.
        self.es.index(index=index, id="twenty", body={"deep": deep})
        deeper = {"extra": deep}
        with self.assertRaises(RequestError) as raised:
            self.es.index(index=index, id="twenty-one", body={"deeper": deeper})
        reason = raised.exception.info["error"]["reason"]
        self.assertIn("Limit of mapping depth [20] has been exceeded due to object field [deeper.extra.l1.l2.l3.l4.l5.l6.l7.l8.l9.l10.l11.l12.l13.l14.l15.l16.l17", reason)
        with self.assertRaises(RequestError) as raised:
            self.create("conf-depth-explicit", settings={"index.mapping.depth.limit": 2},
                        mappings={"properties": {"a": {"properties": {"b": {"properties": {"c": {"type": "keyword"}}}}}}})
        self.assertEqual("illegal_argument_exception", raised.exception.error)
        self.assertEqual("Limit of mapping depth [2] has been exceeded due to object field [a.b]", raised.exception.info["error"]["reason"])

    def test_dotted_names_in_a_mapping_are_object_paths(self):
        index = self.create("conf-dotted", mappings={"properties": {"a.b": {"type": "keyword"}, "a.c": {"type": "long"}}})
        props = self.es.indices.get_mapping(index=index)[index]["mappings"]["properties"]
        self.assertEqual({"b": {"type": "keyword"}, "c": {"type": "long"}}, props["a"]["properties"])
        self.es.index(index=index, id="1", body={"a": {"b": "x", "c": 5}}, refresh=True)
        self.es.index(index=index, id="2", body={"a.b": "y", "a.c": 6}, refresh=True)
        self.assertEqual(["2"], [h["_id"] for h in self.es.search(index=index, body={"query": {"term": {"a.b": "y"}}})["hits"]["hits"]])
        with self.assertRaises(RequestError):
            self.es.index(index=index, id="3", body={"a": {"c": "not a number"}})

    def test_source_disabled_in_the_mapping(self):
        index = self.create("conf-nosource", mappings={"_source": {"enabled": False}, "properties": MAPPING["properties"]})
        self.assertEqual({"enabled": False}, self.es.indices.get_mapping(index=index)[index]["mappings"]["_source"])
        self.es.index(index=index, id="n", body=doc(3), refresh=True)
        got = self.es.get(index=index, id="n")
        self.assertTrue(got["found"])
        self.assertNotIn("_source", got)
        # Fields are still indexed: the document is found by its values, but comes back without a source.
        hit = self.es.search(index=index, body={"query": {"term": {"count": 3}}})["hits"]["hits"][0]
        self.assertEqual("n", hit["_id"])
        self.assertNotIn("_source", hit)
        self.assertNotIn("_source", self.es.mget(index=index, body={"ids": ["n"]})["docs"][0])
        with self.assertRaises(NotFoundError):
            self.es.get_source(index=index, id="n")
        with self.assertRaises(RequestError) as raised:
            self.es.update(index=index, id="n", body={"doc": {"count": 4}})
        self.assertEqual("document_source_missing_exception", raised.exception.error)

    def test_source_includes_and_excludes_in_the_mapping(self):
        mappings = {"_source": {"includes": ["id", "meta.*"], "excludes": ["meta.secret"]}, "properties": MAPPING["properties"]}
        index = self.create("conf-source-filter", mappings=mappings)
        body = {"id": "x", "count": 5, "meta": {"a": 1, "secret": "s"}}
        self.es.index(index=index, id="x", body=body, refresh=True)
        # The stored source is cut at index time; the excluded fields are still searchable.
        self.assertEqual({"id": "x", "meta": {"a": 1}}, self.es.get(index=index, id="x")["_source"])
        hit = self.es.search(index=index, body={"query": {"term": {"count": 5}}})["hits"]["hits"][0]
        self.assertEqual({"id": "x", "meta": {"a": 1}}, hit["_source"])

    def test_bulk_validation_errors_fail_the_whole_request(self):
        index = self.create("conf-bulk-validation")
        body = ('{"index":{"_index":"%s","_id":"good"}}\n{"count":1}\n'
                '{"index":{"_index":"%s","_id":"bad","if_seq_no":1,"if_primary_term":1,"version":3,"version_type":"external"}}\n{"count":2}\n'
                '{"update":{"_index":"%s"}}\n{"doc":{"count":3}}\n') % (index, index, index)
        with self.assertRaises(RequestError) as raised:
            self.es.bulk(body=body, refresh=True)
        self.assertEqual("action_request_validation_exception", raised.exception.error)
        self.assertEqual("Validation Failed: 1: compare and write operations can not use versioning;2: id is missing;",
                         raised.exception.info["error"]["reason"])
        # All or nothing: the valid item was not written either.
        self.assertFalse(self.es.exists(index=index, id="good"))

    def test_a_body_over_max_content_length_is_refused_with_413(self):
        limit = self.es.nodes.info(metric="http")["nodes"]
        limit = min(node["http"]["max_content_length_in_bytes"] for node in limit.values())
        self.assertEqual(100 * 1024 * 1024, limit)
        index = unique("conf-too-large")
        self.created.append(index)
        line = '{"index":{"_index":"%s"}}\n{"pad":"%s"}\n' % (index, "x" * 1000)
        body = line * (limit // len(line) + 1)
        self.assertGreater(len(body), limit)
        with self.assertRaises(TransportError) as raised:
            self.es.bulk(body=body)
        self.assertEqual(413, raised.exception.status_code)
        self.assertFalse(self.es.indices.exists(index=index))
        # The same client goes on working.
        self.assertTrue(self.es.ping())

    def test_dates_are_stored_as_elasticsearch_parses_them(self):
        # The table Synced's own date reading is tested against (tests/conformance/elasticsearch_dates.tsv).
        index = self.create("conf-dates", mappings={"properties": {"tmstmp": {"type": "date", "format": "strict_date_optional_time||epoch_millis"}}})
        table = os.path.join(os.path.dirname(os.path.abspath(__file__)), "elasticsearch_dates.tsv")
        with open(table, encoding="utf-8") as rows:
            cases = [line.rstrip("\n").split("\t") for line in rows if line.strip() and not line.startswith("#")]
        self.assertGreater(len(cases), 30)
        for n, (literal, expected, rule) in enumerate(cases):
            with self.subTest(value=literal, rule=rule):
                body = '{"tmstmp": %s}' % literal
                if expected == "error":
                    with self.assertRaises(RequestError) as raised:
                        self.es.index(index=index, id=str(n), body=body)
                    self.assertEqual("mapper_parsing_exception", raised.exception.error)
                    continue
                self.es.index(index=index, id=str(n), body=body, refresh=True)
                hit = self.es.search(index=index, body={"query": {"ids": {"values": [str(n)]}}, "sort": [{"tmstmp": "asc"}]})["hits"]["hits"][0]
                self.assertEqual(int(expected), hit["sort"][0])
                # The source keeps the value as sent.
                self.assertEqual(json.loads(literal), hit["_source"]["tmstmp"])

    def test_floating_point_fields_hold_the_nearest_value_of_any_number_form(self):
        index = self.create("conf-numbers", mappings={"properties": {"d": {"type": "double"}, "f": {"type": "float"}, "l": {"type": "long"}}})
        # JavaScript writes 2^60 as 1152921504606847000, Java as 1.152921504606847E18, Python as 1.152921504606847e+18.
        for n, literal in enumerate(("1152921504606847000", "1.152921504606847E18", "1.152921504606847e+18")):
            self.es.index(index=index, id="d%d" % n, body='{"d": %s, "f": 16777217, "l": 100.0}' % literal, refresh=True)
        hits = self.es.search(index=index, body={"query": {"match_all": {}}, "sort": [{"d": "asc"}, {"f": "asc"}, {"l": "asc"}]})["hits"]["hits"]
        self.assertEqual(3, len(hits))
        for hit in hits:
            self.assertEqual([float(2 ** 60), 16777216.0, 100], hit["sort"])
        # The source keeps what the writer sent.
        self.assertEqual(1152921504606847000, self.es.get(index=index, id="d0")["_source"]["d"])
        with self.assertRaises(RequestError) as raised:
            self.es.index(index=index, id="inf", body='{"d": 1e400}')
        self.assertEqual("mapper_parsing_exception", raised.exception.error)
        with self.assertRaises(RequestError):
            self.es.index(index=index, id="half", body='{"l": 1.5e400}')

    def test_deleted_versions_are_forgotten_after_gc_deletes(self):
        index = self.create("conf-gc-deletes", settings={"index.gc_deletes": "300ms"})
        self.es.index(index=index, id="x", body=doc(1), version=10, version_type="external")
        self.es.delete(index=index, id="x", version=11, version_type="external")
        # Within gc_deletes the delete's version is remembered: an older external version conflicts.
        with self.assertRaises(ConflictError):
            self.es.index(index=index, id="x", body=doc(2), version=5, version_type="external")
        internal = self.es.index(index=index, id="y", body=doc(3))
        self.es.delete(index=index, id="y")
        self.assertEqual(3, self.es.index(index=index, id="y", body=doc(4))["_version"])
        self.es.delete(index=index, id="y")
        time.sleep(0.6)
        # Afterwards the id is as new: the old version wins, and internal versions start again at 1.
        self.assertEqual(5, self.es.index(index=index, id="x", body=doc(5), version=5, version_type="external")["_version"])
        self.assertEqual(1, self.es.index(index=index, id="y", body=doc(6))["_version"])
        self.assertEqual(1, internal["_version"])
        settings = self.es.indices.get_settings(index=index)[index]["settings"]["index"]
        self.assertEqual("300ms", settings["gc_deletes"])

    def test_an_empty_mget_is_refused(self):
        index = self.create("conf-mget-empty")
        for body in ({"docs": []}, {"ids": []}):
            with self.assertRaises(RequestError) as raised:
                self.es.mget(index=index, body=body)
            self.assertEqual("action_request_validation_exception", raised.exception.error)
            self.assertEqual("Validation Failed: 1: no documents to get;", raised.exception.info["error"]["reason"])

    def test_point_in_time_search_after_with_one_value_per_explicit_sort(self):
        index = self.create("conf-pit-after")
        self.bulk_load(index, 10)
        pit = self.es.open_point_in_time(index=index, keep_alive="1m")["id"]
        try:
            # search_after without the tiebreaker's value: valid, and no tiebreaker is added.
            page = self.es.search(body={"pit": {"id": pit}, "size": 3, "sort": [{"count": "asc"}], "search_after": [4]})
            self.assertEqual(["id-00005", "id-00006", "id-00007"], [h["_id"] for h in page["hits"]["hits"]])
            self.assertEqual([[5], [6], [7]], [h["sort"] for h in page["hits"]["hits"]])
            # With the tiebreaker's value it is added again.
            first = self.es.search(body={"pit": {"id": pit}, "size": 2, "sort": [{"count": "asc"}]})
            after = first["hits"]["hits"][-1]["sort"]
            self.assertEqual(2, len(after))
            following = self.es.search(body={"pit": {"id": pit}, "size": 2, "sort": [{"count": "asc"}], "search_after": after})
            self.assertEqual(["id-00002", "id-00003"], [h["_id"] for h in following["hits"]["hits"]])
            with self.assertRaises(RequestError):
                self.es.search(body={"pit": {"id": pit}, "sort": [{"count": "asc"}], "search_after": [1, 2, 3]})
        finally:
            self.es.close_point_in_time(body={"id": pit})

    def test_rest_api_compatibility_headers_and_product_header(self):
        connection = self.es.transport.get_connection()
        major = self.major()
        plain = {"accept": "application/json", "content-type": "application/json"}
        _, headers, _ = connection.perform_request("GET", "/", headers=plain)
        self.assertEqual("Elasticsearch", {k.lower(): v for k, v in headers.items()}.get("x-elastic-product"))
        index = self.create("conf-compat")
        self.es.index(index=index, id="1", body={"a": 1}, refresh=True)
        # Plain JSON asks for the node's own API: 7.x documents carry _type, 8.x ones do not.
        _, _, data = connection.perform_request("GET", "/%s/_doc/1" % index, headers=plain)
        if major >= 8:
            self.assertNotIn("_type", json.loads(data))
        else:
            self.assertEqual("_doc", json.loads(data)["_type"])
        # compatible-with=7 asks for the 7.x API (8.x serves it too): _type is there, and the media type is echoed.
        compat = "application/vnd.elasticsearch+json; compatible-with=7"
        _, headers, data = connection.perform_request("GET", "/%s/_doc/1" % index, headers={"accept": compat})
        self.assertEqual("_doc", json.loads(data)["_type"])
        self.assertIn("compatible-with=7", {k.lower(): v for k, v in headers.items()}.get("content-type"))
        _, _, data = connection.perform_request("POST", "/%s/_search" % index, body=b'{"query":{"match_all":{}}}',
                                                headers={"accept": compat, "content-type": compat})
        self.assertEqual("_doc", json.loads(data)["hits"]["hits"][0]["_type"])
        # A version the node does not serve, or a body whose Content-Type asks for another one, is refused.
        with self.assertRaises(TransportError) as raised:
            connection.perform_request("GET", "/", headers={"accept": "application/vnd.elasticsearch+json; compatible-with=%d" % (major + 1)})
        self.assertEqual(400, raised.exception.status_code)
        with self.assertRaises(TransportError) as raised:
            connection.perform_request("POST", "/%s/_search" % index, body=b"{}", headers={"accept": compat, "content-type": "application/json"})
        self.assertEqual(400, raised.exception.status_code)
        self.assertEqual("status_exception", raised.exception.error)


def main():
    global HOST, PORT
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default=HOST)
    parser.add_argument("--port", type=int, default=PORT)
    args, rest = parser.parse_known_args()
    HOST, PORT = args.host, args.port
    # The 7.17 client warns about its deprecated 'body' parameter on every call; that noise hides results.
    program = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2, warnings="ignore")
    sys.exit(0 if program.result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()

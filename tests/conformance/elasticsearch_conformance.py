#!/usr/bin/python3
"""Conformance of the Elasticsearch emulator with the official Python client (Debian python3-elasticsearch 7.17).

Run against a running emulator:
    /usr/bin/python3 tests/conformance/elasticsearch_conformance.py --host 127.0.0.1 --port N

Each test uses its own uniquely named indices, so tests do not depend on each other or on their order.
"""
import argparse
import sys
import time
import unittest
import uuid

from elasticsearch import Elasticsearch, helpers
from elasticsearch.exceptions import ConflictError, NotFoundError, RequestError

HOST = "127.0.0.1"
PORT = 9200
TIMEOUT = 60


def client():
    return Elasticsearch([{"host": HOST, "port": PORT}], timeout=TIMEOUT)


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

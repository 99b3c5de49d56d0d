#!/usr/bin/python3
"""Conformance of the Synced Cassandra emulator with the DataStax Python driver (Debian python3-cassandra 3.25).

Runs real driver scenarios against a running emulator:
    /usr/bin/python3 tests/conformance/cassandra_conformance.py --host 127.0.0.1 --port N \
        [--user U --password P] [--emulator-dll tests/Synced.Emulators/bin/Release/net10.0/Synced.Emulators.dll]

With --emulator-dll the scenarios that need an emulator of their own (a password, several nodes, two data
centers, Cassandra 5.0, small server limits) start it, and drive its fault API through its stdin; without it
(and without --user) those scenarios are skipped with the reason.
"""

import argparse
import datetime
import decimal
import ipaddress
import logging
import os
import random
import select
import struct
import subprocess
import sys
import time
import unittest
import uuid
from collections import namedtuple

from cassandra import (AlreadyExists, AuthenticationFailed, ConsistencyLevel, InvalidRequest, ReadFailure,
                       ReadTimeout, Unauthorized, Unavailable)
from cassandra.auth import PlainTextAuthProvider
from cassandra.cluster import EXEC_PROFILE_DEFAULT, Cluster, ExecutionProfile, NoHostAvailable
from cassandra.concurrent import execute_concurrent_with_args
from cassandra.metadata import Murmur3Token
from cassandra.policies import (DCAwareRoundRobinPolicy, FallthroughRetryPolicy, RoundRobinPolicy, TokenAwarePolicy,
                                WhiteListRoundRobinPolicy)
from cassandra.protocol import SyntaxException
from cassandra.query import BatchStatement, BatchType, SimpleStatement
from cassandra.util import Date, Duration, Time, uuid_from_time

ARGS = None
MIN_TOKEN = -2 ** 63
MAX_TOKEN = 2 ** 63 - 1


def make_cluster(user=None, password=None, port=None):
    auth = PlainTextAuthProvider(user, password) if user is not None else None
    profile = ExecutionProfile(load_balancing_policy=RoundRobinPolicy(), request_timeout=30)
    return Cluster([ARGS.host], port=port or ARGS.port, auth_provider=auth,
                   execution_profiles={EXEC_PROFILE_DEFAULT: profile}, connect_timeout=10, control_connection_timeout=10)


class EmulatorTestCase(unittest.TestCase):
    """Shares one cluster and one fresh keyspace per test class."""

    cluster = None
    session = None
    ks = None

    @classmethod
    def setUpClass(cls):
        cls.cluster = make_cluster(ARGS.user, ARGS.password)
        cls.session = cls.cluster.connect()
        cls.ks = "conf_%s_%s" % (cls.__name__.lower()[:20], uuid.uuid4().hex[:8])
        cls.session.execute("CREATE KEYSPACE %s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}" % cls.ks)
        cls.session.set_keyspace(cls.ks)

    @classmethod
    def tearDownClass(cls):
        try:
            cls.session.execute("DROP KEYSPACE IF EXISTS %s" % cls.ks)
        finally:
            cls.cluster.shutdown()


class ConnectionAndSchemaTest(EmulatorTestCase):

    def test_protocol_v4_negotiated_and_node_identity(self):
        self.assertEqual(self.cluster.protocol_version, 4)
        row = self.session.execute("SELECT * FROM system.local WHERE key='local'").one()
        self.assertEqual(row.data_center, "datacenter1")
        self.assertEqual(row.partitioner, "org.apache.cassandra.dht.Murmur3Partitioner")
        self.assertTrue(row.release_version.startswith("4."))
        self.assertTrue(len(row.tokens) >= 1)
        self.assertEqual(list(self.session.execute("SELECT * FROM system.peers")), [])
        self.assertEqual(list(self.session.execute("SELECT * FROM system.peers_v2")), [])
        host = self.cluster.metadata.all_hosts()[0]
        self.assertEqual(host.datacenter, "datacenter1")
        self.assertEqual(host.host_id, row.host_id)

    def test_full_schema_metadata_load(self):
        s = self.session
        s.execute("CREATE TYPE address (street text, zip int, tags frozen<set<text>>)")
        s.execute("""CREATE TABLE versions (
                        tenant text, id uuid, tmstmp timeuuid, bucket int, payload text, tags set<text>, home frozen<address>,
                        owner text STATIC,
                        PRIMARY KEY ((tenant, id), tmstmp, bucket))
                     WITH CLUSTERING ORDER BY (tmstmp DESC, bucket ASC) AND comment = 'versions' AND gc_grace_seconds = 3600""")
        s.execute("CREATE TABLE simple (k int PRIMARY KEY, v text)")
        # A second cluster loads everything from scratch through system_schema.
        other = make_cluster(ARGS.user, ARGS.password)
        try:
            other.connect()
            meta = other.metadata
            self.assertIn(self.ks, meta.keyspaces)
            ks = meta.keyspaces[self.ks]
            self.assertEqual(ks.replication_strategy.replication_factor, 1)
            self.assertIn("address", ks.user_types)
            udt = ks.user_types["address"]
            self.assertEqual(udt.field_names, ["street", "zip", "tags"])
            self.assertEqual(udt.field_types, ["text", "int", "frozen<set<text>>"])
            self.assertLessEqual({"simple", "versions"}, set(ks.tables))
            t = ks.tables["versions"]
            self.assertEqual([c.name for c in t.partition_key], ["tenant", "id"])
            self.assertEqual([c.name for c in t.clustering_key], ["tmstmp", "bucket"])
            self.assertTrue(t.columns["tmstmp"].is_reversed)
            self.assertFalse(t.columns["bucket"].is_reversed)
            self.assertTrue(t.columns["owner"].is_static)
            expected_types = {"tenant": "text", "id": "uuid", "tmstmp": "timeuuid", "bucket": "int", "payload": "text",
                              "tags": "set<text>", "home": "frozen<address>", "owner": "text"}
            self.assertEqual({n: c.cql_type for n, c in t.columns.items()}, expected_types)
            self.assertEqual(t.options.get("comment"), "versions")
            self.assertEqual(t.options.get("gc_grace_seconds"), 3600)
            self.assertFalse(t.is_cql_compatible is False)
            self.assertIn("PRIMARY KEY ((tenant, id), tmstmp, bucket)", t.export_as_string())
            self.assertIn("system_schema", meta.keyspaces)
            self.assertIn("columns", meta.keyspaces["system_schema"].tables)
        finally:
            other.shutdown()

    def test_schema_changes_reach_metadata(self):
        s = self.session
        s.execute("CREATE TABLE to_drop (k int PRIMARY KEY)")
        self.assertIn("to_drop", self.cluster.metadata.keyspaces[self.ks].tables)
        s.execute("DROP TABLE to_drop")
        self.assertNotIn("to_drop", self.cluster.metadata.keyspaces[self.ks].tables)
        s.execute("CREATE TABLE IF NOT EXISTS simple2 (k int PRIMARY KEY)")
        s.execute("CREATE TABLE IF NOT EXISTS simple2 (k int PRIMARY KEY)")
        s.execute("DROP TABLE IF EXISTS no_such_table")
        s.execute("CREATE KEYSPACE IF NOT EXISTS %s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}" % self.ks)

    def test_alter_table_type_and_keyspace(self):
        s = self.session
        s.execute("CREATE TABLE altered (k int, c int, a text, b text, PRIMARY KEY (k, c))")
        s.execute("INSERT INTO altered (k, c, a, b) VALUES (1, 1, 'a1', 'b1')")
        s.execute("ALTER TABLE altered ADD z int")
        s.execute("ALTER TABLE altered ADD (aa text, s text static)")
        s.execute("INSERT INTO altered (k, c, z, aa, s) VALUES (1, 1, 26, 'aa1', 'st')")
        row = s.execute("SELECT * FROM altered WHERE k = 1 AND c = 1").one()
        self.assertEqual((row.a, row.aa, row.b, row.s, row.z), ("a1", "aa1", "b1", "st", 26))
        s.execute("ALTER TABLE altered DROP b")
        row = s.execute("SELECT * FROM altered WHERE k = 1 AND c = 1").one()
        self.assertFalse(hasattr(row, "b"))
        self.assertEqual((row.a, row.z), ("a1", 26))
        columns = self.cluster.metadata.keyspaces[self.ks].tables["altered"].columns
        self.assertEqual(sorted(columns), ["a", "aa", "c", "k", "s", "z"])
        self.assertTrue(columns["s"].is_static)
        s.execute("ALTER TABLE altered WITH default_time_to_live = 500 AND comment = 'now with ttl'")
        s.execute("INSERT INTO altered (k, c, a) VALUES (2, 2, 'x')")
        self.assertIn(s.execute("SELECT ttl(a) FROM altered WHERE k = 2 AND c = 2").one()[0], (499, 500))
        self.assertEqual(self.cluster.metadata.keyspaces[self.ks].tables["altered"].options["comment"], "now with ttl")
        with self.assertRaises(InvalidRequest):
            s.execute("ALTER TABLE altered DROP k")
        with self.assertRaises(InvalidRequest):
            s.execute("ALTER TABLE altered ADD a int")
        s.execute("CREATE TYPE point (x int)")
        s.execute("CREATE TABLE pts (k int PRIMARY KEY, p frozen<point>)")
        s.execute("INSERT INTO pts (k, p) VALUES (1, {x: 1})")
        s.execute("ALTER TYPE point ADD y int")
        s.execute("INSERT INTO pts (k, p) VALUES (2, {x: 2, y: 3})")
        rows = {r.k: r.p for r in s.execute("SELECT k, p FROM pts")}
        self.assertEqual((rows[1].x, rows[1].y, rows[2].x, rows[2].y), (1, None, 2, 3))
        self.assertEqual(self.cluster.metadata.keyspaces[self.ks].user_types["point"].field_names, ["x", "y"])
        other = self.ks + "_alt"
        s.execute("CREATE KEYSPACE %s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}" % other)
        try:
            s.execute("ALTER KEYSPACE %s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}" % other)
            self.assertEqual(self.cluster.metadata.keyspaces[other].replication_strategy.replication_factor, 3)
        finally:
            s.execute("DROP KEYSPACE %s" % other)

    def test_prepared_statement_metadata_gives_routing_key(self):
        s = self.session
        s.execute("CREATE TABLE routed (a text, b int, c int, v text, PRIMARY KEY ((a, b), c))")
        p = s.prepare("INSERT INTO routed (v, c, b, a) VALUES (?, ?, ?, ?)")
        self.assertEqual(p.routing_key_indexes, [3, 2])
        bound = p.bind(("x", 1, 2, "key"))
        expected = b"".join(struct.pack(">H", len(part)) + part + b"\x00" for part in (b"key", struct.pack(">i", 2)))
        self.assertEqual(bound.routing_key, expected)
        q = s.prepare("SELECT v FROM routed WHERE a = :a AND b = :b AND c = :c")
        self.assertEqual([c.name for c in q.column_metadata], ["a", "b", "c"])
        s.execute(p, ("x", 1, 2, "key"))
        self.assertEqual(s.execute(q, {"a": "key", "b": 2, "c": 1}).one().v, "x")


Address = namedtuple("Address", ["street", "zip", "tags"])


class TypeRoundTripTest(EmulatorTestCase):
    """A table per CQL type; values go in and come back through prepared statements (and literals where the driver can write them)."""

    CASES = [
        ("ascii", ["hello", ""]),
        ("bigint", [0, -9223372036854775808, 9223372036854775807]),
        ("blob", [b"\x00\x01\xff", b""]),
        ("boolean", [True, False]),
        ("date", [Date(datetime.date(2024, 2, 29)), Date(datetime.date(1969, 12, 31)), Date(0)]),
        ("decimal", [decimal.Decimal("123.4500"), decimal.Decimal("-1E-30"), decimal.Decimal("123456789012345678901234567890.123456789")]),
        ("double", [1.5, -0.0, 1e308, float("inf")]),
        ("duration", [Duration(1, 2, 3000000000), Duration(-1, -2, -3)]),
        ("float", [1.5, -2.25]),
        ("inet", ["127.0.0.1", "::1", "2001:db8::ff00:42:8329"]),
        ("int", [0, -2147483648, 2147483647]),
        ("smallint", [-32768, 32767]),
        ("text", ["", "h\u00e9llo \u2603 \U0001F600"]),
        ("time", [Time(0), Time(86399999999999), Time(datetime.time(12, 34, 56, 789000))]),
        ("timestamp", [datetime.datetime(2024, 1, 2, 3, 4, 5, 678000), datetime.datetime(1960, 1, 1)]),
        ("timeuuid", [uuid.UUID("6d2d7c20-ccbe-11ee-8000-000000000001"), uuid_from_time(1700000000.123)]),
        ("tinyint", [-128, 127]),
        ("uuid", [uuid.UUID("550e8400-e29b-41d4-a716-446655440000")]),
        ("varchar", ["varchar value"]),
        ("varint", [0, -1, 10 ** 40, -(10 ** 40)]),
        ("list<int>", [[3, 1, 2, 1]]),
        ("set<text>", [{"b", "a", "c"}]),
        ("map<text, int>", [{"one": 1, "two": 2}]),
        ("tuple<int, text, boolean>", [(1, "a", True), (2, None, False)]),
        ("frozen<list<frozen<map<text, frozen<set<int>>>>>>", [[{"a": {1, 2}}, {"b": {3}}]]),
        ("map<int, frozen<tuple<text, bigint>>>", [{1: ("x", 10), 2: ("y", 20)}]),
        ("frozen<address>", [Address("Main St", 12345, {"home", "work"})]),
        ("address", [Address("Side St", None, None)]),
        ("list<frozen<address>>", [[Address("A", 1, {"x"}), Address("B", 2, set())]]),
    ]

    # Types the driver can also write as CQL literals in simple statements (it writes tuples as list literals,
    # which Cassandra rejects for tuple columns, so tuples are not among them).
    LITERAL_TYPES = {"ascii", "bigint", "blob", "boolean", "date", "decimal", "double", "float", "inet", "int", "smallint",
                     "text", "time", "timestamp", "timeuuid", "tinyint", "uuid", "varchar", "varint", "list<int>",
                     "set<text>", "map<text, int>"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session.execute("CREATE TYPE address (street text, zip int, tags frozen<set<text>>)")

    def normalize(self, cql_type, value):
        if value is None:
            return None
        if cql_type == "inet":
            return ipaddress.ip_address(value)
        if cql_type in ("frozen<address>", "address"):
            return (value.street, value.zip, set(value.tags) if value.tags else None)
        if cql_type == "list<frozen<address>>":
            return [self.normalize("address", v) for v in value]
        if cql_type == "double" or cql_type == "float":
            return (value, str(value).startswith("-"))
        if cql_type == "frozen<list<frozen<map<text, frozen<set<int>>>>>>":
            return [{k: set(v) for k, v in m.items()} for m in value]
        if cql_type == "map<int, frozen<tuple<text, bigint>>>":
            return {k: tuple(v) for k, v in value.items()}
        if cql_type == "set<text>":
            return set(value)
        if cql_type == "map<text, int>":
            return dict(value)
        if cql_type == "list<int>":
            return list(value)
        if cql_type == "tuple<int, text, boolean>":
            return tuple(value)
        if cql_type == "time":
            return value if isinstance(value, Time) else Time(value)
        if cql_type == "date":
            return value if isinstance(value, Date) else Date(value)
        return value

    def test_every_type_round_trips_through_prepared_statements(self):
        s = self.session
        for i, (cql_type, values) in enumerate(self.CASES):
            with self.subTest(cql_type=cql_type):
                table = "t_%d" % i
                s.execute("CREATE TABLE %s (k int PRIMARY KEY, v %s)" % (table, cql_type))
                insert = s.prepare("INSERT INTO %s (k, v) VALUES (?, ?)" % table)
                select = s.prepare("SELECT v FROM %s WHERE k = ?" % table)
                self.assertEqual(select.column_metadata[0].name, "k")
                for k, value in enumerate(values):
                    s.execute(insert, (k, value))
                    got = s.execute(select, (k,)).one().v
                    self.assertEqual(self.normalize(cql_type, got), self.normalize(cql_type, value), "%s value %r" % (cql_type, value))
                # null (and, for non-frozen collections, empty) reads back as None
                s.execute(insert, (100, None))
                self.assertIsNone(s.execute(select, (100,)).one().v)

    def test_literal_values_round_trip_through_simple_statements(self):
        s = self.session
        for i, (cql_type, values) in enumerate(self.CASES):
            if cql_type not in self.LITERAL_TYPES:
                continue
            with self.subTest(cql_type=cql_type):
                table = "lit_%d" % i
                s.execute("CREATE TABLE %s (k int PRIMARY KEY, v %s)" % (table, cql_type))
                for k, value in enumerate(values):
                    if cql_type == "double" and value == float("inf"):
                        continue
                    if cql_type == "tuple<int, text, boolean>" and None in value:
                        continue
                    s.execute("INSERT INTO " + table + " (k, v) VALUES (%s, %s)", (k, value))
                    got = s.execute("SELECT v FROM " + table + " WHERE k = %s", (k,)).one().v
                    self.assertEqual(self.normalize(cql_type, got), self.normalize(cql_type, value), "%s literal %r" % (cql_type, value))

    def test_counter_increments(self):
        s = self.session
        s.execute("CREATE TABLE counts (k text PRIMARY KEY, hits counter)")
        inc = s.prepare("UPDATE counts SET hits = hits + ? WHERE k = ?")
        for _ in range(5):
            s.execute(inc, (2, "a"))
        s.execute("UPDATE counts SET hits = hits - 3 WHERE k = 'a'")
        self.assertEqual(s.execute("SELECT hits FROM counts WHERE k = 'a'").one().hits, 7)
        with self.assertRaises(InvalidRequest):
            s.execute("INSERT INTO counts (k, hits) VALUES ('b', 1)")

    def test_collection_updates(self):
        s = self.session
        s.execute("CREATE TABLE colls (k int PRIMARY KEY, l list<int>, st set<int>, m map<text, int>)")
        s.execute("INSERT INTO colls (k, l, st, m) VALUES (1, [1, 2], {5, 3}, {'a': 1})")
        s.execute("UPDATE colls SET l = l + [3], st = st + {4}, m = m + {'b': 2} WHERE k = 1")
        s.execute("UPDATE colls SET l = [0] + l, st = st - {5}, m['c'] = 3 WHERE k = 1")
        s.execute("DELETE m['a'] FROM colls WHERE k = 1")
        row = s.execute("SELECT l, st, m FROM colls WHERE k = 1").one()
        self.assertEqual(list(row.l), [0, 1, 2, 3])
        self.assertEqual(list(row.st), [3, 4])
        self.assertEqual(dict(row.m), {"b": 2, "c": 3})
        s.execute("UPDATE colls SET st = st - {3, 4} WHERE k = 1")
        self.assertIsNone(s.execute("SELECT st FROM colls WHERE k = 1").one().st)


class PagingAndScanTest(EmulatorTestCase):
    ROWS = 10000

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        s = cls.session
        s.execute("CREATE TABLE big (p int, c int, v text, PRIMARY KEY (p, c))")
        insert = s.prepare("INSERT INTO big (p, c, v) VALUES (?, ?, ?)")
        params = [(i // 10, i % 10, "v%d" % i) for i in range(cls.ROWS)]
        results = execute_concurrent_with_args(s, insert, params, concurrency=64, raise_on_first_error=True)
        assert all(ok for ok, _ in results)

    def test_paging_returns_every_row_exactly_once(self):
        statement = SimpleStatement("SELECT p, c, v FROM big", fetch_size=500)
        result = self.session.execute(statement)
        seen = []
        pages = 0
        while True:
            pages += 1
            page = list(result.current_rows)
            self.assertLessEqual(len(page), 500)
            seen.extend((r.p, r.c) for r in page)
            if not result.has_more_pages:
                break
            result.fetch_next_page()
        self.assertEqual(len(seen), self.ROWS)
        self.assertEqual(len(set(seen)), self.ROWS)
        # 10000 rows fill 20 pages exactly; like Cassandra's pager (which does not look ahead) the 20th page still
        # has a paging state, and the page after it is empty and last.
        self.assertEqual(pages, self.ROWS // 500 + 1)
        self.assertEqual(len(page), 0)
        # Rows come in token order, then clustering order.
        tokens = [Murmur3Token.from_key(struct.pack(">i", p)).value for p, _ in seen]
        self.assertEqual(tokens, sorted(tokens))

    def test_prepared_paging_with_paging_state_resumes(self):
        select = self.session.prepare("SELECT p, c FROM big")
        select.fetch_size = 777
        first = self.session.execute(select)
        first_rows = [(r.p, r.c) for r in first.current_rows]
        state = first.paging_state
        self.assertIsNotNone(state)
        rest = self.session.execute(select, paging_state=state)
        later = [(r.p, r.c) for r in rest]
        self.assertEqual(len(first_rows) + len(later), self.ROWS)
        self.assertEqual(set(first_rows) & set(later), set())

    def test_limit_and_count(self):
        rows = list(self.session.execute(SimpleStatement("SELECT p FROM big LIMIT 1234", fetch_size=100)))
        self.assertEqual(len(rows), 1234)
        self.assertEqual(self.session.execute("SELECT COUNT(*) FROM big").one()[0], self.ROWS)
        self.assertEqual(self.session.execute("SELECT count(*) FROM big WHERE p = 7").one()[0], 10)
        self.assertEqual(self.session.execute("SELECT count(*) FROM big WHERE p IN (1, 2, 3)").one()[0], 30)

    def test_paging_with_in_per_partition_limit_and_distinct(self):
        s = self.session
        rows = list(s.execute(SimpleStatement("SELECT p, c FROM big WHERE p IN (%s)" % ", ".join(str(p) for p in range(0, 200, 2)), fetch_size=37)))
        self.assertEqual(len(rows), 1000)
        self.assertEqual(len(set((r.p, r.c) for r in rows)), 1000)
        rows = list(s.execute(SimpleStatement("SELECT p, c FROM big PER PARTITION LIMIT 3", fetch_size=77)))
        self.assertEqual(sorted((r.p, r.c) for r in rows), [(p, c) for p in range(self.ROWS // 10) for c in range(3)])
        keys = [r.p for r in s.execute(SimpleStatement("SELECT DISTINCT p FROM big", fetch_size=64))]
        self.assertEqual(sorted(keys), list(range(self.ROWS // 10)))

    def test_full_ring_scan_by_token_ranges(self):
        splits = 13
        width = (MAX_TOKEN - MIN_TOKEN) // splits
        bounds = [MIN_TOKEN + i * width for i in range(splits)] + [MAX_TOKEN]
        select = self.session.prepare("SELECT p, c, token(p) AS t FROM big WHERE token(p) > ? AND token(p) <= ?")
        self.assertEqual([c.name for c in select.column_metadata], ["partition key token", "partition key token"])
        seen = []
        for lo, hi in zip(bounds, bounds[1:]):
            select.fetch_size = 333
            for row in self.session.execute(select, (lo, hi)):
                self.assertTrue(lo < row.t <= hi)
                seen.append((row.p, row.c))
        self.assertEqual(len(seen), self.ROWS)
        self.assertEqual(len(set(seen)), self.ROWS)

    def test_clustering_slices_order_and_in(self):
        s = self.session
        rows = s.execute("SELECT c FROM big WHERE p = 3 AND c >= 2 AND c < 6")
        self.assertEqual([r.c for r in rows], [2, 3, 4, 5])
        rows = s.execute("SELECT c FROM big WHERE p = 3 ORDER BY c DESC LIMIT 3")
        self.assertEqual([r.c for r in rows], [9, 8, 7])
        rows = s.execute(SimpleStatement("SELECT p, c FROM big WHERE p IN (5, 4) AND c = 1", fetch_size=None))
        self.assertEqual(sorted((r.p, r.c) for r in rows), [(4, 1), (5, 1)])
        rows = list(s.execute(SimpleStatement("SELECT c FROM big WHERE p = 2 ORDER BY c DESC", fetch_size=3)))
        self.assertEqual([r.c for r in rows], list(range(9, -1, -1)))

    def test_filtering_needs_allow_filtering(self):
        s = self.session
        with self.assertRaises(InvalidRequest) as ctx:
            s.execute("SELECT * FROM big WHERE v = 'v42'")
        self.assertIn("ALLOW FILTERING", str(ctx.exception))
        rows = list(s.execute("SELECT p, c FROM big WHERE v = 'v42' ALLOW FILTERING"))
        self.assertEqual([(r.p, r.c) for r in rows], [(4, 2)])
        with self.assertRaises(InvalidRequest):
            s.execute("SELECT * FROM big WHERE c = 3")
        self.assertEqual(len(list(s.execute("SELECT * FROM big WHERE c = 3 ALLOW FILTERING"))), self.ROWS // 10)


class WriteSemanticsTest(EmulatorTestCase):

    def test_using_timestamp_last_write_wins(self):
        s = self.session
        s.execute("CREATE TABLE lww (k int PRIMARY KEY, v text)")
        s.execute("INSERT INTO lww (k, v) VALUES (1, 'new') USING TIMESTAMP 1000")
        s.execute("INSERT INTO lww (k, v) VALUES (1, 'old') USING TIMESTAMP 500")
        row = s.execute("SELECT v, writetime(v) AS wt FROM lww WHERE k = 1").one()
        self.assertEqual((row.v, row.wt), ("new", 1000))
        # Equal timestamps: the greater value wins, whatever the order of arrival.
        s.execute("INSERT INTO lww (k, v) VALUES (2, 'b') USING TIMESTAMP 2000")
        s.execute("INSERT INTO lww (k, v) VALUES (2, 'a') USING TIMESTAMP 2000")
        self.assertEqual(s.execute("SELECT v FROM lww WHERE k = 2").one().v, "b")
        # A tombstone wins over a live cell with the same timestamp, and shadows older writes.
        s.execute("DELETE FROM lww USING TIMESTAMP 2000 WHERE k = 2")
        self.assertIsNone(s.execute("SELECT v FROM lww WHERE k = 2").one())
        s.execute("INSERT INTO lww (k, v) VALUES (2, 'c') USING TIMESTAMP 1999")
        self.assertIsNone(s.execute("SELECT v FROM lww WHERE k = 2").one())
        s.execute("INSERT INTO lww (k, v) VALUES (2, 'd') USING TIMESTAMP 2001")
        self.assertEqual(s.execute("SELECT v FROM lww WHERE k = 2").one().v, "d")
        # Client-side default timestamps (the driver's) are honoured too.
        stmt = SimpleStatement("INSERT INTO lww (k, v) VALUES (3, 'x')")
        s.execute(stmt)
        wt = s.execute("SELECT writetime(v) AS wt FROM lww WHERE k = 3").one().wt
        self.assertLess(abs(wt / 1e6 - time.time()), 60)

    def test_insert_if_not_exists_and_ttl(self):
        s = self.session
        s.execute("CREATE TABLE lwt (k int PRIMARY KEY, v text)")
        r = s.execute("INSERT INTO lwt (k, v) VALUES (1, 'a') IF NOT EXISTS").one()
        self.assertTrue(r[0])
        r = s.execute("INSERT INTO lwt (k, v) VALUES (1, 'b') IF NOT EXISTS").one()
        self.assertFalse(r[0])
        self.assertEqual(r.v, "a")
        s.execute("INSERT INTO lwt (k, v) VALUES (3, 'long') USING TTL 100")
        self.assertIn(s.execute("SELECT ttl(v) AS t FROM lwt WHERE k = 3").one().t, (99, 100))
        s.execute("INSERT INTO lwt (k, v) VALUES (2, 'short') USING TTL 1")
        time.sleep(2.1)
        self.assertIsNone(s.execute("SELECT v FROM lwt WHERE k = 2").one())
        self.assertEqual(s.execute("SELECT v FROM lwt WHERE k = 3").one().v, "long")

    def test_batches_update_and_delete(self):
        s = self.session
        s.execute("CREATE TABLE bt (k int, c int, v text, PRIMARY KEY (k, c))")
        s.execute("BEGIN BATCH INSERT INTO bt (k, c, v) VALUES (1, 1, 'a'); INSERT INTO bt (k, c, v) VALUES (1, 2, 'b'); APPLY BATCH")
        insert = s.prepare("INSERT INTO bt (k, c, v) VALUES (?, ?, ?)")
        batch = BatchStatement(batch_type=BatchType.UNLOGGED)
        for c in range(3, 6):
            batch.add(insert, (1, c, "v%d" % c))
        batch.add("UPDATE bt SET v = %s WHERE k = %s AND c = %s", ("updated", 1, 1))
        s.execute(batch)
        s.execute("DELETE v FROM bt WHERE k = 1 AND c = 2")
        s.execute("DELETE FROM bt WHERE k = 1 AND c = 5")
        rows = [(r.c, r.v) for r in s.execute("SELECT c, v FROM bt WHERE k = 1")]
        self.assertEqual(rows, [(1, "updated"), (2, None), (3, "v3"), (4, "v4")])
        s.execute("DELETE FROM bt WHERE k = 1")
        self.assertEqual(list(s.execute("SELECT * FROM bt WHERE k = 1")), [])
        s.execute("INSERT INTO bt (k, c, v) VALUES (9, 9, 'z')")
        s.execute("TRUNCATE bt")
        self.assertEqual(list(s.execute("SELECT * FROM bt")), [])


class MoreSemanticsTest(EmulatorTestCase):

    def test_prepared_conditional_insert_reports_existing_row(self):
        s = self.session
        s.execute("CREATE TABLE lwt2 (k int PRIMARY KEY, v text)")
        insert = s.prepare("INSERT INTO lwt2 (k, v) VALUES (?, ?) IF NOT EXISTS")
        self.assertTrue(s.execute(insert, (1, "first")).one()[0])
        row = s.execute(insert, (1, "second")).one()
        self.assertFalse(row[0])
        self.assertEqual((row.k, row.v), (1, "first"))
        update = s.prepare("UPDATE lwt2 SET v = ? WHERE k = ? IF EXISTS")
        self.assertFalse(s.execute(update, ("x", 2)).one()[0])
        self.assertTrue(s.execute(update, ("x", 1)).one()[0])
        self.assertEqual(s.execute("SELECT v FROM lwt2 WHERE k = 1").one().v, "x")

    def test_static_columns_and_distinct(self):
        s = self.session
        s.execute("CREATE TABLE st (k int, c int, s text STATIC, v int, PRIMARY KEY (k, c))")
        s.execute("INSERT INTO st (k, c, s, v) VALUES (1, 1, 'x', 1)")
        s.execute("INSERT INTO st (k, c, v) VALUES (1, 2, 2)")
        self.assertEqual([(r.c, r.s) for r in s.execute("SELECT c, s FROM st WHERE k = 1")], [(1, "x"), (2, "x")])
        s.execute("UPDATE st SET s = 'y' WHERE k = 1")
        self.assertEqual([r.s for r in s.execute("SELECT s FROM st WHERE k = 1")], ["y", "y"])
        s.execute("INSERT INTO st (k, s) VALUES (2, 'only')")
        self.assertEqual([(r.k, r.c, r.s, r.v) for r in s.execute("SELECT k, c, s, v FROM st WHERE k = 2")], [(2, None, "only", None)])
        # SELECT * order: partition key, clustering, static columns, regular columns (each by name).
        s.execute("CREATE TABLE star (k int, c int, zs text STATIC, a int, m map<int, int>, PRIMARY KEY (k, c))")
        self.assertEqual(s.execute("SELECT * FROM star").column_names, ["k", "c", "zs", "a", "m"])
        keys = [r.k for r in s.execute("SELECT DISTINCT k FROM st")]
        self.assertEqual(sorted(keys), [1, 2])
        self.assertEqual(keys, sorted(keys, key=lambda k: Murmur3Token.from_key(struct.pack(">i", k)).value))

    def test_in_with_order_by_sorts_across_partitions_but_cannot_page(self):
        s = self.session
        s.execute("CREATE TABLE io (k int, c int, PRIMARY KEY (k, c))")
        for k in (1, 2):
            for c in range(3):
                s.execute("INSERT INTO io (k, c) VALUES (%s, %s)", (k, c * 2 + k))
        rows = s.execute(SimpleStatement("SELECT k, c FROM io WHERE k IN (1, 2) ORDER BY c DESC", fetch_size=None))
        self.assertEqual([r.c for r in rows], [6, 5, 4, 3, 2, 1])
        with self.assertRaises(InvalidRequest):
            s.execute(SimpleStatement("SELECT k, c FROM io WHERE k IN (1, 2) ORDER BY c DESC", fetch_size=2))

    def test_delete_by_clustering_prefix_and_default_ttl(self):
        s = self.session
        s.execute("CREATE TABLE pre (k int, a int, b int, v int, PRIMARY KEY (k, a, b))")
        for a in (1, 2):
            for b in (1, 2):
                s.execute("INSERT INTO pre (k, a, b, v) VALUES (0, %s, %s, 0)", (a, b))
        s.execute("DELETE FROM pre WHERE k = 0 AND a = 1")
        self.assertEqual([(r.a, r.b) for r in s.execute("SELECT a, b FROM pre WHERE k = 0")], [(2, 1), (2, 2)])
        s.execute("CREATE TABLE ttl_default (k int PRIMARY KEY, v int) WITH default_time_to_live = 100")
        s.execute("INSERT INTO ttl_default (k, v) VALUES (1, 1)")
        self.assertIn(s.execute("SELECT ttl(v) FROM ttl_default WHERE k = 1").one()[0], (99, 100))


class NamesAndOrderTest(EmulatorTestCase):

    def test_quoted_identifiers_keep_their_case(self):
        s = self.session
        s.execute('CREATE TABLE "MixedCase" ("Id" int, "When" int, "Value" text, PRIMARY KEY ("Id", "When"))')
        s.execute('INSERT INTO "MixedCase" ("Id", "When", "Value") VALUES (1, 2, \'x\')')
        row = s.execute('SELECT "Value" FROM "MixedCase" WHERE "Id" = 1').one()
        self.assertEqual(row.Value, "x")
        table = self.cluster.metadata.keyspaces[self.ks].tables["MixedCase"]
        self.assertEqual(sorted(table.columns), ["Id", "Value", "When"])
        with self.assertRaises(InvalidRequest):
            s.execute("SELECT value FROM \"MixedCase\"")

    def test_clustering_order_follows_each_type(self):
        s = self.session
        cases = [
            ("varint", [10 ** 30, -5, 0, 7, -(10 ** 20)]),
            ("decimal", [decimal.Decimal("1.50"), decimal.Decimal("-2"), decimal.Decimal("1.499999"), decimal.Decimal("100")]),
            ("text", ["b", "a", "\u00e9", "B", ""]),
            ("bigint", [5, -3, 2 ** 62, -(2 ** 62)]),
            ("double", [1.5, -0.5, 1e10, -1e10]),
            ("uuid", [uuid.UUID(int=3), uuid.UUID(int=1 << 127), uuid.UUID(int=2)]),
            ("inet", ["10.0.0.2", "10.0.0.10", "9.255.255.255"]),
            ("date", [Date(5), Date(-5), Date(0)]),
        ]
        for i, (cql_type, values) in enumerate(cases):
            for order in ("ASC", "DESC"):
                with self.subTest(cql_type=cql_type, order=order):
                    table = "ord_%d_%s" % (i, order.lower())
                    s.execute("CREATE TABLE %s (k int, c %s, PRIMARY KEY (k, c)) WITH CLUSTERING ORDER BY (c %s)" % (table, cql_type, order))
                    insert = s.prepare("INSERT INTO %s (k, c) VALUES (0, ?)" % table)
                    for v in values:
                        s.execute(insert, (v,))
                    got = [r.c for r in s.execute("SELECT c FROM %s WHERE k = 0" % table)]
                    key = (lambda v: ipaddress.ip_address(v)) if cql_type == "inet" else (lambda v: v.days_from_epoch) if cql_type == "date" else (lambda v: v)
                    self.assertEqual([key(v) for v in got], sorted((key(v) for v in values), reverse=(order == "DESC")))

    def test_ddl_errors(self):
        s = self.session
        s.execute("CREATE TYPE used (a int)")
        s.execute("CREATE TABLE uses_type (k int PRIMARY KEY, u frozen<used>)")
        with self.assertRaises(InvalidRequest):
            s.execute("DROP TYPE used")
        for bad in ("CREATE TABLE d1 (k duration PRIMARY KEY)",
                    "CREATE TABLE d2 (k int, c int, v list<int>, PRIMARY KEY (k, v))",
                    "CREATE TABLE d3 (k int PRIMARY KEY, s int STATIC)",
                    "CREATE TABLE d4 (k int, v int)",
                    "CREATE TABLE d5 (k int PRIMARY KEY, v nosuchtype)"):
            with self.subTest(statement=bad):
                with self.assertRaises(InvalidRequest):
                    s.execute(bad)


class TimeuuidTest(EmulatorTestCase):

    @staticmethod
    def timeuuid(unix_ms, extra_ticks, low_bytes):
        """A version 1 UUID built from exact integers: 100 ns ticks of a millisecond and the 8 low bytes."""
        ticks = unix_ms * 10000 + extra_ticks + 0x01B21DD213814000
        msb = ((ticks & 0xFFFFFFFF) << 32) | (((ticks >> 32) & 0xFFFF) << 16) | 0x1000 | ((ticks >> 48) & 0x0FFF)
        return uuid.UUID(int=(msb << 64) | low_bytes)

    def test_timeuuid_clustering_range_with_min_and_max_timeuuid(self):
        s = self.session
        s.execute("CREATE TABLE versions_by_time (id uuid, tmstmp timeuuid, v int, PRIMARY KEY (id, tmstmp)) WITH CLUSTERING ORDER BY (tmstmp DESC)")
        entry = uuid.uuid4()
        base_dt = datetime.datetime(2024, 5, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
        base_ms = int(base_dt.timestamp()) * 1000
        insert = s.prepare("INSERT INTO versions_by_time (id, tmstmp, v) VALUES (?, ?, ?)")
        rnd = random.Random(7)
        for i in range(20):
            # Two timeuuids per millisecond; random low bytes (RFC 4122 variant) exercise the signed-byte tie order.
            low = (rnd.getrandbits(64) & 0x3FFFFFFFFFFFFFFF) | 0x8000000000000000
            s.execute(insert, (entry, self.timeuuid(base_ms + i // 2, (i % 2) * 5000 + rnd.randint(0, 4999), low), i))
        # Cassandra's own bounds are inside the inclusive range: minTimeuuid(4 ms) and maxTimeuuid(6 ms).
        s.execute(insert, (entry, self.timeuuid(base_ms + 4, 0, 0x8080808080808080), 100))
        s.execute(insert, (entry, self.timeuuid(base_ms + 6, 9999, 0x7F7F7F7F7F7F7F7F), 101))

        lo = base_dt + datetime.timedelta(milliseconds=4)
        hi = base_dt + datetime.timedelta(milliseconds=6)
        select = s.prepare("SELECT v, tmstmp FROM versions_by_time WHERE id = ? AND tmstmp >= minTimeuuid(?) AND tmstmp <= maxTimeuuid(?)")
        rows = list(s.execute(select, (entry, lo, hi)))
        self.assertEqual(sorted(r.v for r in rows), sorted([8, 9, 10, 11, 12, 13, 100, 101]))
        # DESC clustering: newest first.
        self.assertEqual([r.v for r in rows], [101, 13, 12, 11, 10, 9, 8, 100])
        strict = s.execute("SELECT v FROM versions_by_time WHERE id = %s AND tmstmp > maxTimeuuid(%s) AND tmstmp < minTimeuuid(%s)", (entry, lo, hi))
        self.assertEqual(sorted(r.v for r in strict), [10, 11])
        oldest = s.execute("SELECT v, toTimestamp(tmstmp) AS t FROM versions_by_time WHERE id = %s ORDER BY tmstmp ASC LIMIT 1", (entry,)).one()
        self.assertEqual(oldest.v, 0)
        self.assertEqual(oldest.t.replace(tzinfo=datetime.timezone.utc), base_dt)
        newest = s.execute("SELECT v FROM versions_by_time WHERE id = %s ORDER BY tmstmp DESC LIMIT 1", (entry,)).one()
        self.assertEqual(newest.v, 19)

    def test_now_is_unique_and_increasing(self):
        s = self.session
        s.execute("CREATE TABLE nows (k int, t timeuuid, PRIMARY KEY (k, t))")
        insert = s.prepare("INSERT INTO nows (k, t) VALUES (1, now())")
        for _ in range(50):
            s.execute(insert)
        rows = list(s.execute("SELECT t, toTimestamp(t) AS ts FROM nows WHERE k = 1"))
        self.assertEqual(len(rows), 50)
        self.assertTrue(all(r.t.version == 1 for r in rows))
        self.assertLess(abs(rows[-1].ts.replace(tzinfo=datetime.timezone.utc).timestamp() - time.time()), 60)


class TokenTest(EmulatorTestCase):

    def test_token_matches_driver_murmur3_for_1000_random_keys(self):
        s = self.session
        s.execute("CREATE TABLE tok_text (k text PRIMARY KEY)")
        s.execute("CREATE TABLE tok_blob (k blob PRIMARY KEY)")
        rnd = random.Random(20240501)
        texts = set()
        while len(texts) < 1000:
            texts.add("".join(rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789-_\u00e9\u2603") for _ in range(rnd.randint(1, 40))))
        blobs = set()
        while len(blobs) < 1000:
            blobs.add(bytes(rnd.getrandbits(8) for _ in range(rnd.randint(1, 33))))
        ins_text = s.prepare("INSERT INTO tok_text (k) VALUES (?)")
        ins_blob = s.prepare("INSERT INTO tok_blob (k) VALUES (?)")
        execute_concurrent_with_args(s, ins_text, [(t,) for t in texts], concurrency=64, raise_on_first_error=True)
        execute_concurrent_with_args(s, ins_blob, [(b,) for b in blobs], concurrency=64, raise_on_first_error=True)
        rows = list(s.execute(SimpleStatement("SELECT k, token(k) FROM tok_text", fetch_size=300)))
        self.assertEqual(len(rows), 1000)
        for row in rows:
            self.assertEqual(row[1], Murmur3Token.from_key(row.k.encode("utf-8")).value, row.k)
        rows = list(s.execute(SimpleStatement("SELECT k, token(k) FROM tok_blob", fetch_size=300)))
        self.assertEqual(len(rows), 1000)
        for row in rows:
            self.assertEqual(row[1], Murmur3Token.from_key(row.k).value, row.k.hex())
        # Tokens on the driver's token map agree too (routing key of a prepared statement).
        select = s.prepare("SELECT token(k) FROM tok_text WHERE k = ?")
        for text in list(texts)[:50]:
            bound = select.bind((text,))
            self.assertEqual(s.execute(bound).one()[0], Murmur3Token.from_key(bound.routing_key).value)

    def test_composite_partition_key_token(self):
        s = self.session
        s.execute("CREATE TABLE tok_comp (a int, b text, PRIMARY KEY ((a, b)))")
        s.execute("INSERT INTO tok_comp (a, b) VALUES (7, 'seven')")
        got = s.execute("SELECT token(a, b) FROM tok_comp WHERE a = 7 AND b = 'seven'").one()[0]
        key = b"".join(struct.pack(">H", len(p)) + p + b"\x00" for p in (struct.pack(">i", 7), b"seven"))
        self.assertEqual(got, Murmur3Token.from_key(key).value)


class ErrorTest(EmulatorTestCase):

    def test_syntax_error(self):
        with self.assertRaises(SyntaxException):
            self.session.execute("SELEC * FROM nowhere")
        with self.assertRaises(SyntaxException):
            self.session.execute("SELECT * FROM")

    def test_unknown_table_and_keyspace_are_invalid_requests(self):
        with self.assertRaises(InvalidRequest) as ctx:
            self.session.execute("SELECT * FROM no_such_table")
        self.assertIn("no_such_table", str(ctx.exception))
        with self.assertRaises(InvalidRequest):
            self.session.execute("SELECT * FROM no_such_keyspace.t")
        with self.assertRaises(InvalidRequest):
            self.session.prepare("SELECT * FROM no_such_table WHERE k = ?")

    def test_already_exists_and_unauthorized(self):
        self.session.execute("CREATE TABLE dup (k int PRIMARY KEY)")
        with self.assertRaises(AlreadyExists) as ctx:
            self.session.execute("CREATE TABLE dup (k int PRIMARY KEY)")
        self.assertEqual((ctx.exception.keyspace, ctx.exception.table), (self.ks, "dup"))
        with self.assertRaises(AlreadyExists):
            self.session.execute("CREATE KEYSPACE %s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}" % self.ks)
        with self.assertRaises(Unauthorized):
            self.session.execute("INSERT INTO system_schema.keyspaces (keyspace_name) VALUES ('x')")

    def test_invalid_values_and_statements(self):
        s = self.session
        s.execute("CREATE TABLE inv (k int, c int, v text, PRIMARY KEY (k, c))")
        for bad in ("INSERT INTO inv (k, v) VALUES (1, 'x')",          # missing clustering key
                    "INSERT INTO inv (k, c, v) VALUES ('one', 1, 'x')",  # wrong literal type
                    "SELECT * FROM inv WHERE k = 1 ORDER BY v",          # order by regular column
                    "SELECT nope FROM inv",                              # unknown column
                    "SELECT * FROM inv WHERE k = 1 LIMIT 0"):
            with self.subTest(statement=bad):
                with self.assertRaises(InvalidRequest):
                    s.execute(bad)


class RawProtocolTest(unittest.TestCase):
    """Frames written by hand, for what the driver hides: version negotiation and protocol errors."""

    def exchange(self, header_version, opcode, body=b"", flags=0):
        import socket
        with socket.create_connection((ARGS.host, ARGS.port), timeout=10) as sock:
            sock.sendall(struct.pack(">BBhBi", header_version, flags, 7, opcode, len(body)) + body)
            header = self.read_exactly(sock, 9)
            version, rflags, stream, ropcode, length = struct.unpack(">BBhBi", header)
            return version, stream, ropcode, self.read_exactly(sock, length)

    @staticmethod
    def read_exactly(sock, n):
        data = b""
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            if not chunk:
                raise AssertionError("connection closed after %d of %d bytes" % (len(data), n))
            data += chunk
        return data

    @staticmethod
    def error_of(body):
        code, length = struct.unpack(">iH", body[:6])
        return code, body[6:6 + length].decode("utf-8")

    def test_v5_request_gets_protocol_error_in_a_v4_frame(self):
        version, stream, opcode, body = self.exchange(0x05, 0x05)  # OPTIONS in protocol v5
        self.assertEqual((version, stream, opcode), (0x84, 7, 0x00))
        code, message = self.error_of(body)
        self.assertEqual(code, 0x000A)
        self.assertIn("Invalid or unsupported protocol version (5)", message)

    def test_options_answers_supported_and_query_before_startup_is_refused(self):
        version, stream, opcode, body = self.exchange(0x04, 0x05)
        self.assertEqual((version, stream, opcode), (0x84, 7, 0x06))
        self.assertIn(b"CQL_VERSION", body)
        query = b"SELECT * FROM system.local"
        version, stream, opcode, body = self.exchange(0x04, 0x07, struct.pack(">i", len(query)) + query + struct.pack(">HB", 1, 0))
        self.assertEqual(opcode, 0x00)
        self.assertEqual(self.error_of(body)[0], 0x000A)


class AuthenticationTest(unittest.TestCase):

    def start_emulator_with_user(self):
        proc = subprocess.Popen(["dotnet", ARGS.emulator_dll, "--exit-on-stdin-close", "--cql-port", "0", "--cql-user", "u", "--cql-password", "p"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.addCleanup(self.stop, proc)
        deadline = time.time() + 60
        while time.time() < deadline:
            ready, _, _ = select.select([proc.stdout], [], [], max(0.1, deadline - time.time()))
            if ready:
                line = proc.stdout.readline()
                if line.startswith("ready cql="):
                    host, port = line.split("=", 1)[1].strip().rsplit(":", 1)
                    return int(port), "u", "p"
                if line == "":
                    break
        self.fail("the second emulator did not print its ready line: %s" % proc.stderr.read())

    @staticmethod
    def stop(proc):
        try:
            proc.stdin.close()
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        finally:
            proc.stdout.close()
            proc.stderr.close()

    def target(self):
        if ARGS.user:
            return ARGS.port, ARGS.user, ARGS.password
        if ARGS.emulator_dll:
            return self.start_emulator_with_user()
        self.skipTest("needs --emulator-dll (to start an emulator that requires a password) or --user/--password")

    def test_bad_credentials_raise_authentication_failed_and_good_ones_connect(self):
        port, user, password = self.target()
        bad = make_cluster(user, password + "-wrong", port=port)
        try:
            with self.assertRaises(NoHostAvailable) as ctx:
                bad.connect()
            errors = list(ctx.exception.errors.values())
            self.assertTrue(errors and all(isinstance(e, AuthenticationFailed) for e in errors), errors)
        finally:
            bad.shutdown()
        good = make_cluster(user, password, port=port)
        try:
            session = good.connect()
            self.assertEqual(session.execute("SELECT release_version FROM system.local").one()[0][:2], "4.")
        finally:
            good.shutdown()



class EmulatorProcess(object):
    """An emulator host of its own: started with extra arguments, commands sent on stdin, answers read from stdout."""

    def __init__(self, testcase, *arguments):
        if not ARGS.emulator_dll:
            testcase.skipTest("needs --emulator-dll to start an emulator with %s" % " ".join(arguments))
        self.proc = subprocess.Popen(["dotnet", ARGS.emulator_dll, "--exit-on-stdin-close", "--cql-port", "0"] + list(arguments),
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        testcase.addCleanup(AuthenticationTest.stop, self.proc)
        line = self.read_line(60)
        if not line.startswith("ready "):
            testcase.fail("the emulator did not start (%r): %s" % (line, self.proc.stderr.read()))
        parts = dict(p.split("=", 1) for p in line.split()[1:])
        self.host, port = parts["cql"].rsplit(":", 1)
        self.port = int(port)
        self.nodes = parts.get("cql-nodes", parts["cql"]).split(",")

    def read_line(self, timeout):
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        return self.proc.stdout.readline().strip() if ready else ""

    def command(self, text):
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()
        answer = self.read_line(30)
        if not answer.startswith("ok"):
            raise AssertionError("emulator command %r answered %r" % (text, answer))
        return answer

    def cluster(self, policy=None, **kwargs):
        # Errors reach the test as the node answered them (the default policy retries Unavailable on the next host).
        profile = ExecutionProfile(load_balancing_policy=policy or TokenAwarePolicy(DCAwareRoundRobinPolicy()), request_timeout=30,
                                   retry_policy=FallthroughRetryPolicy())
        cluster = Cluster([self.host], port=self.port, execution_profiles={EXEC_PROFILE_DEFAULT: profile},
                          connect_timeout=10, control_connection_timeout=10, **kwargs)
        return cluster


def wait_until(predicate, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


class ClusterTest(unittest.TestCase):
    """Three nodes on 127.0.0.1-3: discovery, token-aware routing, Unavailable, node stop/start."""

    def setUp(self):
        self.emulator = EmulatorProcess(self, "--cql-nodes", "3")
        self.cluster = self.emulator.cluster()
        self.addCleanup(self.cluster.shutdown)
        self.session = self.cluster.connect()

    def test_the_driver_discovers_every_node_with_its_sixteen_tokens(self):
        hosts = sorted(self.cluster.metadata.all_hosts(), key=lambda h: h.address)
        self.assertEqual([h.address for h in hosts], ["127.0.0.1", "127.0.0.2", "127.0.0.3"])
        self.assertEqual(len({h.host_id for h in hosts}), 3)
        owners = self.cluster.metadata.token_map.token_to_host_owner
        self.assertEqual(len(owners), 48)
        for host in hosts:
            self.assertEqual(sum(1 for h in owners.values() if h == host), 16)
        peers = list(self.session.execute("SELECT peer, native_address, native_port, tokens FROM system.peers_v2"))
        self.assertEqual(len(peers), 2)
        self.assertTrue(all(p.native_port == self.emulator.port and len(p.tokens) == 16 for p in peers))

    def test_token_aware_routing_lands_each_read_on_a_replica_of_its_partition(self):
        s = self.session
        s.execute("CREATE KEYSPACE routed WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        s.execute("CREATE TABLE routed.t (k int PRIMARY KEY, v text)")
        insert = s.prepare("INSERT INTO routed.t (k, v) VALUES (?, ?)")
        select_one = s.prepare("SELECT v FROM routed.t WHERE k = ?")
        coordinators = set()
        for k in range(12):
            s.execute(insert, (k, "v%d" % k))
            rs = s.execute(select_one, (k,), trace=True)
            trace = rs.get_query_trace(max_wait_sec=10)
            replicas = {h.address for h in self.cluster.metadata.get_replicas("routed", select_one.bind((k,)).routing_key)}
            self.assertEqual(len(replicas), 1)
            # The coordinator holds the partition: it reads it itself and sends no read to another node.
            self.assertIn(str(trace.coordinator), replicas)
            sources = {str(e.source) for e in trace.events}
            self.assertEqual(sources, {str(trace.coordinator)})
            self.assertTrue(any(e.description.startswith("Read 1 live rows") for e in trace.events), [e.description for e in trace.events])
            coordinators.add(str(trace.coordinator))
        self.assertGreater(len(coordinators), 1)

    def test_a_coordinator_that_is_not_a_replica_forwards_the_read(self):
        s = self.session
        s.execute("CREATE KEYSPACE forwarded WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        s.execute("CREATE TABLE forwarded.t (k int PRIMARY KEY)")
        s.execute("INSERT INTO forwarded.t (k) VALUES (1)")
        key = s.prepare("SELECT k FROM forwarded.t WHERE k = ?").bind((1,)).routing_key
        replica = list(self.cluster.metadata.get_replicas("forwarded", key))[0].address
        other = [n.split(":")[0] for n in self.emulator.nodes if not n.startswith(replica + ":")][0]
        pinned = Cluster([other], port=self.emulator.port, connect_timeout=10,
                         execution_profiles={EXEC_PROFILE_DEFAULT: ExecutionProfile(load_balancing_policy=WhiteListRoundRobinPolicy([other]))})
        self.addCleanup(pinned.shutdown)
        rs = pinned.connect().execute(SimpleStatement("SELECT k FROM forwarded.t WHERE k = 1"), trace=True)
        trace = rs.get_query_trace(max_wait_sec=10)
        self.assertEqual(str(trace.coordinator), other)
        descriptions = [(str(e.source), e.description) for e in trace.events]
        self.assertIn((other, "Sending READ_REQ message to /%s:7000" % replica), descriptions)
        self.assertIn((replica, "Read 1 live rows and 0 tombstone cells"), descriptions)

    def test_unavailable_carries_the_level_required_and_alive_replicas_and_stopped_nodes_are_seen_down(self):
        s = self.session
        s.execute("CREATE KEYSPACE rf3 WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}")
        s.execute("CREATE TABLE rf3.t (k int PRIMARY KEY, v int)")
        s.execute(SimpleStatement("INSERT INTO rf3.t (k, v) VALUES (1, 1)", consistency_level=ConsistencyLevel.ALL))
        self.emulator.command("cql stop 2")
        self.emulator.command("cql stop 3")
        down = [h for h in self.cluster.metadata.all_hosts() if h.address in ("127.0.0.2", "127.0.0.3")]
        self.assertTrue(wait_until(lambda: not any(h.is_up for h in down)), [h.is_up for h in down])
        with self.assertRaises(Unavailable) as ctx:
            s.execute(SimpleStatement("SELECT * FROM rf3.t WHERE k = 1", consistency_level=ConsistencyLevel.QUORUM))
        self.assertEqual(ctx.exception.consistency, ConsistencyLevel.QUORUM)
        self.assertEqual((ctx.exception.required_replicas, ctx.exception.alive_replicas), (2, 1))
        self.assertIn("Cannot achieve consistency level QUORUM", str(ctx.exception))
        with self.assertRaises(Unavailable):
            s.execute(SimpleStatement("INSERT INTO rf3.t (k, v) VALUES (2, 2)", consistency_level=ConsistencyLevel.ALL))
        self.assertEqual(s.execute(SimpleStatement("SELECT v FROM rf3.t WHERE k = 1", consistency_level=ConsistencyLevel.ONE)).one().v, 1)
        self.emulator.command("cql start 2")
        self.assertTrue(wait_until(lambda: [h for h in down if h.address == "127.0.0.2"][0].is_up))
        self.assertEqual(s.execute(SimpleStatement("SELECT v FROM rf3.t WHERE k = 1", consistency_level=ConsistencyLevel.QUORUM)).one().v, 1)

    def test_nodes_that_join_and_leave_reach_the_driver_through_topology_events(self):
        watched = self.emulator.cluster(topology_event_refresh_window=0.1)
        self.addCleanup(watched.shutdown)
        watched.connect()
        self.assertIn("ok added 127.0.0.4:", self.emulator.command("cql add"))
        self.assertTrue(wait_until(lambda: len(watched.metadata.all_hosts()) == 4), [h.address for h in watched.metadata.all_hosts()])
        joined = [h for h in watched.metadata.all_hosts() if h.address == "127.0.0.4"][0]
        self.assertTrue(wait_until(lambda: watched.metadata.token_map is not None
                                   and sum(1 for h in watched.metadata.token_map.token_to_host_owner.values() if h == joined) == 16))
        self.emulator.command("cql remove 4")
        self.assertTrue(wait_until(lambda: len(watched.metadata.all_hosts()) == 3), [h.address for h in watched.metadata.all_hosts()])


class DataCentersTest(unittest.TestCase):
    """Two data centers with NetworkTopologyStrategy: LOCAL_QUORUM and EACH_QUORUM when one data center is down."""

    def test_local_quorum_survives_the_other_data_center_and_each_quorum_does_not(self):
        emulator = EmulatorProcess(self, "--cql-nodes", "dc1:2,dc2:2")
        cluster = emulator.cluster(policy=TokenAwarePolicy(DCAwareRoundRobinPolicy(local_dc="dc1")))
        self.addCleanup(cluster.shutdown)
        s = cluster.connect()
        self.assertEqual(sorted(h.datacenter for h in cluster.metadata.all_hosts()), ["dc1", "dc1", "dc2", "dc2"])
        s.execute("CREATE KEYSPACE nts WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 2}")
        s.execute("CREATE TABLE nts.t (k int PRIMARY KEY, v int)")
        with self.assertRaises(Exception) as bad:
            s.execute("CREATE KEYSPACE nowhere WITH replication = {'class': 'NetworkTopologyStrategy', 'dc9': 1}")
        self.assertIn("Unrecognized strategy option {dc9}", str(bad.exception))
        emulator.command("cql stop 3")
        emulator.command("cql stop 4")
        s.execute(SimpleStatement("INSERT INTO nts.t (k, v) VALUES (1, 1)", consistency_level=ConsistencyLevel.LOCAL_QUORUM))
        self.assertEqual(s.execute(SimpleStatement("SELECT v FROM nts.t WHERE k = 1", consistency_level=ConsistencyLevel.LOCAL_QUORUM)).one().v, 1)
        with self.assertRaises(Unavailable) as ctx:
            s.execute(SimpleStatement("INSERT INTO nts.t (k, v) VALUES (2, 2)", consistency_level=ConsistencyLevel.EACH_QUORUM))
        self.assertIn("Cannot achieve consistency level EACH_QUORUM in DC dc2", str(ctx.exception))
        self.assertEqual((ctx.exception.required_replicas, ctx.exception.alive_replicas), (2, 0))


class SchemaAgreementTest(unittest.TestCase):
    """DDL that reaches the other nodes late: versions disagree meanwhile, and the driver waits for agreement."""

    def test_the_driver_waits_for_schema_agreement_after_ddl(self):
        emulator = EmulatorProcess(self, "--cql-nodes", "2", "--cql-settings", "schema_propagation_delay_ms=1500")
        cluster = emulator.cluster(max_schema_agreement_wait=15)
        self.addCleanup(cluster.shutdown)
        s = cluster.connect()
        started = time.time()
        rs = s.execute("CREATE KEYSPACE late WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}")
        self.assertTrue(rs.response_future.is_schema_agreed)
        self.assertGreaterEqual(time.time() - started, 1.3)
        versions = {s.execute("SELECT schema_version FROM system.local").one().schema_version}
        versions |= {r.schema_version for r in s.execute("SELECT schema_version FROM system.peers")}
        self.assertEqual(len(versions), 1)


class ConsistencyValidationTest(EmulatorTestCase):
    """ConsistencyLevel.validateForRead / validateForWrite, as the driver sees them."""

    def test_reads_refuse_any_and_writes_refuse_serial_levels(self):
        s = self.session
        s.execute("CREATE TABLE levels (k int PRIMARY KEY, v int)")
        with self.assertRaises(InvalidRequest) as ctx:
            s.execute(SimpleStatement("SELECT * FROM levels WHERE k = 1", consistency_level=ConsistencyLevel.ANY))
        self.assertIn("ANY ConsistencyLevel is only supported for writes", str(ctx.exception))
        for level in (ConsistencyLevel.SERIAL, ConsistencyLevel.LOCAL_SERIAL):
            with self.assertRaises(InvalidRequest) as ctx:
                s.execute(SimpleStatement("INSERT INTO levels (k, v) VALUES (1, 1)", consistency_level=level))
            self.assertIn("You must use conditional updates for serializable writes", str(ctx.exception))
        s.execute(SimpleStatement("INSERT INTO levels (k, v) VALUES (1, 1)", consistency_level=ConsistencyLevel.ANY))
        self.assertEqual(s.execute(SimpleStatement("SELECT v FROM levels WHERE k = 1", consistency_level=ConsistencyLevel.SERIAL)).one().v, 1)


class ServerLimitsTest(unittest.TestCase):
    """Read timeouts, tombstone failures, the mutation size limit, the allow_filtering guardrail, batch limits."""

    def setUp(self):
        self.emulator = EmulatorProcess(self, "--cql-settings",
                                        "range_request_timeout_ms=400,read_request_timeout_ms=300,tombstone_failure_threshold=5,max_mutation_size=2048")
        self.cluster = self.emulator.cluster()
        self.addCleanup(self.cluster.shutdown)
        self.session = self.cluster.connect()
        self.session.execute("CREATE KEYSPACE lim WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        self.session.execute("CREATE TABLE lim.t (k int, c int, v text, PRIMARY KEY (k, c))")
        self.session.set_keyspace("lim")

    def test_a_slow_token_range_answers_read_timeout(self):
        self.emulator.command("cql slow lim t 0 9223372036854775807")
        started = time.time()
        with self.assertRaises(ReadTimeout) as ctx:
            self.session.execute("SELECT * FROM t WHERE token(k) > 0 AND token(k) <= 1000")
        self.assertGreaterEqual(time.time() - started, 0.35)
        self.assertEqual((ctx.exception.received_responses, ctx.exception.required_responses), (0, 1))
        self.assertIn("Operation timed out - received only 0 responses.", str(ctx.exception))
        self.session.execute("SELECT * FROM t WHERE token(k) > -1000 AND token(k) <= -1")

    def test_a_scan_through_too_many_tombstones_fails(self):
        for c in range(8):
            self.session.execute("INSERT INTO t (k, c, v) VALUES (1, %d, 'x')" % c)
            self.session.execute("DELETE FROM t WHERE k = 1 AND c = %d" % c)
        with self.assertRaises(ReadFailure) as ctx:
            list(self.session.execute("SELECT * FROM t"))
        self.assertIn("TOMBSTONE_OVERWHELM", str(ctx.exception))
        self.assertEqual(ctx.exception.failures, 1)

    def test_an_oversized_mutation_is_refused(self):
        with self.assertRaises(InvalidRequest) as ctx:
            self.session.execute("INSERT INTO t (k, c, v) VALUES (1, 1, %s)", ("x" * 4000,))
        self.assertIn("Rejected an oversized mutation", str(ctx.exception))
        self.assertIn("for keyspace: lim. Top keys are: t.1", str(ctx.exception))

    def test_the_allow_filtering_guardrail_refuses_allow_filtering_when_off(self):
        self.emulator.command("cql set allow_filtering_enabled=false")
        with self.assertRaises(InvalidRequest) as ctx:
            self.session.execute("SELECT * FROM t WHERE v = 'x' ALLOW FILTERING")
        self.assertIn("Guardrail allow_filtering violated: Querying with ALLOW FILTERING is not allowed", str(ctx.exception))
        self.emulator.command("cql set allow_filtering_enabled=true")
        list(self.session.execute("SELECT * FROM t WHERE v = 'x' ALLOW FILTERING"))

    def test_batches_warn_above_5_kib_and_fail_above_50_kib(self):
        batch = BatchStatement(batch_type=BatchType.LOGGED)
        for c in range(6):
            batch.add(SimpleStatement("INSERT INTO t (k, c, v) VALUES (2, %s, %s)"), (c, "x" * 300))
        self.emulator.command("cql set max_mutation_size=1000000")
        rs = self.session.execute(batch)
        self.assertEqual(rs.response_future.warnings, None)
        big = BatchStatement(batch_type=BatchType.LOGGED)
        for c in range(6):
            big.add(SimpleStatement("INSERT INTO t (k, c, v) VALUES (2, %s, %s)"), (c, "x" * 1000))
        rs = self.session.execute(big)
        self.assertEqual(len(rs.response_future.warnings), 1)
        self.assertRegex(rs.response_future.warnings[0], r"^Batch for \[lim\.t\] is of size [\d.]+KiB, exceeding specified threshold of 5\.000KiB by ")
        huge = BatchStatement(batch_type=BatchType.LOGGED)
        for c in range(60):
            huge.add(SimpleStatement("INSERT INTO t (k, c, v) VALUES (3, %s, %s)"), (c, "x" * 1000))
        with self.assertRaises(InvalidRequest) as ctx:
            self.session.execute(huge)
        self.assertIn("Batch too large", str(ctx.exception))
        spread = BatchStatement(batch_type=BatchType.UNLOGGED)
        for k in range(11):
            spread.add(SimpleStatement("INSERT INTO t (k, c, v) VALUES (%s, 0, 'x')"), (100 + k,))
        rs = self.session.execute(spread)
        self.assertEqual(rs.response_future.warnings, ["Unlogged batch covering 11 partitions detected against table [lim.t]. "
                                                       "You should use a logged batch for atomicity, or asynchronous writes for performance."])

    def test_filtered_scans_with_short_and_empty_pages_still_give_every_row_once(self):
        for c in range(40):
            self.session.execute("INSERT INTO t (k, c, v) VALUES (%d, %d, '%s')" % (c % 4, c, "hit" if c % 5 == 0 else "miss"))
        self.emulator.command("cql set filtered_page_examine_limit=3")
        statement = SimpleStatement("SELECT c FROM t WHERE v = 'hit' ALLOW FILTERING", fetch_size=5)
        result = self.session.execute(statement)
        pages, seen = [], []
        while True:
            pages.append(len(result.current_rows))
            seen.extend(r.c for r in result.current_rows)
            if not result.has_more_pages:
                break
            result.fetch_next_page()
        self.assertIn(0, pages[:-1])
        self.assertEqual(sorted(seen), [c for c in range(40) if c % 5 == 0])


class SchemaFidelityTest(EmulatorTestCase):
    """Prepared statements after schema changes, nested frozen types and table options, as the driver loads them."""

    def test_re_preparing_after_alter_table_gives_the_new_column(self):
        s = self.session
        s.execute("CREATE TABLE evolving (k int PRIMARY KEY, v int)")
        s.execute("INSERT INTO evolving (k, v) VALUES (1, 1)")
        before = s.prepare("SELECT * FROM evolving WHERE k = ?")
        self.assertEqual([c[2] for c in before.result_metadata], ["k", "v"])
        s.execute("ALTER TABLE evolving ADD extra text")
        after = s.prepare("SELECT * FROM evolving WHERE k = ?")
        self.assertEqual([c[2] for c in after.result_metadata], ["k", "extra", "v"])
        self.assertEqual(s.execute(after, (1,)).one().v, 1)

    def test_nested_frozen_collections_and_empty_compression(self):
        s = self.session
        s.execute("CREATE TABLE nested (k int PRIMARY KEY, a frozen<map<text, list<int>>>, b tuple<int, list<text>>) WITH compression = {}")
        s.execute("INSERT INTO nested (k, a, b) VALUES (1, {'x': [3, 1]}, (7, ['p']))")
        row = s.execute("SELECT a, b FROM nested WHERE k = 1").one()
        self.assertEqual(row.a, {"x": [3, 1]})
        self.assertEqual(row.b, (7, ["p"]))
        other = make_cluster(ARGS.user, ARGS.password)
        try:
            other.connect()
            table = other.metadata.keyspaces[self.ks].tables["nested"]
            self.assertEqual(table.columns["a"].cql_type, "frozen<map<text, frozen<list<int>>>>")
            self.assertEqual(table.columns["b"].cql_type, "frozen<tuple<int, frozen<list<text>>>>")
            self.assertEqual(table.options["compression"], {"enabled": "false"})
        finally:
            other.shutdown()


class Cassandra5Test(unittest.TestCase):
    """Cassandra 5.0 mode: storage-attached indexes (DDL, metadata, query rules), rows_examined, tracing."""

    def setUp(self):
        self.emulator = EmulatorProcess(self, "--cassandra-version", "5.0.2")
        self.cluster = self.emulator.cluster()
        self.addCleanup(self.cluster.shutdown)
        s = self.session = self.cluster.connect()
        s.execute("CREATE KEYSPACE five WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        s.execute("CREATE TABLE five.t (id uuid, tmstmp timeuuid, name text, flag boolean, PRIMARY KEY (id, tmstmp))")
        s.set_keyspace("five")
        insert = s.prepare("INSERT INTO t (id, tmstmp, name, flag) VALUES (?, ?, ?, ?)")
        self.base = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
        for i in range(50):
            for j in range(4):
                when = self.base + datetime.timedelta(minutes=10 * j + i % 10)
                s.execute(insert, (uuid.UUID(int=i + 1), uuid_from_time(when), "n%d" % j, j % 2 == 0))

    def test_the_node_reports_cassandra_5(self):
        self.assertTrue(self.session.execute("SELECT release_version FROM system.local").one().release_version.startswith("5.0."))

    def test_sai_indexes_appear_in_the_driver_metadata_as_custom_storage_attached_indexes(self):
        s = self.session
        s.execute("CREATE INDEX ON t (tmstmp) USING 'sai'")
        s.execute("CREATE CUSTOM INDEX name_sai ON t (name) USING 'StorageAttachedIndex'")
        other = self.emulator.cluster()
        try:
            other.connect()
            indexes = other.metadata.keyspaces["five"].tables["t"].indexes
            self.assertEqual(set(indexes), {"t_tmstmp_idx", "name_sai"})
            for index in indexes.values():
                self.assertEqual(index.kind, "CUSTOM")
                self.assertEqual(index.index_options["class_name"], "org.apache.cassandra.index.sai.StorageAttachedIndex")
            self.assertEqual(indexes["t_tmstmp_idx"].index_options["target"], "tmstmp")
        finally:
            other.shutdown()

    def test_an_sai_index_on_the_clustering_column_serves_the_incremental_scan_without_allow_filtering(self):
        s = self.session
        scan = "SELECT id, tmstmp FROM t WHERE token(id) > %s AND token(id) <= %s AND tmstmp >= %s AND tmstmp < %s"
        low = min_uuid_from_time_ms(self.base + datetime.timedelta(minutes=10))
        high = min_uuid_from_time_ms(self.base + datetime.timedelta(minutes=20))
        with self.assertRaises(InvalidRequest) as ctx:
            s.execute(scan, (MIN_TOKEN, MAX_TOKEN, low, high))
        self.assertIn("ALLOW FILTERING", str(ctx.exception))
        s.execute("CREATE INDEX ON t (tmstmp) USING 'sai'")
        before = self.rows_examined()
        rows = list(s.execute(scan, (MIN_TOKEN, MAX_TOKEN, low, high)))
        self.assertEqual(len(rows), 50)
        after = self.rows_examined()
        # The index selects the 50 rows of that time slice: the read examines them and no others.
        self.assertEqual((after[0] - before[0], after[1] - before[1]), (50, 50))
        # A relation no index serves still needs ALLOW FILTERING; with it the scan reads every row it covers.
        with self.assertRaises(InvalidRequest):
            s.execute(scan + " AND flag = true", (MIN_TOKEN, MAX_TOKEN, low, high))
        # A text column's SAI index serves = but not ranges.
        s.execute("CREATE INDEX ON t (name) USING 'sai'")
        self.assertEqual(len(list(s.execute("SELECT id FROM t WHERE name = 'n1'"))), 50)
        with self.assertRaises(InvalidRequest):
            s.execute("SELECT id FROM t WHERE name > 'n1'")
        full = list(s.execute("SELECT id FROM t WHERE token(id) > %s AND token(id) <= %s AND flag = true ALLOW FILTERING", (MIN_TOKEN, MAX_TOKEN)))
        self.assertEqual(len(full), 100)
        self.assertEqual(self.rows_examined()[0] - after[0], 50 + 200)

    def test_tracing_records_the_rows_a_read_examined(self):
        rs = self.session.execute("SELECT * FROM t WHERE id = %s", (uuid.UUID(int=3),), trace=True)
        self.assertEqual(len(list(rs)), 4)
        trace = rs.get_query_trace(max_wait_sec=10)
        self.assertEqual(str(trace.coordinator), "127.0.0.1")
        self.assertIsNotNone(trace.duration)
        self.assertEqual(trace.request_type, "Execute CQL3 query")
        self.assertIn("Read 4 live rows and 0 tombstone cells", [e.description for e in trace.events])

    def rows_examined(self):
        row = self.session.execute("SELECT rows_examined, rows_returned FROM system_views.rows_examined "
                                   "WHERE keyspace_name = 'five' AND table_name = 't'").one()
        return (row.rows_examined, row.rows_returned) if row else (0, 0)


def min_uuid_from_time_ms(when):
    """minTimeuuid as Cassandra computes it (the driver's min_uuid_from_time has the same 0x80 bytes)."""
    from cassandra.util import min_uuid_from_time
    return min_uuid_from_time(when)


def main():
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--emulator-dll")
    args, rest = parser.parse_known_args()
    if (args.user is None) != (args.password is None):
        parser.error("--user and --password go together")
    if args.emulator_dll and not os.path.exists(args.emulator_dll):
        parser.error("--emulator-dll %s does not exist" % args.emulator_dll)
    ARGS = args
    # The driver logs each protocol downgrade (v5 -> v4 is expected here) as a warning; keep the output to unittest's.
    logging.getLogger("cassandra").setLevel(logging.ERROR)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()

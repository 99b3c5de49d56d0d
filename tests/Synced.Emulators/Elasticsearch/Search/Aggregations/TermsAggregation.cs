using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>
/// <c>terms</c>: one bucket per distinct value (count descending, then key ascending, as ES orders by
/// default), <c>size</c> buckets, <c>min_doc_count</c>, and sub-aggregations per bucket.
/// </summary>
internal sealed class TermsAggregation : Aggregation
{
    private readonly int _size = 10;
    private readonly long _minDocCount = 1;
    private readonly bool _keyAscending;
    private readonly bool _byKey;
    private readonly List<Aggregation> _subs;

    public TermsAggregation(string name, string field, JsonElement body, List<Aggregation> subs) : base(name, field)
    {
        _subs = subs;
        foreach (var p in body.EnumerateObject())
        {
            switch (p.Name)
            {
                case "field": break;
                case "size": _size = p.Value.GetInt32(); break;
                case "shard_size": break;
                case "min_doc_count": _minDocCount = p.Value.GetInt64(); break;
                case "order":
                    foreach (var o in (p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().ToArray() : new[] { p.Value }))
                        foreach (var key in o.EnumerateObject())
                        {
                            if (key.Name is "_key" or "_term")
                            {
                                _byKey = true;
                                _keyAscending = key.Value.GetString() != "desc";
                            }
                            else if (key.Name != "_count")
                                throw Errors.IllegalArgument($"the emulator orders terms buckets by _count or _key only, not [{key.Name}]");
                            else if (key.Value.GetString() == "asc")
                                throw Errors.IllegalArgument("the emulator orders terms buckets by descending _count or by _key only");
                        }
                    break;
                default:
                    throw Errors.Parsing($"[terms] unknown field [{p.Name}]");
            }
        }
        if (_size <= 0) throw Errors.IllegalArgument($"[size] must be greater than 0. Found [{_size}] in [{name}]");
    }

    public override AggregationCollector NewCollector() => new Collector(this);

    private sealed class Collector : AggregationCollector
    {
        private readonly TermsAggregation _agg;
        private readonly Dictionary<FieldValue, (long Count, List<AggregationCollector> Subs)> _buckets = new();
        private FieldMapping? _mapping;

        public Collector(TermsAggregation agg) => _agg = agg;

        public override void Collect(in SearchDocument doc)
        {
            var mapping = MappingFor(doc, _agg.Field);
            if (mapping is null || mapping.IsObject) return;
            if (mapping.IsText)
                throw Errors.IllegalArgument($"Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [{_agg.Field}] in order to load field data by uninverting the inverted index. Note that this can use significant memory.");
            _mapping ??= mapping;
            var seen = new HashSet<FieldValue>();
            foreach (var v in ValuesFor(doc, _agg.Field, mapping))
            {
                if (!seen.Add(v)) continue;
                if (!_buckets.TryGetValue(v, out var bucket))
                    bucket = (0, _agg._subs.Select(s => s.NewCollector()).ToList());
                bucket.Count++;
                foreach (var sub in bucket.Subs) sub.Collect(doc);
                _buckets[v] = bucket;
            }
        }

        public override void Write(Utf8JsonWriter w, bool typedKeys)
        {
            var prefix = _mapping is null || _mapping.Type is "keyword" or "ip" or "constant_keyword" or "wildcard" || _mapping == FieldQuery.MetaField("_id")
                ? "sterms"
                : _mapping.Type is "double" or "float" or "half_float" or "scaled_float" ? "dterms" : "lterms";
            w.WritePropertyName(typedKeys ? prefix + "#" + _agg.Name : _agg.Name);
            w.WriteStartObject();
            var ordered = _buckets.Where(b => b.Value.Count >= _agg._minDocCount);
            ordered = _agg._byKey
                ? (_agg._keyAscending ? ordered.OrderBy(b => b.Key) : ordered.OrderByDescending(b => b.Key))
                : ordered.OrderByDescending(b => b.Value.Count).ThenBy(b => b.Key);
            var list = ordered.ToList();
            var shown = list.Take(_agg._size).ToList();
            w.WriteNumber("doc_count_error_upper_bound", 0);
            w.WriteNumber("sum_other_doc_count", list.Skip(_agg._size).Sum(b => b.Value.Count));
            w.WritePropertyName("buckets");
            w.WriteStartArray();
            foreach (var (key, (count, subs)) in shown)
            {
                w.WriteStartObject();
                w.WritePropertyName("key");
                key.WriteTo(w);
                if (_mapping is { IsDate: true }) w.WriteString("key_as_string", (_mapping.DateFormat ?? DateFormat.Default).Format(key.Long));
                else if (_mapping is { Type: "boolean" }) w.WriteString("key_as_string", key.Long != 0 ? "true" : "false");
                w.WriteNumber("doc_count", count);
                AggregationCollector.WriteAll(w, subs, typedKeys);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }
}

using System.Collections.Generic;
using System.Text.Json;

namespace Synced.Emulators.Elasticsearch;

/// <summary>Single-value metrics: min, max, sum, avg, value_count, cardinality.</summary>
internal sealed class MetricAggregation : Aggregation
{
    public MetricAggregation(string name, string type, string field) : base(name, field) => Type = type;

    public string Type { get; }

    public override AggregationCollector NewCollector() => new Collector(this);

    private sealed class Collector : AggregationCollector
    {
        private readonly MetricAggregation _agg;
        private readonly HashSet<FieldValue> _distinct = new();
        private double _sum;
        private long _count;
        private FieldValue? _min, _max;
        private FieldMapping? _mapping;

        public Collector(MetricAggregation agg) => _agg = agg;

        public override void Collect(in SearchDocument doc)
        {
            var mapping = MappingFor(doc, _agg.Field);
            if (mapping is null || mapping.IsObject) return;
            if (mapping.IsText)
                throw Errors.IllegalArgument($"Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [{_agg.Field}] in order to load field data by uninverting the inverted index. Note that this can use significant memory.");
            _mapping ??= mapping;
            foreach (var v in ValuesFor(doc, _agg.Field, mapping))
            {
                _count++;
                if (_agg.Type == "cardinality") _distinct.Add(v);
                if (!v.IsNumeric) continue;
                _sum += v.AsDouble;
                if (_min is null || v.CompareTo(_min.Value) < 0) _min = v;
                if (_max is null || v.CompareTo(_max.Value) > 0) _max = v;
            }
        }

        public override void Write(Utf8JsonWriter w, bool typedKeys)
        {
            w.WritePropertyName(typedKeys ? _agg.Type + "#" + _agg.Name : _agg.Name);
            w.WriteStartObject();
            switch (_agg.Type)
            {
                case "value_count":
                    w.WriteNumber("value", _count);
                    break;
                case "cardinality":
                    w.WriteNumber("value", _distinct.Count);
                    break;
                case "sum":
                    w.WriteNumber("value", _sum);
                    break;
                case "avg":
                    if (_count == 0) w.WriteNull("value");
                    else w.WriteNumber("value", _sum / _count);
                    break;
                default:
                    var v = _agg.Type == "min" ? _min : _max;
                    if (v is null)
                    {
                        w.WriteNull("value");
                        break;
                    }
                    w.WriteNumber("value", v.Value.AsDouble);
                    if (_mapping is { IsDate: true })
                        w.WriteString("value_as_string", (_mapping.DateFormat ?? DateFormat.Default).Format(v.Value.Long));
                    break;
            }
            w.WriteEndObject();
        }
    }
}

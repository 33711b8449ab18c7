using System.Globalization;

namespace DurableAgents.Host.Tests.Telemetry;

/// <summary>A span as an OTLP export carried it (attribute values as text; arrays joined with commas).</summary>
internal sealed record OtlpSpan(string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes)
{
    public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);
}

/// <summary>Decodes the parts of OTLP/HTTP protobuf exports the tests check (opentelemetry/proto trace/v1 and metrics/v1).</summary>
internal static class OtlpModel
{
    /// <summary>ExportTraceServiceRequest: resource_spans(1) / scope_spans(2) / spans(2), with the resource's attributes.</summary>
    public static IEnumerable<(IReadOnlyDictionary<string, string> Resource, OtlpSpan Span)> Spans(ReadOnlyMemory<byte> request)
    {
        foreach (var resourceSpans in ProtoReader.All(request, 1))
        {
            var resource = Attributes(ProtoReader.One(resourceSpans, 1), 1);
            foreach (var scopeSpans in ProtoReader.All(resourceSpans, 2))
            {
                var scope = ProtoReader.Text(ProtoReader.One(scopeSpans, 1), 1);
                foreach (var span in ProtoReader.All(scopeSpans, 2))
                {
                    var attributes = new Dictionary<string, string>(Attributes(span, 9));
                    foreach (var spanEvent in ProtoReader.All(span, 11))
                    {
                        foreach (var (key, value) in Attributes(spanEvent, 3))
                        {
                            attributes[$"event.{key}"] = value; // event attributes may carry content too
                        }
                    }

                    yield return (resource, new OtlpSpan(scope, ProtoReader.Hex(span, 1), ProtoReader.Hex(span, 2), ProtoReader.Hex(span, 4), ProtoReader.Text(span, 5), attributes));
                }
            }
        }
    }

    /// <summary>ExportMetricsServiceRequest: resource_metrics(1) / scope_metrics(2) / metrics(2) / name(1).</summary>
    public static IEnumerable<string> MetricNames(ReadOnlyMemory<byte> request) =>
        from resourceMetrics in ProtoReader.All(request, 1)
        from scopeMetrics in ProtoReader.All(resourceMetrics, 2)
        from metric in ProtoReader.All(scopeMetrics, 2)
        select ProtoReader.Text(metric, 1);

    /// <summary>KeyValue list: key(1), AnyValue(2) = string(1) | bool(2) | int(3) | double(4) | array(5) of AnyValue(1).</summary>
    private static Dictionary<string, string> Attributes(ReadOnlyMemory<byte> message, int field) =>
        ProtoReader.All(message, field).ToDictionary(kv => ProtoReader.Text(kv, 1), kv => Value(ProtoReader.One(kv, 2)));

    private static string Value(ReadOnlyMemory<byte> any)
    {
        foreach (var f in ProtoReader.Fields(any))
        {
            return f.Number switch
            {
                1 => System.Text.Encoding.UTF8.GetString(f.Bytes.Span),
                2 => (f.Varint != 0).ToString(),
                3 => ((long)f.Varint).ToString(CultureInfo.InvariantCulture),
                4 => BitConverter.UInt64BitsToDouble(f.Varint).ToString(CultureInfo.InvariantCulture),
                5 => string.Join(",", ProtoReader.All(f.Bytes, 1).Select(Value)),
                _ => Convert.ToHexString(f.Bytes.Span),
            };
        }

        return "";
    }
}

using System.Text.Json;

namespace DurableAgents.Runs.Loop;

/// <summary>
/// Checks tool-call arguments (and structured replies) against a JSON schema (the subset function schemas use: object,
/// properties, required, type, enum, items, additionalProperties, minimum, maximum, minItems, maxItems, minLength, maxLength)
/// and describes every problem so the model can fix its call.
/// </summary>
public static class ArgumentValidator
{
    /// <summary>The problems found; empty when the arguments fit.</summary>
    public static IReadOnlyList<string> Validate(JsonElement arguments, JsonElement schema) => Validate(arguments, schema, "arguments");

    /// <summary>The problems found, with paths starting at <paramref name="root"/>; empty when the value fits.</summary>
    public static IReadOnlyList<string> Validate(JsonElement value, JsonElement schema, string root)
    {
        var problems = new List<string>();
        Check(value, schema, root, problems);
        return problems;
    }

    private static void Check(JsonElement value, JsonElement schema, string path, List<string> problems)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return; // true / {} accept anything.
        }

        if (schema.TryGetProperty("type", out var type) && !FitsType(value, type))
        {
            problems.Add($"{path} must be {Describe(type)} but is {Kind(value)}.");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && allowed.ValueKind == JsonValueKind.Array
            && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            problems.Add($"{path} must be one of {string.Join(", ", allowed.EnumerateArray().Select(a => a.GetRawText()))} but is {value.GetRawText()}.");
        }

        CheckBounds(value, schema, path, problems);
        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(value, schema, path, problems);
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(item, items, $"{path}[{index++}]", problems);
            }
        }
    }

    private static void CheckObject(JsonElement value, JsonElement schema, string path, List<string> problems)
    {
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()).OfType<string>())
            {
                if (!value.TryGetProperty(name, out _))
                {
                    problems.Add($"{path}.{name} is required but missing.");
                }
            }
        }

        var closed = schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False;
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(property.Value, propertySchema, $"{path}.{property.Name}", problems);
            }
            else if (closed)
            {
                var known = properties.ValueKind == JsonValueKind.Object ? string.Join(", ", properties.EnumerateObject().Select(x => x.Name)) : "";
                problems.Add($"{path}.{property.Name} is not a parameter of this tool (parameters: {known}).");
            }
        }
    }

    private static void CheckBounds(JsonElement value, JsonElement schema, string path, List<string> problems)
    {
        var (size, unit) = value.ValueKind switch
        {
            JsonValueKind.String => ((double?)value.GetString()!.Length, "characters"),
            JsonValueKind.Array => (value.GetArrayLength(), "items"),
            _ => ((double?)null, ""),
        };
        var number = value.ValueKind == JsonValueKind.Number ? value.GetDouble() : (double?)null;
        foreach (var (keyword, actual, atLeast, what) in new[]
        {
            ("minimum", number, true, ""), ("maximum", number, false, ""),
            ("minLength", value.ValueKind == JsonValueKind.String ? size : null, true, unit), ("maxLength", value.ValueKind == JsonValueKind.String ? size : null, false, unit),
            ("minItems", value.ValueKind == JsonValueKind.Array ? size : null, true, unit), ("maxItems", value.ValueKind == JsonValueKind.Array ? size : null, false, unit),
        })
        {
            if (actual is { } a && schema.TryGetProperty(keyword, out var bound) && bound.ValueKind == JsonValueKind.Number
                && (atLeast ? a < bound.GetDouble() : a > bound.GetDouble()))
            {
                var has = what.Length == 0 ? $"is {value.GetRawText()}" : $"has {a} {what}";
                problems.Add($"{path} must be at {(atLeast ? "least" : "most")} {bound.GetRawText()}{(what.Length == 0 ? "" : " " + what)} but {has}.");
            }
        }
    }

    private static bool FitsType(JsonElement value, JsonElement type) => type.ValueKind switch
    {
        JsonValueKind.String => FitsType(value, type.GetString()),
        JsonValueKind.Array => type.EnumerateArray().Any(t => FitsType(value, t.GetString())),
        _ => true,
    };

    private static bool FitsType(JsonElement value, string? type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && (value.TryGetInt64(out _) || IsWhole(value)),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static bool IsWhole(JsonElement value) => value.TryGetDouble(out var d) && Math.Floor(d) == d;

    private static string Describe(JsonElement type) => type.ValueKind == JsonValueKind.Array
        ? string.Join(" or ", type.EnumerateArray().Select(t => $"a JSON {t.GetString()}"))
        : $"a JSON {type.GetString()}";

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"a string ({value.GetRawText()})",
        JsonValueKind.Number => $"a number ({value.GetRawText()})",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    /// <summary>The arguments in a canonical form (object keys sorted, no whitespace), for comparing calls.</summary>
    public static string Canonical(JsonElement value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteCanonical(value, writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteCanonical(JsonElement value, Utf8JsonWriter writer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(property.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteCanonical(item, writer);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}

using System.Text.Json;
using Azure;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>The Table service's JSON bodies: tables, entities and query pages.</summary>
internal static class TableJson
{
    private const string ETagAnnotation = "odata.etag";

    public static byte[] TableBody(string tableName)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("TableName", tableName);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] EntityBody(TableEntity entity)
    {
        if (entity.Properties.Count > TableEntity.MaxProperties)
        {
            throw new ArgumentException($"An entity holds at most {TableEntity.MaxProperties} properties, not {entity.Properties.Count}.", nameof(entity));
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity.Properties)
            {
                if (IsSystemProperty(name) || name.Contains('@', StringComparison.Ordinal) || name.Length == 0)
                {
                    throw new ArgumentException($"'{name}' cannot be used as an entity property name.", nameof(entity));
                }

                if (value.Length > TableEntity.MaxStringPropertyChars)
                {
                    throw new ArgumentException($"Property '{name}' has {value.Length} characters; a table string property holds at most " +
                        $"{TableEntity.MaxStringPropertyChars}. Split it over several properties.", nameof(entity));
                }

                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static TableEntity ReadEntity(ReadOnlyMemory<byte> json, ETag? etag)
    {
        using var document = JsonDocument.Parse(json);
        return ReadEntity(document.RootElement, etag);
    }

    public static IReadOnlyList<TableEntity> ReadQueryPage(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("value", out var values) || values.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The table service's query response has no 'value' array.");
        }

        return values.EnumerateArray().Select(e => ReadEntity(e, null)).ToList();
    }

    private static TableEntity ReadEntity(JsonElement element, ETag? etag)
    {
        string? partitionKey = null, rowKey = null;
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "PartitionKey":
                    partitionKey = property.Value.GetString();
                    break;
                case "RowKey":
                    rowKey = property.Value.GetString();
                    break;
                case ETagAnnotation:
                    etag ??= new ETag(property.Value.GetString()!);
                    break;
                default:
                    // Annotations (odata.*, Name@odata.type), the Timestamp and non-string values are not ours to read.
                    if (property.Value.ValueKind == JsonValueKind.String && !IsSystemProperty(property.Name) &&
                        !property.Name.Contains('.', StringComparison.Ordinal) && !property.Name.Contains('@', StringComparison.Ordinal))
                    {
                        properties[property.Name] = property.Value.GetString()!;
                    }

                    break;
            }
        }

        if (partitionKey is null || rowKey is null)
        {
            throw new FormatException("A table entity in the service's response has no PartitionKey or RowKey.");
        }

        return new TableEntity(partitionKey, rowKey, properties, etag ?? default);
    }

    private static bool IsSystemProperty(string name) => name is "PartitionKey" or "RowKey" or "Timestamp";
}

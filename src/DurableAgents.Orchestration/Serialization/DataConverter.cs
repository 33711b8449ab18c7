using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableAgents.Orchestration;

/// <summary>Turns inputs, outputs and event payloads into the strings kept in history, and back.</summary>
public abstract class DataConverter
{
    /// <summary>Serializes a value; null stays null.</summary>
    public abstract string? Serialize(object? value);

    /// <summary>Deserializes a value of the given type; null stays null.</summary>
    public abstract object? Deserialize(string? data, Type targetType);

    /// <summary>Deserializes a value of type <typeparamref name="T"/>.</summary>
    public T? Deserialize<T>(string? data) => (T?)Deserialize(data, typeof(T));
}

/// <summary>The default converter: System.Text.Json with web defaults.</summary>
public sealed class JsonDataConverter : DataConverter
{
    /// <summary>The shared default instance.</summary>
    public static JsonDataConverter Default { get; } = new();

    private readonly JsonSerializerOptions _options;

    /// <summary>Creates a converter with the given options, or web defaults.</summary>
    public JsonDataConverter(JsonSerializerOptions? options = null)
    {
        _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

            // Payloads are stored, not embedded in HTML: escape only what JSON requires, so they keep their size.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter() },
        };
    }

    /// <inheritdoc />
    public override string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), _options);

    /// <inheritdoc />
    public override object? Deserialize(string? data, Type targetType)
    {
        if (data is null)
        {
            return null;
        }

        return JsonSerializer.Deserialize(data, targetType, _options);
    }
}

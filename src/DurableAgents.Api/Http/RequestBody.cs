using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Api.Http;

/// <summary>Reads request bodies ourselves, so an empty, oversized or malformed body gets a problem document in our words.</summary>
public static class RequestBody
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>A body's <c>input</c> as text: a string as given, an object or array as its JSON; null when it is absent or JSON null.</summary>
    public static string? InputText(JsonElement? input) => input switch
    {
        null or { ValueKind: JsonValueKind.Undefined or JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } text => text.GetString()!,
        { } json => json.GetRawText(),
    };

    /// <summary>The raw body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    /// <summary>413 in our words.</summary>
    public static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        $"The body is larger than {limit} bytes; send a smaller one (DurableAgents:MaxRequestBodyBytes sets the limit).",
        statusCode: 413, title: "The request body is too large.");

    /// <summary>Reads a JSON object body into <typeparamref name="T"/>; on failure, the problem to return (naming <paramref name="shape"/>).</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadJsonAsync<T>(HttpRequest request, long limit, string shape)
        where T : class
    {
        var body = await ReadAsync(request, limit);
        if (body is null)
        {
            return (null, TooLarge(limit));
        }

        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, Problems.BadRequest($"The body is empty. Send JSON: {shape}"));
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.BadRequest($"The body must be a JSON object: {shape}"));
            }

            return (document.RootElement.Deserialize<T>(Web), null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            return (null, Problems.BadRequest($"The body is not valid JSON for this endpoint{where}. Send: {shape}"));
        }
    }
}

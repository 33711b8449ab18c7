namespace DurableAgents.Tools.BuiltIn;

/// <summary>The answer of the http_get tool.</summary>
/// <param name="Url">The URL finally fetched, after redirects.</param>
/// <param name="StatusCode">The HTTP status code (non-2xx codes are returned, not thrown).</param>
/// <param name="ContentType">The response media type, or null when the server sent none.</param>
/// <param name="Text">The body as text (HTML reduced to text), ending with a marker when truncated.</param>
/// <param name="Truncated">Whether the body was longer than the byte cap and was cut.</param>
public sealed record HttpGetResult(string Url, int StatusCode, string? ContentType, string Text, bool Truncated);

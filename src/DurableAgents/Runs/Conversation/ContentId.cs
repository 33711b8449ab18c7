using System.Security.Cryptography;
using System.Text;

namespace DurableAgents.Runs.Conversation;

/// <summary>Content ids: the first 128 bits of the SHA-256 of the UTF-8 bytes, as lower-case hex.</summary>
public static class ContentId
{
    /// <summary>The id of <paramref name="content"/>.</summary>
    public static string Of(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(content));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>True when the text has the shape of a content id (32 lower-case hex digits).</summary>
    public static bool IsValid(string? id) =>
        id is { Length: 32 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}

using System.Text;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Base64 helpers for queue message text (the convention of the Azure SDKs and Functions triggers).</summary>
public static class QueueMessageEncoding
{
    /// <summary>Encodes UTF-8 text as base64.</summary>
    public static string ToBase64(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Encodes bytes as base64.</summary>
    public static string ToBase64(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes);

    /// <summary>Decodes base64 message text to UTF-8 text.</summary>
    public static string FromBase64(string messageText) => Encoding.UTF8.GetString(FromBase64ToBytes(messageText));

    /// <summary>Decodes base64 message text to bytes.</summary>
    public static byte[] FromBase64ToBytes(string messageText)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        try
        {
            return Convert.FromBase64String(messageText);
        }
        catch (FormatException ex)
        {
            throw new FormatException("The queue message text is not base64; it was probably sent as plain text. " +
                "Read MessageText directly instead of decoding it.", ex);
        }
    }
}

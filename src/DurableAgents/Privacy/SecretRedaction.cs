using System.Text.RegularExpressions;

namespace DurableAgents.Privacy;

/// <summary>
/// Removes secrets from text before it is logged or stored: the secrets a caller names, and whatever is shaped like an API key,
/// a bearer token, a storage account key, a SAS signature or a password setting. Model-error messages and memories both pass here.
/// </summary>
public static partial class SecretRedaction
{
    /// <summary>What replaces a removed secret.</summary>
    public const string Marker = "[redacted]";

    /// <summary>The text without <paramref name="secrets"/> (those of 4 characters or more) and without secret-shaped values.</summary>
    public static string Redact(string text, IEnumerable<string>? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in secrets ?? [])
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
            {
                text = text.Replace(secret, Marker, StringComparison.Ordinal);
            }
        }

        text = OpenAIKey().Replace(text, "sk-" + Marker);
        text = Bearer().Replace(text, "${scheme} " + Marker);
        return Setting().Replace(text, "${name}=" + Marker);
    }

    [GeneratedRegex(@"sk-[A-Za-z0-9_\-\*]{3,}")]
    private static partial Regex OpenAIKey();

    [GeneratedRegex(@"(?<scheme>\b[Bb]earer)\s+[A-Za-z0-9\-._~+/]{8,}=*")]
    private static partial Regex Bearer();

    // Connection-string and query settings whose value is a credential: AccountKey=..., SharedAccessSignature=..., sig=..., password=...
    [GeneratedRegex(@"(?<name>\b(?:AccountKey|SharedAccessKey|SharedAccessSignature|sig|[Pp]assword|[Pp]wd|api[_-]?key|[Ss]ecret)\b)\s*[=:]\s*[^;&\s""']+", RegexOptions.IgnoreCase)]
    private static partial Regex Setting();
}

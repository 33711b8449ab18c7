using System.Globalization;
using System.Text;

namespace DurableAgents.DurableTask.Sqlite.Storage;

/// <summary>Query paging tokens: the (created ticks, instance id) of the last row of a page, base64url-encoded.</summary>
internal static class ContinuationToken
{
    public static string Create(long ticks, string instanceId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(ticks.ToString(CultureInfo.InvariantCulture) + "|" + instanceId))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>False for a null or empty token (the first page); throws for a token this service did not make.</summary>
    public static bool TryParse(string? token, out long ticks, out string instanceId)
    {
        ticks = 0;
        instanceId = string.Empty;
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        try
        {
            string base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            string text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            int bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out ticks))
            {
                instanceId = text[(bar + 1)..];
                return true;
            }
        }
        catch (FormatException)
        {
        }

        throw new ArgumentException($"The continuation token '{token}' was not made by this service: pass the token of the previous page's result, or null for the first page.", nameof(token));
    }
}

using System.Text;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Builds request URLs under a service endpoint, escaping path segments and query values.</summary>
internal static class StorageUri
{
    /// <summary>Appends already-escaped <paramref name="path"/> and the non-null query parameters to the endpoint.</summary>
    public static Uri Build(Uri endpoint, string path, params (string Name, string? Value)[] query)
    {
        var sb = new StringBuilder(endpoint.AbsoluteUri.TrimEnd('/'));
        if (path.Length > 0)
        {
            sb.Append('/').Append(path);
        }

        var first = true;
        foreach (var (name, value) in query)
        {
            if (value is null)
            {
                continue;
            }

            sb.Append(first ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }

        return new Uri(sb.ToString());
    }

    /// <summary>Escapes a blob name, keeping '/' as the virtual-directory separator.</summary>
    public static string EscapeBlobName(string blobName) =>
        string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString));

    /// <summary>Formats whole seconds for query parameters such as <c>visibilitytimeout</c>.</summary>
    public static string Seconds(TimeSpan value) =>
        ((long)value.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

using Azure.Core;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Signs Table service requests with the account key (Shared Key Lite for Table).</summary>
/// <remarks>The Table service signs a different string from Blob and Queue: only the date and the resource.</remarks>
public sealed class TableSharedKeyLiteSigningPolicy(StorageSharedKeyCredential credential, TimeProvider? timeProvider = null)
    : AccountKeySigningPolicy(credential, timeProvider)
{
    /// <inheritdoc />
    protected override string Authorization(Request request, string date)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stringToSign = BuildStringToSign(date, request.Uri.ToUri(), Credential.AccountName);
        return $"SharedKeyLite {Credential.AccountName}:{Credential.ComputeSignature(stringToSign)}";
    }

    /// <summary>The date, a newline, then the account and the encoded path (plus <c>?comp=</c> when the request has one).</summary>
    internal static string BuildStringToSign(string date, Uri uri, string accountName)
    {
        // With path-style URLs (Azurite: /devstoreaccount1/table) the account name appears twice, as for blobs.
        var resource = "/" + accountName + uri.AbsolutePath;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
            {
                resource += "?comp=" + Uri.UnescapeDataString(pair[5..]);
            }
        }

        return date + "\n" + resource;
    }
}

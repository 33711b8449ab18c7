using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Signs every attempt of a Table service request with the account key (Shared Key Lite for Table).</summary>
/// <remarks>
/// The Table service signs a different string from Blob and Queue: only the date and the resource. Runs per retry so each
/// attempt carries a fresh <c>x-ms-date</c>.
/// </remarks>
public sealed class TableSharedKeyLiteSigningPolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageSharedKeyCredential _credential;
    private readonly TimeProvider _time;

    /// <summary>Creates a policy that signs with <paramref name="credential"/>.</summary>
    public TableSharedKeyLiteSigningPolicy(StorageSharedKeyCredential credential, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credential = credential;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = message.Request;
        var date = _time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        request.Headers.SetValue("x-ms-date", date);
        var stringToSign = BuildStringToSign(date, request.Uri.ToUri(), _credential.AccountName);
        request.Headers.SetValue("Authorization", $"SharedKeyLite {_credential.AccountName}:{_credential.ComputeSignature(stringToSign)}");
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

using Azure.Core;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Signs Blob and Queue requests with the account key (Shared Key authorization).</summary>
public sealed class SharedKeySigningPolicy(StorageSharedKeyCredential credential, TimeProvider? timeProvider = null)
    : AccountKeySigningPolicy(credential, timeProvider)
{
    /// <inheritdoc />
    protected override string Authorization(Request request, string date)
    {
        ArgumentNullException.ThrowIfNull(request);
        long? length = null;
        if (request.Content is not null && request.Content.TryComputeLength(out var computed))
        {
            length = computed;
        }

        var headers = request.Headers
            .Where(h => !h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            .Select(h => new KeyValuePair<string, string>(h.Name, h.Value));
        var stringToSign = SharedKeyStringToSign.Build(request.Method.Method, request.Uri.ToUri(), headers, length, Credential.AccountName);
        return $"SharedKey {Credential.AccountName}:{Credential.ComputeSignature(stringToSign)}";
    }
}

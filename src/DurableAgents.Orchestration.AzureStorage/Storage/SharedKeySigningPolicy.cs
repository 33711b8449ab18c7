using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Signs every attempt of a request with the account key (Shared Key authorization).</summary>
/// <remarks>Runs per retry so each attempt carries a fresh <c>x-ms-date</c>.</remarks>
public sealed class SharedKeySigningPolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageSharedKeyCredential _credential;
    private readonly TimeProvider _time;

    /// <summary>Creates a policy that signs with <paramref name="credential"/>.</summary>
    public SharedKeySigningPolicy(StorageSharedKeyCredential credential, TimeProvider? timeProvider = null)
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
        request.Headers.SetValue("x-ms-date", _time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));

        long? length = null;
        if (request.Content is not null && request.Content.TryComputeLength(out var computed))
        {
            length = computed;
        }

        var headers = request.Headers
            .Where(h => !h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            .Select(h => new KeyValuePair<string, string>(h.Name, h.Value));
        var stringToSign = SharedKeyStringToSign.Build(
            request.Method.Method, request.Uri.ToUri(), headers, length, _credential.AccountName);
        var signature = _credential.ComputeSignature(stringToSign);
        request.Headers.SetValue("Authorization", $"SharedKey {_credential.AccountName}:{signature}");
    }
}

using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Signs every attempt of a request with the account key; the services differ only in the string they sign.</summary>
/// <remarks>Runs per retry so each attempt carries a fresh <c>x-ms-date</c>.</remarks>
public abstract class AccountKeySigningPolicy : HttpPipelineSynchronousPolicy
{
    private readonly TimeProvider _time;

    /// <summary>Creates a policy that signs with <paramref name="credential"/>.</summary>
    protected AccountKeySigningPolicy(StorageSharedKeyCredential credential, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(credential);
        Credential = credential;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The account and key.</summary>
    protected StorageSharedKeyCredential Credential { get; }

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var date = _time.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        message.Request.Headers.SetValue("x-ms-date", date);
        message.Request.Headers.SetValue("Authorization", Authorization(message.Request, date));
    }

    /// <summary>The Authorization header value for <paramref name="request"/>, whose <c>x-ms-date</c> is <paramref name="date"/>.</summary>
    protected abstract string Authorization(Request request, string date);
}

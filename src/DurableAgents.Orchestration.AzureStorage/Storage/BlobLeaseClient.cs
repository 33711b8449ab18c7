using System.Globalization;
using Azure.Core;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Acquires, renews, changes, releases and breaks the lease on one blob.</summary>
public sealed class BlobLeaseClient
{
    /// <summary>Pass as duration for a lease that never expires (until released or broken).</summary>
    public static readonly TimeSpan InfiniteLeaseDuration = Timeout.InfiniteTimeSpan;

    private readonly StoragePipeline _pipeline;
    private readonly Uri _blobUri;

    internal BlobLeaseClient(StoragePipeline pipeline, Uri blobUri, string leaseId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(leaseId);
        _pipeline = pipeline;
        _blobUri = blobUri;
        LeaseId = leaseId;
    }

    /// <summary>The lease id this client acquires, renews and releases (updated by <see cref="ChangeAsync"/>).</summary>
    public string LeaseId { get; private set; }

    /// <summary>Acquires the lease for 15..60 seconds or <see cref="InfiniteLeaseDuration"/>; 409 LeaseAlreadyPresent if another holds it.</summary>
    public async Task AcquireAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        string seconds;
        if (duration == InfiniteLeaseDuration)
        {
            seconds = "-1";
        }
        else if (duration >= TimeSpan.FromSeconds(15) && duration <= TimeSpan.FromSeconds(60))
        {
            seconds = StorageUri.Seconds(duration);
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A blob lease lasts 15 to 60 seconds, or is infinite.");
        }

        using var message = Create("acquire");
        message.Request.Headers.SetValue("x-ms-lease-duration", seconds);
        message.Request.Headers.SetValue("x-ms-proposed-lease-id", LeaseId);
        await _pipeline.SendAsync(message, cancellationToken, 201).ConfigureAwait(false);
    }

    /// <summary>Restarts the lease's duration; fails with 409 if the lease was lost.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken = default)
    {
        using var message = Create("renew", LeaseId);
        await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
    }

    /// <summary>Releases the lease so others can acquire it at once.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        using var message = Create("release", LeaseId);
        await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
    }

    /// <summary>Changes the active lease's id to <paramref name="proposedLeaseId"/>.</summary>
    public async Task ChangeAsync(string proposedLeaseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(proposedLeaseId);
        using var message = Create("change", LeaseId);
        message.Request.Headers.SetValue("x-ms-proposed-lease-id", proposedLeaseId);
        await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        LeaseId = proposedLeaseId;
    }

    /// <summary>Breaks whatever lease the blob has (no lease id needed); returns how long until it can be re-acquired.</summary>
    /// <param name="breakPeriod">0..60 seconds to let the holder finish; null uses the lease's remaining time (0 if infinite).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<TimeSpan> BreakAsync(TimeSpan? breakPeriod = null, CancellationToken cancellationToken = default)
    {
        if (breakPeriod is { } period && (period < TimeSpan.Zero || period > TimeSpan.FromSeconds(60)))
        {
            throw new ArgumentOutOfRangeException(nameof(breakPeriod), breakPeriod, "A lease break period is 0 to 60 seconds.");
        }

        using var message = Create("break");
        if (breakPeriod is { } p)
        {
            message.Request.Headers.SetValue("x-ms-lease-break-period", StorageUri.Seconds(p));
        }

        var response = await _pipeline.SendAsync(message, cancellationToken, 202).ConfigureAwait(false);
        return response.Headers.TryGetValue("x-ms-lease-time", out var time)
            ? TimeSpan.FromSeconds(int.Parse(time, CultureInfo.InvariantCulture))
            : TimeSpan.Zero;
    }

    private HttpMessage Create(string action, string? leaseId = null)
    {
        var message = _pipeline.CreateMessage(RequestMethod.Put, StorageUri.Build(_blobUri, "", ("comp", "lease")));
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        if (leaseId is not null)
        {
            message.Request.Headers.SetValue("x-ms-lease-id", leaseId);
        }

        return message;
    }
}

using System.Globalization;
using DurableAgents.Orchestration.AzureStorage.Storage;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Orchestration.AzureStorage.Partitions;

/// <summary>
/// Owns partitions through blob leases (<c>{hub}-leases/partition-{p}</c>): acquires free ones, renews its own, and balances with
/// the other live hosts, which it counts from their heartbeat blobs (<c>hosts/{worker}</c>). A dead host's leases expire and are
/// taken over within the lease period.
/// </summary>
internal sealed partial class PartitionManager
{
    private const string OwnerKey = "owner";
    private readonly AzureStorageOrchestrationOptions _options;
    private readonly BlobContainerClient _leases;
    private readonly ILogger _logger;
    private readonly Func<int, Task> _acquired;
    private readonly Func<int, bool, Task> _released;
    private readonly Dictionary<int, OwnedLease> _owned = [];
    private readonly SemaphoreSlim _roundGate = new(1, 1);
    private CancellationTokenSource? _stop;
    private Task _loop = Task.CompletedTask;

    public PartitionManager(
        AzureStorageOrchestrationOptions options, BlobContainerClient leases, ILogger logger, Func<int, Task> acquired, Func<int, bool, Task> released)
    {
        _options = options;
        _leases = leases;
        _logger = logger;
        _acquired = acquired;
        _released = released;
    }

    /// <summary>The partitions this host owns now.</summary>
    public IReadOnlyCollection<int> OwnedPartitions
    {
        get
        {
            lock (_owned)
            {
                return _owned.Keys.ToList();
            }
        }
    }

    private string HeartbeatBlob => "hosts/" + Uri.EscapeDataString(_options.WorkerId);

    private static string PartitionBlob(int p) => "partition-" + p.ToString(CultureInfo.InvariantCulture);

    /// <summary>Creates the lease blobs, runs a first balancing round (so work starts at once), then renews in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var p = 0; p < _options.PartitionCount; p++)
        {
            try
            {
                await _leases.GetBlobClient(PartitionBlob(p)).UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = BlobConditions.CreateOnly }, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (StorageRequestException ex) when (ex.IsConflict || ex.IsPreconditionFailed)
            {
                // Already there (possibly leased by another host).
            }
        }

        _stop = new CancellationTokenSource();
        await RoundQuietlyAsync(_stop.Token).ConfigureAwait(false);
        var token = _stop.Token;
        _loop = Task.Run(() => LoopAsync(token), CancellationToken.None);
    }

    /// <summary>Stops renewing, hands every owned partition back (drained and released) and removes the heartbeat.</summary>
    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await _roundGate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var p in OwnedPartitions)
            {
                await ReleaseAsync(p, graceful: true).ConfigureAwait(false);
            }

            await _leases.GetBlobClient(HeartbeatBlob).DeleteIfExistsAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogRoundFailed(ex);
        }
        finally
        {
            _roundGate.Release();
            _stop.Dispose();
            _stop = null;
        }
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.LeaseRenewInterval, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await RoundQuietlyAsync(stopping).ConfigureAwait(false);
        }
    }

    private async Task RoundQuietlyAsync(CancellationToken stopping)
    {
        await _roundGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await RoundAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Storage unreachable: keep what we own until the leases would have expired, and try again next round.
            LogRoundFailed(ex);
            await DropExpiredAsync().ConfigureAwait(false);
        }
        finally
        {
            _roundGate.Release();
        }
    }

    private sealed class OwnedLease(BlobLeaseClient lease)
    {
        public BlobLeaseClient Lease { get; } = lease;

        public DateTime LastRenewed { get; set; } = DateTime.UtcNow;
    }

    [LoggerMessage(EventId = 5200, Level = LogLevel.Warning, Message = "Partition lease round failed; retrying next round")]
    private partial void LogRoundFailed(Exception ex);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Host {Worker} acquired partition {Partition}")]
    private partial void LogAcquired(string worker, int partition);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Host {Worker} lost partition {Partition}")]
    private partial void LogLost(string worker, int partition);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "Host {Worker} released partition {Partition}")]
    private partial void LogReleased(string worker, int partition);
}

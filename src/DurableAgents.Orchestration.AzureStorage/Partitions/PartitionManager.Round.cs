using DurableAgents.Orchestration.AzureStorage.Storage;

namespace DurableAgents.Orchestration.AzureStorage.Partitions;

/// <summary>One balancing round: heartbeat, renew, count live hosts, release extras, acquire free partitions.</summary>
internal sealed partial class PartitionManager
{
    private async Task RoundAsync(CancellationToken stopping)
    {
        var beat = await _leases.GetBlobClient(HeartbeatBlob).UploadAsync(BinaryData.Empty, null, stopping).ConfigureAwait(false);
        await RenewOwnedAsync(stopping).ConfigureAwait(false);

        // Hosts are alive when their heartbeat is recent on the service's clock (compared with ours, so local clock skew does not matter).
        var expiry = _options.LeaseDuration;
        var alive = new HashSet<string>(StringComparer.Ordinal) { _options.WorkerId };
        await foreach (var host in _leases.ListBlobsAsync("hosts/", null, stopping).ConfigureAwait(false))
        {
            if (host.LastModified >= beat.LastModified - expiry)
            {
                alive.Add(Uri.UnescapeDataString(host.Name["hosts/".Length..]));
            }
            else if (host.LastModified < beat.LastModified - (expiry * 20))
            {
                // Long dead (killed without removing its heartbeat): tidy up so the listing stays short.
                await _leases.GetBlobClient(host.Name).DeleteIfExistsAsync(null, stopping).ConfigureAwait(false);
            }
        }

        var free = new List<int>();
        var counts = alive.ToDictionary(h => h, _ => 0, StringComparer.Ordinal);
        for (var p = 0; p < _options.PartitionCount; p++)
        {
            var properties = await _leases.GetBlobClient(PartitionBlob(p)).GetPropertiesAsync(null, stopping).ConfigureAwait(false);
            if (properties.LeaseState is "leased" or "breaking")
            {
                var owner = properties.Metadata.TryGetValue(OwnerKey, out var o) ? Uri.UnescapeDataString(o) : "";
                if (counts.ContainsKey(owner))
                {
                    counts[owner]++;
                }
            }
            else
            {
                free.Add(p);
            }
        }

        lock (_owned)
        {
            counts[_options.WorkerId] = _owned.Count;
            free.RemoveAll(_owned.ContainsKey);
        }

        await BalanceAsync(counts, free, stopping).ConfigureAwait(false);
    }

    private async Task BalanceAsync(Dictionary<string, int> counts, List<int> free, CancellationToken stopping)
    {
        var hosts = counts.Count;
        var floor = _options.PartitionCount / hosts;
        var ceiling = (_options.PartitionCount + hosts - 1) / hosts;
        var mine = counts[_options.WorkerId];
        var someoneStarved = counts.Any(c => c.Key != _options.WorkerId && c.Value < floor);
        var release = mine > ceiling ? mine - ceiling : mine > floor && someoneStarved && free.Count == 0 ? 1 : 0;
        foreach (var p in OwnedPartitions.OrderByDescending(p => p).Take(release))
        {
            await ReleaseAsync(p, graceful: true).ConfigureAwait(false);
        }

        // While another host is below its floor, take only up to ours, leaving the rest for it.
        var target = someoneStarved ? floor : ceiling;
        foreach (var p in free.OrderBy(_ => Random.Shared.Next()))
        {
            if (OwnedPartitions.Count >= target || stopping.IsCancellationRequested)
            {
                break;
            }

            await TryAcquireAsync(p, stopping).ConfigureAwait(false);
        }
    }

    private async Task TryAcquireAsync(int partition, CancellationToken stopping)
    {
        var blob = _leases.GetBlobClient(PartitionBlob(partition));
        var lease = blob.GetLeaseClient();
        try
        {
            await lease.AcquireAsync(_options.LeaseDuration, stopping).ConfigureAwait(false);
        }
        catch (StorageRequestException ex) when (ex.IsConflict)
        {
            return; // Another host was quicker.
        }

        await blob.SetMetadataAsync(
            new Dictionary<string, string> { [OwnerKey] = Uri.EscapeDataString(_options.WorkerId) },
            new BlobConditions { LeaseId = lease.LeaseId }, stopping).ConfigureAwait(false);
        lock (_owned)
        {
            _owned[partition] = new OwnedLease(lease);
        }

        LogAcquired(_options.WorkerId, partition);
        await _acquired(partition).ConfigureAwait(false);
    }

    private async Task RenewOwnedAsync(CancellationToken stopping)
    {
        foreach (var p in OwnedPartitions)
        {
            OwnedLease owned;
            lock (_owned)
            {
                owned = _owned[p];
            }

            try
            {
                await owned.Lease.RenewAsync(stopping).ConfigureAwait(false);
                owned.LastRenewed = DateTime.UtcNow;
            }
            catch (StorageRequestException ex) when (ex.IsConflict || ex.IsPreconditionFailed || ex.IsNotFound)
            {
                await LoseAsync(p).ConfigureAwait(false);
            }
        }
    }

    // Called when storage is unreachable: stop processing partitions whose lease may have run out, before another host takes them.
    private async Task DropExpiredAsync()
    {
        var limit = _options.LeaseDuration - _options.LeaseRenewInterval;
        List<int> expired;
        lock (_owned)
        {
            expired = _owned.Where(o => DateTime.UtcNow - o.Value.LastRenewed > limit).Select(o => o.Key).ToList();
        }

        foreach (var p in expired)
        {
            await LoseAsync(p).ConfigureAwait(false);
        }
    }

    private async Task LoseAsync(int partition)
    {
        lock (_owned)
        {
            if (!_owned.Remove(partition))
            {
                return;
            }
        }

        LogLost(_options.WorkerId, partition);
        await _released(partition, false).ConfigureAwait(false);
    }

    private async Task ReleaseAsync(int partition, bool graceful)
    {
        OwnedLease? owned;
        lock (_owned)
        {
            _owned.Remove(partition, out owned);
        }

        if (owned is null)
        {
            return;
        }

        await _released(partition, graceful).ConfigureAwait(false);
        try
        {
            await owned.Lease.ReleaseAsync().ConfigureAwait(false);
            LogReleased(_options.WorkerId, partition);
        }
        catch (StorageRequestException)
        {
            // Lost meanwhile, or storage down: the lease simply expires.
        }
    }
}

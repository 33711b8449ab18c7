using DurableAgents.Orchestration.Client;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DurableAgents.Orchestration.AzureStorage.Naming;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.Backend;

namespace DurableAgents.Orchestration.AzureStorage.Instances;

/// <summary>Queries: list state blobs by id prefix, read them, filter, page.</summary>
internal sealed partial class InstanceStore
{
    private const int ListPageSize = 200;

    /// <summary>
    /// One page of instances in blob-name order. The continuation token is the listing marker of the blob page where this page
    /// stopped plus how many of its blobs were already looked at (the service's markers cannot point inside a page).
    /// </summary>
    public async Task<InstanceQueryResult> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var prefix = InstanceBlobNames.StatePrefix + InstanceBlobNames.Escape(query.InstanceIdPrefix ?? "");
        var (marker, skip) = DecodeToken(query.ContinuationToken);
        var found = new List<OrchestrationState>(query.PageSize);
        while (true)
        {
            var page = await container.ListBlobsPageAsync(prefix, marker, ListPageSize, cancellationToken).ConfigureAwait(false);
            var names = page.Blobs.Skip(skip).Select(b => b.Name).ToList();
            var states = new OrchestrationState?[names.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, names.Count),
                new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads, CancellationToken = cancellationToken },
                async (i, ct) => states[i] = await TryReadStateAsync(names[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
            for (var i = 0; i < states.Length; i++)
            {
                if (states[i] is not { } state || !query.Matches(state))
                {
                    continue;
                }

                if (found.Count == query.PageSize)
                {
                    return new InstanceQueryResult(found, EncodeToken(marker, skip + i));
                }

                found.Add(query.FetchInputsAndOutputs ? state : state with { Input = null, Output = null, CustomStatus = null });
            }

            if (page.NextMarker is null)
            {
                return new InstanceQueryResult(found, null);
            }

            marker = page.NextMarker;
            skip = 0;
        }
    }

    private async Task<OrchestrationState?> TryReadStateAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var blob = await container.GetBlobClient(blobName).DownloadAsync(null, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<InstanceRecord>(blob.Content.ToMemory().Span, HistorySerializer.Options)?.State;
        }
        catch (StorageRequestException ex) when (ex.IsNotFound)
        {
            return null; // Purged between the listing and the read.
        }
    }

    private static string EncodeToken(string? marker, int skip) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{skip.ToString(CultureInfo.InvariantCulture)}|{marker}"));

    private static (string? Marker, int Skip) DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (null, 0);
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            var marker = text[(bar + 1)..];
            return (marker.Length == 0 ? null : marker, int.Parse(text[..bar], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new ArgumentException("The continuation token is not one this backend returned; pass the token from the previous page.", nameof(token), ex);
        }
    }
}

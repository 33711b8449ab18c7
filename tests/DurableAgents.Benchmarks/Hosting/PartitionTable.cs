using Azure.Data.Tables;

namespace DurableAgents.Benchmarks.Hosting;

/// <summary>
/// Reads the Azure Storage provider's partition table (table partition management, DTFx's default): who owns each control
/// queue. Until every worker owns its share, one worker does all the orchestration work, and a figure would measure the
/// balancing rather than the cluster.
/// </summary>
internal sealed class PartitionTable(string connection, string taskHub)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    /// <summary>Waits until all <paramref name="partitions"/> are owned, none is moving, and each of the workers owns its share.</summary>
    public async Task WaitUntilSpreadAsync(int workers, int partitions, CancellationToken cancellation)
    {
        var table = new TableClient(connection, taskHub + "Partitions");
        var fairShare = partitions / workers;
        var expectedOwners = Math.Min(workers, partitions);
        var deadline = DateTime.UtcNow + Limit;
        var owners = new Dictionary<string, int>();
        while (DateTime.UtcNow < deadline)
        {
            owners.Clear();
            var settled = 0;
            try
            {
                await foreach (var lease in table.QueryAsync<TableEntity>(cancellationToken: cancellation))
                {
                    var owner = lease.GetString("CurrentOwner");
                    if (!string.IsNullOrEmpty(owner) && string.IsNullOrEmpty(lease.GetString("NextOwner")) && lease.GetBoolean("IsDraining") != true)
                    {
                        settled++;
                        owners[owner] = owners.GetValueOrDefault(owner) + 1;
                    }
                }
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                // The first worker has not created the table yet.
            }

            if (settled == partitions && owners.Count == expectedOwners && owners.Values.All(n => n >= fairShare))
            {
                return;
            }

            await Task.Delay(250, cancellation);
        }

        await Console.Error.WriteLineAsync(
            $"warning: the partitions were not spread over {workers} workers within {Limit.TotalSeconds:F0} s " +
            $"(owners: {string.Join(", ", owners.Select(o => $"{o.Key}={o.Value}"))}); measuring anyway.");
    }
}

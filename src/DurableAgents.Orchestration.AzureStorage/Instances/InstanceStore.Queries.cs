using System.Text;
using DurableAgents.Orchestration.AzureStorage.Naming;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.Client;

namespace DurableAgents.Orchestration.AzureStorage.Instances;

/// <summary>Queries: a key-range scan of the state entities by id prefix, filtered and paged here.</summary>
internal sealed partial class InstanceStore
{
    private const int QueryBatch = 200;

    /// <summary>
    /// One page of instances in key order. The continuation token is the partition key of the page's last instance: the next
    /// page starts after it, so instances created or purged between pages neither repeat nor shift the page.
    /// </summary>
    public async Task<InstanceQueryResult> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var prefix = InstanceKeys.PartitionKey(query.InstanceIdPrefix ?? "");
        var after = DecodeToken(query.ContinuationToken);
        var filter = new List<string> { $"RowKey eq {TableClient.Literal(InstanceKeys.StateRow)}" };
        if (after is not null)
        {
            filter.Add($"PartitionKey gt {TableClient.Literal(after)}");
        }

        if (prefix.Length > 0)
        {
            filter.Add($"PartitionKey ge {TableClient.Literal(prefix)}");
            filter.Add($"PartitionKey lt {TableClient.Literal(InstanceKeys.UpperBound(prefix)!)}");
        }

        var found = new List<OrchestrationState>(query.PageSize);
        await foreach (var entity in table.QueryAsync(string.Join(" and ", filter), QueryBatch, cancellationToken).ConfigureAwait(false))
        {
            var state = (await ReadAsync(entity, cancellationToken).ConfigureAwait(false))?.Record.State;
            if (state is null || !query.Matches(state))
            {
                continue;
            }

            found.Add(query.FetchInputsAndOutputs ? state : state with { Input = null, Output = null, CustomStatus = null });
            if (found.Count == query.PageSize)
            {
                return new InstanceQueryResult(found, EncodeToken(entity.PartitionKey));
            }
        }

        return new InstanceQueryResult(found, null);
    }

    private static string EncodeToken(string partitionKey) => Convert.ToBase64String(Encoding.UTF8.GetBytes("k|" + partitionKey));

    private static string? DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("k|", StringComparison.Ordinal) && text.Length > 2
                ? text[2..]
                : throw new FormatException("The token has no key.");
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The continuation token is not one this backend returned; pass the token from the previous page.", nameof(token), ex);
        }
    }
}

using Azure;
using Azure.Core;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Entity queries with the service's continuation paging.</summary>
public sealed partial class TableClient
{
    /// <summary>
    /// Streams the entities matching an OData <paramref name="filter"/> (null: all) in key order, following continuations.
    /// </summary>
    /// <param name="filter">E.g. <c>PartitionKey ge 'a' and PartitionKey lt 'b'</c>; build literals with <see cref="Literal"/>.</param>
    /// <param name="pageSize">Entities per request (1..1000); null for the service's default of 1000.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    public async IAsyncEnumerable<TableEntity> QueryAsync(
        string? filter, int? pageSize = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "A table query page holds 1 to 1000 entities.");
        }

        (string? Partition, string? Row) next = (null, null);
        do
        {
            var uri = StorageUri.Build(_endpoint, Name + "()",
                ("$filter", filter), ("$top", pageSize?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("NextPartitionKey", next.Partition), ("NextRowKey", next.Row));
            IReadOnlyList<TableEntity> page;
            using (var message = CreateMessage(RequestMethod.Get, uri))
            {
                var response = await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
                page = TableJson.ReadQueryPage(response.Content.ToMemory());
                next = (Header(response, "x-ms-continuation-NextPartitionKey"), Header(response, "x-ms-continuation-NextRowKey"));
            }

            foreach (var entity in page)
            {
                yield return entity;
            }
        }
        while (next.Partition is not null);
    }

    /// <summary>Quotes <paramref name="value"/> as an OData string literal for a filter.</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static string? Header(Response response, string name) =>
        response.Headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}

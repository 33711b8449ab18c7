using Azure;
using Azure.Core;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Operations on one table and its entities over the Table service REST API (JSON).</summary>
public sealed partial class TableClient
{
    private readonly StoragePipeline _pipeline;
    private readonly Uri _endpoint;

    /// <summary>Creates a client for <paramref name="tableName"/> on <paramref name="connection"/>.</summary>
    public TableClient(StorageConnection connection, string tableName)
    {
        ArgumentNullException.ThrowIfNull(connection);
        StorageNames.ValidateTableName(tableName);
        _pipeline = connection.TablePipeline ?? throw new InvalidOperationException(
            "This storage connection has no table endpoint. Set StorageAccountOptions.TableEndpoint " +
            "(e.g. https://myaccount.table.core.windows.net) or use a connection string.");
        _endpoint = connection.TableEndpoint!;
        Name = tableName;
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>Creates the table; returns false if it already existed.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, StorageUri.Build(_endpoint, "Tables"));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(TableJson.TableBody(Name));
        var response = await _pipeline.SendAsync(message, cancellationToken, 201, 204, 409).ConfigureAwait(false);
        if (response.Status == 409 && StoragePipeline.CreateException(message.Request, response) is var error
            && !error.Is(StorageErrorCodes.TableAlreadyExists))
        {
            throw error;
        }

        return response.Status != 409;
    }

    /// <summary>Deletes the table and its entities; returns false if it did not exist.</summary>
    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, StorageUri.Build(_endpoint, $"Tables('{Name}')"));
        var response = await _pipeline.SendAsync(message, cancellationToken, 204, 404).ConfigureAwait(false);
        return response.Status == 204;
    }

    /// <summary>Reads one entity; null when it does not exist.</summary>
    public async Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, EntityUri(partitionKey, rowKey));
        var response = await _pipeline.SendAsync(message, cancellationToken, 200, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            var error = StoragePipeline.CreateException(message.Request, response);
            return error.Is(StorageErrorCodes.TableNotFound) ? throw error : null;
        }

        return TableJson.ReadEntity(response.Content.ToMemory(), ETagOf(response));
    }

    /// <summary>Inserts a new entity; 409 <c>EntityAlreadyExists</c> when one with the same keys exists.</summary>
    /// <returns>The new entity's ETag.</returns>
    public async Task<ETag> InsertEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKeys(entity.PartitionKey, entity.RowKey);
        using var message = CreateMessage(RequestMethod.Post, StorageUri.Build(_endpoint, Name));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(TableJson.EntityBody(entity));
        var response = await _pipeline.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
        return ETagOf(response);
    }

    /// <summary>
    /// Replaces an entity: with <paramref name="ifMatch"/> only over that version (412 when it changed, 404 when it is gone),
    /// without it inserting or replacing whatever is there.
    /// </summary>
    /// <returns>The entity's new ETag.</returns>
    public async Task<ETag> ReplaceEntityAsync(TableEntity entity, ETag? ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(RequestMethod.Put, EntityUri(entity.PartitionKey, entity.RowKey));
        if (ifMatch is { } etag)
        {
            message.Request.Headers.SetValue("If-Match", etag.ToString());
        }

        message.Request.Content = RequestContent.Create(TableJson.EntityBody(entity));
        var response = await _pipeline.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
        return ETagOf(response);
    }

    /// <summary>Deletes an entity if it still has <paramref name="ifMatch"/> (<see cref="ETag.All"/>: any version); 412 or 404 otherwise.</summary>
    public async Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, EntityUri(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch.ToString());
        await _pipeline.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
    }

    private HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = _pipeline.CreateMessage(method, uri);
        var headers = message.Request.Headers;
        headers.SetValue("Accept", "application/json;odata=minimalmetadata");
        headers.SetValue("DataServiceVersion", "3.0");
        headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        if (method == RequestMethod.Post || method == RequestMethod.Put)
        {
            headers.SetValue("Content-Type", "application/json");
        }

        return message;
    }

    private Uri EntityUri(string partitionKey, string rowKey)
    {
        ValidateKeys(partitionKey, rowKey);
        return StorageUri.Build(_endpoint, $"{Name}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')");
    }

    // OData string literals double their single quotes; the result is then escaped for the URL path.
    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static void ValidateKeys(string partitionKey, string rowKey)
    {
        StorageNames.ValidateEntityKey(partitionKey, nameof(TableEntity.PartitionKey));
        StorageNames.ValidateEntityKey(rowKey, nameof(TableEntity.RowKey));
    }

    private static ETag ETagOf(Response response) =>
        response.Headers.TryGetValue("ETag", out var raw)
            ? new ETag(raw)
            : throw new FormatException("The table service response has no ETag header.");
}

using System.Globalization;
using Azure.Core;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Operations on one Azure Storage queue over the REST API.</summary>
public sealed partial class QueueClient
{
    /// <summary>Pass as time-to-live for a message that never expires.</summary>
    public static readonly TimeSpan NeverExpires = Timeout.InfiniteTimeSpan;

    /// <summary>The longest visibility delay or timeout the service accepts (7 days).</summary>
    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromDays(7);

    private readonly StoragePipeline _pipeline;
    private readonly Uri _queueUri;

    /// <summary>Creates a client for <paramref name="queueName"/> on <paramref name="connection"/>.</summary>
    public QueueClient(StorageConnection connection, string queueName)
    {
        ArgumentNullException.ThrowIfNull(connection);
        StorageNames.ValidateQueueName(queueName);
        Name = queueName;
        _pipeline = connection.Pipeline;
        _queueUri = StorageUri.Build(connection.QueueEndpoint, queueName);
    }

    /// <summary>The queue name.</summary>
    public string Name { get; }

    /// <summary>Creates the queue; returns false if it already existed.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, _queueUri);
        // 201 = created, 204 = already existed with the same (empty) metadata.
        var response = await _pipeline.SendAsync(message, cancellationToken, 201, 204).ConfigureAwait(false);
        return response.Status == 201;
    }

    /// <summary>Deletes the queue and its messages; returns false if it did not exist.</summary>
    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, _queueUri);
        var response = await _pipeline.SendAsync(message, cancellationToken, 204, 404).ConfigureAwait(false);
        return response.Status == 204;
    }

    /// <summary>Adds a message with raw <paramref name="messageText"/> (max 64 KiB).</summary>
    /// <param name="messageText">The text, sent as-is (escaped for XML); encode binary data with <see cref="QueueMessageEncoding"/>.</param>
    /// <param name="visibilityDelay">How long the message stays invisible first (0..7 days).</param>
    /// <param name="timeToLive">How long the message lives; <see cref="NeverExpires"/> for ever; default 7 days.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<SendReceipt> SendMessageAsync(
        string messageText, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        var delay = visibilityDelay is null ? null : VisibilitySeconds(visibilityDelay.Value, nameof(visibilityDelay), allowZero: true);
        var uri = StorageUri.Build(_queueUri, "messages", ("visibilitytimeout", delay), ("messagettl", TtlSeconds(timeToLive)));
        using var message = _pipeline.CreateMessage(RequestMethod.Post, uri);
        message.Request.Headers.SetValue("Content-Type", "application/xml");
        message.Request.Content = RequestContent.Create(QueueXml.MessageBody(messageText));
        var response = await _pipeline.SendAsync(message, cancellationToken, 201).ConfigureAwait(false);
        var m = QueueXml.Messages(response.Content.ToMemory()).Single();
        return new SendReceipt(QueueXml.Text(m, "MessageId"), QueueXml.Text(m, "PopReceipt"), QueueXml.Time(m, "InsertionTime"),
            QueueXml.Time(m, "ExpirationTime"), QueueXml.Time(m, "TimeNextVisible"));
    }

    /// <summary>Receives up to <paramref name="maxMessages"/> (1..32) messages and hides them for <paramref name="visibilityTimeout"/>.</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        var count = MessageCount(maxMessages);
        var timeout = visibilityTimeout is null ? null : VisibilitySeconds(visibilityTimeout.Value, nameof(visibilityTimeout), allowZero: false);
        var uri = StorageUri.Build(_queueUri, "messages", ("numofmessages", count), ("visibilitytimeout", timeout));
        using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
        var response = await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return QueueXml.Messages(response.Content.ToMemory())
            .Select(m => new QueueMessage(
                QueueXml.Text(m, "MessageId"), QueueXml.Text(m, "PopReceipt"), QueueXml.Number(m, "DequeueCount"),
                QueueXml.Time(m, "InsertionTime"), QueueXml.Time(m, "ExpirationTime"), QueueXml.Time(m, "TimeNextVisible"),
                QueueXml.Text(m, "MessageText")))
            .ToList();
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> (1..32) visible messages without locking them.</summary>
    public async Task<IReadOnlyList<PeekedQueueMessage>> PeekMessagesAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        var uri = StorageUri.Build(_queueUri, "messages", ("peekonly", "true"), ("numofmessages", MessageCount(maxMessages)));
        using var message = _pipeline.CreateMessage(RequestMethod.Get, uri);
        var response = await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return QueueXml.Messages(response.Content.ToMemory())
            .Select(m => new PeekedQueueMessage(
                QueueXml.Text(m, "MessageId"), QueueXml.Number(m, "DequeueCount"), QueueXml.Time(m, "InsertionTime"),
                QueueXml.Time(m, "ExpirationTime"), QueueXml.Text(m, "MessageText")))
            .ToList();
    }

    /// <summary>Hides a received message for <paramref name="visibilityTimeout"/> from now, optionally replacing its text.</summary>
    /// <returns>The new pop receipt; the old one stops working.</returns>
    public async Task<UpdateReceipt> UpdateMessageAsync(
        string messageId, string popReceipt, TimeSpan visibilityTimeout, string? newMessageText = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        var uri = StorageUri.Build(_queueUri, "messages/" + Uri.EscapeDataString(messageId),
            ("popreceipt", popReceipt), ("visibilitytimeout", VisibilitySeconds(visibilityTimeout, nameof(visibilityTimeout), allowZero: true)));
        using var message = _pipeline.CreateMessage(RequestMethod.Put, uri);
        if (newMessageText is not null)
        {
            message.Request.Headers.SetValue("Content-Type", "application/xml");
            message.Request.Content = RequestContent.Create(QueueXml.MessageBody(newMessageText));
        }

        var response = await _pipeline.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
        response.Headers.TryGetValue("x-ms-popreceipt", out var newReceipt);
        response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible);
        return new UpdateReceipt(
            newReceipt ?? throw new FormatException("The queue service did not return x-ms-popreceipt."),
            DateTimeOffset.Parse(nextVisible ?? throw new FormatException("The queue service did not return x-ms-time-next-visible."),
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }

    /// <summary>Deletes a received message; throws <see cref="StorageRequestException"/> (404) if the receipt is stale.</summary>
    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        var uri = StorageUri.Build(_queueUri, "messages/" + Uri.EscapeDataString(messageId), ("popreceipt", popReceipt));
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, uri);
        await _pipeline.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
    }

    /// <summary>Returns the service's approximate number of messages (visible and invisible) in the queue.</summary>
    public async Task<int> GetApproximateMessageCountAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, StorageUri.Build(_queueUri, "", ("comp", "metadata")));
        var response = await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        if (!response.Headers.TryGetValue("x-ms-approximate-messages-count", out var value))
        {
            throw new FormatException("The queue service did not return x-ms-approximate-messages-count.");
        }

        return int.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>Deletes every message in the queue.</summary>
    public async Task ClearMessagesAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, StorageUri.Build(_queueUri, "messages"));
        await _pipeline.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
    }
}

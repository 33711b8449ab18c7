using System.Text;
using System.Text.Json;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.AzureStorage.Messaging;

/// <summary>What a queue message carries: the message itself, or the name of the blob that holds it.</summary>
/// <param name="Message">The message, when it fits in the queue.</param>
/// <param name="BlobName">The large-message blob holding the message otherwise.</param>
/// <param name="Carried">
/// An activity result that rides on a work-item message (see MessageSender.TryHandOverResult): whoever receives the message from
/// the queue must deliver it to its instance first.
/// </param>
internal sealed record QueueEnvelope(TaskMessage? Message, string? BlobName, TaskMessage? Carried = null);

/// <summary>A decoded queue message: the task message and, for large ones, the blob to delete once it is consumed.</summary>
/// <param name="Message">The task message.</param>
/// <param name="BlobName">The large-message blob, if any.</param>
/// <param name="QueueText">The queue text as received (re-sent unchanged when a timer hops).</param>
internal sealed record DecodedMessage(TaskMessage Message, string? BlobName, string QueueText)
{
    /// <summary>An activity result the message carries for delivery before it (see <see cref="QueueEnvelope.Carried"/>).</summary>
    public TaskMessage? Carried { get; init; }
}

/// <summary>
/// Turns task messages into queue text and back. Text is base64 of UTF-8 JSON, the default encoding of the Functions queue
/// trigger; messages over the threshold go to a blob in the large-messages container and the queue carries its name.
/// </summary>
internal sealed class MessageCodec(BlobContainerClient largeMessages, int thresholdBytes)
{
    /// <summary>Encodes <paramref name="message"/>, uploading its body first when it is too large for a queue message.</summary>
    public async Task<string> EncodeAsync(TaskMessage message, CancellationToken cancellationToken) =>
        (await EncodeWithBlobAsync(message, cancellationToken).ConfigureAwait(false)).QueueText;

    /// <summary>Encodes <paramref name="message"/> and says which large-message blob, if any, it now refers to.</summary>
    public async Task<(string QueueText, string? BlobName)> EncodeWithBlobAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        string? blobName = null;
        var json = JsonSerializer.SerializeToUtf8Bytes(new QueueEnvelope(message, null), HistorySerializer.Options);
        if (json.Length > thresholdBytes)
        {
            blobName = $"{DateTime.UtcNow:yyyyMMdd}/{Guid.NewGuid():N}";
            var body = JsonSerializer.SerializeToUtf8Bytes(message, HistorySerializer.Options);
            await largeMessages.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(body), null, cancellationToken).ConfigureAwait(false);
            json = JsonSerializer.SerializeToUtf8Bytes(new QueueEnvelope(null, blobName), HistorySerializer.Options);
        }

        return (Convert.ToBase64String(json), blobName);
    }

    /// <summary>
    /// Encodes <paramref name="message"/> (with <paramref name="carried"/> riding along, if given) inline; null when that does not
    /// fit in one queue message.
    /// </summary>
    public string? TryEncodeInline(TaskMessage message, TaskMessage? carried = null)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new QueueEnvelope(message, null, carried), HistorySerializer.Options);
        return json.Length > thresholdBytes ? null : Convert.ToBase64String(json);
    }

    /// <summary>Decodes queue text (base64 or plain JSON, as a trigger may hand it over), downloading a large message's blob.</summary>
    public async Task<DecodedMessage> DecodeAsync(string queueText, CancellationToken cancellationToken)
    {
        var envelope = ParseEnvelope(queueText);
        if (envelope.Message is { } inline)
        {
            return new DecodedMessage(inline, null, queueText) { Carried = envelope.Carried };
        }

        var name = envelope.BlobName ?? throw new InvalidDataException("A queue message carries neither a task message nor a blob reference.");
        var blob = await largeMessages.GetBlobClient(name).DownloadAsync(null, cancellationToken).ConfigureAwait(false);
        var message = JsonSerializer.Deserialize<TaskMessage>(blob.Content.ToMemory().Span, HistorySerializer.Options)
            ?? throw new InvalidDataException($"Large message blob '{name}' is empty.");
        return new DecodedMessage(message, name, queueText);
    }

    /// <summary>Deletes a consumed large message's blob; a missing blob is fine (a duplicate already removed it).</summary>
    public async Task DeleteBlobAsync(string? blobName, CancellationToken cancellationToken)
    {
        if (blobName is not null)
        {
            await largeMessages.GetBlobClient(blobName).DeleteIfExistsAsync(null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the envelope from base64 or plain JSON text.</summary>
    public static QueueEnvelope ParseEnvelope(string queueText)
    {
        ArgumentNullException.ThrowIfNull(queueText);
        var trimmed = queueText.TrimStart();
        byte[] json;
        if (trimmed.StartsWith('{'))
        {
            json = Encoding.UTF8.GetBytes(trimmed);
        }
        else
        {
            try
            {
                json = Convert.FromBase64String(trimmed);
            }
            catch (FormatException ex)
            {
                throw new InvalidDataException("The queue message is neither JSON nor base64 JSON; it was not written by this backend.", ex);
            }
        }

        return JsonSerializer.Deserialize<QueueEnvelope>(json, HistorySerializer.Options)
            ?? throw new InvalidDataException("The queue message is empty.");
    }
}

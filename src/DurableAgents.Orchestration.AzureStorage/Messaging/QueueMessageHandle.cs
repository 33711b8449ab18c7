using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.AzureStorage.Messaging;

/// <summary>
/// A received queue message this host holds: keeps its current pop receipt, and serializes renew, release and delete on it
/// (each renewal replaces the receipt, so they must not interleave).
/// </summary>
internal sealed class QueueMessageHandle(QueueClient queue, QueueMessage received, DecodedMessage decoded)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _popReceipt = received.PopReceipt;

    /// <summary>The queue's id of the message.</summary>
    public string QueueMessageId { get; } = received.MessageId;

    /// <summary>How many times the queue handed the message out.</summary>
    public int DequeueCount { get; private set; } = (int)Math.Min(int.MaxValue, received.DequeueCount);

    /// <summary>The decoded task message.</summary>
    public DecodedMessage Decoded { get; } = decoded;

    /// <summary>When the message becomes visible to others again (the service's clock).</summary>
    public DateTimeOffset NextVisibleOn { get; private set; } = received.NextVisibleOn;

    /// <summary>True once deleted, released, or found gone; the handle is then inert.</summary>
    public bool Finished { get; private set; }

    /// <summary>The queue received the same message again (its visibility lapsed): adopt the new receipt.</summary>
    public async Task AdoptAsync(QueueMessage again)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _popReceipt = again.PopReceipt;
            NextVisibleOn = again.NextVisibleOn;
            DequeueCount = (int)Math.Min(int.MaxValue, again.DequeueCount);
            Finished = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The queue the message is in.</summary>
    public QueueClient Queue => queue;

    /// <summary>
    /// Replaces the message's text and hides it for <paramref name="visibility"/>, keeping it held; false when it is gone (taken by
    /// another receiver).
    /// </summary>
    public Task<bool> RewriteAsync(string text, TimeSpan visibility, CancellationToken cancellationToken) =>
        UpdateAsync(visibility, finish: false, cancellationToken, text);

    /// <summary>True once this holder rewrote the message's text (<see cref="RewriteAsync"/>).</summary>
    public bool Rewritten { get; private set; }

    /// <summary>Like <see cref="RewriteAsync"/>, but does nothing (false) when the message was rewritten or finished meanwhile.</summary>
    public Task<bool> RewriteUnlessRewrittenAsync(string text, TimeSpan visibility, CancellationToken cancellationToken) =>
        UpdateAsync(visibility, finish: false, cancellationToken, text, unlessRewritten: true);

    /// <summary>
    /// Passes the message to a new holder that sees it as <paramref name="decoded"/> (its text after <see cref="RewriteAsync"/>).
    /// This handle becomes inert, so no renewal of the old holder can race the new one for the pop receipt. Null when it is gone.
    /// </summary>
    public async Task<QueueMessageHandle?> HandOverAsync(DecodedMessage decoded)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Finished)
            {
                return null;
            }

            Finished = true;
            var current = new QueueMessage(QueueMessageId, _popReceipt, DequeueCount, default, default, NextVisibleOn, decoded.QueueText);
            return new QueueMessageHandle(queue, current, decoded);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Hides the message for another <paramref name="timeout"/>; false when it is gone (deleted, or taken by another receiver).</summary>
    public Task<bool> RenewAsync(TimeSpan timeout, CancellationToken cancellationToken) => UpdateAsync(timeout, finish: false, cancellationToken);

    /// <summary>Makes the message visible again after <paramref name="delay"/> and stops holding it.</summary>
    public Task<bool> ReleaseAsync(TimeSpan delay, CancellationToken cancellationToken) => UpdateAsync(delay, finish: true, cancellationToken);

    /// <summary>Deletes the message; a message already gone counts as deleted.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Finished)
            {
                return;
            }

            await queue.DeleteMessageAsync(QueueMessageId, _popReceipt, cancellationToken).ConfigureAwait(false);
            Finished = true;
        }
        catch (StorageRequestException ex) when (IsGone(ex))
        {
            // Its visibility lapsed and another receiver holds it now; that copy is processed again and de-duplicated.
            Finished = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> UpdateAsync(
        TimeSpan visibility, bool finish, CancellationToken cancellationToken, string? newText = null, bool unlessRewritten = false)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Finished || (unlessRewritten && Rewritten))
            {
                return false;
            }

            var receipt = await queue.UpdateMessageAsync(QueueMessageId, _popReceipt, visibility, newText, cancellationToken).ConfigureAwait(false);
            _popReceipt = receipt.PopReceipt;
            NextVisibleOn = receipt.NextVisibleOn;
            Rewritten |= newText is not null;
            Finished = finish;
            return true;
        }
        catch (StorageRequestException ex) when (IsGone(ex))
        {
            Finished = true;
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static bool IsGone(StorageRequestException ex) => ex.IsNotFound || ex.Is(StorageErrorCodes.PopReceiptMismatch);
}

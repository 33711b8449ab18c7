namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>A message received from a queue (invisible to others until <see cref="NextVisibleOn"/>).</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="PopReceipt">Proof of this receive; needed to delete or update the message.</param>
/// <param name="DequeueCount">How many times the message has been received, including this time.</param>
/// <param name="InsertedOn">When the message was added.</param>
/// <param name="ExpiresOn">When the message expires (far future for messages that never expire).</param>
/// <param name="NextVisibleOn">When the message becomes visible again unless deleted or updated.</param>
/// <param name="MessageText">The raw message text (base64 or not, as the sender chose).</param>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset NextVisibleOn,
    string MessageText);

/// <summary>A message seen by Peek (not locked, so no pop receipt).</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="DequeueCount">How many times the message has been received.</param>
/// <param name="InsertedOn">When the message was added.</param>
/// <param name="ExpiresOn">When the message expires.</param>
/// <param name="MessageText">The raw message text.</param>
public sealed record PeekedQueueMessage(
    string MessageId,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    string MessageText);

/// <summary>The result of sending a message.</summary>
/// <param name="MessageId">The new message's id.</param>
/// <param name="PopReceipt">A pop receipt usable to delete or update the message before it is received.</param>
/// <param name="InsertedOn">When the message was added.</param>
/// <param name="ExpiresOn">When the message expires.</param>
/// <param name="NextVisibleOn">When the message becomes visible.</param>
public sealed record SendReceipt(
    string MessageId, string PopReceipt, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, DateTimeOffset NextVisibleOn);

/// <summary>The result of updating a message: its new pop receipt and visibility time.</summary>
/// <param name="PopReceipt">The new pop receipt (the old one no longer works).</param>
/// <param name="NextVisibleOn">When the message becomes visible again.</param>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);

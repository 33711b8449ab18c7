using System.Text.Json;
using DurableAgents.Durability;
using Microsoft.DurableTask;

namespace DurableAgents.Patterns;

/// <summary>
/// Mailboxes for long-running orchestrations: send with <see cref="TaskOrchestrationContext.SendEvent"/> (committed with the sender's
/// episode, so a message is sent exactly when the step that wrote it is recorded), receive as the <c>mail</c> event, and drop a
/// delivery whose sequence was seen already (providers that deliver at least once may repeat one).
/// </summary>
public static class Mailbox
{
    /// <summary>The external event that carries a <see cref="MailMessage"/>.</summary>
    public const string EventName = "mail";

    /// <summary>Sends <paramref name="message"/> to the mailbox orchestration <paramref name="to"/>.</summary>
    public static void SendMail(this TaskOrchestrationContext context, string to, MailMessage message)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(message);
        context.SendEvent(to, EventName, message);
    }

    /// <summary>
    /// The next new message: waits for the <c>mail</c> event (as raw JSON, so a malformed event from outside is counted and dropped,
    /// never a failure of the mailbox), skipping duplicates; returns it with the state updated (sequence seen, counts).
    /// </summary>
    public static async Task<(MailMessage Message, MailboxState State)> ReceiveMailAsync(this TaskOrchestrationContext context, MailboxState state)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        while (true)
        {
            var raw = await context.WaitForExternalEvent<JsonElement>(EventName);
            var message = Read(raw);
            if (message is null)
            {
                state = state with { Invalid = state.Invalid + 1 };
                continue;
            }

            if (state.LastSeen.TryGetValue(message.From, out var seen) && message.Sequence <= seen)
            {
                state = state with { Duplicates = state.Duplicates + 1 };
                continue;
            }

            return (message, Seen(state, message));
        }
    }

    /// <summary>The state with <paramref name="message"/>'s sequence noted as seen from its sender.</summary>
    public static MailboxState Seen(MailboxState state, MailMessage message)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        var seen = new Dictionary<string, int>(state.LastSeen, StringComparer.Ordinal) { [message.From] = message.Sequence };
        return state with { LastSeen = seen };
    }

    private static MailMessage? Read(JsonElement raw)
    {
        try
        {
            var message = raw.ValueKind == JsonValueKind.Object ? raw.Deserialize<MailMessage>(AgentDataConverter.Options) : null;
            return message is { From.Length: > 0, Sequence: > 0, Text: not null } ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

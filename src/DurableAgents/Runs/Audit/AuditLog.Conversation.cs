using System.Text.Json;
using DurableAgents.Models;
using DurableAgents.Runs.Conversation;
using DurableAgents.Runs.Loop;
using Microsoft.Extensions.AI;

namespace DurableAgents.Runs.Audit;

/// <summary>Reading an agent run's record from its conversation chain.</summary>
public sealed partial class AuditLog
{
    /// <summary>
    /// Walks the conversation back from the run's audit head (its text is <paramref name="headText"/>) to the run's first record (and on to the calls it names), then reads
    /// forwards: each call of a record is matched with the latest assistant message that asked for it, which gives its tool and
    /// the digest of its arguments. Replies are always inline in their segments, so only inline messages are read.
    /// </summary>
    private async Task<IReadOnlyList<AuditEntry>> ReadFromConversationAsync(string headText, string runId, string agent, CancellationToken cancellationToken)
    {
        // Each segment's items decoded once: its step records, or the calls its assistant messages asked for.
        var chain = new List<IReadOnlyList<(AuditStep? Step, IReadOnlyList<FunctionCallContent> Calls)>>();
        HashSet<string>? unresolved = null;
        for (var text = headText; ;)
        {
            var segment = Segment.Decode(text);
            var items = segment.Items.Select(Decode).ToList();
            chain.Add(items);
            if (unresolved is null)
            {
                unresolved = items.Select(i => i.Step).LastOrDefault(r => r is { First: true })?.Calls.Select(c => c.CallId).ToHashSet(StringComparer.Ordinal);
            }
            else
            {
                unresolved.ExceptWith(items.SelectMany(i => i.Calls).Select(c => c.CallId));
            }

            if (unresolved is { Count: 0 } || segment.Parent is not { } parent)
            {
                break;
            }

            text = await ReadVerifiedAsync(parent, cancellationToken);
        }

        var calls = new Dictionary<string, FunctionCallContent>(StringComparer.Ordinal);
        var entries = new List<AuditEntry>();
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            foreach (var (record, asked) in chain[i])
            {
                if (record is not { } step)
                {
                    foreach (var call in asked)
                    {
                        calls[call.CallId] = call;
                    }

                    continue;
                }

                if (step.First)
                {
                    entries.Clear(); // What came before was an earlier run of the same conversation (a session's earlier turn).
                }

                entries.AddRange(step.Calls.Select(c => Entry(step, c, calls, runId, agent)));
            }
        }

        return entries;
    }

    private static AuditEntry Entry(AuditStep step, AuditCall call, Dictionary<string, FunctionCallContent> calls, string runId, string agent)
    {
        if (!calls.TryGetValue(call.CallId, out var asked))
        {
            throw new InvalidOperationException(
                $"The audit record of run '{runId}', step {step.Step}, names the call '{call.CallId}', which its conversation does not hold.");
        }

        return call.ToEntry(runId, agent, step.Step, asked.Name, Digest(CanonicalArguments(asked)), step.RequestedAt, step.CompletedAt);
    }

    /// <summary>
    /// The arguments a digest is taken of: canonical JSON (keys sorted, no spaces) when they are a JSON object, as the run validated
    /// them; otherwise the text the model sent.
    /// </summary>
    internal static string CanonicalArguments(FunctionCallContent call)
    {
        var text = ToolCallArguments.ToJson(call);
        return ToolCallArguments.TryParse(text, out var parsed, out _) ? ArgumentValidator.Canonical(JsonSerializer.SerializeToElement(parsed)) : text;
    }

    // A step record, or the calls of an assistant message: compact form ('a') or ChatMessage JSON ('{'); the other items (user
    // text, tool results) hold no calls.
    private static (AuditStep? Step, IReadOnlyList<FunctionCallContent> Calls) Decode(SegmentItem item) =>
        item.Audit is { } record ? (AuditStepCodec.Decode(record), [])
        : item.Inline is { Length: > 0 } inline && inline[0] is 'a' or '{' ? (null, MessageCodec.Decode(inline).Contents.OfType<FunctionCallContent>().ToList())
        : (null, []);
}

using Microsoft.Extensions.AI;

namespace DurableAgents.Runs.Loop;

/// <summary>
/// A run's tool-call record, read from its conversation: each assistant message is one step, its function calls the step's calls,
/// and the tool results that follow (in the runtime's delimited form) give each call's status and text. Nothing is stored twice.
/// </summary>
internal static class ToolCallRecords
{
    /// <summary>The record of the calls in <paramref name="archive"/> (every message the run had, oldest first) that got a result.</summary>
    public static IReadOnlyList<ToolCallRecord> From(IEnumerable<ChatMessage> archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var records = new List<ToolCallRecord?>();
        var open = new Dictionary<string, (int Slot, FunctionCallContent Call)>(StringComparer.Ordinal);
        var step = 0;
        foreach (var message in archive)
        {
            if (message.Role == ChatRole.Assistant)
            {
                // One assistant message per model call; results answer the latest one (call ids may repeat across steps).
                step++;
                open.Clear();
                foreach (var call in message.Contents.OfType<FunctionCallContent>())
                {
                    open[call.CallId] = (records.Count, call);
                    records.Add(null);
                }

                continue;
            }

            foreach (var result in message.Contents.OfType<FunctionResultContent>())
            {
                if (open.Remove(result.CallId, out var pending))
                {
                    var (status, text) = Parse(result.Result?.ToString() ?? "");
                    var call = pending.Call;
                    records[pending.Slot] = new ToolCallRecord(call.CallId, call.Name, Models.ToolCallArguments.ToJson(call), status, text, step);
                }
            }
        }

        return records.OfType<ToolCallRecord>().ToList();
    }

    /// <summary>Status and text of a delimited result; a successful result's text is shortened to a preview, others kept whole.</summary>
    internal static (string Status, string Text) Parse(string formatted)
    {
        if (!ToolResultFormatter.TryUnwrap(formatted, out _, out var status, out var body))
        {
            return ("ok", ToolResultFormatter.Preview(formatted));
        }

        return (status, status == "ok" ? ToolResultFormatter.Preview(body) : body);
    }
}

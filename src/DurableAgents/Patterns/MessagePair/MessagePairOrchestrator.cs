using System.Text.Json;
using DurableAgents.Agents;
using DurableAgents.Durability;
using DurableAgents.Runs;
using DurableAgents.Runs.Audit;
using DurableAgents.Runs.Loop;
using Microsoft.DurableTask;

namespace DurableAgents.Patterns;

/// <summary>The message pair's orchestration (see <see cref="MessagePairPattern"/>).</summary>
public sealed class MessagePairOrchestrator(IAgentCatalog catalog) : PatternOrchestrator<MessagePairPattern>(catalog)
{
    /// <inheritdoc />
    protected override async Task<AgentRunResult> RunPatternAsync(PatternRun run, MessagePairPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(pattern);
        var (opening, messages, pause) = Read(run.Input.Goal, pattern);
        var (a, b) = (run.SubRunId("a"), run.SubRunId("b"));
        var common = new MailboxInput(pattern.First, opening, b)
        {
            Depth = run.Input.Depth + 1,
            TraceParent = run.Input.TraceParent,
            User = run.Input.User,
            Session = run.Input.Session,
            MaxMessages = messages,
            StopPhrase = pattern.StopPhrase,
            Pause = pause,
            ContinueAsNewEvery = pattern.ContinueAsNewEvery,
        };
        var first = common with { First = new MailMessage("user", 1, opening) };
        var second = common with { Agent = pattern.Second, Peer = a };
        run.Progress.NoteSubRun(new SubRunRecord(a, pattern.First, "mailbox"));
        run.Progress.NoteSubRun(new SubRunRecord(b, pattern.Second, "mailbox"));
        run.Publish("conversing");
        var requestedAt = run.Context.CurrentUtcDateTime;
        // Both mailboxes start in this episode, so each exists before the other's first message reaches it.
        var results = await Task.WhenAll(Mailbox(run, a, first), Mailbox(run, b, second));
        var transcript = new List<MailRecord>();
        foreach (var (id, agent, result) in new[] { (a, pattern.First, results[0]), (b, pattern.Second, results[1]) })
        {
            run.AddUsage(result.Usage);
            run.Progress.NoteSubRun(new SubRunRecord(id, agent, "mailbox", result.Outcome));
            transcript.AddRange(Transcript(result));
            await run.AuditAsync(new AuditEntry
            {
                RunId = run.Context.InstanceId, Agent = run.Definition.Name, CallId = id[(id.LastIndexOf(':') + 1)..], Tool = agent, Kind = "sub-agent",
                ArgumentDigest = AuditLog.Digest(opening), Permission = "sub-agent", Outcome = result.Outcome == AgentRunOutcome.Completed ? "ok" : result.Outcome.ToString().ToLowerInvariant(),
                RequestedAt = requestedAt, CompletedAt = run.Context.CurrentUtcDateTime, SubRunId = id,
            });
        }

        // Sender and receiver both keep each message: one line per sequence number.
        var conversation = transcript.GroupBy(r => r.Sequence).Select(g => g.First()).OrderBy(r => r.Sequence).ToList();
        run.Step = conversation.Count;
        run.SetDetail(new { messages = conversation, duplicates = results.Sum(Duplicates) });
        var outcome = results.All(r => r.Outcome == AgentRunOutcome.Completed) ? AgentRunOutcome.Completed : AgentRunOutcome.Failed;
        return run.Finish(outcome, string.Join('\n', conversation.Select(r => $"#{r.Sequence} {Who(r.From, a, b, pattern)}: {r.Text}")),
            outcome == AgentRunOutcome.Completed ? null : string.Join(" ", results.Select(r => r.Reason).OfType<string>()));
    }

    private static async Task<AgentRunResult> Mailbox(PatternRun run, string id, MailboxInput input)
    {
        try
        {
            return await run.Context.CallSubOrchestratorAsync<AgentRunResult>(PatternNames.Mailbox, input, new SubOrchestrationOptions { InstanceId = id });
        }
        catch (TaskFailedException failed)
        {
            return new AgentRunResult { Outcome = AgentRunOutcome.Failed, Reason = $"Mailbox {id} failed: {ModelRetries.Inner(failed.FailureDetails).ErrorMessage}" };
        }
    }

    /// <summary>The opening and limits: the input text, or <c>{"opening": "...", "messages": 6, "pauseSeconds": 0}</c>.</summary>
    private static (string Opening, int Messages, TimeSpan Pause) Read(string goal, MessagePairPattern pattern)
    {
        var text = goal.Trim();
        if (!text.StartsWith('{'))
        {
            return (text, pattern.MaxMessages, pattern.Pause);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var opening = root.TryGetProperty("opening", out var o) && o.GetString() is { Length: > 0 } s ? s
                : throw new RunEndedException(AgentRunOutcome.Failed, "The input needs an \"opening\" message: {\"opening\": \"...\", \"messages\": 6, \"pauseSeconds\": 0}.");
            var messages = root.TryGetProperty("messages", out var m) ? m.GetInt32() : pattern.MaxMessages;
            var pause = root.TryGetProperty("pauseSeconds", out var p) ? p.GetDouble() : pattern.Pause.TotalSeconds;
            if (messages is < 2 or > 50 || pause is < 0 or > 3600)
            {
                throw new RunEndedException(AgentRunOutcome.Failed, $"\"messages\" must be 2 to 50 and \"pauseSeconds\" 0 to 3600; they are {messages} and {pause}.");
            }

            return (opening, messages, TimeSpan.FromSeconds(pause));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new RunEndedException(AgentRunOutcome.Failed, $"The input is not a usable JSON object ({e.Message}); send text, or {{\"opening\": \"...\", \"messages\": 6, \"pauseSeconds\": 0}}.");
        }
    }

    private static IEnumerable<MailRecord> Transcript(AgentRunResult result) =>
        result.Detail is { } detail && detail.TryGetProperty("transcript", out var t)
            ? t.Deserialize<List<MailRecord>>(AgentDataConverter.Options) ?? []
            : [];

    private static int Duplicates(AgentRunResult result) =>
        result.Detail is { } detail && detail.TryGetProperty("duplicates", out var d) ? d.GetInt32() : 0;

    private static string Who(string from, string a, string b, MessagePairPattern pattern) =>
        from == a ? pattern.First : from == b ? pattern.Second : from;
}

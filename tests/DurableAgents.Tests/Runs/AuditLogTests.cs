using DurableAgents.Models;
using DurableAgents.Runs.Audit;
using DurableAgents.Runs.Conversation;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Runs;

/// <summary>The stored form of a step's audit record, and reading runs' records back from their conversation chains.</summary>
public sealed class AuditLogTests
{
    private static readonly DateTime At = new(2026, 12, 2, 4, 0, 0, 123, DateTimeKind.Utc);

    [Fact]
    public void AStepsRecord_RoundTrips_WithFreeTextEscapedAndEmptyFieldsLeftOut()
    {
        var step = new AuditStep(12, First: true, At, At.AddMilliseconds(37),
        [
            new AuditCall("c\t1", "tool", "destructive", "rejected")
            {
                ApprovalReason = "line one\nline two \\ done", Approval = "rejected", Approver = "bob\tsmith", DecidedAt = At.AddSeconds(5),
            },
            new AuditCall("c2", "sub-agent", "sub-agent", "ok") { SubRunId = "run:s12.1" },
            new AuditCall("c3", "escalation", "human", "not-run"),
        ]);

        var stored = AuditStepCodec.Encode(step);
        var read = AuditStepCodec.Decode(stored);

        Assert.Equal(4, stored.Split('\n').Length); // one header line and one line per call: free text never breaks a line
        Assert.EndsWith("\nc3\teh\tnot-run", stored, StringComparison.Ordinal);
        Assert.Equal((12, true, At, At.AddMilliseconds(37)), (read.Step, read.First, read.RequestedAt, read.CompletedAt));
        Assert.Equal(step.Calls, read.Calls);
    }

    [Theory]
    [InlineData("1\t2")]
    [InlineData("x\t1\t2")]
    [InlineData("1\t2\t3\nc1\tt\tok")]
    [InlineData("1\t2\t3\nc1\tzz\tok")]
    public void AMalformedRecord_IsAFormatError(string stored) =>
        Assert.Throws<FormatException>(() => AuditStepCodec.Decode(stored));

    [Fact]
    public void AValueOutsideTheAuditsWords_IsRefusedWhenWritten() =>
        Assert.Throws<ArgumentException>(() => AuditStepCodec.Encode(new AuditStep(1, false, At, At, [new AuditCall("c", "mail", "none", "ok")])));

    [Fact]
    public async Task ASessionsLaterTurn_ReadsOnlyItsOwnRecord_WithToolAndDigestFromItsCalls()
    {
        var store = new InMemoryConversationStore();
        var (log, audit) = (new ConversationLog(store), new AuditLog(store));
        var first = await StepAsync(log, null, null, ("a1", """{"b":2,"a":1}"""));
        var firstEnd = await StepAsync(log, first, Record(1, true, "a1"));
        var second = await StepAsync(log, firstEnd, null, ("b1", """{"q":"x"}"""));
        var secondMiddle = await StepAsync(log, second, Record(1, true, "b1"), ("b2", "not json"));
        var secondEnd = await StepAsync(log, secondMiddle, Record(2, false, "b2"));

        var earlier = await audit.ReadAsync(firstEnd, "turn-1", "agent");
        var later = await audit.ReadAsync(secondEnd, "turn-2", "agent");

        Assert.Equal(("turn-1", "agent", "a1", "lookup", AuditLog.Digest("""{"a":1,"b":2}""")), Single(earlier));
        Assert.Equal(["b1", "b2"], later.Select(e => e.CallId));
        Assert.All(later, e => Assert.Equal("turn-2", e.RunId));
        Assert.Equal(AuditLog.Digest("not json"), later[1].ArgumentDigest);
        Assert.Equal([1, 2], later.Select(e => e.Step));
    }

    [Fact]
    public async Task ARecordChangedInTheStore_IsReported_NotReturned()
    {
        var store = new TamperableStore();
        var (log, audit) = (new ConversationLog(store), new AuditLog(store));
        var asked = await StepAsync(log, null, null, ("c1", """{"q":"x"}"""));
        var head = await StepAsync(log, asked, Record(1, true, "c1"));
        store.Replace(head, (await store.GetAsync(head))!.Replace("\tok", "\terror", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => audit.ReadAsync(head, "run", "agent"));

        Assert.Contains("no longer matches its content id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecordNamingACallItsConversationDoesNotHold_IsAnError()
    {
        var store = new InMemoryConversationStore();
        var log = new ConversationLog(store);
        var head = await StepAsync(log, await StepAsync(log, null, null, ("c1", "{}")), Record(1, true, "other"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new AuditLog(store).ReadAsync(head, "run", "agent"));

        Assert.Contains("'other'", error.Message, StringComparison.Ordinal);
    }

    private static (string, string, string, string, string) Single(IReadOnlyList<AuditEntry> entries)
    {
        var entry = Assert.Single(entries);
        return (entry.RunId, entry.Agent, entry.CallId, entry.Tool, entry.ArgumentDigest);
    }

    private static string Record(int step, bool first, params string[] callIds) =>
        AuditStepCodec.Encode(new AuditStep(step, first, At, At.AddMilliseconds(5), callIds.Select(c => new AuditCall(c, "tool", "read", "ok")).ToList()));

    /// <summary>One model call's segment: the record of the step before, a tool result, and a reply asking for the calls.</summary>
    private static Task<string> StepAsync(ConversationLog log, string? head, string? audit, params (string Id, string Arguments)[] calls)
    {
        var reply = calls.Length == 0
            ? new ChatMessage(ChatRole.Assistant, "done")
            : new ChatMessage(ChatRole.Assistant, calls.Select(c => (AIContent)ToolCallArguments.CreateCall(c.Id, "lookup", c.Arguments)).ToList());
        return log.AppendAsync(head, [ConversationEntry.Inline(new ChatMessage(ChatRole.User, "go on")), ConversationEntry.Inline(reply)], audit, CancellationToken.None);
    }

    /// <summary>An in-memory store whose entries a test can overwrite, as someone with access to the store could.</summary>
    private sealed class TamperableStore : IConversationStore
    {
        private readonly InMemoryConversationStore _inner = new();
        private readonly Dictionary<string, string> _replaced = new(StringComparer.Ordinal);

        public void Replace(string id, string content) => _replaced[id] = content;

        public Task<string> PutAsync(string content, CancellationToken cancellationToken = default) => _inner.PutAsync(content, cancellationToken);

        public async Task<string?> GetAsync(string id, CancellationToken cancellationToken = default) =>
            _replaced.TryGetValue(id, out var replaced) ? replaced : await _inner.GetAsync(id, cancellationToken);

        public Task<long> GetStoredBytesAsync(CancellationToken cancellationToken = default) => _inner.GetStoredBytesAsync(cancellationToken);
    }
}

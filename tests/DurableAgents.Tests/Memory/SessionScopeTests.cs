using DurableAgents.Agents;
using DurableAgents.Memory;
using DurableAgents.Sessions;
using DurableAgents.Testing;
using DurableAgents.Tests.Runs.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Tests.Memory;

/// <summary>Issue 16: facts remembered in a session turn stay in the session's scope; its turns recall them beside the agent-wide ones.</summary>
public sealed class SessionScopeTests : RunTestBase
{
    private const string Query = """{"query":"the customer prefers email and Contoso pays in thirty days"}""";

    private SessionClient Sessions => Host!.Services.GetRequiredService<SessionClient>();

    private AgentMemory Memory => Host!.Services.GetRequiredService<AgentMemory>();

    [Fact]
    public async Task ASessionsFacts_AreRecalledByItsTurnsOnly_BesideTheAgentWideOnes()
    {
        await StartAsync(Policy(FactScope.Session), [MemoryTools.Remember(), MemoryTools.Recall()]);
        var chat = await Sessions.CreateAsync(AgentName, "chat-a");
        var other = await Sessions.CreateAsync(AgentName, "chat-b");

        Model.ThenCall(("c1", "remember", """{"fact":"The customer in this chat prefers email."}""")).ThenAnswer("noted");
        await TurnAsync(chat, "I prefer email.", 1);
        Model.ThenCall(("c2", "remember", """{"fact":"Contoso pays within thirty days."}""")).ThenAnswer("noted");
        await RunAsync("Note Contoso's payment terms.");
        Model.ThenCall(("c3", "recall", Query)).ThenAnswer("ok");
        await TurnAsync(chat, "What do you know?", 2);
        var seenInSession = ResultSeen(Model.Calls.Count - 1, "c3");
        Model.ThenCall(("c4", "recall", Query)).ThenAnswer("ok");
        await TurnAsync(other, "What do you know?", 1);
        var seenElsewhere = ResultSeen(Model.Calls.Count - 1, "c4");
        Model.ThenCall(("c5", "recall", Query)).ThenAnswer("ok");
        await RunAsync("What do you know?");
        var seenOutside = ResultSeen(Model.Calls.Count - 1, "c5");

        var facts = await Memory.ListAsync(AgentName, MemoryKinds.Fact, 10);
        Assert.Equal(["", "session:chat-a"], facts.Select(f => f.Scope).Order());
        Assert.Contains("for this session only", ResultSeen(1, "c1"), StringComparison.Ordinal);
        Assert.Contains("prefers email", seenInSession, StringComparison.Ordinal);
        Assert.Contains("this session's", seenInSession, StringComparison.Ordinal);
        Assert.Contains("thirty days", seenInSession, StringComparison.Ordinal);
        Assert.DoesNotContain("prefers email", seenElsewhere, StringComparison.Ordinal);
        Assert.Contains("thirty days", seenElsewhere, StringComparison.Ordinal);
        Assert.DoesNotContain("prefers email", seenOutside, StringComparison.Ordinal);
        Assert.Equal(["session:chat-a"], (await Memory.ListAsync(AgentName, null, 10, MemoryKeys.Session("chat-a"))).Select(f => f.Scope));
        Assert.Equal(1, await Memory.PurgeAsync(AgentName, MemoryKeys.Session("chat-a")));
        Assert.Equal([""], (await Memory.ListAsync(AgentName, null, 10)).Select(f => f.Scope));
    }

    [Fact]
    public async Task WithTheAgentScope_ASessionsFactsAreAgentWide()
    {
        await StartAsync(Policy(FactScope.Agent), [MemoryTools.Remember(), MemoryTools.Recall()]);
        var chat = await Sessions.CreateAsync(AgentName, "chat-c");

        Model.ThenCall(("c1", "remember", """{"fact":"The customer in this chat prefers email."}""")).ThenAnswer("noted");
        await TurnAsync(chat, "I prefer email.", 1);
        Model.ThenCall(("c1", "recall", Query)).ThenAnswer("ok");
        await RunAsync("What do you know?");

        Assert.Equal("", Assert.Single(await Memory.ListAsync(AgentName, MemoryKinds.Fact, 10)).Scope);
        Assert.Contains("prefers email", ResultSeen(Model.Calls.Count - 1, "c1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScopeNoStoreCanKeep_IsRefusedWithTheRule()
    {
        await StartAsync(Policy(FactScope.Session), [MemoryTools.Remember()]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Memory.RememberAsync(AgentName, "f1", "A fact.", "run-1", 1, "team:x"));

        Assert.Contains("use session:{id} or user:{key}", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Memory.ListAsync(AgentName, null, 10, "session:"));
        Assert.Empty(await Memory.ListAsync(AgentName, null, 10));
        Assert.Throws<ArgumentException>(() => (Policy(FactScope.Session).Memory with { FactScope = (FactScope)7 }).Validate());
    }

    private static AgentPolicy Policy(FactScope scope) => FastPolicy with { Memory = new MemoryPolicy { FactScope = scope, RecallMinScore = -1 } };

    private async Task TurnAsync(string session, string text, int turn)
    {
        await Sessions.SendAsync(session, text);
        await TestDeadline.WaitUntilAsync(async () => (await Sessions.GetAsync(session))?.Status is { TurnCount: var n, Turns: var turns } && n >= turn
            && turns.All(t => t.EndedAt is not null), $"turn {turn} of session {session} ends");
    }
}

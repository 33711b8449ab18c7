using DurableAgents.Agents;
using DurableAgents.Memory;
using DurableAgents.Runs;
using DurableAgents.Sessions;
using DurableAgents.Testing;
using DurableAgents.Tests.Runs.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Tests.Memory;

/// <summary>Issue 16: a run (or session) started for a user keeps the facts it remembers in <c>user:{key}</c>; only that user's runs recall them.</summary>
public sealed class UserScopeTests : RunTestBase
{
    private const string Query = """{"query":"prefers email phone and Contoso pays in thirty days"}""";

    private AgentMemory Memory => Host!.Services.GetRequiredService<AgentMemory>();

    [Fact]
    public async Task AUsersFacts_AreRecalledByThatUsersRunsOnly_BesideTheAgentWideOnes()
    {
        await StartAsync(Policy(FactScope.User), [MemoryTools.Remember(), MemoryTools.Recall()]);

        Model.ThenCall(("c1", "remember", """{"fact":"Alice prefers email."}""")).ThenAnswer("noted");
        var alicesRun = await RunForAsync("alice@contoso.com", "I prefer email.");
        Model.ThenCall(("c2", "remember", """{"fact":"Bob prefers the phone."}""")).ThenAnswer("noted");
        await RunForAsync("bob", "I prefer the phone.");
        Model.ThenCall(("c3", "remember", """{"fact":"Contoso pays within thirty days."}""")).ThenAnswer("noted");
        await RunForAsync(null, "Note Contoso's payment terms.");
        var seenByAlice = await RecallForAsync("alice@contoso.com", "c4");
        var seenByBob = await RecallForAsync("bob", "c5");
        var seenByNobody = await RecallForAsync(null, "c6");

        Assert.Contains("for this user only", ResultSeen(1, "c1"), StringComparison.Ordinal);
        Assert.Equal(["", "user:alice@contoso.com", "user:bob"], (await Memory.ListAsync(AgentName, MemoryKinds.Fact, 10)).Select(f => f.Scope).Order());
        Assert.Contains("Alice prefers email", seenByAlice, StringComparison.Ordinal);
        Assert.Contains("this user's", seenByAlice, StringComparison.Ordinal);
        Assert.Contains("thirty days", seenByAlice, StringComparison.Ordinal);
        Assert.DoesNotContain("Bob", seenByAlice, StringComparison.Ordinal);
        Assert.Contains("Bob prefers the phone", seenByBob, StringComparison.Ordinal);
        Assert.DoesNotContain("Alice", seenByBob, StringComparison.Ordinal);
        Assert.Contains("thirty days", seenByNobody, StringComparison.Ordinal);
        Assert.DoesNotContain("Alice", seenByNobody, StringComparison.Ordinal);
        Assert.DoesNotContain("Bob", seenByNobody, StringComparison.Ordinal);
        Assert.Equal("alice@contoso.com", (await Host!.Runs.GetRunAsync(alicesRun))!.User);
        Assert.Equal(1, await Memory.PurgeAsync(AgentName, MemoryKeys.User("bob")));
    }

    [Fact]
    public async Task ASessionForAUser_PassesTheUserToEachTurn_AndTheUsersFactsOutliveTheSession()
    {
        await StartAsync(Policy(FactScope.User), [MemoryTools.Remember(), MemoryTools.Recall()]);
        var sessions = Host!.Services.GetRequiredService<SessionClient>();
        var carols = await sessions.CreateAsync(AgentName, "chat-carol", "carol");
        var daves = await sessions.CreateAsync(AgentName, "chat-dave", "dave");

        Model.ThenCall(("c1", "remember", """{"fact":"Carol prefers email."}""")).ThenAnswer("noted");
        var carolsTurn = await TurnAsync(sessions, carols, "I prefer email.");
        Model.ThenCall(("c2", "recall", Query)).ThenAnswer("ok");
        await TurnAsync(sessions, daves, "What do you know?");
        var seenByDave = ResultSeen(Model.Calls.Count - 1, "c2");
        var seenByCarolLater = await RecallForAsync("carol", "c3");

        Assert.Equal("carol", (await sessions.GetAsync(carols))!.User);
        Assert.Equal("user:carol", Assert.Single(await Memory.ListAsync(AgentName, MemoryKinds.Fact, 10)).Scope);
        var turn = (await Host.Runs.GetRunAsync(carolsTurn))!;
        Assert.Equal(("carol", "chat-carol"), (turn.User, turn.Session));
        Assert.DoesNotContain("Carol", seenByDave, StringComparison.Ordinal);
        Assert.Contains("Carol prefers email", seenByCarolLater, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheUser_IsCarriedAcrossContinueAsNew_AndToSubAgents()
    {
        await StartAsync(Policy(FactScope.User) with { ContinueAsNewEvery = 1 }, [Tools.Lookup(), MemoryTools.Remember()],
            configure: a => a.SubAgents.Add("helper"),
            more: b => b.AddAgent("helper", h =>
            {
                h.Model = Model; // one script for both: the parent waits while its helper runs
                h.Policy = Policy(FactScope.User);
                h.AddMemoryTools();
            }));
        Model.ThenCall(("c1", "lookup", """{"query":"a"}"""))
            .ThenCall(("c2", "remember", """{"fact":"Erin's parent run remembered this."}"""))
            .ThenCall(("c3", "helper", """{"task":"remember Erin's plan"}"""))
            .ThenCall(("h1", "remember", """{"fact":"Erin's helper remembered this."}""")).ThenAnswer("helped")
            .ThenAnswer("done");

        await RunForAsync("erin", "Work for Erin.");

        Assert.Equal("user:erin", Assert.Single(await Memory.ListAsync(AgentName, MemoryKinds.Fact, 10)).Scope);
        Assert.Equal("user:erin", Assert.Single(await Memory.ListAsync("helper", MemoryKinds.Fact, 10)).Scope);
    }

    [Fact]
    public async Task WithAnotherScope_AUsersRunKeepsItsFactsAgentWide_ButStillRecallsTheUsers()
    {
        await StartAsync(Policy(FactScope.Agent), [MemoryTools.Remember(), MemoryTools.Recall()]);
        await Memory.RememberAsync(AgentName, "kept", "Frank prefers email.", "run-0", 1, MemoryKeys.User("frank"));

        Model.ThenCall(("c1", "remember", """{"fact":"Contoso pays within thirty days."}""")).ThenAnswer("noted");
        await RunForAsync("frank", "Note Contoso's payment terms.");
        var seen = await RecallForAsync("frank", "c2");

        Assert.Equal(["", "user:frank"], (await Memory.ListAsync(AgentName, MemoryKinds.Fact, 10)).Select(f => f.Scope).Order());
        Assert.Contains("Frank prefers email", seen, StringComparison.Ordinal);
        Assert.Contains("thirty days", seen, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("user:alice")]
    [InlineData("ünïcode")]
    public async Task ABadUserKey_IsRefusedWithTheRule_AndStartsNothing(string user)
    {
        await StartAsync(Policy(FactScope.User), [MemoryTools.Remember()]);
        var sessions = Host!.Services.GetRequiredService<SessionClient>();

        var run = await Assert.ThrowsAsync<ArgumentException>(() => Host.Runs.StartRunAsync(AgentName, "goal", new AgentRunStartOptions { RunId = "bad-user", User = user }));
        var session = await Assert.ThrowsAsync<ArgumentException>(() => sessions.CreateAsync(AgentName, "bad-user-chat", user));

        Assert.Contains("letters, digits, '-', '_', '.', '@', '+' or '='", run.Message, StringComparison.Ordinal);
        Assert.Contains("not valid", session.Message, StringComparison.Ordinal);
        Assert.Empty(await Host.InstanceIdsAsync());
    }

    [Fact]
    public async Task AnOverlongUserKey_IsRefusedWithItsLength_AndTheNewScopeIsAValidPolicy()
    {
        await StartAsync(Policy(FactScope.User), [MemoryTools.Remember()]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Host!.Runs.StartRunAsync(AgentName, "goal", new AgentRunStartOptions { User = new string('k', 129) }));

        Assert.Contains("of 129 characters", error.Message, StringComparison.Ordinal);
        Assert.True(UserKeys.IsValid(new string('k', 128), out _));
        Policy(FactScope.User).Memory.Validate();
        var bad = Assert.Throws<ArgumentException>(() => (Policy(FactScope.User).Memory with { FactScope = (FactScope)7 }).Validate());
        Assert.Contains("FactScope.User", bad.Message, StringComparison.Ordinal);
    }

    private static AgentPolicy Policy(FactScope scope) => FastPolicy with { Memory = new MemoryPolicy { FactScope = scope, RecallMinScore = -1 } };

    private async Task<string> RunForAsync(string? user, string goal)
    {
        var id = await Host!.Runs.StartRunAsync(AgentName, goal, new AgentRunStartOptions { User = user });
        await Host.WaitForResultAsync(id);
        return id;
    }

    /// <summary>A run for <paramref name="user"/> that recalls; what the recall returned.</summary>
    private async Task<string> RecallForAsync(string? user, string callId)
    {
        Model.ThenCall((callId, "recall", Query)).ThenAnswer("ok");
        await RunForAsync(user, "What do you know?");
        return ResultSeen(Model.Calls.Count - 1, callId);
    }

    /// <summary>Sends a message and waits for its turn to end; the turn's run id.</summary>
    private static async Task<string> TurnAsync(SessionClient sessions, string session, string text)
    {
        var receipt = await sessions.SendAsync(session, text);
        await TestDeadline.WaitUntilAsync(async () => await sessions.WaitForTurnAsync(receipt.RunId, TimeSpan.FromSeconds(1)) is not null,
            $"the turn of session {session} ends");
        return receipt.RunId;
    }
}

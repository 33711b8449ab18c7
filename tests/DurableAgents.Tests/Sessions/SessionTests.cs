using DurableAgents.Agents;
using DurableAgents.Sessions;
using DurableAgents.Testing;
using DurableAgents.Tests.Runs.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Tests.Sessions;

/// <summary>Multi-turn sessions on the SQLite task hub: order, continuation by reference, resent messages, continue-as-new.</summary>
public sealed class SessionTests : IAsyncDisposable
{
    private readonly SessionTestModel _model = new();
    private readonly TempFolder _data = new("da-session");
    private AgentTestHost? _host;

    private SessionClient Sessions => _host!.Services.GetRequiredService<SessionClient>();

    [Fact]
    public async Task MessagesSentAtOnce_AreAnsweredOneTurnAtATime_EachTurnSeeingThePreviousTurns()
    {
        await StartAsync(turnsPerGeneration: 2); // continues as new twice while messages are waiting
        var id = await Sessions.CreateAsync("chat");
        var texts = Enumerable.Range(1, 6).Select(i => $"message-{i}").ToList();
        await Task.WhenAll(texts.Select(t => Sessions.SendAsync(id, t, messageId: t)));

        var turns = await WaitForTurnsAsync(id, 6);
        Assert.Equal([1, 2, 3, 4, 5, 6], turns.Select(t => t.Turn));
        Assert.Equal(texts.Order(), turns.Select(t => t.MessageId).Order()); // each message exactly one turn
        for (var k = 0; k < turns.Count; k++)
        {
            var before = turns.Take(k + 1).Select(t => t.MessageId).ToList();
            Assert.Equal(SessionTestModel.AnswerFor(before), turns[k].Answer); // saw every earlier turn, in turn order
            var call = Assert.Single(_model.Calls, c => c.RunId == turns[k].RunId);
            Assert.Equal(k, call.Messages.Count(m => m.Role == ChatRole.Assistant)); // and each earlier answer once
        }
    }

    [Fact]
    public async Task MessagesSentOneAfterAnother_KeepTheirOrder_AndAResentMessageIsOneTurn()
    {
        await StartAsync();
        var id = await Sessions.CreateAsync("chat", "ordered");
        foreach (var text in new[] { "a", "b", "c" })
        {
            await Sessions.SendAsync(id, text, messageId: text);
        }

        await Sessions.SendAsync(id, "b again", messageId: "b"); // a retry of "b", maybe before its turn started
        var turns = await WaitForTurnsAsync(id, 3);
        Assert.Equal(["a", "b", "c"], turns.Select(t => t.MessageId));
        Assert.Equal("seen a|b|c", turns[2].Answer);

        var resent = await Sessions.SendAsync(id, "c again", messageId: "c");
        Assert.True(resent.Resent);
        Assert.Equal(turns[2].RunId, resent.RunId);
        await Sessions.SendAsync(id, "d", messageId: "d");
        Assert.Equal(4, (await WaitForTurnsAsync(id, 4)).Count);
        Assert.Equal(4, _model.Calls.Count);
    }

    [Fact]
    public async Task ALongSession_StoresOnlyEachTurnsNewContent()
    {
        await StartAsync(turnsPerGeneration: 4);
        var id = await Sessions.CreateAsync("chat");
        var sizes = new List<long> { StoredBytes() };
        for (var i = 1; i <= 10; i++)
        {
            await Sessions.SendAsync(id, $"message {i:D2}");
            await WaitForTurnsAsync(id, i);
            sizes.Add(StoredBytes());
        }

        // The answer grows by one short word a turn (it lists the messages seen); the rest of each turn's bytes is constant.
        var growth = sizes.Zip(sizes.Skip(1), (a, b) => b - a).ToList();
        Assert.All(growth, g => Assert.InRange(g, 1, growth[0] + 11 * 10 + 200));
        Assert.True(sizes[^1] < 10 * (growth[0] + 11 * 10 + 200), $"10 turns stored {sizes[^1]} bytes; per turn: {string.Join(", ", growth)}");
    }

    [Fact]
    public async Task BadInput_IsRefusedWithAReason_AndADeletedSessionTakesNoMessages()
    {
        await StartAsync();
        await Assert.ThrowsAsync<DurableAgents.Runs.AgentNotFoundException>(() => Sessions.CreateAsync("nobody"));
        Assert.Contains("':'", (await Assert.ThrowsAsync<ArgumentException>(() => Sessions.CreateAsync("chat", "a:b"))).Message);
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Sessions.SendAsync("missing", "hello"));

        var id = await Sessions.CreateAsync("chat", "doomed");
        await Assert.ThrowsAsync<SessionConflictException>(() => Sessions.CreateAsync("chat", "doomed"));
        await Sessions.SendAsync(id, "hello");
        await WaitForTurnsAsync(id, 1);
        Assert.True(await Sessions.DeleteAsync(id));
        Assert.Null(await Sessions.GetAsync(id));
        Assert.False(await Sessions.DeleteAsync(id));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Sessions.SendAsync(id, "hello again"));
        Assert.DoesNotContain(await Sessions.ListAsync(), s => s.SessionId == id);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _data.Dispose();
    }

    private async Task StartAsync(int turnsPerGeneration = SessionNames.DefaultTurnsPerGeneration) =>
        _host = await AgentTestHost.StartAsync(b =>
        {
            b.AddAgent("chat", a =>
            {
                a.Model = _model;
                a.Policy = new AgentPolicy { RestateGoalEvery = 0 };
            });
            b.Services.AddSingleton(new SessionOptions { TurnsPerGeneration = turnsPerGeneration });
        }, fileDataPath: _data.Path);

    private long StoredBytes()
    {
        var folder = new DirectoryInfo(Path.Combine(_data.Path, "conversations"));
        return folder.Exists ? folder.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
    }

    private async Task<IReadOnlyList<SessionTurn>> WaitForTurnsAsync(string id, int count)
    {
        SessionView? view = null;
        await TestDeadline.WaitUntilAsync(async () =>
        {
            view = await Sessions.GetAsync(id);
            return view is { Status.TurnCount: var n } && n >= count && view.Status.Turns.All(t => t.EndedAt is not null);
        }, $"{count} finished turns in session {id} (now {view?.Status.TurnCount})");
        return view!.Status.Turns;
    }
}

using DurableAgents.Testing;
using DurableAgents.Tests.Runs.Infrastructure;

namespace DurableAgents.Tests.Sessions;

/// <summary>A session survives SIGKILLs of its worker between and during turns: no turn lost, none repeated, order kept.</summary>
public sealed class SessionDurabilityTests
{
    [Fact]
    public async Task KilledWithATurnInFlightAndOthersQueued_EveryMessageIsAnsweredOnceInOrder()
    {
        using var data = new TempFolder("da-session-data");
        using var logs = new TempFolder("da-session-logs");
        string[] Calls() => File.Exists(Path.Combine(logs.Path, "chat-calls.log")) ? File.ReadAllLines(Path.Combine(logs.Path, "chat-calls.log")) : [];

        // 1. Turn 1 answered, turn 2 blocked in its model call, turns 3 and 4 waiting: kill.
        await using (var first = await AgentWorkerProcess.StartAsync(data.Path, logs.Path))
        {
            Assert.Equal("OK s1", await first.SendAsync("session-create s1"));
            Assert.StartsWith("OK session-turn:s1:m1", await first.SendAsync("session-send s1 m1 first"), StringComparison.Ordinal);
            await TestDeadline.WaitUntilAsync(async () => (await first.SendAsync("session-status s1")).Contains("1:m1:Completed", StringComparison.Ordinal), "turn 1 answered");
            foreach (var (id, text) in new[] { ("m2", "second-hold"), ("m3", "third"), ("m4", "fourth") })
            {
                Assert.StartsWith("OK", await first.SendAsync($"session-send s1 {id} {text}"), StringComparison.Ordinal);
            }

            await TestDeadline.WaitUntilAsync(() => Calls().Any(c => c.StartsWith("session-turn:s1:m2", StringComparison.Ordinal)), "turn 2 in its model call");
            await first.KillAsync();
        }

        // 2. Restart with turn 2 released; kill again as soon as turn 3 has been answered (the session continues as new every 2 turns).
        File.WriteAllText(Path.Combine(logs.Path, "release"), "");
        await using (var second = await AgentWorkerProcess.StartAsync(data.Path, logs.Path))
        {
            await TestDeadline.WaitUntilAsync(async () => (await second.SendAsync("session-status s1")).Contains("3:m3:Completed", StringComparison.Ordinal), "turn 3 answered");
            await second.KillAsync();
        }

        // 3. Restart, resend m2 (a client retry), and let the session finish.
        await using (var third = await AgentWorkerProcess.StartAsync(data.Path, logs.Path))
        {
            Assert.StartsWith("OK session-turn:s1:m2", await third.SendAsync("session-send s1 m2 second-hold"), StringComparison.Ordinal);
            var status = "";
            await TestDeadline.WaitUntilAsync(async () => (status = await third.SendAsync("session-status s1")).Contains("4:m4:Completed", StringComparison.Ordinal), "turn 4 answered");
            Assert.Equal(
                "SESSION idle 4 1:m1:Completed:seen first,2:m2:Completed:seen first|second-hold,"
                + "3:m3:Completed:seen first|second-hold|third,4:m4:Completed:seen first|second-hold|third|fourth",
                status);
        }

        // Each turn's run saw exactly the turns before it: a model call may be redone after a kill, a turn never is.
        var calls = Calls().Select(c => c.Split(' ')).ToList();
        Assert.Equal(["session-turn:s1:m1", "session-turn:s1:m2", "session-turn:s1:m3", "session-turn:s1:m4"], calls.Select(c => c[0]).Distinct());
        Assert.All(calls, c => Assert.Equal(c[0][^1..], c[1]));
    }
}

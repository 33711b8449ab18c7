using DurableAgents.Testing;
using DurableAgents.Tests.Runs.Infrastructure;

namespace DurableAgents.Tests.Runs;

/// <summary>Real SIGKILLs of a worker process running an agent on the file backend.</summary>
public sealed class DurabilityTests
{
    private const string RunId = "durable-run-1";

    [Fact]
    public async Task KilledDuringFanOutAndDuringApproval_RunCompletesWithoutRepeatingCompletedCalls()
    {
        using var data = new TempFolder("da-durable-data");
        using var logs = new TempFolder("da-durable-logs");
        string Log(string file) => Path.Combine(logs.Path, file);
        string[] Lines(string file) => File.Exists(Log(file)) ? File.ReadAllLines(Log(file)) : [];

        // 1. Kill while a fan-out of three tool calls is in flight (one finished and recorded, two blocked).
        await using (var first = await AgentWorkerProcess.StartAsync(data.Path, logs.Path))
        {
            Assert.Equal("OK", await first.SendAsync($"start {RunId}"));
            await TestDeadline.WaitUntilAsync(async () =>
                AgentWorkerProcess.CompletedTasks(await first.SendAsync($"status {RunId}")) >= 2
                && Lines("tools.log").Count(l => l.StartsWith("start", StringComparison.Ordinal)) >= 3,
                "the model call and the first tool call recorded, the other two running");
            await first.KillAsync();
        }

        File.WriteAllText(Log("release"), "");

        // 2. Restart; kill again while the run waits for approval.
        await using (var second = await AgentWorkerProcess.StartAsync(data.Path, logs.Path))
        {
            await TestDeadline.WaitUntilAsync(async () => (await second.SendAsync($"status {RunId}")).StartsWith("STATUS awaiting-approval", StringComparison.Ordinal),
                "the run awaiting approval");
            await second.KillAsync();
        }

        // 3. Restart, approve, and let it finish.
        await using (var third = await AgentWorkerProcess.StartAsync(data.Path, logs.Path))
        {
            await TestDeadline.WaitUntilAsync(async () => (await third.SendAsync($"status {RunId}")).StartsWith("STATUS awaiting-approval", StringComparison.Ordinal),
                "the run awaiting approval after restart");
            Assert.Equal("OK Applied", await third.SendAsync($"approve {RunId}"));
            string result = "";
            await TestDeadline.WaitUntilAsync(async () => (result = await third.SendAsync($"result {RunId}")) != "RESULT none", "the run's result");
            Assert.Equal("RESULT Completed all done", result);
        }

        var modelCalls = Lines("model-calls.log");
        Assert.Equal(["step0", "step1", "step2"], modelCalls.Select(l => l.Split(' ')[1]));
        Assert.Equal(modelCalls.Length, modelCalls.Select(l => l.Split(' ')[0]).Distinct().Count());

        var done = Lines("tools.log").Where(l => l.StartsWith("done", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, done.Count); // n0, n1, n2, write9: each exactly once
        Assert.Equal(4, done.Select(l => l.Split(' ')[1]).Distinct().Count());
        Assert.Single(Lines("tools.log"), l => l.StartsWith("start", StringComparison.Ordinal) && l.EndsWith("n0", StringComparison.Ordinal));
    }
}

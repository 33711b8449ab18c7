using System.Text.Json;
using System.Text.Json.Nodes;
using DurableAgents.Orchestration.Backends.InMemory;
using DurableAgents.Orchestration.Execution;
using DurableAgents.Orchestration.History;
using DurableAgents.Orchestration.Tests.Infrastructure;
using DurableAgents.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.Orchestration.Tests.Histories;

/// <summary>
/// Checked-in histories must replay to the result they recorded. Regenerate (only on purpose, after a deliberate format change)
/// with DURABLEAGENTS_WRITE_FIXTURES=1.
/// </summary>
public sealed class HistoryFixtureTests
{
    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "Histories");

    public static TheoryData<string> Fixtures() => new(Directory.GetFiles(FixtureFolder, "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void RecordedHistory_ReplaysToTheRecordedOutcome(string file)
    {
        var fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureFolder, file)))!;
        var history = HistorySerializer.DeserializeHistory(fixture["history"]!.ToJsonString());
        var recorded = history.OfType<ExecutionCompletedEvent>().Single();
        var registry = new DurableTaskRegistry();
        FixtureOrchestrations.Register(registry);
        var name = history.OfType<ExecutionStartedEvent>().Single().Name;
        var executor = new OrchestrationExecutor(
            fixture["instanceId"]!.GetValue<string>(), name, registry.CreateOrchestrator(name, null!), registry.OrchestratorNames,
            JsonDataConverter.Default, NullLoggerFactory.Instance);

        executor.RunEpisode(history.Where(e => e is not ExecutionCompletedEvent).ToList(), [], DateTime.UtcNow);

        Assert.NotNull(executor.Outcome);
        Assert.Equal(recorded.Status, executor.Outcome!.Status);
        Assert.Equal(recorded.Result, executor.Outcome.Output);
    }

    [Fact]
    public void RecordedHistory_WithChangedCode_IsReportedAsNonDeterministic()
    {
        var fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureFolder, "kitchen-sink.json")))!;
        var history = HistorySerializer.DeserializeHistory(fixture["history"]!.ToJsonString());
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<string, string>("KitchenSink", async (ctx, name) => await ctx.CallActivityAsync<string>("Lower", name));
        var executor = new OrchestrationExecutor(
            "x", "KitchenSink", registry.CreateOrchestrator("KitchenSink", null!), registry.OrchestratorNames,
            JsonDataConverter.Default, NullLoggerFactory.Instance);

        var episode = executor.RunEpisode(history.Where(e => e is not ExecutionCompletedEvent).ToList(), [], DateTime.UtcNow);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, episode.Outcome!.Status);
        Assert.Contains("CallActivity('Upper')", episode.Outcome.Failure!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("CallActivity('Lower')", episode.Outcome.Failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveRun_RecordsTheSameEventSequenceAsTheFixture()
    {
        await using var backend = new InMemoryOrchestrationService();
        await using var host = await WorkerHost.StartAsync(backend, FixtureOrchestrations.Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("KitchenSink", "fixture", new() { InstanceId = "fixture-1" });
        await TestDeadline.WaitUntilAsync(async () => (await host.Client.GetInstanceAsync(id, true))?.SerializedCustomStatus is not null, "waiting");
        await host.Client.RaiseEventAsync(id, "go", "went");
        await host.Client.WaitForInstanceCompletionAsync(id, false, TestDeadline.Token());
        var history = await host.Client.GetOrchestrationHistoryAsync(id);
        var document = new JsonObject
        {
            ["instanceId"] = id,
            ["history"] = JsonNode.Parse(HistorySerializer.SerializeHistory(history)),
        };
        if (Environment.GetEnvironmentVariable("DURABLEAGENTS_WRITE_FIXTURES") == "1")
        {
            var source = Path.Combine(FindRepoRoot(), "tests", "DurableAgents.Orchestration.Tests", "Histories", "kitchen-sink.json");
            await File.WriteAllTextAsync(source, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        var fixture = HistorySerializer.DeserializeHistory(
            JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureFolder, "kitchen-sink.json")))!["history"]!.ToJsonString());
        // Actions are ordered by the code; completions may arrive in any order and batching, so compare them as a set.
        Assert.Equal(fixture.Where(IsAction).Select(Shape), history.Where(IsAction).Select(Shape));
        Assert.Equal(
            fixture.Where(e => !IsAction(e) && e is not OrchestratorStartedEvent).Select(Shape).Order(),
            history.Where(e => !IsAction(e) && e is not OrchestratorStartedEvent).Select(Shape).Order());
    }

    private static bool IsAction(HistoryEvent e) =>
        e is TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent or EventSentEvent or ExecutionCompletedEvent;

    // What must not change between engine versions: the kinds and order of events and the task each refers to.
    private static string Shape(HistoryEvent e) => e switch
    {
        TaskScheduledEvent t => $"TaskScheduled {t.TaskId} {t.Name}",
        TaskCompletedEvent t => $"TaskCompleted {t.TaskScheduledId}",
        TaskFailedEvent t => $"TaskFailed {t.TaskScheduledId}",
        TimerCreatedEvent t => $"TimerCreated {t.TimerId}",
        TimerFiredEvent t => $"TimerFired {t.TimerId}",
        SubOrchestrationInstanceCreatedEvent s => $"SubCreated {s.TaskId} {s.Name}",
        SubOrchestrationInstanceCompletedEvent s => $"SubCompleted {s.TaskScheduledId}",
        EventRaisedEvent r => $"EventRaised {r.Name}",
        ExecutionCompletedEvent c => $"Completed {c.Status}",
        _ => e.GetType().Name,
    };

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DurableAgents.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("DurableAgents.sln not found above the test folder.");
    }
}

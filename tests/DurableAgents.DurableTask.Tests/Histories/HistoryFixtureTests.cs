using System.Text.Json.Nodes;
using DurableAgents.DurableTask.Tests.Infrastructure;
using DurableAgents.DurableTask.Worker.Dispatch;
using DurableAgents.Testing;
using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.DurableTask.Tests.Histories;

/// <summary>
/// Checked-in DTFx histories must replay to the outcome they recorded with our worker's orchestrations (the Temporal
/// replay-test idea): a change to replay, to the shim wiring or to the fixture orchestrators that is not deterministic
/// breaks them. Regenerate only on purpose, with DURABLEAGENTS_WRITE_FIXTURES=1.
/// </summary>
public sealed class HistoryFixtureTests
{
    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "Histories");

    public static TheoryData<string> Fixtures() => new(FixtureOrchestrations.Runs.Select(r => r.File));

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void RecordedHistory_ReplaysToTheRecordedOutcome(string file)
    {
        var history = ReadFixture(file);
        var recorded = history.OfType<ExecutionCompletedEvent>().Single();

        var outcome = Replay(history, FixtureOrchestrations.Register);

        Assert.Equal(recorded.OrchestrationStatus, outcome.OrchestrationStatus);
        Assert.Equal(recorded.Result, outcome.Result);
    }

    [Fact]
    public void RecordedHistory_WithChangedCode_IsReportedAsNonDeterministic()
    {
        var history = ReadFixture("kitchen-sink.json");

        var outcome = Replay(history, r => r.AddOrchestratorFunc<string, string>(
            "KitchenSink", async (ctx, name) => await ctx.CallActivityAsync<string>("Lower", name)));

        Assert.Equal(OrchestrationStatus.Failed, outcome.OrchestrationStatus);
        Assert.Equal(typeof(global::DurableTask.Core.Exceptions.NonDeterministicOrchestrationException).FullName, outcome.FailureDetails!.ErrorType);
        Assert.Contains("named 'Upper'", outcome.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("named 'Lower'", outcome.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task LiveRun_RecordsTheSameActionsAsTheFixture(string file)
    {
        var run = FixtureOrchestrations.Runs.Single(r => r.File == file);
        var provider = new RecordingInMemoryService();
        await using var host = await TestHost.StartAsync(provider, FixtureOrchestrations.Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(run.Orchestrator, run.Input, new StartOrchestrationOptions { InstanceId = "fixture-1" });
        if (run.Event is { } name)
        {
            await TestDeadline.WaitUntilAsync(async () => (await host.Client.GetInstanceAsync(id, true))?.SerializedCustomStatus is not null, "waiting");
            await host.Client.RaiseEventAsync(id, name, "went");
        }

        await host.Client.WaitForInstanceCompletionAsync(id, false, TestDeadline.Token());
        var history = await host.Client.GetOrchestrationHistoryAsync(id);
        if (Environment.GetEnvironmentVariable("DURABLEAGENTS_WRITE_FIXTURES") == "1")
        {
            await File.WriteAllTextAsync(Path.Combine(SourceFolder(), file), HistoryJson.Write(history));
            return;
        }

        // Actions are ordered by the code; completions may arrive in any order and batching, so compare those as a set, without
        // the episode markers, whose number is the number of batches (it varied with the machine's load).
        var fixture = ReadFixture(file);
        Assert.Equal(fixture.Where(IsAction).Select(Shape), history.Where(IsAction).Select(Shape));
        Assert.Equal(fixture.Where(IsCompletion).Select(Shape).Order(), history.Where(IsCompletion).Select(Shape).Order());
    }

    private static IList<HistoryEvent> ReadFixture(string file) => HistoryJson.Parse(File.ReadAllText(Path.Combine(FixtureFolder, file)));

    private static OrchestrationCompleteOrchestratorAction Replay(IList<HistoryEvent> history, Action<DurableTaskRegistry> register)
    {
        var registry = new DurableTaskRegistry();
        register(registry);
        using var services = new ServiceCollection().BuildServiceProvider();
        var manager = new OrchestrationObjectManager(
            new RegistryTaskFactory(registry), new DurableTaskShimFactory(), JsonDataConverter.Default, RegisteredTasks.From(registry), services);
        var state = new OrchestrationRuntimeState(history.Where(e => e is not ExecutionCompletedEvent).ToList());
        var orchestration = manager.GetObject(state.Name, state.Version);
        var executor = new TaskOrchestrationExecutor(state, orchestration, BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.UseFailureDetails);

        var result = executor.Execute();

        return result.Actions.OfType<OrchestrationCompleteOrchestratorAction>().Single();
    }

    private static bool IsAction(HistoryEvent e) =>
        e is TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent or EventSentEvent or ExecutionCompletedEvent;

    private static bool IsCompletion(HistoryEvent e) => !IsAction(e) && e is not (OrchestratorStartedEvent or OrchestratorCompletedEvent);

    // What must not change between versions: the kinds and order of events and the task each refers to.
    private static string Shape(HistoryEvent e) => e switch
    {
        TaskScheduledEvent t => $"TaskScheduled {t.EventId} {t.Name}",
        TaskCompletedEvent t => $"TaskCompleted {t.TaskScheduledId}",
        TaskFailedEvent t => $"TaskFailed {t.TaskScheduledId}",
        TimerCreatedEvent t => $"TimerCreated {t.EventId}",
        TimerFiredEvent t => $"TimerFired {t.TimerId}",
        SubOrchestrationInstanceCreatedEvent s => $"SubCreated {s.EventId} {s.Name}",
        SubOrchestrationInstanceCompletedEvent s => $"SubCompleted {s.TaskScheduledId}",
        EventRaisedEvent r => $"EventRaised {r.Name}",
        ExecutionCompletedEvent c => $"Completed {c.OrchestrationStatus}",
        _ => e.EventType.ToString(),
    };

    private static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DurableAgents.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "DurableAgents.DurableTask.Tests", "Histories");
            }
        }

        throw new InvalidOperationException("DurableAgents.sln not found above the test folder.");
    }
}

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.DurableTask.Tests.Conformance;

public abstract partial class ConformanceTests
{
    [Fact]
    public Task NonDeterministicCode_FailsInstance_NamingWhatHistoryExpectedAndWhatTheCodeAsked() =>
        AssertReplayMismatchAsync(ctx => ctx.CallActivityAsync<string>("B", "1"), "named 'A'", "activity task named 'B'");

    [Fact]
    public Task NonDeterministicCode_OfAnotherKind_IsNamedInSdkTerms() =>
        AssertReplayMismatchAsync(ctx => ctx.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None), "named 'A'", "a timer (CreateTimer)");

    // Runs code that calls activity A and waits, then restarts with code whose first step is different (a deploy), and
    // checks the instance fails as non-deterministic with a message holding every expected fragment.
    private async Task AssertReplayMismatchAsync(Func<TaskOrchestrationContext, Task> changedFirstStep, params string[] expected)
    {
        static Action<DurableTaskRegistry> Code(Func<TaskOrchestrationContext, Task> firstStep) => r => r
            .AddActivityFunc<string, string>("A", (_, x) => x)
            .AddActivityFunc<string, string>("B", (_, x) => x)
            .AddOrchestratorFunc<string>("Changing", async ctx =>
            {
                await firstStep(ctx);
                ctx.SetCustomStatus("first step done");
                return await ctx.WaitForExternalEvent<string>("continue");
            });
        await StartAsync(Code(ctx => ctx.CallActivityAsync<string>("A", "1")));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Changing");
        await WaitForCustomStatusAsync(id, "first step done");

        await RestartAsync(Code(changedFirstStep));
        await Client.RaiseEventAsync(id, "continue", "go");

        var result = await WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("DurableTask.Core.Exceptions.NonDeterministicOrchestrationException", result.FailureDetails!.ErrorType);
        Assert.All(expected, e => Assert.Contains(e, result.FailureDetails.ErrorMessage, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownOrchestrator_FailsAtOnce_AndDoesNotStallOtherInstances()
    {
        // One orchestration work item at a time: an unknown name stuck in a retry loop would hold the only slot.
        await StartAsync(
            r => r.AddOrchestratorFunc<string>("Known", _ => Task.FromResult("ok")).AddOrchestratorFunc<string>("AlsoKnown", _ => Task.FromResult("ok")),
            o => o.Concurrency.MaximumConcurrentOrchestrationWorkItems = 1);

        var unknown = await Client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator");
        var known = await Client.ScheduleNewOrchestrationInstanceAsync("Known");

        Assert.Equal("ok", (await WaitForCompletionAsync(known)).ReadOutputAs<string>());
        var failed = await WaitForCompletionAsync(unknown);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(typeof(TaskNotRegisteredException).FullName, failed.FailureDetails!.ErrorType);
        Assert.Equal(
            "No orchestrator named 'NoSuchOrchestrator' is registered; registered: AlsoKnown, Known. Register it with AddTasks(r => r.AddOrchestrator(...)) on this worker.",
            failed.FailureDetails.ErrorMessage);
    }

    [Fact]
    public async Task UnknownActivity_FailsTheCall_WhichTheOrchestratorCanCatch()
    {
        await StartAsync(r => r
            .AddActivityFunc<string, string>("Echo", (_, x) => x)
            .AddOrchestratorFunc<string>("CallsMissing", async ctx =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("NoSuchActivity");
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}";
                }
            }));

        var result = await RunAsync("CallsMissing");

        Assert.Equal(
            $"{typeof(TaskNotRegisteredException).FullName}: No activity named 'NoSuchActivity' is registered; registered: Echo. " +
            "Register it with AddTasks(r => r.AddActivity(...)) on this worker.",
            result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task InputThatDoesNotDeserialize_FailsWithAClearError_AndTheWorkerKeepsRunning()
    {
        await StartAsync(r => r
            .AddActivityFunc<int, int>("Double", (_, x) => x * 2)
            .AddOrchestratorFunc<int, int>("Typed", async (ctx, x) => await ctx.CallActivityAsync<int>("Double", x))
            .AddOrchestratorFunc<int>("BadActivityInput", ctx => ctx.CallActivityAsync<int>("Double", "not a number")));

        var badInput = await RunAsync("Typed", "not a number");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, badInput.RuntimeStatus);
        Assert.Equal(typeof(TaskInputException).FullName, badInput.FailureDetails!.ErrorType);
        Assert.StartsWith("The input of orchestrator 'Typed' could not be read as Int32:", badInput.FailureDetails.ErrorMessage, StringComparison.Ordinal);

        var badActivityInput = await RunAsync("BadActivityInput");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, badActivityInput.RuntimeStatus);
        Assert.Contains("The input of activity 'Double' could not be read as Int32", badActivityInput.FailureDetails!.ToString(), StringComparison.Ordinal);

        Assert.Equal(42, (await RunAsync("Typed", 21)).ReadOutputAs<int>());
    }

    [Fact]
    public async Task OrchestratorException_FailsInstance_WithDetails()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string>("Throws", _ => Throw<Task<string>>(new InvalidOperationException("orchestrator broke"))));

        var result = await RunAsync("Throws");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("System.InvalidOperationException", result.FailureDetails!.ErrorType);
        Assert.Equal("orchestrator broke", result.FailureDetails.ErrorMessage);
        Assert.NotNull(result.FailureDetails.StackTrace);
    }

    [Fact]
    public async Task LargePayloads_SixteenMegabytesInAndOut()
    {
        const int size = 16 * 1024 * 1024;
        await StartAsync(r => r
            .AddActivityFunc<int, string>("Make", (_, n) => new string('x', n))
            .AddOrchestratorFunc<string, string>("Big", async (ctx, input) =>
            {
                var made = await ctx.CallActivityAsync<string>("Make", size);
                return $"{input.Length}:{made.Length}:{made[..3]}";
            }));

        var result = await RunAsync("Big", new string('y', size));

        AssertCompleted(result);
        Assert.Equal($"{size}:{size}:xxx", result.ReadOutputAs<string>());
        Assert.Equal(size, result.ReadInputAs<string>()!.Length);
    }
}

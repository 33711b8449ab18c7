namespace DurableAgents.Orchestration.Tests.Conformance;

public abstract partial class ConformanceTests
{
    [Fact]
    public async Task NonDeterministicCode_FailsInstance_NamingExpectedAndActual()
    {
        await StartAsync(r => r
            .AddActivityFunc<string, string>("A", (_, x) => x)
            .AddActivityFunc<string, string>("B", (_, x) => x)
            .AddOrchestratorFunc<string>("Changing", async ctx =>
            {
                await ctx.CallActivityAsync<string>("A", "1");
                return await ctx.WaitForExternalEvent<string>("continue");
            }));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Changing");
        await Testing.TestDeadline.WaitUntilAsync(
            async () => (await Client.GetOrchestrationHistoryAsync(id)).OfType<History.TaskCompletedEvent>().Any(), "activity A completed");

        // A deploy changes the code: the first call is now to B.
        await RestartAsync(r => r
            .AddActivityFunc<string, string>("A", (_, x) => x)
            .AddActivityFunc<string, string>("B", (_, x) => x)
            .AddOrchestratorFunc<string>("Changing", async ctx =>
            {
                await ctx.CallActivityAsync<string>("B", "1");
                return await ctx.WaitForExternalEvent<string>("continue");
            }));
        await Client.RaiseEventAsync(id, "continue", "go");

        var result = await WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains("CallActivity('A')", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("CallActivity('B')", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_ClearErrors_AndTheWorkerKeepsRunning()
    {
        await StartAsync(r => r
            .AddActivityFunc<int, int>("Double", (_, x) => x * 2)
            .AddOrchestratorFunc<int, int>("Typed", async (ctx, x) => await ctx.CallActivityAsync<int>("Double", x))
            .AddOrchestratorFunc<string>("CallsMissing", async ctx =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("NoSuchActivity");
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorMessage;
                }
            })
            .AddOrchestratorFunc<int>("BadActivityInput", ctx => ctx.CallActivityAsync<int>("Double", "not a number")));

        var unknown = await RunAsync("NoSuchOrchestrator");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, unknown.RuntimeStatus);
        Assert.Contains("No orchestrator named 'NoSuchOrchestrator'", unknown.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'Typed'", unknown.FailureDetails.ErrorMessage, StringComparison.Ordinal);

        var badInput = await RunAsync("Typed", "not a number");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, badInput.RuntimeStatus);
        Assert.Contains("could not be read as Int32", badInput.FailureDetails!.ErrorMessage, StringComparison.Ordinal);

        var missing = await RunAsync("CallsMissing");
        Assert.Contains("No activity named 'NoSuchActivity'", missing.ReadOutputAs<string>(), StringComparison.Ordinal);

        var badActivityInput = await RunAsync("BadActivityInput");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, badActivityInput.RuntimeStatus);
        Assert.Contains("input of activity 'Double'", badActivityInput.FailureDetails!.InnerFailure!.ErrorMessage, StringComparison.Ordinal);

        await Assert.ThrowsAsync<ArgumentException>(() => Client.ScheduleNewOrchestrationInstanceAsync("Typed", 1, new() { InstanceId = "bad id/with slash" }));

        var healthy = await RunAsync("Typed", 21);
        Assert.Equal(42, healthy.ReadOutputAs<int>());
    }

    [Fact]
    public async Task OrchestratorException_FailsInstance_WithDetails()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string>("Throws", _ => throw new InvalidOperationException("orchestrator broke")));

        var result = await RunAsync("Throws");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal("System.InvalidOperationException", result.FailureDetails!.ErrorType);
        Assert.Equal("orchestrator broke", result.FailureDetails.ErrorMessage);
    }
}

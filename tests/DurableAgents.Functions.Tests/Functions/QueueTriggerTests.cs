using DurableAgents.Api.Queue;
using DurableAgents.Functions.Tests.Infrastructure;
using DurableAgents.Functions.Triggers;
using DurableAgents.Testing;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Functions.Tests.Functions;

/// <summary>The queue trigger: the self-hosted message format, run id from the message id, and its reasons for bad messages.</summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class QueueTriggerTests(FunctionsApp app)
{
    [Fact]
    public async Task QueueMessage_StartsARun_AndItsRedeliveryStartsNone()
    {
        var function = app.Create<QueueRunFunction>(out var scope);
        using var _ = scope;
        const string message = "{\"agent\": \"background\", \"input\": \"What is 6 * 7?\"}";

        await function.RunAsync(message, "fn-msg-1", dequeueCount: 1, app.Client, default);
        var first = await WaitCompletedAsync("queue-fn-msg-1");
        await function.RunAsync(message, "fn-msg-1", dequeueCount: 2, app.Client, default);
        var after = await app.Client.GetInstanceAsync("queue-fn-msg-1", getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, after!.RuntimeStatus);
        Assert.Equal(first.CreatedAt, after.CreatedAt); // the same run, not a second one under the same id
        Assert.Equal(first.SerializedOutput, after.SerializedOutput);
        Assert.Contains("42", after.SerializedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATopicOnTheLessonQueue_StartsALesson()
    {
        var function = app.Create<QueueRunFunction>(out var scope);
        using var _ = scope;

        await function.RunLessonAsync("Volcanoes", "fn-lesson-1", dequeueCount: 1, app.Client, default);
        var run = await WaitCompletedAsync("queue-fn-lesson-1");

        Assert.Contains("# Volcanoes", run.SerializedOutput, StringComparison.Ordinal);
        Assert.Contains("\"lesson-pipeline\"", run.SerializedInput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Base64MessageWithRunId_StartsThatRun()
    {
        var function = app.Create<QueueRunFunction>(out var scope);
        using var _ = scope;
        var message = Convert.ToBase64String("{\"agent\":\"background\",\"input\":{\"task\":\"what time is it\"},\"runId\":\"fn-queue-explicit\"}"u8);

        await function.RunAsync(message, "fn-msg-2", dequeueCount: 1, app.Client, default);

        Assert.NotNull(await WaitCompletedAsync("fn-queue-explicit"));
        Assert.Null(await app.Client.GetInstanceAsync("queue-fn-msg-2"));
    }

    [Theory]
    [InlineData("not json", "neither JSON nor base64-encoded JSON")]
    [InlineData("{\"agent\":\"ghost\",\"input\":\"x\"}", "No agent named 'ghost' is registered. Known agents: background, lesson-fact-checker,")]
    [InlineData("{\"agent\":\"background\"}", "The message has no \"input\"")]
    [InlineData("{\"agent\":\"background\",\"input\":\"x\",\"runId\":\"bad id!\"}", "\"runId\" is not usable")]
    public async Task InvalidMessage_Throws_WithTheSelfHostedReason_SoTheHostPoisonsIt(string message, string reason)
    {
        var function = app.Create<QueueRunFunction>(out var scope);
        using var _ = scope;
        var id = "fn-bad-" + Guid.NewGuid().ToString("N")[..8];

        var error = await Assert.ThrowsAsync<QueueMessageNotHandledException>(() => function.RunAsync(message, id, 1, app.Client, default));

        Assert.Equal(QueueMessageOutcomeKind.Poison, error.Outcome.Kind);
        Assert.Contains(reason, error.Outcome.Reason, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Null(await app.Client.GetInstanceAsync("queue-" + id));
    }

    private async Task<OrchestrationMetadata> WaitCompletedAsync(string id)
    {
        OrchestrationMetadata? run = null;
        await TestDeadline.WaitUntilAsync(async () =>
            (run = await app.Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"run {id} completes", seconds: 90);
        return run!;
    }
}

using System.Text.Json;
using DurableAgents.Host.Api;
using DurableAgents.Host.Hosting;
using DurableAgents.Orchestration.AzureStorage;
using DurableAgents.Orchestration.Worker;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DurableAgents.Host.CustomHandler;

/// <summary>
/// The custom-handler endpoints of the engine's own queues in <see cref="AzureStorageMode.Triggered"/> mode: on a plan that scales to
/// zero the Functions host polls <c>{hub}-control-N</c> and <c>{hub}-workitems</c> and posts each message here
/// (functions <c>engine-control-N</c> and <c>engine-workitems</c>, templates in Functions/).
/// </summary>
public static class EngineTriggerApi
{
    /// <summary>The prefix of the control-queue functions; the partition number follows.</summary>
    public const string ControlFunctionPrefix = "engine-control-";

    /// <summary>The work-item queue function.</summary>
    public const string WorkItemsFunction = "engine-workitems";

    /// <summary>True when the settings choose the Triggered mode of the Azure Storage backend.</summary>
    public static bool IsTriggered(IConfiguration configuration) =>
        Enum.TryParse<AzureStorageMode>(configuration?["DurableAgents:AzureStorage:Mode"], ignoreCase: true, out var mode) && mode == AzureStorageMode.Triggered;

    /// <summary>Maps <c>POST /engine-control-{partition}</c> and <c>POST /engine-workitems</c>.</summary>
    public static IEndpointRouteBuilder MapEngineTriggers(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost($"/{ControlFunctionPrefix}{{partition:int}}", ControlAsync).WithTags("Functions custom handler").WithName("InvokeEngineControl");
        app.MapPost($"/{WorkItemsFunction}", WorkItemAsync).WithTags("Functions custom handler").WithName("InvokeEngineWorkItems");
        return app;
    }

    private static Task<Results<Ok<InvocationResponse>, ProblemHttpResult>> ControlAsync(
        int partition, InvocationRequest invocation, HttpContext http, IServiceProvider services, IConfiguration configuration,
        IOptions<DurableAgentsHostOptions> options, CancellationToken cancellationToken) =>
        InvokeAsync(invocation, http, services, configuration, options.Value, $"control queue {partition}",
            (backend, text, id, count, worker, ct) => backend.ProcessControlMessageAsync(text, id, count, worker, ct), cancellationToken);

    private static Task<Results<Ok<InvocationResponse>, ProblemHttpResult>> WorkItemAsync(
        InvocationRequest invocation, HttpContext http, IServiceProvider services, IConfiguration configuration,
        IOptions<DurableAgentsHostOptions> options, CancellationToken cancellationToken) =>
        InvokeAsync(invocation, http, services, configuration, options.Value, "work-item queue",
            (backend, text, id, count, worker, ct) => backend.ProcessWorkItemMessageAsync(text, id, count, worker, ct), cancellationToken);

    private delegate Task Processor(AzureStorageOrchestrationService backend, string text, string messageId, int dequeueCount, DurableTaskWorker worker, CancellationToken cancellationToken);

    private static async Task<Results<Ok<InvocationResponse>, ProblemHttpResult>> InvokeAsync(
        InvocationRequest invocation, HttpContext http, IServiceProvider services, IConfiguration configuration, DurableAgentsHostOptions options,
        string source, Processor process, CancellationToken cancellationToken)
    {
        if (CustomHandlerApi.Refusal(http, configuration, options) is { } refused)
        {
            return refused;
        }

        var backend = services.GetService<AzureStorageOrchestrationService>();
        if (backend is null || backend.Options.Mode != AzureStorageMode.Triggered)
        {
            // Handing messages to a polling host would race its own pollers, so refuse instead of guessing.
            return Problems.Conflict("Engine queue messages are handed over only in Triggered mode: set AzureWebJobsStorage and " +
                "DurableAgents:AzureStorage:Mode=Triggered (app setting DurableAgents__AzureStorage__Mode).");
        }

        if (MessageText(invocation) is not { } text)
        {
            return Problems.BadRequest("Data must hold the queue message text (the first binding value, a string).");
        }

        var messageId = InvocationValues.Text(invocation.Metadata, "Id") ?? "unknown";
        var dequeueCount = int.TryParse(InvocationValues.Text(invocation.Metadata, "DequeueCount"), out var n) && n > 0 ? n : 1;
        try
        {
            await process(backend, text, messageId, dequeueCount, services.GetRequiredService<DurableTaskWorker>(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A failure answer makes the Functions host deliver the message again (and poison it after maxDequeueCount).
            return TypedResults.Problem(
                $"Message {messageId} from the {source} failed on delivery {dequeueCount}: {ex.Message}", statusCode: StatusCodes.Status500InternalServerError);
        }

        return TypedResults.Ok(new InvocationResponse([], [$"Processed message {messageId} from the {source} (delivery {dequeueCount})."], null));
    }

    // The Functions host sends a string trigger value as a JSON string, sometimes JSON-encoded a second time; an object is passed on as JSON.
    internal static string? MessageText(InvocationRequest invocation)
    {
        if (invocation.Data?.Values.FirstOrDefault() is not { } value)
        {
            return null;
        }

        for (var depth = 0; depth < 3 && value.ValueKind == JsonValueKind.String; depth++)
        {
            var text = value.GetString()!;
            if (!text.TrimStart().StartsWith('"'))
            {
                return text;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                value = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return text;
            }
        }

        return value.ValueKind == JsonValueKind.Object ? value.GetRawText() : null;
    }
}

using DurableAgents.Durability;
using System.Text.Json;
using DurableAgents.Agents;
using DurableAgents.Models;
using Microsoft.DurableTask;
using DurableAgents.Runs.Conversation;
using DurableAgents.Runs.Loop;
using DurableAgents.Telemetry;
using DurableAgents.Tools.BuiltIn;
using Microsoft.Extensions.AI;

namespace DurableAgents.Runs.Activities;

/// <summary>
/// One tool call: invokes the tool with validated arguments (its DI scope in <see cref="AIFunctionArguments.Services"/>, the
/// idempotency key in <see cref="AgentCallContext.Current"/> and <see cref="AIFunctionArguments.Context"/>), formats the
/// result as delimited data, stores it, and returns its id and a preview.
/// </summary>
/// <remarks>
/// A <see cref="ToolException"/> is an error the model can correct and becomes the result. Any other exception of an idempotent
/// tool fails the activity so the run's durable retry tries again; for other tools it becomes the result (never run twice).
/// </remarks>
public sealed class ToolCallActivity(IAgentCatalog catalog, ConversationLog log, IServiceProvider services, AgentTelemetry? telemetry = null)
    : TaskActivity<ToolCallInput, ToolCallOutput>
{
    private readonly AgentTelemetry _telemetry = telemetry ?? AgentTelemetry.Shared;

    /// <summary>The activity name (a valid Azure Functions name too: the Functions app serves the activity as a function of this name).</summary>
    public const string Name = "AgentRun_CallTool";

    /// <summary>The key of the idempotency key in <see cref="AIFunctionArguments.Context"/>.</summary>
    public const string IdempotencyKeyContextKey = "durableagents.idempotency_key";

    /// <inheritdoc />
    public override async Task<ToolCallOutput> RunAsync(TaskActivityContext context, ToolCallInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var definition = AgentToolbox.Find(catalog, input.Agent);
        using var span = RunSpans.StartActivity(Name, input.TraceParent, context.InstanceId, definition.Name, input.Step);
        var tool = definition.Tools.FirstOrDefault(t => string.Equals(t.Name, input.Tool, StringComparison.Ordinal))
            ?? throw new NonRetriableException($"Agent '{input.Agent}' has no tool '{input.Tool}'.");

        if (!ToolCallArguments.TryParse(input.Arguments, out var parsed, out var parseError))
        {
            throw new NonRetriableException($"The validated arguments of '{input.Tool}' could not be read: {parseError}");
        }

        var key = IdempotencyKeys.ForTool(context.InstanceId, input.Step, input.CallId);
        var arguments = new AIFunctionArguments(parsed)
        {
            Services = services,
            Context = new Dictionary<object, object?> { [IdempotencyKeyContextKey] = key },
        };

        string status;
        string text;
        var call = new AgentCallContext(context.InstanceId, input.Agent, "tool", key, input.Step, input.Tool, input.CallId) { Session = input.Session, User = input.User };
        // The SDK gives activities no cancellation token: the tool's own timeout cancels it (the run's durable timer decides the outcome).
        using var timeout = new CancellationTokenSource(tool.Timeout ?? definition.Policy.ToolTimeout);
        var sensitive = _telemetry.EnableSensitiveData;
        using var toolSpan = RunSpans.StartTool(input.Tool, input.CallId, tool.Function.Description, sensitive ? input.Arguments : null);
        using (AgentCallContext.Enter(call))
        {
            try
            {
                var result = await tool.Function.InvokeAsync(arguments, timeout.Token);
                text = ResultText(result);
                status = "ok";
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                (status, text) = ("timeout", $"The tool did not finish within its timeout of {tool.Timeout ?? definition.Policy.ToolTimeout} and was cancelled.");
            }
            catch (ToolException ex)
            {
                (status, text) = ("error", $"Error: {ex.Message}");
            }
            catch (Exception ex) when (!tool.IsIdempotent)
            {
                (status, text) = ("error", $"Error: the tool failed ({ex.GetType().Name}): {ex.Message}. It was not retried because it is not idempotent.");
            }
            catch (Exception ex)
            {
                toolSpan.Fail(ex); // an idempotent tool's failure: the run retries it durably
                throw;
            }
        }

        RunSpans.EndTool(toolSpan, status, sensitive ? text : null);

        var formatted = ToolResultFormatter.Format(input.Tool, status, text, input.MaxResultChars);
        var message = new ChatMessage(ChatRole.Tool, [new FunctionResultContent(input.CallId, formatted)]);
        var id = await log.PutMessageAsync(message, CancellationToken.None);
        return new ToolCallOutput(id, status, ToolResultFormatter.Preview(ToolResultFormatter.Sanitize(text)), formatted.Length);
    }

    private static string ResultText(object? result) => result switch
    {
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
        JsonElement e => e.GetRawText(),
        var other => JsonSerializer.Serialize(other, AIJsonUtilities.DefaultOptions.GetTypeInfo(other.GetType())),
    };
}

using DurableAgents.Runs.Loop;
using Microsoft.DurableTask;

namespace DurableAgents.Patterns;

/// <summary>Structured output: JSON that fits a schema, validated here; an invalid reply is fed back and costs one retry.</summary>
public sealed partial class PatternRun
{
    private int _structuredCalls;

    /// <summary>
    /// Asks a model for JSON that fits <see cref="StructuredRequest.Schema"/>. A reply that does not parse or fit is fed back with
    /// the problems, and each new try spends one retry of <paramref name="budget"/>; once the budget is spent the reply comes back
    /// invalid (<see cref="StructuredReply.Valid"/> false). Transient model failures are retried durably, as in the run loop.
    /// </summary>
    public async Task<StructuredReply> AskAsync(StructuredRequest request, RetryBudget budget)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(budget);
        var agent = request.Agent ?? Definition.Name;
        var prompt = request.Prompt;
        for (var attempt = 1; ; attempt++)
        {
            var input = new StructuredCallInput(agent, Conversation, prompt, request.Schema, request.SchemaName, request.OfferTools, $"structured-{++_structuredCalls}");
            var output = await ModelRetries.CallAsync(Context, Definition.Policy, budget.TrySpend,
                () => Context.CallActivityAsync<StructuredCallOutput>(PatternNames.StructuredCallActivity, input));
            Conversation = output.Head;
            Usage += output.Usage;
            var value = StructuredJson.Read(output.Text, request.Schema, out var problems);
            if (value is not null || !budget.TrySpend())
            {
                return new StructuredReply(value, attempt, problems, output.Text);
            }

            prompt = $"[runtime] Your reply did not fit the schema '{request.SchemaName}': {string.Join(" ", problems)} "
                + "Reply again with only one JSON object that fits it.";
        }
    }
}

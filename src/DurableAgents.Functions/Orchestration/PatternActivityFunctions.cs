using DurableAgents.Patterns;

namespace DurableAgents.Functions.Orchestration;

/// <summary>The patterns' activities as activity functions, run as the self-hosted worker runs them.</summary>
/// <param name="services">The invocation's services.</param>
public sealed class PatternActivityFunctions(IServiceProvider services)
{
    /// <summary>A structured-output model call (a routing decision, a plan, a confidence score).</summary>
    [Function(PatternNames.StructuredCallActivity)]
    public Task<StructuredCallOutput> StructuredCallAsync([ActivityTrigger] StructuredCallInput input, string instanceId) =>
        FunctionActivityContext.RunAsync<StructuredCallActivity, StructuredCallInput, StructuredCallOutput>(
            services, PatternNames.StructuredCallActivity, input, instanceId);

    /// <summary>Reads a stored tool result whole.</summary>
    [Function(PatternNames.ReadToolResultActivity)]
    public Task<string> ReadToolResultAsync([ActivityTrigger] ReadToolResultInput input, string instanceId) =>
        FunctionActivityContext.RunAsync<ReadToolResultActivity, ReadToolResultInput, string>(
            services, PatternNames.ReadToolResultActivity, input, instanceId);
}

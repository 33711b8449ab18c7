using Core = DurableTask.Core;
using CoreHistory = DurableTask.Core.History;

namespace DurableAgents.DurableTask.Client;

internal sealed partial class OrchestrationServiceDurableTaskClient
{
    /// <summary>
    /// Fills in the failure details of a failed instance whose provider keeps only "type: message" in its status record (Azure
    /// Storage does): from the completion event in its history, or, when that cannot be read, from the status text.
    /// </summary>
    private async Task<Core.OrchestrationState> WithFailureDetailsAsync(Core.OrchestrationState state, CancellationToken cancellation)
    {
        if (state.OrchestrationStatus != Core.OrchestrationStatus.Failed || state.FailureDetails is not null)
        {
            return state;
        }

        try
        {
            var json = await _client.GetOrchestrationHistoryAsync(state.OrchestrationInstance.InstanceId, state.OrchestrationInstance.ExecutionId)
                .WaitAsync(cancellation);
            state.FailureDetails = string.IsNullOrWhiteSpace(json)
                ? null
                : HistoryJson.Parse(json).OfType<CoreHistory.ExecutionCompletedEvent>().LastOrDefault()?.FailureDetails;
        }
        catch (Exception ex) when (ex is NotImplementedException or NotSupportedException)
        {
            // No history from this provider: the status text is all there is.
        }

        return WithFailureDetailsFromOutput(state);
    }

    private static Core.OrchestrationState WithFailureDetailsFromOutput(Core.OrchestrationState state)
    {
        if (state.OrchestrationStatus == Core.OrchestrationStatus.Failed && state.FailureDetails is null && state.Output is { } output)
        {
            var colon = output.IndexOf(": ", StringComparison.Ordinal);
            state.FailureDetails = colon > 0
                ? new Core.FailureDetails(output[..colon], output[(colon + 2)..], stackTrace: null, innerFailure: null, isNonRetriable: false)
                : new Core.FailureDetails("Unknown", output, stackTrace: null, innerFailure: null, isNonRetriable: false);
        }

        return state;
    }
}

using System.Diagnostics.Metrics;
using DurableAgents.Agents;
using DurableAgents.Durability;
using DurableAgents.Runs;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DurableAgents.Telemetry;

/// <summary>
/// The <see cref="AgentTelemetryNames.ApprovalsWaiting"/> gauge: tool calls waiting for a decision in the task hub, read from the
/// runs' statuses (so it is right after restarts and across hosts, where a counter kept in memory would drift). A collection returns
/// the last reading and, when it is older than <see cref="AgentTelemetryOptions.ApprovalsWaitingRefresh"/>, starts a new one in the
/// background, so the task hub is queried only while a metrics exporter collects, and at most that often. The client is resolved
/// then too: a host whose client comes from elsewhere (Azure Functions bindings) reports nothing rather than failing to start.
/// </summary>
internal sealed class ApprovalsWaitingGauge(AgentTelemetry telemetry, IServiceProvider services, IAgentCatalog catalog, TimeProvider time) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private IReadOnlyList<Measurement<long>> _reading = [];
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private int _inFlight;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        telemetry.ObserveApprovalsWaiting(Observe);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await _stopping.CancelAsync();

    private IEnumerable<Measurement<long>> Observe()
    {
        if (_stopping.IsCancellationRequested)
        {
            return [];
        }

        var now = time.GetUtcNow();
        if (now - _readAt >= telemetry.Options.ApprovalsWaitingRefresh && Interlocked.CompareExchange(ref _inFlight, 1, 0) == 0)
        {
            _readAt = now;
            _ = Task.Run(ReadAsync);
        }

        return _reading;
    }

    private async Task ReadAsync()
    {
        try
        {
            var client = services.GetRequiredService<DurableTaskClient>();
            var waiting = catalog.Agents.ToDictionary(a => a.Name, _ => 0L, StringComparer.OrdinalIgnoreCase);
            var query = new OrchestrationQuery
            {
                Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended],
                FetchInputsAndOutputs = true, // the custom status comes with the payloads
                PageSize = 100,
            };
            await foreach (var run in client.GetAllInstancesAsync(query).WithCancellation(_stopping.Token))
            {
                if (string.Equals(run.Name, AgentRunNames.Orchestrator, StringComparison.OrdinalIgnoreCase) && PendingCalls(run) is (var agent, > 0 and var count))
                {
                    waiting[agent] = waiting.GetValueOrDefault(agent) + count;
                }
            }

            _reading = waiting.Select(w => new Measurement<long>(w.Value, new KeyValuePair<string, object?>(SpanTags.AgentName, w.Key))).ToList();
        }
        catch (Exception) when (!_stopping.IsCancellationRequested)
        {
            // No client, or the backend did not answer: keep the last reading (the next collection tries again).
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Volatile.Write(ref _inFlight, 0);
        }
    }

    private static (string Agent, int Count) PendingCalls(OrchestrationMetadata run)
    {
        try
        {
            var status = run.SerializedCustomStatus is { } s ? AgentDataConverter.Default.Deserialize<AgentRunStatus>(s) : null;
            if (status?.Phase is not (AgentRunNames.AwaitingApprovalPhase or AgentRunNames.EscalatedPhase))
            {
                return ("", 0);
            }

            var agent = run.SerializedInput is { } i ? AgentDataConverter.Default.Deserialize<AgentRunInput>(i)?.Agent : null;
            return (agent ?? "unknown", status.PendingApprovals?.Count ?? 0);
        }
        catch (System.Text.Json.JsonException)
        {
            return ("", 0);
        }
    }
}

using Microsoft.Extensions.Logging;

namespace DurableAgents.DurableTask.Worker;

internal sealed partial class OrchestrationServiceWorker
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information,
            Message = "Durable Task worker '{Worker}' started on {Provider} (at most {Orchestrations} orchestration and {Activities} activity work items at once).")]
        public static partial void Started(ILogger logger, string worker, string provider, int orchestrations, int activities);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
            Message = "Durable Task worker '{Worker}' stopped with {Count} work items still in flight after the shutdown timeout; their locks expire and they run again.")]
        public static partial void StoppedWithWorkInFlight(ILogger logger, string worker, int count);
    }
}

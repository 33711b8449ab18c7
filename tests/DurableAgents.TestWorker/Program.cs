using DurableAgents.Orchestration;
using DurableAgents.Orchestration.Client;
using DurableAgents.TestWorker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A worker process for crash and scale-out tests: tests start it, SIGKILL it, and start it again.
// Usage: DurableAgents.TestWorker --backend file --data DIR --side-effects FILE [--step-delay-ms N]
//        [--start ORCHESTRATOR --instance ID --input N]   (start the instance unless it exists, print RESULT when it ends)
var options = WorkerArguments.Parse(args);
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Services.AddSingleton(options);
builder.Services.AddDurableTaskWorker(w =>
{
    w.AddTasks(r => Scenarios.Register(r, options));
    Backends.Use(w, options);
});
builder.Services.AddDurableTaskClient();
using var host = builder.Build();
try
{
    await host.StartAsync();
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 3;
}

Console.WriteLine("READY");
if (options.Extra.TryGetValue("start", out var orchestrator))
{
    var client = host.Services.GetRequiredService<DurableTaskClient>();
    var instanceId = options.Extra["instance"];
    var input = int.Parse(options.Extra.GetValueOrDefault("input", "10"), System.Globalization.CultureInfo.InvariantCulture);
    try
    {
        await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions { InstanceId = instanceId });
    }
    catch (OrchestrationAlreadyExistsException)
    {
        // Restarted after a kill: the instance is already there and resumes from its history.
    }

    var result = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true);
    Console.WriteLine($"RESULT {result.RuntimeStatus} {result.SerializedOutput}");
}

await host.WaitForShutdownAsync();
return 0;

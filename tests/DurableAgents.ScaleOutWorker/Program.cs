using DurableAgents.DurableTask;
using DurableAgents.ScaleOutWorker;
using DurableAgents.ScaleOutWorker.Logs;
using DurableAgents.ScaleOutWorker.Scenario;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// One host of the scale-out tests: the SDK worker on Durable Functions' Azure Storage provider with our tuned defaults
// (UseAzureStorage), a unique worker id, the agent-style scenario, side-effect and event logs; it runs until stdin says exit or closes.
WorkerArguments arguments;
try
{
    arguments = WorkerArguments.Parse(args, Environment.GetEnvironmentVariable(WorkerArguments.ConnectionVariable));
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

var storage = new AzureStorageOptions
{
    ConnectionString = arguments.ConnectionString,
    TaskHubName = arguments.TaskHub,
    WorkerId = arguments.WorkerId,
};
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter(EventLogProvider.AzureStorageCategory, LogLevel.Information);
builder.Logging.AddProvider(new EventLogProvider(arguments.LogFolder));
builder.Services.AddSingleton(arguments);
builder.Services.AddSingleton(new SideEffectLog(arguments.LogFolder));
builder.Services.AddDurableTaskWorker(w => w
    .AddTasks(r => r.AddOrchestrator<AgentStyleRun>(RunShape.Orchestrator).AddActivity<AgentStep>(RunShape.Activity))
    .UseAzureStorage(storage));
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine($"READY {arguments.WorkerId} {Environment.ProcessId}");
await CommandLoop.RunAsync(Console.In, Console.Out);
await host.StopAsync();
return 0;

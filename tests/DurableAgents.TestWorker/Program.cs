using DurableAgents.TestWorker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A worker process for crash and scale-out tests: tests start it, SIGKILL it, and start it again.
// Usage: DurableAgents.TestWorker --backend file --data DIR --side-effects FILE [--step-delay-ms N]
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
await host.StartAsync();
Console.WriteLine("READY");
await host.WaitForShutdownAsync();

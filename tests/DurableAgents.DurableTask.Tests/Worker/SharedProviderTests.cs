using DurableAgents.DurableTask.Tests.Infrastructure;
using DurableAgents.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableAgents.DurableTask.Tests.Worker;

/// <summary>One provider object per key for the worker and the client of a process.</summary>
public sealed class SharedProviderTests
{
    [Fact]
    public async Task SameKey_OnWorkerAndClient_CreatesOneProvider_ThatTheHostDisposes()
    {
        var created = new List<RecordingInMemoryService>();
        RecordingInMemoryService Create(IServiceProvider _)
        {
            var service = new RecordingInMemoryService();
            created.Add(service);
            return service;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTaskWorker(b => b
            .AddTasks(r => r.AddOrchestratorFunc<string>("Hi", _ => Task.FromResult("hi")))
            .UseSharedOrchestrationService("store-a", Create));
        builder.Services.AddDurableTaskClient(b => b.UseSharedOrchestrationService("store-a", Create));
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Hi");
            Assert.Equal("hi", (await client.WaitForInstanceCompletionAsync(id, true, TestDeadline.Token())).ReadOutputAs<string>());
            await host.StopAsync();
        }

        var provider = Assert.Single(created);
        Assert.True(provider.IsDisposed);
    }

    [Fact]
    public void MissingProvider_FailsTheHostBuild_SayingWhatToCall()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDurableTaskClient(b => b.UseOrchestrationService(_ => null!));
        using var host = builder.Build();

        var ex = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<DurableTaskClient>());

        Assert.Contains("returned null", ex.Message, StringComparison.Ordinal);
    }
}

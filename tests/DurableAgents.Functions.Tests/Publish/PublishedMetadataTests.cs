using System.Text.Json;
using DurableAgents.Functions.Triggers;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DurableAgents.Functions.Tests.Publish;

/// <summary>What the Functions host would index from the publish folder: every function, its trigger, route, key level and settings.</summary>
[Collection(PublishCollection.Name)]
public sealed class PublishedMetadataTests(PublishedApp app)
{
    public static TheoryData<string, string, string, string> HttpFunctions => new()
    {
        { "StartRun", "post", "api/agents/{agent}/runs", "Function" },
        { "ListRuns", "get", "api/runs", "Function" },
        { "GetRun", "get", "api/runs/{id}", "Function" },
        { "GetRunHistory", "get", "api/runs/{id}/history", "Function" },
        { "GetRunAudit", "get", "api/runs/{id}/audit", "Function" },
        { "RaiseRunEvent", "post", "api/runs/{id}/events/{name}", "Function" },
        { "TerminateRun", "post", "api/runs/{id}/terminate", "Function" },
        { "SuspendRun", "post", "api/runs/{id}/suspend", "Function" },
        { "ResumeRun", "post", "api/runs/{id}/resume", "Function" },
        { "PurgeRun", "delete", "api/runs/{id}", "Function" },
        { "ApproveRun", "post", "api/runs/{id}/approval", "Anonymous" },
        { "ListAgents", "get", "api/agents", "Function" },
        { "GetAgent", "get", "api/agents/{name}", "Function" },
        { "ListMemories", "get", "api/agents/{agent}/memories", "Function" },
        { "DeleteMemory", "delete", "api/agents/{agent}/memories/{id}", "Function" },
        { "PurgeMemories", "delete", "api/agents/{agent}/memories", "Function" },
        { "CreateSession", "post", "api/agents/{agent}/sessions", "Function" },
        { "SendSessionMessage", "post", "api/sessions/{id}/messages", "Function" },
        { "ListSessions", "get", "api/sessions", "Function" },
        { "GetSession", "get", "api/sessions/{id}", "Function" },
        { "DeleteSession", "delete", "api/sessions/{id}", "Function" },
    };

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void HttpTrigger_HasItsRouteMethodAndKeyLevel(string name, string method, string route, string authLevel)
    {
        var trigger = app.Trigger(name);

        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
        // The agents and memories routes read configuration and the memory store, not the task hub.
        Assert.True(HasDurableClient(name) || name.Contains("Agent", StringComparison.Ordinal) || name.Contains("Memor", StringComparison.Ordinal), $"{name} gets a durable client");
    }

    [Fact]
    public void EveryFunctionIsExpected_AndNoneMore()
    {
        var names = app.Metadata.EnumerateArray().Select(f => f.GetProperty("name").GetString()!).Order().ToList();
        var expected = HttpFunctions.Select(row => (string)row[0])
            .Concat(["AgentRun", "AgentRun_CallModel", "AgentRun_CallTool", "AgentRun_Compact", "AgentRun_RecentToolCalls",
                "AgentRun_CloseConversation", "AgentRun_RecallLessons", "AgentRun_RecordEpisode", "AgentRun_Audit", "Pattern_Supervisor",
                "Pattern_ContentPipeline", "Pattern_PlanExecute", "Pattern_MessagePair", "Pattern_Mailbox", "Pattern_StructuredCall",
                "Pattern_ReadToolResult", "AgentSession", "StartRunFromQueue", "StartLessonFromQueue", "Schedule_daily-research"])
            .Order().ToList();

        Assert.Equal(expected, names);
    }

    [Fact]
    public void DurableFunctions_AreExactlyTheTasksTheSelfHostedWorkerRegisters()
    {
        // One list of orchestrations and activities: what AddDurableAgents puts in the self-hosted worker's registry.
        var services = new ServiceCollection();
        services.AddDurableAgents();
        var registry = services.BuildServiceProvider().GetRequiredService<IOptionsMonitor<DurableTaskRegistry>>().Get(Options.DefaultName);
        var orchestrations = Functions("orchestrationTrigger");
        var activities = Functions("activityTrigger");

        Assert.Equal(registry.GetOrchestrators().Select(o => o.Key.Name).Order(), orchestrations);
        Assert.Equal(registry.GetActivities().Select(a => a.Key.Name).Order(), activities);
    }

    [Fact]
    public void SessionOrchestrator_IsAnOrchestrationTrigger_NamedAsTheSdkSchedulesIt()
    {
        var trigger = app.Trigger(DurableAgents.Sessions.SessionNames.Orchestrator);

        Assert.Equal("orchestrationTrigger", trigger.GetProperty("type").GetString());
    }

    [Fact]
    public void QueueTrigger_ReadsTheQueueNameSetting_OnTheHostStorage()
    {
        var trigger = app.Trigger("StartRunFromQueue");

        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%DurableAgents:QueueTrigger:QueueName%", trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
        Assert.True(HasDurableClient("StartRunFromQueue"));
    }

    [Fact]
    public void LessonQueueTrigger_ReadsTheSamplesOwnQueue()
    {
        var trigger = app.Trigger("StartLessonFromQueue");

        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(DurableAgents.Samples.SampleAgents.LessonQueue, trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void TimerTrigger_ReadsItsScheduleFromAnAppSetting()
    {
        var trigger = app.Trigger("Schedule_daily-research");

        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal($"%{ScheduleFunctions.DailyResearchCronSetting}%", trigger.GetProperty("schedule").GetString());
        Assert.True(HasDurableClient("Schedule_daily-research"));
    }

    [Fact]
    public void ExtensionsJson_ListsDurableTaskAndStorageQueues()
    {
        var names = app.Extensions.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();

        Assert.Contains("DurableTask", names);
        Assert.Contains("AzureStorageQueues", names);
    }

    [Fact]
    public void HostJson_IsTheRepositorysOne_ConfiguredForDurable()
    {
        var root = File.ReadAllText(Path.Combine(DurableAgents.Testing.RepositoryRoot.Find(), "host.json"));
        Assert.Equal(root, File.ReadAllText(Path.Combine(app.Folder, "host.json")));

        var extensions = app.HostJson.GetProperty("extensions");
        Assert.False(app.HostJson.TryGetProperty("customHandler", out _));
        Assert.Equal("", extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Equal(QueueRunFunction.MaxDequeueCount, extensions.GetProperty("queues").GetProperty("maxDequeueCount").GetInt32());
        var durable = extensions.GetProperty("durableTask");
        Assert.Equal("%DurableAgents:AzureStorage:TaskHubName%", durable.GetProperty("hubName").GetString());
        Assert.True(durable.GetProperty("extendedSessionsEnabled").GetBoolean());
        var storage = durable.GetProperty("storageProvider");
        Assert.Equal(4, storage.GetProperty("partitionCount").GetInt32());
        Assert.True(storage.GetProperty("useTablePartitionManagement").GetBoolean());
        Assert.True(storage.GetProperty("fetchLargeMessagesAutomatically").GetBoolean());
        Assert.False(File.Exists(Path.Combine(app.Folder, "local.settings.json")), "local settings are never published");
    }

    private List<string> Functions(string triggerType) =>
        app.Metadata.EnumerateArray()
            .Where(f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == triggerType))
            .Select(f => f.GetProperty("name").GetString()!).Order().ToList();

    private bool HasDurableClient(string name) =>
        app.Function(name).GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "durableClient");
}

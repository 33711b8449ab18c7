using System.Collections.Concurrent;
using DurableAgents.Agents;
using DurableAgents.Memory;
using DurableAgents.Models;
using DurableAgents.Runs;
using DurableAgents.Tests.Runs.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Tests.Memory;

public sealed class EpisodeTests : IAsyncDisposable
{
    private const string Agent = "records";
    private readonly ConcurrentQueue<string> _invocations = new();
    private readonly RecordingChatClient _model = new(new OfflineChatClient());
    private AgentTestHost? _host;

    [Fact]
    public async Task ASecondRunOnASimilarGoal_GetsTheLessonOfTheFirstRunsRejection_AndAvoidsTheRejectedCall()
    {
        _host = await StartAsync(MemoryPolicy.On);
        var first = await _host.Runs.StartRunAsync(Agent, "Delete the inactive customer records.");
        await _host.WaitForPhaseAsync(first, AgentRunNames.AwaitingApprovalPhase);
        await _host.Runs.SubmitApprovalAsync(first, new ApprovalDecision(false, Approver: "ana", Comment: "Never delete customer records; archive them instead."));
        var rejected = await _host.WaitForResultAsync(first);

        var second = await _host.RunAsync(Agent, "Delete inactive customer records from last year.");

        Assert.Equal(AgentRunOutcome.Rejected, rejected.Outcome);
        var episode = Assert.Single(await _host.Services.GetRequiredService<AgentMemory>().ListAsync(Agent, MemoryKinds.Episode, 10), r => r.RunId == first);
        Assert.Equal(rejected.Episode, MemoryKeys.Split(episode.Key).Id);
        Assert.Equal("delete_records", episode.Avoid);
        Assert.Equal("offline+human", episode.Source);
        Assert.Contains("ana rejected 'delete_records': Never delete customer records; archive them instead.", episode.Text);
        Assert.Equal("find_records,delete_records", episode.ToolsUsed);

        Assert.Equal(AgentRunOutcome.Completed, second.Outcome);
        Assert.Equal([rejected.Episode!], second.Lessons!);
        Assert.DoesNotContain(second.ToolCalls, c => c.Tool == "delete_records");
        Assert.Equal(2, _invocations.Count); // one find per run; the delete was never run
        Assert.All(_invocations, i => Assert.StartsWith("find:", i));
        var instructions = _model.SystemTexts.Last();
        Assert.Contains(LessonsBlock.Header, instructions);
        Assert.Contains("Never delete customer records; archive them instead.", instructions);
        Assert.Contains(LessonsBlock.AvoidPrefix + "delete_records", instructions);
    }

    [Fact]
    public async Task AnUnrelatedGoal_GetsNoLessons_AndMemoryOffRecordsNothing()
    {
        _host = await StartAsync(MemoryPolicy.On with { LessonMinScore = 0.5 }, withDelete: false);
        var first = await _host.RunAsync(Agent, "Find the inactive customer records.");
        var unrelated = await _host.RunAsync(Agent, "Find the weather in Oslo.");

        Assert.NotNull(first.Episode);
        Assert.Null(unrelated.Lessons);
        Assert.DoesNotContain(_model.SystemTexts, t => t.Contains(LessonsBlock.Header, StringComparison.Ordinal));
        await _host.DisposeAsync();

        _host = await StartAsync(MemoryPolicy.Off, withDelete: false);
        var off = await _host.RunAsync(Agent, "Find the inactive customer records.");
        Assert.Null(off.Episode);
        Assert.Empty(await _host.Services.GetRequiredService<AgentMemory>().ListAsync(Agent, null, 10));
    }

    [Fact]
    public async Task ARunInFlightWhenMemoryIsSwitchedOn_ReplaysUnchanged_GetsNoLessons_AndIsRecordedAtItsEnd()
    {
        using var folder = new Testing.TempFolder("da-mem-flight");
        _host = await StartAsync(MemoryPolicy.Off, fileDataPath: folder.Path);
        var id = await _host.Runs.StartRunAsync(Agent, "Delete the inactive customer records.");
        await _host.WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);
        await _host.DisposeAsync();

        _host = await StartAsync(MemoryPolicy.On, fileDataPath: folder.Path);
        await _host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(true, Approver: "ana"));
        var result = await _host.WaitForResultAsync(id);

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        Assert.Null(result.Lessons); // its input predates memory: no recall activity was inserted before its recorded steps
        Assert.NotNull(result.Episode);
        var episode = Assert.Single(await _host.Services.GetRequiredService<AgentMemory>().ListAsync(Agent, MemoryKinds.Episode, 10));
        Assert.Equal("find_records,delete_records", episode.ToolsUsed);
        Assert.Equal(1, _invocations.Count(i => i.StartsWith("delete:", StringComparison.Ordinal)));
    }

    private Task<AgentTestHost> StartAsync(MemoryPolicy memory, bool withDelete = true, string? fileDataPath = null) => AgentTestHost.StartAsync(b => b.AddAgent(Agent, a =>
    {
        a.Model = _model;
        a.Policy = RunTestBase.FastPolicy with { Memory = memory };
        a.Tools.Add(new AgentTool(AIFunctionFactory.Create((string query) =>
        {
            _invocations.Enqueue("find:" + query);
            return "3 inactive customer records: 17, 23, 41";
        }, "find_records", "Finds customer records matching a query.")));
        if (withDelete)
        {
            a.Tools.Add(new AgentTool(AIFunctionFactory.Create((string ids) =>
            {
                _invocations.Enqueue("delete:" + ids);
                return "deleted";
            }, "delete_records", "Deletes customer records.")) { Permission = ToolPermission.Destructive });
        }
    }), fileDataPath: fileDataPath);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>The offline model, with the instructions of every call kept.</summary>
    private sealed class RecordingChatClient(IChatClient inner) : DelegatingChatClient(inner)
    {
        private readonly ConcurrentQueue<string> _system = new();

        public IReadOnlyList<string> SystemTexts => _system.ToList();

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = messages.ToList();
            _system.Enqueue(string.Join("\n", list.Where(m => m.Role == ChatRole.System).Select(m => m.Text)));
            return base.GetResponseAsync(list, options, cancellationToken);
        }
    }
}

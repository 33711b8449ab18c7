using DurableAgents.Agents;
using DurableAgents.Memory;
using DurableAgents.Models;
using DurableAgents.Patterns;
using DurableAgents.Runs;
using DurableAgents.Tests.Runs.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Tests.Patterns;

/// <summary>Issue 16: the pipeline's review gate feeds memory; a reviewer's corrections reach the writer of a later, similar lesson.</summary>
public sealed class PipelineReviewLessonTests : PatternTestBase
{
    private readonly ScriptedChatClient _judge = new();
    private readonly ScriptedChatClient _writer = new();

    private Task StartPipelineAsync(MemoryPolicy writerMemory) => StartAsync(b => b
        .AddAgent(Agent("pipeline", _judge, a => a.Pattern = new ContentPipelinePattern { Researcher = "researcher", Writer = "writer", FactChecker = "checker", Formatter = "formatter" }))
        .AddAgent(Agent("researcher", new OfflineChatClient()))
        .AddAgent(Agent("writer", _writer, a => a.Policy = FastPolicy with { Memory = writerMemory }))
        .AddAgent(Agent("checker", new OfflineChatClient()))
        .AddAgent(Agent("formatter", new OfflineChatClient())));

    private AgentMemory Memory => Host.Services.GetRequiredService<AgentMemory>();

    [Fact]
    public async Task ReviewCorrections_AreRecordedAsTheWritersLesson_AndASimilarLaterRunsWriterIsGivenThem()
    {
        await StartPipelineAsync(new MemoryPolicy { RecordReviews = true, InjectLessons = true });
        _writer.Fallback = call => Reply.Text($"DRAFT-{call.Messages.Count}");
        _judge.Then(_ => Json(new { confidence = 0.4, reasoning = "unverified" })).Then(_ => Json(new { confidence = 0.95, reasoning = "fixed" }));
        var first = await Host.Runs.StartRunAsync("pipeline", "tides and the moon", "rl-1");
        await WaitForPhaseAsync(first, AgentRunNames.AwaitingApprovalPhase);
        await Host.Runs.SubmitApprovalAsync(first, new ApprovalDecision(false, Approver: "editor") { Corrections = "Say plainly that the Moon causes the tides. api_key=sk-hidden123" });
        Assert.Equal(AgentRunOutcome.Completed, (await ResultAsync(first)).Outcome);
        var firstWriterSystem = _writer.Calls[0].Messages[0].Text;

        _judge.Then(_ => Json(new { confidence = 0.9, reasoning = "good" }));
        var second = await ResultAsync(await Host.Runs.StartRunAsync("pipeline", "tides and the moon", "rl-2"));

        var episode = Assert.Single(await Memory.ListAsync("writer", MemoryKinds.Episode, 10));
        Assert.Equal(("human", first, "Rejected"), (episode.Source, episode.RunId, episode.Outcome));
        Assert.StartsWith("Write a short lesson for beginners", episode.Goal, StringComparison.Ordinal);
        Assert.Contains("editor reviewed the work and sent it back with corrections: Say plainly that the Moon causes the tides.", episode.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-hidden123", episode.Text, StringComparison.Ordinal); // the same redaction as logs
        Assert.Null(episode.Avoid); // a review names no tool to avoid
        Assert.Empty(await Memory.ListAsync("pipeline", null, 10));

        Assert.Equal(AgentRunOutcome.Completed, second.Outcome);
        Assert.DoesNotContain(LessonsBlock.Header, firstWriterSystem, StringComparison.Ordinal);
        var system = _writer.Calls[^1].Messages.First(m => m.Role == ChatRole.System).Text;
        Assert.Contains(LessonsBlock.Header, system, StringComparison.Ordinal);
        Assert.Contains("Say plainly that the Moon causes the tides.", system[system.IndexOf(LessonsBlock.Header, StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("Topic: tides and the moon", _writer.Calls[^1].UserTexts.First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARejectionWithAComment_IsRecorded_AndWithoutRecordReviewsNothingIs()
    {
        await StartPipelineAsync(new MemoryPolicy { RecordReviews = true });
        _writer.Fallback = _ => Reply.Text("DRAFT");
        _judge.Fallback = _ => Json(new { confidence = 0.2, reasoning = "doubtful" });
        var id = await Host.Runs.StartRunAsync("pipeline", "volcanoes", "rl-3");
        await WaitForPhaseAsync(id, AgentRunNames.AwaitingApprovalPhase);
        await Host.Runs.SubmitApprovalAsync(id, new ApprovalDecision(false, Approver: "editor", Comment: "not for beginners"));

        Assert.Equal(AgentRunOutcome.Rejected, (await ResultAsync(id)).Outcome);
        var episode = Assert.Single(await Memory.ListAsync("writer", MemoryKinds.Episode, 10));
        Assert.Contains("editor reviewed the work and rejected it: not for beginners.", episode.Text, StringComparison.Ordinal);
        await Host.DisposeAsync();

        await StartPipelineAsync(new MemoryPolicy { RecordEpisodes = false, InjectLessons = true });
        var off = await Host.Runs.StartRunAsync("pipeline", "volcanoes", "rl-4");
        await WaitForPhaseAsync(off, AgentRunNames.AwaitingApprovalPhase);
        await Host.Runs.SubmitApprovalAsync(off, new ApprovalDecision(false, Approver: "editor", Comment: "still not"));
        Assert.Equal(AgentRunOutcome.Rejected, (await ResultAsync(off)).Outcome);
        Assert.Empty(await Memory.ListAsync("writer", null, 10));
    }
}

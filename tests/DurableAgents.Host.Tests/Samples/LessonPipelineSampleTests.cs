using System.Net;
using DurableAgents.Samples;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Api.Queue;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Host.Tests.Samples;

/// <summary>Issue 14, part 2 over HTTP: the lesson pipeline's confident path, its human review with corrections, and a queue start.</summary>
public sealed class LessonPipelineSampleTests
{
    [Fact]
    public async Task AConfidentLesson_IsFormattedAndSavedWithoutAReview()
    {
        using var factory = SampleHost.Create();
        var http = factory.CreateClient();

        await http.StartSampleAsync(SampleAgents.LessonPipeline, new { topic = "Photosynthesis" }, "lesson-1");
        var run = await http.FinishedAsync("lesson-1");

        Assert.Equal("Completed", run.Outcome());
        var file = Path.Combine(factory.DataPath, "sandbox", SampleAgents.LessonPipeline, "lessons", "photosynthesis.md");
        var lesson = await File.ReadAllTextAsync(file);
        Assert.StartsWith("# Photosynthesis", lesson, StringComparison.Ordinal);
        Assert.Contains("Sources: https://library.example/photosynthesis", lesson, StringComparison.Ordinal);
        var scores = run.GetProperty("customStatus").GetProperty("detail").GetProperty("scores");
        Assert.True(scores[0].GetProperty("confidence").GetDouble() >= 0.85);
        Assert.False(run.GetProperty("customStatus").TryGetProperty("decisions", out var decisions) && decisions.ValueKind == System.Text.Json.JsonValueKind.Array,
            "no human was asked");
    }

    [Fact]
    public async Task ASpeculativeTopic_WaitsForAReview_AndCorrectionsGoBackToTheWriter()
    {
        using var factory = SampleHost.Create();
        var http = factory.CreateClient();
        await http.StartSampleAsync(SampleAgents.LessonPipeline, $"{SampleAgents.LowConfidenceKeyword} tides", "lesson-2");

        var waiting = await http.InPhaseAsync("lesson-2", "awaiting-approval");
        var review = waiting.GetProperty("customStatus").GetProperty("pendingApprovals")[0];
        var (response, body) = await http.SendAsync(HttpMethod.Post, "/api/runs/lesson-2/approval",
            new { approved = false, approver = "editor", corrections = "Say plainly that the Moon causes the tides." }, HostFactory.Key);
        var run = await http.FinishedAsync("lesson-2");

        Assert.Equal("human_review", review.GetProperty("tool").GetString());
        Assert.Contains("# Speculative tides", review.GetProperty("arguments").GetProperty("draft").GetString(), StringComparison.Ordinal);
        Assert.Equal(0.55, review.GetProperty("arguments").GetProperty("confidence").GetDouble());
        Assert.Contains("'speculative'", review.GetProperty("arguments").GetProperty("reasoning").GetString(), StringComparison.Ordinal);
        Assert.Contains("below 0.85", review.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("applied", body.GetProperty("status").GetString());
        Assert.Equal("Completed", run.Outcome());
        var lesson = await File.ReadAllTextAsync(Path.Combine(factory.DataPath, "sandbox", SampleAgents.LessonPipeline, "lessons", "speculative-tides.md"));
        Assert.Contains("Correction from the reviewer: Say plainly that the Moon causes the tides.", lesson, StringComparison.Ordinal);
        Assert.Contains("lesson-2:write-v2.1", run.SubRunIds());
    }

    [Fact]
    public async Task TheReviewersCorrections_BecomeTheWritersLesson_GivenToTheNextSimilarLesson()
    {
        using var factory = SampleHost.Create();
        var http = factory.CreateClient();
        await ReviewedAsync(http, "speculative tides", "lesson-5", new { approved = false, approver = "editor", corrections = "Name the Moon's gravity as the cause." });

        var memories = await http.GetJsonAsync("/api/agents/lesson-writer/memories?kind=episode");
        await http.StartSampleAsync(SampleAgents.LessonPipeline, "speculative tides", "lesson-6");
        await http.InPhaseAsync("lesson-6", "awaiting-approval");
        var writer = await http.FinishedAsync("lesson-6:write-v1.1");

        var review = Assert.Single(memories.EnumerateArray());
        Assert.Equal(("human", "lesson-5"), (review.GetProperty("source").GetString(), review.GetProperty("runId").GetString()));
        Assert.Contains("editor reviewed the work and sent it back with corrections: Name the Moon's gravity as the cause.", review.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(writer.GetProperty("output").TryGetProperty("lessons", out var given), writer.ToString());
        Assert.Equal(review.GetProperty("id").GetString(), Assert.Single(given.EnumerateArray()).GetString());
    }

    [Fact]
    public async Task AReviewerCanRejectTheLesson()
    {
        using var factory = SampleHost.Create();
        var http = factory.CreateClient();

        var run = await ReviewedAsync(http, "speculative volcanoes", "lesson-3", new { approved = false, approver = "editor", comment = "not for beginners" });

        Assert.Equal("Rejected", run.Outcome());
        Assert.Contains("editor rejected the draft: not for beginners", run.GetProperty("output").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(factory.DataPath, "sandbox", SampleAgents.LessonPipeline, "lessons", "speculative-volcanoes.md")));
    }

    [Fact]
    public async Task AQueueMessageWithATopic_StartsALesson()
    {
        using var factory = SampleHost.Create();
        var http = factory.CreateClient();
        var starter = factory.Services.GetRequiredService<QueueRunStarter>();

        var outcome = await starter.HandleAsync("The water cycle", "m-42", 1, 5, CancellationToken.None, queueAgent: SampleAgents.LessonPipeline);
        var run = await http.FinishedAsync("queue-m-42");

        Assert.Equal(QueueMessageOutcomeKind.Done, outcome.Kind);
        Assert.Equal("Completed", run.Outcome());
        Assert.True(File.Exists(Path.Combine(factory.DataPath, "sandbox", SampleAgents.LessonPipeline, "lessons", "the-water-cycle.md")));
    }

    /// <summary>Starts a lesson, answers its review with <paramref name="decision"/>, and returns the finished run.</summary>
    private static async Task<System.Text.Json.JsonElement> ReviewedAsync(HttpClient http, string topic, string runId, object decision)
    {
        await http.StartSampleAsync(SampleAgents.LessonPipeline, topic, runId);
        await http.InPhaseAsync(runId, "awaiting-approval");
        await http.SendAsync(HttpMethod.Post, $"/api/runs/{runId}/approval", decision, HostFactory.Key);
        return await http.FinishedAsync(runId);
    }
}

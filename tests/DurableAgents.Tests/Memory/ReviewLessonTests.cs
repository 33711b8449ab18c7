using DurableAgents.Agents;
using DurableAgents.Memory;
using DurableAgents.Runs;

namespace DurableAgents.Tests.Memory;

/// <summary>What a human review stores: the reviewers' words as the lesson, redacted, found by the reviewed task, one record per run.</summary>
public sealed class ReviewLessonTests
{
    private readonly AgentMemory _memory = new(new InMemoryMemoryCollection(), new OfflineEmbeddingGenerator(), TimeProvider.System);

    private static RecordEpisodeInput Review(params HumanCorrection[] corrections) =>
        new("writer", "Write a short lesson for beginners. Topic: tides", AgentRunOutcome.Rejected, "reviewed", 0, null) { ReviewCorrections = corrections };

    [Fact]
    public async Task AReview_StoresTheReviewersWordsRedacted_WithNoToolToAvoid_AndARedeliveryReplacesIt()
    {
        var input = Review(
            new HumanCorrection("editor", [], "sent it back with corrections: Cite NOAA. Authorization: Bearer abc.def.ghi password=hunter2"),
            new HumanCorrection(null, [], null));

        var stored = await _memory.RecordReviewAsync("run-7", input);
        await _memory.RecordReviewAsync("run-7", input);

        var record = Assert.Single(await _memory.ListAsync("writer", MemoryKinds.Episode, 10));
        Assert.Equal(stored.Key, record.Key);
        Assert.StartsWith("writer/review-", record.Key, StringComparison.Ordinal);
        Assert.Equal(("human", "run-7", "Rejected", 0), (record.Source, record.RunId, record.Outcome, record.Steps));
        Assert.Contains("Human correction: editor reviewed the work and sent it back with corrections: Cite NOAA.", record.Text, StringComparison.Ordinal);
        Assert.Contains("Human correction: a reviewer reviewed the work and rejected it without a reason.", record.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("abc.def.ghi", record.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", record.Text, StringComparison.Ordinal);
        Assert.Null(record.Avoid);
        Assert.Null(record.ToolsUsed);

        var (lessons, ids) = await _memory.LessonsAsync("writer", "Write a short lesson for beginners. Topic: tides", MemoryPolicy.On);
        Assert.Equal([record.Key["writer/".Length..]], ids);
        Assert.Contains("Cite NOAA.", lessons, StringComparison.Ordinal);
        Assert.DoesNotContain(LessonsBlock.AvoidPrefix, lessons, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReviewWithoutCorrections_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _memory.RecordReviewAsync("run-8", Review()));

        Assert.Contains("ReviewCorrections", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _memory.ListAsync("writer", null, 10));
    }
}

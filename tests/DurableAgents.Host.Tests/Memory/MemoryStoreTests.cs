using DurableAgents.Memory;
using Microsoft.Extensions.VectorData;

namespace DurableAgents.Host.Tests.Memory;

/// <summary>The store tests every memory collection passes (SQLite entries, Azure Tables on Azurite, process memory).</summary>
public abstract class MemoryStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = new(Start);

    private VectorStoreCollection<string, MemoryRecord>? _collection;

    private protected VectorStoreCollection<string, MemoryRecord> Collection => _collection!;

    private protected AgentMemory Memory { get; private set; } = null!;

    /// <summary>A new, empty collection.</summary>
    private protected abstract Task<VectorStoreCollection<string, MemoryRecord>> CreateAsync();

    public async Task InitializeAsync()
    {
        _collection = await CreateAsync();
        Memory = new AgentMemory(_collection, new OfflineEmbeddingGenerator(), _time);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Upsert_ThenGet_RoundTripsEveryField()
    {
        await Collection.EnsureCollectionExistsAsync();
        var record = new MemoryRecord
        {
            Key = "ana/ep-1", Agent = "ana", Kind = MemoryKinds.Episode, Scope = "user:u@x.org", Text = "Archive, never delete.", Goal = "Delete old rows",
            Outcome = "Rejected", Steps = 3, ToolsUsed = "find,delete", Failures = "delete (rejected): no", Avoid = "delete", Source = "offline+human",
            RunId = "run-1", Step = 3, CreatedAt = Start, EmbeddingModel = "m", Embedding = new float[] { 0.5f, -0.25f, 1f },
        };
        await Collection.UpsertAsync(record);

        var read = await Collection.GetAsync("ana/ep-1", new RecordRetrievalOptions { IncludeVectors = true });
        var bare = await Collection.GetAsync("ana/ep-1");

        Assert.NotNull(read);
        Assert.Equal((record.Agent, record.Kind, record.Scope, record.Text, record.Goal, record.Outcome, record.Steps), (read.Agent, read.Kind, read.Scope, read.Text, read.Goal, read.Outcome, read.Steps));
        Assert.Equal((record.ToolsUsed, record.Failures, record.Avoid, record.Source, record.RunId, record.Step), (read.ToolsUsed, read.Failures, read.Avoid, read.Source, read.RunId, read.Step));
        Assert.Equal(record.CreatedAt, read.CreatedAt);
        Assert.Equal([0.5f, -0.25f, 1f], read.Embedding.ToArray());
        Assert.True(bare!.Embedding.IsEmpty);
        Assert.Null(await Collection.GetAsync("ana/missing"));
    }

    [Fact]
    public async Task Search_RanksByCosineWithinTheAgent_AndDropsWhatIsBelowTheMinimumScore()
    {
        await Memory.RememberAsync("ana", "f1", "The Contoso invoices go to Dana in accounting.", "r1", 1);
        await Memory.RememberAsync("ana", "f2", "Contoso pays invoices within thirty days.", "r2", 1);
        await Memory.RememberAsync("ana", "f3", "The office plants need water on Mondays.", "r3", 1);
        await Memory.RememberAsync("bob", "f1", "The Contoso invoices go to Dana in accounting.", "r9", 1);

        var found = await Memory.SearchAsync("ana", MemoryKinds.Fact, "who gets the Contoso invoices", top: 5, minScore: 0.3);
        var all = await Memory.SearchAsync("ana", MemoryKinds.Fact, "who gets the Contoso invoices", top: 5, minScore: -1);

        Assert.Equal(["ana/f1", "ana/f2"], found.Select(m => m.Record.Key));
        Assert.True(found[0].Score > found[1].Score);
        Assert.All(found, m => Assert.True(m.Record.Embedding.IsEmpty));
        Assert.Equal(3, all.Count); // the plants fact is there, below the minimum; bob's never
        Assert.DoesNotContain(all, m => m.Record.Agent != "ana");
        Assert.True(all.Single(m => m.Record.Key == "ana/f3").Score < 0.3);
    }

    [Fact]
    public async Task Search_KeepsToTheKindAndTheEmbeddingModel()
    {
        await Memory.RememberAsync("ana", "f1", "Invoices go to Dana.", "r1", 1);
        await Collection.UpsertAsync(new MemoryRecord
        {
            Key = "ana/other-model", Agent = "ana", Kind = MemoryKinds.Fact, Text = "Invoices go to Dana.", EmbeddingModel = "another-model",
            Embedding = OfflineEmbeddingGenerator.Embed("Invoices go to Dana."), CreatedAt = Start,
        });

        var episodes = await Memory.SearchAsync("ana", MemoryKinds.Episode, "invoices Dana", 5, -1);
        var facts = await Memory.SearchAsync("ana", MemoryKinds.Fact, "invoices Dana", 5, -1);

        Assert.Empty(episodes);
        Assert.Equal(["ana/f1"], facts.Select(m => m.Record.Key)); // a vector of another model is never compared
    }

    [Fact]
    public async Task List_NewestFirstByKind_DeleteOne_PurgeRemovesEverythingOfTheAgentOnly()
    {
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await Memory.RememberAsync("ana", $"f{i}", $"Fact number {i} about invoices.", $"r{i}", i);
        }

        await Memory.RememberAsync("bob", "f0", "Bob's own fact.", "rb", 1);

        var listed = await Memory.ListAsync("ana", MemoryKinds.Fact, top: 3);
        var deleted = await Memory.DeleteAsync("ana", "f4");
        var deletedAgain = await Memory.DeleteAsync("ana", "f4");
        var purged = await Memory.PurgeAsync("ana");

        Assert.Equal(["ana/f4", "ana/f3", "ana/f2"], listed.Select(r => r.Key));
        Assert.Empty(await Memory.ListAsync("ana", MemoryKinds.Episode, 10));
        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Equal(4, purged);
        Assert.Empty(await Memory.ListAsync("ana", null, 100));
        Assert.Single(await Memory.ListAsync("bob", null, 100));
    }

    [Fact]
    public async Task Scopes_ASessionSearchSeesItsOwnAndTheAgentWideFacts_ListAndPurgeKeepToOneScope()
    {
        await Memory.RememberAsync("ana", "f-agent", "Invoices go to Dana.", "r1", 1);
        await Memory.RememberAsync("ana", "f-s1", "Invoices of this chat go to Eve.", "r2", 1, MemoryKeys.Session("s1"));
        await Memory.RememberAsync("ana", "f-s2", "Invoices of that chat go to Finn.", "r3", 1, MemoryKeys.Session("s2"));

        var inS1 = await Memory.SearchAsync("ana", MemoryKinds.Fact, "who gets invoices", 10, -1, MemoryKeys.Session("s1"));
        var outside = await Memory.SearchAsync("ana", MemoryKinds.Fact, "who gets invoices", 10, -1);
        var listed = await Memory.ListAsync("ana", MemoryKinds.Fact, 10, MemoryKeys.Session("s2"));
        var agentWide = await Memory.ListAsync("ana", null, 10, scope: "");
        var purged = await Memory.PurgeAsync("ana", MemoryKeys.Session("s1"));

        Assert.Equal(["ana/f-agent", "ana/f-s1"], inS1.Select(m => m.Record.Key).Order());
        Assert.Equal(["ana/f-agent"], outside.Select(m => m.Record.Key));
        Assert.Equal(["ana/f-s2"], listed.Select(r => r.Key));
        Assert.Equal(["ana/f-agent"], agentWide.Select(r => r.Key));
        Assert.Equal(1, purged);
        Assert.Equal(["ana/f-agent", "ana/f-s2"], (await Memory.ListAsync("ana", null, 10)).Select(r => r.Key).Order());
    }

    [Fact]
    public async Task Remember_StoresNoSecretAndTheSameIdOnce()
    {
        await Memory.RememberAsync("ana", "f1", "The key is sk-abcdefghijklmnop and the storage AccountKey=Zm9vYmFy;", "r1", 1);
        await Memory.RememberAsync("ana", "f1", "The key is sk-abcdefghijklmnop and the storage AccountKey=Zm9vYmFy;", "r1", 1);

        var facts = await Memory.ListAsync("ana", MemoryKinds.Fact, 10);

        var fact = Assert.Single(facts);
        Assert.DoesNotContain("abcdefghijklmnop", fact.Text);
        Assert.DoesNotContain("Zm9vYmFy", fact.Text);
        Assert.Contains("[redacted]", fact.Text);
    }

    [Fact]
    public async Task Queries_WithoutAnAgentOrWithOtherTerms_AreRefusedWithTheRule()
    {
        await Collection.EnsureCollectionExistsAsync();
        var noAgent = await Assert.ThrowsAsync<NotSupportedException>(async () =>
            await DrainAsync(Collection.GetAsync(r => r.Kind == MemoryKinds.Fact, 10)));
        var otherTerm = await Assert.ThrowsAsync<NotSupportedException>(async () =>
            await DrainAsync(Collection.GetAsync(r => r.Agent == "ana" && r.Text == "x", 10)));
        var badKey = await Assert.ThrowsAsync<ArgumentException>(() => Collection.GetAsync("no-slash"));

        Assert.Contains("must name", noAgent.Message);
        Assert.Contains("not supported", otherTerm.Message);
        Assert.Contains("{agent}/{id}", badKey.Message);
    }

    private static async Task DrainAsync(IAsyncEnumerable<MemoryRecord> records)
    {
        await foreach (var _ in records)
        {
        }
    }
}

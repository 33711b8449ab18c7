using System.Diagnostics;
using System.Globalization;
using DurableAgents.DurableTask.Sqlite;
using DurableAgents.Host.Hosting;
using DurableAgents.Memory;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

// dotnet run -c Release --project tests/MemorySearchBench [dimensions=256,1536] [sizes=1000,5000,10000,25000]
// One agent's partition in the SQLite task hub's entries table, filled with random unit vectors; each size is searched 7 times
// (exact cosine, top 5) and the median is printed, with the write rate and the bytes per memory.
var dimensions = Arg(0, "256,1536");
var sizes = Arg(1, "1000,5000,10000,25000");
Console.WriteLine("dims  memories  fill/s   bytes/memory  search p50 ms  search max ms");
foreach (var dims in dimensions)
{
    var folder = Path.Combine(Path.GetTempPath(), "memory-bench-" + Guid.NewGuid().ToString("N")[..8]);
    Directory.CreateDirectory(folder);
    try
    {
        await using var taskHub = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = Path.Combine(folder, "taskhub.db") });
        var collection = new SqliteMemoryCollection(taskHub);
        var random = new Random(7);
        var stored = 0;
        foreach (var size in sizes)
        {
            var fill = Stopwatch.StartNew();
            var added = size - stored;
            while (stored < size)
            {
                var batch = Math.Min(500, size - stored);
                await collection.UpsertAsync(Enumerable.Range(stored, batch).Select(i => Record(i, dims, random)).ToList());
                stored += batch;
            }

            var rate = added / Math.Max(fill.Elapsed.TotalSeconds, 0.001);
            var times = new List<double>();
            for (var run = 0; run < 7; run++)
            {
                var query = new Embedding<float>(Unit(dims, random)) { ModelId = "bench" };
                var watch = Stopwatch.StartNew();
                var found = 0;
                await foreach (var _ in collection.SearchAsync(query, 5, new VectorSearchOptions<MemoryRecord> { Filter = r => r.Agent == "bench" }))
                {
                    found++;
                }

                times.Add(watch.Elapsed.TotalMilliseconds);
                if (found != 5)
                {
                    throw new InvalidOperationException($"expected 5 results, got {found}");
                }
            }

            times.Sort();
            var bytes = await taskHub.GetEntryBytesAsync("memory/bench/") / (double)size;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{dims,4}  {size,8}  {rate,7:0}  {bytes,12:0}  {times[3],13:0.0}  {times[^1],13:0.0}"));
        }
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

static MemoryRecord Record(int i, int dims, Random random) => new()
{
    Key = $"bench/m{i}", Agent = "bench", Kind = MemoryKinds.Episode, Text = $"Lesson {i}: a sentence or two of what worked and what to avoid next time.",
    Goal = $"Goal {i} of a benchmark run with a few words", Source = "offline", CreatedAt = DateTimeOffset.UnixEpoch.AddSeconds(i), EmbeddingModel = "bench",
    Embedding = Unit(dims, random),
};

static float[] Unit(int dims, Random random)
{
    var v = new float[dims];
    for (var i = 0; i < dims; i++)
    {
        v[i] = (float)(random.NextDouble() * 2 - 1);
    }

    var length = MathF.Sqrt(v.Sum(x => x * x));
    return v.Select(x => x / length).ToArray();
}

List<int> Arg(int index, string fallback) =>
    (args.Length > index ? args[index] : fallback).Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();

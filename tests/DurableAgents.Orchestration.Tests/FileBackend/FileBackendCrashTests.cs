using DurableAgents.Orchestration.Tests.Infrastructure;
using DurableAgents.Testing;

namespace DurableAgents.Orchestration.Tests.FileBackend;

/// <summary>Real kills: a child process runs a sequence of side-effecting activities on the file backend and is SIGKILLed mid-run.</summary>
public sealed class FileBackendCrashTests : IDisposable
{
    private const int Steps = 40;
    private const int Kills = 3;
    private readonly TempFolder _folder = new("da-crash");

    private string DataPath => Path.Combine(_folder.Path, "data");

    private string SideEffects => Path.Combine(_folder.Path, "side-effects.txt");

    [Fact]
    public async Task KilledRepeatedly_RunCompletes_NoCompletedActivityRunsAgain()
    {
        for (var kill = 1; kill <= Kills; kill++)
        {
            using var worker = StartWorker();
            await worker.WaitForLineAsync(l => l == "READY", "the worker to start");
            var target = kill * 8;
            await TestDeadline.WaitUntilAsync(() => SideEffectLines().Count >= target, $"{target} side effects before kill {kill}");
            worker.Kill();
        }

        using var final = StartWorker();
        await final.WaitForLineAsync(l => l.StartsWith("RESULT", StringComparison.Ordinal), "the run to finish");

        var expectedSum = Enumerable.Range(0, Steps).Sum();
        Assert.Contains($"RESULT Completed {expectedSum}", final.Lines);
        var steps = SideEffectLines().Select(l => int.Parse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();

        // Collapsing immediate repeats must give exactly 0..Steps-1: a step may repeat only right where a kill interrupted it.
        var collapsed = steps.Where((s, i) => i == 0 || steps[i - 1] != s).ToList();
        Assert.Equal(Enumerable.Range(0, Steps), collapsed);
        Assert.InRange(steps.Count - Steps, 0, Kills);
    }

    [Fact]
    public async Task SecondProcessOnSameFolder_FailsFastWithClearMessage()
    {
        using var first = StartWorker();
        await first.WaitForLineAsync(l => l == "READY", "the first worker to start");

        using var second = TestWorkerProcess.Start("--backend", "file", "--data", DataPath, "--side-effects", SideEffects);
        await second.WaitForExitAsync(TestDeadline.Token());

        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("is in use by another process", second.ErrorText, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private TestWorkerProcess StartWorker() => TestWorkerProcess.Start(
        "--backend", "file", "--data", DataPath, "--side-effects", SideEffects, "--step-delay-ms", "25",
        "--start", "SideEffectSequence", "--instance", "crash-run", "--input", Steps.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private List<string> SideEffectLines()
    {
        if (!File.Exists(SideEffects))
        {
            return [];
        }

        using var stream = new FileStream(SideEffects, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}

using DurableAgents.Benchmarks.Cli;
using DurableAgents.Benchmarks.Workloads;

namespace DurableAgents.Benchmarks;

/// <summary>The command: parse, start Azurite when the azure backend needs one, run the plan, map failures to exit codes.</summary>
internal static class BenchmarkProgram
{
    // A generous ceiling so a stuck run fails instead of hanging a script.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    /// <summary>Runs the benchmark; returns 0 on success, 2 on bad arguments, 1 when a run fails or <paramref name="cancellation"/> fires.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        if (args.Count == 0 || args.Contains("--help") || args.Contains("-h"))
        {
            await output.WriteLineAsync(HelpText.Text);
            return args.Count == 0 ? 2 : 0;
        }

        BenchmarkArguments arguments;
        IReadOnlyList<PlannedRun> plan;
        try
        {
            arguments = BenchmarkArguments.Parse(args);
            plan = BenchmarkPlan.From(arguments, error.WriteLine);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync("Run with --help for usage.");
            return 2;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(Limit);
        AzuriteInstance? azurite = null;
        try
        {
            if (arguments.Backend == "azure" && arguments.Connection is null)
            {
                // No --connection: the project's pinned, patched Azurite on free loopback ports, data in memory (the emulator's file
                // persistence costs it CPU that says nothing about a real storage account).
                azurite = await AzuriteInstance.StartNewAsync(allowExternal: false, inMemory: true, cancellationToken: deadline.Token);
                arguments = arguments with { Connection = azurite.ConnectionString };
            }

            await BenchmarkRunner.RunAsync(arguments, plan, output, deadline.Token);
            return 0;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            await error.WriteLineAsync(cancellation.IsCancellationRequested
                ? "error: the benchmark was cancelled."
                : $"error: the benchmark did not finish within {Limit.TotalMinutes:F0} minutes; a run may be stuck.");
            return 1;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync($"error: the benchmark run failed: {e}");
            return 1;
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }
    }
}

using DurableAgents.Benchmarks.Cli;
using DurableAgents.Benchmarks.Workloads;

// Engine benchmark: see Cli/HelpText.cs or run with --help.
if (args.Length > 0 && args[0] == DurableAgents.Benchmarks.Hosting.WorkerProcess.ModeArgument)
{
    return await DurableAgents.Benchmarks.Hosting.WorkerProcessMode.RunAsync(args);
}

if (args.Length == 0 || args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(HelpText.Text);
    return args.Length == 0 ? 2 : 0;
}

BenchmarkArguments arguments;
IReadOnlyList<PlannedRun> plan;
try
{
    arguments = BenchmarkArguments.Parse(args);
    plan = BenchmarkPlan.From(arguments);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("Run with --help for usage.");
    return 2;
}

// A generous ceiling so a stuck run fails instead of hanging a script.
using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(15));
AzuriteInstance? azurite = null;
try
{
    if (arguments.Backend == "azure" && arguments.Connection is null)
    {
        // No --connection: start the project's pinned Azurite on free loopback ports for this run, keeping its data in memory
        // (the emulator's own file persistence is not what a real storage account costs; see --help).
        azurite = await AzuriteInstance.StartNewAsync(inMemory: true, cancellationToken: deadline.Token);
        arguments = arguments with { Connection = azurite.ConnectionString };
    }

    await BenchmarkRunner.RunAsync(arguments, plan, Console.Out, deadline.Token);
    return 0;
}
catch (NotSupportedException error)
{
    Console.Error.WriteLine($"error: {error.Message}");
    return 1;
}
catch (OperationCanceledException) when (deadline.IsCancellationRequested)
{
    Console.Error.WriteLine("error: the benchmark did not finish within 15 minutes; the engine may be stuck.");
    return 1;
}
catch (Exception error)
{
    Console.Error.WriteLine($"error: the benchmark run failed: {error}");
    return 1;
}
finally
{
    if (azurite is not null)
    {
        await azurite.DisposeAsync();
    }
}

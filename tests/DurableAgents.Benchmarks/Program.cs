using DurableAgents.Benchmarks;
using DurableAgents.Benchmarks.Hosting;

// The benchmark program: see Cli/HelpText.cs or run with --help.
if (args.Length > 0 && args[0] == WorkerProcess.ModeArgument)
{
    return await WorkerProcessMode.RunAsync(args);
}

return await BenchmarkProgram.RunAsync(args, Console.Out, Console.Error);

using DurableAgents.Host.Cli;
using DurableAgents.Testing;

namespace DurableAgents.Host.Tests.Eval;

/// <summary>Runs the host's command line in-process with its output captured as plain text.</summary>
public static class EvalConsole
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(params string[] args)
    {
        using var writer = new StringWriter();
        var console = CapturedConsole.Create(writer);
        var code = await HostCli.RunAsync(args, console, _ => null);
        return new Result(code, writer.ToString());
    }
}

using DurableAgents.Dashboard.Tests.Infrastructure;
using DurableAgents.Host.Cli;
using DurableAgents.Testing;

namespace DurableAgents.Dashboard.Tests.Cli;

/// <summary>Runs the CLI in-process against a host, with its output captured as plain text (no colours, no live view).</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(DashboardHost host, string? key, params string[] args) =>
        await RunAsync(name => name switch
        {
            HostConnection.UrlVariable => host.Url,
            HostConnection.KeyVariable => key,
            _ => null,
        }, args);

    public static async Task<Result> RunAsync(Func<string, string?> environment, params string[] args)
    {
        using var writer = new StringWriter();
        var console = CapturedConsole.Create(writer);
        var code = await HostCli.RunAsync(args, console, environment);
        return new Result(code, writer.ToString());
    }
}

/// <summary>One host with a key for the CLI tests.</summary>
public sealed class CliHostFixture : IDisposable
{
    public DashboardHost Host { get; } = new();

    public void Dispose() => Host.Dispose();
}

[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<CliHostFixture>
{
    public const string Name = "cli";
}

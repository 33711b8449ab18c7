using System.CommandLine;
using Spectre.Console;

namespace DurableAgents.Host.Cli;

/// <summary>
/// <c>runs list|show|approve|reject</c> and <c>sessions list|show</c> against a running host over its HTTP API, and <c>eval</c> (goal cases on a host of its own).
/// Exit codes: 0 done, 1 the host refused or could not be reached (the message says why) or the eval fell below its threshold,
/// 2 the command line, a cases file or a setting was wrong.
/// </summary>
public static class HostCli
{
    /// <summary>True when the arguments are a CLI verb rather than the host's own settings.</summary>
    public static bool Handles(string[] args) => args is ["runs", ..] or ["sessions", ..] or ["eval", ..];

    /// <summary>Runs the command; output goes to <paramref name="console"/> (the terminal when null).</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null, Func<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var output = console ?? AnsiConsole.Console;
        var context = new CliContext(output, environment ?? Environment.GetEnvironmentVariable);
        var root = new RootCommand("DurableAgents: work with the runs of a running host, or evaluate agents.")
        {
            RunsCommands.Create(context),
            SessionsCommands.Create(context),
            Eval.EvalCommand.Create(context),
        };
        var writer = new ConsoleWriter(output);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                output.Write(new Text(error.Message + "\n", new Style(Color.Red)));
            }

            output.Write(new Text("Run with --help for the commands and their options.\n"));
            return 2;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliException e)
        {
            output.Write(new Text(e.Message + "\n", new Style(Color.Red)));
            return 1;
        }
        catch (Exception e) when (e is Eval.EvalCasesException || Hosting.StartupGuard.Refusal(e) is not null)
        {
            output.Write(new Text((Hosting.StartupGuard.Refusal(e) ?? e).Message + "\n", new Style(Color.Red)));
            return Hosting.StartupGuard.RefusedExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 130;
        }
    }

    /// <summary>Lets System.CommandLine's help text go to the same console.</summary>
    private sealed class ConsoleWriter(IAnsiConsole console) : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
    {
        public override void Write(char value) => console.Write(new Text(value.ToString()));

        public override void Write(string? value) => console.Write(new Text(value ?? ""));

        public override void WriteLine(string? value) => console.Write(new Text((value ?? "") + "\n"));
    }
}

/// <summary>What the commands share: the console and the environment they read the connection from.</summary>
/// <param name="Console">Where output goes.</param>
/// <param name="Environment">Reads an environment variable.</param>
public sealed record CliContext(IAnsiConsole Console, Func<string, string?> Environment);

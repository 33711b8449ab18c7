using Microsoft.Extensions.Options;

namespace DurableAgents.Host.Hosting;

/// <summary>
/// Runs the host and turns a failure to start into one clear line on stderr and an exit code: 2 for a refusal the operator can
/// fix (configuration, an unsafe bind, a data folder in use), 1 for anything else. Never an unhandled exception (exit 134).
/// </summary>
public static class StartupGuard
{
    /// <summary>The exit code of a refusal.</summary>
    public const int RefusedExitCode = 2;

    /// <summary>Runs <paramref name="run"/> and returns its exit code, or the code of the failure.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            return await run();
        }
        catch (HostAbortedException)
        {
            throw; // WebApplicationFactory and design-time tools stop the entry point this way once they have the host.
        }
        catch (Exception ex) when (Refusal(ex) is { } refusal)
        {
            await Console.Error.WriteLineAsync($"DurableAgents host: refusing to start: {refusal.Message}");
            return RefusedExitCode;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"DurableAgents host: failed: {ex}");
            return 1;
        }
    }

    /// <summary>The exception that says why the host refuses to start, or null when the failure is not a refusal.</summary>
    public static Exception? Refusal(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException { InnerExceptions.Count: 1 } single)
            {
                return Refusal(single.InnerExceptions[0]);
            }

            // Our refusals, options validation, and the engine's own clear messages (a data folder in use, a file that is not ours).
            if (e is StartupRefusalException or OptionsValidationException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                return e;
            }
        }

        return null;
    }
}

using System.Diagnostics;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Azurite;

/// <summary>Graceful termination of the Azurite process (SIGTERM on Unix, through the kill command).</summary>
internal static class AzuriteSignals
{
    /// <summary>Sends SIGTERM and waits up to <paramref name="timeout"/>; false when unsupported or it did not exit in time.</summary>
    public static async Task<bool> TerminateAsync(Process process, TimeSpan timeout)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
            if (kill is null)
            {
                return false;
            }

            await kill.WaitForExitAsync(cts.Token);
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

using System.Diagnostics;
using System.Net.Sockets;

namespace DurableAgents.Testing.Azurite;

public sealed partial class AzuriteInstance
{
    private static string BuildConnectionString(int blob, int queue, int table) =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blob}/{Account};QueueEndpoint=http://127.0.0.1:{queue}/{Account};" +
        $"TableEndpoint=http://127.0.0.1:{table}/{Account};";

    private static async Task WaitForPortAsync(int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                // Not listening yet: poll again shortly, bounded by the caller's deadline.
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    /// <summary>Sends SIGTERM (through the kill command) and waits up to <paramref name="timeout"/>; false when unsupported or too slow.</summary>
    private static async Task<bool> TerminateGracefullyAsync(Process process, TimeSpan timeout)
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

    private (Process, AzuriteOutput) Launch()
    {
        var info = new ProcessStartInfo(_executable!)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dataFolder!,
        };
        foreach (var arg in new[]
        {
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
            "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
        })
        {
            info.ArgumentList.Add(arg);
        }

        if (_inMemory)
        {
            info.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(_dataFolder!);
        }

        var process = new Process { StartInfo = info };
        var output = new AzuriteOutput();
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DurableAgents.Testing;

namespace DurableAgents.Host.Tests.BlackBox;

/// <summary>The real host as a child process (<c>dotnet DurableAgents.Host.dll</c>) on a free loopback port.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, int port)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the host on the file (SQLite) backend in <paramref name="dataPath"/>.</summary>
    public static Task<HostProcess> StartAsync(string dataPath, params string[] extraArgs) =>
        StartAsync(dataPath, new Dictionary<string, string>(), ["--DurableAgents:Backend", "file", .. extraArgs]);

    /// <summary>Starts the host with <paramref name="environment"/> added (settings such as a connection string stay off the command line).</summary>
    public static async Task<HostProcess> StartAsync(string dataPath, IReadOnlyDictionary<string, string> environment, params string[] extraArgs)
    {
        var port = FreePort();
        var info = ChildStartInfo(dataPath, ["--urls", $"http://127.0.0.1:{port}", "--DurableAgents:DataPath", dataPath, .. extraArgs]);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the host process.");
        var host = new HostProcess(process, port);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await TestDeadline.WaitUntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {process.ExitCode}:\n{host.Output}");
            }

            try
            {
                return (await host.Http.GetAsync("/health")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "host process answers /health");
        return host;
    }

    /// <summary>How to start the host binary as a child: output redirected, no model or storage account from the test machine.</summary>
    public static ProcessStartInfo ChildStartInfo(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        // Children are SIGKILLed on purpose: without the diagnostics IPC they leave no sockets behind in /tmp.
        info.Environment["DOTNET_EnableDiagnostics"] = "0";
        foreach (var name in new[] { "OPENAI_API_KEY", "OPENAI_BASE_URL", "AzureWebJobsStorage", "FUNCTIONS_CUSTOMHANDLER_PORT", "ASPNETCORE_URLS" })
        {
            info.Environment.Remove(name);
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DurableAgents.Host.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    /// <summary>SIGKILL, no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(TestDeadline.Token());
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        Http.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

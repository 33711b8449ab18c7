using System.Diagnostics;
using System.Net;
using DurableAgents.Testing;

namespace DurableAgents.Host.Tests.BlackBox;

/// <summary>The real host as a child process (<c>dotnet DurableAgents.Host.dll</c>) on a free loopback port.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private HostProcess(ChildProcess process, int port)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public HttpClient Http { get; }

    public string Output => _process.Output;

    /// <summary>Starts the host on the file (SQLite) backend in <paramref name="dataPath"/>.</summary>
    public static Task<HostProcess> StartAsync(string dataPath, params string[] extraArgs) =>
        StartAsync(dataPath, new Dictionary<string, string>(), ["--DurableAgents:Backend", "file", .. extraArgs]);

    /// <summary>Starts the host with <paramref name="environment"/> added (settings such as a connection string stay off the command line).</summary>
    public static async Task<HostProcess> StartAsync(string dataPath, IReadOnlyDictionary<string, string> environment, params string[] extraArgs)
    {
        var port = LoopbackPort.Free();
        var info = ChildStartInfo(dataPath, ["--urls", $"http://127.0.0.1:{port}", "--DurableAgents:DataPath", dataPath, .. extraArgs]);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var host = new HostProcess(ChildProcess.Start(info, collectStdout: true), port);
        await TestDeadline.WaitUntilAsync(async () =>
        {
            if (host._process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {host._process.Process.ExitCode}:\n{host.Output}");
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
        var info = ChildProcess.StartInfo(Path.Combine(AppContext.BaseDirectory, "DurableAgents.Host.dll"), args);
        info.WorkingDirectory = workingDirectory;
        foreach (var name in new[] { "OPENAI_API_KEY", "OPENAI_BASE_URL", "AzureWebJobsStorage", "ASPNETCORE_URLS" })
        {
            info.Environment.Remove(name);
        }

        return info;
    }

    /// <summary>SIGKILL, no shutdown code runs.</summary>
    public Task KillAsync() => _process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Http.Dispose();
    }
}

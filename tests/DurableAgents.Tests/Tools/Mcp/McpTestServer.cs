using System.Diagnostics;
using DurableAgents.Testing;
using DurableAgents.Tools.Mcp;

namespace DurableAgents.Tests.Tools.Mcp;

/// <summary>The test MCP server (tests/DurableAgents.McpTestServer): options for it over stdio, or a process serving it over HTTP.</summary>
internal static class McpTestServer
{
    public const string HeaderName = "X-Test-Key";
    public const string HeaderValue = "let-me-in";

    /// <summary>The built server, next to this test assembly's configuration.</summary>
    public static string Dll
    {
        get
        {
            var config = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
            var dll = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "DurableAgents.McpTestServer", "bin", config, "net10.0", "DurableAgents.McpTestServer.dll"));
            Assert.True(File.Exists(dll), $"The MCP test server is not built at {dll}.");
            return dll;
        }
    }

    /// <summary>Options that start the server as a child process speaking stdio (the pool starts and stops it).</summary>
    public static McpServerOptions Stdio(params McpToolOptions[] tools) => new()
    {
        Name = "testserver",
        Command = "dotnet",
        Arguments = [Dll, "--stdio"],
        Tools = [.. tools],
    };

    /// <summary>Options for a stdio server whose command exits at once (a server that is down).</summary>
    public static McpServerOptions DownStdio(params McpToolOptions[] tools) => new()
    {
        Name = "downserver",
        Command = "dotnet",
        Arguments = [Path.Combine(Path.GetTempPath(), $"no-such-server-{Guid.NewGuid():N}.dll")],
        ConnectTimeout = TimeSpan.FromSeconds(20),
        Tools = [.. tools],
    };

    /// <summary>Options for an HTTP server on a loopback port nobody listens on (a server that is down).</summary>
    public static McpServerOptions DownHttp(params McpToolOptions[] tools)
    {
        var port = LoopbackPort.Free();
        return new McpServerOptions { Name = "downserver", Url = new Uri($"http://127.0.0.1:{port}/mcp"), ConnectTimeout = TimeSpan.FromSeconds(20), Tools = [.. tools] };
    }
}

/// <summary>The test server as a child process serving streamable HTTP on a free loopback port; killed with its tree on dispose.</summary>
public sealed class HttpMcpServerProcess : IAsyncLifetime
{
    private Process? _process;

    /// <summary>The endpoint, e.g. http://127.0.0.1:PORT/mcp.</summary>
    public Uri Url { get; private set; } = null!;

    internal McpServerOptions Options(params McpToolOptions[] tools) => new()
    {
        Name = "testserver",
        Url = Url,
        Headers = new Dictionary<string, string> { [McpTestServer.HeaderName] = McpTestServer.HeaderValue },
        Tools = [.. tools],
    };

    public async Task InitializeAsync()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(McpTestServer.Dll);
        info.ArgumentList.Add("--http");
        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the MCP test server.");
        _process.ErrorDataReceived += (_, _) => { }; // drained so the child never blocks on a full pipe
        _process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await _process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith("listening on ", StringComparison.Ordinal))
            {
                Url = new Uri(line["listening on ".Length..]);
                _ = _process.StandardOutput.ReadToEndAsync(); // keep draining
                return;
            }
        }

        throw new InvalidOperationException($"The MCP test server exited (code {(_process.HasExited ? _process.ExitCode : -1)}) before it listened.");
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(TestDeadline.Token());
        _process.Dispose();
    }
}

using System.Diagnostics;

namespace DurableAgents.Testing.Azurite;

/// <summary>An Azurite emulator for tests: an external one named by an env var, or a private node process.</summary>
/// <remarks>
/// Lives in its own project (tests/DurableAgents.Testing.Azurite) so every test project and the benchmarks share one launcher.
/// A private instance listens on free loopback ports with its own temp data folder; Stop/Start keep both.
/// </remarks>
public sealed partial class AzuriteInstance : IAsyncDisposable
{
    /// <summary>Set to a connection string to use an already running Azurite instead of starting one.</summary>
    public const string ConnectionEnvVar = "DURABLEAGENTS_AZURITE_CONNECTION";

    // Azurite's fixed, publicly documented development account: not a secret.
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(60);

    private readonly string? _executable;
    private readonly string? _dataFolder;
    private readonly bool _inMemory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Process? _process;
    private AzuriteOutput? _output;

    private AzuriteInstance(string connectionString)
    {
        ConnectionString = connectionString;
        IsExternal = true;
    }

    private AzuriteInstance(string executable, string dataFolder, bool inMemory)
    {
        _executable = executable;
        _dataFolder = dataFolder;
        _inMemory = inMemory;
        ConnectionString = "";
    }

    /// <summary>The connection string with explicit Blob/Queue/Table endpoints.</summary>
    public string ConnectionString { get; private set; }

    /// <summary>True when the instance came from <see cref="ConnectionEnvVar"/> (Stop/Start are unavailable).</summary>
    public bool IsExternal { get; }

    /// <summary>The blob port of a private instance.</summary>
    public int BlobPort { get; private set; }

    /// <summary>The queue port of a private instance.</summary>
    public int QueuePort { get; private set; }

    /// <summary>The table port of a private instance.</summary>
    public int TablePort { get; private set; }

    /// <summary>Uses <see cref="ConnectionEnvVar"/> if set (and allowed), otherwise installs if needed and starts Azurite.</summary>
    /// <param name="allowExternal">Whether an Azurite named by <see cref="ConnectionEnvVar"/> may be used instead.</param>
    /// <param name="inMemory">
    /// Azurite's <c>--inMemoryPersistence</c>: nothing is written to files, so data does not survive <see cref="StopAsync"/>
    /// (the benchmark's choice; tests that restart Azurite need the default).
    /// </param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<AzuriteInstance> StartNewAsync(bool allowExternal = true, bool inMemory = false, CancellationToken cancellationToken = default)
    {
        var external = Environment.GetEnvironmentVariable(ConnectionEnvVar);
        if (allowExternal && !string.IsNullOrWhiteSpace(external))
        {
            return new AzuriteInstance(external);
        }

        var executable = await AzuriteInstaller.EnsureInstalledAsync(cancellationToken);
        // A RAM-backed folder where there is one: the data survives Stop/Start (outage tests) without disk latency.
        var root = OperatingSystem.IsLinux() && Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var dataFolder = Path.Combine(root, "durableagents-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        var instance = new AzuriteInstance(executable, dataFolder, inMemory);
        try
        {
            await instance.StartAsync(cancellationToken);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the (stopped) process again on the same ports and data folder.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfExternal();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_process is { HasExited: false })
            {
                return;
            }

            var firstStart = BlobPort == 0;
            (_process, _output) = Launch();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(StartupDeadline);
            try
            {
                if (firstStart)
                {
                    // Port 0 lets Azurite pick free ports without a bind-then-release race; it prints what it chose.
                    (BlobPort, QueuePort, TablePort) = await _output.WaitForPortsAsync(deadline.Token);
                    ConnectionString = BuildConnectionString(BlobPort, QueuePort, TablePort);
                }

                foreach (var port in new[] { BlobPort, QueuePort, TablePort })
                {
                    await WaitForPortAsync(port, deadline.Token);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                KillProcess();
                throw new TimeoutException($"Azurite did not start within {StartupDeadline.TotalSeconds} s. Output:\n{_output.Text}");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Kills the Azurite process tree (the data folder and ports are kept for <see cref="StartAsync"/>).</summary>
    public async Task StopAsync()
    {
        ThrowIfExternal();
        await _gate.WaitAsync();
        try
        {
            var process = _process;
            if (process is { HasExited: false } && await TerminateGracefullyAsync(process, TimeSpan.FromSeconds(10)))
            {
                // Azurite flushes its metadata store on SIGTERM; a SIGKILL could lose writes it had already acknowledged,
                // which real Azure Storage never does.
                _process = null;
            }

            KillProcess();
            if (process is not null)
            {
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Kills the process tree and deletes the data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!IsExternal)
        {
            await StopAsync();
        }

        if (_dataFolder is not null && Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }

        _gate.Dispose();
    }

    private void KillProcess()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
        }

        _process = null;
    }

    private void ThrowIfExternal()
    {
        if (IsExternal)
        {
            throw new InvalidOperationException($"This Azurite comes from {ConnectionEnvVar}; it cannot be stopped or started by tests.");
        }
    }
}

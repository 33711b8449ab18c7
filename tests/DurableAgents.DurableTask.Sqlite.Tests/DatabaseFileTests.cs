using System.Security.Cryptography;
using DurableAgents.DurableTask.Sqlite.Tests.Support;
using DurableAgents.Testing;

namespace DurableAgents.DurableTask.Sqlite.Tests;

public sealed class DatabaseFileTests
{
    [Fact]
    public async Task SecondServiceOnTheSameFile_IsRefusedWithTheFileName()
    {
        await using var hub = await TestHub.StartAsync();
        await using var second = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = hub.DatabasePath });

        var error = await Assert.ThrowsAsync<SqliteTaskHubFileException>(() => second.StartAsync());

        Assert.Contains(hub.DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("another process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondProcessOnTheSameFile_IsRefused()
    {
        await using var hub = await TestHub.StartAsync();

        var (exitCode, output) = await CrashWorkerProcess.RunToEndAsync("open", hub.DatabasePath);

        Assert.Equal(3, exitCode);
        Assert.StartsWith("REFUSED", output, StringComparison.Ordinal);
        Assert.Contains(hub.DatabasePath, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RandomFile_IsRefusedAndLeftUntouched()
    {
        using var folder = new TempFolder("da-sqlite");
        string path = Path.Combine(folder.Path, "random.db");
        await File.WriteAllBytesAsync(path, RandomNumberGenerator.GetBytes(8192));

        var error = await RefusedAsync(path);

        Assert.Contains("is not a SQLite database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherApplicationsDatabase_IsRefused()
    {
        using var folder = new TempFolder("da-sqlite");
        string path = Path.Combine(folder.Path, "other.db");
        SqliteFile.Execute(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('ada');");

        var error = await RefusedAsync(path);

        Assert.Contains("belongs to another application", error.Message, StringComparison.Ordinal);
        Assert.Contains("customers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewerSchemaVersion_IsRefused()
    {
        using var folder = new TempFolder("da-sqlite");
        string path = Path.Combine(folder.Path, "newer.db");
        await using (var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = path }))
        {
            await service.CreateIfNotExistsAsync();
        }

        SqliteFile.Execute(path, "INSERT INTO durabletask_schema_versions (version, applied_utc) VALUES ('99.0.0', 'later')");

        var error = await RefusedAsync(path);

        Assert.Contains("99.0.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade the package", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorruptFile_IsRefused()
    {
        using var folder = new TempFolder("da-sqlite");
        string path = Path.Combine(folder.Path, "corrupt.db");
        await using (var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = path }))
        {
            await service.CreateIfNotExistsAsync();
        }

        var bytes = await File.ReadAllBytesAsync(path);
        RandomNumberGenerator.Fill(bytes.AsSpan(100, bytes.Length - 100));
        await File.WriteAllBytesAsync(path, bytes);

        var error = await RefusedAsync(path);

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileOfAnotherTaskHub_IsRefused()
    {
        using var folder = new TempFolder("da-sqlite");
        string path = Path.Combine(folder.Path, "hub.db");
        await using (var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = path, TaskHubName = "orders" }))
        {
            await service.CreateIfNotExistsAsync();
        }

        await using var other = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = path, TaskHubName = "billing" });
        var error = await Assert.ThrowsAsync<SqliteTaskHubFileException>(() => other.StartAsync());

        Assert.Contains("'orders'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'billing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSettings_AreRefusedWithTheSettingsName()
    {
        Assert.Contains("DatabasePath", Assert.Throws<ArgumentException>(() => new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = " " })).Message, StringComparison.Ordinal);
        Assert.Equal("MaxConcurrentTaskActivityWorkItems", Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = "x.db", MaxConcurrentTaskActivityWorkItems = 0 })).ParamName);
        Assert.Equal("ExtendedSessionIdleTimeout", Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = "x.db", ExtendedSessionIdleTimeout = TimeSpan.Zero })).ParamName);
    }

    static async Task<SqliteTaskHubFileException> RefusedAsync(string path)
    {
        byte[] before = SHA256.HashData(await File.ReadAllBytesAsync(path));
        await using var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = path });
        var error = await Assert.ThrowsAsync<SqliteTaskHubFileException>(() => service.StartAsync());
        Assert.Equal(path, error.DatabasePath);
        Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(path)));
        return error;
    }
}

using DurableAgents.Testing.Azurite;

namespace DurableAgents.DurableTask.Tests.Conformance.AzureStorage;

/// <summary>One patched Azurite (in-memory persistence) for a test class; every test in it uses a task hub of its own.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartNewAsync(inMemory: true);

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>A fresh, valid task hub name.</summary>
    public static string NewTaskHub(string prefix = "hub") => prefix + Guid.NewGuid().ToString("N")[..16];
}

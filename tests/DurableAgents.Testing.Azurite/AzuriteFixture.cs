using Xunit;

namespace DurableAgents.Testing.Azurite;

/// <summary>One patched Azurite (in-memory persistence) for a test class or collection; every test in it uses a task hub or queue of its own.</summary>
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

    /// <summary>A unique, valid queue or container name, so tests never share state.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];
}

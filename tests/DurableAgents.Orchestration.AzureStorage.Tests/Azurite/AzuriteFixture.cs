using DurableAgents.Orchestration.AzureStorage.Storage;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Azurite;

/// <summary>One Azurite shared by every test in the <see cref="AzuriteCollection"/>.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;

    /// <summary>The running emulator.</summary>
    public AzuriteInstance Azurite => _azurite ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>A connection to the emulator with default retry settings.</summary>
    public StorageConnection Connection { get; private set; } = null!;

    /// <summary>A unique, valid queue or container name so tests never share state.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartNewAsync();
        Connection = StorageConnection.FromConnectionString(_azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

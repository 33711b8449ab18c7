namespace DurableAgents.Host.Tests.Azure;

/// <summary>Tests marked <c>[Collection(AzuriteCollection.Name)]</c> share one Azurite; each uses its own task hub and queues.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

using DurableAgents.Orchestration.AzureStorage.Instances;
using DurableAgents.Orchestration.AzureStorage.Naming;
using DurableAgents.Orchestration.AzureStorage.Storage;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Unit;

/// <summary>How instance ids become table keys and how a record's JSON is split over entity properties.</summary>
public sealed class InstanceStateLayoutTests
{
    [Theory]
    [InlineData("run-1_a.b", "run-1_a.b")]
    [InlineData("agent:42@x+y=z", "agent~3A42~40x~2By~3Dz")]
    public void PartitionKey_KeepsSafeCharacters_AndEscapesTheRest(string id, string expected) =>
        Assert.Equal(expected, InstanceKeys.PartitionKey(id));

    [Theory]
    [InlineData("agent:", "agent:42")]
    [InlineData("a", "a=b")]
    [InlineData("x@", "x@y")]
    public void PartitionKey_OfAPrefix_IsAPrefixOfTheKey_AndBelowTheUpperBound(string prefix, string id)
    {
        var keyPrefix = InstanceKeys.PartitionKey(prefix);
        var key = InstanceKeys.PartitionKey(id);

        Assert.StartsWith(keyPrefix, key, StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(key, InstanceKeys.UpperBound(keyPrefix)) < 0);
        Assert.True(string.CompareOrdinal(InstanceKeys.PartitionKey("b"), InstanceKeys.UpperBound(InstanceKeys.PartitionKey("a"))) >= 0);
    }

    [Fact]
    public void Split_LongJson_UsesPartsWithinTheLimit_AndJoinsBack()
    {
        var json = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"{{\"n\":{i}}},"));

        var parts = StateEntity.Split(json);
        var joined = StateEntity.Join(new TableEntity("k", "state", parts));

        Assert.True(parts.Count > 1);
        Assert.All(parts.Values, p => Assert.InRange(p.Length, 1, TableEntity.MaxStringPropertyChars));
        Assert.Equal(json, joined);
    }

    [Fact]
    public void Split_NeverCutsASurrogatePair()
    {
        var json = new string('a', TableEntity.MaxStringPropertyChars - 1) + "😀" + "tail";

        var parts = StateEntity.Split(json);

        Assert.Equal(2, parts.Count);
        Assert.False(char.IsHighSurrogate(parts["R0"][^1]));
        Assert.Equal(json, StateEntity.Join(new TableEntity("k", "state", parts)));
    }

    [Fact]
    public void Fits_IsFalseOnlyForJsonThatNeedsMoreThanTheEntityHolds()
    {
        Assert.True(StateEntity.Fits(new string('a', 400_000)));
        Assert.False(StateEntity.Fits(new string('a', StateEntity.MaxInlineChars)));
        Assert.True(StateEntity.Split(new string('a', StateEntity.MaxInlineChars - StateEntity.MaxParts)).Count <= StateEntity.MaxParts);
    }

    [Fact]
    public void Join_OfAnEntityWithoutParts_SaysItWasNotWrittenByThisBackend()
    {
        var error = Assert.Throws<InvalidDataException>(() => StateEntity.Join(new TableEntity("k", "state", new Dictionary<string, string>())));

        Assert.Contains("not written by this backend", error.Message, StringComparison.Ordinal);
    }
}

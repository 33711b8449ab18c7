using DurableAgents.Orchestration.AzureStorage.Naming;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Unit;

public sealed class PartitionHashTests
{
    [Theory]
    [InlineData("", 2166136261u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Fnv1a_MatchesPublishedTestVectors(string input, uint expected) => Assert.Equal(expected, PartitionHash.Fnv1a(input));

    [Fact]
    public void Partition_IsStableAndInRange_AndSpreadsIds()
    {
        var partitions = Enumerable.Range(0, 1000).Select(i => PartitionHash.Partition($"run-{i}", 4)).ToList();

        Assert.All(partitions, p => Assert.InRange(p, 0, 3));
        Assert.Equal(partitions, Enumerable.Range(0, 1000).Select(i => PartitionHash.Partition($"run-{i}", 4)));
        Assert.All(Enumerable.Range(0, 4), p => Assert.InRange(partitions.Count(x => x == p), 150, 350));
    }

    [Fact]
    public void Layout_PrefixesEveryNameWithTheHub()
    {
        var layout = new TaskHubLayout("myhub", 2);

        Assert.Equal(["myhub-control-0", "myhub-control-1"], layout.ControlQueues);
        Assert.Equal("myhub-workitems", layout.WorkItemQueue);
        Assert.StartsWith("myhub-", layout.InstancesContainer, StringComparison.Ordinal);
        Assert.StartsWith("myhub-", layout.LeasesContainer, StringComparison.Ordinal);
        Assert.StartsWith("myhub-", layout.LargeMessagesContainer, StringComparison.Ordinal);
    }
}

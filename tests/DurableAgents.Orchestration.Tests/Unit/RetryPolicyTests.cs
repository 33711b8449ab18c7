namespace DurableAgents.Orchestration.Tests.Unit;

public sealed class RetryPolicyTests
{
    private static readonly TaskFailureDetails Failure = new("System.TimeoutException", "slow");

    [Fact]
    public void Delays_GrowByCoefficient_AndAreCapped()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1), 2.0, maxRetryInterval: TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(1), policy.GetDelayBeforeAttempt(2, Failure, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(2), policy.GetDelayBeforeAttempt(3, Failure, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(3), policy.GetDelayBeforeAttempt(4, Failure, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(3), policy.GetDelayBeforeAttempt(5, Failure, TimeSpan.Zero));
        Assert.Null(policy.GetDelayBeforeAttempt(6, Failure, TimeSpan.Zero));
    }

    [Fact]
    public void NoRetry_PastTimeout_OrForNonRetriableFailure_OrWhenPredicateRefuses()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(5), retryTimeout: TimeSpan.FromSeconds(12));
        Assert.NotNull(policy.GetDelayBeforeAttempt(2, Failure, TimeSpan.FromSeconds(6)));
        Assert.Null(policy.GetDelayBeforeAttempt(2, Failure, TimeSpan.FromSeconds(8)));
        Assert.Null(policy.GetDelayBeforeAttempt(2, Failure with { IsNonRetriable = true }, TimeSpan.Zero));
        var picky = policy with { HandleFailure = f => f.ErrorType != "System.TimeoutException" };
        Assert.Null(picky.GetDelayBeforeAttempt(2, Failure, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(3, 0.5)]
    public void InvalidSettings_AreRejectedWithTheirName(int attempts, double coefficient)
    {
        var ex = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new RetryPolicy(attempts, TimeSpan.FromSeconds(1), coefficient));
        Assert.NotNull(ex.ParamName);
    }

    [Fact]
    public void FailureDetails_FromNestedException_KeepsTheChain()
    {
        var details = TaskFailureDetails.FromException(new InvalidOperationException("outer", new ArgumentException("inner")));

        Assert.Equal("System.InvalidOperationException", details.ErrorType);
        Assert.Equal("inner", details.InnerFailure!.ErrorMessage);
        Assert.True(details.IsCausedBy<ArgumentException>());
        Assert.False(details.IsCausedBy<TimeoutException>());
        Assert.True(TaskFailureDetails.FromException(new NonRetriableException("stop")).IsNonRetriable);
    }
}

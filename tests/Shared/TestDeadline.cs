using System.Diagnostics;

namespace DurableAgents.Testing;

/// <summary>Deadlines for waiting on conditions: generous, and unlimited under a debugger.</summary>
public static class TestDeadline
{
    public static CancellationToken Token(int seconds = 60) =>
        Debugger.IsAttached ? CancellationToken.None : new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> at the deadline.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var token = Token(seconds);
        var delay = 10;
        while (!await condition())
        {
            if (token.IsCancellationRequested)
            {
                throw new TimeoutException($"Gave up after {seconds}s waiting for: {what}");
            }

            await Task.Delay(delay, CancellationToken.None);
            delay = Math.Min(delay * 2, 200);
        }
    }

    public static Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 60) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, seconds);
}

using System.Globalization;
using DurableAgents.Functions.Tests.Infrastructure;
using DurableAgents.Functions.Triggers;
using Microsoft.Azure.Functions.Worker;

namespace DurableAgents.Functions.Tests.Functions;

/// <summary>The schedule's timer: one occurrence starts one run, however often the timer fires for it.</summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class TimerTriggerTests(FunctionsApp app)
{
    [Fact]
    public async Task TimerFiringTwiceForOneOccurrence_StartsOneRun()
    {
        // Today's 07:00 UTC occurrence, or yesterday's while it is still ahead.
        var occurrence = DateTime.UtcNow.Date.AddHours(7);
        occurrence = occurrence > DateTime.UtcNow ? occurrence.AddDays(-1) : occurrence;
        var status = new ScheduleStatus { Last = occurrence.AddDays(-1), Next = occurrence, LastUpdated = occurrence.AddDays(-1) };
        var functions = app.Create<ScheduleFunctions>(out var scope);
        using var _ = scope;

        var first = await functions.DailyResearchAsync(new TimerInfo { ScheduleStatus = status, IsPastDue = false }, app.Client, default);
        // The same occurrence again: another instance of the app, or a restart that finds it past due.
        var second = await functions.DailyResearchAsync(new TimerInfo { ScheduleStatus = status, IsPastDue = true }, app.Client, default);

        var runId = "daily-research-" + occurrence.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        Assert.True(first.Started);
        Assert.False(second.Started);
        Assert.Contains($"Run {runId} already exists", second.Message, StringComparison.Ordinal);
        var run = await app.Client.GetInstanceAsync(runId, getInputsAndOutputs: true);
        Assert.NotNull(run);
        Assert.Contains("\"agent\":\"research\"", run.SerializedInput, StringComparison.Ordinal);
    }

    [Fact]
    public void Occurrence_IsTheStatusNext_InUtc()
    {
        var now = new DateTimeOffset(2026, 12, 2, 7, 0, 0, 400, TimeSpan.Zero);
        var local = new DateTime(2026, 12, 2, 7, 0, 0, DateTimeKind.Utc).ToLocalTime();

        Assert.Equal(new DateTime(2026, 12, 2, 7, 0, 0, DateTimeKind.Utc), ScheduleOccurrence.Of(local, "0 0 7 * * *", now));
        // A timer that fires a little early (clock skew) still stands for its occurrence.
        Assert.Equal(new DateTime(2026, 12, 2, 7, 0, 0, DateTimeKind.Utc), ScheduleOccurrence.Of(local, "0 0 7 * * *", now.AddSeconds(-30)));
    }

    [Fact]
    public void WithoutAStatus_OrWithNextAhead_TheOccurrenceIsTheLatestCronTimeSoFar()
    {
        var now = new DateTimeOffset(2026, 12, 2, 9, 30, 12, TimeSpan.Zero);
        var expected = new DateTime(2026, 12, 2, 7, 0, 0, DateTimeKind.Utc);

        Assert.Equal(expected, ScheduleOccurrence.Of(null, "0 0 7 * * *", now));
        Assert.Equal(expected, ScheduleOccurrence.Of(new DateTime(2026, 12, 3, 7, 0, 0, DateTimeKind.Utc), "0 0 7 * * *", now)); // RunOnStartup
        Assert.Equal(new DateTime(2026, 12, 2, 9, 30, 10, DateTimeKind.Utc), ScheduleOccurrence.Of(null, "*/5 * * * * *", now));
        Assert.Throws<FormatException>(() => ScheduleOccurrence.Of(null, "every day", now));
    }
}

using DurableAgents.Schedules;

namespace DurableAgents.Functions.Triggers;

/// <summary>
/// Which occurrence a timer invocation stands for, so that its run id (<c>{schedule}-{yyyyMMddTHHmmssZ}</c>) is the same however
/// often the timer fires for it (two instances, a restart, a retried invocation).
/// </summary>
/// <remarks>
/// The Functions timer passes the schedule status it held before this invocation, so <c>ScheduleStatus.Next</c> is the occurrence
/// being fired, also when the invocation is past due (the host was down: it fires once, late, for the missed occurrence). The
/// status is in the host's local time (UTC unless <c>WEBSITE_TIME_ZONE</c> says otherwise). Without a status (a timer without
/// the schedule monitor) or with a <c>Next</c> still ahead (<c>RunOnStartup</c>, or a manual invoke), the occurrence is the latest
/// one of the cron expression at or before now.
/// </remarks>
public static class ScheduleOccurrence
{
    /// <summary>How far ahead of <c>Next</c> a timer may fire and still count as that occurrence (clock skew between instances).</summary>
    public static readonly TimeSpan EarlyFireTolerance = TimeSpan.FromMinutes(1);

    /// <summary>The occurrence (UTC, whole seconds) of this invocation.</summary>
    /// <exception cref="FormatException">There is no status to go by and <paramref name="cron"/> does not parse.</exception>
    public static DateTime Of(DateTime? scheduledNext, string? cron, DateTimeOffset now)
    {
        if (scheduledNext is { } next && next != default && ToUtc(next) <= now.UtcDateTime + EarlyFireTolerance)
        {
            return Truncate(ToUtc(next));
        }

        var expression = CronSchedule.Parse(cron ?? "");
        for (var span = TimeSpan.FromMinutes(2); span <= TimeSpan.FromDays(800); span *= 4)
        {
            var latest = expression.GetOccurrences(now.UtcDateTime - span, now.UtcDateTime, fromInclusive: true, toInclusive: true).LastOrDefault();
            if (latest != default)
            {
                return Truncate(latest);
            }
        }

        return Truncate(now.UtcDateTime);
    }

    private static DateTime ToUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    private static DateTime Truncate(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}

using Cronos;
using DurableAgents.Schedules;
using static DurableAgents.Tests.Schedules.Cron.CronTestSupport;

namespace DurableAgents.Tests.Schedules.Cron;

/// <summary>
/// Australia/Lord_Howe shifts by 30 minutes: +10:30 standard, +11:00 daylight. In 2025 it falls back on
/// 2025-04-06 02:00 -> 01:30 (15:00Z on 04-05) and springs forward on 2025-10-05 02:00 -> 02:30 (15:30Z on 10-04).
/// </summary>
public sealed class CronLordHoweTests
{
    private const string LordHowe = "Australia/Lord_Howe";

    [FactWhenZoneExists(LordHowe)]
    public void SpringForward_HalfHourGap_FixedTimeFiresAtGapEnd()
    {
        var hits = CronSchedule.Parse("0 15 2 * * *")
            .Between(At("2025-10-04T00:00:00Z"), At("2025-10-05T23:00:00Z"), Zone(LordHowe));

        Assert.Equal(["2025-10-04T15:30:00Z", "2025-10-05T15:15:00Z"], Format(hits));
    }

    [FactWhenZoneExists(LordHowe)]
    public void SpringForward_HalfHourGap_IntervalDoesNotFireExtraTimes()
    {
        var hits = CronSchedule.Parse("0 */15 * * * *")
            .Between(At("2025-10-04T15:00:00Z"), At("2025-10-04T16:00:00Z"), Zone(LordHowe));

        Assert.Equal(["2025-10-04T15:15:00Z", "2025-10-04T15:30:00Z", "2025-10-04T15:45:00Z", "2025-10-04T16:00:00Z"], Format(hits));
    }

    [FactWhenZoneExists(LordHowe)]
    public void FallBack_HalfHourOverlap_FixedTimeFiresOnce()
    {
        var hits = CronSchedule.Parse("0 45 1 * * *")
            .Between(At("2025-04-05T00:00:00Z"), At("2025-04-06T23:00:00Z"), Zone(LordHowe));

        Assert.Equal(["2025-04-05T14:45:00Z", "2025-04-06T15:15:00Z"], Format(hits));
    }

    [FactWhenZoneExists(LordHowe)]
    public void FallBack_HalfHourOverlap_IntervalFiresThroughBothPasses()
    {
        var hits = CronSchedule.Parse("0 */15 * * * *")
            .Between(At("2025-04-05T14:20:00Z"), At("2025-04-05T15:30:00Z"), Zone(LordHowe));

        Assert.Equal(
            ["2025-04-05T14:30:00Z", "2025-04-05T14:45:00Z", "2025-04-05T15:00:00Z", "2025-04-05T15:15:00Z", "2025-04-05T15:30:00Z"],
            Format(hits));
    }
}

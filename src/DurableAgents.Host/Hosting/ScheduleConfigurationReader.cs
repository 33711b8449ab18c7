using System.Globalization;
using DurableAgents.Schedules;

namespace DurableAgents.Host.Hosting;

/// <summary>Reads <c>DurableAgents:Schedules</c>: a list of {name, agent, input, cron, timeZone, user, overlap, catchUpWindow, enabled}.</summary>
public static class ScheduleConfigurationReader
{
    /// <summary>The schedules in the section, validated.</summary>
    public static IReadOnlyList<ScheduleDefinition> Read(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var schedules = new List<ScheduleDefinition>();
        foreach (var item in section.GetChildren())
        {
            var schedule = new ScheduleDefinition
            {
                Name = item["name"] ?? item.Key,
                Agent = item["agent"] ?? "",
                Input = item["input"] ?? "",
                Cron = item["cron"] ?? item["schedule"] ?? "",
                TimeZone = item["timeZone"],
                User = item["user"],
                Overlap = ParseOverlap(item["overlap"], item.Path),
                CatchUpWindow = ParseWindow(item["catchUpWindow"], item.Path),
                Enabled = item["enabled"] is not { } enabled || bool.Parse(enabled),
            };
            schedule.Validate();
            schedules.Add(schedule);
        }

        return schedules;
    }

    private static ScheduleOverlapPolicy ParseOverlap(string? text, string path) =>
        text?.Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant() switch
        {
            null or "" or "SKIP" => ScheduleOverlapPolicy.Skip,
            "ALLOW" => ScheduleOverlapPolicy.Allow,
            "BUFFERONE" => ScheduleOverlapPolicy.BufferOne,
            _ => throw new StartupRefusalException($"{path}:overlap is '{text}'; use skip, allow or buffer-one."),
        };

    private static TimeSpan ParseWindow(string? text, string path)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ScheduleDefinition.DefaultCatchUpWindow;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var window) && window >= TimeSpan.Zero
            ? window
            : throw new StartupRefusalException($"{path}:catchUpWindow is '{text}'; use a time span such as 00:15:00 (or 00:00:00 for none).");
    }
}

using System.Globalization;

namespace DurableAgents.Host.Demo;

/// <summary>Times for the demo's output: UTC, with the date whenever the moment is not today (a timer a day away must say so).</summary>
internal static class DemoTime
{
    public static string Format(DateTime utc, DateTime nowUtc, bool withDate = false)
    {
        var format = withDate || utc.Date != nowUtc.Date ? "yyyy-MM-dd HH:mm:ss" : "HH:mm:ss.fff";
        return utc.ToString(format, CultureInfo.InvariantCulture) + " UTC";
    }
}

namespace DurableAgents.Orchestration.AzureStorage.Messaging;

/// <summary>How long to hide a message that must not be delivered before a given time; queues allow at most 7 days per hop.</summary>
public static class TimerHops
{
    /// <summary>
    /// The visibility delay for a message due at <paramref name="visibleAt"/>, seen at <paramref name="now"/>: null when it is due,
    /// otherwise the remaining time capped at <paramref name="maxHop"/>. Rounded down to whole seconds (the queue's unit) so that it
    /// never arrives late; a message that arrives a little early is held in memory until due.
    /// </summary>
    public static TimeSpan? Delay(DateTime? visibleAt, DateTime now, TimeSpan maxHop)
    {
        if (visibleAt is not { } due || due <= now)
        {
            return null;
        }

        var remaining = due - now;
        var capped = remaining > maxHop ? maxHop : remaining;
        return TimeSpan.FromSeconds(Math.Floor(capped.TotalSeconds));
    }

    /// <summary>True when the message is due within <paramref name="holdWindow"/> and is better held in memory than re-enqueued.</summary>
    public static bool ShouldHold(DateTime visibleAt, DateTime now, TimeSpan holdWindow) => visibleAt - now <= holdWindow;
}

namespace DurableAgents.Durability;

/// <summary>
/// Keys for side effects of activities, which run at least once: the same for every delivery and retry of one logical call, different
/// for every other call. Built from the run id and the step (which counts across the run's generations), never from a clock.
/// </summary>
internal static class IdempotencyKeys
{
    public static string ForTool(string runId, int step, string callId) => $"{runId}/s{step}/{callId}";

    public static string ForModel(string runId, int step) => $"{runId}/s{step}/model";

    /// <summary>The key of the call that writes a finished run's lesson.</summary>
    public static string ForLesson(string runId) => $"{runId}/lesson";

    public static string ForCompaction(string runId, string? head) => $"{runId}/compact/{head ?? "start"}";
}

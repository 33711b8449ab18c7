namespace DurableAgents.Telemetry;

/// <summary>What DurableAgents' spans may contain.</summary>
public sealed class AgentTelemetryOptions
{
    /// <summary>
    /// The setting (environment variable or configuration key) that switches sensitive data on: the GenAI semantic conventions' name,
    /// also read by <see cref="Models.OpenAIModelOptions.FromEnvironment"/>, so one setting covers model and run spans.
    /// </summary>
    public const string SensitiveDataSetting = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

    /// <summary>
    /// True when spans may hold content: prompts and replies of model calls, tool arguments and results, a run's goal, approvers and
    /// their comments. Off by default (content may hold personal data and whatever tools returned). Keys and secrets are never recorded.
    /// </summary>
    public bool EnableSensitiveData { get; set; }

    /// <summary>How often, at most, the approvals-waiting gauge reads the runs' statuses from the task hub (only while metrics are collected).</summary>
    public TimeSpan ApprovalsWaitingRefresh { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Reads <see cref="SensitiveDataSetting"/>: unset or empty is false; true or false otherwise.</summary>
    /// <exception cref="InvalidOperationException">The value is neither true nor false.</exception>
    public static bool ReadSensitiveDataSetting(Func<string, string?> getSetting)
    {
        ArgumentNullException.ThrowIfNull(getSetting);
        var text = getSetting(SensitiveDataSetting)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        return bool.TryParse(text, out var flag)
            ? flag
            : throw new InvalidOperationException($"{SensitiveDataSetting} is '{text}'; set it to true or false.");
    }
}

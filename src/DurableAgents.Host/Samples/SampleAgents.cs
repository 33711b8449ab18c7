using DurableAgents.Hosting;
using DurableAgents.Host.Hosting;

namespace DurableAgents.Host.Samples;

/// <summary>
/// The sample agent systems, registered with one call that any host can make (<see cref="AddSampleAgents(DurableAgentsBuilder, SampleAgentsOptions)"/>):
/// research (on a cron schedule), background, records-cleanup (approval), the supervisor team, the lesson pipeline, the planner,
/// the pen pals (mailboxes), the governed operations team and the ReAct agent with search. docs/samples.md shows how to try each.
/// </summary>
public static partial class SampleAgents
{
    /// <summary>The research agent.</summary>
    public const string Research = "research";

    /// <summary>The background agent.</summary>
    public const string Background = "background";

    /// <summary>The approval agent (its delete_records tool is destructive).</summary>
    public const string Approval = "records-cleanup";

    /// <summary>The research agent's schedule.</summary>
    public const string ResearchSchedule = "daily-research";

    /// <summary>The goal the demo and the black-box test give the approval agent.</summary>
    public const string ApprovalGoal = "List the customer records, then delete the records of inactive customers.";

    /// <summary>Registers the samples for this host: sandboxes under {DataPath}/sandbox, search and settings from its options.</summary>
    public static DurableAgentsBuilder AddSampleAgents(this DurableAgentsBuilder builder, DurableAgentsHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.SampleSettings;
        settings.SandboxRoot ??= Path.Combine(options.FullDataPath, "sandbox");
        settings.Search ??= options.Search;
        foreach (var host in options.ResearchAllowedHosts.Where(h => !settings.ResearchAllowedHosts.Contains(h)))
        {
            settings.ResearchAllowedHosts.Add(host);
        }

        return builder.AddSampleAgents(settings);
    }

    /// <summary>Registers every sample agent (and the research schedule) with the settings given.</summary>
    public static DurableAgentsBuilder AddSampleAgents(this DurableAgentsBuilder builder, SampleAgentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ConfidenceThreshold is < 0 or > 1)
        {
            throw new StartupRefusalException($"{SampleAgentsOptions.Section}:ConfidenceThreshold is {options.ConfidenceThreshold}; use a number from 0 to 1 (0.85 by default).");
        }

        var search = options.SearchClient();
        AddBasics(builder, options);
        AddSupervisorTeam(builder, search);
        AddLessonPipeline(builder, options, search);
        AddPlanner(builder);
        AddPenPals(builder);
        AddOperations(builder, options);
        AddReact(builder, options, search);
        return builder;
    }
}

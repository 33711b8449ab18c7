using DurableAgents.Hosting;

namespace DurableAgents.Samples;

/// <summary>
/// The sample agent systems, registered with one call that any host can make (<see cref="AddSampleAgents"/>): research (on a cron
/// schedule), background, records-cleanup (approval), the supervisor team, the lesson pipeline, the planner, the pen pals
/// (mailboxes), the governed operations team and the ReAct agent with search. docs/samples.md shows how to try each.
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

    /// <summary>Registers every sample agent (and the research schedule) with the settings given; each sample gets a sandbox under <see cref="SampleAgentsOptions.SandboxRoot"/>.</summary>
    public static DurableAgentsBuilder AddSampleAgents(this DurableAgentsBuilder builder, SampleAgentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
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

using DurableAgents.Agents;
using DurableAgents.Hosting;
using DurableAgents.Schedules;
using DurableAgents.Tools.BuiltIn;
using Microsoft.Extensions.AI;

namespace DurableAgents.Samples;

/// <summary>The three sample agents: research (on a cron schedule), background, and approval.</summary>
public static class SampleAgents
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

    /// <summary>Registers the samples; each gets a sandbox folder under <paramref name="dataPath"/>.</summary>
    /// <param name="builder">The agents builder.</param>
    /// <param name="dataPath">The data folder (the samples' sandboxes go in its <c>sandbox</c> folder).</param>
    /// <param name="researchAllowedHosts">Hosts the research agent's http_get may fetch; a default pair when empty.</param>
    public static DurableAgentsBuilder AddSampleAgents(this DurableAgentsBuilder builder, string dataPath, IReadOnlyList<string>? researchAllowedHosts = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        var sandbox = Path.Combine(Path.GetFullPath(dataPath), "sandbox");

        var research = new AgentDefinition(Research)
        {
            Description = "Gathers facts with read-only tools and writes a short report into its sandbox.",
            Instructions = "You research a topic with the tools, compute what needs computing, and write a short Markdown report with write_file.",
        };
        IReadOnlyList<string> allowed = researchAllowedHosts is { Count: > 0 } ? researchAllowedHosts : ["learn.microsoft.com", "en.wikipedia.org"];
        research.Tools.Add(new AgentTool(BuiltInTools.Calculator()) { IsIdempotent = true });
        research.Tools.Add(new AgentTool(BuiltInTools.CurrentTime()) { IsIdempotent = true });
        research.Tools.Add(new AgentTool(BuiltInTools.HttpGet(new HttpGetToolOptions { AllowedHosts = allowed.ToList() })) { IsIdempotent = true });
        research.Tools.Add(new AgentTool(BuiltInTools.WriteFile(Path.Combine(sandbox, Research))) { Permission = ToolPermission.Write, IsIdempotent = true });

        var background = new AgentDefinition(Background)
        {
            Description = "Does a unit of background work (started over HTTP, later from a queue) and reports back.",
            Instructions = "You do the task you are given with the tools and answer briefly.",
        };
        background.Tools.Add(new AgentTool(BuiltInTools.Calculator()) { IsIdempotent = true });
        background.Tools.Add(new AgentTool(BuiltInTools.CurrentTime()) { IsIdempotent = true });
        background.Tools.Add(new AgentTool(BuiltInTools.ListFiles(Path.Combine(sandbox, Background))) { IsIdempotent = true });

        var records = new RecordsStore(Path.Combine(sandbox, Approval));
        var approval = new AgentDefinition(Approval)
        {
            Description = "Cleans up customer records; deleting needs a human's approval.",
            Instructions = "You maintain customer records. Look before you delete. Deleting is permanent and is approved by a human first.",
            Policy = new AgentPolicy { ApprovalTimeout = TimeSpan.FromHours(24) },
        };
        approval.Tools.Add(new AgentTool(AIFunctionFactory.Create(records.ListRecords, "list_records")) { IsIdempotent = true });
        approval.Tools.Add(new AgentTool(AIFunctionFactory.Create(records.DeleteRecords, "delete_records"))
        {
            Permission = ToolPermission.Destructive,
            IsIdempotent = true,
        });

        builder.AddAgent(research).AddAgent(background).AddAgent(approval);
        builder.AddSchedule(new ScheduleDefinition
        {
            Name = ResearchSchedule,
            Agent = Research,
            Input = "What is the time now, and what is 1.07 ^ 10? Write a short report to reports/daily.md.",
            Cron = "0 0 7 * * *",
            TimeZone = "UTC",
            Overlap = ScheduleOverlapPolicy.Skip,
        });
        return builder;
    }
}

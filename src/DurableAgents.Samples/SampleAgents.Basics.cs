using DurableAgents.Agents;
using DurableAgents.Hosting;
using DurableAgents.Schedules;
using DurableAgents.Tools.BuiltIn;
using Microsoft.Extensions.AI;

namespace DurableAgents.Samples;

/// <summary>The first three samples: research on a schedule, background work, and a destructive tool behind an approval.</summary>
public static partial class SampleAgents
{
    private static void AddBasics(DurableAgentsBuilder builder, SampleAgentsOptions options)
    {
        var research = new AgentDefinition(Research)
        {
            Description = "Gathers facts with read-only tools and writes a short report into its sandbox.",
            Instructions = "You research a topic with the tools, compute what needs computing, and write a short Markdown report with write_file.",
        };
        var allowed = options.ResearchAllowedHosts.Count > 0 ? options.ResearchAllowedHosts.ToList() : ["learn.microsoft.com", "en.wikipedia.org"];
        research.Tools.Add(new AgentTool(BuiltInTools.Calculator()) { IsIdempotent = true });
        research.Tools.Add(new AgentTool(BuiltInTools.CurrentTime()) { IsIdempotent = true });
        research.Tools.Add(new AgentTool(BuiltInTools.HttpGet(new HttpGetToolOptions { AllowedHosts = allowed })) { IsIdempotent = true });
        research.Tools.Add(new AgentTool(BuiltInTools.WriteFile(options.Sandbox(Research))) { Permission = ToolPermission.Write, IsIdempotent = true });

        var background = new AgentDefinition(Background)
        {
            Description = "Does a unit of background work (started over HTTP, later from a queue) and reports back.",
            Instructions = "You do the task you are given with the tools and answer briefly.",
        };
        background.Tools.Add(new AgentTool(BuiltInTools.Calculator()) { IsIdempotent = true });
        background.Tools.Add(new AgentTool(BuiltInTools.CurrentTime()) { IsIdempotent = true });
        background.Tools.Add(new AgentTool(BuiltInTools.ListFiles(options.Sandbox(Background))) { IsIdempotent = true });

        var records = new RecordsStore(options.Sandbox(Approval));
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
    }
}

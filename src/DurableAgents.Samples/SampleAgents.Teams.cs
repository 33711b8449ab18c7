using DurableAgents.Agents;
using DurableAgents.Hosting;
using DurableAgents.Patterns;
using DurableAgents.Tools.BuiltIn;
using Microsoft.Extensions.AI;

namespace DurableAgents.Samples;

/// <summary>Teams: the supervisor with its researcher, writer and reviewer; the governed operations team with least-privilege workers.</summary>
public static partial class SampleAgents
{
    /// <summary>The supervisor team's lead.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>The governed team's orchestrator (its workers: records-reader, records-admin, report-writer).</summary>
    public const string Operations = "operations";

    private static void AddSupervisorTeam(DurableAgentsBuilder builder, ISearchClient search)
    {
        builder.AddAgent(new AgentDefinition(Supervisor)
        {
            Description = "Leads a researcher, a writer and a reviewer; decides each next step as structured output.",
            Instructions = "You lead a team of a researcher, a writer and a reviewer. Each round, decide who works next and on what. "
                + "Research first, then a draft, then a review; send the draft back after a rejection; finish once the reviewer approved it.",
            Pattern = new SupervisorPattern(),
        });
        var researcher = new AgentDefinition("researcher")
        {
            Description = "Finds facts and their sources with web_search.",
            Instructions = "You research the task with web_search and answer with the facts you found, each with its source URL.",
        };
        researcher.Tools.Add(new AgentTool(BuiltInTools.WebSearch(search)) { IsIdempotent = true });
        var reviewer = new AgentDefinition("reviewer")
        {
            Description = "Checks a draft against the editorial checklist and approves or rejects it.",
            Instructions = "You review drafts: call check_draft with the whole draft, then answer with its verdict, APPROVED, or REJECTED and what to fix.",
        };
        reviewer.Tools.Add(new AgentTool(AIFunctionFactory.Create(DraftChecker.CheckDraft, "check_draft")) { IsIdempotent = true });
        builder.AddAgent(researcher).AddAgent(reviewer).AddAgent(new AgentDefinition("writer")
        {
            Description = "Writes a short piece from research notes: a title, bullet points and, when asked, a Sources line.",
            Instructions = "You write what the task asks from the research notes: a title line (# ...), a few bullet points, and a line "
                + "'Sources:' with the URLs of the notes you used. When revising, apply the reviewer's feedback.",
        });
    }

    private static void AddOperations(DurableAgentsBuilder builder, SampleAgentsOptions options)
    {
        var records = new RecordsStore(options.Sandbox(Operations));
        var list = new AgentTool(AIFunctionFactory.Create(records.ListRecords, "list_records")) { IsIdempotent = true };
        var operations = new AgentDefinition(Operations)
        {
            Description = "Runs customer-records operations through least-privilege workers; escalates to a human when blocked.",
            Instructions = "You run customer-records operations by handing tasks to your workers; you have no tools of your own. "
                + "If a worker fails or a human refuses an action, escalate to a human with escalate_to_human, saying why and what was tried.",
            Policy = new AgentPolicy { AllowEscalation = true, ApprovalTimeout = options.ApprovalTimeout },
        };
        operations.SubAgents.AddRange(["records-reader", "records-admin", "report-writer"]);
        var reader = new AgentDefinition("records-reader")
        {
            Description = "Reads the customer records (read-only).",
            Instructions = "You read customer records with list_records and answer with what you found.",
            Policy = new AgentPolicy { MaxPermission = ToolPermission.Read },
        };
        reader.Tools.Add(list);
        var admin = new AgentDefinition("records-admin")
        {
            Description = "Deletes customer records; every delete waits for a human's approval.",
            Instructions = "You delete customer records when asked, after looking at them. Deleting is permanent and approved by a human first.",
            Policy = new AgentPolicy { ApprovalTimeout = options.ApprovalTimeout, OnApprovalTimeout = ApprovalTimeoutAction.Escalate },
        };
        admin.Tools.Add(list);
        admin.Tools.Add(new AgentTool(AIFunctionFactory.Create(records.DeleteRecords, "delete_records")) { Permission = ToolPermission.Destructive, IsIdempotent = true });
        var writer = new AgentDefinition("report-writer")
        {
            Description = "Writes reports into the operations sandbox.",
            Instructions = "You write the report you are asked for with write_file, from the findings in your task.",
            Policy = new AgentPolicy { MaxPermission = ToolPermission.Write },
        };
        writer.Tools.Add(new AgentTool(BuiltInTools.WriteFile(options.Sandbox(Operations))) { Permission = ToolPermission.Write, IsIdempotent = true });
        builder.AddAgent(operations).AddAgent(reader).AddAgent(admin).AddAgent(writer);
    }
}

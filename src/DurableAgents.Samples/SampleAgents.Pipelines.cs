using DurableAgents.Agents;
using DurableAgents.Hosting;
using DurableAgents.Patterns;
using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Samples;

/// <summary>Pipelines: the lesson pipeline with its confidence gate, and the planner.</summary>
public static partial class SampleAgents
{
    /// <summary>The lesson pipeline.</summary>
    public const string LessonPipeline = "lesson-pipeline";

    /// <summary>The queue whose messages start lessons (besides the host's default queue).</summary>
    public const string LessonQueue = "lesson-topics";

    /// <summary>The word that, in a topic, sends the offline model's lesson to human review (its confidence rules treat it as a hedge).</summary>
    public const string LowConfidenceKeyword = "speculative";

    /// <summary>The plan-and-execute agent.</summary>
    public const string Planner = "planner";

    private static void AddLessonPipeline(DurableAgentsBuilder builder, SampleAgentsOptions options, ISearchClient search)
    {
        builder.AddAgent(new AgentDefinition(LessonPipeline)
        {
            Description = "Writes a short lesson on a topic: research, write, fact-check, confidence gate with human review, format.",
            Instructions = "You judge whether a lesson draft is accurate and ready for beginners, from its fact-check report: score your "
                + "confidence from 0.0 to 1.0 and say why.",
            QueueName = LessonQueue,
            Pattern = new ContentPipelinePattern
            {
                Researcher = "lesson-researcher",
                Writer = "lesson-writer",
                FactChecker = "lesson-fact-checker",
                Formatter = "lesson-formatter",
                ConfidenceThreshold = options.ConfidenceThreshold,
                ReviewTimeout = options.ReviewTimeout,
            },
        });
        var researcher = new AgentDefinition("lesson-researcher")
        {
            Description = "Finds the key facts of a topic and their sources.",
            Instructions = "You research the topic with web_search and answer with its key facts, each with its source URL.",
        };
        researcher.Tools.Add(new AgentTool(BuiltInTools.WebSearch(search)) { IsIdempotent = true });
        var checker = new AgentDefinition("lesson-fact-checker")
        {
            Description = "Verifies a draft's claims with web_search and its numbers with the calculator.",
            Instructions = "You fact-check the draft: search for its claims and compute its numbers, then list what holds and what you could not verify.",
        };
        checker.Tools.Add(new AgentTool(BuiltInTools.WebSearch(search)) { IsIdempotent = true });
        checker.Tools.Add(new AgentTool(BuiltInTools.Calculator()) { IsIdempotent = true });
        var formatter = new AgentDefinition("lesson-formatter")
        {
            Description = "Formats an approved lesson as Markdown and saves it.",
            Instructions = "You format the lesson as clean Markdown and save it with write_file at the path the task names.",
        };
        formatter.Tools.Add(new AgentTool(BuiltInTools.WriteFile(options.Sandbox(LessonPipeline))) { Permission = ToolPermission.Write, IsIdempotent = true });
        builder.AddAgent(researcher).AddAgent(checker).AddAgent(formatter).AddAgent(new AgentDefinition("lesson-writer")
        {
            Description = "Writes a short lesson for beginners from research notes.",
            Instructions = "You write a short lesson for beginners from the research notes: a title, a few bullet points and a 'Sources:' line. "
                + "When revising, apply the human corrections.",
            // A reviewer's corrections become the writer's lessons: its later lessons on similar topics are given them from the start.
            Policy = new AgentPolicy { Memory = new MemoryPolicy { RecordReviews = true, InjectLessons = true } },
        });
    }

    private static void AddPlanner(DurableAgentsBuilder builder)
    {
        var planner = new AgentDefinition(Planner)
        {
            Description = "Plans a goal as steps for its tools and the researcher, runs them, and replans after a failed step.",
            Instructions = "You plan: break the goal into a few steps, each carried out by one of your tools (give its arguments) or by the researcher (give it a task).",
            Pattern = new PlanExecutePattern { Executors = ["researcher"] },
        };
        planner.Tools.Add(new AgentTool(BuiltInTools.Calculator()) { IsIdempotent = true });
        planner.Tools.Add(new AgentTool(BuiltInTools.CurrentTime()) { IsIdempotent = true });
        planner.Tools.Add(new AgentTool(BuiltInTools.HttpGet()) { IsIdempotent = true });
        builder.AddAgent(planner);
    }
}

using DurableAgents.Agents;
using DurableAgents.Hosting;
using DurableAgents.Patterns;
using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Samples;

/// <summary>Agents that talk: the pen pals (two mailboxes) and the ReAct agent with search.</summary>
public static partial class SampleAgents
{
    /// <summary>The message pair.</summary>
    public const string PenPals = "pen-pals";

    /// <summary>The ReAct agent with web_search.</summary>
    public const string React = "react";

    private static void AddPenPals(DurableAgentsBuilder builder)
    {
        builder.AddAgent(new AgentDefinition(PenPals)
        {
            Description = "Two agents, each a long-running mailbox, writing to each other until the last message.",
            Pattern = new MessagePairPattern { First = "pen-pal-alice", Second = "pen-pal-bob" },
        });
        var alice = new AgentDefinition("pen-pal-alice")
        {
            Description = "Alice knows the time anywhere.",
            Instructions = "You are Alice, writing to your pen pal Bob. Answer his last message in two or three sentences; use current_time for times. Say GOODBYE when you are done.",
        };
        alice.Tools.Add(new AgentTool(BuiltInTools.CurrentTime()) { IsIdempotent = true });
        var bob = new AgentDefinition("pen-pal-bob")
        {
            Description = "Bob likes to compute things.",
            Instructions = "You are Bob, writing to your pen pal Alice. Answer her last message in two or three sentences; use the calculator for numbers. Say GOODBYE when you are done.",
        };
        bob.Tools.Add(new AgentTool(BuiltInTools.Calculator()) { IsIdempotent = true });
        builder.AddAgent(alice).AddAgent(bob);
    }

    private static void AddReact(DurableAgentsBuilder builder, SampleAgentsOptions options, ISearchClient search)
    {
        var react = new AgentDefinition(React)
        {
            Description = "Reasons and acts with web_search, the calculator, the clock and its sandbox files.",
            Instructions = "Work step by step: think about what you need, use web_search for facts, the calculator for arithmetic, "
                + "current_time for times and the file tools for notes; then answer, citing the URLs you used.",
        };
        react.Tools.Add(new AgentTool(BuiltInTools.WebSearch(search)) { IsIdempotent = true });
        react.Tools.Add(new AgentTool(BuiltInTools.Calculator()) { IsIdempotent = true });
        react.Tools.Add(new AgentTool(BuiltInTools.CurrentTime()) { IsIdempotent = true });
        react.Tools.Add(new AgentTool(BuiltInTools.ReadFile(options.Sandbox(React))) { IsIdempotent = true });
        react.Tools.Add(new AgentTool(BuiltInTools.WriteFile(options.Sandbox(React))) { Permission = ToolPermission.Write, IsIdempotent = true });
        builder.AddAgent(react);
    }
}

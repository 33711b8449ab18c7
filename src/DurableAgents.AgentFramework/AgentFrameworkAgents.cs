using System.Reflection;
using DurableAgents.Agents;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace DurableAgents.AgentFramework;

/// <summary>
/// Turns a Microsoft Agent Framework agent into a DurableAgents definition: its name, description, instructions, model id, tools
/// and chat client, with the function-invocation layer Agent Framework adds taken off (tool calls must be durable activities).
/// </summary>
public static class AgentFrameworkAgents
{
    // DelegatingChatClient keeps its inner client protected; Agent Framework gives no other way back to the client it was handed.
    private static readonly PropertyInfo? InnerClient =
        typeof(DelegatingChatClient).GetProperty("InnerClient", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>The definition of <paramref name="agent"/>, run under <paramref name="policy"/>.</summary>
    /// <remarks>
    /// Works for any <see cref="AIAgent"/> that answers <c>GetService&lt;IChatClient&gt;()</c> (and, for its instructions and tools,
    /// <c>GetService&lt;ChatOptions&gt;()</c>), as <see cref="ChatClientAgent"/> does. Tools must be <see cref="AIFunction"/>s; they get
    /// <see cref="ToolPermission.Write"/> (their effects are unknown) and need approval when they are <c>ApprovalRequiredAIFunction</c>s.
    /// Other chat options (temperature and the like) are not carried over. Change the tools afterwards through <paramref name="configure"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">The agent has no valid name, no chat client, or a tool that is not a function.</exception>
    public static AgentDefinition ToDefinition(AIAgent agent, AgentPolicy? policy = null, Action<AgentDefinition>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (!AgentNames.IsValid(agent.Name, out var nameError))
        {
            throw new ArgumentException($"{nameError} Give the agent a name (ChatClientAgentOptions.Name) to register it.", nameof(agent));
        }

        var chatClient = agent.GetService<IChatClient>()
            ?? throw new ArgumentException($"Agent '{agent.Name}' exposes no IChatClient; only agents over a chat client (such as ChatClientAgent) can run durably.", nameof(agent));
        var chatOptions = agent.GetService<ChatOptions>();
        var definition = new AgentDefinition(agent.Name!)
        {
            Description = agent.Description,
            Model = WithoutToolInvocation(chatClient, agent.Name!),
            ModelId = chatOptions?.ModelId,
            Policy = policy ?? new AgentPolicy(),
        };
        if (((agent as ChatClientAgent)?.Instructions ?? chatOptions?.Instructions) is { Length: > 0 } instructions)
        {
            definition.Instructions = instructions;
        }

        foreach (var tool in chatOptions?.Tools ?? [])
        {
            definition.Tools.Add(ToTool(tool, agent.Name!));
        }

        configure?.Invoke(definition);
        return definition;
    }

    private static AgentTool ToTool(AITool tool, string agent) => tool is AIFunction function
        ? new AgentTool(function) { Permission = ToolPermission.Write, RequiresApproval = NeedsApproval(function) }
        : throw new ArgumentException(
            $"Agent '{agent}' has the tool '{tool.Name}' ({tool.GetType().Name}), which is not a function; durable runs call tools as activities, so only AIFunction tools are supported.",
            nameof(agent));

    private static bool NeedsApproval(AIFunction function) => function.GetService(typeof(ApprovalRequiredAIFunction)) is not null;

    /// <summary>The chat client below Agent Framework's own layers (function invocation, approval binding).</summary>
    /// <exception cref="ArgumentException">The client still invokes tools itself (a FunctionInvokingChatClient the app added below other layers).</exception>
    internal static IChatClient WithoutToolInvocation(IChatClient client, string agent)
    {
        var current = client;
        while (current is DelegatingChatClient layer && (layer is FunctionInvokingChatClient || layer.GetType().Assembly == typeof(ChatClientAgent).Assembly))
        {
            current = InnerClient?.GetValue(layer) as IChatClient
                ?? throw new ArgumentException($"The chat client of agent '{agent}' could not be unwrapped; create the agent with ChatClientAgentOptions.UseProvidedChatClientAsIs = true.", nameof(client));
        }

        if (current.GetService<FunctionInvokingChatClient>() is not null)
        {
            throw new ArgumentException(
                $"The chat client of agent '{agent}' invokes tools itself (it has a FunctionInvokingChatClient). Durable runs call tools as activities: build the client without UseFunctionInvocation().",
                nameof(client));
        }

        return current;
    }
}

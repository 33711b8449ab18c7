using System.Text;
using System.Text.Json;
using DurableAgents.Agents;
using DurableAgents.Durability;
using DurableAgents.Runs;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace DurableAgents.AgentFramework;

/// <summary>
/// A DurableAgents agent as a Microsoft Agent Framework <see cref="AIAgent"/>: a run starts a durable run and returns its answer;
/// a streaming run yields the run's tool calls and phases as they happen, then the answer. Agent Framework code and workflows
/// call it like any other agent, while the run itself is durable (it survives restarts and waits for approvals).
/// </summary>
/// <remarks>
/// Cancelling a call stops following the run, not the run: it goes on, and <see cref="AgentRunClient"/> reads or ends it. Approvals
/// the run waits for are given through the run client, the HTTP API or the MCP <c>approve</c> tool; meanwhile the streaming run
/// reports the phase <c>awaiting-approval</c> with the calls in <see cref="AgentResponseUpdate.AdditionalProperties"/>.
/// </remarks>
public sealed partial class DurableAIAgent : AIAgent
{
    /// <summary>The key of <see cref="AgentRunOptions.AdditionalProperties"/> that sets the run id (a run id that exists is refused).</summary>
    public const string RunIdProperty = "durableagents.run_id";

    /// <summary>
    /// The key of <see cref="AgentRunOptions.AdditionalProperties"/> that names the user the run is for (<see cref="UserKeys"/> rules):
    /// its memory tools remember and recall that user's facts (see <c>FactScope.User</c>).
    /// </summary>
    public const string UserProperty = "durableagents.user";

    /// <summary>The keys this agent sets in <c>AdditionalProperties</c> of its responses and updates.</summary>
    public const string RunIdKey = "durableagents.run_id", OutcomeKey = "durableagents.outcome", ReasonKey = "durableagents.reason",
        PhaseKey = "durableagents.phase", StepKey = "durableagents.step", PendingApprovalsKey = "durableagents.pending_approvals";

    private readonly AgentRunClient _runs;
    private readonly AgentDefinition _definition;
    private readonly DurableAIAgentOptions _options;

    /// <summary>The agent named <paramref name="agent"/> of <paramref name="runs"/>.</summary>
    /// <exception cref="AgentNotFoundException">No agent of that name is registered.</exception>
    public DurableAIAgent(AgentRunClient runs, string agent, DurableAIAgentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(agent);
        _runs = runs;
        _definition = runs.Catalog.Find(agent) ?? throw new AgentNotFoundException(agent);
        _options = options ?? new DurableAIAgentOptions();
        _options.Validate();
    }

    /// <inheritdoc />
    public override string? Name => _definition.Name;

    /// <inheritdoc />
    public override string? Description => _definition.Description;

    /// <inheritdoc />
    protected override string? IdCore => $"durableagents:{_definition.Name}";

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(AgentRunClient) ? _runs
            : serviceKey is null && serviceType == typeof(AgentDefinition) ? _definition
            : serviceKey is null && serviceType == typeof(AIAgentMetadata) ? new AIAgentMetadata("durableagents")
            : base.GetService(serviceType, serviceKey);
    }

    /// <inheritdoc />
    protected override ValueTask<AgentSession> CreateSessionCoreAsync(CancellationToken cancellationToken) => new(new DurableAgentSession());

    /// <inheritdoc />
    protected override ValueTask<JsonElement> SerializeSessionCoreAsync(AgentSession session, JsonSerializerOptions? jsonSerializerOptions, CancellationToken cancellationToken) =>
        new((Own(session) ?? throw new ArgumentNullException(nameof(session))).Serialize());

    /// <inheritdoc />
    protected override ValueTask<AgentSession> DeserializeSessionCoreAsync(JsonElement serializedState, JsonSerializerOptions? jsonSerializerOptions, CancellationToken cancellationToken) =>
        new(DurableAgentSession.Deserialize(serializedState));

    /// <inheritdoc />
    protected override async Task<AgentResponse> RunCoreAsync(
        IEnumerable<ChatMessage> messages, AgentSession? session, AgentRunOptions? options, CancellationToken cancellationToken)
    {
        var (runId, asked) = await StartAsync(messages, session, options, cancellationToken);
        AgentRunView run;
        while (!(run = await ReadAsync(runId, cancellationToken)).RuntimeStatus.IsTerminal())
        {
            await Task.Delay(_options.PollInterval, cancellationToken);
        }

        var answer = Finish(run, session, asked);
        var messagesOut = (run.ToolCalls ?? []).SelectMany(ToolCallUpdates).Select(u => new ChatMessage(u.Role ?? ChatRole.Assistant, u.Contents)).ToList();
        messagesOut.Add(new ChatMessage(ChatRole.Assistant, answer.Contents) { MessageId = answer.MessageId });
        return new AgentResponse(messagesOut)
        {
            AgentId = Id,
            ResponseId = runId,
            CreatedAt = run.CreatedAt,
            FinishReason = answer.FinishReason,
            Usage = Usage(run),
            AdditionalProperties = answer.AdditionalProperties,
        };
    }

    private static DurableAgentSession? Own(AgentSession? session) => session switch
    {
        null => null,
        DurableAgentSession own => own,
        _ => throw new ArgumentException($"The session is a {session.GetType().Name}; use one this agent created (CreateSessionAsync).", nameof(session)),
    };

    /// <summary>Starts the run; the goal is the conversation (the session's turns and the new messages), the newest kept when long.</summary>
    private async Task<(string RunId, List<ChatMessage> Asked)> StartAsync(
        IEnumerable<ChatMessage> messages, AgentSession? session, AgentRunOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var own = Own(session);
        var asked = messages.Where(m => !string.IsNullOrWhiteSpace(m.Text)).ToList();
        if (asked.Count == 0)
        {
            throw new ArgumentException("Give the agent at least one message with text: it becomes the run's goal.", nameof(messages));
        }

        var runId = options?.AdditionalProperties?.TryGetValue(RunIdProperty, out var id) == true ? id?.ToString() : null;
        if (runId is not null && !RunIds.IsValid(runId, out var error))
        {
            throw new ArgumentException(error, nameof(options));
        }

        var user = options?.AdditionalProperties?.TryGetValue(UserProperty, out var key) == true ? key?.ToString() : null;
        UserKeys.Validate(user, nameof(options));
        var start = new AgentRunStartOptions { RunId = runId, User = user };
        var started = await _runs.StartRunAsync(_definition.Name, Goal([.. own?.History ?? [], .. asked]), start, cancellationToken);
        if (own is not null)
        {
            own.LastRunId = started;
        }

        return (started, asked);
    }

    private string Goal(List<ChatMessage> conversation)
    {
        if (conversation.Count == 1)
        {
            return Cap(conversation[0].Text);
        }

        // Newest first until the cap, then in order: the run sees the latest turns when the conversation is long.
        var kept = new List<string>();
        var length = 0;
        for (var i = conversation.Count - 1; i >= 0 && length < _options.MaxGoalChars; i--)
        {
            var line = $"{conversation[i].Role.Value}: {conversation[i].Text}";
            kept.Insert(0, line);
            length += line.Length + 1;
        }

        var goal = new StringBuilder("The conversation so far; answer its last message.\n").AppendJoin('\n', kept).ToString();
        return Cap(goal);
    }

    private string Cap(string text) => text.Length <= _options.MaxGoalChars ? text : text[^_options.MaxGoalChars..];

    private async Task<AgentRunView> ReadAsync(string runId, CancellationToken cancellationToken) =>
        await _runs.GetRunAsync(runId, includeToolCalls: true, cancellationToken)
        ?? throw new DurableAgentRunException(runId, $"Run '{runId}' of agent '{_definition.Name}' no longer exists (it was purged).");
}

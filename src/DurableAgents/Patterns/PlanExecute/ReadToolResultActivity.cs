using DurableAgents.Runs.Conversation;
using DurableAgents.Runs.Loop;
using Microsoft.DurableTask;
using Microsoft.Extensions.AI;

namespace DurableAgents.Patterns;

/// <summary>Input of the activity that reads a stored tool result.</summary>
/// <param name="MessageId">The tool message the tool activity stored.</param>
/// <param name="MaxChars">The most characters returned.</param>
public sealed record ReadToolResultInput(string MessageId, int MaxChars);

/// <summary>
/// Reads the text of a stored tool result (without the runtime's delimiters), so a pattern can hand a whole result on: the tool
/// activity returns only a preview, to keep the run loop's history small.
/// </summary>
public sealed class ReadToolResultActivity(ConversationLog log) : TaskActivity<ReadToolResultInput, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, ReadToolResultInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var message = await log.GetMessageAsync(input.MessageId, CancellationToken.None);
        var formatted = message.Contents.OfType<FunctionResultContent>().FirstOrDefault()?.Result?.ToString() ?? message.Text;
        ToolResultFormatter.TryUnwrap(formatted, out _, out _, out var body);
        return ToolResultFormatter.Truncate(body, input.MaxChars);
    }
}

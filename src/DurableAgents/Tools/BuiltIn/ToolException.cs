namespace DurableAgents.Tools.BuiltIn;

/// <summary>
/// A tool failure the model can correct (bad input, refused URL, path outside the sandbox).
/// The message is written for the model: what was wrong and what to do instead.
/// </summary>
public class ToolException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public ToolException()
    {
    }

    /// <summary>Creates an exception whose message tells the model what to fix.</summary>
    public ToolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception whose message tells the model what to fix, wrapping the cause.</summary>
    public ToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace DurableAgents.Tools.BuiltIn;

/// <summary>A calculator input error, carrying the 1-based position in the expression where it was found.</summary>
public sealed class CalculatorException : ToolException
{
    /// <summary>Creates an error about the expression at a 1-based position (0 when not tied to a position).</summary>
    public CalculatorException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>The 1-based character position the error refers to, or 0 for the whole expression.</summary>
    public int Position { get; }
}

using System.ComponentModel;

namespace DurableAgents.Tools.BuiltIn;

/// <summary>The calculator tool: evaluates arithmetic with its own parser, never by running code.</summary>
public sealed class CalculatorTool
{
    /// <summary>The longest expression accepted, in characters.</summary>
    public const int MaxExpressionLength = 1000;

    /// <summary>Evaluates an arithmetic expression and returns the result formatted with the invariant culture.</summary>
    [Description("Evaluates an arithmetic expression and returns the numeric result.")]
    public string Evaluate(
        [Description("The expression, e.g. '(2 + 3) * 4 ^ 2 / sqrt(16)'. Operators: + - * / % ^ (power), parentheses; "
            + "functions: sqrt abs min max round floor ceil ln log10 exp sin cos tan (radians); constants: pi, e. "
            + "Use '.' as the decimal point.")]
        string expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new CalculatorException("The expression is empty. Provide an expression such as 2 + 3 * 4.", 0);
        }

        if (expression.Length > MaxExpressionLength)
        {
            throw new CalculatorException(
                $"The expression is {expression.Length} characters long; the limit is {MaxExpressionLength}. "
                + "Split the calculation into smaller steps.",
                0);
        }

        return Evaluator.Format(Evaluator.Evaluate(Parser.Parse(expression)));
    }
}

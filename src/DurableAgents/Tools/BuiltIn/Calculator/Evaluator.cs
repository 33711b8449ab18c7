using System.Globalization;

namespace DurableAgents.Tools.BuiltIn;

/// <summary>Evaluates a parsed expression in double precision, turning math errors into model-readable messages.</summary>
internal static class Evaluator
{
    /// <summary>Computes the value of a node; throws <see cref="CalculatorException"/> on division by zero or a non-finite result.</summary>
    public static double Evaluate(Node node) => node switch
    {
        NumberNode n => n.Value,
        UnaryNode u => Check(u.Operator == TokenKind.Minus ? -Evaluate(u.Operand) : Evaluate(u.Operand), "-", u.Position),
        BinaryNode b => EvaluateBinary(b),
        CallNode c => EvaluateCall(c),
        _ => throw new InvalidOperationException($"Unknown node type {node.GetType().Name}."),
    };

    /// <summary>
    /// Formats a result with the invariant culture, rounded to 15 significant digits so binary noise
    /// (0.1 + 0.2 = 0.30000000000000004) does not reach the model.
    /// </summary>
    public static string Format(double value)
    {
        var rounded = double.Parse(value.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (rounded == 0)
        {
            rounded = 0; // no "-0"
        }

        return rounded.ToString("R", CultureInfo.InvariantCulture);
    }

    private static double EvaluateBinary(BinaryNode b)
    {
        var left = Evaluate(b.Left);
        var right = Evaluate(b.Right);
        var symbol = b.Operator switch
        {
            TokenKind.Plus => "+",
            TokenKind.Minus => "-",
            TokenKind.Star => "*",
            TokenKind.Slash => "/",
            TokenKind.Percent => "%",
            _ => "^",
        };
        if (b.Operator is TokenKind.Slash or TokenKind.Percent && right == 0)
        {
            throw new CalculatorException(
                $"Division by zero at position {b.Position}: the right side of '{symbol}' evaluates to 0.", b.Position);
        }

        var result = b.Operator switch
        {
            TokenKind.Plus => left + right,
            TokenKind.Minus => left - right,
            TokenKind.Star => left * right,
            TokenKind.Slash => left / right,
            TokenKind.Percent => left % right,
            TokenKind.Caret => Math.Pow(left, right),
            _ => throw new InvalidOperationException($"Unknown operator {b.Operator}."),
        };
        return Check(result, symbol, b.Position);
    }

    private static double EvaluateCall(CallNode c)
    {
        var args = new double[c.Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Evaluate(c.Arguments[i]);
        }

        return Check(c.Function.Apply(args, c.Position), c.Function.Name, c.Position);
    }

    private static double Check(double value, string operation, int position)
    {
        if (double.IsNaN(value))
        {
            throw new CalculatorException(
                $"'{operation}' at position {position} is undefined for its input (for example sqrt or ln of a "
                + "negative number, or a negative number to a fractional power).",
                position);
        }

        if (double.IsInfinity(value))
        {
            throw new CalculatorException(
                $"'{operation}' at position {position} gives a result too large to represent (overflow or ln(0)).",
                position);
        }

        return value;
    }
}

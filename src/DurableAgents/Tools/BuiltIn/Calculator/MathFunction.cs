namespace DurableAgents.Tools.BuiltIn;

/// <summary>A function the calculator can call, with its allowed argument count.</summary>
internal sealed record MathFunction(string Name, int MinArgs, int MaxArgs, string Usage, Func<double[], int, double> Apply);

/// <summary>The calculator's vocabulary: functions and named constants (matched case-insensitively).</summary>
internal static class MathLibrary
{
    /// <summary>The most arguments min/max accept, so a call can't allocate without bound.</summary>
    public const int MaxVariadicArgs = 100;

    private static readonly Dictionary<string, MathFunction> Functions = new MathFunction[]
    {
        Unary("sqrt", Math.Sqrt),
        Unary("abs", Math.Abs),
        Unary("floor", Math.Floor),
        Unary("ceil", Math.Ceiling),
        Unary("ln", Math.Log),
        Unary("log10", Math.Log10),
        Unary("exp", Math.Exp),
        Unary("sin", Math.Sin),
        Unary("cos", Math.Cos),
        Unary("tan", Math.Tan),
        new("min", 1, MaxVariadicArgs, "min(a, b, ...)", (a, _) => a.Min()),
        new("max", 1, MaxVariadicArgs, "max(a, b, ...)", (a, _) => a.Max()),
        new("round", 1, 2, "round(x) or round(x, digits)", Round),
    }.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, double> Constants = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pi"] = Math.PI,
        ["e"] = Math.E,
    };

    /// <summary>A comma-separated list of the function names, for help text.</summary>
    public static string FunctionNames => string.Join(", ", Functions.Keys);

    /// <summary>Finds a function by name.</summary>
    public static bool TryGetFunction(string name, out MathFunction function) =>
        Functions.TryGetValue(name, out function!);

    /// <summary>Finds a constant by name.</summary>
    public static bool TryGetConstant(string name, out double value) => Constants.TryGetValue(name, out value);

    private static MathFunction Unary(string name, Func<double, double> f) =>
        new(name, 1, 1, $"{name}(x)", (a, _) => f(a[0]));

    // Half-way cases round away from zero, as people expect (round(2.5) = 3), not to even.
    private static double Round(double[] args, int position)
    {
        if (args.Length == 1)
        {
            return Math.Round(args[0], MidpointRounding.AwayFromZero);
        }

        var digits = args[1];
        if (digits != Math.Floor(digits) || digits < 0 || digits > 15)
        {
            throw new CalculatorException(
                $"round at position {position}: digits must be a whole number from 0 to 15, got {Evaluator.Format(digits)}.",
                position);
        }

        return Math.Round(args[0], (int)digits, MidpointRounding.AwayFromZero);
    }
}

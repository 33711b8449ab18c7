namespace DurableAgents.Tools.BuiltIn;

/// <summary>
/// Recursive-descent parser for arithmetic. Precedence, lowest first: + -, then * / %, then unary + -,
/// then ^ (right-associative, so 2^3^2 = 2^9 and -2^2 = -4 as in mathematics).
/// </summary>
internal sealed class Parser
{
    /// <summary>The deepest nesting of parentheses, signs and powers accepted, so input cannot exhaust the stack.</summary>
    public const int MaxDepth = 64;

    private readonly List<Token> _tokens;
    private int _index;
    private int _depth;

    private Parser(List<Token> tokens) => _tokens = tokens;

    private Token Current => _tokens[_index];

    /// <summary>Parses a whole expression or throws a <see cref="CalculatorException"/> naming the position.</summary>
    public static Node Parse(string input)
    {
        var parser = new Parser(Tokenizer.Tokenize(input));
        if (parser.Current.Kind == TokenKind.End)
        {
            throw new CalculatorException("The expression is empty. Provide an expression such as 2 + 3 * 4.", 0);
        }

        var node = parser.ParseAdditive();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Unexpected(parser.Current.Kind switch
            {
                TokenKind.RightParen => "There is no matching '(' for it.",
                TokenKind.LeftParen or TokenKind.Number or TokenKind.Identifier =>
                    "Write '*' between values to multiply, e.g. 2*(3+4).",
                _ => "Expected an operator or the end of the expression.",
            });
        }

        return node;
    }

    private Node ParseAdditive()
    {
        Enter();
        var left = ParseMultiplicative();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance();
            left = new BinaryNode(op.Kind, left, ParseMultiplicative(), op.Position);
        }

        Leave();
        return left;
    }

    private Node ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = Advance();
            left = new BinaryNode(op.Kind, left, ParseUnary(), op.Position);
        }

        return left;
    }

    private Node ParseUnary()
    {
        if (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            Enter();
            var op = Advance();
            var operand = ParseUnary();
            Leave();
            return new UnaryNode(op.Kind, operand, op.Position);
        }

        return ParsePower();
    }

    private Node ParsePower()
    {
        var left = ParsePrimary();
        if (Current.Kind != TokenKind.Caret)
        {
            return left;
        }

        Enter();
        var op = Advance();

        // The exponent may carry its own sign (2^-1) and is itself a power: right-associative.
        var right = ParseUnary();
        Leave();
        return new BinaryNode(TokenKind.Caret, left, right, op.Position);
    }

    private Node ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new NumberNode(token.Value, token.Position);
            case TokenKind.Identifier:
                Advance();
                return ParseName(token);
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseAdditive();
                Expect(TokenKind.RightParen, token);
                return inner;
            default:
                throw Unexpected("Expected a number, a function, a constant or '('.");
        }
    }

    private Node ParseName(Token name)
    {
        if (MathLibrary.TryGetFunction(name.Text, out var function))
        {
            if (Current.Kind != TokenKind.LeftParen)
            {
                throw new CalculatorException(
                    $"Function '{name.Text}' at position {name.Position} needs parentheses: {function.Usage}.",
                    name.Position);
            }

            var open = Advance();
            return new CallNode(function, ParseArguments(function, name, open), name.Position);
        }

        if (MathLibrary.TryGetConstant(name.Text, out var value))
        {
            return new NumberNode(value, name.Position);
        }

        throw new CalculatorException(
            $"Unknown name '{name.Text}' at position {name.Position}. Known functions: {MathLibrary.FunctionNames}; "
            + "constants: pi, e.",
            name.Position);
    }

    private List<Node> ParseArguments(MathFunction function, Token name, Token open)
    {
        var args = new List<Node>();
        if (Current.Kind != TokenKind.RightParen)
        {
            args.Add(ParseAdditive());
            while (Current.Kind == TokenKind.Comma)
            {
                Advance();
                args.Add(ParseAdditive());
                if (args.Count > MathLibrary.MaxVariadicArgs)
                {
                    break; // report the excess without building an unbounded list
                }
            }
        }

        if (args.Count < function.MinArgs || args.Count > function.MaxArgs)
        {
            var expected = function.MinArgs == function.MaxArgs
                ? $"{function.MinArgs} argument{(function.MinArgs == 1 ? "" : "s")}"
                : $"{function.MinArgs} to {function.MaxArgs} arguments";
            var got = args.Count > MathLibrary.MaxVariadicArgs ? $"more than {MathLibrary.MaxVariadicArgs}" : args.Count.ToString();
            throw new CalculatorException(
                $"Function '{name.Text}' at position {name.Position} takes {expected}, got {got}. Usage: {function.Usage}.",
                name.Position);
        }

        Expect(TokenKind.RightParen, open);
        return args;
    }

    private void Expect(TokenKind kind, Token opener)
    {
        if (Current.Kind != kind)
        {
            throw new CalculatorException(
                $"Expected ')' at position {Current.Position} to close the '(' at position {opener.Position}, "
                + $"found {Current.Display}.",
                Current.Position);
        }

        Advance();
    }

    private Token Advance() => _tokens[_index++];

    private CalculatorException Unexpected(string hint)
    {
        var token = Current;
        var what = token.Kind == TokenKind.End ? "Unexpected end of expression" : $"Unexpected {token.Display}";
        return new CalculatorException($"{what} at position {token.Position}. {hint}", token.Position);
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw new CalculatorException(
                $"The expression is nested too deeply at position {Current.Position} (limit {MaxDepth} levels "
                + "of parentheses, signs and powers). Simplify it or split it into several calculations.",
                Current.Position);
        }
    }

    private void Leave() => _depth--;
}

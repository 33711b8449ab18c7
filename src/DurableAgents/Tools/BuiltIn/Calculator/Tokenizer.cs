using System.Globalization;

namespace DurableAgents.Tools.BuiltIn;

/// <summary>Splits an arithmetic expression into tokens; numbers are parsed with the invariant culture.</summary>
internal static class Tokenizer
{
    /// <summary>Tokenizes the whole input; the list always ends with an <see cref="TokenKind.End"/> token.</summary>
    public static List<Token> Tokenize(string input)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < input.Length)
        {
            var c = input[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (char.IsAsciiDigit(c) || c == '.')
            {
                tokens.Add(ReadNumber(input, ref i));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < input.Length && (char.IsAsciiLetterOrDigit(input[i]) || input[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, input[start..i], start + 1));
                continue;
            }

            // Models often write Python's "**" for power; accept it as a synonym of '^'.
            if (c == '*' && i + 1 < input.Length && input[i + 1] == '*')
            {
                tokens.Add(new Token(TokenKind.Caret, "**", i + 1));
                i += 2;
                continue;
            }

            var kind = c switch
            {
                '+' => TokenKind.Plus,
                '-' => TokenKind.Minus,
                '*' => TokenKind.Star,
                '/' => TokenKind.Slash,
                '%' => TokenKind.Percent,
                '^' => TokenKind.Caret,
                '(' => TokenKind.LeftParen,
                ')' => TokenKind.RightParen,
                ',' => TokenKind.Comma,
                _ => throw new CalculatorException(
                    $"Unexpected character '{c}' at position {i + 1}. Use numbers, + - * / % ^, parentheses, "
                    + "functions like sqrt(x) and the constants pi and e.",
                    i + 1),
            };
            tokens.Add(new Token(kind, c.ToString(), i + 1));
            i++;
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, input.Length + 1));
        return tokens;
    }

    // number := digits [ '.' digits ] [ ('e'|'E') ['+'|'-'] digits ], or '.' digits ...
    private static Token ReadNumber(string input, ref int i)
    {
        var start = i;
        var intDigits = SkipDigits(input, ref i);
        var fracDigits = 0;
        if (i < input.Length && input[i] == '.')
        {
            i++;
            fracDigits = SkipDigits(input, ref i);
        }

        if (intDigits == 0 && fracDigits == 0)
        {
            throw new CalculatorException(
                $"Invalid number '{input[start..i]}' at position {start + 1}: a number needs at least one digit.",
                start + 1);
        }

        if (i < input.Length && (input[i] == 'e' || input[i] == 'E'))
        {
            i++;
            if (i < input.Length && (input[i] == '+' || input[i] == '-'))
            {
                i++;
            }

            if (SkipDigits(input, ref i) == 0)
            {
                throw new CalculatorException(
                    $"Invalid number '{input[start..i]}' at position {start + 1}: the exponent needs digits, e.g. 1.5e3.",
                    start + 1);
            }
        }

        if (i < input.Length && input[i] == '.')
        {
            throw new CalculatorException(
                $"Invalid number '{input[start..(i + 1)]}' at position {start + 1}: a number can have only one decimal point.",
                start + 1);
        }

        var text = input[start..i];
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            throw new CalculatorException(
                $"Number '{text}' at position {start + 1} is too large; the limit is about 1.8e308.", start + 1);
        }

        return new Token(TokenKind.Number, text, start + 1, value);
    }

    private static int SkipDigits(string input, ref int i)
    {
        var start = i;
        while (i < input.Length && char.IsAsciiDigit(input[i]))
        {
            i++;
        }

        return i - start;
    }
}

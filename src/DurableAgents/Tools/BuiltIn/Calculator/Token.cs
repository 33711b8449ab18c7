namespace DurableAgents.Tools.BuiltIn;

/// <summary>The kinds of token the calculator understands.</summary>
internal enum TokenKind
{
    Number,
    Identifier,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Caret,
    LeftParen,
    RightParen,
    Comma,
    End,
}

/// <summary>One token; <paramref name="Position"/> is 1-based so error messages match what a person counts.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, double Value = 0)
{
    /// <summary>How the token is shown in error messages.</summary>
    public string Display => Kind == TokenKind.End ? "end of expression" : $"'{Text}'";
}

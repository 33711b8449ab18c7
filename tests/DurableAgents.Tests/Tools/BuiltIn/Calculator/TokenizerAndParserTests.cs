using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Tests.Tools.BuiltIn.Calculator;

public class TokenizerAndParserTests
{
    [Fact]
    public void Tokenize_ProducesKindsAndOneBasedPositions()
    {
        var tokens = Tokenizer.Tokenize("2 * sqrt(x1)**3");
        Assert.Equal(
            new[]
            {
                TokenKind.Number, TokenKind.Star, TokenKind.Identifier, TokenKind.LeftParen, TokenKind.Identifier,
                TokenKind.RightParen, TokenKind.Caret, TokenKind.Number, TokenKind.End,
            },
            tokens.Select(t => t.Kind));
        Assert.Equal(new[] { 1, 3, 5, 9, 10, 12, 13, 15, 16 }, tokens.Select(t => t.Position));
        Assert.Equal("x1", tokens[4].Text);
    }

    [Fact]
    public void Tokenize_ParsesNumberValuesInvariantly()
    {
        var tokens = Tokenizer.Tokenize("1.25e2 .5");
        Assert.Equal(125, tokens[0].Value);
        Assert.Equal(0.5, tokens[1].Value);
    }

    [Fact]
    public void Parse_BuildsRightAssociativePower()
    {
        var node = Assert.IsType<BinaryNode>(Parser.Parse("2^3^2"));
        Assert.Equal(TokenKind.Caret, node.Operator);
        Assert.IsType<NumberNode>(node.Left);
        var right = Assert.IsType<BinaryNode>(node.Right);
        Assert.Equal(TokenKind.Caret, right.Operator);
    }

    [Fact]
    public void Parse_BuildsLeftAssociativeSubtraction()
    {
        var node = Assert.IsType<BinaryNode>(Parser.Parse("8-4-2"));
        Assert.Equal(4, node.Position);
        Assert.IsType<BinaryNode>(node.Left);
        Assert.IsType<NumberNode>(node.Right);
    }

    [Fact]
    public void Parse_UnaryMinusBindsLooserThanPower()
    {
        var node = Assert.IsType<UnaryNode>(Parser.Parse("-2^2"));
        Assert.IsType<BinaryNode>(node.Operand);
    }

    [Fact]
    public void Parse_ResolvesConstantsAndFunctions()
    {
        var call = Assert.IsType<CallNode>(Parser.Parse("max(pi, 1)"));
        Assert.Equal("max", call.Function.Name);
        Assert.Equal(Math.PI, Assert.IsType<NumberNode>(call.Arguments[0]).Value);
    }

    [Fact]
    public void Parse_RejectsTooManyVariadicArguments()
    {
        var expression = "max(" + string.Join(",", Enumerable.Repeat("1", MathLibrary.MaxVariadicArgs + 1)) + ")";
        var ex = Assert.Throws<CalculatorException>(() => Parser.Parse(expression));
        Assert.Contains($"more than {MathLibrary.MaxVariadicArgs}", ex.Message, StringComparison.Ordinal);
    }
}

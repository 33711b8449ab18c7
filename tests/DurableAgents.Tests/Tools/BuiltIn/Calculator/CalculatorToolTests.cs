using System.Globalization;
using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Tests.Tools.BuiltIn.Calculator;

public class CalculatorToolTests
{
    private readonly CalculatorTool _calculator = new();

    [Theory]
    [InlineData("2+3*4", "14")]
    [InlineData("(2+3)*4", "20")]
    [InlineData("10-4-3", "3")]
    [InlineData("100/10/5", "2")]
    [InlineData("2*3+4*5", "26")]
    [InlineData("7 % 3", "1")]
    [InlineData("-7 % 3", "-1")]
    [InlineData("2^10", "1024")]
    [InlineData("2^3^2", "512")]
    [InlineData("2**3", "8")]
    [InlineData("-2^2", "-4")]
    [InlineData("(-2)^2", "4")]
    [InlineData("2^-1", "0.5")]
    [InlineData("-(3)", "-3")]
    [InlineData("+3", "3")]
    [InlineData("--3", "3")]
    [InlineData("3 - -2", "5")]
    [InlineData("2*-3", "-6")]
    [InlineData("  1 +\t2 ", "3")]
    [InlineData("1.5e3", "1500")]
    [InlineData("2E-2", "0.02")]
    [InlineData("1e+2", "100")]
    [InlineData(".5 + 5.", "5.5")]
    [InlineData("0.1+0.2", "0.3")]
    [InlineData("1/3", "0.333333333333333")]
    [InlineData("1e20*10", "1E+21")]
    [InlineData("0 * -1", "0")]
    public void Evaluate_ComputesArithmeticWithPrecedence(string expression, string expected)
    {
        Assert.Equal(expected, _calculator.Evaluate(expression));
    }

    [Theory]
    [InlineData("sqrt(16)", "4")]
    [InlineData("abs(-2.5)", "2.5")]
    [InlineData("min(3, 1, 2)", "1")]
    [InlineData("max(3, 1, 2)", "3")]
    [InlineData("max(-1)", "-1")]
    [InlineData("round(2.5)", "3")]
    [InlineData("round(-2.5)", "-3")]
    [InlineData("round(3.14159, 2)", "3.14")]
    [InlineData("floor(-1.5)", "-2")]
    [InlineData("ceil(1.2)", "2")]
    [InlineData("ln(e)", "1")]
    [InlineData("log10(1000)", "3")]
    [InlineData("exp(0)", "1")]
    [InlineData("sin(0)", "0")]
    [InlineData("cos(pi)", "-1")]
    [InlineData("tan(0)", "0")]
    [InlineData("2*pi", "6.28318530717959")]
    [InlineData("PI", "3.14159265358979")]
    [InlineData("SQRT(9)", "3")]
    [InlineData("sqrt(3^2 + 4^2)", "5")]
    [InlineData("max(1, min(5, 3) * 2)", "6")]
    public void Evaluate_SupportsFunctionsAndConstants(string expression, string expected)
    {
        Assert.Equal(expected, _calculator.Evaluate(expression));
    }

    [Theory]
    [InlineData("(1+2))", 6, "Unexpected ')' at position 6")]
    [InlineData("1 + (2 * 3))", 12, "Unexpected ')' at position 12")]
    [InlineData("1 +", 4, "Unexpected end of expression at position 4")]
    [InlineData("*2", 1, "Unexpected '*' at position 1")]
    [InlineData("2 $ 3", 3, "Unexpected character '$' at position 3")]
    [InlineData("(1+2", 5, "Expected ')' at position 5 to close the '(' at position 1")]
    [InlineData("2(3)", 2, "Write '*' between values")]
    [InlineData("2 3", 3, "Unexpected '3' at position 3")]
    [InlineData("foo(1)", 1, "Unknown name 'foo' at position 1")]
    [InlineData("sqrt 4", 1, "Function 'sqrt' at position 1 needs parentheses")]
    [InlineData("sqrt(1, 2)", 1, "takes 1 argument, got 2")]
    [InlineData("round()", 1, "takes 1 to 2 arguments, got 0")]
    [InlineData("1..2", 1, "only one decimal point")]
    [InlineData("1e", 1, "the exponent needs digits")]
    [InlineData("1 + .", 5, "needs at least one digit")]
    [InlineData("1e400", 1, "too large")]
    [InlineData("min(1,)", 7, "Unexpected ')' at position 7")]
    [InlineData("1,2", 2, "Unexpected ','")]
    public void Evaluate_ReportsSyntaxErrorsWithPosition(string expression, int position, string message)
    {
        var ex = Assert.Throws<CalculatorException>(() => _calculator.Evaluate(expression));
        Assert.Equal(position, ex.Position);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1/0", 2)]
    [InlineData("5 % (2-2)", 3)]
    [InlineData("1/(0.5-0.5)", 2)]
    public void Evaluate_RejectsDivisionByZero(string expression, int position)
    {
        var ex = Assert.Throws<CalculatorException>(() => _calculator.Evaluate(expression));
        Assert.StartsWith("Division by zero", ex.Message, StringComparison.Ordinal);
        Assert.Equal(position, ex.Position);
    }

    [Theory]
    [InlineData("sqrt(-1)", "undefined")]
    [InlineData("ln(0)", "too large")]
    [InlineData("10^400", "too large")]
    [InlineData("(-8)^(1/3)", "undefined")]
    [InlineData("round(1, 1.5)", "whole number")]
    public void Evaluate_RejectsNonFiniteAndInvalidResults(string expression, string message)
    {
        var ex = Assert.Throws<CalculatorException>(() => _calculator.Evaluate(expression));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Evaluate_RejectsEmptyExpression(string expression)
    {
        var ex = Assert.Throws<CalculatorException>(() => _calculator.Evaluate(expression));
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RejectsInputOverLengthCap()
    {
        var expression = string.Join("+", Enumerable.Repeat("1", 501)); // 1001 characters
        var ex = Assert.Throws<CalculatorException>(() => _calculator.Evaluate(expression));
        Assert.Contains("limit is 1000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AcceptsLongFlatExpressionUnderCap()
    {
        var expression = string.Join("+", Enumerable.Repeat("1", 500)); // 999 characters
        Assert.Equal("500", _calculator.Evaluate(expression));
    }

    [Fact]
    public void Evaluate_RejectsNestingDeeperThanCap()
    {
        var expression = new string('(', 100) + "1" + new string(')', 100);
        var ex = Assert.Throws<CalculatorException>(() => _calculator.Evaluate(expression));
        Assert.Contains("nested too deeply", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RejectsLongChainsOfSigns()
    {
        var ex = Assert.Throws<CalculatorException>(() => _calculator.Evaluate(new string('-', 200) + "1"));
        Assert.Contains("nested too deeply", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AcceptsNestingWithinCap()
    {
        var expression = new string('(', 30) + "2" + new string(')', 30);
        Assert.Equal("2", _calculator.Evaluate(expression));
    }

    [Fact]
    public void Evaluate_FormatsWithInvariantCultureRegardlessOfCurrentCulture()
    {
        var commaCulture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commaCulture.NumberFormat.NumberDecimalSeparator = ",";
        commaCulture.NumberFormat.NumberGroupSeparator = ".";
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = commaCulture;
            Assert.Equal("1234.5", _calculator.Evaluate("1234 + 0.5"));
            Assert.Equal("0.25", _calculator.Evaluate("1/4"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Evaluate_TreatsCommaAsArgumentSeparatorNotDecimalPoint()
    {
        Assert.Throws<CalculatorException>(() => _calculator.Evaluate("1,5 * 2"));
    }
}

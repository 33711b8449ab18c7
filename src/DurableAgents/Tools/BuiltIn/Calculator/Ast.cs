namespace DurableAgents.Tools.BuiltIn;

/// <summary>A node of a parsed expression. Positions are 1-based, for error messages.</summary>
internal abstract record Node(int Position);

/// <summary>A numeric literal or a resolved constant.</summary>
internal sealed record NumberNode(double Value, int Position) : Node(Position);

/// <summary>Unary plus or minus.</summary>
internal sealed record UnaryNode(TokenKind Operator, Node Operand, int Position) : Node(Position);

/// <summary>A binary operator; <see cref="Node.Position"/> is the operator's position.</summary>
internal sealed record BinaryNode(TokenKind Operator, Node Left, Node Right, int Position) : Node(Position);

/// <summary>A call to a known function; <see cref="Node.Position"/> is the function name's position.</summary>
internal sealed record CallNode(MathFunction Function, IReadOnlyList<Node> Arguments, int Position) : Node(Position);

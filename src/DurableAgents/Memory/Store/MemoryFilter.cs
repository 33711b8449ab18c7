using System.Linq.Expressions;

namespace DurableAgents.Memory;

/// <summary>
/// Reads a VectorData filter expression into a <see cref="MemoryQuery"/>. Our collections scan one agent's partition, so they
/// take what that needs and nothing more: a conjunction (<c>&amp;&amp;</c>) of <c>r.Agent == a</c> (required), <c>r.Kind == k</c>
/// and <c>r.Scope == s</c>, where a term may be a disjunction (<c>||</c>) of equalities on one property. Values may be constants
/// or captured variables. Anything else is refused with a <see cref="NotSupportedException"/> that says so.
/// </summary>
public static class MemoryFilter
{
    /// <summary>The query the filter describes.</summary>
    public static MemoryQuery Parse(Expression<Func<MemoryRecord, bool>>? filter)
    {
        if (filter is null)
        {
            throw new NotSupportedException("A memory filter must name the agent (r => r.Agent == name): memories are kept and searched per agent.");
        }

        var terms = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var term in Conjuncts(filter.Body))
        {
            var (property, values) = Disjunction(term, filter.Parameters[0]);
            if (terms.TryGetValue(property, out var existing))
            {
                existing.IntersectWith(values); // a && of two terms on one property keeps what both allow
            }
            else
            {
                terms[property] = values;
            }
        }

        if (!terms.TryGetValue(nameof(MemoryRecord.Agent), out var agents) || agents.Count != 1)
        {
            throw new NotSupportedException("A memory filter must name exactly one agent (r => r.Agent == name): memories are kept and searched per agent.");
        }

        return new MemoryQuery(agents.Single(), terms.GetValueOrDefault(nameof(MemoryRecord.Kind)), terms.GetValueOrDefault(nameof(MemoryRecord.Scope)));
    }

    /// <summary>The filter <c>r =&gt; r.Agent == agent &amp;&amp; r.Kind == kind &amp;&amp; (r.Scope == s1 || r.Scope == s2 ...)</c>, the form <see cref="Parse"/> reads.</summary>
    public static Expression<Func<MemoryRecord, bool>> InScopes(string agent, string kind, IReadOnlyList<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        if (scopes.Count == 0)
        {
            throw new ArgumentException("Name at least one scope to search (\"\" is the agent-wide one).", nameof(scopes));
        }

        var record = Expression.Parameter(typeof(MemoryRecord), "r");
        Expression Is(string property, string value) => Expression.Equal(Expression.Property(record, property), Expression.Constant(value));
        var inScope = scopes.Select(s => Is(nameof(MemoryRecord.Scope), s)).Aggregate(Expression.OrElse);
        var body = Expression.AndAlso(Expression.AndAlso(Is(nameof(MemoryRecord.Agent), agent), Is(nameof(MemoryRecord.Kind), kind)), inScope);
        return Expression.Lambda<Func<MemoryRecord, bool>>(body, record);
    }

    private static IEnumerable<Expression> Conjuncts(Expression expression) =>
        expression is BinaryExpression { NodeType: ExpressionType.AndAlso } and
            ? Conjuncts(and.Left).Concat(Conjuncts(and.Right))
            : [expression];

    private static (string Property, HashSet<string> Values) Disjunction(Expression expression, ParameterExpression record)
    {
        if (expression is BinaryExpression { NodeType: ExpressionType.OrElse } or)
        {
            var left = Disjunction(or.Left, record);
            var right = Disjunction(or.Right, record);
            if (left.Property != right.Property)
            {
                throw new NotSupportedException($"A memory filter may only join equalities on one property with ||; this one joins {left.Property} and {right.Property}.");
            }

            left.Values.UnionWith(right.Values);
            return left;
        }

        if (expression is BinaryExpression { NodeType: ExpressionType.Equal } equal)
        {
            if (PropertyOf(equal.Left, record) is { } leftProperty)
            {
                return (leftProperty, [ValueOf(equal.Right)]);
            }

            if (PropertyOf(equal.Right, record) is { } rightProperty)
            {
                return (rightProperty, [ValueOf(equal.Left)]);
            }
        }

        throw new NotSupportedException(
            $"The memory filter term '{expression}' is not supported: use r.Agent, r.Kind or r.Scope == a value, joined by && (or || on one property).");
    }

    private static string? PropertyOf(Expression expression, ParameterExpression record) =>
        expression is MemberExpression { Member.Name: var name } member && member.Expression == record
            && name is nameof(MemoryRecord.Agent) or nameof(MemoryRecord.Kind) or nameof(MemoryRecord.Scope)
            ? name
            : null;

    private static string ValueOf(Expression expression)
    {
        var value = expression is ConstantExpression constant ? constant.Value : Expression.Lambda(expression).Compile().DynamicInvoke();
        return value as string ?? throw new NotSupportedException($"A memory filter compares with strings; '{expression}' is not one.");
    }
}

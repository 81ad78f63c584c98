using System.Linq.Expressions;

namespace Kexie.Data;

/// <summary>A lambda's body with its parameters replaced by other expressions (to compose query expressions).</summary>
public sealed class ExpressionSubstitute(IReadOnlyDictionary<ParameterExpression, Expression> map) : ExpressionVisitor
{
    /// <summary>The body of <paramref name="lambda"/> applied to <paramref name="arguments"/>, one per parameter.</summary>
    public static Expression Body(LambdaExpression lambda, params Expression[] arguments) =>
        new ExpressionSubstitute(lambda.Parameters.Zip(arguments).ToDictionary(p => p.First, p => p.Second)).Visit(lambda.Body);

    protected override Expression VisitParameter(ParameterExpression node) => map.TryGetValue(node, out var to) ? to : node;
}

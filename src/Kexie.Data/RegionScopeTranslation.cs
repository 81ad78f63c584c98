using System.Linq.Expressions;
using System.Reflection;
using Kexie.Domain.Authorization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kexie.Data;

/// <summary>
/// Lets queries use <see cref="RegionScope.Within"/>: before a query is compiled, each call is replaced by the prefix test it stands
/// for (<see cref="RegionScope.WithinAsPrefixTest"/>), which the providers translate to <c>LIKE 'code%'</c> exactly as a
/// hand-written <c>StartsWith</c> (same SQL, same index use). Registered on every <see cref="KexieDbContext"/>.
/// </summary>
public sealed class RegionScopeTranslation : ExpressionVisitor, IQueryExpressionInterceptor
{
    public static readonly RegionScopeTranslation Instance = new();

    private static readonly MethodInfo Within = typeof(RegionScope).GetMethod(nameof(RegionScope.Within))!;

    private RegionScopeTranslation()
    {
    }

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData) => Visit(queryExpression);

    protected override Expression VisitMethodCall(MethodCallExpression node) =>
        node.Method == Within
            ? RegionScope.WithinAsPrefixTest(Visit(node.Arguments[0]), Visit(node.Arguments[1]))
            : base.VisitMethodCall(node);
}

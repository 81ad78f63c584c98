using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Kexie.Domain.Common;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

namespace Kexie.Web.Infrastructure;

/// <summary>
/// Query filters of a nullable value type (<c>decimal? BudgetMin</c>, <c>int? Page</c>, <c>OfferKind? Kind</c>,
/// <c>Guid? Team</c>, <c>bool? Verified</c>), on an API handler or in a filter record it binds with <c>[AsParameters]</c>.
/// A minimal API answers 400 to the empty value a form sends for an empty field ("budgetMin=", aspnetcore#65754) and names
/// nothing for an unreadable one. Before the handler binds, <see cref="UseQueryValueCheck"/> drops blank values of such
/// fields (blank is no filter, as <see cref="QueryDay"/> reads dates) and answers an unreadable one with a 400 problem
/// naming the field in Chinese ("最低预算应为数字"). The filter records keep their types; no endpoint reads them itself.
/// </summary>
public static class QueryValues
{
    /// <summary>A query field of a nullable value type: its query name and the type it binds to (without <c>?</c>).</summary>
    public sealed record Field(string Name, Type Type);

    /// <summary>Per endpoint (its handler and its route's parameters decide), read once.</summary>
    private static readonly ConcurrentDictionary<Endpoint, IReadOnlyList<Field>> Fields = new();

    /// <summary>The Chinese names of the query filters (before the audit trail's field names, which some share).</summary>
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Page"] = "页码", ["PageSize"] = "每页条数", ["PriceMin"] = "最低价格", ["PriceMax"] = "最高价格", ["BudgetMin"] = "最低预算",
        ["BudgetMax"] = "最高预算", ["Kind"] = "类型", ["SiteKind"] = "站点类型", ["Status"] = "状态", ["Gender"] = "性别", ["Verified"] = "认证状态",
        ["Level"] = "级别", ["Provider"] = "服务提供者", ["Organization"] = "需求单位", ["Offer"] = "服务", ["Need"] = "需求", ["Team"] = "志愿服务队",
        ["Setting"] = "服务场景", ["TargetGroup"] = "服务对象", ["Year"] = "年份", ["Years"] = "年数", ["WeightSet"] = "权重版本", ["Fresh"] = "刷新",
    };

    /// <summary>"最低预算" for budgetMin; for a field without a name of its own, the audit trail's, else a neutral word.</summary>
    public static string Label(string field)
    {
        var pascal = field.Length == 0 ? field : char.ToUpperInvariant(field[0]) + field[1..];
        return Names.TryGetValue(pascal, out var name) || Kexie.Web.Features.Admin.AuditPresenter.FieldNames.TryGetValue(pascal, out name) ? name : "筛选条件";
    }

    /// <summary>Whether <paramref name="field"/> has a Chinese name of its own (a test requires one for every list filter).</summary>
    public static bool HasLabel(string field) => Label(field) != "筛选条件";

    /// <summary>
    /// The nullable value-type query fields of a minimal-API handler: its own parameters and those of the records it takes
    /// with <c>[AsParameters]</c>; route values, services, bodies, headers and forms are not query fields.
    /// </summary>
    public static IReadOnlyList<Field> Of(Endpoint endpoint) => Fields.GetOrAdd(endpoint, e =>
        {
            if (e.Metadata.GetMetadata<MethodInfo>() is not { } method)
            {
                return [];
            }

            var routeValues = (e as RouteEndpoint)?.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
            var fields = new List<Field>();
            foreach (var parameter in method.GetParameters())
            {
                if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
                {
                    var constructor = parameter.ParameterType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
                    foreach (var member in constructor?.GetParameters() ?? [])
                    {
                        Add(fields, member.Name, member.ParameterType, member.GetCustomAttributes(true), routeValues);
                    }
                }
                else
                {
                    Add(fields, parameter.Name, parameter.ParameterType, parameter.GetCustomAttributes(true), routeValues);
                }
            }

            return fields;
        });

    private static void Add(List<Field> fields, string? name, Type type, object[] attributes, HashSet<string> routeValues)
    {
        if (name is null || Nullable.GetUnderlyingType(type) is not { } underlying || routeValues.Contains(name)
            || attributes.Any(a => a is IFromServiceMetadata or IFromBodyMetadata or IFromRouteMetadata or IFromHeaderMetadata or IFromFormMetadata or FromKeyedServicesAttribute))
        {
            return;
        }

        var queryName = attributes.OfType<IFromQueryMetadata>().FirstOrDefault()?.Name ?? name;
        fields.Add(new Field(queryName, underlying));
    }

    /// <summary>Whether <paramref name="text"/> reads as <paramref name="type"/> the way the handler's binding reads it.</summary>
    public static bool Readable(string text, Type type)
    {
        if (type.IsEnum)
        {
            return Enum.TryParse(type, text, ignoreCase: false, out _);
        }

        if (type == typeof(bool))
        {
            return bool.TryParse(text, out _);
        }

        if (type == typeof(Guid))
        {
            return Guid.TryParse(text, out _);
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
        {
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                && (type == typeof(long) || (type == typeof(int) ? n is >= int.MinValue and <= int.MaxValue : n is >= short.MinValue and <= short.MaxValue));
        }

        if (type == typeof(decimal))
        {
            return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _);
        }

        if (type == typeof(double))
        {
            return double.TryParse(text, NumberStyles.AllowThousands | NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        }

        if (type == typeof(DateOnly))
        {
            return DateOnly.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
        }

        return true; // other types: the handler's binding decides
    }

    /// <summary>"最低预算应为数字", "页码应为整数", "类型不是可选的值".</summary>
    public static string Message(string field, Type type)
    {
        var label = Label(field);
        return type switch
        {
            _ when type.IsEnum => $"{label}不是可选的值",
            _ when type == typeof(bool) => $"{label}应为 true 或 false",
            _ when type == typeof(Guid) => $"{label}不是有效的记录",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => $"{label}应为整数",
            _ when type == typeof(decimal) || type == typeof(double) => $"{label}应为数字",
            _ when type == typeof(DateOnly) => $"{label}应为“2025-12-20”这样的日期",
            _ => $"{label}的值无效",
        };
    }

    /// <summary>
    /// For an API endpoint: drops blank values of its nullable value-type query fields (no filter) and refuses an unreadable
    /// one with a 400 naming the field (<c>errors[budgetMin]</c>: "最低预算应为数字"). Runs after routing and authorization,
    /// so a stranger still gets the sign-in answer first.
    /// </summary>
    public static IApplicationBuilder UseQueryValueCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Query.Count > 0 && ApiProblemDetailsWriter.IsApi(http.Request) && http.GetEndpoint() is { } endpoint && Of(endpoint) is { Count: > 0 } fields)
        {
            Dictionary<string, StringValues>? kept = null;
            foreach (var field in fields)
            {
                if (!http.Request.Query.TryGetValue(field.Name, out var values))
                {
                    continue;
                }

                if (values.Any(string.IsNullOrWhiteSpace))
                {
                    kept ??= http.Request.Query.ToDictionary(q => q.Key, q => q.Value, StringComparer.OrdinalIgnoreCase);
                    var rest = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToArray();
                    if (rest.Length == 0)
                    {
                        kept.Remove(field.Name);
                    }
                    else
                    {
                        kept[field.Name] = new StringValues(rest);
                    }

                    values = new StringValues(rest);
                }

                if (values.FirstOrDefault() is { } text && !Readable(text.Trim(), field.Type))
                {
                    var key = char.ToLowerInvariant(field.Name[0]) + field.Name[1..];
                    throw new DomainValidationException(key, Message(field.Name, field.Type));
                }
            }

            if (kept is not null)
            {
                http.Request.Query = new QueryCollection(kept);
            }
        }

        await next(http);
    });
}

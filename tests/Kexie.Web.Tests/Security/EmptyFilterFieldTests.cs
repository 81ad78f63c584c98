using System.Net;
using System.Reflection;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// A form with an empty number or choice sends "budgetMin=&amp;kind=": the list routes whose filter records bind from the
/// query ([AsParameters]) read a blank value of a nullable number, choice, record or yes/no filter as no filter (a minimal
/// API answered 400 to it, aspnetcore#65754), and an unreadable one is a 400 naming the field in Chinese
/// (<see cref="QueryValues"/>), as the date filters do (<see cref="EmptyDateFieldTests"/>).
/// </summary>
public abstract class EmptyFilterFieldTests(KexieApp app)
{
    /// <summary>Every GET route whose handler binds a filter record with [AsParameters], with its nullable value-type fields.</summary>
    private IReadOnlyList<(string Route, IReadOnlyList<QueryValues.Field> Fields)> FilterRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Where(e => e.Metadata.GetMetadata<MethodInfo>()?.GetParameters().Any(p => p.GetCustomAttribute<AsParametersAttribute>() is not null) == true)
            .Select(e => ("/" + e.RoutePattern.RawText!.Trim('/'), QueryValues.Of(e)))
            .Where(r => r.Item2.Count > 0)
            .OrderBy(r => r.Item1, StringComparer.Ordinal)
            .ToList();

    /// <summary>The list routes with such filters, named here so that a new one is noticed (and tested below by the same loop).</summary>
    private static readonly string[] Expected =
    [
        "/api/v1/e-stations",
        "/api/v1/needs",
        "/api/v1/offers",
        "/api/v1/orders",
        "/api/v1/organizations",
        "/api/v1/organizations/export.xlsx",
        "/api/v1/popularization-activities",
        "/api/v1/science-boards",
        "/api/v1/science-boards/export.xlsx",
        "/api/v1/science-contents",
        "/api/v1/venues",
        "/api/v1/venues/export.xlsx",
        "/api/v1/volunteer-calls",
        "/api/v1/volunteers",
        "/api/v1/volunteers/export.xlsx",
        "/api/v1/workers",
        "/api/v1/workers/export.xlsx",
    ];

    [Fact]
    public void Every_list_filter_of_a_nullable_value_type_is_known_and_has_a_Chinese_name()
    {
        var routes = FilterRoutes();
        Assert.Equal(Expected, routes.Select(r => r.Route).Distinct().ToArray());
        var unnamed = routes.SelectMany(r => r.Fields.Where(f => !QueryValues.HasLabel(f.Name)).Select(f => $"{r.Route}?{f.Name}")).ToList();
        Assert.True(unnamed.Count == 0, "没有中文名称的筛选条件：" + string.Join("，", unnamed));
        Assert.Contains(routes, r => r.Route == "/api/v1/needs" && r.Fields.Any(f => f.Name == "BudgetMin" && f.Type == typeof(decimal)));
    }

    [Fact]
    public async Task Blank_filters_mean_no_filter_and_an_unreadable_one_names_its_field_on_every_list_route()
    {
        var admin = await app.SignInAsync("admin");
        foreach (var (route, fields) in FilterRoutes())
        {
            var all = string.Join("&", fields.Select(f => $"{f.Name}="));
            var blank = await admin.GetAsync($"{route}?region=510923&{all}");
            Assert.True(blank.StatusCode == HttpStatusCode.OK, $"{route}?{all}: {(int)blank.StatusCode} {await blank.Content.ReadAsStringAsync()}");
            foreach (var field in fields)
            {
                var key = char.ToLowerInvariant(field.Name[0]) + field.Name[1..];
                var spaces = await admin.GetAsync($"{route}?region=510923&{key}=%20");
                Assert.True(spaces.StatusCode == HttpStatusCode.OK, $"{route}?{key}=%20: {(int)spaces.StatusCode}");
                var message = await (await admin.GetAsync($"{route}?region=510923&{key}=%E4%B8%8D%E6%98%AF%E5%80%BC")).AssertValidationProblemAsync(key); // 不是值
                Assert.StartsWith(QueryValues.Label(field.Name), message);
            }
        }
    }

    [Theory]
    [InlineData("/api/v1/needs?region=510923", "budgetMin", "budgetMax", "最低预算应为数字")]
    [InlineData("/api/v1/offers?region=510923", "priceMin", "priceMax", "最低价格应为数字")]
    public async Task The_amount_filters_find_the_same_when_blank_as_without_them_and_still_filter(string list, string min, string max, string unreadable)
    {
        var admin = await app.SignInAsync("admin");
        // Up to yesterday (China time), so that records other classes write meanwhile do not change the count.
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-1).ToString("yyyy-MM-dd");
        async Task<int> TotalAsync(string query) => (await (await admin.GetAsync($"{list}&to={yesterday}{query}")).OkJsonAsync())["total"]!.GetValue<int>();
        var without = await TotalAsync(string.Empty);
        Assert.True(without > 0, $"{list}: the demo county has records up to {yesterday}");
        Assert.Equal(without, await TotalAsync($"&{min}=&{max}=&page=&pageSize=&status="));

        // A value still filters: an amount no record reaches finds nothing, with the other bound blank; a comma-grouped one reads.
        Assert.Equal(0, await TotalAsync($"&{min}=999999999999&{max}="));
        Assert.Equal(await TotalAsync($"&{max}=999999999999"), await TotalAsync($"&{min}=&{max}=999,999,999,999"));
        Assert.Equal(unreadable, await (await admin.GetAsync($"{list}&{min}=一千")).AssertValidationProblemAsync(min));
    }

    [Fact]
    public async Task The_page_filters_read_blank_as_the_first_page_and_name_an_unreadable_page()
    {
        var admin = await app.SignInAsync("admin");
        var blank = await (await admin.GetAsync("/api/v1/workers?region=510923&page=&pageSize=")).OkJsonAsync();
        var defaults = await (await admin.GetAsync("/api/v1/workers?region=510923")).OkJsonAsync();
        Assert.Equal(1, blank["page"]!.GetValue<int>());
        Assert.Equal(defaults["pageSize"]!.GetValue<int>(), blank["pageSize"]!.GetValue<int>());
        Assert.Equal("页码应为整数", await (await admin.GetAsync("/api/v1/workers?region=510923&page=2.5")).AssertValidationProblemAsync("page"));
        Assert.Equal("每页条数应为整数", await (await admin.GetAsync("/api/v1/workers?region=510923&pageSize=99999999999")).AssertValidationProblemAsync("pageSize"));
        Assert.Equal("性别不是可选的值", await (await admin.GetAsync("/api/v1/workers?region=510923&gender=男")).AssertValidationProblemAsync("gender"));
    }

    [Fact]
    public async Task A_stranger_still_gets_the_sign_in_answer_before_a_filter_is_read()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/orders?page=一");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class EmptyFilterFieldSqliteTests(SqliteApp app) : EmptyFilterFieldTests(app);

public sealed class EmptyFilterFieldPostgresTests(PostgresApp app) : EmptyFilterFieldTests(app);

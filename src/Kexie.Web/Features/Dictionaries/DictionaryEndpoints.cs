using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Dictionaries;

/// <summary>/api/v1/dictionaries: the code lists, read by anyone, extended by the platform admin.</summary>
public static class DictionaryEndpoints
{
    public static RouteGroupBuilder MapDictionaries(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/dictionaries").WithTags("数据字典");
        group.MapGet("/", ListTypes)
            .WithSummary("数据字典列表：学历（GB/T 4658）、政治面貌（GB/T 4762）、职称");
        group.MapGet("/{type}", GetDictionary)
            .WithSummary("一个数据字典的全部条目（代码、名称、排序、是否启用、同义词）");
        group.MapPost("/{type}", AddEntry).RequireAuthorization().RequirePermission(DictionaryPermissions.Manage).WithSummary("新增条目（平台管理员）");
        group.MapPut("/{type}/{code}", UpdateEntry)
            .RequireAuthorization().RequirePermission(DictionaryPermissions.Manage).WithSummary("修改条目的排序、启用状态和同义词（平台管理员；代码和名称不可改）");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<DictionaryTypeDto>>> ListTypes(DictionaryService s, CancellationToken ct) =>
        TypedResults.Ok(await s.TypesAsync(ct));

    public static async Task<Ok<DictionaryDto>> GetDictionary(DictionaryService s, string type, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(type, ct));

    public static async Task<Created<DictionaryEntryDto>> AddEntry(HttpContext http, DictionaryService s, string type, DictionaryEntryRequest body, CancellationToken ct)
    {
        var created = await s.AddAsync(http.User.ToActor(), type, body, ct);
        return TypedResults.Created($"/api/v1/dictionaries/{type}", created);
    }

    public static async Task<Ok<DictionaryEntryDto>> UpdateEntry(HttpContext http, DictionaryService s, string type, string code, DictionaryEntryUpdate body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), type, code, body, ct));
}

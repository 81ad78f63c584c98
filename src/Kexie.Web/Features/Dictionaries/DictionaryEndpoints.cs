using Kexie.Web.Infrastructure;

namespace Kexie.Web.Features.Dictionaries;

/// <summary>/api/v1/dictionaries: the code lists, read by anyone, extended by the platform admin.</summary>
public static class DictionaryEndpoints
{
    public static RouteGroupBuilder MapDictionaries(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/dictionaries").WithTags("数据字典");
        group.MapGet("/", (DictionaryService s, CancellationToken ct) => s.TypesAsync(ct))
            .WithSummary("数据字典列表：学历（GB/T 4658）、政治面貌（GB/T 4762）、职称");
        group.MapGet("/{type}", (DictionaryService s, string type, CancellationToken ct) => s.GetAsync(type, ct))
            .WithSummary("一个数据字典的全部条目（代码、名称、排序、是否启用、同义词）");
        group.MapPost("/{type}", async (HttpContext http, DictionaryService s, string type, DictionaryEntryRequest body, CancellationToken ct) =>
        {
            var created = await s.AddAsync(http.User.ToActor(), type, body, ct);
            return TypedResults.Created($"/api/v1/dictionaries/{type}", created);
        }).RequireAuthorization().RequirePermission(DictionaryPermissions.Manage).WithSummary("新增条目（平台管理员）");
        group.MapPut("/{type}/{code}", (HttpContext http, DictionaryService s, string type, string code, DictionaryEntryUpdate body, CancellationToken ct) =>
            s.UpdateAsync(http.User.ToActor(), type, code, body, ct))
            .RequireAuthorization().RequirePermission(DictionaryPermissions.Manage).WithSummary("修改条目的排序、启用状态和同义词（平台管理员；代码和名称不可改）");
        return api;
    }
}

using Kexie.Data.Exchange;
using Kexie.Domain.Directory;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Directory;

/// <summary>/api/v1 for science workers, organizations, associations and service agencies.</summary>
public static class DirectoryEndpoints
{
    public static RouteGroupBuilder MapDirectory(this RouteGroupBuilder api)
    {
        var workers = api.MapGroup("/workers").WithTags("科技工作者");
        workers.MapGet("/", (HttpContext http, ScienceWorkerService s, [AsParameters] ScienceWorkerFilter f, CancellationToken ct) => s.ListAsync(http.User.ToActor(), f, ct))
            .WithSummary("查询科技工作者（按地区子树、学科、关键词筛选，分页）");
        workers.MapGet("/export.xlsx", async (HttpContext http, ScienceWorkerService s, Kexie.Data.KexieDbContext db, Kexie.Data.DictionaryCache dictionaries, [AsParameters] ScienceWorkerFilter f, CancellationToken ct) =>
        {
            var rows = await AllPagesAsync(p => s.ListAsync(http.User.ToActor(), f with { Page = p, PageSize = 200 }, ct));
            var bytes = await DirectoryExport.WorkersAsync(db, await dictionaries.GetAsync(db, ct), rows.Select(w => new WorkerExportRow(
                w.Name, w.Gender, w.BirthYear, w.Employer, w.Title, w.DisciplineCodes, w.Education, w.PoliticalStatus, w.Phone, w.RegionCode, w.IsPublicProfile)).ToList(), ct);
            return Results.File(bytes, ExcelContentType, "科技工作者.xlsx");
        }).WithSummary("导出科技工作者为 Excel（与查询条件相同；代码旁另列名称，学历等另列代码）");
        workers.MapGet("/{id:guid}", (HttpContext http, ScienceWorkerService s, Guid id, CancellationToken ct) => s.GetAsync(http.User.ToActor(), id, ct));
        workers.MapPost("/", async (HttpContext http, ScienceWorkerService s, ScienceWorkerRequest body, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(http.User.ToActor(), body.ToData(), ct);
            return TypedResults.Created($"/api/v1/workers/{created.Id}", created);
        }).RequireAuthorization().WithSummary("登记科技工作者").RequirePermission(DirectoryPermissions.EditWorkers);
        workers.MapPut("/{id:guid}", (HttpContext http, ScienceWorkerService s, Guid id, ScienceWorkerRequest body, CancellationToken ct) => s.UpdateAsync(http.User.ToActor(), id, body.ToData(), ct)).RequireAuthorization().RequirePermission(DirectoryPermissions.EditWorkers);
        workers.MapDelete("/{id:guid}", async (HttpContext http, ScienceWorkerService s, Guid id, CancellationToken ct) =>
        {
            await s.DeleteAsync(http.User.ToActor(), id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization().RequirePermission(DirectoryPermissions.DeleteWorkers);

        var orgs = api.MapGroup("/organizations").WithTags("企事业单位");
        orgs.MapGet("/", (HttpContext http, OrganizationService s, [AsParameters] OrganizationFilter f, CancellationToken ct) => s.ListAsync(http.User.ToActor(), f, ct));
        orgs.MapGet("/export.xlsx", async (HttpContext http, OrganizationService s, Kexie.Data.KexieDbContext db, [AsParameters] OrganizationFilter f, CancellationToken ct) =>
        {
            var rows = await AllPagesAsync(p => s.ListAsync(http.User.ToActor(), f with { Page = p, PageSize = 200 }, ct));
            var bytes = await DirectoryExport.OrganizationsAsync(db, rows.Select(o => new OrganizationExportRow(
                o.Name, o.Kind, o.CreditCode, o.IndustryCode, o.RegionCode, o.Address, o.ContactName, o.ContactPhone, o.IsVerified)).ToList(), ct);
            return Results.File(bytes, ExcelContentType, "企事业单位.xlsx");
        });
        orgs.MapGet("/{id:guid}", (HttpContext http, OrganizationService s, Guid id, CancellationToken ct) => s.GetAsync(http.User.ToActor(), id, ct));
        orgs.MapPost("/", async (HttpContext http, OrganizationService s, OrganizationRequest body, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(http.User.ToActor(), body.ToData(), ct);
            return TypedResults.Created($"/api/v1/organizations/{created.Id}", created);
        }).RequireAuthorization().RequirePermission(DirectoryPermissions.EditOrganizations);
        orgs.MapPut("/{id:guid}", (HttpContext http, OrganizationService s, Guid id, OrganizationRequest body, CancellationToken ct) => s.UpdateAsync(http.User.ToActor(), id, body.ToData(), ct)).RequireAuthorization().RequirePermission(DirectoryPermissions.EditOrganizations);
        orgs.MapPost("/{id:guid}/verify", (HttpContext http, OrganizationService s, Guid id, CancellationToken ct) => s.VerifyAsync(http.User.ToActor(), id, true, ct)).RequireAuthorization().WithSummary("审核通过单位").RequirePermission(DirectoryPermissions.ReviewOrganizations);
        orgs.MapDelete("/{id:guid}", async (HttpContext http, OrganizationService s, Guid id, CancellationToken ct) =>
        {
            await s.DeleteAsync(http.User.ToActor(), id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization().RequirePermission(DirectoryPermissions.ReviewOrganizations);

        var associations = api.MapGroup("/associations").WithTags("科协与学会");
        associations.MapGet("/", (AssociationService s, string? q, string? region, AssociationKind? kind, int? page, int? pageSize, CancellationToken ct) => s.ListAsync(q, region, kind, page, pageSize, ct));
        associations.MapGet("/{id:guid}", (AssociationService s, Guid id, CancellationToken ct) => s.GetAsync(id, ct));
        associations.MapGet("/{id:guid}/members", (HttpContext http, AssociationService s, Guid id, CancellationToken ct) => s.MembersAsync(http.User.ToActor(), id, ct)).RequireAuthorization();
        associations.MapPost("/", async (HttpContext http, AssociationService s, AssociationRequest body, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(http.User.ToActor(), body.ToData(), ct);
            return TypedResults.Created($"/api/v1/associations/{created.Id}", created);
        }).RequireAuthorization().RequirePermission(DirectoryPermissions.ManageAssociations);
        associations.MapPut("/{id:guid}", (HttpContext http, AssociationService s, Guid id, AssociationRequest body, CancellationToken ct) => s.UpdateAsync(http.User.ToActor(), id, body.ToData(), ct)).RequireAuthorization().RequirePermission(DirectoryPermissions.ManageAssociations);
        associations.MapPost("/{id:guid}/members", (HttpContext http, AssociationService s, Guid id, AddMemberRequest body, CancellationToken ct) => s.AddMemberAsync(http.User.ToActor(), id, body, ct)).RequireAuthorization().RequirePermission(DirectoryPermissions.ManageAssociations);
        associations.MapDelete("/{id:guid}/members/{memberId:guid}", async (HttpContext http, AssociationService s, Guid id, Guid memberId, CancellationToken ct) =>
        {
            await s.RemoveMemberAsync(http.User.ToActor(), id, memberId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization().RequirePermission(DirectoryPermissions.ManageAssociations);

        var agencies = api.MapGroup("/agencies").WithTags("第三方服务机构");
        agencies.MapGet("/", (HttpContext http, ServiceAgencyService s, string? q, string? region, int? page, int? pageSize, CancellationToken ct) => s.ListAsync(http.User.ToActor(), q, region, page, pageSize, ct));
        agencies.MapGet("/{id:guid}", (HttpContext http, ServiceAgencyService s, Guid id, CancellationToken ct) => s.GetAsync(http.User.ToActor(), id, ct));
        agencies.MapPost("/", async (HttpContext http, ServiceAgencyService s, ServiceAgencyRequest body, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(http.User.ToActor(), body.ToData(), ct);
            return TypedResults.Created($"/api/v1/agencies/{created.Id}", created);
        }).RequireAuthorization().RequirePermission(DirectoryPermissions.ManageAgencies);
        agencies.MapPut("/{id:guid}", (HttpContext http, ServiceAgencyService s, Guid id, ServiceAgencyRequest body, CancellationToken ct) => s.UpdateAsync(http.User.ToActor(), id, body.ToData(), ct)).RequireAuthorization().RequirePermission(DirectoryPermissions.ManageAgencies);
        agencies.MapPost("/{id:guid}/admit", (HttpContext http, ServiceAgencyService s, Guid id, CancellationToken ct) => s.AdmitAsync(http.User.ToActor(), id, ct)).RequireAuthorization().RequirePermission(DirectoryPermissions.ManageAgencies);
        agencies.MapPost("/{id:guid}/suspend", (HttpContext http, ServiceAgencyService s, Guid id, CancellationToken ct) => s.SuspendAsync(http.User.ToActor(), id, ct)).RequireAuthorization().RequirePermission(DirectoryPermissions.ManageAgencies);
        return api;
    }

    /// <summary>Every item of a paged list, page after page (the export sees exactly what the list shows).</summary>
    private static async Task<List<T>> AllPagesAsync<T>(Func<int, Task<PagedResult<T>>> page)
    {
        var rows = new List<T>();
        for (var p = 1; ; p++)
        {
            var result = await page(p);
            rows.AddRange(result.Items);
            if (p >= result.PageCount)
            {
                return rows;
            }
        }
    }

    public const string ExcelContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

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
        workers.MapGet("/", ListWorkers).WithSummary("查询科技工作者（按地区子树、学科、关键词筛选，分页）");
        workers.MapGet("/export.xlsx", ExportWorkers).WithSummary("导出科技工作者为 Excel（与查询条件相同；代码旁另列名称，学历等另列代码）");
        workers.MapGet("/{id:guid}", GetWorker);
        workers.MapPost("/", CreateWorker).RequireAuthorization().WithSummary("登记科技工作者").RequirePermission(DirectoryPermissions.EditWorkers);
        workers.MapPut("/{id:guid}", UpdateWorker).RequireAuthorization().RequirePermission(DirectoryPermissions.EditWorkers);
        workers.MapDelete("/{id:guid}", DeleteWorker).RequireAuthorization().RequirePermission(DirectoryPermissions.DeleteWorkers);

        var orgs = api.MapGroup("/organizations").WithTags("企事业单位");
        orgs.MapGet("/", ListOrganizations);
        orgs.MapGet("/export.xlsx", ExportOrganizations);
        orgs.MapGet("/{id:guid}", GetOrganization);
        orgs.MapPost("/", CreateOrganization).RequireAuthorization().RequirePermission(DirectoryPermissions.EditOrganizations);
        orgs.MapPut("/{id:guid}", UpdateOrganization).RequireAuthorization().RequirePermission(DirectoryPermissions.EditOrganizations);
        orgs.MapPost("/{id:guid}/verify", VerifyOrganization).RequireAuthorization().WithSummary("审核通过单位").RequirePermission(DirectoryPermissions.ReviewOrganizations);
        orgs.MapDelete("/{id:guid}", DeleteOrganization).RequireAuthorization().RequirePermission(DirectoryPermissions.ReviewOrganizations);

        var associations = api.MapGroup("/associations").WithTags("科协与学会");
        associations.MapGet("/", ListAssociations);
        associations.MapGet("/{id:guid}", GetAssociation);
        associations.MapGet("/{id:guid}/members", ListMembers).RequireAuthorization();
        associations.MapPost("/", CreateAssociation).RequireAuthorization().RequirePermission(DirectoryPermissions.ManageAssociations);
        associations.MapPut("/{id:guid}", UpdateAssociation).RequireAuthorization().RequirePermission(DirectoryPermissions.ManageAssociations);
        associations.MapPost("/{id:guid}/members", AddMember).RequireAuthorization().RequirePermission(DirectoryPermissions.ManageAssociations);
        associations.MapDelete("/{id:guid}/members/{memberId:guid}", RemoveMember).RequireAuthorization().RequirePermission(DirectoryPermissions.ManageAssociations);

        var agencies = api.MapGroup("/agencies").WithTags("第三方服务机构");
        agencies.MapGet("/", ListAgencies);
        agencies.MapGet("/{id:guid}", GetAgency);
        agencies.MapPost("/", CreateAgency).RequireAuthorization().RequirePermission(DirectoryPermissions.ManageAgencies);
        agencies.MapPut("/{id:guid}", UpdateAgency).RequireAuthorization().RequirePermission(DirectoryPermissions.ManageAgencies);
        agencies.MapPost("/{id:guid}/admit", AdmitAgency).RequireAuthorization().RequirePermission(DirectoryPermissions.ManageAgencies);
        agencies.MapPost("/{id:guid}/suspend", SuspendAgency).RequireAuthorization().RequirePermission(DirectoryPermissions.ManageAgencies);
        return api;
    }

    // Science workers

    public static async Task<Ok<PagedResult<ScienceWorkerDto>>> ListWorkers(HttpContext http, ScienceWorkerService s, [AsParameters] ScienceWorkerFilter f, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), f, ct));

    public static async Task<FileContentHttpResult> ExportWorkers(HttpContext http, ScienceWorkerService s, Kexie.Data.KexieDbContext db, Kexie.Data.DictionaryCache dictionaries, [AsParameters] ScienceWorkerFilter f, CancellationToken ct)
    {
        var rows = await AllPagesAsync(after => s.ListAsync(http.User.ToActor(), f with { Page = 1, PageSize = 200, After = after }, ct));
        var bytes = await DirectoryExport.WorkersAsync(db, await dictionaries.GetAsync(db, ct), rows.Select(w => new WorkerExportRow(
            w.Name, w.Gender, w.BirthYear, w.Employer, w.Title, w.DisciplineCodes, w.Education, w.PoliticalStatus, w.Phone, w.RegionCode, w.IsPublicProfile)).ToList(), ct);
        return TypedResults.File(bytes, ExcelContentType, "科技工作者.xlsx");
    }

    public static async Task<Ok<ScienceWorkerDto>> GetWorker(HttpContext http, ScienceWorkerService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<ScienceWorkerDto>> CreateWorker(HttpContext http, ScienceWorkerService s, ScienceWorkerRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body.ToData(), ct);
        return TypedResults.Created($"/api/v1/workers/{created.Id}", created);
    }

    public static async Task<Ok<ScienceWorkerDto>> UpdateWorker(HttpContext http, ScienceWorkerService s, Guid id, ScienceWorkerRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body.ToData(), ct));

    public static async Task<NoContent> DeleteWorker(HttpContext http, ScienceWorkerService s, Guid id, CancellationToken ct)
    {
        await s.DeleteAsync(http.User.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    // Organizations

    public static async Task<Ok<PagedResult<OrganizationDto>>> ListOrganizations(HttpContext http, OrganizationService s, [AsParameters] OrganizationFilter f, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), f, ct));

    public static async Task<FileContentHttpResult> ExportOrganizations(HttpContext http, OrganizationService s, Kexie.Data.KexieDbContext db, [AsParameters] OrganizationFilter f, CancellationToken ct)
    {
        var rows = await AllPagesAsync(after => s.ListAsync(http.User.ToActor(), f with { Page = 1, PageSize = 200, After = after }, ct));
        var bytes = await DirectoryExport.OrganizationsAsync(db, rows.Select(o => new OrganizationExportRow(
            o.Name, o.Kind, o.CreditCode, o.IndustryCode, o.RegionCode, o.Address, o.ContactName, o.ContactPhone, o.IsVerified)).ToList(), ct);
        return TypedResults.File(bytes, ExcelContentType, "企事业单位.xlsx");
    }

    public static async Task<Ok<OrganizationDto>> GetOrganization(HttpContext http, OrganizationService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<OrganizationDto>> CreateOrganization(HttpContext http, OrganizationService s, OrganizationRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body.ToData(), ct);
        return TypedResults.Created($"/api/v1/organizations/{created.Id}", created);
    }

    public static async Task<Ok<OrganizationDto>> UpdateOrganization(HttpContext http, OrganizationService s, Guid id, OrganizationRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body.ToData(), ct));

    public static async Task<Ok<OrganizationDto>> VerifyOrganization(HttpContext http, OrganizationService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.VerifyAsync(http.User.ToActor(), id, true, ct));

    public static async Task<NoContent> DeleteOrganization(HttpContext http, OrganizationService s, Guid id, CancellationToken ct)
    {
        await s.DeleteAsync(http.User.ToActor(), id, ct);
        return TypedResults.NoContent();
    }

    // Associations

    public static async Task<Ok<PagedResult<AssociationDto>>> ListAssociations(AssociationService s, string? q, string? region, AssociationKind? kind, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(q, region, kind, page, pageSize, ct));

    public static async Task<Ok<AssociationDto>> GetAssociation(AssociationService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(id, ct));

    public static async Task<Ok<IReadOnlyList<AssociationMemberDto>>> ListMembers(HttpContext http, AssociationService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.MembersAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<AssociationDto>> CreateAssociation(HttpContext http, AssociationService s, AssociationRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body.ToData(), ct);
        return TypedResults.Created($"/api/v1/associations/{created.Id}", created);
    }

    public static async Task<Ok<AssociationDto>> UpdateAssociation(HttpContext http, AssociationService s, Guid id, AssociationRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body.ToData(), ct));

    public static async Task<Ok<AssociationMemberDto>> AddMember(HttpContext http, AssociationService s, Guid id, AddMemberRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.AddMemberAsync(http.User.ToActor(), id, body, ct));

    public static async Task<NoContent> RemoveMember(HttpContext http, AssociationService s, Guid id, Guid memberId, CancellationToken ct)
    {
        await s.RemoveMemberAsync(http.User.ToActor(), id, memberId, ct);
        return TypedResults.NoContent();
    }

    // Service agencies

    public static async Task<Ok<PagedResult<ServiceAgencyDto>>> ListAgencies(HttpContext http, ServiceAgencyService s, string? q, string? region, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await s.ListAsync(http.User.ToActor(), q, region, page, pageSize, ct));

    public static async Task<Ok<ServiceAgencyDto>> GetAgency(HttpContext http, ServiceAgencyService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.GetAsync(http.User.ToActor(), id, ct));

    public static async Task<Created<ServiceAgencyDto>> CreateAgency(HttpContext http, ServiceAgencyService s, ServiceAgencyRequest body, CancellationToken ct)
    {
        var created = await s.CreateAsync(http.User.ToActor(), body.ToData(), ct);
        return TypedResults.Created($"/api/v1/agencies/{created.Id}", created);
    }

    public static async Task<Ok<ServiceAgencyDto>> UpdateAgency(HttpContext http, ServiceAgencyService s, Guid id, ServiceAgencyRequest body, CancellationToken ct) =>
        TypedResults.Ok(await s.UpdateAsync(http.User.ToActor(), id, body.ToData(), ct));

    public static async Task<Ok<ServiceAgencyDto>> AdmitAgency(HttpContext http, ServiceAgencyService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.AdmitAsync(http.User.ToActor(), id, ct));

    public static async Task<Ok<ServiceAgencyDto>> SuspendAgency(HttpContext http, ServiceAgencyService s, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await s.SuspendAsync(http.User.ToActor(), id, ct));

    /// <summary>Every item of a paged list, page after page (the export sees exactly what the list shows).</summary>
    /// <summary>Every page of a list from the first, each read after the previous page's last row (its cursor).</summary>
    private static async Task<List<T>> AllPagesAsync<T>(Func<string?, Task<PagedResult<T>>> page)
    {
        var rows = new List<T>();
        string? after = null;
        while (true)
        {
            var result = await page(after);
            rows.AddRange(result.Items);
            if (result.NextCursor is not { } next)
            {
                return rows;
            }

            after = next;
        }
    }

    public const string ExcelContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

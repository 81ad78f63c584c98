using Kexie.Data.Exchange;
using Kexie.Web.Features.Directory;
using Kexie.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kexie.Web.Features.Imports;

/// <summary>Excel/CSV import of science workers, organizations and 专家库 entries: dry run, then commit.</summary>
public static class ImportEndpoints
{
    public const long MaxUploadBytes = 20 * 1024 * 1024;

    public static RouteGroupBuilder MapImports(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("批量导入").RequireAuthorization();
        imports.MapPost("/{kind}", Import).DisableAntiforgery().Produces<Kexie.Data.Exchange.ImportReport>().WithSummary("导入科技工作者（workers）、单位（organizations）或专家库（experts）；dryRun=true 只校验不写入").RequirePermission(ImportPermissions.Run);
        imports.MapGet("/{kind}/template.xlsx", Template).WithSummary("下载导入模板：第1行表头，第2行示例（导入时忽略），下拉列表，以及本地区行政区划、学历、政治面貌、职称等代码表");
        return api;
    }

    /// <summary>Checks (dry run, the default) or imports an uploaded .xlsx/.csv; a missing or oversized file is a problem naming the field.</summary>
    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> Import(HttpContext http, DirectoryImporter importer, string kind, bool? dryRun, IFormFile? file, CancellationToken ct)
    {
        var importKind = ParseKind(kind);
        if (file is null || file.Length == 0)
        {
            return TypedResults.Problem(KexieExceptionHandler.Validation("file", "请选择要导入的文件（.xlsx 或 .csv）"));
        }

        if (file.Length > MaxUploadBytes)
        {
            return TypedResults.Problem(KexieExceptionHandler.Validation("file", $"文件过大（最大{MaxUploadBytes / 1024 / 1024}MB）"));
        }

        await using var stream = new MemoryStream();
        await file.CopyToAsync(stream, ct);
        stream.Position = 0;
        var report = await importer.ImportAsync(importKind, stream, file.FileName, http.User.ToActor(), dryRun ?? true, null, ct);
        return TypedResults.Ok(report);
    }

    public static async Task<FileContentHttpResult> Template(HttpContext http, Kexie.Data.KexieDbContext db, Kexie.Data.DictionaryCache dictionaries, string kind, CancellationToken ct)
    {
        var importKind = ParseKind(kind);
        var actor = http.User.ToActor();
        var scope = actor.ManagedScope ?? (actor.RegionCode is { Length: >= 2 } own && own.All(char.IsAsciiDigit) ? own : string.Empty);
        var bytes = await ExcelTemplate.BuildAsync(db, await dictionaries.GetAsync(db, ct), importKind, scope, ct);
        return TypedResults.File(bytes, DirectoryEndpoints.ExcelContentType, $"{importKind.ChineseName()}导入模板.xlsx");
    }

    public static ImportKind ParseKind(string kind) => ImportKinds.Parse(kind)
        ?? throw new Kexie.Domain.Common.DomainValidationException("kind", $"不支持的导入类型“{kind}”（可选 {string.Join("、", ImportKinds.All.Select(k => k.Slug()))}）");
}

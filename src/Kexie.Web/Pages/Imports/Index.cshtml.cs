using System.Security.Cryptography;
using System.Text.Json;
using Kexie.Data.Exchange;
using Kexie.Web.Features.Imports;
using Microsoft.AspNetCore.Mvc;

namespace Kexie.Web.Pages.Imports;

/// <summary>
/// Two-step import: upload → dry run (per-row errors) → commit the valid rows. The uploaded file is
/// kept server-side in a temp folder under a random token between the two steps, bound to the
/// uploading user, so it is chosen only once.
/// </summary>
public sealed class IndexModel(DirectoryImporter importer, ILogger<IndexModel> logger) : KexiePageModel
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = "workers";

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Token { get; set; }

    public ImportKind ImportKind => ParseKind(Kind);

    public IReadOnlyList<ImportColumn> Columns => DirectoryImporter.ColumnsOf(ImportKind);

    public ImportReport? Report { get; private set; }

    public string? FileName { get; private set; }

    public static string KindName(ImportKind kind) => kind.ChineseName();

    public static string TemplateUrl(ImportKind kind) => $"/api/v1/imports/{kind.Slug()}/template.xlsx";

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Imports.ImportPermissions), nameof(Kexie.Web.Features.Imports.ImportPermissions.Run))]
    public IActionResult OnGet()
    {
        Kind = ImportKind.Slug();
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Imports.ImportPermissions), nameof(Kexie.Web.Features.Imports.ImportPermissions.Run))]
    public async Task<IActionResult> OnPostDryRunAsync(CancellationToken ct)
    {
        Kind = ImportKind.Slug();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "请选择要导入的文件（.xlsx 或 .csv）");
            return Page();
        }

        if (Upload.Length > ImportEndpoints.MaxUploadBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"文件过大（最大{ImportEndpoints.MaxUploadBytes / 1024 / 1024}MB）");
            return Page();
        }

        var extension = Path.GetExtension(Upload.FileName).ToLowerInvariant();
        if (extension is not (".xlsx" or ".csv"))
        {
            ModelState.AddModelError(nameof(Upload), $"不支持的文件类型“{extension}”，请上传 .xlsx 或 .csv 文件");
            return Page();
        }

        CleanUpOldFiles();
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var path = DataPath(token);
        await using (var target = System.IO.File.Create(path))
        {
            await Upload.CopyToAsync(target, ct);
        }

        var meta = new Pending(Actor.UserId ?? string.Empty, ImportKind, Path.GetFileName(Upload.FileName), DateTimeOffset.UtcNow);
        await System.IO.File.WriteAllTextAsync(MetaPath(token), JsonSerializer.Serialize(meta), ct);
        FileName = meta.FileName;
        if (!await RunAsync(path, meta, dryRun: true, ct))
        {
            Discard(token);
            return Page();
        }

        Token = Report!.ValidRows > 0 ? token : null;
        if (Token is null)
        {
            Discard(token);
        }

        ModelState.Remove(nameof(Token));
        return Page();
    }

    [Kexie.Web.Infrastructure.RequiresPermission(typeof(Kexie.Web.Features.Imports.ImportPermissions), nameof(Kexie.Web.Features.Imports.ImportPermissions.Run))]
    public async Task<IActionResult> OnPostCommitAsync(CancellationToken ct)
    {
        var token = Token ?? string.Empty;
        if (token.Length != 32 || !token.All(Uri.IsHexDigit) || !System.IO.File.Exists(MetaPath(token)) || !System.IO.File.Exists(DataPath(token)))
        {
            ModelState.AddModelError(nameof(Upload), "上传的文件已过期或不存在，请重新选择文件并校验");
            return Page();
        }

        var meta = JsonSerializer.Deserialize<Pending>(await System.IO.File.ReadAllTextAsync(MetaPath(token), ct))!;
        if (meta.UserId != (Actor.UserId ?? string.Empty))
        {
            return ForbiddenPage("该导入任务不属于当前账号");
        }

        Kind = meta.Kind.Slug();
        FileName = meta.FileName;
        var ok = await RunAsync(DataPath(token), meta, dryRun: false, ct);
        Discard(token);
        Token = null;
        ModelState.Remove(nameof(Token));
        if (ok)
        {
            ViewData["Notice"] = $"导入完成：新增 {Report!.Created} 条，更新 {Report.Updated} 条，未变化 {Report.Unchanged} 条" + (Report.Errors.Count > 0 ? $"，{Report.Errors.Count} 处错误的行未导入" : "");
        }

        return Page();
    }

    private async Task<bool> RunAsync(string path, Pending meta, bool dryRun, CancellationToken ct)
    {
        try
        {
            await using var stream = System.IO.File.OpenRead(path);
            Report = await importer.ImportAsync(meta.Kind, stream, meta.FileName, Actor, dryRun, null, ct);
            return true;
        }
        catch (ImportFileException e)
        {
            ModelState.AddModelError(nameof(Upload), e.Message);
            return false;
        }
    }

    private static ImportKind ParseKind(string? kind) => ImportKinds.Parse(kind) ?? ImportKind.ScienceWorkers;

    private static string Folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kexie-imports");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string DataPath(string token) => Path.Combine(Folder(), token + ".upload");

    private static string MetaPath(string token) => Path.Combine(Folder(), token + ".json");

    private static void Discard(string token)
    {
        System.IO.File.Delete(DataPath(token));
        System.IO.File.Delete(MetaPath(token));
    }

    private void CleanUpOldFiles()
    {
        try
        {
            foreach (var file in new DirectoryInfo(Folder()).EnumerateFiles())
            {
                if (file.LastWriteTimeUtc < DateTime.UtcNow - Lifetime)
                {
                    file.Delete();
                }
            }
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "清理过期的导入临时文件失败");
        }
    }

    private sealed record Pending(string UserId, ImportKind Kind, string FileName, DateTimeOffset UploadedAt);
}

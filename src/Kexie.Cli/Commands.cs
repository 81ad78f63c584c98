using Kexie.Data;
using Kexie.Data.Exchange;
using Kexie.Data.Seeding;
using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Spectre.Console;

namespace Kexie.Cli;

internal static class Commands
{
    public static async Task<int> SeedAsync(string? provider, string? connection, bool demo, CancellationToken ct)
    {
        await using var services = CliHost.Build(provider, connection, Actor.System);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAndLoadReferenceDataAsync(CliHost.SharedDataPath(services), ct);
        if (demo)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(ct);
        }

        var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
        AnsiConsole.MarkupLine($"[green]完成[/]：行政区划 {await db.Regions.CountAsync(ct)} 条，学科 {await db.Disciplines.CountAsync(ct)} 条，行业 {await db.Industries.CountAsync(ct)} 条，科技工作者 {await db.ScienceWorkers.CountAsync(ct)} 名");
        return 0;
    }

    public static async Task<int> GenerateProvinceAsync(string? provider, string? connection, double scale, int seed, string province, CancellationToken ct)
    {
        if (scale is <= 0 or > 10)
        {
            AnsiConsole.MarkupLine("[red]--scale 应在 0 到 10 之间[/]");
            return 2;
        }

        await using var services = CliHost.Build(provider, connection, Actor.System);
        await using var scope = services.CreateAsyncScope();
        var dataPath = CliHost.SharedDataPath(services);
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAndLoadReferenceDataAsync(dataPath, ct);
        var generator = scope.ServiceProvider.GetRequiredService<ProvinceGenerator>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var report = await generator.GenerateAsync(dataPath, new ProvinceSize(scale), province, seed, new SyncProgress<string>(line => AnsiConsole.WriteLine(line)), ct);
        var table = new Table().AddColumn("记录").AddColumn(new TableColumn("条数").RightAligned());
        foreach (var (name, count) in report.Rows)
        {
            table.AddRow(name, count.ToString("N0"));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[green]完成[/]：用时 {started.Elapsed.TotalSeconds:0} 秒");
        return 0;
    }

    public static async Task<int> ImportAsync(string? provider, string? connection, string kind, FileInfo file, bool dryRun, string? region, CancellationToken ct)
    {
        var importKind = ParseKind(kind);
        if (importKind is null || !file.Exists)
        {
            AnsiConsole.MarkupLine(importKind is null ? "[red]类型应为 workers、organizations 或 experts[/]" : $"[red]文件不存在：{Markup.Escape(file.FullName)}[/]");
            return 2;
        }

        var actor = region is null ? Actor.System : new Actor("cli", $"cli@{region}", UserRole.AssociationAdmin, region);
        await using var services = CliHost.Build(provider, connection, actor);
        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<DirectoryImporter>();
        ImportReport? report = null;
        try
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var tasks = new Dictionary<string, ProgressTask>();
                    var reporter = new SyncProgress<ImportProgress>(p =>
                    {
                        if (!tasks.TryGetValue(p.Stage, out var task))
                        {
                            task = tasks[p.Stage] = progress.AddTask(p.Stage, maxValue: Math.Max(1, p.Total));
                        }

                        task.Value = p.Done;
                    });
                    var reading = progress.AddTask("读取文件", maxValue: 1);
                    await using var stream = file.OpenRead();
                    var run = importer.ImportAsync(importKind.Value, stream, file.Name, actor, dryRun, reporter, ct);
                    reading.Value = 1;
                    report = await run;
                    foreach (var task in tasks.Values)
                    {
                        task.Value = task.MaxValue;
                    }
                });
        }
        catch (ImportFileException ex)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return 2;
        }

        var r = report!;
        AnsiConsole.MarkupLine($"{(dryRun ? "[yellow]试导入（未写入）[/]" : "[green]已导入[/]")}：共 {r.TotalRows} 行，新增 {r.Created}，更新 {r.Updated}，未变 {r.Unchanged}，错误 {r.Errors.Count}");
        if (r.Errors.Count > 0)
        {
            var table = new Table().AddColumns("行", "列", "原因");
            foreach (var error in r.Errors.Take(50))
            {
                table.AddRow(error.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(error.Column), Markup.Escape(error.Message));
            }

            AnsiConsole.Write(table);
            if (r.Errors.Count > 50)
            {
                AnsiConsole.MarkupLine($"……另有 {r.Errors.Count - 50} 条错误");
            }
        }

        return r.Errors.Count == 0 ? 0 : 1;
    }

    public static async Task<int> ExportAsync(string? provider, string? connection, string kind, FileInfo file, string? region, CancellationToken ct)
    {
        var importKind = ParseKind(kind);
        if (importKind is not (ImportKind.ScienceWorkers or ImportKind.Organizations))
        {
            AnsiConsole.MarkupLine("[red]类型应为 workers 或 organizations[/]");
            return 2;
        }

        await using var services = CliHost.Build(provider, connection, Actor.System);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
        var prefix = region ?? string.Empty;
        byte[] bytes;
        int count;
        if (importKind == ImportKind.ScienceWorkers)
        {
            var list = await db.ScienceWorkers.AsNoTracking().Where(w => RegionScope.Within(w.RegionCode, prefix)).OrderBy(w => w.RegionCode).ThenBy(w => w.Name).ToListAsync(ct);
            count = list.Count;
            bytes = await DirectoryExport.WorkersAsync(db, await scope.ServiceProvider.GetRequiredService<DictionaryCache>().GetAsync(db, ct), list.Select(w => new WorkerExportRow(
                w.Name, w.Gender, w.BirthYear, w.Employer, w.Title, w.DisciplineCodes, w.Education, w.PoliticalStatus, w.Phone, w.RegionCode, w.IsPublicProfile)).ToList(), ct);
        }
        else
        {
            var list = await db.Organizations.AsNoTracking().Where(o => RegionScope.Within(o.RegionCode, prefix)).OrderBy(o => o.RegionCode).ThenBy(o => o.Name).ToListAsync(ct);
            count = list.Count;
            bytes = await DirectoryExport.OrganizationsAsync(db, list.Select(o => new OrganizationExportRow(
                o.Name, o.Kind, o.CreditCode, o.IndustryCode, o.RegionCode, o.Address, o.ContactName, o.ContactPhone, o.IsVerified)).ToList(), ct);
        }

        await File.WriteAllBytesAsync(file.FullName, bytes, ct);
        AnsiConsole.MarkupLine($"[green]已导出[/] {count} 行到 {Markup.Escape(file.FullName)}");
        return 0;
    }

    public static int MakeSample(FileInfo file, int rows, string region)
    {
        var random = new Random(rows);
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
        string[] given = ["建", "国", "华", "明", "丽", "芳", "军", "勇", "静", "敏", "强", "磊"];
        var data = Enumerable.Range(0, rows).Select(i => new Dictionary<string, object?>
        {
            ["姓名"] = surnames[random.Next(surnames.Length)] + given[random.Next(given.Length)] + given[random.Next(given.Length)],
            ["性别"] = random.Next(2) == 0 ? "男" : "女",
            ["出生年份"] = random.Next(1960, 2000),
            ["工作单位"] = "样例单位" + (i % 200),
            ["职称"] = "工程师",
            ["学科代码"] = "21030",
            ["学历"] = "大学本科",
            ["政治面貌"] = "群众",
            ["手机号"] = $"17{i:000000000}",
            ["行政区划代码"] = region,
            ["公开资料"] = "否",
        });
        using (var stream = file.Create())
        {
            stream.SaveAs(data, sheetName: "科技工作者");
        }

        AnsiConsole.MarkupLine($"[green]已生成[/] {rows} 行：{Markup.Escape(file.FullName)}");
        return 0;
    }

    private static ImportKind? ParseKind(string kind) => ImportKinds.Parse(kind);

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool and would reorder updates).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

using System.Globalization;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Kexie.Data.Exchange;

/// <summary>
/// Imports science workers, organizations and 专家库 entries from .xlsx or .csv files. A dry run validates every
/// row and reports each problem (row, column, reason in Chinese); a commit writes the valid rows
/// in one transaction, so a failure leaves the database as it was. Rows are matched to existing
/// records by natural key (phone for workers and experts, 统一社会信用代码 for organizations): re-importing
/// the same file creates no duplicates.
/// </summary>
public sealed class DirectoryImporter(KexieDbContext db, DictionaryCache dictionaries)
{
    private const int MaxRows = 200_000;

    public static IReadOnlyList<ImportColumn> ColumnsOf(ImportKind kind) => kind switch
    {
        ImportKind.ScienceWorkers => WorkerSpec.Columns,
        ImportKind.Organizations => OrganizationSpec.Columns,
        ImportKind.Experts => ExpertSpec.Columns,
        ImportKind.Volunteers => VolunteerSpec.Columns,
        ImportKind.MemberUnits => MemberUnitSpec.Columns,
        ImportKind.ScienceBoards => ScienceBoardSpec.Columns,
        ImportKind.Venues => VenueSpec.Columns,
        ImportKind.VenueVisits => VenueVisitSpec.Columns,
        ImportKind.LiteracySurveys => LiteracySurveySpec.Columns,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public Task<ImportReport> ImportAsync(ImportKind kind, Stream file, string fileName, Actor actor, bool dryRun, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var rows = ReadRows(file, fileName, ColumnsOf(kind));
        return kind switch
        {
            ImportKind.ScienceWorkers => RunAsync(new WorkerSpec(), kind, rows, actor, dryRun, progress, ct),
            ImportKind.Organizations => RunAsync(new OrganizationSpec(), kind, rows, actor, dryRun, progress, ct),
            ImportKind.Experts => RunAsync(new ExpertSpec(), kind, rows, actor, dryRun, progress, ct),
            ImportKind.Volunteers => RunAsync(new VolunteerSpec(), kind, rows, actor, dryRun, progress, ct),
            ImportKind.MemberUnits => RunAsync(new MemberUnitSpec(), kind, rows, actor, dryRun, progress, ct),
            ImportKind.ScienceBoards => RunAsync(new ScienceBoardSpec(), kind, rows, actor, dryRun, progress, ct),
            ImportKind.Venues => RunAsync(new VenueSpec(), kind, rows, actor, dryRun, progress, ct),
            ImportKind.VenueVisits => RunAsync(new VenueVisitSpec(), kind, rows, actor, dryRun, progress, ct),
            ImportKind.LiteracySurveys => RunAsync(new LiteracySurveySpec(), kind, rows, actor, dryRun, progress, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>Reads the sheet into rows keyed by field name; unknown headers are an error.</summary>
    public static List<Dictionary<string, string?>> ReadRows(Stream file, string fileName, IReadOnlyList<ImportColumn> columns)
    {
        var type = Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".xlsx" => ExcelType.XLSX,
            ".csv" => ExcelType.CSV,
            var other => throw new ImportFileException($"不支持的文件类型“{other}”，请上传 .xlsx 或 .csv 文件"),
        };

        List<IDictionary<string, object?>> raw;
        try
        {
            raw = file.Query(useHeaderRow: true, excelType: type)
                .Cast<IDictionary<string, object?>>()
                .Take(MaxRows + 1)
                .ToList();
        }
        catch (Exception ex) when (ex is not ImportFileException)
        {
            throw new ImportFileException("文件无法读取：不是有效的 Excel (.xlsx) 或 CSV 文件", ex);
        }

        if (raw.Count > MaxRows)
        {
            throw new ImportFileException($"文件行数超过上限（最多{MaxRows}行），请拆分后导入");
        }

        if (raw.Count == 0)
        {
            throw new ImportFileException("文件中没有数据行（第1行应为表头）");
        }

        var byHeader = new Dictionary<string, ImportColumn>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            byHeader[column.Header] = column;
            byHeader[column.Field] = column;
        }

        var headers = raw[0].Keys.Where(h => !string.IsNullOrWhiteSpace(h)).ToList();
        // The columns an export adds beside the template's (names of codes, codes of names) are read-only: skipped.
        headers = headers.Where(h => !DirectoryExport.AddedColumns.Contains(h.Trim())).ToList();
        var unknown = headers.Where(h => !byHeader.ContainsKey(h.Trim())).ToList();
        if (unknown.Count > 0)
        {
            throw new ImportFileException($"无法识别的列：{string.Join("、", unknown)}。可用的列：{string.Join("、", columns.Select(c => c.Header))}");
        }

        var missing = columns.Where(c => c.Required && !headers.Any(h => byHeader[h.Trim()] == c)).Select(c => c.Header).ToList();
        if (missing.Count > 0)
        {
            throw new ImportFileException($"缺少必填列：{string.Join("、", missing)}");
        }

        var rows = new List<Dictionary<string, string?>>(raw.Count);
        foreach (var source in raw)
        {
            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (header, value) in source)
            {
                if (!string.IsNullOrWhiteSpace(header) && !DirectoryExport.AddedColumns.Contains(header.Trim()))
                {
                    row[byHeader[header.Trim()].Field] = CellText(value);
                }
            }

            rows.Add(row);
        }

        return rows;
    }

    private static string? CellText(object? value) => value switch
    {
        null => null,
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => value.ToString()?.Trim(),
    };

    private async Task<ImportReport> RunAsync<TEntity, TData>(ImportSpec<TEntity, TData> spec, ImportKind kind, List<Dictionary<string, string?>> rows, Actor actor, bool dryRun, IProgress<ImportProgress>? progress, CancellationToken ct)
        where TEntity : Entity, IRegional
    {
        // Who may import is the permission's (imports.run, admins by default, granted in the settings); the rows must lie in
        // the region the importer manages.
        if (actor.ManagedScope is null)
        {
            throw new AccessDeniedException("只有管理本地区的人员可以批量导入");
        }

        var errors = new List<ImportError>();
        var labels = spec.ColumnsList.ToDictionary(c => c.Field, c => c.Header);
        string Label(string field) => labels.GetValueOrDefault(field, field);
        rows = WithoutUnstorableRows(rows, errors, Label);

        var codes = await ReferenceCodes.LoadAsync(db, ct);
        spec.Dictionaries = await dictionaries.GetAsync(db, ct);
        await spec.PrepareAsync(db, actor, rows, ct);
        var valid = new List<(int Row, string Key, TData Data)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);

        for (var i = 0; i < rows.Count; i++)
        {
            var rowNumber = i + 2;
            var row = rows[i];
            if (row.Values.All(string.IsNullOrWhiteSpace) || ExcelTemplate.IsExample(row, spec.ColumnsList))
            {
                // Blank, or the template's example row (its first cell starts with 示例).
                continue;
            }

            var (rowErrors, parsed) = ValidateRow(spec, row, codes, actor, labels.ContainsKey("regionCode") ? "regionCode" : spec.KeyField);
            if (parsed is { } ok && rowErrors.Count == 0)
            {
                if (seen.TryGetValue(ok.Key, out var first))
                {
                    rowErrors.Add((spec.KeyField, $"与第{first}行重复（{Label(spec.KeyField)}：{ok.Key}）"));
                }
                else
                {
                    seen[ok.Key] = rowNumber;
                    valid.Add((rowNumber, ok.Key, ok.Data));
                }
            }

            errors.AddRange(rowErrors.Select(e => new ImportError(rowNumber, Label(e.Field), e.Field, e.Message)));

            if (i % 1000 == 999 || i == rows.Count - 1)
            {
                progress?.Report(new ImportProgress("校验", i + 1, rows.Count));
            }
        }

        var existing = new Dictionary<string, TEntity>(StringComparer.Ordinal);
        foreach (var chunk in valid.Select(v => v.Key).Chunk(500))
        {
            foreach (var entity in await spec.LoadExisting(db, chunk).ToListAsync(ct))
            {
                existing[spec.KeyOf(entity)] = entity;
            }
        }

        int created = 0, updated = 0, unchanged = 0, rejected = 0;
        var accepted = new List<(TEntity? Existing, TData Data)>();
        foreach (var (row, key, data) in valid)
        {
            if (existing.TryGetValue(key, out var current))
            {
                if (!actor.Manages(current.RegionCode))
                {
                    // Never name the other record's region or holder: the caller cannot read it.
                    errors.Add(new ImportError(row, Label(spec.KeyField), spec.KeyField, $"该{Label(spec.KeyField)}已被本地区以外的记录使用，不能导入或修改；如需迁移请联系上级科协"));
                    rejected++;
                    continue;
                }

                if (spec.Same(current, data, codes))
                {
                    unchanged++;
                    continue;
                }

                updated++;
            }
            else
            {
                created++;
            }

            accepted.Add((current, data));
        }

        // By row, and within a row in the template's column order.
        var order = spec.ColumnsList.Select((c, i) => (c.Field, i)).ToDictionary(x => x.Field, x => x.i);
        errors = [.. errors.OrderBy(e => e.Row).ThenBy(e => order.GetValueOrDefault(e.Field, int.MaxValue))];
        var examples = rows.Count(r => ExcelTemplate.IsExample(r, spec.ColumnsList));
        var report = new ImportReport(kind, dryRun, rows.Count - examples, valid.Count - rejected, created, updated, unchanged, errors);
        if (dryRun || accepted.Count == 0)
        {
            db.ChangeTracker.Clear();
            return report;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var done = 0;
        foreach (var chunk in accepted.Chunk(1000))
        {
            var written = new List<TEntity>(chunk.Length);
            foreach (var (current, data) in chunk)
            {
                if (current is null)
                {
                    var entity = spec.Create(data, codes);
                    db.Add(entity);
                    written.Add(entity);
                }
                else
                {
                    spec.Update(current, data, codes);
                    written.Add(current);
                }
            }

            await db.SaveChangesAsync(ct);
            foreach (var entity in written)
            {
                db.Entry(entity).State = EntityState.Detached;
            }

            done += chunk.Length;
            progress?.Report(new ImportProgress("写入", done, accepted.Count));
        }

        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return report;
    }
    /// <summary>
    /// Text a database cannot keep alike (U+0000, a lone surrogate; <see cref="Guard.IsUnstorable"/>) is found before
    /// anything else reads the rows (the preparation looks keys up in the database, where PostgreSQL would refuse it):
    /// each such cell is an error naming its row and column, and its row is left out (blank) so it is neither checked
    /// further nor written. The other rows keep their numbers.
    /// </summary>
    private static List<Dictionary<string, string?>> WithoutUnstorableRows(List<Dictionary<string, string?>> rows, List<ImportError> errors, Func<string, string> label)
    {
        List<Dictionary<string, string?>>? kept = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var bad = rows[i].Where(cell => cell.Value is { } text && Guard.IsUnstorable(text)).Select(cell => cell.Key).ToList();
            if (bad.Count == 0)
            {
                continue;
            }

            var rowNumber = i + 2;
            errors.AddRange(bad.Select(field => new ImportError(rowNumber, label(field), field, $"第{rowNumber}行“{label(field)}”列含有无法保存的字符（空字符或残缺的字符），请删除后重新导入")));
            kept ??= [.. rows];
            kept[i] = new Dictionary<string, string?>(StringComparer.Ordinal);
        }

        return kept ?? rows;
    }

    /// <summary>
    /// Every problem of one row, not only the first: the domain stops at the first bad field, so each bad field is
    /// recorded and replaced by a placeholder the spec knows to be valid (optional fields: empty), and the row is
    /// validated again until it passes or a field fails a second time. The checks that need the real row (the region
    /// exists and is the caller's) run only on real values. Returns the parsed row only when there was no problem.
    /// </summary>
    private static (List<(string Field, string Message)> Errors, (string Key, TData Data)? Parsed) ValidateRow<TEntity, TData>(
        ImportSpec<TEntity, TData> spec, Dictionary<string, string?> row, ReferenceCodes codes, Actor actor, string regionField)
        where TEntity : Entity, IRegional
    {
        var errors = new List<(string Field, string Message)>();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var attempt = row; // copied on the first error only: most rows pass at once, and the file's row stays as read
        for (var pass = 0; pass <= spec.ColumnsList.Count + 1; pass++)
        {
            TEntity probe;
            TData data;
            try
            {
                data = spec.Parse(attempt);
                probe = spec.Create(data, codes);
            }
            catch (DomainValidationException ex)
            {
                if (!failed.Add(ex.Field))
                {
                    break;
                }

                errors.Add((ex.Field, ex.Message));
                if (!spec.TryPlaceholder(ex.Field, out var placeholder))
                {
                    break;
                }

                if (ReferenceEquals(attempt, row))
                {
                    attempt = new Dictionary<string, string?>(row, StringComparer.Ordinal);
                }

                attempt[ex.Field] = placeholder;
                continue;
            }

            if (!failed.Contains(regionField) && !failed.Contains("regionCode"))
            {
                try
                {
                    codes.RequireRegion(probe.RegionCode);
                    if (!actor.Manages(probe.RegionCode))
                    {
                        // Experts have no region column: their region is their worker's, named by the phone.
                        errors.Add((regionField, $"无权导入其他地区（{probe.RegionCode}）的记录"));
                    }
                }
                catch (DomainValidationException ex)
                {
                    errors.Add((ex.Field, ex.Message));
                }
            }

            return (errors, errors.Count == 0 ? (spec.KeyOf(probe), data) : null);
        }

        return (errors, null);
    }
}

/// <summary>A column of an import file: Chinese header (as in the template), API field name, required or not, and the code list its values come from.</summary>
public sealed record ImportColumn(string Header, string Field, bool Required, string Hint, string? Dictionary = null);

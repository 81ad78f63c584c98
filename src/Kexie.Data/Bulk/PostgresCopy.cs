using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Kexie.Data.Bulk;

/// <summary>
/// Writes rows of one flat entity type (no owned or complex members) with PostgreSQL's binary COPY, reading the table,
/// columns, store types and value converters from the EF Core model, so the columns follow the model as it changes.
/// Bypasses SaveChanges: no audit rows, no outboxes, no change tracking. For bulk loads only (the province generator). The rows'
/// regions' front-page versions move in the COPY's transaction (<see cref="FrontPageStamp.WriteAsync{T}"/>)
/// when the front page counts them.
/// </summary>
public static partial class PostgresCopy
{
    public static async Task<long> CopyAsync<T>(KexieDbContext db, IEnumerable<T> rows, CancellationToken ct = default)
        where T : class
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("批量写入（COPY）只适用于 PostgreSQL");
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"模型中没有实体 {typeof(T).Name}");
        if (entityType.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || entityType.GetComplexProperties().Any())
        {
            throw new InvalidOperationException($"实体 {typeof(T).Name} 含有从属对象，不能用 COPY 写入");
        }

        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => p.GetColumnName(table) is { } name && name != "xmin")
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && (p.ClrType == typeof(long) || p.ClrType == typeof(int))))
            .Select(p => new Column(p, p.GetColumnName(table)!, Facets().Replace(p.GetColumnType(table), string.Empty), p.GetTypeMapping().Converter))
            .ToList();
        var shadow = columns.FirstOrDefault(c => c.Property.IsShadowProperty() && !c.Property.IsNullable);
        if (shadow is not null)
        {
            throw new InvalidOperationException($"实体 {typeof(T).Name} 的影子属性 {shadow.Property.Name} 不能为空，不能用 COPY 写入");
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        var tableName = entityType.GetSchema() is { } schema ? $"\"{schema}\".\"{table.Name}\"" : $"\"{table.Name}\"";
        var copy = $"COPY {tableName} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";

        // Rows a front page counts (workers, organizations…) move their regions' stamps in the COPY's transaction.
        return await FrontPageStamp.WriteAsync(db, async token =>
        {
            var regions = new HashSet<string>(StringComparer.Ordinal);
            var written = await CopyRowsAsync(connection, copy, db, columns, rows, row =>
            {
                if (FrontPageStamp.CountedRegion(entityType, row) is { } region)
                {
                    regions.Add(region);
                }
            }, token);
            return (written, (IEnumerable<string?>)regions);
        }, ct);
    }

    private static async Task<long> CopyRowsAsync<T>(NpgsqlConnection connection, string copy, KexieDbContext db, List<Column> columns, IEnumerable<T> rows, Action<T> onRow, CancellationToken ct)
        where T : class
    {
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
        // The importer waits for the server by the connection's timeout (30 s), not the context's: a COPY of 500,000
        // rows on a busy machine can take longer, so it follows the caller's command timeout when one is set.
        if (db.Database.GetCommandTimeout() is { } seconds)
        {
            importer.Timeout = TimeSpan.FromSeconds(seconds);
        }

        long written = 0;
        foreach (var row in rows)
        {
            onRow(row);
            await importer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                var value = column.Property.IsShadowProperty() ? null : column.Property.GetGetter().GetClrValue(row);
                if (value is not null && column.Converter is not null)
                {
                    value = column.Converter.ConvertToProvider(value);
                }

                switch (value)
                {
                    case null:
                        await importer.WriteNullAsync(ct);
                        break;
                    case DateTimeOffset at:
                        // timestamp with time zone takes UTC instants only.
                        await importer.WriteAsync(at.ToUniversalTime(), column.StoreType, ct);
                        break;
                    default:
                        await importer.WriteAsync(value, column.StoreType, ct);
                        break;
                }
            }

            written++;
        }

        await importer.CompleteAsync(ct);
        return written;
    }

    [GeneratedRegex(@"\([0-9, ]*\)")]
    private static partial Regex Facets();

    private sealed record Column(IProperty Property, string Name, string StoreType, ValueConverter? Converter);
}

using MiniExcelLibs;

namespace Kexie.Data.Exchange;

/// <summary>Writes any list to an .xlsx sheet with Chinese column headers.</summary>
public static class ExcelExport
{
    public static byte[] ToXlsx<T>(IEnumerable<T> rows, IReadOnlyList<(string Header, Func<T, object?> Value)> columns, string sheetName = "Sheet1")
    {
        var table = Table(rows, columns);
        using var stream = new MemoryStream();
        stream.SaveAs(table, sheetName: sheetName);
        return stream.ToArray();
    }

    /// <summary>Several sheets in one workbook, in order; each sheet's rows as built by <see cref="Table{T}"/>.</summary>
    public static byte[] ToXlsxSheets(IReadOnlyList<(string Name, List<Dictionary<string, object?>> Rows)> sheets)
    {
        var workbook = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, rows) in sheets)
        {
            workbook[name] = rows;
        }

        using var stream = new MemoryStream();
        stream.SaveAs(workbook);
        return stream.ToArray();
    }

    /// <summary>The rows as header → value records (one empty record when there are none, so the headers are written).</summary>
    public static List<Dictionary<string, object?>> Table<T>(IEnumerable<T> rows, IReadOnlyList<(string Header, Func<T, object?> Value)> columns)
    {
        var table = rows.Select(row =>
        {
            var record = new Dictionary<string, object?>(columns.Count);
            foreach (var (header, value) in columns)
            {
                record[header] = value(row);
            }

            return record;
        }).ToList();
        if (table.Count == 0)
        {
            table.Add(columns.ToDictionary(c => c.Header, _ => (object?)null));
        }

        return table;
    }
}

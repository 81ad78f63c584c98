using MiniExcelLibs;

namespace Kexie.Data.Exchange;

/// <summary>Writes any list to an .xlsx sheet with Chinese column headers.</summary>
public static class ExcelExport
{
    public static byte[] ToXlsx<T>(IEnumerable<T> rows, IReadOnlyList<(string Header, Func<T, object?> Value)> columns, string sheetName = "Sheet1")
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

        using var stream = new MemoryStream();
        stream.SaveAs(table, sheetName: sheetName);
        return stream.ToArray();
    }
}

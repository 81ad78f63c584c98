using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Kexie.Domain.Regions;

namespace Kexie.Data.SharedData;

/// <summary>
/// Reads China's administrative division tree from the NBS-derived CSV files in
/// <c>regions/</c> (provinces.csv, cities.csv, areas.csv, streets.csv).
/// </summary>
public static class RegionTreeReader
{
    private static readonly CsvConfiguration Config = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        MissingFieldFound = null,
    };

    public static IReadOnlyList<Region> Read(string dataPath, bool includeTownships = true)
    {
        var folder = Path.Combine(dataPath, "regions");
        var provinces = ReadRows(Path.Combine(folder, "provinces.csv"));
        var cities = ReadRows(Path.Combine(folder, "cities.csv"));
        var areas = ReadRows(Path.Combine(folder, "areas.csv"));
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var regions = new List<Region>(50_000);

        void Add(string code, string name, string? parent)
        {
            var region = new Region(code, name, parent);
            names[code] = name;
            region.FullName = string.Join(' ', RegionCode.Ancestry(code)
                .Select(c => names.GetValueOrDefault(c))
                .Where(n => n is not null && n != "市辖区" && n != "县"));
            regions.Add(region);
        }

        foreach (var row in provinces)
        {
            Add(row["code"], row["name"], null);
        }

        foreach (var row in cities)
        {
            Add(row["code"], row["name"], row["provinceCode"]);
        }

        foreach (var row in areas)
        {
            Add(row["code"], row["name"], row["cityCode"]);
        }

        if (includeTownships)
        {
            foreach (var row in ReadRows(Path.Combine(folder, "streets.csv")))
            {
                Add(row["code"], row["name"], row["areaCode"]);
            }
        }

        return regions;
    }

    private static List<Dictionary<string, string>> ReadRows(string file)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"缺少行政区划数据文件：{file}", file);
        }

        using var reader = new StreamReader(file);
        using var csv = new CsvReader(reader, Config);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord ?? throw new InvalidDataException($"{file} 没有表头");
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var column in header)
            {
                row[column] = csv.GetField(column)?.Trim() ?? string.Empty;
            }

            rows.Add(row);
        }

        return rows;
    }
}

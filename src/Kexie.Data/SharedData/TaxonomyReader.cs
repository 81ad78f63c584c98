using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Kexie.Data.SharedData;

/// <summary>Reads the GB/T 13745-2009 discipline and GB/T 4754-2017 industry code tables from <c>taxonomy/</c>.</summary>
public static class TaxonomyReader
{
    private static readonly CsvConfiguration Config = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        MissingFieldFound = null,
    };

    public static IReadOnlyList<Discipline> ReadDisciplines(string dataPath)
    {
        using var reader = new StreamReader(Path.Combine(dataPath, "taxonomy", "gbt13745_2009_discipline.csv"));
        using var csv = new CsvReader(reader, Config);
        var list = new List<Discipline>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var parent = csv.GetField("parent_code");
            list.Add(new Discipline
            {
                Code = csv.GetField("code")!.Trim(),
                Name = csv.GetField("name")!.Trim(),
                Level = int.Parse(csv.GetField("level")!, CultureInfo.InvariantCulture),
                ParentCode = string.IsNullOrWhiteSpace(parent) ? null : parent.Trim(),
            });
        }

        return list;
    }

    public static IReadOnlyList<Industry> ReadIndustries(string dataPath)
    {
        using var reader = new StreamReader(Path.Combine(dataPath, "taxonomy", "gbt4754_2017_industry.csv"));
        using var csv = new CsvReader(reader, Config);
        var list = new List<Industry>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var parent = csv.GetField("parent_code");
            var description = csv.GetField("description");
            list.Add(new Industry
            {
                Code = csv.GetField("code")!.Trim(),
                Name = csv.GetField("name")!.Trim(),
                Level = csv.GetField("level")!.Trim(),
                ParentCode = string.IsNullOrWhiteSpace(parent) ? null : parent.Trim(),
                Section = csv.GetField("section")!.Trim(),
                Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            });
        }

        return list;
    }
}

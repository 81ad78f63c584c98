using Kexie.Domain.Common;
using Kexie.Domain.Directory;

namespace Kexie.Domain.Tests.Directory;

public class ScienceWorkerTests
{
    private static readonly HashSet<string> Disciplines = ["21030", "32010"];

    private static ScienceWorkerData Valid() => new("李建国", Gender.Male, 1975, "大英县农业技术推广中心", "高级农艺师", ["21030"], "大学本科", "中共党员", "13812345678", "510923", true);

    [Fact]
    public void A_valid_worker_is_created_with_trimmed_values()
    {
        var worker = ScienceWorker.Create(Valid() with { Name = "  李建国 ", Phone = "+86 138-1234-5678" }, Disciplines.Contains);
        Assert.Equal("李建国", worker.Name);
        Assert.Equal("13812345678", worker.Phone);
        Assert.Equal(["21030"], worker.DisciplineCodes);
    }

    [Theory]
    [InlineData("phone", "联系电话")]
    [InlineData("disciplineCodes", "学科代码")]
    [InlineData("education", "学历")]
    [InlineData("politicalStatus", "政治面貌")]
    [InlineData("birthYear", "出生年份")]
    [InlineData("regionCode", "行政区划代码")]
    public void Each_bad_field_is_named(string field, string label)
    {
        var data = field switch
        {
            "phone" => Valid() with { Phone = "2345678" },
            "disciplineCodes" => Valid() with { DisciplineCodes = ["99999"] },
            "education" => Valid() with { Education = "研究生" },
            "politicalStatus" => Valid() with { PoliticalStatus = "其他" },
            "birthYear" => Valid() with { BirthYear = DateTime.UtcNow.Year - 5 },
            _ => Valid() with { RegionCode = "5109x3" },
        };
        var ex = Assert.Throws<DomainValidationException>(() => ScienceWorker.Create(data, Disciplines.Contains));
        Assert.Equal(field, ex.Field);
        Assert.Contains(label, ex.Message);
    }

    [Fact]
    public void Discipline_codes_accept_Chinese_separators_and_drop_duplicates()
    {
        var worker = ScienceWorker.Create(Valid() with { DisciplineCodes = ["21030，32010、21030"] }, Disciplines.Contains);
        Assert.Equal(["21030", "32010"], worker.DisciplineCodes);
    }

    [Fact]
    public void A_landline_with_area_code_is_a_valid_phone()
    {
        Assert.Equal("08254812345", ContactRules.Phone("0825-4812345", "phone"));
    }
}

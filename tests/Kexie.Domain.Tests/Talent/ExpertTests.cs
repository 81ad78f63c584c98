using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Talent;

namespace Kexie.Domain.Tests.Talent;

public class ExpertTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    private static ScienceWorker Worker(string region = "510923") =>
        ScienceWorker.Create(new("李建国", Gender.Male, 1975, "大英县农业技术推广中心", "高级农艺师", ["21030"], "大学本科", "中共党员", "13812345678", region, true), _ => true);

    private static ExpertData Valid() => new(ExpertLevel.County, " 水稻病虫害绿色防控 ", [" 稻瘟病 ", "统防统治", "稻瘟病", " "], "从事植保工作二十年。");

    [Fact]
    public void Admitting_a_worker_keeps_trimmed_distinct_directions_and_the_workers_region()
    {
        var worker = Worker();
        var expert = Expert.Admit(worker, Valid(), Day);
        Assert.Equal(worker.Id, expert.WorkerId);
        Assert.Equal("510923", expert.RegionCode);
        Assert.Equal("水稻病虫害绿色防控", expert.Expertise);
        Assert.Equal(["稻瘟病", "统防统治"], expert.ResearchDirections);
        Assert.Equal(ExpertStatus.Active, expert.Status);
        Assert.Equal(Day, expert.AdmittedOn);
    }

    [Theory]
    [InlineData("level", "专家级别")]
    [InlineData("expertise", "专长领域")]
    [InlineData("researchDirections", "研究方向")]
    [InlineData("profile", "专家简介")]
    public void Bad_input_names_the_field_in_Chinese(string field, string label)
    {
        var data = field switch
        {
            "level" => Valid() with { Level = (ExpertLevel)9 },
            "expertise" => Valid() with { Expertise = " " },
            "researchDirections" => Valid() with { ResearchDirections = [" ", ""] },
            _ => Valid() with { Profile = new string('长', 2001) },
        };
        var ex = Assert.Throws<DomainValidationException>(() => Expert.Admit(Worker(), data, Day));
        Assert.Equal(field, ex.Field);
        Assert.Contains(label, ex.Message);
    }

    [Fact]
    public void No_level_more_than_ten_directions_and_a_long_direction_are_refused()
    {
        Assert.Equal("level", Assert.Throws<DomainValidationException>(() => Expert.Admit(Worker(), Valid() with { Level = null }, Day)).Field);
        var eleven = Enumerable.Range(1, 11).Select(i => $"方向{i}").ToList();
        Assert.Contains("最多10个", Assert.Throws<DomainValidationException>(() => Expert.Admit(Worker(), Valid() with { ResearchDirections = eleven }, Day)).Message);
        Assert.Contains("30", Assert.Throws<DomainValidationException>(() => Expert.Admit(Worker(), Valid() with { ResearchDirections = [new string('稻', 31)] }, Day)).Message);
    }

    [Fact]
    public void Withdraw_needs_a_reason_and_reinstating_readmits()
    {
        var expert = Expert.Admit(Worker(), Valid(), Day);
        Assert.Equal("reason", Assert.Throws<DomainValidationException>(() => expert.Withdraw(" ", Day)).Field);
        Assert.Equal(ExpertStatus.Active, expert.Status);

        expert.Withdraw("调离本地区", Day.AddDays(10));
        Assert.Equal(ExpertStatus.Withdrawn, expert.Status);
        Assert.Equal("调离本地区", expert.WithdrawReason);
        Assert.Throws<InvalidTransitionException>(() => expert.Withdraw("再次", Day.AddDays(11)));

        expert.Reinstate(Day.AddDays(20));
        Assert.Equal(ExpertStatus.Active, expert.Status);
        Assert.Null(expert.WithdrawReason);
        Assert.Null(expert.WithdrawnOn);
        Assert.Equal(Day.AddDays(20), expert.AdmittedOn);
        Assert.Throws<InvalidTransitionException>(() => expert.Reinstate(Day.AddDays(21)));
    }

    [Fact]
    public void An_edit_follows_the_workers_region_and_belongs_to_its_worker()
    {
        var worker = Worker();
        var expert = Expert.Admit(worker, Valid(), Day);
        worker.Update(new("李建国", Gender.Male, 1975, "射洪市农业农村局", "高级农艺师", ["21030"], "大学本科", "中共党员", "13812345678", "510981", true), _ => true);
        expert.Update(worker, Valid() with { Level = ExpertLevel.Municipal });
        Assert.Equal("510981", expert.RegionCode);
        Assert.Equal(ExpertLevel.Municipal, expert.Level);
        Assert.Throws<InvalidOperationException>(() => expert.Update(Worker(), Valid()));
    }
}

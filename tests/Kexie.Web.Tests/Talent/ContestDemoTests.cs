using Kexie.Data.Seeding;

namespace Kexie.Web.Tests.Talent;

/// <summary>
/// The demo county's contests say what the seeds say: "积极组织参加…青少年科技创新成果市长奖评选表彰" — 遂宁市's 市长奖评选 of 2025 with six
/// works of 大英县 awarded — and the county's 2025 summary names where its works were awarded ("N件作品在…获奖", as 恩施's
/// "286件作品在全省青少年科技创新大赛上获奖").
/// </summary>
public abstract class ContestDemoTests(KexieApp app)
{
    [Fact]
    public async Task The_city_held_the_mayor_award_the_county_took_part_and_its_2025_summary_says_where_its_works_were_awarded()
    {
        var listed = (await (await app.Anonymous().GetAsync("/api/v1/contests?region=5109&year=2025&q=市长奖")).OkJsonAsync())["items"]!.AsArray();
        var mayor = Assert.Single(listed, c => c!["name"]!.GetValue<string>() == ContestDemoSeeder.MayorAward)!;
        Assert.Equal("市级", mayor["levelName"]!.GetValue<string>());
        Assert.Equal("已结束", mayor["statusName"]!.GetValue<string>());
        Assert.Equal(6, mayor["awarded"]!.GetValue<int>());

        // The public sees the awarded works, each from a school of 大英县.
        var works = (await (await app.Anonymous().GetAsync($"/api/v1/contests/{mayor["id"]!.GetValue<string>()}/entries")).OkJsonAsync())["items"]!.AsArray();
        Assert.Equal(6, works.Count);
        Assert.All(works, w => Assert.StartsWith("510923", w!["regionCode"]!.GetValue<string>()));
        Assert.Equal(["一等奖", "三等奖", "三等奖", "三等奖", "二等奖", "二等奖"], works.Select(w => w!["awardName"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        var summary = (await (await app.Anonymous().GetAsync("/api/v1/contests/statistics?region=510923&year=2025")).OkJsonAsync())["summary"]!.GetValue<string>();
        Assert.StartsWith("2025年，大英县青少年科技创新大赛共收获827件作品，推荐85件作品参加四川省第35届青少年科技创新大赛；", summary);
        Assert.Contains("；组织参加青少年科技创新成果市长奖评选6件作品、青少年科技教育“金钥匙”活动12件作品、科幻绘画竞赛20件作品、青少年科学调查体验活动30件作品；", summary);
        Assert.Contains($"；28件作品在{ContestDemoSeeder.ProvinceEdition}上获奖（一等奖3件、二等奖8件、三等奖17件）；", summary);
        Assert.Contains($"；6件作品在{ContestDemoSeeder.MayorAward}上获奖（一等奖1件、二等奖2件、三等奖3件）", summary);
        Assert.Contains("；9件作品在遂宁市2025年青少年科技教育“金钥匙”科技竞赛上获奖（一等奖2件、二等奖3件、三等奖4件）", summary);
        Assert.Contains("；8件作品在遂宁市2025年少年儿童科幻绘画竞赛上获奖（一等奖1件、二等奖2件、三等奖3件、优秀奖2件）", summary);
        Assert.EndsWith("；120件作品在大英县第23届青少年科技创新大赛上获奖（一等奖15件、二等奖30件、三等奖45件、优秀奖30件）。", summary);

        // The kinds are the contests' own: the 金钥匙 edition is a 市级 one of its kind with its works from 大英县's schools.
        var golden = Assert.Single((await (await app.Anonymous().GetAsync("/api/v1/contests?region=5109&year=2025&q=金钥匙")).OkJsonAsync())["items"]!.AsArray())!;
        Assert.Equal(("GoldenKey", "青少年科技教育“金钥匙”活动", 12, 9), (golden["kind"]!.GetValue<string>(), golden["kindName"]!.GetValue<string>(), golden["entries"]!.GetValue<int>(), golden["awarded"]!.GetValue<int>()));
        Assert.Equal("MayorAward", mayor["kind"]!.GetValue<string>());
    }
}

public sealed class ContestDemoSqliteTests(SqliteApp app) : ContestDemoTests(app);

public sealed class ContestDemoPostgresTests(PostgresApp app) : ContestDemoTests(app);

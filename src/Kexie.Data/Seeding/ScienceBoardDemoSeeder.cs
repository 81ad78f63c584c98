using Kexie.Domain.Authorization;
using Kexie.Domain.Popularization;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Data.Seeding;

/// <summary>
/// 大英县's 科普宣传栏、科普画廊 and 科普宣传点 as its 2020 report tells them ("设立疫情防控科普宣传点2个"; "充分发挥社区广场科普活动、科普画廊和
/// 宣传栏等阵地作用"): a 科普宣传栏 in each of the first ten townships (built 2018–2019, 2 to 4 boards, kept by the township's 科协),
/// two 科普画廊 in the county seat's squares, and the two 疫情防控科普宣传点 set up in February 2020 and retired in June 2021. Each board
/// changes its content once a quarter in 2020 and in 2025 (the points monthly while the epidemic lasted in 2020), so the year's
/// sentence and the S indicator count records. Recorded by the county's admin (科协); runs once on a demo database (the account daying
/// exists) whose county has no board yet.
/// </summary>
public static class ScienceBoardDemoSeeder
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>The topics of a year's four quarterly refreshes.</summary>
    private static readonly string[][] Topics =
    [
        ["新冠肺炎疫情防控知识", "春耕春播实用技术", "全国科普日：提升科学素质", "冬季安全用电用气"],
        ["柑橘春季修剪与保花保果", "防汛减灾与地质灾害避险", "全国科普日：科学普及与科技创新", "防范电信网络诈骗"],
    ];

    public static async Task SeedAsync(KexieDbContext db, CancellationToken ct = default)
    {
        if (await db.ScienceBoards.AnyAsync(b => RegionScope.Within(b.RegionCode, DemoSeeder.DaYing), ct))
        {
            return;
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == "daying", ct);
        if (user is null)
        {
            return;
        }

        var admin = user.ToActor();
        var towns = await db.Regions.AsNoTracking().Where(r => r.ParentCode == DemoSeeder.DaYing).OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).Take(10).ToListAsync(ct);
        if (towns.Count == 0)
        {
            towns = [new { Code = DemoSeeder.DaYing, Name = "大英县" }];
        }

        var setUp = new DateTimeOffset(2020, 1, 10, 10, 0, 0, Cst).ToUniversalTime();
        var boards = new List<ScienceBoard>();
        for (var i = 0; i < towns.Count; i++)
        {
            var town = towns[i];
            boards.Add(ScienceBoard.Create(
                new ScienceBoardData($"{town.Name}科普宣传栏", ScienceBoardKind.Board, town.Code, i % 2 == 0 ? "镇政府门前广场" : "场镇主街便民服务中心旁", 2 + (i % 3),
                    new DateOnly(2018 + (i % 2), 3 + i, 15), Maintainer: $"{town.Name}科协"),
                admin, setUp));
        }

        var seat = towns[0];
        boards.Add(ScienceBoard.Create(new ScienceBoardData("大英县中心广场科普画廊", ScienceBoardKind.Gallery, seat.Code, "中心广场北侧", 12, new DateOnly(2017, 9, 1), Maintainer: "大英县科协"), admin, setUp));
        boards.Add(ScienceBoard.Create(new ScienceBoardData("大英县郪江河滨公园科普画廊", ScienceBoardKind.Gallery, seat.Code, "滨河路公园入口", 8, new DateOnly(2019, 5, 20), Maintainer: "大英县科协"), admin, setUp));
        var epidemic = new DateTimeOffset(2020, 2, 5, 18, 0, 0, Cst).ToUniversalTime();
        var points = new[]
        {
            ScienceBoard.Create(new ScienceBoardData($"{seat.Name}疫情防控科普宣传点", ScienceBoardKind.Point, seat.Code, "农贸市场入口", 1, new DateOnly(2020, 2, 3), Theme: "疫情防控", Maintainer: "大英县科协、县卫生健康局"), admin, epidemic),
            ScienceBoard.Create(new ScienceBoardData($"{towns[Math.Min(1, towns.Count - 1)].Name}疫情防控科普宣传点", ScienceBoardKind.Point, towns[Math.Min(1, towns.Count - 1)].Code, "客运站候车厅", 1, new DateOnly(2020, 2, 5), Theme: "疫情防控", Maintainer: "大英县科协"), admin, epidemic),
        };
        boards.AddRange(points);
        db.ScienceBoards.AddRange(boards);
        await db.SaveChangesAsync(ct);

        var refreshes = new List<ScienceBoardRefresh>();
        var k = 0;
        foreach (var board in boards.Where(b => b.Kind != ScienceBoardKind.Point))
        {
            foreach (var (year, topics) in new[] { (2020, Topics[0]), (2025, Topics[1]) })
            {
                for (var q = 0; q < 4; q++)
                {
                    var day = new DateOnly(year, 1 + (q * 3) + (k % 2), 5 + (k % 20));
                    refreshes.Add(board.RecordRefresh(new ScienceBoardRefreshData(day, topics[q]), admin, At(day)));
                }
            }

            k++;
        }

        foreach (var point in points)
        {
            for (var month = 2; month <= 6; month++)
            {
                var day = new DateOnly(2020, month, month == 2 ? 10 : 1);
                refreshes.Add(point.RecordRefresh(new ScienceBoardRefreshData(day, month == 2 ? "新冠肺炎防护知识" : "复工复产疫情防控指引"), admin, At(day)));
            }
        }

        db.ScienceBoardRefreshes.AddRange(refreshes);
        await db.SaveChangesAsync(ct);

        var retiredAt = new DateTimeOffset(2021, 7, 1, 10, 0, 0, Cst).ToUniversalTime();
        foreach (var point in points)
        {
            point.Update(
                new ScienceBoardData(point.Name, point.Kind, point.RegionCode, point.Location, point.Panels, point.BuiltOn, ScienceBoardStatus.Retired, new DateOnly(2021, 6, 30), point.Theme, point.Maintainer, "疫情平稳后撤除"),
                admin, retiredAt);
        }

        await db.SaveChangesAsync(ct);
    }

    private static DateTimeOffset At(DateOnly day) => new DateTimeOffset(day.Year, day.Month, day.Day, 16, 0, 0, Cst).ToUniversalTime();
}

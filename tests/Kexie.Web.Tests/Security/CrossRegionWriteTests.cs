using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Kexie.Domain.Directory;
using Kexie.Domain.Market;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests.Security;

/// <summary>
/// The write holes a hostile county admin found: every record a write names (organization, worker, need…) is resolved through
/// the caller's visibility and checked against its own region, and no answer names a record the caller cannot read.
/// </summary>
public abstract class CrossRegionWriteTests(KexieApp app)
{
    private const string DaYing = "510923";
    private const string SheHong = "510981";

    private Task<(Guid Id, string Name)> DaYingOrganizationAsync() => app.QueryAsync(async db =>
    {
        var o = await db.Organizations.Where(o => o.RegionCode.StartsWith(DaYing) && o.IsVerified).OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).FirstAsync();
        return (o.Id, o.Name);
    });

    private Task<(Guid Id, string Name)> DaYingWorkerAsync(bool isPublic) => app.QueryAsync(async db =>
    {
        var w = await db.ScienceWorkers.Where(w => w.RegionCode.StartsWith(DaYing) && w.IsPublicProfile == isPublic).OrderBy(w => w.Name).Select(w => new { w.Id, w.Name }).FirstAsync();
        return (w.Id, w.Name);
    });

    private static object NeedBody(Guid organizationId, string? region, string title) => new
    {
        title,
        problem = "<p>需要对现有生产线的柠檬果胶提取工艺进行优化，提高得率并降低能耗。</p>",
        organizationId,
        industryCodes = new[] { "1511" },
        disciplineCodes = Array.Empty<string>(),
        budgetMin = 10000,
        budgetMax = 50000,
        regionCode = region,
    };

    [Fact]
    public async Task A_county_admin_cannot_post_a_need_in_another_countys_company_name()
    {
        var shehong = await app.SignInAsync("shehong");
        var (orgId, _) = await DaYingOrganizationAsync();
        var title = $"跨县冒名需求{Guid.NewGuid():N}"[..20];

        var inOwnRegion = await shehong.PostJsonAsync("/api/v1/needs", NeedBody(orgId, SheHong, title));
        Assert.Equal(HttpStatusCode.Forbidden, inOwnRegion.StatusCode);
        Assert.Equal("application/problem+json", inOwnRegion.Content.Headers.ContentType?.MediaType);
        var inTheirRegion = await shehong.PostJsonAsync("/api/v1/needs", NeedBody(orgId, DaYing, title));
        Assert.Equal(HttpStatusCode.Forbidden, inTheirRegion.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Needs.AnyAsync(n => n.Title == title)));

        // The company's own county still posts for it, and the need lands in the company's county whatever region is typed.
        var daying = await app.SignInAsync("daying");
        var created = await (await daying.PostJsonAsync("/api/v1/needs", NeedBody(orgId, null, title))).OkJsonAsync();
        var region = created["regionCode"]!.GetValue<string>();
        Assert.StartsWith(DaYing, region);
        var elsewhere = await daying.PostJsonAsync("/api/v1/needs", NeedBody(orgId, SheHong, title + "b"));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        await elsewhere.AssertValidationProblemAsync("regionCode");
    }

    [Fact]
    public async Task A_county_admin_cannot_publish_an_offer_or_open_a_storefront_for_another_countys_worker()
    {
        var shehong = await app.SignInAsync("shehong");
        var (publicWorker, _) = await DaYingWorkerAsync(isPublic: true);
        var (privateWorker, privateName) = await DaYingWorkerAsync(isPublic: false);
        var title = $"跨县冒名所能{Guid.NewGuid():N}"[..20];
        object Offer(Guid provider) => new
        {
            kind = "Service",
            title,
            description = "提供柑橘病虫害绿色防控技术咨询与现场指导服务。",
            providerWorkerId = provider,
            disciplineCodes = new[] { "21030" },
            regionCode = SheHong,
            priceMode = "Negotiable",
        };

        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync("/api/v1/offers", Offer(publicWorker))).StatusCode);
        var hidden = await shehong.PostJsonAsync("/api/v1/offers", Offer(privateWorker));
        var message = await hidden.AssertValidationProblemAsync("providerWorkerId");
        Assert.DoesNotContain(privateName, await hidden.Content.ReadAsStringAsync());
        Assert.Contains("不存在", message);
        Assert.False(await app.QueryAsync(db => db.Offers.AnyAsync(o => o.Title == title)));

        var storefront = await shehong.PostJsonAsync("/api/v1/storefronts", new { name = "冒名工作室", ownerWorkerId = privateWorker, introduction = "介绍", regionCode = SheHong });
        await storefront.AssertValidationProblemAsync("ownerWorkerId");
        Assert.DoesNotContain(privateName, await storefront.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await shehong.PostJsonAsync("/api/v1/storefronts", new { name = "冒名工作室", ownerWorkerId = publicWorker, introduction = "介绍", regionCode = SheHong })).StatusCode);
        Assert.False(await app.QueryAsync(db => db.Storefronts.AnyAsync(s => s.Name == "冒名工作室")));
    }

    [Fact]
    public async Task A_county_admin_cannot_open_an_order_for_another_countys_buyer_nor_name_a_private_provider()
    {
        var shehong = await app.SignInAsync("shehong");
        var (buyer, _) = await DaYingOrganizationAsync();
        var (publicWorker, _) = await DaYingWorkerAsync(isPublic: true);
        var (privateWorker, privateName) = await DaYingWorkerAsync(isPublic: false);
        var title = $"跨县订单{Guid.NewGuid():N}"[..16];

        var foreignBuyer = await shehong.PostJsonAsync("/api/v1/orders", new { title, buyerOrganizationId = buyer, providerWorkerId = publicWorker, regionCode = SheHong });
        Assert.Equal(HttpStatusCode.Forbidden, foreignBuyer.StatusCode);

        var shehongBuyer = await app.QueryAsync(db => db.Organizations.Where(o => o.RegionCode.StartsWith(SheHong)).Select(o => o.Id).FirstAsync());
        var hiddenProvider = await shehong.PostJsonAsync("/api/v1/orders", new { title, buyerOrganizationId = shehongBuyer, providerWorkerId = privateWorker });
        await hiddenProvider.AssertValidationProblemAsync("providerWorkerId");
        Assert.DoesNotContain(privateName, await hiddenProvider.Content.ReadAsStringAsync());
        Assert.False(await app.QueryAsync(db => db.Orders.AnyAsync(o => o.Title == title)));

        // With a buyer of its own county and a public provider it may broker the inquiry; the order is booked in the buyer's county.
        var misplaced = await shehong.PostJsonAsync("/api/v1/orders", new { title, buyerOrganizationId = shehongBuyer, providerWorkerId = publicWorker, regionCode = DaYing });
        await misplaced.AssertValidationProblemAsync("regionCode");
        var ok = await (await shehong.PostJsonAsync("/api/v1/orders", new { title, buyerOrganizationId = shehongBuyer, providerWorkerId = publicWorker })).OkJsonAsync();
        Assert.StartsWith(SheHong, ok["regionCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Adding_a_private_worker_of_another_county_to_an_association_reveals_nothing()
    {
        var shehong = await app.SignInAsync("shehong");
        var (privateWorker, privateName) = await DaYingWorkerAsync(isPublic: false);
        var association = await app.QueryAsync(db => db.Associations.Where(a => a.RegionCode == SheHong).Select(a => a.Id).FirstAsync());
        var response = await shehong.PostJsonAsync($"/api/v1/associations/{association}/members", new { scienceWorkerId = privateWorker, role = "Member" });
        await response.AssertValidationProblemAsync("scienceWorkerId");
        Assert.DoesNotContain(privateName, await response.Content.ReadAsStringAsync());
        var unknown = await shehong.PostJsonAsync($"/api/v1/associations/{association}/members", new { scienceWorkerId = Guid.NewGuid(), role = "Member" });
        Assert.Equal(
            (await unknown.AssertValidationProblemAsync("scienceWorkerId")),
            (await (await shehong.PostJsonAsync($"/api/v1/associations/{association}/members", new { scienceWorkerId = privateWorker, role = "Member" })).AssertValidationProblemAsync("scienceWorkerId")));
        Assert.False(await app.QueryAsync(db => db.Associations.Where(a => a.Id == association).SelectMany(a => a.Members).AnyAsync(m => m.ScienceWorkerId == privateWorker)));
    }

    [Fact]
    public async Task Import_dry_runs_never_tell_where_another_countys_phones_are_registered()
    {
        var shehong = await app.SignInAsync("shehong");
        var phones = await app.QueryAsync(db => db.ScienceWorkers.Where(w => w.RegionCode.StartsWith(DaYing)).OrderBy(w => w.Phone).Select(w => new { w.Phone, w.RegionCode, w.Name }).Take(20).ToListAsync());
        Assert.NotEmpty(phones);

        var experts = new StringBuilder("手机号,专家级别,专长领域,研究方向\n");
        foreach (var p in phones)
        {
            experts.Append($"{p.Phone},县级,柑橘栽培,柑橘病虫害防治\n");
        }

        var expertReport = await PostImportAsync(shehong, "experts", experts.ToString());
        var workers = new StringBuilder("姓名,性别,出生年份,工作单位,职称,学科代码,学历,政治面貌,手机号,行政区划代码,公开资料\n");
        foreach (var p in phones)
        {
            workers.Append($"测试{p.Phone[^4..]},男,1980,射洪市农业农村局,中级,21030,大学本科,群众,{p.Phone},{SheHong},否\n");
        }

        var workerReport = await PostImportAsync(shehong, "workers", workers.ToString());
        foreach (var report in new[] { expertReport, workerReport })
        {
            Assert.Equal(phones.Count, report["errors"]!.AsArray().Count);
            foreach (var p in phones)
            {
                Assert.DoesNotContain(p.RegionCode, report.ToJsonString());
                Assert.DoesNotContain(p.Name, report.ToJsonString());
            }
        }

        // A phone of another county reads like an unknown one in the expert import.
        var unknown = await PostImportAsync(shehong, "experts", "手机号,专家级别,专长领域,研究方向\n19900000000,县级,柑橘栽培,柑橘病虫害防治\n");
        Assert.Equal(
            unknown["errors"]![0]!["message"]!.GetValue<string>().Replace("19900000000", "#"),
            expertReport["errors"]![0]!["message"]!.GetValue<string>().Replace(phones[0].Phone, "#"));
    }

    [Fact]
    public async Task Every_write_endpoint_declares_its_permission_and_roles_without_it_are_refused_by_name()
    {
        var worker = await app.SignInAsync("worker");
        var (orgId, _) = await DaYingOrganizationAsync();
        var denied = await worker.PostJsonAsync("/api/v1/needs", NeedBody(orgId, DaYing, "科技工作者不能发布需求"));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("发布和修改科技需求", (await denied.ReadNodeAsync())["detail"]!.GetValue<string>());

        var anonymous = await app.Anonymous().PostAsync("/api/v1/needs/00000000-0000-0000-0000-000000000001/publish", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        Assert.Empty(EndpointPermissions.WritesWithoutPermission(app.Services));
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> PostImportAsync(HttpClient client, string kind, string csv)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", $"{kind}.csv");
        return await (await client.PostAsync($"/api/v1/imports/{kind}?dryRun=true", content)).OkJsonAsync();
    }
}

public sealed class CrossRegionWriteSqliteTests(SqliteApp app) : CrossRegionWriteTests(app);

public sealed class CrossRegionWritePostgresTests(PostgresApp app) : CrossRegionWriteTests(app);

using System.Reflection;
using Kexie.Data;
using Kexie.Domain.Auditing;
using Kexie.Domain.Identity;
using Kexie.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kexie.Web.Tests.Admin;

/// <summary>The audit view speaks Chinese: every audited record kind, field and enum has a name, and ids become names only within the reader's scope.</summary>
public sealed class AuditPresenterTests(SqliteApp app)
{
    [Fact]
    public void Every_audited_kind_field_and_enum_has_a_chinese_name()
    {
        var missing = new List<string>();
        foreach (var type in AuditPresenter.AuditedTypes)
        {
            if (!AuditPresenter.KindNames.ContainsKey(type.Name))
            {
                missing.Add($"kind {type.Name}");
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || p.SetMethod is not null || p.GetSetMethod(true) is not null))
            {
                if (!AuditPresenter.FieldNames.ContainsKey(property.Name) && !AuditPresenter.HiddenFields.Contains(property.Name))
                {
                    missing.Add($"field {type.Name}.{property.Name}");
                }

                var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (propertyType.IsEnum && !AuditPresenter.HasChineseText(propertyType))
                {
                    missing.Add($"enum {propertyType.Name}");
                }
            }
        }

        Assert.True(missing.Count == 0, "without a Chinese name:\n" + string.Join("\n", missing.Distinct()));
    }

    [Fact]
    public async Task A_referenced_record_is_named_only_within_the_readers_scope()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
        var presenter = scope.ServiceProvider.GetRequiredService<AuditPresenter>();
        var worker = await db.ScienceWorkers.AsNoTracking().Where(w => w.RegionCode.StartsWith("510923")).OrderBy(w => w.Name).FirstAsync(TestContext.Current.CancellationToken);
        var daying = (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "daying", TestContext.Current.CancellationToken)).ToActor();
        var shehong = (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "shehong", TestContext.Current.CancellationToken)).ToActor();
        var entry = new AuditEntry
        {
            Id = 1,
            UserId = daying.UserId,
            Action = "Modified",
            EntityType = "Order",
            EntityId = Guid.NewGuid().ToString(),
            RegionCode = "510981",
            Before = $$"""{"ProviderWorkerId":"{{worker.Id}}","Status":1,"ContractAmount":null}""",
            After = $$"""{"ProviderWorkerId":"{{worker.Id}}","Status":2,"ContractAmount":48000.00}""",
        };

        var own = (await presenter.PresentAsync([entry], daying, TestContext.Current.CancellationToken)).Single();
        Assert.Equal("订单", own.Kind);
        Assert.Equal("修改", own.Action);
        Assert.Equal(daying.DisplayName, own.Who);
        Assert.Contains(own.Changes, c => c.Field == "提供者" && c.After == worker.Name);
        Assert.Contains(own.Changes, c => c.Field == "状态" && c.Before == "询价中" && c.After == "已签约");
        Assert.Contains(own.Changes, c => c.Field == "合同金额（元）" && c.Before == "（空）" && c.After == "48000");

        var other = (await presenter.PresentAsync([entry], shehong, TestContext.Current.CancellationToken)).Single();
        Assert.Contains(other.Changes, c => c.Field == "提供者" && c.After == "其他地区的记录");
        Assert.DoesNotContain(other.Changes, c => c.After == worker.Name || c.Before == worker.Name);
    }

    [Fact]
    public async Task A_contests_school_stages_read_as_words_not_a_number()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
        var presenter = scope.ServiceProvider.GetRequiredService<AuditPresenter>();
        var daying = (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "daying", TestContext.Current.CancellationToken)).ToActor();
        var entry = new AuditEntry
        {
            Id = 2,
            UserId = daying.UserId,
            Action = "Modified",
            EntityType = "Contest",
            EntityId = Guid.NewGuid().ToString(),
            RegionCode = "510923",
            Before = """{"StageMask":0}""",
            After = """{"StageMask":3}""",
        };

        var shown = (await presenter.PresentAsync([entry], daying, TestContext.Current.CancellationToken)).Single();
        Assert.Contains(shown.Changes, c => c.Field == "参赛学段" && c.Before == "不限" && c.After == "小学、初中");
    }
    [Fact]
    public async Task A_bodys_pictures_and_links_read_by_their_words_not_their_addresses()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KexieDbContext>();
        var presenter = scope.ServiceProvider.GetRequiredService<AuditPresenter>();
        var daying = (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "daying", TestContext.Current.CancellationToken)).ToActor();
        var content = Guid.NewGuid();
        var image = Guid.NewGuid();
        var body = $"看图：\n\n![示意图](/api/v1/science-contents/{content}/images/{image})\n\n![](/api/v1/science-contents/{content}/images/{image})"
            + $" 详见[申报指南](/Popularization/Contents/{content})，编号 {image}。";
        var entry = new AuditEntry
        {
            Id = 3,
            UserId = daying.UserId,
            Action = "Added",
            EntityType = "ScienceContent",
            EntityId = content.ToString(),
            RegionCode = "510923",
            After = System.Text.Json.JsonSerializer.Serialize(new { Body = body }),
        };

        var shown = (await presenter.PresentAsync([entry], daying, TestContext.Current.CancellationToken)).Single();
        var text = Assert.Single(shown.Changes, c => c.Field == "正文").After;
        Assert.Contains("〔图片：示意图〕", text);
        Assert.Contains("〔图片〕", text);
        Assert.Contains("详见申报指南，编号 …。", text);
        Assert.DoesNotContain(content.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(image.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/api/", text);
    }
}

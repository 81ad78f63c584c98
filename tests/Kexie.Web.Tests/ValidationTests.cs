using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Tests;

/// <summary>Bad input gets a Chinese problem-details error naming the field, and nothing is written.</summary>
public abstract class ValidationTests(KexieApp app)
{
    [Theory]
    [InlineData("phone", "12345", "联系电话")]
    [InlineData("regionCode", "51092", "行政区划代码")]
    [InlineData("regionCode", "519999", "不存在")]
    [InlineData("disciplineCodes", "99999", "学科代码")]
    [InlineData("birthYear", "1850", "出生年份")]
    [InlineData("name", "", "姓名不能为空")]
    [InlineData("education", "留学", "学历")]
    public async Task A_bad_worker_field_is_named_and_nothing_is_saved(string field, string value, string expected)
    {
        var client = await app.SignInAsync("daying");
        var phone = KexieApp.NewPhone();
        var body = new Dictionary<string, object?>
        {
            ["name"] = "孙立新",
            ["gender"] = "Female",
            ["birthYear"] = 1985,
            ["disciplineCodes"] = new[] { "21030" },
            ["education"] = "大学本科",
            ["phone"] = phone,
            ["regionCode"] = "510923",
            ["isPublicProfile"] = true,
        };
        body[field] = field switch
        {
            "birthYear" => int.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
            "disciplineCodes" => new[] { value },
            _ => value,
        };

        var message = await (await client.PostJsonAsync("/api/v1/workers", body)).AssertValidationProblemAsync(field);
        Assert.Contains(expected, message);
        Assert.False(await app.QueryAsync(db => db.ScienceWorkers.AnyAsync(w => w.Phone == phone)));
    }

    [Fact]
    public async Task A_wrong_credit_code_check_character_is_explained()
    {
        var client = await app.SignInAsync("daying");
        var response = await client.PostJsonAsync("/api/v1/organizations", new { name = "校验位错误公司", kind = "Enterprise", creditCode = "91350100M000100Y44", regionCode = "510923" });
        var message = await response.AssertValidationProblemAsync("creditCode");
        Assert.Contains("校验位", message);
        Assert.False(await app.QueryAsync(db => db.Organizations.AnyAsync(o => o.Name == "校验位错误公司")));
    }

    [Fact]
    public async Task An_industry_code_outside_GBT4754_is_rejected()
    {
        var client = await app.SignInAsync("daying");
        var response = await client.PostJsonAsync("/api/v1/organizations", new { name = "行业错误公司", kind = "Enterprise", creditCode = AccessScopeTests.NewCreditCode("510923"), industryCode = "9999", regionCode = "510923" });
        Assert.Contains("GB/T 4754", await response.AssertValidationProblemAsync("industryCode"));
    }

    [Fact]
    public async Task A_duplicate_phone_is_a_field_error()
    {
        var client = await app.SignInAsync("daying");
        var phone = KexieApp.NewPhone();
        var body = new { name = "钱多多", gender = "Male", phone, regionCode = "510923", isPublicProfile = false };
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/v1/workers", body)).StatusCode);
        Assert.Contains("已被", await (await client.PostJsonAsync("/api/v1/workers", body)).AssertValidationProblemAsync("phone"));
        Assert.Equal(1, await app.QueryAsync(db => db.ScienceWorkers.CountAsync(w => w.Phone == phone)));
    }

    [Fact]
    public async Task Malformed_json_and_wrong_types_are_400_not_500()
    {
        var client = await app.SignInAsync("daying");
        var broken = await client.PostAsync("/api/v1/workers", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var wrongType = await client.PostAsync("/api/v1/workers", new StringContent("{\"name\":\"张三\",\"birthYear\":\"一九八零\",\"phone\":\"13800000000\",\"regionCode\":\"510923\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("birthYear", await wrongType.Content.ReadAsStringAsync());
        var badEnum = await client.PostAsync("/api/v1/workers", new StringContent("{\"name\":\"张三\",\"gender\":\"Unknown\",\"phone\":\"13800000000\",\"regionCode\":\"510923\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badEnum.StatusCode);
    }

    [Fact]
    public async Task Oversized_fields_are_rejected()
    {
        var client = await app.SignInAsync("daying");
        var response = await client.PostJsonAsync("/api/v1/workers", new { name = new string('长', 51), gender = "Male", phone = KexieApp.NewPhone(), regionCode = "510923" });
        Assert.Contains("50", await response.AssertValidationProblemAsync("name"));
    }

    [Fact]
    public async Task Login_locks_out_after_five_failures()
    {
        var admin = await app.SignInAsync("daying");
        var userName = $"lock{Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync("/api/v1/users", new { userName, displayName = "锁定测试", password = "Correct2026", role = "ServiceCenterStaff", regionCode = "510923" })).StatusCode);
        var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            var failed = await client.PostJsonAsync("/api/v1/auth/login", new { userName, password = "wrong-password" });
            Assert.True(failed.StatusCode is HttpStatusCode.Unauthorized or (HttpStatusCode)423, failed.StatusCode.ToString());
        }

        var locked = await client.PostJsonAsync("/api/v1/auth/login", new { userName, password = "Correct2026" });
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.Contains("锁定", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Passwords_are_hashed()
    {
        var hash = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "daying").Select(u => u.PasswordHash).SingleAsync());
        Assert.NotNull(hash);
        Assert.DoesNotContain("Kexie@2026", hash);
        Assert.True(hash!.Length > 40);
    }
}

public sealed class ValidationSqliteTests(SqliteApp app) : ValidationTests(app);

public sealed class ValidationPostgresTests(PostgresApp app) : ValidationTests(app);

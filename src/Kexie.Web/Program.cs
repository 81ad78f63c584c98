using Kexie.Data.Seeding;
using Kexie.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddKexie();

var app = builder.Build();
app.UseKexie();
await app.InitializeDatabaseAsync();

app.Lifetime.ApplicationStarted.Register(() =>
{
    if (app.Environment.IsEnvironment("Testing"))
    {
        return;
    }

    var urls = string.Join(", ", app.Urls);
    Console.WriteLine();
    Console.WriteLine($"科协云 Kexie Cloud 已启动：{urls}");
    Console.WriteLine($"  API 参考：{app.Urls.FirstOrDefault()}/api/docs");
    if (app.Configuration.GetValue("Demo:Seed", true))
    {
        Console.WriteLine($"  演示账号（密码均为 {DemoSeeder.DemoPassword}）：");
        foreach (var account in DemoSeeder.Accounts)
        {
            Console.WriteLine($"    {account.UserName,-14} {account.DisplayName}");
        }
    }

    Console.WriteLine();
});

app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

using Kexie.Data;
using Kexie.Data.Exchange;
using Kexie.Data.Seeding;
using Kexie.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kexie.Cli;

/// <summary>
/// The services the command line needs, configured like the web host: appsettings.json in the
/// current directory (optional), then environment variables (Database__Provider,
/// ConnectionStrings__Kexie, SharedData__Path), then the command's options.
/// </summary>
internal static class CliHost
{
    public static ServiceProvider Build(string? provider, string? connection, Actor actor)
    {
        var overrides = new Dictionary<string, string?>();
        if (provider is not null)
        {
            overrides["Database:Provider"] = provider;
        }

        if (connection is not null)
        {
            overrides["ConnectionStrings:Kexie"] = connection;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<ICurrentActor>(new FixedActor(actor));
        services.AddKexieData(configuration);
        services.AddIdentityCore<AppUser>(o => o.Password.RequireNonAlphanumeric = false).AddEntityFrameworkStores<KexieDbContext>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<Kexie.Domain.Market.IWorkingCalendar>(_ => new Kexie.Domain.Market.WorkingCalendar(
            configuration.GetSection("Market:Holidays").Get<DateOnly[]>(), configuration.GetSection("Market:MakeUpWorkingDays").Get<DateOnly[]>()));
        services.AddScoped<ProvinceGenerator>();
        services.AddScoped<DirectoryImporter>();
        services.AddSingleton<DictionaryCache>();
        return services.BuildServiceProvider();
    }

    public static string SharedDataPath(ServiceProvider services) =>
        Kexie.Data.SharedData.SharedDataPath.Resolve(services.GetRequiredService<IConfiguration>()["SharedData:Path"]);
}

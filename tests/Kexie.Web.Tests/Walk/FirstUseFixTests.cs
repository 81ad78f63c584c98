namespace Kexie.Web.Tests.Walk;

/// <summary>
/// What a newcomer met on first use (the browser walk of FirstUseJourneys): the demo's 一单一策 plans come with candidates,
/// a plan's ranks and scores read the same in its table and reasons, a signed-in researcher's front page counts their own
/// county, registering from a need's page comes back to the need, one's own profile leads to one's offers, and the site
/// has an icon.
/// </summary>
public abstract partial class FirstUseFixTests(KexieApp app)
{
    private readonly KexieApp app = app;
}

public sealed class FirstUseFixSqliteTests(SqliteApp app) : FirstUseFixTests(app);

public sealed class FirstUseFixPostgresTests(PostgresApp app) : FirstUseFixTests(app);

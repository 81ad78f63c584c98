using System.Data.Common;
using Kexie.Data.Indicators;
using Kexie.Domain.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Kexie.Data;

/// <summary>
/// What the front page's counts of a region subtree (science workers, organizations, associations, agencies, experts, the
/// market's counters) were computed at, so a signed-in user's counts may be kept until a record they count changes
/// (<c>Kexie.Web.Features.Workbench.FrontPageCache</c>). It is the sum of the versions (<see cref="FrontPageVersion"/>) of the
/// regions of the subtree and of the province-wide row (<see cref="Everywhere"/>):
/// <list type="bullet">
/// <item>a save of a counted record (an indicator source — workers, organizations, associations, needs, offers, orders, plans,
/// service tickets… — or an agency, expert, fair project, region; a change of a record it owns, such as an order's step or a
/// plan's contact, counts as its owner's) adds one to the version of the record's region (before and after, when it moved),
/// in the transaction that saves it (<see cref="Interceptor"/>, just before the commit, so the row is locked only for the
/// commit): a write in 大英县 moves the stamp of 大英县, 遂宁市 and 四川省, not 绵阳市's;</item>
/// <item>a record whose region cannot be named from the saved entities (no region code, no tracked owner or principal that
/// has one; a region itself; a worker's public flag, which the experts of any region join on) moves the province-wide row,
/// and with it every stamp.</item>
/// </list>
/// The same table holds the public market's rows (<see cref="PublicMarketStamp"/>, keys beginning with
/// <see cref="PublicMarketStamp.Prefix"/>), moved by the same statement for the subset of these writes that an anonymous
/// visitor of the market can see. The versions are in the database, so a write on any node moves the stamp on every node; rows are never deleted and versions
/// only grow, so a stamp never comes back to an earlier value. The stamp is read before the counts, so a write committed in
/// between makes the kept counts newer, never older, than their stamp.
/// </summary>
public readonly record struct FrontPageStamp(long Version)
{
    /// <summary>The region code of the province-wide row: every stamp includes it.</summary>
    public const string Everywhere = "";

    internal const string Table = "FrontPageVersion";

    /// <summary>
    /// The stamp of <paramref name="scope"/>'s subtree now (null: everything), one statement, compiled once
    /// (<c>EF.CompileAsyncQuery</c>, as <see cref="PublicMarketStamp.ReadAsync"/>): an exact read on every call.
    /// </summary>
    public static async Task<FrontPageStamp> ReadAsync(KexieDbContext db, string? scope, CancellationToken ct = default) =>
        new(string.IsNullOrEmpty(scope)
            ? await CompiledPerModel.Of(db, Everything, static () => EF.CompileAsyncQuery(
                (KexieDbContext db, CancellationToken ct) => db.FrontPageVersions.AsNoTracking().Sum(v => v.Version)))(db, ct)
            : await CompiledPerModel.Of(db, Subtree, static () => EF.CompileAsyncQuery(
                (KexieDbContext db, string scope, CancellationToken ct) => db.FrontPageVersions.AsNoTracking()
                    .Where(v => v.RegionCode == Everywhere || RegionScope.Within(v.RegionCode, scope))
                    .Sum(v => v.Version)))(db, scope, ct));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IModel, Func<KexieDbContext, CancellationToken, Task<long>>> Everything = new();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IModel, Func<KexieDbContext, string, CancellationToken, Task<long>>> Subtree = new();

    /// <summary>
    /// Runs a write that bypasses SaveChanges (<c>ExecuteUpdate</c>/<c>ExecuteDelete</c>, raw SQL, <c>COPY</c>) of records a front
    /// page counts, and moves the versions of the regions it wrote in within the same transaction: the caller's (at its commit,
    /// as a save's), or one opened for the write (committed when it returns). <paramref name="write"/> returns its result and the
    /// region codes of the records it wrote (a moved record's old and new code; a blank one: everywhere). A write that changes
    /// nothing counted needs none of this (see the remarks). Without it the versions stay and every node keeps counts that no
    /// longer hold, until <c>FrontPageCache.Lifetime</c>.
    /// </summary>
    /// <remarks>
    /// The writes of <c>src/</c> that bypass SaveChanges and what they change: the province generator's <c>COPY</c> of science
    /// workers and organizations (counted: <see cref="Bulk.PostgresCopy"/> moves their regions through this) and of accounts,
    /// notifications and audit rows (not counted); the kiosk's view, like and usage counters, its view marks and heartbeats, a
    /// content's view count, notifications read, the e-mail and text outboxes' states, purges of old logs, digests and match-outbox
    /// rows, indicator facts, rollups and their outbox (none of which a front page counts: it counts workers, organizations,
    /// associations, agencies, experts and the market's needs, offers, orders and plans; the workbench's items are counted afresh
    /// on every view).
    /// </remarks>
    public static async Task<T> WriteAsync<T>(KexieDbContext db, Func<CancellationToken, Task<(T Result, IEnumerable<string?> Regions)>> write, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            var (inTransaction, touched) = await write(ct);
            Remember(db, touched);
            return inTransaction;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (result, regions) = await write(ct);
        Remember(db, regions);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// <see cref="WriteAsync{T}"/> for a write over the records of <paramref name="rows"/> (an <c>ExecuteUpdate</c> or <c>ExecuteDelete</c> of them): their
    /// regions are read first, in the write's transaction, plus <paramref name="movedTo"/> when the write moves them to a region.
    /// </summary>
    public static Task<int> WriteRowsAsync<TEntity>(KexieDbContext db, IQueryable<TEntity> rows, Func<IQueryable<TEntity>, CancellationToken, Task<int>> write, string? movedTo = null, CancellationToken ct = default)
        where TEntity : class =>
        WriteAsync(db, async token =>
        {
            var regions = await rows.Select(r => EF.Property<string>(r, "RegionCode")).Distinct().ToListAsync(token);
            var written = await write(rows, token);
            if (movedTo is not null && written > 0)
            {
                regions.Add(movedTo);
            }

            return (written, (IEnumerable<string?>)regions);
        }, ct);

    /// <summary>
    /// The region a new row of <paramref name="type"/> written without SaveChanges is counted in, as <see cref="Touched"/> would
    /// name it for the row added: null when the front page does not count it, <see cref="Everywhere"/> when it has no region.
    /// </summary>
    internal static string? CountedRegion(IEntityType type, object row)
    {
        if (!Counted(row))
        {
            return null;
        }

        if (row is Kexie.Domain.Regions.Region || type.FindProperty("RegionCode") is not { ClrType: var clr } property || clr != typeof(string))
        {
            return Everywhere;
        }

        return property.GetGetter().GetClrValue(row) is string code && !string.IsNullOrWhiteSpace(code) ? code : Everywhere;
    }

    private static void Remember(KexieDbContext db, IEnumerable<string?> codes)
    {
        var regions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            AddCode(regions, code);
            // A write that bypasses SaveChanges moves the public market's rows of the same regions (PublicMarketStamp).
            regions.Add(PublicMarketStamp.Key(code));
        }

        if (regions.Count > 0)
        {
            db.RememberFrontPageRegions(regions);
        }
    }

    /// <summary>
    /// The regions whose version the pending changes of <paramref name="context"/> move (<see cref="Everywhere"/> for a change
    /// whose region cannot be named); null when none of them is counted.
    /// </summary>
    internal static HashSet<string>? Touched(DbContext context)
    {
        HashSet<string>? regions = null;
        Dictionary<(IEntityType, string), EntityEntry>? tracked = null;
        foreach (var changed in context.ChangeTracker.Entries())
        {
            if (changed.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            // An owned record (an order's step, a plan's contact) counts where its owner does.
            EntityEntry? entry = changed;
            while (entry is not null && entry.Metadata.IsOwned())
            {
                entry = Principal(context, entry, entry.Metadata.FindOwnership()!, ref tracked);
            }

            if (entry is null)
            {
                regions ??= new(StringComparer.Ordinal);
                regions.Add(Everywhere);
                regions.Add(PublicMarketStamp.Key(null));
                continue;
            }

            if (!Counted(entry.Entity))
            {
                continue;
            }

            regions ??= new(StringComparer.Ordinal);
            AddRegions(context, entry, regions, ref tracked);
            // The public market's own rows (PublicMarketStamp), in the same set: they move in the same statement.
            PublicMarketStamp.AddTouched(entry, regions);
        }

        return regions;
    }

    private static bool Counted(object entity) =>
        entity is Kexie.Domain.Directory.ServiceAgency or Kexie.Domain.Talent.Expert or Kexie.Domain.Market.FairProject or Kexie.Domain.Regions.Region
        || IndicatorOutbox.SourceOf(entity) is not null;

    private static void AddRegions(DbContext context, EntityEntry entry, HashSet<string> regions, ref Dictionary<(IEntityType, string), EntityEntry>? tracked)
    {
        // A region (its children are counted), a worker's public flag (experts of any region are listed by it) and the name
        // of a worker or an organization (the public market lists kept under a stamp show the names of their records' parties,
        // and a party that moved to another county after placing a record leaves the record in the old one): everywhere.
        if (entry.Entity is Kexie.Domain.Regions.Region
            || (entry.Entity is Kexie.Domain.Directory.ScienceWorker && entry.State == EntityState.Modified
                && (entry.Property(nameof(Kexie.Domain.Directory.ScienceWorker.IsPublicProfile)).IsModified
                    || entry.Property(nameof(Kexie.Domain.Directory.ScienceWorker.Name)).IsModified))
            || (entry.Entity is Kexie.Domain.Directory.Organization && entry.State == EntityState.Modified
                && entry.Property(nameof(Kexie.Domain.Directory.Organization.Name)).IsModified))
        {
            regions.Add(Everywhere);
            return;
        }

        if (RegionOf(entry) is { } property)
        {
            AddCode(regions, property.CurrentValue as string);
            if (entry.State == EntityState.Modified)
            {
                AddCode(regions, property.OriginalValue as string);
            }

            return;
        }

        // No region of its own: the region of a tracked principal it refers to (one level), else everywhere.
        var named = false;
        foreach (var key in entry.Metadata.GetForeignKeys())
        {
            if (key.PrincipalEntityType.FindProperty("RegionCode") is null)
            {
                continue;
            }

            if (Principal(context, entry, key, ref tracked) is { } principal && RegionOf(principal) is { } principalRegion)
            {
                AddCode(regions, principalRegion.CurrentValue as string);
                named = true;
            }
            else if (Values(entry, key.Properties) is not null)
            {
                regions.Add(Everywhere);
                return;
            }
        }

        if (!named)
        {
            regions.Add(Everywhere);
        }
    }

    private static PropertyEntry? RegionOf(EntityEntry entry) =>
        entry.Metadata.FindProperty("RegionCode") is { ClrType: var type } p && type == typeof(string) ? entry.Property(p.Name) : null;

    private static void AddCode(HashSet<string> regions, string? code) => regions.Add(string.IsNullOrWhiteSpace(code) ? Everywhere : code);

    /// <summary>The tracked entry that <paramref name="key"/> of <paramref name="entry"/> points to, if any (no query).</summary>
    private static EntityEntry? Principal(DbContext context, EntityEntry entry, IForeignKey key, ref Dictionary<(IEntityType, string), EntityEntry>? tracked)
    {
        if (Values(entry, key.Properties) is not { } values)
        {
            return null;
        }

        if (tracked is null)
        {
            tracked = [];
            foreach (var e in context.ChangeTracker.Entries())
            {
                if (e.Metadata.FindPrimaryKey() is { } pk && Values(e, pk.Properties) is { } id)
                {
                    tracked.TryAdd((e.Metadata, id), e);
                }
            }
        }

        return key.PrincipalKey.IsPrimaryKey() && tracked.TryGetValue((key.PrincipalEntityType, values), out var principal) ? principal : null;
    }

    private static string? Values(EntityEntry entry, IReadOnlyList<IProperty> properties)
    {
        var values = new string[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            var property = entry.Property(properties[i].Name);
            var value = entry.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue;
            if (value is null)
            {
                return null;
            }

            values[i] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return string.Join('\u001f', values);
    }

    /// <summary>The statement that adds one to the versions of <paramref name="regions"/> (in code order, so two writers lock alike).</summary>
    private static void Prepare(DbCommand command, IEnumerable<string> regions)
    {
        var values = new List<string>();
        foreach (var region in regions.Order(StringComparer.Ordinal))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"r{values.Count}";
            parameter.Value = region;
            command.Parameters.Add(parameter);
            values.Add($"(@r{values.Count}, 1)");
        }

        command.CommandText = $"INSERT INTO \"{Table}\" (\"RegionCode\", \"Version\") VALUES {string.Join(", ", values)} "
            + $"ON CONFLICT (\"RegionCode\") DO UPDATE SET \"Version\" = \"{Table}\".\"Version\" + 1";
    }

    /// <summary>
    /// Moves the versions of the regions a transaction's saves touched (<see cref="KexieDbContext"/> keeps them) in that
    /// transaction, just before it commits; a transaction begun or rolled back forgets them.
    /// </summary>
    internal sealed class Interceptor : DbTransactionInterceptor
    {
        public static readonly Interceptor Instance = new();

        public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
        {
            if (Take(eventData) is { } regions)
            {
                using var command = Command(transaction, regions);
                command.ExecuteNonQuery();
            }

            return result;
        }

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (Take(eventData) is { } regions)
            {
                await using var command = Command(transaction, regions);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return result;
        }

        public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
        {
            Forget(eventData);
            return result;
        }

        public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            Forget(eventData);
            return ValueTask.FromResult(result);
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData);

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Forget(eventData);
            return Task.CompletedTask;
        }

        private static HashSet<string>? Take(TransactionEventData eventData)
        {
            if (eventData.Context is not KexieDbContext db || db.FrontPageRegions is not { Count: > 0 } regions)
            {
                return null;
            }

            db.FrontPageRegions = null;
            return regions;
        }

        private static void Forget(TransactionEventData eventData)
        {
            if (eventData.Context is KexieDbContext db)
            {
                db.FrontPageRegions = null;
            }
        }

        private static DbCommand Command(DbTransaction transaction, HashSet<string> regions)
        {
            var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            Prepare(command, regions);
            return command;
        }
    }
}

/// <summary>A region's version of the front page's counts (<see cref="FrontPageStamp"/>): one more with each counted write there.</summary>
public sealed class FrontPageVersion
{
    public string RegionCode { get; set; } = string.Empty;

    public long Version { get; set; }
}

using Kexie.Data.Auditing;
using Kexie.Domain.Auditing;
using Kexie.Domain.Directory;
using Kexie.Domain.Market;
using Kexie.Domain.Regions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Data;

/// <summary>
/// The platform's database. Provider-specific subclasses (<see cref="SqliteKexieDbContext"/>,
/// <see cref="PostgresKexieDbContext"/>) exist only to hold each provider's migrations.
/// Every SaveChanges writes <see cref="AuditEntry"/> rows for the entities it changes,
/// in the same transaction.
/// </summary>
public abstract class KexieDbContext(DbContextOptions options, ICurrentActor? currentActor)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core data-protection keys, shared by every web node so a sign-in cookie works on all of them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Region> Regions => Set<Region>();

    public DbSet<Discipline> Disciplines => Set<Discipline>();

    public DbSet<Industry> Industries => Set<Industry>();

    public DbSet<ScienceWorker> ScienceWorkers => Set<ScienceWorker>();

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Association> Associations => Set<Association>();

    public DbSet<ServiceAgency> ServiceAgencies => Set<ServiceAgency>();

    public DbSet<Kexie.Domain.Talent.Expert> Experts => Set<Kexie.Domain.Talent.Expert>();

    public DbSet<Kexie.Domain.Talent.Contest> Contests => Set<Kexie.Domain.Talent.Contest>();

    public DbSet<Kexie.Domain.Talent.ContestEntry> ContestEntries => Set<Kexie.Domain.Talent.ContestEntry>();

    public DbSet<Kexie.Domain.Talent.ContestRoundDecision> ContestRoundDecisions => Set<Kexie.Domain.Talent.ContestRoundDecision>();

    public DbSet<Kexie.Domain.Talent.ContestAssignment> ContestAssignments => Set<Kexie.Domain.Talent.ContestAssignment>();

    public DbSet<Kexie.Domain.Talent.ExpertConflict> ExpertConflicts => Set<Kexie.Domain.Talent.ExpertConflict>();

    public DbSet<Kexie.Domain.Talent.HonourCall> HonourCalls => Set<Kexie.Domain.Talent.HonourCall>();

    public DbSet<Kexie.Domain.Talent.Nomination> Nominations => Set<Kexie.Domain.Talent.Nomination>();

    public DbSet<Kexie.Domain.Talent.NominationAssignment> NominationAssignments => Set<Kexie.Domain.Talent.NominationAssignment>();

    public DbSet<Kexie.Domain.Talent.NominationDecision> NominationDecisions => Set<Kexie.Domain.Talent.NominationDecision>();

    public DbSet<Kexie.Domain.Talent.Workstation> Workstations => Set<Kexie.Domain.Talent.Workstation>();

    public DbSet<Kexie.Domain.Talent.WorkstationOutput> WorkstationOutputs => Set<Kexie.Domain.Talent.WorkstationOutput>();

    public DbSet<Kexie.Domain.Talent.Inspection> Inspections => Set<Kexie.Domain.Talent.Inspection>();

    public DbSet<Kexie.Domain.Talent.Rectification> Rectifications => Set<Kexie.Domain.Talent.Rectification>();

    public DbSet<Kexie.Domain.Talent.LeadershipPost> LeadershipPosts => Set<Kexie.Domain.Talent.LeadershipPost>();

    public DbSet<Kexie.Domain.Talent.PartyBuilding> PartyBuildings => Set<Kexie.Domain.Talent.PartyBuilding>();

    public DbSet<Kexie.Domain.Talent.Congress> Congresses => Set<Kexie.Domain.Talent.Congress>();

    public DbSet<Kexie.Domain.Talent.SocietyActivity> SocietyActivities => Set<Kexie.Domain.Talent.SocietyActivity>();

    public DbSet<Kexie.Domain.Talent.CooperationAgreement> CooperationAgreements => Set<Kexie.Domain.Talent.CooperationAgreement>();

    public DbSet<Kexie.Domain.Talent.Survey> Surveys => Set<Kexie.Domain.Talent.Survey>();

    public DbSet<Kexie.Domain.Talent.SurveyQuestion> SurveyQuestions => Set<Kexie.Domain.Talent.SurveyQuestion>();

    /// <summary>Returned questionnaires; not audited (anonymous answers).</summary>
    public DbSet<Kexie.Domain.Talent.SurveyResponse> SurveyResponses => Set<Kexie.Domain.Talent.SurveyResponse>();

    public DbSet<Kexie.Domain.Talent.SurveyInvitation> SurveyInvitations => Set<Kexie.Domain.Talent.SurveyInvitation>();

    /// <summary>Code lists admins extend (学历, 政治面貌, 职称), with synonyms.</summary>
    public DbSet<Kexie.Domain.Dictionaries.DictionaryEntry> DictionaryEntries => Set<Kexie.Domain.Dictionaries.DictionaryEntry>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Offer> Offers => Set<Offer>();

    public DbSet<Need> Needs => Set<Need>();

    public DbSet<Storefront> Storefronts => Set<Storefront>();

    public DbSet<ResponsePlan> ResponsePlans => Set<ResponsePlan>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<ServiceTicket> ServiceTickets => Set<ServiceTicket>();

    public DbSet<Fair> Fairs => Set<Fair>();

    public DbSet<FairProject> FairProjects => Set<FairProject>();

    public DbSet<Kexie.Domain.Popularization.ScienceContent> ScienceContents => Set<Kexie.Domain.Popularization.ScienceContent>();

    public DbSet<Kexie.Domain.Popularization.PopularizationActivity> PopularizationActivities => Set<Kexie.Domain.Popularization.PopularizationActivity>();

    public DbSet<Kexie.Domain.Popularization.ActivityParticipant> ActivityParticipants => Set<Kexie.Domain.Popularization.ActivityParticipant>();

    public DbSet<Kexie.Domain.Popularization.EStation> EStations => Set<Kexie.Domain.Popularization.EStation>();

    public DbSet<Kexie.Domain.Popularization.EStationUsage> EStationUsages => Set<Kexie.Domain.Popularization.EStationUsage>();

    public DbSet<Kexie.Domain.Popularization.EStationTerminal> EStationTerminals => Set<Kexie.Domain.Popularization.EStationTerminal>();

    public DbSet<Kexie.Domain.Popularization.EStationSubscription> EStationSubscriptions => Set<Kexie.Domain.Popularization.EStationSubscription>();

    public DbSet<Kexie.Domain.Popularization.EStationQuestion> EStationQuestions => Set<Kexie.Domain.Popularization.EStationQuestion>();

    public DbSet<Kexie.Domain.Popularization.EStationDevice> EStationDevices => Set<Kexie.Domain.Popularization.EStationDevice>();
    public DbSet<Kexie.Domain.Popularization.KioskViewMark> KioskViewMarks => Set<Kexie.Domain.Popularization.KioskViewMark>();

    public DbSet<Kexie.Domain.Popularization.EStationPost> EStationPosts => Set<Kexie.Domain.Popularization.EStationPost>();

    public DbSet<Kexie.Domain.Popularization.QuizQuestion> QuizQuestions => Set<Kexie.Domain.Popularization.QuizQuestion>();

    public DbSet<Kexie.Domain.Popularization.QuizAttempt> QuizAttempts => Set<Kexie.Domain.Popularization.QuizAttempt>();

    public DbSet<Kexie.Domain.Popularization.WebQuiz> WebQuizzes => Set<Kexie.Domain.Popularization.WebQuiz>();

    public DbSet<Kexie.Domain.Popularization.Venue> Venues => Set<Kexie.Domain.Popularization.Venue>();

    public DbSet<Kexie.Domain.Popularization.VenueVisit> VenueVisits => Set<Kexie.Domain.Popularization.VenueVisit>();

    public DbSet<Kexie.Domain.Popularization.ScienceBoard> ScienceBoards => Set<Kexie.Domain.Popularization.ScienceBoard>();

    public DbSet<Kexie.Domain.Popularization.ScienceBoardRefresh> ScienceBoardRefreshes => Set<Kexie.Domain.Popularization.ScienceBoardRefresh>();

    public DbSet<Kexie.Domain.Popularization.VolunteerTeam> VolunteerTeams => Set<Kexie.Domain.Popularization.VolunteerTeam>();

    public DbSet<Kexie.Domain.Popularization.Volunteer> Volunteers => Set<Kexie.Domain.Popularization.Volunteer>();

    public DbSet<Kexie.Domain.Popularization.ServiceRecord> ServiceRecords => Set<Kexie.Domain.Popularization.ServiceRecord>();

    public DbSet<Kexie.Domain.Popularization.VolunteerCall> VolunteerCalls => Set<Kexie.Domain.Popularization.VolunteerCall>();

    public DbSet<Kexie.Domain.Popularization.VolunteerApplication> VolunteerApplications => Set<Kexie.Domain.Popularization.VolunteerApplication>();

    public DbSet<Kexie.Domain.Popularization.EventTally> EventTallies => Set<Kexie.Domain.Popularization.EventTally>();

    public DbSet<Kexie.Domain.Popularization.EventTallyEvidence> EventTallyEvidence => Set<Kexie.Domain.Popularization.EventTallyEvidence>();

    public DbSet<Kexie.Domain.Popularization.ActivityPartner> ActivityPartners => Set<Kexie.Domain.Popularization.ActivityPartner>();

    public DbSet<Kexie.Domain.Popularization.ActivitySeries> ActivitySeries => Set<Kexie.Domain.Popularization.ActivitySeries>();

    public DbSet<Kexie.Domain.Popularization.LiteracySurvey> LiteracySurveys => Set<Kexie.Domain.Popularization.LiteracySurvey>();

    public DbSet<Kexie.Domain.Popularization.LiteracyTarget> LiteracyTargets => Set<Kexie.Domain.Popularization.LiteracyTarget>();

    public DbSet<Kexie.Domain.Popularization.LiteracyMemberUnit> LiteracyMemberUnits => Set<Kexie.Domain.Popularization.LiteracyMemberUnit>();

    public DbSet<Kexie.Domain.Popularization.LiteracyMemberTask> LiteracyMemberTasks => Set<Kexie.Domain.Popularization.LiteracyMemberTask>();

    public DbSet<Kexie.Domain.Popularization.LiteracyMemberAssessment> LiteracyMemberAssessments => Set<Kexie.Domain.Popularization.LiteracyMemberAssessment>();

    public DbSet<Kexie.Domain.ThinkTank.ThinkTankCall> ThinkTankCalls => Set<Kexie.Domain.ThinkTank.ThinkTankCall>();

    public DbSet<Kexie.Domain.ThinkTank.ThinkTankTopic> ThinkTankTopics => Set<Kexie.Domain.ThinkTank.ThinkTankTopic>();

    public DbSet<Kexie.Domain.ThinkTank.Proposal> Proposals => Set<Kexie.Domain.ThinkTank.Proposal>();

    /// <summary>专家评审指派: 专家库 experts assigned to score think-tank topics.</summary>
    public DbSet<Kexie.Domain.ThinkTank.ExpertAssignment> ExpertAssignments => Set<Kexie.Domain.ThinkTank.ExpertAssignment>();

    /// <summary>Files of orders (contracts); the bytes are in the file store.</summary>
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();

    /// <summary>In-app notifications, one row per recipient.</summary>
    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<Indicators.IndicatorFactRow> IndicatorFacts => Set<Indicators.IndicatorFactRow>();

    public DbSet<Indicators.IndicatorRollupRow> IndicatorRollups => Set<Indicators.IndicatorRollupRow>();

    public DbSet<Indicators.IndicatorOutboxEntry> IndicatorOutbox => Set<Indicators.IndicatorOutboxEntry>();

    public DbSet<Indicators.IndicatorRefreshState> IndicatorRefreshStates => Set<Indicators.IndicatorRefreshState>();

    /// <summary>The front page's versions per region (<see cref="FrontPageStamp"/>).</summary>
    public DbSet<FrontPageVersion> FrontPageVersions => Set<FrontPageVersion>();

    public DbSet<Kexie.Domain.Indicators.WeightSet> WeightSets => Set<Kexie.Domain.Indicators.WeightSet>();

    public DbSet<Kexie.Domain.Indicators.LinkageTask> LinkageTasks => Set<Kexie.Domain.Indicators.LinkageTask>();

    /// <summary>Versions of the regions' report templates (the newest of a region is in force).</summary>
    public DbSet<Kexie.Domain.Indicators.ReportTemplateVersion> ReportTemplateVersions => Set<Kexie.Domain.Indicators.ReportTemplateVersion>();

    /// <summary>Append-only log of offer/need/worker changes that every web node's match index follows.</summary>
    public DbSet<Matching.MatchOutboxEntry> MatchOutbox => Set<Matching.MatchOutboxEntry>();

    /// <summary>Sign-in attempts (登录日志); also what per-account-and-address lockouts count.</summary>
    public DbSet<Security.LoginLogEntry> LoginLog => Set<Security.LoginLogEntry>();

    /// <summary>State-changing requests (操作日志), written in batches by a background writer.</summary>
    public DbSet<Security.OperationLogEntry> OperationLog => Set<Security.OperationLogEntry>();

    /// <summary>短信验证码 (hashed), one row per code sent.</summary>
    public DbSet<Kexie.Domain.Identity.OneTimeCode> OneTimeCodes => Set<Kexie.Domain.Identity.OneTimeCode>();

    /// <summary>短信发件箱: every text message sent, readable by admins (the development sender's only destination).</summary>
    public DbSet<Accounts.TextMessageRecord> TextMessageOutbox => Set<Accounts.TextMessageRecord>();

    /// <summary>单位入驻申请 waiting for (or decided by) the county's review.</summary>
    public DbSet<OrganizationApplication> OrganizationApplications => Set<OrganizationApplication>();

    /// <summary>单位邀请: colleagues invited by an organization's administrator.</summary>
    public DbSet<OrganizationInvitation> OrganizationInvitations => Set<OrganizationInvitation>();

    /// <summary>Name of the provider, for code paths that differ (bulk loads).</summary>
    public abstract DatabaseProvider Provider { get; }

    /// <summary>The regions whose front-page version this context's saves in the current transaction move (<see cref="FrontPageStamp"/>).</summary>
    internal HashSet<string>? FrontPageRegions { get; set; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Indicators.IndicatorOutbox.Record(this);
        Matching.MatchOutbox.Record(this);
        AuditTrail.Record(this, currentActor?.Actor);
        if (FrontPageStamp.Touched(this) is not { } regions)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        // The regions' versions move in the save's transaction, just before it commits (FrontPageStamp.Interceptor).
        if (Database.CurrentTransaction is not null)
        {
            var inTransaction = base.SaveChanges(acceptAllChangesOnSuccess);
            RememberFrontPageRegions(regions);
            return inTransaction;
        }

        using var tx = Database.BeginTransaction();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess: false);
        RememberFrontPageRegions(regions);
        tx.Commit();
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }

        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Indicators.IndicatorOutbox.Record(this);
        Matching.MatchOutbox.Record(this);
        AuditTrail.Record(this, currentActor?.Actor);
        if (FrontPageStamp.Touched(this) is not { } regions)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is not null)
        {
            var inTransaction = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            RememberFrontPageRegions(regions);
            return inTransaction;
        }

        await using var tx = await Database.BeginTransactionAsync(cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
        RememberFrontPageRegions(regions);
        await tx.CommitAsync(cancellationToken);
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }

        return saved;
    }

    /// <summary>Moves the versions of <paramref name="regions"/> when the current transaction commits (<see cref="FrontPageStamp.Interceptor"/>).</summary>
    internal void RememberFrontPageRegions(HashSet<string> regions)
    {
        if (FrontPageRegions is null)
        {
            FrontPageRegions = regions;
        }
        else
        {
            FrontPageRegions.UnionWith(regions);
        }
    }

    /// <summary>Queries may use <see cref="Kexie.Domain.Authorization.RegionScope.Within"/> (see <see cref="RegionScopeTranslation"/>).</summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        base.OnConfiguring(optionsBuilder);
        optionsBuilder.AddInterceptors(RegionScopeTranslation.Instance, FrontPageStamp.Interceptor.Instance);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(KexieDbContext).Assembly);
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

using Kexie.Data;
using Kexie.Domain.Authorization;
using Kexie.Domain.Common;
using Kexie.Domain.Directory;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using Kexie.Domain.Regions;
using Kexie.Domain.Talent;
using Kexie.Web.Features.Market;
using Kexie.Web.Infrastructure;
using Kexie.Web.Pages;
using Microsoft.EntityFrameworkCore;

namespace Kexie.Web.Features.Talent;

public sealed record InspectionRequest(int? Year, int? IndividualMembers, int? GroupMembers, string? Documents, DateOnly? SubmittedOn)
{
    public InspectionData ToData() => new(Year, IndividualMembers, GroupMembers, Documents, SubmittedOn);
}

public sealed record InspectionDecisionRequest(InspectionStatus? Result, DateOnly? DecidedOn, string? Opinion);

public sealed record LeadershipPostRequest(string? PersonName, LeadershipKind? Kind, string? Position, DateOnly? From)
{
    public LeadershipPostData ToData() => new(PersonName, Kind, Position, From);
}

public sealed record PostEndRequest(DateOnly? Until);

public sealed record PartyBuildingRequest(string? InstructorName, int? FormalMembers, PartyOrganizationForm? Form, DateOnly? EstablishedOn)
{
    public PartyBuildingData ToData() => new(InstructorName, FormalMembers, Form, EstablishedOn);
}

public sealed record CongressRequest(int? Term, DateOnly? HeldOn, int? TermYears, string? Note)
{
    public CongressData ToData() => new(Term, HeldOn, TermYears, Note);
}

public sealed record RectificationRequest(int? Year, string? Reasons, DateOnly? Deadline, DateOnly? OpenedOn)
{
    public RectificationData ToData() => new(Year, Reasons, Deadline, OpenedOn);
}

public sealed record RectificationResultRequest(RectificationStatus? Result, DateOnly? ConcludedOn, string? Outcome);

/// <summary>One 清理整顿 of a society: why (the 年检 year and basis), until when, and its result.</summary>
public sealed record RectificationDto(
    Guid Id, Guid AssociationId, string AssociationName, int Year, RectificationBasis Basis, string BasisName, string Reasons, DateOnly OpenedOn, DateOnly Deadline,
    string? OpenedByName, RectificationStatus Status, string StatusName, DateOnly? ConcludedOn, string? Outcome, string? ConcludedByName, int Version,
    RectificationReportStatus ReportStatus = RectificationReportStatus.None, string ReportStatusName = "未提交整改报告", string? Report = null, DateOnly? ReportedOn = null,
    string? ReportedByName = null, string? ReportReturnReason = null, IReadOnlyList<AttachmentDto>? Attachments = null)
{
    public static RectificationDto From(Rectification r) =>
        new(r.Id, r.AssociationId, r.AssociationName, r.Year, r.Basis, r.Basis.Chinese(), r.Reasons, r.StartedOn, r.RectifyBy, r.OpenedByName, r.Status, r.Status.Chinese(),
            r.ConcludedOn, r.Outcome, r.ConcludedByName, r.Version, r.ReportStatus, r.ReportStatus.Chinese(), r.Report, r.ReportedOn, r.ReportedByName, r.ReportReturnReason,
            r.Attachments.OrderBy(a => a.UploadedAt).Select(AttachmentDto.From).ToList());
}

public sealed record InspectionDto(
    Guid Id, Guid AssociationId, string AssociationName, int Year, int IndividualMembers, int GroupMembers, string? Documents, DateOnly SubmittedOn,
    InspectionStatus Status, string StatusName, DateOnly? DecidedOn, string? Opinion, int Version,
    string? SubmittedByName = null, string? ReturnReason = null, IReadOnlyList<AttachmentDto>? Attachments = null)
{
    public static InspectionDto From(Inspection i) =>
        new(i.Id, i.AssociationId, i.AssociationName, i.Year, i.IndividualMembers, i.GroupMembers, i.Documents, i.SubmittedOn, i.Status, i.Status.Chinese(), i.DecidedOn, i.Opinion, i.Version,
            i.SubmittedByName, i.ReturnReason, i.Attachments.OrderBy(a => a.UploadedAt).Select(AttachmentDto.From).ToList());
}

public sealed record LeadershipPostDto(Guid Id, string PersonName, LeadershipKind Kind, string KindName, string? Position, DateOnly From, DateOnly? Until);

public sealed record PartyBuildingDto(string? InstructorName, int FormalMembers, PartyOrganizationForm Form, string FormName, DateOnly? EstablishedOn, bool MustEstablish, int Version);

public sealed record CongressDto(Guid Id, int Term, DateOnly HeldOn, int TermYears, DateOnly NextDueOn, string? Note);

/// <summary>An association's management file: 年检 by year, 党建, leadership, 换届.</summary>
public sealed record AssociationFileDto(
    Guid Id, string Name, AssociationKind Kind, string KindName, string RegionCode, string RegionName,
    IReadOnlyList<InspectionDto> Inspections, PartyBuildingDto? Party, IReadOnlyList<LeadershipPostDto> Posts, IReadOnlyList<CongressDto> Congresses,
    IReadOnlyList<SocietyActivityDto>? Activities = null, string Standing = "正常", IReadOnlyList<RectificationDto>? Rectifications = null, bool MayRectify = false);

public sealed record TownshipCoverageRow(string Code, string Name, Guid? AssociationId, string? AssociationName, int ThreeHeads);

/// <summary>"乡镇科协组织全覆盖": the townships (乡镇/街道) of a region and which of them have a 科协.</summary>
public sealed record TownshipCoverageDto(string RegionCode, string RegionName, int Townships, int Covered, bool FullyCovered, IReadOnlyList<TownshipCoverageRow> Rows);

/// <summary>A managed association in the staff's list: its latest 年检 and its 党建 at a glance.</summary>
public sealed record ManagedAssociationRow(
    Guid Id, string Name, string KindName, string RegionName, string LatestInspection, string? Instructor, string PartyForm, bool MustEstablish, string Standing = "正常");

public sealed record KindTally(AssociationKind Kind, string KindName, int Count);

public sealed record AssociationBuildingDto(
    string RegionCode, string RegionName, int Year, int Societies, int SocietyMembers, IReadOnlyList<KindTally> ByKind,
    int WithInstructor, int IndependentParty, int JointParty, int MustEstablish,
    int InspectionsDue, int InspectionsSubmitted, int Passed, int BasicallyPassed, int Failed,
    IReadOnlyList<NamedCount> Leadership, int Townships, int TownshipsCovered, int ThreeHeads, string Summary,
    int SocietyActivities = 0, IReadOnlyList<NamedCount>? ActivitiesByKind = null,
    int Rectified = 0, int RectifiedPassed = 0, int Revoked = 0, int Suspended = 0,
    int ThreeHeadsTownships = 0, int? OwnCongressTerm = null, int CongressesHeld = 0, int TermsExpired = 0);

/// <summary>
/// Managing associations (学会、协会、农技协、高校/科研院所/企业/园区科协、乡镇科协): their 年检 (submitted with member counts, decided by the 科协),
/// 党建 (党建指导员, formal party members, party organization), leadership posts and 换届 — kept by the admins of the association's region
/// (<see cref="Actor.Administers"/>, read through <see cref="RegionScope.InScope{T}"/>) — and the region's counts in the seeds' words.
/// </summary>
public sealed class AssociationManagementService(KexieDbContext db, Kexie.Web.Features.Notifications.Notifier notifier, SocietyActivityService activities)
{
    /// <summary>Kinds that a 科协 supervises and inspects yearly (社会团体).</summary>
    public static readonly AssociationKind[] InspectedKinds = [AssociationKind.Society, AssociationKind.Association, AssociationKind.RuralTechAssociation];

    /// <summary>The associations the admin manages (optionally one subtree), 学会 and 协会 first, with their latest 年检 and 党建.</summary>
    public async Task<IReadOnlyList<ManagedAssociationRow>> ListAsync(Actor actor, string? region, CancellationToken ct = default)
    {
        var query = db.Associations.AsNoTracking().InScope(actor);
        if (MarketSupport.RegionFilter(region) is { } code)
        {
            query = query.Where(a => RegionScope.Within(a.RegionCode, code));
        }

        var rows = await query.OrderBy(a => a.Kind == AssociationKind.Kexie).ThenBy(a => a.Kind).ThenBy(a => a.RegionCode).ThenBy(a => a.Name).Take(500)
            .Select(a => new { a.Id, a.Name, a.Kind, a.RegionCode }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var inspections = (await db.Inspections.AsNoTracking().Where(i => ids.Contains(i.AssociationId)).Select(i => new { i.AssociationId, i.Year, i.Status }).ToListAsync(ct))
            .GroupBy(i => i.AssociationId).ToDictionary(g => g.Key, g => g.MaxBy(i => i.Year)!);
        var parties = await db.PartyBuildings.AsNoTracking().Where(p => ids.Contains(p.AssociationId)).ToDictionaryAsync(p => p.AssociationId, ct);
        var names = await Lookups.RegionNamesAsync(db, rows.Select(r => r.RegionCode), ct);
        var standings = await StandingsAsync(ids, ct);
        return rows.Select(a =>
        {
            var inspection = inspections.GetValueOrDefault(a.Id);
            var party = parties.GetValueOrDefault(a.Id);
            return new ManagedAssociationRow(
                a.Id, a.Name, a.Kind.Chinese(), names.GetValueOrDefault(a.RegionCode, "未知地区"),
                inspection is null ? "未报送" : $"{inspection.Year}年度：{inspection.Status.Chinese()}",
                party?.InstructorName, (party?.Form ?? PartyOrganizationForm.None).Chinese(), party?.MustEstablish ?? false, standings.GetValueOrDefault(a.Id, "正常"));
        }).ToList();
    }

    public async Task<AssociationFileDto> FileAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var association = await ManagedAsync(actor, id, ct);
        var inspections = await db.Inspections.AsNoTracking().Where(i => i.AssociationId == id).OrderByDescending(i => i.Year).ToListAsync(ct);
        var party = await db.PartyBuildings.AsNoTracking().FirstOrDefaultAsync(p => p.AssociationId == id, ct);
        var posts = await db.LeadershipPosts.AsNoTracking().Where(p => p.AssociationId == id).ToListAsync(ct);
        var congresses = await db.Congresses.AsNoTracking().Where(c => c.AssociationId == id).OrderByDescending(c => c.Term).ToListAsync(ct);
        var rectifications = (await db.Rectifications.AsNoTracking().Where(x => x.AssociationId == id).ToListAsync(ct))
            .OrderByDescending(x => x.StartedOn).ThenByDescending(x => x.CreatedAt).ToList();
        var names = await Lookups.RegionNamesAsync(db, [association.RegionCode], ct);
        return new AssociationFileDto(
            association.Id, association.Name, association.Kind, association.Kind.Chinese(), association.RegionCode, names.GetValueOrDefault(association.RegionCode, "未知地区"),
            inspections.Select(ToDto).ToList(),
            party is null ? null : new PartyBuildingDto(party.InstructorName, party.FormalMembers, party.Form, party.Form.Chinese(), party.EstablishedOn, party.MustEstablish, party.Version),
            posts.OrderBy(p => p.Until is not null).ThenBy(p => p.Kind).ThenBy(p => p.From)
                .Select(p => new LeadershipPostDto(p.Id, p.PersonName, p.Kind, p.Kind.Chinese(), p.Position, p.From, p.Until)).ToList(),
            congresses.Select(c => new CongressDto(c.Id, c.Term, c.HeldOn, c.TermYears, c.NextDueOn, c.Note)).ToList(),
            await activities.OfAsync(id, ct),
            rectifications.Count == 0 ? "正常" : RectificationNames.StandingText(rectifications[0].Status, rectifications[0].RectifyBy),
            rectifications.Select(RectificationDto.From).ToList(),
            Rectification.RectifiedKinds.Contains(association.Kind) && Rectification.MayOpen(actor, association.RegionCode)
                && rectifications.FirstOrDefault()?.Status is null or RectificationStatus.Passed);
    }

    /// <summary>
    /// 清理整顿: the region's 科协 puts a 学会/协会/农技协 whose 年检 of the year failed or is missing under 整顿, with the reasons and a deadline;
    /// the society's accounts hear of it.
    /// </summary>
    public async Task<RectificationDto> OpenRectificationAsync(Actor actor, Guid associationId, RectificationRequest r, CancellationToken ct = default)
    {
        var association = await ManagedAsync(actor, associationId, ct);
        var data = r.ToData();
        InspectionStatus? ofYear = data.Year is { } year
            ? await db.Inspections.Where(i => i.AssociationId == associationId && i.Year == year).Select(i => (InspectionStatus?)i.Status).FirstOrDefaultAsync(ct)
            : null;
        var latest = await db.Rectifications.Where(x => x.AssociationId == associationId).OrderByDescending(x => x.StartedOn).ThenByDescending(x => x.CreatedAt)
            .Select(x => (RectificationStatus?)x.Status).FirstOrDefaultAsync(ct);
        var rectification = Rectification.Open(Ref(association), association.Kind, data, ofYear, latest, actor, Today());
        db.Rectifications.Add(rectification);
        var leads = await InspectionService.LeadAccountsAsync(db, associationId, ct);
        notifier.Add(leads, NotificationKind.ReviewReturned, $"{association.Name}被列入清理整顿",
            $"因{rectification.Year}年度{rectification.Basis.Chinese()}，{association.Name}被列入清理整顿，请于{rectification.RectifyBy:yyyy年M月d日}前完成整改。整顿原因：{rectification.Reasons}",
            "/Talent/Organizations/Mine", DateTimeOffset.UtcNow, except: actor.UserId);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return RectificationDto.From(rectification);
    }

    /// <summary>The result of a 整顿, once: 整改合格 (back to normal), 撤销（注销） or 停止活动.</summary>
    public async Task<RectificationDto> ConcludeRectificationAsync(Actor actor, Guid rectificationId, RectificationResultRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var rectification = await db.Rectifications.InScope(actor).FirstOrDefaultAsync(x => x.Id == rectificationId, ct) ?? throw new NotFoundException("整顿记录不存在");
        MarketSupport.CheckVersion(rectification.Version, expectedVersion);
        rectification.Conclude(r.Result, r.ConcludedOn, r.Outcome, actor, Today());
        var leads = await InspectionService.LeadAccountsAsync(db, rectification.AssociationId, ct);
        var outcome = rectification.Outcome is null ? string.Empty : $"处理意见：{rectification.Outcome}";
        notifier.Add(leads, rectification.Status == RectificationStatus.Passed ? NotificationKind.ReviewApproved : NotificationKind.ReviewRejected,
            $"清理整顿结果：{rectification.Status.Chinese()}", $"{rectification.AssociationName}的清理整顿结果为“{rectification.Status.Chinese()}”。{outcome}",
            "/Talent/Organizations/Mine", DateTimeOffset.UtcNow, except: actor.UserId);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return RectificationDto.From(rectification);
    }

    /// <summary>Each association's standing from its latest 整顿 ("正常" when none).</summary>
    private async Task<Dictionary<Guid, string>> StandingsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var rows = await db.Rectifications.AsNoTracking().Where(x => ids.Contains(x.AssociationId))
            .Select(x => new { x.AssociationId, x.StartedOn, x.CreatedAt, x.Status, x.RectifyBy }).ToListAsync(ct);
        return rows.GroupBy(x => x.AssociationId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.StartedOn).ThenByDescending(x => x.CreatedAt).Select(x => RectificationNames.StandingText(x.Status, x.RectifyBy)).First());
    }

    public async Task<InspectionDto> SubmitInspectionAsync(Actor actor, Guid associationId, InspectionRequest r, CancellationToken ct = default)
    {
        var association = await ManagedAsync(actor, associationId, ct);
        var data = r.ToData();
        if (data.Year is { } year && await db.Inspections.AnyAsync(i => i.AssociationId == associationId && i.Year == year, ct))
        {
            throw new InvalidTransitionException($"{association.Name}{year}年度的年检已报送");
        }

        var inspection = Inspection.Submit(Ref(association), data, actor, Today());
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync(ct);
        return ToDto(inspection);
    }

    public async Task<InspectionDto> DecideInspectionAsync(Actor actor, Guid inspectionId, InspectionDecisionRequest r, int? expectedVersion, CancellationToken ct = default)
    {
        var inspection = await db.Inspections.InScope(actor).FirstOrDefaultAsync(i => i.Id == inspectionId, ct) ?? throw new NotFoundException("年检记录不存在");
        MarketSupport.CheckVersion(inspection.Version, expectedVersion);
        inspection.Decide(r.Result ?? throw new DomainValidationException("result", "请选择年检结论（合格、基本合格或不合格）"), r.DecidedOn, r.Opinion, actor, Today());
        var kind = inspection.Status == InspectionStatus.Failed ? NotificationKind.ReviewRejected : NotificationKind.ReviewApproved;
        var opinion = inspection.Opinion is null ? string.Empty : $"年检意见：{inspection.Opinion}";
        await NotifySocietyAsync(inspection, kind, $"{inspection.Year}年度年检结论：{inspection.Status.Chinese()}", $"{inspection.AssociationName}{inspection.Year}年度年检结论为“{inspection.Status.Chinese()}”。{opinion}", actor, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return ToDto(inspection);
    }

    /// <summary>The region's admins return a submitted 年检 with a reason; the society hears of it and resubmits.</summary>
    public async Task<InspectionDto> ReturnInspectionAsync(Actor actor, Guid inspectionId, string? reason, int? expectedVersion, CancellationToken ct = default)
    {
        var inspection = await db.Inspections.InScope(actor).FirstOrDefaultAsync(i => i.Id == inspectionId, ct) ?? throw new NotFoundException("年检记录不存在");
        MarketSupport.CheckVersion(inspection.Version, expectedVersion);
        inspection.Return(reason, actor);
        await NotifySocietyAsync(inspection, NotificationKind.ReviewReturned, $"{inspection.Year}年度年检被退回修改", $"{inspection.AssociationName}{inspection.Year}年度年检被退回，原因：{inspection.ReturnReason}。请修改后重新报送。", actor, ct);
        await db.SaveChangesAsync(ct);
        await notifier.AfterSaveAsync(ct);
        return ToDto(inspection);
    }

    /// <summary>The society's accounts (its 会长/副会长, see <see cref="InspectionService.LeadsQuery"/>) and whoever submitted hear of the result.</summary>
    private async Task NotifySocietyAsync(Inspection inspection, NotificationKind kind, string title, string body, Actor actor, CancellationToken ct)
    {
        var leads = await InspectionService.LeadAccountsAsync(db, inspection.AssociationId, ct);
        notifier.Add([.. leads, inspection.SubmittedByUserId], kind, title, body, "/Talent/Organizations/Mine", DateTimeOffset.UtcNow, except: actor.UserId);
    }

    public async Task<PartyBuildingDto> SetPartyAsync(Actor actor, Guid associationId, PartyBuildingRequest r, CancellationToken ct = default)
    {
        var association = await ManagedAsync(actor, associationId, ct);
        var party = await db.PartyBuildings.FirstOrDefaultAsync(p => p.AssociationId == associationId, ct);
        if (party is null)
        {
            party = PartyBuilding.Create(Ref(association), r.ToData(), actor, Today());
            db.PartyBuildings.Add(party);
        }
        else
        {
            party.Update(r.ToData(), actor, Today());
        }

        await db.SaveChangesAsync(ct);
        return new PartyBuildingDto(party.InstructorName, party.FormalMembers, party.Form, party.Form.Chinese(), party.EstablishedOn, party.MustEstablish, party.Version);
    }

    public async Task<LeadershipPostDto> AppointAsync(Actor actor, Guid associationId, LeadershipPostRequest r, CancellationToken ct = default)
    {
        var association = await ManagedAsync(actor, associationId, ct);
        var post = LeadershipPost.Appoint(Ref(association), r.ToData(), actor, Today());
        db.LeadershipPosts.Add(post);
        await db.SaveChangesAsync(ct);
        return new LeadershipPostDto(post.Id, post.PersonName, post.Kind, post.Kind.Chinese(), post.Position, post.From, post.Until);
    }

    public async Task<LeadershipPostDto> EndPostAsync(Actor actor, Guid postId, PostEndRequest r, CancellationToken ct = default)
    {
        var post = await db.LeadershipPosts.InScope(actor).FirstOrDefaultAsync(p => p.Id == postId, ct) ?? throw new NotFoundException("职务记录不存在");
        post.End(r.Until, actor, Today());
        await db.SaveChangesAsync(ct);
        return new LeadershipPostDto(post.Id, post.PersonName, post.Kind, post.Kind.Chinese(), post.Position, post.From, post.Until);
    }

    public async Task<CongressDto> RecordCongressAsync(Actor actor, Guid associationId, CongressRequest r, CancellationToken ct = default)
    {
        var association = await ManagedAsync(actor, associationId, ct);
        var terms = await db.Congresses.Where(c => c.AssociationId == associationId).Select(c => c.Term).ToListAsync(ct);
        var congress = Congress.Record(Ref(association), r.ToData(), terms, actor, Today());
        db.Congresses.Add(congress);
        await db.SaveChangesAsync(ct);
        return new CongressDto(congress.Id, congress.Term, congress.HeldOn, congress.TermYears, congress.NextDueOn, congress.Note);
    }

    /// <summary>The townships (乡镇/街道) under a county or city from the real region tree, each with its 科协 if it has one, and its “三长” in office.</summary>
    public async Task<TownshipCoverageDto> CoverageAsync(string? region, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? throw new DomainValidationException("region", "请选择地区");
        if (code.Length > 6)
        {
            throw new DomainValidationException("region", "请选择县（市、区）或以上地区");
        }

        var today = Today();
        var townships = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Township && r.Code.StartsWith(code))
            .OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(ct);
        var codes = townships.Select(t => t.Code).ToList();
        var associations = await db.Associations.AsNoTracking().Where(a => a.Kind == AssociationKind.Kexie && codes.Contains(a.RegionCode))
            .OrderBy(a => a.Name).Select(a => new { a.Id, a.Name, a.RegionCode }).ToListAsync(ct);
        var threeHeads = await ThreeHeadsAsync(code, today, ct);
        var rows = townships.Select(t =>
        {
            var a = associations.FirstOrDefault(x => x.RegionCode == t.Code);
            return new TownshipCoverageRow(t.Code, t.Name, a?.Id, a?.Name, threeHeads.GetValueOrDefault(t.Code));
        }).ToList();
        var name = await RegionNameAsync(code, ct);
        var covered = rows.Count(r => r.AssociationId is not null);
        return new TownshipCoverageDto(code, name, rows.Count, covered, rows.Count > 0 && covered == rows.Count, rows);
    }

    /// <summary>Counts of a region subtree at the end of <paramref name="year"/>: associations by kind, 学会 members (from each one's latest 年检), 党建, 年检 of the year, the 科协's leadership and township coverage.</summary>
    public async Task<AssociationBuildingDto> StatisticsAsync(string? region, int? year, CancellationToken ct = default)
    {
        var code = MarketSupport.RegionFilter(region) ?? throw new DomainValidationException("region", "请选择地区");
        var y = year ?? Today().Year;
        if (y is < 1980 or > 2100)
        {
            throw new DomainValidationException("year", "年份不正确");
        }

        var end = new DateOnly(y, 12, 31);
        var associations = await db.Associations.AsNoTracking()
            .Where(a => RegionScope.Within(a.RegionCode, code) && (a.EstablishedOn == null || a.EstablishedOn <= end))
            .Select(a => new { a.Id, a.Kind, a.RegionCode }).ToListAsync(ct);
        var societyIds = associations.Where(a => a.Kind == AssociationKind.Society).Select(a => a.Id).ToHashSet();
        var inspectedIds = associations.Where(a => InspectedKinds.Contains(a.Kind)).Select(a => a.Id).ToHashSet();
        var inspections = await db.Inspections.AsNoTracking().Where(i => RegionScope.Within(i.RegionCode, code) && i.Year <= y)
            .Select(i => new { i.AssociationId, i.Year, i.IndividualMembers, i.Status }).ToListAsync(ct);
        var latest = inspections.Where(i => societyIds.Contains(i.AssociationId)).GroupBy(i => i.AssociationId).Select(g => g.MaxBy(i => i.Year)!).ToList();
        var ofYear = inspections.Where(i => i.Year == y && inspectedIds.Contains(i.AssociationId) && i.Status != InspectionStatus.Returned).ToList();
        var parties = await db.PartyBuildings.AsNoTracking().Where(p => RegionScope.Within(p.RegionCode, code))
            .Select(p => new { p.AssociationId, p.InstructorName, p.FormalMembers, p.Form }).ToListAsync(ct);
        var societyParties = parties.Where(p => societyIds.Contains(p.AssociationId)).ToList();
        var ownKexie = associations.Where(a => a.Kind == AssociationKind.Kexie && a.RegionCode == code).Select(a => a.Id).ToList();
        var posts = await db.LeadershipPosts.AsNoTracking().Where(p => ownKexie.Contains(p.AssociationId) && p.From <= end && (p.Until == null || p.Until > end))
            .Select(p => p.Kind).ToListAsync(ct);
        var leadership = posts.Where(k => k is LeadershipKind.FullTimeViceChair or LeadershipKind.SecondedViceChair or LeadershipKind.PartTimeViceChair)
            .GroupBy(k => k).OrderBy(g => g.Key).Select(g => new NamedCount(g.Key.ToString(), g.Key.Chinese(), g.Count(), 0)).ToList();
        var townshipCodes = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Township && r.Code.StartsWith(code)).Select(r => r.Code).ToListAsync(ct);
        var coveredTownships = associations.Where(a => a.Kind == AssociationKind.Kexie && a.RegionCode.Length > 6).Select(a => a.RegionCode).Intersect(townshipCodes).Count();
        var threeHeads = (await ThreeHeadsAsync(code, end, ct)).Values.Sum();
        var byKind = associations.Where(a => a.Kind != AssociationKind.Kexie).GroupBy(a => a.Kind).OrderBy(g => g.Key)
            .Select(g => new KindTally(g.Key, g.Key.Chinese(), g.Count())).ToList();
        var start = new DateOnly(y, 1, 1);
        var heldActivities = await db.SocietyActivities.AsNoTracking().Where(a => RegionScope.Within(a.RegionCode, code) && a.HeldOn >= start && a.HeldOn <= end)
            .Select(a => a.Kind).ToListAsync(ct);
        var byActivityKind = heldActivities.GroupBy(k => k).OrderBy(g => g.Key).Select(g => new NamedCount(g.Key.ToString(), g.Key.Chinese(), g.Count(), 0)).ToList();
        var rectified = await db.Rectifications.AsNoTracking().Where(x => RegionScope.Within(x.RegionCode, code) && x.StartedOn >= start && x.StartedOn <= end)
            .Select(x => new { x.Status, x.ConcludedOn }).ToListAsync(ct);
        int ConcludedAs(RectificationStatus status) => rectified.Count(x => x.Status == status && x.ConcludedOn <= end);
        var threeHeadsTownships = (await ThreeHeadsAsync(code, end, ct)).Keys.Intersect(townshipCodes).Count();
        var ids = associations.Select(a => a.Id).ToList();
        var congresses = await db.Congresses.AsNoTracking().Where(c => RegionScope.Within(c.RegionCode, code) && c.HeldOn <= end)
            .Select(c => new { c.AssociationId, c.Term, c.HeldOn, c.TermYears }).ToListAsync(ct);
        congresses = congresses.Where(c => ids.Contains(c.AssociationId)).ToList();
        var ownCongress = congresses.Where(c => ownKexie.Contains(c.AssociationId) && c.HeldOn >= start).OrderByDescending(c => c.HeldOn).FirstOrDefault();
        var held = congresses.Count(c => !ownKexie.Contains(c.AssociationId) && c.HeldOn >= start);
        var expired = congresses.Where(c => inspectedIds.Contains(c.AssociationId)).GroupBy(c => c.AssociationId)
            .Count(g => g.MaxBy(c => c.HeldOn)! is var last && last.HeldOn.AddYears(last.TermYears) <= end);
        var name = await RegionNameAsync(code, ct);
        var dto = new AssociationBuildingDto(
            code, name, y, societyIds.Count, latest.Sum(i => i.IndividualMembers), byKind,
            societyParties.Count(p => p.InstructorName is not null), parties.Count(p => p.Form == PartyOrganizationForm.Independent),
            parties.Count(p => p.Form == PartyOrganizationForm.Joint),
            parties.Count(p => PartyBuilding.RequiresIndependent(p.FormalMembers) && p.Form != PartyOrganizationForm.Independent),
            inspectedIds.Count, ofYear.Count, ofYear.Count(i => i.Status == InspectionStatus.Passed), ofYear.Count(i => i.Status == InspectionStatus.BasicallyPassed),
            ofYear.Count(i => i.Status == InspectionStatus.Failed), leadership, townshipCodes.Count, coveredTownships, threeHeads, string.Empty,
            heldActivities.Count, byActivityKind,
            rectified.Count, ConcludedAs(RectificationStatus.Passed), ConcludedAs(RectificationStatus.Revoked), ConcludedAs(RectificationStatus.Suspended),
            threeHeadsTownships, ownCongress?.Term, held, expired);
        return dto with { Summary = Summary(dto) };
    }

    /// <summary>
    /// "截至2025年底，大英县有学会54个、会员人数31034人，建有2所高校科协、2所科研院所科协、28家企业科协及3家园区科协；54个学会明确党建指导员，单独建立党组织…；
    /// 2025年度应年检学会、协会56个，已报送56个，合格55个；县科协有专职副主席1名、挂职副主席1名、兼职副主席3名；10个乡镇（街道）均建立科协组织，
    /// 实现乡镇科协组织全覆盖，吸纳“三长”30名。"
    /// </summary>
    public static string Summary(AssociationBuildingDto s)
    {
        var parts = new List<string>();
        var head = s.Societies > 0 ? $"有学会{s.Societies}个、会员人数{s.SocietyMembers}人" : "尚无登记的学会";
        var others = s.ByKind.Where(k => k.Kind != AssociationKind.Society && !UnitKexieOrder.Contains(k.Kind)).Select(k => $"{k.KindName}{k.Count}{Unit(k.Kind)}").ToList();
        if (others.Count > 0)
        {
            head += $"，{string.Join("、", others)}";
        }

        if (UnitKexies(s.ByKind) is { } units)
        {
            head += $"，建有{units}";
        }

        parts.Add(head);
        if (s.WithInstructor > 0 || s.IndependentParty > 0 || s.JointParty > 0)
        {
            var party = $"{s.WithInstructor}个学会明确党建指导员，单独建立党组织{s.IndependentParty}个";
            if (s.JointParty > 0)
            {
                party += $"、联合建立{s.JointParty}个";
            }

            if (s.MustEstablish > 0)
            {
                party += $"，另有{s.MustEstablish}个有3名及以上正式党员尚未单独建立党组织";
            }

            parts.Add(party);
        }

        if (s.SocietyActivities > 0 && s.ActivitiesByKind is { Count: > 0 } activityKinds)
        {
            parts.Add($"{s.Year}年学会（协会）开展学术活动{s.SocietyActivities}个，其中{string.Join("、", activityKinds.Select(k => $"{k.Name}{k.Entries}{Enum.Parse<SocietyActivityKind>(k.Key).Unit()}"))}");
        }

        if (s.InspectionsDue > 0)
        {
            var text = $"指导学会按期年检，{s.Year}年度应年检学会、协会{s.InspectionsDue}个，已报送{s.InspectionsSubmitted}个";
            var decided = new List<string>();
            if (s.Passed > 0)
            {
                decided.Add($"合格{s.Passed}个");
            }

            if (s.BasicallyPassed > 0)
            {
                decided.Add($"基本合格{s.BasicallyPassed}个");
            }

            if (s.Failed > 0)
            {
                decided.Add($"不合格{s.Failed}个");
            }

            parts.Add((decided.Count > 0 ? $"{text}，{string.Join("、", decided)}" : text) + $"，年检合格率{PassRate(s.Passed + s.BasicallyPassed, s.InspectionsDue)}%");
        }

        if (s.Rectified > 0)
        {
            var rectification = $"开展学会清理整顿，整顿{s.Rectified}个、整改合格{s.RectifiedPassed}个、撤销{s.Revoked}个";
            parts.Add(s.Suspended > 0 ? $"{rectification}、停止活动{s.Suspended}个" : rectification);
        }

        if (s.Leadership.Count > 0)
        {
            parts.Add($"{ShortName(s.RegionName)}科协有{string.Join("、", s.Leadership.Select(l => $"{l.Name}{l.Entries}名"))}");
        }

        var congress = new List<string>();
        if (s.OwnCongressTerm is { } term)
        {
            congress.Add($"{s.Year}年召开{ShortName(s.RegionName)}科协第{ChineseNumber(term)}次代表大会，选举产生第{ChineseNumber(term)}届委员会和领导班子");
        }

        if (s.CongressesHeld > 0)
        {
            congress.Add($"{s.Year}年学会（协会）和基层科协完成换届{s.CongressesHeld}个");
        }

        if (s.TermsExpired > 0)
        {
            congress.Add($"届满未换届的学会（协会）{s.TermsExpired}个");
        }

        if (congress.Count > 0)
        {
            parts.Add(string.Join("，", congress));
        }

        if (s.Townships > 0)
        {
            var coverage = s.TownshipsCovered == s.Townships
                ? $"{s.Townships}个乡镇（街道）均建立科协组织，实现乡镇科协组织全覆盖"
                : $"{s.Townships}个乡镇（街道）中{s.TownshipsCovered}个建立科协组织";
            if (s.ThreeHeadsTownships > 0)
            {
                coverage += $"，深入推进{s.ThreeHeadsTownships}个镇（街道）科协组织建设（“3+1”）";
            }

            parts.Add(s.ThreeHeads > 0 ? $"{coverage}，吸纳{s.ThreeHeads}名医院院长、学校校长、农技站长（“三长”）进入乡镇科协领导机构" : coverage);
        }

        return $"截至{s.Year}年底，{s.RegionName}{string.Join("；", parts)}。";
    }

    /// <summary>年检合格率 as the indicator W13 gives it: a percentage with at most two decimals ("98.21", "100").</summary>
    public static string PassRate(int passed, int due) =>
        (due == 0 ? 0m : decimal.Round(passed * 100m / due, 2)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>1 → "一", 5 → "五", 10 → "十", 12 → "十二", 21 → "二十一": how a report numbers a congress (第五次代表大会).</summary>
    public static string ChineseNumber(int n)
    {
        const string Digits = "零一二三四五六七八九";
        string Digit(int d) => Digits.Substring(d, 1);
        return n switch
        {
            < 1 or > 99 => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            < 10 => Digit(n),
            < 20 => "十" + (n % 10 == 0 ? string.Empty : Digit(n % 10)),
            _ => Digit(n / 10) + "十" + (n % 10 == 0 ? string.Empty : Digit(n % 10)),
        };
    }

    /// <summary>The 科协 of units in the seeds' order: "2所高校科协、2所科研院所科协、28家企业科协及3家园区科协".</summary>
    public static readonly AssociationKind[] UnitKexieOrder = [AssociationKind.UniversityKexie, AssociationKind.InstituteKexie, AssociationKind.EnterpriseKexie, AssociationKind.ParkKexie];

    /// <summary>"2所高校科协、2所科研院所科协、28家企业科协及3家园区科协" from the tallies (kinds without one left out); null when there is none.</summary>
    public static string? UnitKexies(IEnumerable<KindTally> byKind)
    {
        var counts = byKind.Where(k => k.Count > 0).ToDictionary(k => k.Kind, k => k.Count);
        var items = UnitKexieOrder.Where(counts.ContainsKey).Select(k => $"{counts[k]}{Unit(k)}{k.Chinese()}").ToList();
        return items.Count switch
        {
            0 => null,
            1 => items[0],
            _ => $"{string.Join("、", items.Take(items.Count - 1))}及{items[^1]}",
        };
    }

    private static string Unit(AssociationKind kind) => kind switch
    {
        AssociationKind.UniversityKexie or AssociationKind.InstituteKexie => "所",
        AssociationKind.EnterpriseKexie or AssociationKind.ParkKexie => "家",
        _ => "个",
    };

    /// <summary>"大英县" → "县", "遂宁市" → "市": how a report names its own 科协 ("县科协").</summary>
    private static string ShortName(string regionName) => regionName.Length > 0 ? regionName[^1..] : regionName;

    private async Task<Dictionary<string, int>> ThreeHeadsAsync(string code, DateOnly on, CancellationToken ct)
    {
        var rows = await db.LeadershipPosts.AsNoTracking()
            .Where(p => p.Kind == LeadershipKind.ThreeHeads && RegionScope.Within(p.RegionCode, code) && p.From <= on && (p.Until == null || p.Until > on))
            .Select(p => p.RegionCode).ToListAsync(ct);
        return rows.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
    }

    private async Task<Association> ManagedAsync(Actor actor, Guid id, CancellationToken ct) =>
        await db.Associations.AsNoTracking().InScope(actor).FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException("组织不存在");

    private async Task<string> RegionNameAsync(string code, CancellationToken ct) =>
        (await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct)) ?? "所选地区";

    private static ManagedAssociation Ref(Association a) => new(a.Id, a.Name, a.RegionCode);

    private static DateOnly Today() => MarketRules.ChinaDate(DateTimeOffset.UtcNow);

    private static InspectionDto ToDto(Inspection i) => InspectionDto.From(i);
}

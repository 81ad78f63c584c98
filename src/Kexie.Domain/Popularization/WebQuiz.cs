using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;

namespace Kexie.Domain.Popularization;

public sealed record WebQuizData(string? RegionCode, string? Title, string? Tag, DateOnly? OpensOn, DateOnly? ClosesOn);

/// <summary>
/// 网上科普知识竞赛: a quiz a region's staff publish on the public website. Each attempt draws up to <see cref="QuizAttempt.Size"/>
/// active questions of the region's 知识竞答 bank (its own and its ancestors', the topic's only when one is set); anyone may take it
/// while it is open (from <see cref="OpensOn"/> to <see cref="ClosesOn"/>, China dates, until closed), signed in or not. Every
/// handed-in attempt is a <see cref="QuizAttempt"/> of the quiz's region, so it counts in the same 知识竞答 人次 as the kiosks'.
/// </summary>
public sealed class WebQuiz : Entity, IRegional
{
    private WebQuiz()
    {
    }

    public string RegionCode { get; private set; } = string.Empty;

    /// <summary>竞赛名称, e.g. 2025年全国科普日网上知识竞赛.</summary>
    public string Title { get; private set; } = string.Empty;

    /// <summary>The topic it draws from (<see cref="ScienceTopics.All"/>); null: every topic of the bank.</summary>
    public string? Tag { get; private set; }

    public DateOnly OpensOn { get; private set; }

    /// <summary>The last day it is open; null: until closed.</summary>
    public DateOnly? ClosesOn { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? PublishedByUserId { get; private set; }

    public static bool MayManage(Actor actor, string regionCode) => actor.UserId is not null && actor.Manages(regionCode);

    public static WebQuiz Publish(WebQuizData data, Actor actor, DateTimeOffset? at = null)
    {
        var region = Regions.RegionCode.Validate(data.RegionCode, "regionCode");
        if (!MayManage(actor, region))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以发布网上知识竞赛");
        }

        var title = Guard.Required(data.Title, "title", "竞赛名称", 50);
        string? tag = null;
        if (!string.IsNullOrWhiteSpace(data.Tag))
        {
            tag = data.Tag.Trim();
            if (!ScienceTopics.All.Contains(tag))
            {
                throw new DomainValidationException("tag", "主题不在科普主题标签中");
            }
        }

        var opens = data.OpensOn ?? throw new DomainValidationException("opensOn", "开始日期不能为空");
        if (data.ClosesOn is { } closes && closes < opens)
        {
            throw new DomainValidationException("closesOn", "结束日期不能早于开始日期");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        return new WebQuiz
        {
            RegionCode = region,
            Title = title,
            Tag = tag,
            OpensOn = opens,
            ClosesOn = data.ClosesOn,
            PublishedByUserId = actor.UserId,
            CreatedAt = when,
            UpdatedAt = when,
        };
    }

    /// <summary>Ends the quiz now: it leaves the website's list and takes no more attempts (past attempts stay counted).</summary>
    public void Close(Actor actor, DateTimeOffset? at = null)
    {
        if (!MayManage(actor, RegionCode))
        {
            throw new NotPermittedException("只有本地区服务中心工作人员或科协管理员可以结束网上知识竞赛");
        }

        if (ClosedAt is not null)
        {
            throw new DomainValidationException("quiz", "竞赛已结束");
        }

        ClosedAt = at ?? DateTimeOffset.UtcNow;
        UpdatedAt = ClosedAt.Value;
    }

    /// <summary>Open on a China date: not closed, and the day lies between the opening and the closing day.</summary>
    public bool IsOpen(DateOnly today) => ClosedAt is null && today >= OpensOn && (ClosesOn is not { } last || today <= last);

    /// <summary>Open now (China date).</summary>
    public bool IsOpenAt(DateTimeOffset now) => IsOpen(MarketRules.ChinaDate(now));
}

using Kexie.Domain.Authorization;
using Kexie.Domain.Identity;

namespace Kexie.Web.Features.ThinkTank;

/// <summary>Think tank (智库) and proposals (建言献策).</summary>
public static class ThinkTankPermissions
{
    private const string Feature = "智库与建言";

    public static readonly Permission ManageCalls = new("thinktank.calls.manage", "发布和关闭课题征集", Feature, PermissionScope.Region, Permission.Admins);
    public static readonly Permission ApplyTopics = new("thinktank.topics.apply", "申报和撤回智库课题", Feature, PermissionScope.SignedIn, Permission.Participants);
    public static readonly Permission ReviewTopics = new("thinktank.topics.review", "评审、立项和结题智库课题", Feature, PermissionScope.Region, Permission.Admins);
    public static readonly Permission SubmitProposals = new("thinktank.proposals.submit", "提交建言献策", Feature, PermissionScope.SignedIn, Permission.Participants);
    public static readonly Permission DecideProposals = new("thinktank.proposals.decide", "登记建言采纳情况", Feature, PermissionScope.Region, Permission.Admins);

    /// <summary>An expert of the 专家库 scores the topics assigned to them (the domain checks it is their assignment).</summary>
    public static readonly Permission ScoreTopics = new("thinktank.topics.score", "作为评审专家为指派给本人的智库课题打分", Feature, PermissionScope.SignedIn, Permission.Participants);

    public static readonly IReadOnlyList<Permission> All = [ManageCalls, ApplyTopics, ReviewTopics, SubmitProposals, DecideProposals, ScoreTopics];
}

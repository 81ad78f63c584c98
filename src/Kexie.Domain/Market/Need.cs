using Kexie.Domain.Common;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Market;

/// <summary>Who may see a published need.</summary>
public enum NeedVisibility
{
    /// <summary>公开: everyone, anonymous visitors included.</summary>
    Public = 1,

    /// <summary>定向/受限: signed-in users only (plus the owner and region managers); matching still uses it.</summary>
    Restricted = 2,
}

/// <summary>The editable facts of a need. Budget bounds are optional (both null: 面议); min ≤ max.</summary>
public sealed record NeedData(
    string? Title,
    string? Problem,
    Guid OrganizationId,
    IReadOnlyList<string>? IndustryCodes,
    IReadOnlyList<string>? DisciplineCodes,
    decimal? BudgetMin,
    decimal? BudgetMax,
    DateOnly? Deadline,
    string? RegionCode,
    NeedVisibility Visibility = NeedVisibility.Public);

/// <summary>
/// 科技需求 (所需): an organization's technology problem. Publishing it opens its 一单一策
/// <see cref="ResponsePlan"/>. See <see cref="Reviewable"/> for the review workflow.
/// </summary>
public sealed class Need : Reviewable
{
    private Need()
    {
    }

    public string Title { get; private set; } = string.Empty;

    /// <summary>问题描述.</summary>
    public string Problem { get; private set; } = string.Empty;

    public Guid OrganizationId { get; private set; }

    public string[] IndustryCodes { get; private set; } = [];

    public string[] DisciplineCodes { get; private set; } = [];

    /// <summary>元; null when open.</summary>
    public decimal? BudgetMin { get; private set; }

    /// <summary>元; null when open.</summary>
    public decimal? BudgetMax { get; private set; }

    /// <summary>期望解决日期 (China date).</summary>
    public DateOnly? Deadline { get; private set; }

    public NeedVisibility Visibility { get; private set; } = NeedVisibility.Public;

    /// <summary>The 一单一策 plan opened when the need was first published.</summary>
    public Guid? ResponsePlanId { get; private set; }

    public bool IsBudgetNegotiable => BudgetMin is null && BudgetMax is null;

    protected override string Noun => "科技需求";

    /// <summary>Creates a draft. The actor must be a member of the organization or a manager of the need's region.</summary>
    public static Need Create(NeedData data, Actor actor, MarketCodes codes, DateTimeOffset? at = null)
    {
        var errors = new FieldErrors();
        if (data.OrganizationId == Guid.Empty)
        {
            errors.Add(new DomainValidationException("organizationId", "需求单位不能为空"));
        }

        var when = at ?? DateTimeOffset.UtcNow;
        var need = new Need { OrganizationId = data.OrganizationId };
        errors.Check(() => need.Apply(data, codes, when));
        errors.ThrowIfAny();
        if (!need.MayEdit(actor))
        {
            throw new NotPermittedException("只能为本单位发布科技需求，或由本地区服务人员代为发布");
        }

        need.Created(actor, when);
        return need;
    }

    public override bool IsOwnedBy(Actor actor) => actor.OrganizationId is { } id && id == OrganizationId;

    /// <summary>A published restricted need is hidden from anonymous visitors.</summary>
    public override bool IsVisibleTo(Actor actor) =>
        (IsPublished && (Visibility == NeedVisibility.Public || actor.IsAuthenticated)) || MayEdit(actor) || MayReview(actor);

    /// <summary>Who closes a need when a deal on it is agreed (shown in its history).</summary>
    public static readonly Actor DealCloser = new("system", "system", UserRole.PlatformAdmin, Regions.RegionCode.Country, DisplayName: "系统（订单签约自动对接）");

    /// <summary>
    /// 已对接: an order answering this need was agreed, so the published need is closed (it leaves the public lists and
    /// the matching) with the order named as the reason. A need no longer published is left as it is.
    /// </summary>
    public bool CloseOnDeal(Order order, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.NeedId != Id || order.AgreedAt is null || order.Status == OrderStatus.Cancelled)
        {
            throw new InvalidTransitionException("只有针对本需求且已签约的订单可以使需求完成对接");
        }

        if (!IsPublished)
        {
            return false;
        }

        Close(DealCloser, $"已对接：订单“{order.Title}”已签约（合同金额{order.ContractAmount:0.00}元）", at ?? order.AgreedAt);
        return true;
    }

    /// <summary>Edits a draft, returned or withdrawn need. The organization cannot be changed.</summary>
    public void Update(NeedData data, Actor actor, MarketCodes codes, DateTimeOffset? at = null)
    {
        RequireEditable(actor);
        if (data.OrganizationId != OrganizationId)
        {
            throw new DomainValidationException("organizationId", "不能更改科技需求的发布单位");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        Apply(data, codes, when);
        Touch(when);
    }

    /// <summary>
    /// Submitted → Published (association admin of the region). On first publication the need's 一单一策 plan
    /// is opened and returned, with its first-response deadline <paramref name="responseWorkingDays"/> working
    /// days later; on a later re-publication (after a withdrawal) the existing plan stays and null is returned.
    /// </summary>
    public ResponsePlan? Publish(Actor actor, IWorkingCalendar calendar, int responseWorkingDays = ResponsePlan.DefaultResponseWorkingDays, DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (responseWorkingDays < 1)
        {
            throw new DomainValidationException("responseWorkingDays", "响应时限至少为1个工作日");
        }

        var when = at ?? DateTimeOffset.UtcNow;
        PublishCore(actor, when);
        if (ResponsePlanId is not null)
        {
            return null;
        }

        var plan = ResponsePlan.Open(this, calendar.AddWorkingDays(when, responseWorkingDays), when);
        ResponsePlanId = plan.Id;
        return plan;
    }

    private void Apply(NeedData data, MarketCodes codes, DateTimeOffset now)
    {
        // Every field is checked, so a form shows all its mistakes at once (FieldErrors).
        var errors = new FieldErrors();
        errors.Check(() => Title = Guard.Required(data.Title, "title", "需求名称", MarketRules.TitleMaxLength));
        errors.Check(() => Problem = Guard.Required(data.Problem, "problem", "问题描述", MarketRules.DescriptionMaxLength));
        errors.Check(() =>
        {
            IndustryCodes = MarketRules.Industries(data.IndustryCodes, codes);
            if (IndustryCodes.Length == 0)
            {
                throw new DomainValidationException("industryCodes", "请至少填写一个所属行业");
            }
        });
        errors.Check(() => DisciplineCodes = MarketRules.Disciplines(data.DisciplineCodes, codes));
        errors.Check(() => (BudgetMin, BudgetMax) = MarketRules.Range(data.BudgetMin, data.BudgetMax, "budgetMin", "budgetMax", "预算"));
        errors.Check(() =>
        {
            if (data.Deadline is { } deadline && deadline < MarketRules.ChinaDate(now))
            {
                throw new DomainValidationException("deadline", "截止日期不能早于今天");
            }

            Deadline = data.Deadline;
        });
        errors.Check(() => RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode"));
        errors.Check(() => Visibility = MarketRules.Defined(data.Visibility, "visibility", "公开范围"));
        errors.ThrowIfAny();
    }
}

using Kexie.Domain.Common;
using Kexie.Domain.Identity;

namespace Kexie.Domain.Market;

/// <summary>The three kinds of 科技所能.</summary>
public enum OfferKind
{
    /// <summary>科技服务: a service the worker or team can provide.</summary>
    Service = 1,

    /// <summary>科技成果: an achievement offered for transfer.</summary>
    Achievement = 2,

    /// <summary>科研项目: a research project they can undertake.</summary>
    Project = 3,
}

/// <summary>How a price is stated.</summary>
public enum PriceMode
{
    /// <summary>面议.</summary>
    Negotiable = 1,

    /// <summary>一口价: <see cref="Offer.PriceMin"/> = <see cref="Offer.PriceMax"/>.</summary>
    Fixed = 2,

    /// <summary>价格区间.</summary>
    Range = 3,
}

/// <summary>成熟度 of an achievement.</summary>
public enum MaturityStage
{
    /// <summary>研发阶段.</summary>
    Research = 1,

    /// <summary>小试/样品阶段.</summary>
    Prototype = 2,

    /// <summary>中试阶段.</summary>
    Pilot = 3,

    /// <summary>小批量生产.</summary>
    SmallBatch = 4,

    /// <summary>规模化生产（产业化）.</summary>
    Industrialised = 5,
}

/// <summary>转化方式 of an achievement; several may be offered.</summary>
[Flags]
public enum TransferModes
{
    None = 0,

    /// <summary>许可使用.</summary>
    Licence = 1,

    /// <summary>转让.</summary>
    Assignment = 2,

    /// <summary>合作开发.</summary>
    JointDevelopment = 4,

    /// <summary>作价投资（作价入股）.</summary>
    EquityInvestment = 8,

    All = Licence | Assignment | JointDevelopment | EquityInvestment,
}

public static class OfferNames
{
    public static string Chinese(this OfferKind kind) => kind switch
    {
        OfferKind.Service => "科技服务",
        OfferKind.Achievement => "科技成果",
        OfferKind.Project => "科研项目",
        _ => kind.ToString(),
    };

    public static string Chinese(this MaturityStage stage) => stage switch
    {
        MaturityStage.Research => "研发阶段",
        MaturityStage.Prototype => "小试/样品阶段",
        MaturityStage.Pilot => "中试阶段",
        MaturityStage.SmallBatch => "小批量生产",
        MaturityStage.Industrialised => "规模化生产",
        _ => stage.ToString(),
    };

    public static string Chinese(this TransferModes modes)
    {
        var names = new List<string>();
        if (modes.HasFlag(TransferModes.Licence))
        {
            names.Add("许可使用");
        }

        if (modes.HasFlag(TransferModes.Assignment))
        {
            names.Add("转让");
        }

        if (modes.HasFlag(TransferModes.JointDevelopment))
        {
            names.Add("合作开发");
        }

        if (modes.HasFlag(TransferModes.EquityInvestment))
        {
            names.Add("作价投资");
        }

        return string.Join("、", names);
    }
}

/// <summary>
/// The editable facts of an offer. Achievement fields (<see cref="MaturityStage"/>, <see cref="PatentNumbers"/>,
/// <see cref="TransferModes"/>) are required/kept only for <see cref="OfferKind.Achievement"/> and cleared for
/// other kinds. With <see cref="PriceMode.Negotiable"/> the prices are cleared; <see cref="PriceMode.Fixed"/> needs
/// <see cref="PriceMin"/>; <see cref="PriceMode.Range"/> needs both bounds.
/// </summary>
public sealed record OfferData(
    OfferKind Kind,
    string? Title,
    string? Description,
    Guid ProviderWorkerId,
    string? TeamName,
    Guid? StorefrontId,
    IReadOnlyList<string>? DisciplineCodes,
    IReadOnlyList<string>? IndustryCodes,
    string? RegionCode,
    PriceMode PriceMode,
    decimal? PriceMin = null,
    decimal? PriceMax = null,
    string? PriceUnit = null,
    MaturityStage? MaturityStage = null,
    IReadOnlyList<string>? PatentNumbers = null,
    TransferModes TransferModes = TransferModes.None);

/// <summary>What a caller may do with an offer besides the review actions (<see cref="ReviewActions"/>).</summary>
public static class OfferActions
{
    /// <summary>发起询价: open an order on the offer (<c>POST /api/v1/orders</c> with its id).</summary>
    public const string Inquire = "inquire";
}

/// <summary>
/// 科技所能: what a science worker (or the team they lead) offers. The provider is the worker
/// <see cref="ProviderWorkerId"/>; a team offer also carries <see cref="TeamName"/>. See <see cref="Reviewable"/>
/// for the review workflow.
/// </summary>
public sealed class Offer : Reviewable
{
    private Offer()
    {
    }

    public OfferKind Kind { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string Description { get; private set; } = string.Empty;

    /// <summary>The worker who provides (for a team: its lead); they own the offer.</summary>
    public Guid ProviderWorkerId { get; private set; }

    public string? TeamName { get; private set; }

    public Guid? StorefrontId { get; private set; }

    public string[] DisciplineCodes { get; private set; } = [];

    public string[] IndustryCodes { get; private set; } = [];

    public PriceMode PriceMode { get; private set; } = PriceMode.Negotiable;

    /// <summary>元; null when negotiable.</summary>
    public decimal? PriceMin { get; private set; }

    /// <summary>元; null when negotiable; equals <see cref="PriceMin"/> for a fixed price.</summary>
    public decimal? PriceMax { get; private set; }

    /// <summary>计价单位, e.g. “每次”、“每项”、“每年”.</summary>
    public string? PriceUnit { get; private set; }

    public MaturityStage? MaturityStage { get; private set; }

    public string[] PatentNumbers { get; private set; } = [];

    public TransferModes TransferModes { get; private set; }

    protected override string Noun => "科技所能";

    /// <summary>Creates a draft. The actor must be the providing worker or a manager of the offer's region.</summary>
    public static Offer Create(OfferData data, Actor actor, MarketCodes codes, DateTimeOffset? at = null)
    {
        var errors = new FieldErrors();
        if (data.ProviderWorkerId == Guid.Empty)
        {
            errors.Add(new DomainValidationException("providerWorkerId", "提供者（科技工作者）不能为空"));
        }

        var offer = new Offer { ProviderWorkerId = data.ProviderWorkerId };
        errors.Check(() => offer.Apply(data, codes));
        errors.ThrowIfAny();
        if (!offer.MayEdit(actor))
        {
            throw new NotPermittedException("只能以本人身份发布科技所能，或由本地区服务人员代为发布");
        }

        offer.Created(actor, at ?? DateTimeOffset.UtcNow);
        return offer;
    }

    public override bool IsOwnedBy(Actor actor) => actor.ScienceWorkerId is { } id && id == ProviderWorkerId;

    /// <summary>
    /// Whether the actor may ask for a price (发起询价, <see cref="OfferActions.Inquire"/>): a published offer, asked for by an
    /// organization's member (for their organization) or by a manager of the offer's region (for an organization they manage).
    /// </summary>
    public bool MayInquire(Actor actor) => IsPublished && MayStartInquiries(actor) && (actor.OrganizationId is not null || actor.Manages(RegionCode));

    /// <summary>Who may send inquiries at all: an organization's member, or a region's managers on an organization's behalf.</summary>
    public static bool MayStartInquiries(Actor actor) => actor.OrganizationId is not null || actor.IsRegionManager;

    /// <summary>Edits a draft, returned or withdrawn offer. The provider cannot be changed.</summary>
    public void Update(OfferData data, Actor actor, MarketCodes codes, DateTimeOffset? at = null)
    {
        RequireEditable(actor);
        if (data.ProviderWorkerId != ProviderWorkerId)
        {
            throw new DomainValidationException("providerWorkerId", "不能更改科技所能的提供者");
        }

        Apply(data, codes);
        Touch(at ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Submitted → Published (association admin of the region).</summary>
    public void Publish(Actor actor, DateTimeOffset? at = null) => PublishCore(actor, at ?? DateTimeOffset.UtcNow);

    private void Apply(OfferData data, MarketCodes codes)
    {
        // Every field is checked, so a form shows all its mistakes at once (FieldErrors).
        var errors = new FieldErrors();
        errors.Check(() => Kind = MarketRules.Defined(data.Kind, "kind", "所能类型"));
        errors.Check(() => Title = Guard.Required(data.Title, "title", "名称", MarketRules.TitleMaxLength));
        errors.Check(() => Description = Guard.Required(data.Description, "description", "详细介绍", MarketRules.DescriptionMaxLength));
        errors.Check(() => TeamName = Guard.Optional(data.TeamName, "teamName", "团队名称", 50));
        StorefrontId = data.StorefrontId == Guid.Empty ? null : data.StorefrontId;
        errors.Check(() =>
        {
            DisciplineCodes = MarketRules.Disciplines(data.DisciplineCodes, codes);
            IndustryCodes = MarketRules.Industries(data.IndustryCodes, codes);
            if (DisciplineCodes.Length == 0 && IndustryCodes.Length == 0)
            {
                throw new DomainValidationException("disciplineCodes", "学科代码和行业代码至少填写一项");
            }
        });
        errors.Check(() => RegionCode = Regions.RegionCode.Validate(data.RegionCode, "regionCode"));
        errors.Check(() => ApplyPrice(data));
        errors.Check(() => ApplyAchievement(data));
        errors.ThrowIfAny();
    }

    private void ApplyPrice(OfferData data)
    {
        PriceMode = MarketRules.Defined(data.PriceMode, "priceMode", "报价方式");
        PriceUnit = Guard.Optional(data.PriceUnit, "priceUnit", "计价单位", 20);
        switch (PriceMode)
        {
            case PriceMode.Negotiable:
                PriceMin = null;
                PriceMax = null;
                PriceUnit = null;
                break;
            case PriceMode.Fixed:
                var price = data.PriceMin ?? data.PriceMax
                    ?? throw new DomainValidationException("priceMin", "一口价须填写价格");
                PriceMin = PriceMax = Guard.Yuan(price, "priceMin", "价格");
                break;
            default:
                if (data.PriceMin is null)
                {
                    throw new DomainValidationException("priceMin", "价格区间须填写最低价");
                }

                if (data.PriceMax is null)
                {
                    throw new DomainValidationException("priceMax", "价格区间须填写最高价");
                }

                (PriceMin, PriceMax) = MarketRules.Range(data.PriceMin, data.PriceMax, "priceMin", "priceMax", "价格");
                break;
        }
    }

    private void ApplyAchievement(OfferData data)
    {
        if (Kind != OfferKind.Achievement)
        {
            MaturityStage = null;
            PatentNumbers = [];
            TransferModes = TransferModes.None;
            return;
        }

        MaturityStage = data.MaturityStage is { } stage
            ? MarketRules.Defined(stage, "maturityStage", "成熟度")
            : throw new DomainValidationException("maturityStage", "科技成果须填写成熟度");
        if ((data.TransferModes & ~TransferModes.All) != 0)
        {
            throw new DomainValidationException("transferModes", "转化方式取值不正确");
        }

        if (data.TransferModes == TransferModes.None)
        {
            throw new DomainValidationException("transferModes", "科技成果须至少选择一种转化方式");
        }

        TransferModes = data.TransferModes;
        PatentNumbers = MarketRules.PatentNumbers(data.PatentNumbers);
    }
}

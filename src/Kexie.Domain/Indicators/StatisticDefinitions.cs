using System.Linq.Expressions;
using Kexie.Domain.Market;

namespace Kexie.Domain.Indicators;

/// <summary>
/// One definition per number: which records count for the market statistics and on which day, shared by the
/// indicator facts (<see cref="FactDerivation"/>), Market/Stats and the annual report (docs/decisions.md 27).
/// A deal is an order agreed (已签约) and not cancelled, dated by its agreement; a published need or offer counts on
/// the day it was published, also when it was withdrawn or closed later (a past period's figure never changes).
/// </summary>
public static class StatisticDefinitions
{
    /// <summary>An order that is a deal (E05/E06, Market/Stats 成交): agreed and not cancelled.</summary>
    public static readonly Expression<Func<Order, bool>> IsDeal = o => o.AgreedAt != null && o.Status != OrderStatus.Cancelled;

    /// <summary>A need that counts as published (E02, Market/Stats 发布需求): it was published, whatever became of it.</summary>
    public static readonly Expression<Func<Need, bool>> NeedPublished = n => n.PublishedAt != null;

    /// <summary>An offer that counts as published (W03, E08, E09, Market/Stats 发布服务): it was published, withdrawn later or not.</summary>
    public static readonly Expression<Func<Offer, bool>> OfferPublished = o => o.PublishedAt != null;

    /// <summary>The instant a deal counts on: its agreement; null when the order is no deal.</summary>
    public static DateTimeOffset? DealDate(Order order) => order.IsDeal ? order.AgreedAt : null;
}

using Kexie.Domain.Common;
using Kexie.Domain.Identity;
using Kexie.Domain.Market;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.Market;

/// <summary>The 审核 workflow, exercised on offers (shared by needs and fair projects through <see cref="Reviewable"/>).</summary>
public class ReviewWorkflowTests
{
    private static readonly DateTimeOffset T = Monday0900;

    /// <summary>Drives a fresh offer into <paramref name="status"/> through legal steps.</summary>
    private static Offer OfferIn(ReviewStatus status)
    {
        var offer = DraftOffer();
        switch (status)
        {
            case ReviewStatus.Draft:
                break;
            case ReviewStatus.Submitted:
                offer.Submit(Worker, T);
                break;
            case ReviewStatus.Published:
                offer.Submit(Worker, T);
                offer.Publish(CountyAdmin, T);
                break;
            case ReviewStatus.Returned:
                offer.Submit(Worker, T);
                offer.Return(CountyAdmin, "请补充报价依据", T);
                break;
            case ReviewStatus.Rejected:
                offer.Submit(Worker, T);
                offer.Reject(CountyAdmin, "与科技服务无关", T);
                break;
            case ReviewStatus.Withdrawn:
                offer.Submit(Worker, T);
                offer.Withdraw(Worker, null, T);
                break;
            case ReviewStatus.Closed:
                offer.Submit(Worker, T);
                offer.Publish(CountyAdmin, T);
                offer.Close(Worker, "已不再提供", T);
                break;
        }

        Assert.Equal(status, offer.Status);
        return offer;
    }

    private static readonly Dictionary<string, (Action<Offer> Act, ReviewStatus[] From, ReviewStatus To)> Steps = new()
    {
        ["submit"] = (o => o.Submit(Worker, T), [ReviewStatus.Draft, ReviewStatus.Returned, ReviewStatus.Withdrawn], ReviewStatus.Submitted),
        ["publish"] = (o => o.Publish(CountyAdmin, T), [ReviewStatus.Submitted], ReviewStatus.Published),
        ["return"] = (o => o.Return(CountyAdmin, "请补充材料", T), [ReviewStatus.Submitted], ReviewStatus.Returned),
        ["reject"] = (o => o.Reject(CountyAdmin, "不符合要求", T), [ReviewStatus.Submitted], ReviewStatus.Rejected),
        ["withdraw"] = (o => o.Withdraw(Worker, null, T), [ReviewStatus.Submitted, ReviewStatus.Returned, ReviewStatus.Published], ReviewStatus.Withdrawn),
        ["close"] = (o => o.Close(Worker, "已完成", T), [ReviewStatus.Published], ReviewStatus.Closed),
    };

    public static TheoryData<string, ReviewStatus> AllStepsFromAllStatuses()
    {
        var data = new TheoryData<string, ReviewStatus>();
        foreach (var step in Steps.Keys)
        {
            foreach (var status in Enum.GetValues<ReviewStatus>())
            {
                data.Add(step, status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllStepsFromAllStatuses))]
    public void Each_step_is_legal_exactly_from_its_source_statuses(string step, ReviewStatus from)
    {
        var offer = OfferIn(from);
        var (act, sources, to) = Steps[step];
        var version = offer.Version;
        var history = offer.ReviewHistory.Count;

        if (sources.Contains(from))
        {
            act(offer);
            Assert.Equal(to, offer.Status);
            Assert.Equal(version + 1, offer.Version);
            Assert.Equal(history + 1, offer.ReviewHistory.Count);
            Assert.Equal(from, offer.ReviewHistory[^1].From);
            Assert.Equal(to, offer.ReviewHistory[^1].To);
        }
        else
        {
            var ex = Assert.Throws<InvalidTransitionException>(() => act(offer));
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            Assert.Equal(from, offer.Status);
            Assert.Equal(version, offer.Version);
            Assert.Equal(history, offer.ReviewHistory.Count);
        }
    }

    [Fact]
    public void A_new_offer_is_a_draft_with_a_creation_record()
    {
        var offer = DraftOffer();
        Assert.Equal(ReviewStatus.Draft, offer.Status);
        Assert.False(offer.IsPublished);
        Assert.Equal(0, offer.Version);
        var record = Assert.Single(offer.ReviewHistory);
        Assert.Equal("u-worker", record.ActorUserId);
        Assert.Equal(T, offer.CreatedAt);
    }

    [Fact]
    public void Full_history_records_who_when_from_to_and_why()
    {
        var offer = DraftOffer();
        offer.Submit(Worker, T.AddHours(1));
        offer.Return(CountyAdmin, "请补充报价依据", T.AddHours(2));
        offer.Submit(Worker, T.AddHours(3));
        offer.Publish(CountyAdmin, T.AddHours(4));

        var steps = offer.ReviewHistory.Skip(1).Select(r => (r.From, r.To, r.ActorUserId, r.Reason, r.At)).ToList();
        Assert.Equal(
            [
                (ReviewStatus.Draft, ReviewStatus.Submitted, "u-worker", null, T.AddHours(1)),
                (ReviewStatus.Submitted, ReviewStatus.Returned, "u-admin", "请补充报价依据", T.AddHours(2)),
                (ReviewStatus.Returned, ReviewStatus.Submitted, "u-worker", null, T.AddHours(3)),
                (ReviewStatus.Submitted, ReviewStatus.Published, "u-admin", null, T.AddHours(4)),
            ],
            steps);
        Assert.Equal(UserRole.AssociationAdmin, offer.ReviewHistory[^1].ActorRole);
        Assert.Equal(T.AddHours(4), offer.PublishedAt);
        Assert.Equal(T.AddHours(3), offer.SubmittedAt);
        Assert.True(offer.IsPublished);
        Assert.Null(offer.StatusReason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Return_reject_and_close_require_a_reason(string? reason)
    {
        var submitted = OfferIn(ReviewStatus.Submitted);
        Assert.Equal("reason", Assert.Throws<DomainValidationException>(() => submitted.Return(CountyAdmin, reason, T)).Field);
        Assert.Equal("reason", Assert.Throws<DomainValidationException>(() => submitted.Reject(CountyAdmin, reason, T)).Field);
        Assert.Equal(ReviewStatus.Submitted, submitted.Status);

        var published = OfferIn(ReviewStatus.Published);
        var ex = Assert.Throws<DomainValidationException>(() => published.Close(CountyAdmin, reason, T));
        Assert.Equal("reason", ex.Field);
        Assert.Contains("关闭原因", ex.Message);
        Assert.Equal(ReviewStatus.Published, published.Status);
    }

    [Fact]
    public void The_reason_is_kept_for_the_owner()
    {
        var offer = OfferIn(ReviewStatus.Submitted);
        offer.Return(CountyAdmin, "  请补充报价依据 ", T);
        Assert.Equal("请补充报价依据", offer.StatusReason);
        Assert.Equal("请补充报价依据", offer.ReviewHistory[^1].Reason);
    }

    [Fact]
    public void Withdraw_reason_is_optional_but_bounded()
    {
        var offer = OfferIn(ReviewStatus.Published);
        var ex = Assert.Throws<DomainValidationException>(() => offer.Withdraw(Worker, new string('长', 501), T));
        Assert.Equal("reason", ex.Field);
        offer.Withdraw(Worker, "暂停接单", T);
        Assert.Equal("暂停接单", offer.StatusReason);
    }

    [Fact]
    public void Only_managers_of_the_region_review()
    {
        // Which of the region's managers review (by default its admins) is the review permission's grant, decided before
        // the domain is asked; the domain refuses anyone who does not manage the item's region.
        foreach (var actor in new[] { Worker, OtherCountyStaff, OtherCountyAdmin, Buyer, Actor.Public })
        {
            var offer = OfferIn(ReviewStatus.Submitted);
            Assert.Throws<NotPermittedException>(() => offer.Publish(actor, T));
            Assert.Throws<NotPermittedException>(() => offer.Return(actor, "理由", T));
            Assert.Throws<NotPermittedException>(() => offer.Reject(actor, "理由", T));
            Assert.Equal(ReviewStatus.Submitted, offer.Status);
        }

        var byCity = OfferIn(ReviewStatus.Submitted);
        byCity.Publish(CityAdmin, T); // the city's admin manages the county subtree
        Assert.True(byCity.IsPublished);

        var byPlatform = OfferIn(ReviewStatus.Submitted);
        byPlatform.Publish(Actor.System, T);
        Assert.True(byPlatform.IsPublished);
    }

    [Fact]
    public void Owners_and_region_staff_submit_and_withdraw_others_may_not()
    {
        var offer = DraftOffer();
        Assert.Throws<NotPermittedException>(() => offer.Submit(OtherWorker, T));
        Assert.Throws<NotPermittedException>(() => offer.Submit(OtherCountyStaff, T));
        Assert.Throws<NotPermittedException>(() => offer.Submit(Actor.Public, T));
        offer.Submit(Staff, T); // 保姆式: staff may submit on the owner's behalf
        Assert.Equal(ReviewStatus.Submitted, offer.Status);
        Assert.Throws<NotPermittedException>(() => offer.Withdraw(OtherWorker, null, T));
        offer.Withdraw(Worker, null, T);
        Assert.Equal(ReviewStatus.Withdrawn, offer.Status);
    }

    [Fact]
    public void A_published_item_may_be_closed_by_its_owner_or_a_reviewer_only()
    {
        var offer = OfferIn(ReviewStatus.Published);
        Assert.Throws<NotPermittedException>(() => offer.Close(OtherWorker, "理由", T));
        Assert.Throws<NotPermittedException>(() => offer.Close(OtherCountyAdmin, "理由", T));
        offer.Close(CountyAdmin, "违反平台规定，下架", T);
        Assert.Equal(ReviewStatus.Closed, offer.Status);
        Assert.Equal("违反平台规定，下架", offer.StatusReason);
    }

    [Theory]
    [InlineData(ReviewStatus.Draft, true)]
    [InlineData(ReviewStatus.Returned, true)]
    [InlineData(ReviewStatus.Withdrawn, true)]
    [InlineData(ReviewStatus.Submitted, false)]
    [InlineData(ReviewStatus.Published, false)]
    [InlineData(ReviewStatus.Rejected, false)]
    [InlineData(ReviewStatus.Closed, false)]
    public void Only_draft_returned_and_withdrawn_items_are_editable(ReviewStatus status, bool editable)
    {
        var offer = OfferIn(status);
        Assert.Equal(editable, offer.IsEditable);
        var data = ServiceOfferData("修改后的标题");
        if (editable)
        {
            var version = offer.Version;
            offer.Update(data, Worker, Codes, T);
            Assert.Equal("修改后的标题", offer.Title);
            Assert.Equal(version + 1, offer.Version);
        }
        else
        {
            var ex = Assert.Throws<InvalidTransitionException>(() => offer.Update(data, Worker, Codes, T));
            if (status == ReviewStatus.Published)
            {
                Assert.Contains("请先撤回", ex.Message);
            }

            Assert.NotEqual("修改后的标题", offer.Title);
        }
    }

    [Fact]
    public void Only_published_items_are_visible_to_the_public()
    {
        var draft = OfferIn(ReviewStatus.Draft);
        Assert.False(draft.IsVisibleTo(Actor.Public));
        Assert.False(draft.IsVisibleTo(OtherWorker));
        Assert.True(draft.IsVisibleTo(Worker));
        Assert.True(draft.IsVisibleTo(Staff));
        Assert.True(draft.IsVisibleTo(CityAdmin));
        Assert.False(draft.IsVisibleTo(OtherCountyAdmin));

        Assert.True(OfferIn(ReviewStatus.Published).IsVisibleTo(Actor.Public));
        Assert.False(OfferIn(ReviewStatus.Closed).IsVisibleTo(Actor.Public));
        Assert.False(OfferIn(ReviewStatus.Withdrawn).IsVisibleTo(Actor.Public));
    }

    [Fact]
    public void Attachments_are_added_and_removed_while_editable()
    {
        var offer = DraftOffer();
        var attachment = offer.AddAttachment(new AttachmentData("成果简介.pdf", 1024, "application/PDF", "files/2025/abc"), Worker, T);
        Assert.Equal("application/pdf", attachment.ContentType);
        Assert.Equal("u-worker", attachment.UploadedByUserId);
        Assert.Single(offer.Attachments);
        Assert.Equal(1, offer.Version);

        offer.RemoveAttachment(attachment.Id, Worker, T);
        Assert.Empty(offer.Attachments);
        Assert.Equal("attachmentId", Assert.Throws<DomainValidationException>(() => offer.RemoveAttachment(Guid.NewGuid(), Worker, T)).Field);

        offer.Submit(Worker, T);
        Assert.Throws<InvalidTransitionException>(() => offer.AddAttachment(new AttachmentData("a.pdf", 1, "application/pdf", "k"), Worker, T));
        Assert.Throws<NotPermittedException>(() => DraftOffer().AddAttachment(new AttachmentData("a.pdf", 1, "application/pdf", "k"), OtherWorker, T));
    }

    [Theory]
    [InlineData("", 10, "application/pdf", "k", "fileName")]
    [InlineData("../etc/passwd", 10, "application/pdf", "k", "fileName")]
    [InlineData("a.pdf", 0, "application/pdf", "k", "sizeBytes")]
    [InlineData("a.pdf", 20L * 1024 * 1024 + 1, "application/pdf", "k", "sizeBytes")]
    [InlineData("a.exe", 10, "application/x-msdownload", "k", "contentType")]
    [InlineData("a.pdf", 10, "", "k", "contentType")]
    [InlineData("a.pdf", 10, "application/pdf", " ", "storageKey")]
    public void Attachment_metadata_is_validated(string name, long size, string type, string key, string field)
    {
        var offer = DraftOffer();
        var ex = Assert.Throws<DomainValidationException>(() => offer.AddAttachment(new AttachmentData(name, size, type, key), Worker, T));
        Assert.Equal(field, ex.Field);
        Assert.Empty(offer.Attachments);
    }

    [Fact]
    public void At_most_ten_attachments()
    {
        var offer = DraftOffer();
        for (var i = 0; i < Attachment.MaxPerItem; i++)
        {
            offer.AddAttachment(new AttachmentData($"{i}.png", 100, "image/png", $"k{i}"), Worker, T);
        }

        var ex = Assert.Throws<DomainValidationException>(() => offer.AddAttachment(new AttachmentData("x.png", 100, "image/png", "kx"), Worker, T));
        Assert.Equal("attachments", ex.Field);
        Assert.Equal(Attachment.MaxPerItem, offer.Attachments.Count);
    }

    [Fact]
    public void Status_names_are_Chinese()
    {
        Assert.Equal("待审核", ReviewStatus.Submitted.Chinese());
        Assert.Equal("已退回", ReviewStatus.Returned.Chinese());
        Assert.All(Enum.GetValues<ReviewStatus>(), s => Assert.NotEqual(s.ToString(), s.Chinese()));
    }
}

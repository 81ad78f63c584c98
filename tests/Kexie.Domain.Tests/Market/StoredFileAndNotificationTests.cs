using Kexie.Domain.Common;
using Kexie.Domain.Market;
using static Kexie.Domain.Tests.Market.MarketFixtures;

namespace Kexie.Domain.Tests.Market;

public class StoredFileAndNotificationTests
{
    private static readonly DateTimeOffset T = Monday0900;
    private static readonly string Hash = new('a', 64);

    private static AttachmentData Pdf(long size = 2048, string? type = "application/pdf", string? name = "技术服务合同.pdf") =>
        new(name, size, type, "0123456789abcdef0123456789abcdef");

    [Fact]
    public void A_party_uploads_a_contract_file_to_a_live_order()
    {
        var order = Order.Create(OrderData(), Buyer, T);
        var file = StoredFile.ForOrder(order, Pdf(), Hash.ToUpperInvariant(), 0, Worker, T);
        Assert.Equal(order.Id, file.OrderId);
        Assert.Equal("技术服务合同.pdf", file.FileName);
        Assert.Equal(Hash, file.Sha256);
        Assert.Equal("u-worker", file.UploadedByUserId);
        Assert.Equal(T, file.CreatedAt);
        Assert.NotNull(StoredFile.ForOrder(order, Pdf(), Hash, 0, Staff, T));
    }

    [Fact]
    public void Strangers_final_orders_too_many_files_and_bad_metadata_are_refused()
    {
        var order = Order.Create(OrderData(), Buyer, T);
        Assert.Throws<NotPermittedException>(() => StoredFile.ForOrder(order, Pdf(), Hash, 0, OtherBuyer, T));
        Assert.Throws<NotPermittedException>(() => StoredFile.ForOrder(order, Pdf(), Hash, 0, OtherCountyStaff, T));
        Assert.Equal("file", Assert.Throws<DomainValidationException>(() => StoredFile.ForOrder(order, Pdf(), Hash, StoredFile.MaxPerOrder, Buyer, T)).Field);
        Assert.Equal("sizeBytes", Assert.Throws<DomainValidationException>(() => StoredFile.ForOrder(order, Pdf(size: Attachment.MaxSizeBytes + 1), Hash, 0, Buyer, T)).Field);
        Assert.Equal("contentType", Assert.Throws<DomainValidationException>(() => StoredFile.ForOrder(order, Pdf(type: "text/html"), Hash, 0, Buyer, T)).Field);
        Assert.Equal("fileName", Assert.Throws<DomainValidationException>(() => StoredFile.ForOrder(order, Pdf(name: "../etc/passwd"), Hash, 0, Buyer, T)).Field);
        Assert.Equal("sha256", Assert.Throws<DomainValidationException>(() => StoredFile.ForOrder(order, Pdf(), "xyz", 0, Buyer, T)).Field);
        order.Cancel(Buyer, "需求取消", T);
        Assert.Throws<InvalidTransitionException>(() => StoredFile.ForOrder(order, Pdf(), Hash, 0, Buyer, T));
    }

    [Fact]
    public void The_contract_an_order_was_agreed_on_cannot_be_removed_other_files_can()
    {
        var order = Order.Create(OrderData(), Buyer, T);
        var contract = StoredFile.ForOrder(order, Pdf(), Hash, 0, Buyer, T);
        var draft = StoredFile.ForOrder(order, Pdf(), Hash, 1, Buyer, T);
        var providers = StoredFile.ForOrder(order, Pdf(), Hash, 2, Worker, T);
        Assert.Equal(OrderParty.Buyer, draft.UploadedByParty);
        order.Propose(Buyer, 1000m, null, contract.Id.ToString(), T);
        Assert.Throws<InvalidTransitionException>(() => contract.EnsureRemovable(order, Buyer)); // the pending proposal's contract
        order.Confirm(Worker, T);
        Assert.Throws<InvalidTransitionException>(() => contract.EnsureRemovable(order, Buyer));
        draft.EnsureRemovable(order, Buyer);
        Assert.Throws<NotPermittedException>(() => draft.EnsureRemovable(order, Worker)); // the other side's file
        Assert.Throws<NotPermittedException>(() => providers.EnsureRemovable(order, Buyer));
        providers.EnsureRemovable(order, Worker);
        Assert.Throws<NotPermittedException>(() => draft.EnsureRemovable(order, OtherWorker));
        var other = Order.Create(OrderData(), Buyer, T);
        Assert.Throws<NotPermittedException>(() => draft.EnsureRemovable(other, Buyer));
    }

    [Fact]
    public void A_notification_is_shortened_to_fit_and_read_once()
    {
        var title = new string('题', 300);
        var n = Notification.Create("u-buyer", NotificationKind.CandidateProposed, title, new string('文', 2000), "/market/needs/1", T, "k1");
        Assert.Equal(Notification.TitleMaxLength, n.Title.Length);
        Assert.EndsWith("…", n.Title);
        Assert.Equal(Notification.BodyMaxLength, n.Body.Length);
        Assert.False(n.IsRead);
        n.MarkRead(T.AddMinutes(1));
        n.MarkRead(T.AddMinutes(5));
        Assert.Equal(T.AddMinutes(1), n.ReadAt);
        Assert.Equal("新的候选", NotificationKind.CandidateProposed.Chinese());
    }

    [Theory]
    [InlineData("https://evil.example/x")]
    [InlineData("//evil.example/x")]
    [InlineData("javascript:alert(1)")]
    public void A_notification_links_only_inside_the_site(string link) =>
        Assert.Equal("link", Assert.Throws<DomainValidationException>(() => Notification.Create("u", NotificationKind.OrderInquiry, "标题", "内容", link, T)).Field);

    [Fact]
    public void A_notification_needs_a_recipient_a_title_and_a_known_kind()
    {
        Assert.Equal("recipientUserId", Assert.Throws<DomainValidationException>(() => Notification.Create(" ", NotificationKind.OrderInquiry, "标题", null, null, T)).Field);
        Assert.Equal("title", Assert.Throws<DomainValidationException>(() => Notification.Create("u", NotificationKind.OrderInquiry, "", null, null, T)).Field);
        Assert.Equal("kind", Assert.Throws<DomainValidationException>(() => Notification.Create("u", (NotificationKind)99, "标题", null, null, T)).Field);
    }
}

using System.Text;
using CaseManagement.Alerts.Intake;
using CaseManagement.Feed.Delivering;
using CaseManagement.Feed.Subscribing;
using FluentAssertions;

namespace CaseManagement.UnitTests.Alerts;

/// <summary>A signed alert delivery is taken only when signed with the source's secret over the exact bytes, and fresh.</summary>
public sealed class the_signed_delivery_check
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 8, 15, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private static readonly string Secret = WebhookSecret.Generate();
    private static readonly string OtherSecret = WebhookSecret.Generate();
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"1763626443.1843112"}""");

    private static DeliveryHeaders Signed(DateTimeOffset sentAt, string secret, string id = "msg_1", byte[]? body = null) =>
        new(id, sentAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            WebhookSignature.Sign(secret, id, sentAt.ToUnixTimeSeconds(), body ?? Body));

    public static TheoryData<string, DeliveryHeaders, string?> Cases => new()
    {
        { "signed with the secret a minute ago, because that is a fresh delivery", Signed(Now.AddMinutes(-1), Secret), null },
        { "signed just inside the tolerance, because the tolerance is inclusive", Signed(Now.AddMinutes(-5), Secret), null },
        { "two signatures, one of them right, because a sender rotating its secret sends both",
            Signed(Now, Secret) with { Signature = $"{Signed(Now, OtherSecret).Signature} {Signed(Now, Secret).Signature}" }, null },
        { "signed with another secret, because only the source's secret proves the source", Signed(Now, OtherSecret), "does not match" },
        { "signed over other bytes, because the signature covers the body exactly as sent",
            Signed(Now, Secret, body: Encoding.UTF8.GetBytes("""{"id":"other"}""")), "does not match" },
        { "signed for another webhook-id, because the id is part of what is signed", Signed(Now, Secret) with { Id = "msg_2" }, "does not match" },
        { "signed six minutes ago, because a stale delivery may be a replay", Signed(Now.AddMinutes(-6), Secret), "behind the service's clock" },
        { "signed six minutes ahead, because a sender's clock that far off cannot be trusted either", Signed(Now.AddMinutes(6), Secret), "ahead of the service's clock" },
        { "no signature header, because all three Standard Webhooks headers are needed", Signed(Now, Secret) with { Signature = null }, "lacks webhook-signature" },
        { "a timestamp that is not Unix seconds, because an ISO date is not the Standard Webhooks form",
            Signed(Now, Secret) with { Timestamp = "2026-11-20T08:15:00Z" }, "Unix seconds" },
        { "a webhook-id longer than 200 characters, because ids are stored to refuse replays", Signed(Now, Secret, id: new string('x', 201)), "longer than 200" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void a_delivery_is_taken_or_refused_with_the_reason(string situation, DeliveryHeaders headers, string? refusedFor)
    {
        var problem = SignedDelivery.Problem(headers, Secret, Body, Now, Tolerance);

        if (refusedFor is null)
        {
            problem.Should().BeNull(situation);
        }
        else
        {
            problem.Should().Contain(refusedFor, situation);
        }
    }
}

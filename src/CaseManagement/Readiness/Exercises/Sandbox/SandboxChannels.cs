using System.Security.Cryptography;
using System.Text;
using CaseManagement.Notifications.Channels;
using Marten;

namespace CaseManagement.Readiness.Exercises.Sandbox;

/// <summary>
/// The only way an exercise's notices leave the service (ADR 24): the sandbox SMTP server of <c>Exercises:Sandbox:Smtp</c>
/// (the local sink in build/run.sh and the tests). Without one, an exercise's deliveries fail with that reason; the real
/// channels are never a fallback.
/// </summary>
public sealed class SandboxChannels(IDocumentStore store, TimeProvider real, SmtpEmailChannel? smtp)
{
    public const string Section = "Exercises:Sandbox:Smtp";

    /// <summary>The channel a campaign of an exercise tenant sends through, as that exercise stands now.</summary>
    public async Task<INotificationChannel> ForAsync(string tenant, string channel, CancellationToken ct)
    {
        if (!ExerciseTenants.TryParse(tenant, out var organisation, out var exerciseId))
        {
            throw new InvalidOperationException($"{tenant} is not an exercise; its notices use the organisation's channels.");
        }

        await using var session = store.QuerySession(organisation);
        var exercise = await session.LoadAsync<Exercise>(exerciseId, ct) ?? throw new InvalidOperationException($"Exercise {exerciseId} of {organisation} does not exist.");
        return new SandboxChannel(channel, exercise, smtp, real);
    }

    private sealed class SandboxChannel(string name, Exercise exercise, SmtpEmailChannel? smtp, TimeProvider real) : INotificationChannel
    {
        private readonly IReadOnlyList<string> _participants = [.. exercise.Participants.Select(p => p.Email).OfType<string>()];

        public string Name => name;

        public async Task<DeliveryResult> SendAsync(OutgoingNotice notice, CancellationToken ct)
        {
            if (smtp is null)
            {
                return new DeliveryResult(false, false, $"no sandbox channel is configured ({Section}:Host); an exercise never uses the real channels", null);
            }

            if (exercise.ChannelFailingUntil is { } until && exercise.Clock.CaseTimeAt(real.GetUtcNow()) < until)
            {
                return new DeliveryResult(false, true, $"sandbox channel: the exercise's mail provider is failing until {until.UtcDateTime:O} (exercise time)", null);
            }

            var to = exercise.NoticesToParticipants && _participants.Count > 0 ? Participant(notice.To) : notice.To;
            return await smtp.SendAsync(notice with { To = to, Subject = $"[Exercise: {exercise.Title}] {notice.Subject ?? $"{name} notice"}" }, ct);
        }

        // The same generated shopper always reaches the same participant, so a resent notice lands where the first one did.
        private string Participant(string to) =>
            _participants[(int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(to.ToLowerInvariant())), 0) % (uint)_participants.Count)];
    }
}

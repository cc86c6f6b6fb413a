using System.Text;
using MimeKit;
using MimeKit.Text;

namespace CaseManagement.Notifications.Channels;

/// <summary>Turns a notice into the email <see cref="SmtpEmailChannel"/> sends; public so a benchmark can send the very same message.</summary>
public static class NoticeEmail
{
    public const string NoticeIdHeader = "X-Notice-Id";

    /// <summary>
    /// The email for <paramref name="notice"/>. The Message-Id comes from the idempotency key, so every retry of a
    /// notice carries the same one and the recipient's side can recognise a duplicate.
    /// </summary>
    /// <exception cref="ArgumentException">The notice cannot be an email (no subject, no valid address); sending it again will not help.</exception>
    public static MimeMessage Create(OutgoingNotice notice, MailboxAddress from)
    {
        if (notice.Subject is null)
        {
            throw new ArgumentException("An email notice needs a subject.", nameof(notice));
        }

        var message = new MimeMessage
        {
            Subject = notice.Subject,
            MessageId = MessageId(notice.IdempotencyKey, from.Domain),
            Body = Text(notice.Body),
        };
        message.From.Add(from);
        message.To.Add(Mailbox(notice.ToName, notice.To));
        message.Headers.Add(NoticeIdHeader, notice.IdempotencyKey);
        return message;
    }

    /// <summary>
    /// <c>key@domain</c> (MimeKit adds the angle brackets). Characters a Message-Id may not hold, and '%' itself, are
    /// percent-encoded from their UTF-8 bytes: the same key always gives the same id, and two keys never share one.
    /// </summary>
    public static string MessageId(string idempotencyKey, string domain)
    {
        var id = new StringBuilder(idempotencyKey.Length + domain.Length + 1);
        var previous = '.';
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in idempotencyKey.EnumerateRunes())
        {
            // A dot may not start or end the id nor follow another dot (dot-atom-text, RFC 5322 §3.2.3).
            var plainDot = rune.Value == '.' && previous != '.';
            if (plainDot || IsAtext(rune))
            {
                id.Append((char)rune.Value);
            }
            else
            {
                foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
                {
                    id.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            previous = id[^1];
        }

        if (id.Length > 0 && id[^1] == '.')
        {
            id.Length--;
            id.Append("%2E");
        }

        return id.Append('@').Append(domain).ToString();
    }

    /// <summary>A bare address (<c>local@domain</c>) with an optional display name.</summary>
    /// <exception cref="ArgumentException">Not such an address.</exception>
    public static MailboxAddress Mailbox(string? name, string address)
    {
        if (!MailboxAddress.TryParse(address, out var parsed) || parsed.Domain.Length == 0 || !string.IsNullOrEmpty(parsed.Name))
        {
            throw new ArgumentException($"'{address}' is not an email address.", nameof(address));
        }

        return new MailboxAddress(name, parsed.Address);
    }

    private static TextPart Text(string body)
    {
        var part = new TextPart(TextFormat.Plain);
        part.SetText(Encoding.UTF8, body);
        return part;
    }

    private static bool IsAtext(Rune rune) =>
        rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || "!#$&'*+-/=?^_`{|}~".Contains((char)rune.Value, StringComparison.Ordinal));
}

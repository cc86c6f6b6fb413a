using System.Security.Cryptography;
using System.Text;

namespace CaseManagement.Incidents;

/// <summary>
/// Streams that belong to one incident without being its own, whose ids derive from the incident's so nothing has to
/// look them up: its escalations and its access log. Kept off the incident stream so that background work and reads
/// never move the version a responder holds.
/// </summary>
public static class IncidentStreams
{
    public static Guid Escalations(Guid incidentId) => Derived($"{incidentId:N}/escalations");

    public static Guid AccessLog(Guid incidentId) => Derived($"{incidentId:N}/access-log");

    /// <summary>The legal hold on the incident's evidence (placed, lifted).</summary>
    public static Guid EvidenceHold(Guid incidentId) => Derived($"{incidentId:N}/evidence-hold");

    /// <summary>The incident's post-incident review (Readiness, ADR 24).</summary>
    public static Guid Review(Guid incidentId) => Derived($"{incidentId:N}/review");

    /// <summary>A name-based id: the same name always gives the same UUID (RFC 9562 version 8 layout over SHA-256).</summary>
    public static Guid Derived(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}

using CaseManagement.Notifications.Channels;

namespace NotificationBenchmark;

/// <summary>The notices both sides send: a breach notice of realistic length with UTF-8 text, one person each.</summary>
internal static class BenchNotice
{
    public const string Subject = "Wichtig: Datenpanne bei Möbel Müller – was Sie jetzt tun können";

    public const string Body = """
        Sehr geehrte Kundin, sehr geehrter Kunde,

        am 3. März 2026 haben wir festgestellt, dass Unbefugte zwischen dem 12. Februar und dem 3. März 2026 Zugriff auf
        unseren Online-Shop hatten. Dabei können Ihr Name, Ihre E-Mail-Adresse, Ihre Lieferanschrift und Ihre
        Bestellhistorie eingesehen worden sein. Zahlungsdaten speichern wir nicht; sie waren nicht betroffen.

        Was wir tun: Wir haben den Zugang geschlossen, alle Zugangsdaten erneuert, die zuständige Aufsichtsbehörde
        informiert und externe Forensiker beauftragt.

        Was Sie tun können: Seien Sie vorsichtig bei E-Mails, die sich auf Bestellungen bei uns beziehen und nach
        Passwörtern oder Zahlungsdaten fragen. Ändern Sie Ihr Passwort, falls Sie es auch anderswo verwenden.

        Fragen beantwortet unser Datenschutzbeauftragter unter datenschutz@moebel-mueller.example oder +49 30 1234567.

        Mit freundlichen Grüßen
        Möbel Müller GmbH
        """;

    public static OutgoingNotice For(int round, int index) =>
        new($"bench-{round}.person-{index}", $"person{index}@example.org", $"Zoë Müller {index}", Subject, Body);
}

namespace CaseManagement.Notifications.Templates;

/// <summary>
/// How many SMS segments a text needs. Carriers and providers refuse or truncate long concatenated messages, and
/// every segment is billed, so a notice over <see cref="MaxSegments"/> is refused before anything is sent.
/// </summary>
internal static class SmsLength
{
    /// <summary>10 segments: 1,530 GSM-7 characters or 670 UCS-2 characters, under the common 1,600-character provider cap.</summary>
    public const int MaxSegments = 10;

    // GSM 03.38 default alphabet; the extension table's characters take two septets (escape + character).
    private const string Gsm7 =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Gsm7Extension = "\f^{}\\[~]|€";

    public static (int Segments, string Encoding) Of(string text)
    {
        if (text.All(c => Gsm7.Contains(c) || Gsm7Extension.Contains(c)))
        {
            var septets = text.Sum(c => Gsm7Extension.Contains(c) ? 2 : 1);
            return (Segments(septets, single: 160, perPart: 153), "GSM-7");
        }
        // UCS-2 counts UTF-16 code units, so an emoji (a surrogate pair) takes two.
        return (Segments(text.Length, single: 70, perPart: 67), "UCS-2");
    }

    private static int Segments(int units, int single, int perPart) =>
        units <= single ? 1 : (units + perPart - 1) / perPart;
}

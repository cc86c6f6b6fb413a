namespace CaseManagement.Notifications.Channels;

/// <summary>The three outcomes a channel reports, so each channel only decides which one applies.</summary>
internal static class Delivery
{
    private const int ExcerptLength = 500;

    public static DeliveryResult Accepted(string response, string? providerMessageId) => new(true, false, response, providerMessageId);

    /// <summary>Not delivered; a later attempt may succeed.</summary>
    public static DeliveryResult Transient(string response) => new(false, true, response, null);

    /// <summary>Not delivered because the provider did not answer at all; the same for every notice until it is back.</summary>
    public static DeliveryResult Unreachable(string response) => new(false, true, response, null, Unreachable: true);

    /// <summary>Not delivered, and retrying the same notice will not change that.</summary>
    public static DeliveryResult Permanent(string response) => new(false, false, response, null);

    /// <summary>Provider text cut to a length fit to keep as delivery proof on every notice.</summary>
    public static string Excerpt(string text) => text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";
}

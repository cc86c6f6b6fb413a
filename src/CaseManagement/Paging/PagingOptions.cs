namespace CaseManagement.Paging;

/// <summary>Settings under "Paging" (docs/adr/0032).</summary>
public sealed class PagingOptions
{
    public const string Section = "Paging";

    /// <summary>The service's address as people reach it (e.g. https://ir.example.com), put before the links in a page; without it pages carry paths.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long an acknowledgement link is good for.</summary>
    public double LinkValidHours { get; set; } = 24;

    /// <summary>
    /// The key acknowledgement links are signed with (base64 of at least 32 bytes), the same on every node. Without it the service
    /// generates one on first use and keeps it in the database, which every node reads.
    /// </summary>
    public string? LinkKey { get; set; }

    public string Absolute(string path) => PublicBaseUrl is { Length: > 0 } root ? root.TrimEnd('/') + path : path;
}

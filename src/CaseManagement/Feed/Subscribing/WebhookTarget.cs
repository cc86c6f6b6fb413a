using System.Net;
using System.Net.Sockets;

namespace CaseManagement.Feed.Subscribing;

/// <summary>
/// Where the service may POST events. A subscription URL is the integrator's to choose, so without care it would let
/// them probe the service's own network: the cloud metadata service, the database, admin ports. Public https targets
/// only; loopback and private networks (and plain http to them) only where Feed:AllowPrivateTargets says so; link-local,
/// metadata, multicast and reserved addresses never. The same rules are applied again to the address actually connected to,
/// so a name that resolves differently later (DNS rebinding) gains nothing.
/// </summary>
public static class WebhookTarget
{
    public const int MaxLength = 2000;
    private const string Opt = "Feed:AllowPrivateTargets";

    private static readonly IPAddress[] MetadataServices =
    [
        IPAddress.Parse("169.254.169.254"), IPAddress.Parse("169.254.170.2"), IPAddress.Parse("100.100.100.200"), IPAddress.Parse("fd00:ec2::254"),
    ];

    /// <summary>What can be said of the URL itself, without asking DNS.</summary>
    public static string? SyntaxProblem(string? url, bool allowPrivate, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return "is required";
        }

        if (url.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters";
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
        {
            return "must be an absolute URL, e.g. https://hooks.example.com/casemanagement";
        }

        if (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)
        {
            return $"must use https (got {parsed.Scheme})";
        }

        if (parsed.UserInfo.Length > 0)
        {
            return "must not carry credentials (user:password@); receivers authenticate deliveries by their webhook-signature header";
        }

        if (url.Contains('#', StringComparison.Ordinal))
        {
            return "must not have a fragment (#…): it is never sent to the receiver";
        }

        if (parsed.Scheme == Uri.UriSchemeHttp && !allowPrivate)
        {
            return $"must use https; plain http is only for loopback or private targets where {Opt} is on";
        }

        uri = parsed;
        return null;
    }

    /// <summary>Why the service must not connect to <paramref name="address"/> with <paramref name="scheme"/>, or null.</summary>
    public static string? AddressProblem(IPAddress address, string scheme, bool allowPrivate)
    {
        var (kind, what) = Classify(address);
        return kind switch
        {
            AddressKind.Forbidden => $"{address} is {what}, never a target",
            AddressKind.Private when !allowPrivate => $"{address} is {what}; targets must be public unless {Opt} is on",
            AddressKind.Public when scheme == Uri.UriSchemeHttp => $"{address} is public: use https (plain http is only for loopback or private targets)",
            _ => null,
        };
    }

    /// <summary>The URL's problem, looking up its host's addresses: every one must be acceptable.</summary>
    public static async Task<string?> ProblemAsync(string? url, bool allowPrivate, CancellationToken ct)
    {
        if (SyntaxProblem(url, allowPrivate, out var uri) is { } problem)
        {
            return problem;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri!.DnsSafeHost, ct);
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            addresses = [];
        }

        if (addresses.Length == 0)
        {
            return $"the host {uri!.Host} could not be resolved";
        }

        return addresses.Select(a => AddressProblem(a, uri!.Scheme, allowPrivate)).FirstOrDefault(p => p is not null) is { } refused
            ? $"{uri!.Host} resolves to a refused address: {refused}"
            : null;
    }

    /// <summary>An address literal stands for itself; a name is looked up.</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);

    private enum AddressKind { Public, Private, Forbidden }

    private static (AddressKind Kind, string What) Classify(IPAddress address)
    {
        if (MetadataServices.Any(m => m.Equals(address)))
        {
            return (AddressKind.Forbidden, "a cloud metadata service");
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return Classify(address.MapToIPv4());
        }

        return address.AddressFamily == AddressFamily.InterNetwork ? ClassifyV4(address.GetAddressBytes()) : ClassifyV6(address);
    }

    private static (AddressKind, string) ClassifyV4(byte[] b) => b switch
    {
        [0, ..] => (AddressKind.Forbidden, "the unspecified network"),
        [169, 254, ..] => (AddressKind.Forbidden, "link-local"),
        [>= 224, ..] => (AddressKind.Forbidden, "multicast, broadcast or reserved"),
        [127, ..] => (AddressKind.Private, "loopback"),
        [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] => (AddressKind.Private, "a private network address"),
        [100, >= 64 and <= 127, ..] => (AddressKind.Private, "a carrier-grade NAT address"),
        [198, 18 or 19, ..] => (AddressKind.Private, "a benchmarking network address"),
        _ => (AddressKind.Public, "public"),
    };

    private static (AddressKind, string) ClassifyV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last four bytes.
        if (b is [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..])
        {
            return ClassifyV4(b[12..]);
        }

        return address switch
        {
            _ when address.Equals(IPAddress.IPv6None) => (AddressKind.Forbidden, "the unspecified address"),
            _ when address.Equals(IPAddress.IPv6Loopback) => (AddressKind.Private, "loopback"),
            { IsIPv6LinkLocal: true } => (AddressKind.Forbidden, "link-local"),
            { IsIPv6Multicast: true } => (AddressKind.Forbidden, "multicast"),
            { IsIPv6UniqueLocal: true } or { IsIPv6SiteLocal: true } => (AddressKind.Private, "a private network address"),
            _ => (AddressKind.Public, "public"),
        };
    }
}

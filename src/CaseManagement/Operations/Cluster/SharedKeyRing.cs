using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace CaseManagement.Operations.Cluster;

/// <summary>One ASP.NET Core data-protection key, as the framework writes it.</summary>
public sealed class DataProtectionKey
{
    public string Id { get; set; } = "";

    public string Xml { get; set; } = "";
}

/// <summary>
/// The key ring that protects session cookies, sign-in correlation and antiforgery tokens, kept in PostgreSQL so that a
/// cookie one node wrote opens on every other node behind the proxy. The keys sit beside the data they guard: whoever
/// reads the database can forge a session, as whoever can read it can already read the cases (docs/operations.md).
/// </summary>
public sealed class SharedKeyRing(IDocumentStore store) : IXmlRepository
{
    public const string ApplicationName = "casemanagement";

    // The framework's interface is synchronous; it reads the ring at start and when a key nears expiry, not per request.
    public IReadOnlyCollection<XElement> GetAllElements() => LoadAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => SaveAsync(element, friendlyName).GetAwaiter().GetResult();

    private async Task<IReadOnlyCollection<XElement>> LoadAsync()
    {
        await using var session = store.QuerySession();
        return [.. (await session.Query<DataProtectionKey>().ToListAsync()).Select(k => XElement.Parse(k.Xml))];
    }

    private async Task SaveAsync(XElement element, string friendlyName)
    {
        await using var session = store.LightweightSession();
        session.Store(new DataProtectionKey { Id = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        await session.SaveChangesAsync();
    }

    /// <summary>Keys are looked up before anyone's organisation is known, so they are not tenanted.</summary>
    public static void ConfigureStore(StoreOptions opts) => opts.Schema.For<DataProtectionKey>().SingleTenanted();

    public static void AddTo(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new SharedKeyRing(sp.GetRequiredService<IDocumentStore>())));
    }
}

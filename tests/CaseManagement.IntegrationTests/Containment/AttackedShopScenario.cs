using CaseManagement.IntegrationTests.Infrastructure;
using CaseManagement.Security;
using CaseManagement.Shops;

namespace CaseManagement.IntegrationTests.Containment;

/// <summary>A scenario with an attacked shop of its own, registered by an admin before each test and dropped after it.</summary>
public abstract class AttackedShopScenario(AppFixture fixture, ShopPlatform platform, string prefix) : ServiceScenario(fixture), IAsyncLifetime
{
    protected AttackedShop Shop { get; private set; } = null!;

    protected IncidentApi Admin => ApiAs("ada.admin@shop.test", Organisation, Roles.Admin);

    public async Task InitializeAsync()
    {
        Shop = await AttackedShop.CreateAsync(platform, prefix);
        await Admin.SendAsync(HttpMethod.Post, "/api/shops", Shop.Registration(), 201);
    }

    public async Task DisposeAsync() => await Shop.DisposeAsync();
}

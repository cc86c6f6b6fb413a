using Marten;

namespace CaseManagement.ShopRegistry;

/// <summary>The shops an organisation registered, with their credentials encrypted (documents, not streams).</summary>
public static class ShopRegistryModule
{
    public static void ConfigureStore(StoreOptions opts) => opts.Schema.For<RegisteredShop>();

    /// <summary>The demo shop's registration, beside the demo incident.</summary>
    public static IServiceCollection AddShopRegistry(this IServiceCollection services, IConfiguration configuration) =>
        configuration.GetValue<bool>("CaseManagement:SeedDemoIncident") ? services.AddHostedService<DemoShopSeeder>() : services;
}

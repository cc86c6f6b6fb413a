using CaseManagement.Shops.ShopActions;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Tests.Infrastructure;

namespace CaseManagement.Shops.Tests.ShopActions;

/// <summary>A shop in a database of its own, since every containment test changes it; the adapter connects as the read-write user.</summary>
public abstract class ContainedShop(ShopPlatform platform, string prefix) : IAsyncDisposable
{
    private ShopDatabase? database;

    public string Prefix { get; } = prefix;

    public ShopDatabase Database => database ?? throw new InvalidOperationException("Created in CreateAsync.");

    public ShopConnectionSettings Settings => Database.Settings(platform, Prefix, readOnly: false);

    public IShopContainment Containment => ShopContainments.For(Settings);

    /// <param name="table">Without the prefix.</param>
    public Task<IReadOnlyList<string>> RowsAsync(string table, string where = "1 = 1") => Database.RowsAsync(Prefix + table, where);

    /// <summary>Every row of each table (<see cref="SchemaInspection.RowsAsync"/>), to compare the shop before and after.</summary>
    public async Task<Dictionary<string, IReadOnlyList<string>>> DumpAsync(params string[] tables)
    {
        var dump = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var table in tables)
        {
            dump[table] = await RowsAsync(table);
        }

        return dump;
    }

    public async ValueTask DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    private protected async Task CreateAsync(Func<ShopDatabase, Task> seed)
    {
        database = await ShopDatabase.CreateAsync();
        await seed(database);
    }
}

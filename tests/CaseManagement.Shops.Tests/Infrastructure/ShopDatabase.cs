using System.Security.Cryptography;
using CaseManagement.ShopGeneration;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Schema;
using MySqlConnector;

namespace CaseManagement.Shops.Tests.Infrastructure;

/// <summary>
/// A throwaway shop database on the test MariaDB, named <c>shop_t_&lt;random&gt;</c> and dropped on disposal.
/// Give each test class its own (through <see cref="ShopDatabaseFixture"/>) so classes can run in parallel.
/// The server comes from <c>ConnectionStrings__ShopTests</c> (and <c>…ShopTestsReadOnly</c>), falling back to
/// the local server that <c>build/db-up.sh</c> starts.
/// </summary>
public sealed class ShopDatabase : IAsyncDisposable
{
    public const string DefaultConnectionString =
        "Server=127.0.0.1;Port=53306;Database=shop_tests;User ID=casemanagement;Password=casemanagement";

    /// <summary>The user with SELECT on every <c>shop_%</c> database (CM_MARIADB_RO_USER in build/lib/common.sh).</summary>
    public const string ReadOnlyUser = "casemanagement_ro";

    private const string ReadOnlyPassword = "casemanagement_ro";

    private readonly string serverConnectionString;

    private ShopDatabase(string name, string serverConnectionString, string connectionString, string readOnlyConnectionString)
    {
        Name = name;
        this.serverConnectionString = serverConnectionString;
        ConnectionString = connectionString;
        ReadOnlyConnectionString = readOnlyConnectionString;
    }

    public string Name { get; }

    /// <summary>Connects as the application user, who may create and drop tables here.</summary>
    public string ConnectionString { get; }

    /// <summary>Connects as <see cref="ReadOnlyUser"/>, who may only SELECT, as an adapter would on a real shop.</summary>
    public string ReadOnlyConnectionString { get; }

    /// <param name="namePrefix">Must start with "shop_", the only databases the test users may use.</param>
    public static async Task<ShopDatabase> CreateAsync(string namePrefix = "shop_t_", CancellationToken cancellationToken = default)
    {
        if (!namePrefix.StartsWith("shop_", StringComparison.Ordinal))
        {
            throw new ArgumentException("Test shop databases must be named shop_…, the pattern the test users are granted.", nameof(namePrefix));
        }

        var name = namePrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var configured = new MySqlConnectionStringBuilder(
            Environment.GetEnvironmentVariable("ConnectionStrings__ShopTests") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultConnectionString);
        var server = new MySqlConnectionStringBuilder(configured.ConnectionString) { Database = "" };
        var database = new MySqlConnectionStringBuilder(configured.ConnectionString) { Database = name };
        var readOnly = Environment.GetEnvironmentVariable("ConnectionStrings__ShopTestsReadOnly") is { Length: > 0 } readOnlyFromEnvironment
            ? new MySqlConnectionStringBuilder(readOnlyFromEnvironment) { Database = name }
            : new MySqlConnectionStringBuilder(configured.ConnectionString) { Database = name, UserID = ReadOnlyUser, Password = ReadOnlyPassword };

        await using (var connection = new MySqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new ShopDatabase(name, server.ConnectionString, database.ConnectionString, readOnly.ConnectionString);
    }

    public async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await OpenAsync(ConnectionString, cancellationToken);

    public async Task<MySqlConnection> OpenReadOnlyAsync(CancellationToken cancellationToken = default) =>
        await OpenAsync(ReadOnlyConnectionString, cancellationToken);

    /// <summary>Creates the platform's tables (for WooCommerce including the HPOS tables) with the given prefix.</summary>
    public async Task CreateSchemaAsync(ShopPlatform platform, string prefix, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ShopSchema.CreateAsync(connection, platform, prefix, cancellationToken);
    }

    /// <summary>Creates WordPress and WooCommerce tables, with or without the HPOS tables a shop only has once HPOS was enabled.</summary>
    public async Task CreateWooCommerceSchemaAsync(string prefix, bool includeHposTables, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ShopSchema.CreateWooCommerceAsync(connection, prefix, includeHposTables, cancellationToken);
    }

    /// <summary>Settings an adapter would get for this database; read-only unless asked otherwise.</summary>
    public ShopConnectionSettings Settings(ShopPlatform platform, string prefix, string? timeZone = null, bool readOnly = true) =>
        new(platform, readOnly ? ReadOnlyConnectionString : ConnectionString, prefix, timeZone);

    /// <summary>Creates the schema and writes a generated shop, as <see cref="ShopGenerator"/> does for a real run.</summary>
    public Task<ShopGenerationResult> GenerateAsync(
        ShopPlatform platform,
        string prefix,
        ShopGenerationOptions options,
        string timeZone = "UTC",
        WooCommerceOrderStorage orderStorage = WooCommerceOrderStorage.Hpos,
        CancellationToken cancellationToken = default) =>
        ShopGenerator.GenerateAsync(Settings(platform, prefix, timeZone, readOnly: false), options, orderStorage, progress: null, cancellationToken);

    /// <summary>Runs a query as the read-only user and returns its rows; TIMESTAMP columns read as UTC.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QueryAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenReadOnlyAsync();
        await using var command = Command(sql, connection, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The first column of the first row (read-only user), converted to <typeparamref name="T"/>; default when there is no row or it is NULL.</summary>
    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenReadOnlyAsync();
        await using var command = Command(sql, connection, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull
            ? default
            : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a statement as the application user (for test setup or containment writes); returns the affected rows.</summary>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(sql, connection, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await using (var pooled = new MySqlConnection(ConnectionString))
        {
            await MySqlConnection.ClearPoolAsync(pooled);
        }

        await using (var pooled = new MySqlConnection(ReadOnlyConnectionString))
        {
            await MySqlConnection.ClearPoolAsync(pooled);
        }

        await using var connection = new MySqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{Name}`", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static MySqlCommand Command(string sql, MySqlConnection connection, (string Name, object? Value)[] parameters)
    {
        var command = new MySqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static async Task<MySqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Magento keeps UTC in TIMESTAMP columns and reads them with the session at +00:00.
            await using var command = new MySqlCommand("SET time_zone = '+00:00'", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

/// <summary>One <see cref="ShopDatabase"/> per test class: <c>class the_my(ShopDatabaseFixture shop) : IClassFixture&lt;ShopDatabaseFixture&gt;</c>.</summary>
public sealed class ShopDatabaseFixture : IAsyncLifetime
{
    private ShopDatabase? database;

    public ShopDatabase Database => database ?? throw new InvalidOperationException("The shop database is created in InitializeAsync.");

    public async Task InitializeAsync() => database = await ShopDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}

using System.IO.Compression;
using System.Text;
using CaseManagement.Shops.Evidence;
using CaseManagement.ShopGeneration;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Tests.Infrastructure;
using MySqlConnector;

namespace CaseManagement.Shops.Tests.Evidence;

/// <summary>
/// Two generated shops to preserve: WooCommerce with prefix wp7_ (plus a table of every awkward column type, a table of
/// another application without the prefix, and a view), and Magento without a prefix. Both hold a multi-byte name
/// and binary bytes that must come back exactly.
/// </summary>
public sealed class EvidenceShops : IAsyncLifetime
{
    public const string WooPrefix = "wp7_";
    public const string Name = "Zoë Łukasiewicz";
    public const string JapaneseName = "山田";

    /// <summary>Every byte a string literal must escape, and a few that break naive hex or quoting.</summary>
    public static readonly byte[] Binary = [0x00, 0xFF, 0x27, 0x5C, 0x0A, 0x0D, 0x1A, 0x22, 0x80, 0xC3];

    /// <summary>Text that needs every escape, with a character outside the BMP.</summary>
    public const string Awkward = "O'Brien \\ \"q\" \n\r\t \0 \u001a 😀 山田";

    private static readonly DateTimeOffset From = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private ShopDatabase? woo;
    private ShopDatabase? magento;

    public ShopDatabase Woo => woo ?? throw new InvalidOperationException("created in InitializeAsync");

    public ShopDatabase Magento => magento ?? throw new InvalidOperationException("created in InitializeAsync");

    public ShopConnectionSettings WooSettings => Woo.Settings(ShopPlatform.WooCommerce, WooPrefix);

    public ShopConnectionSettings MagentoSettings => Magento.Settings(ShopPlatform.Magento, "");

    public async Task InitializeAsync()
    {
        woo = await ShopDatabase.CreateAsync();
        magento = await ShopDatabase.CreateAsync();
        var options = new ShopGenerationOptions(Customers: 60, Orders: 250, Seed: 17, From, From.AddDays(30));
        await Task.WhenAll(Woo.GenerateAsync(ShopPlatform.WooCommerce, WooPrefix, options), Magento.GenerateAsync(ShopPlatform.Magento, "", options));

        await Woo.ExecuteAsync(
            $"""
             INSERT INTO {WooPrefix}users (user_login, user_email, user_registered, display_name) VALUES ('zoe.l', 'zoe.l@example.test', '2025-05-01 10:00:00', @name);
             INSERT INTO {WooPrefix}usermeta (user_id, meta_key, meta_value) VALUES (LAST_INSERT_ID(), 'last_name', @japanese);
             CREATE TABLE other_app_log (id int PRIMARY KEY, line text);
             INSERT INTO other_app_log VALUES (1, 'not part of the shop');
             CREATE VIEW {WooPrefix}recent_users AS SELECT ID, user_login FROM {WooPrefix}users;
             """,
            ("@name", Name), ("@japanese", JapaneseName));
        await CreateOdditiesAsync();

        await Magento.ExecuteAsync(
            """
            UPDATE customer_entity SET firstname = @first, lastname = @last WHERE entity_id = 1;
            INSERT INTO magento_bulk (uuid, user_id, description, operation_count) VALUES (@uuid, 1, @japanese, 3);
            CREATE VIEW recent_customers AS SELECT entity_id, email FROM customer_entity;
            """,
            ("@first", "Zoë"), ("@last", "Łukasiewicz"), ("@uuid", Binary), ("@japanese", JapaneseName));
    }

    public async Task DisposeAsync()
    {
        await Woo.DisposeAsync();
        await Magento.DisposeAsync();
    }

    /// <summary>One row of NULLs, one of extreme values of every type, one of empty and awkward strings.</summary>
    private async Task CreateOdditiesAsync()
    {
        var blob = new byte[3000];
        new Random(3).NextBytes(blob);
        await Woo.ExecuteAsync(
            $"""
             CREATE TABLE {WooPrefix}evidence_oddities (
               id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
               name varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
               legacy varchar(100) CHARACTER SET latin1,
               raw varbinary(64),
               blob_value longblob,
               amount decimal(65,30),
               ratio float,
               precise double,
               flags bit(64),
               small_flags bit(3),
               at_micro datetime(6),
               stamped timestamp(3) NULL DEFAULT NULL,
               zero_date datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
               span time(2),
               year_value year,
               day date,
               kind enum('plain','ünïcode','山'),
               tags set('a','ß','日'),
               doc longtext CHECK (json_valid(doc)),
               token uuid,
               ip inet6,
               spot point,
               upper_name varchar(100) AS (UPPER(name)) VIRTUAL,
               hidden_note varchar(20) INVISIBLE
             );
             INSERT INTO {WooPrefix}evidence_oddities (id) VALUES (1);
             INSERT INTO {WooPrefix}evidence_oddities (name, legacy, raw, blob_value, amount, ratio, precise, flags, small_flags, at_micro, stamped,
                 span, year_value, day, kind, tags, doc, token, ip, spot, hidden_note)
               VALUES (@name, 'Zoë', @raw, @blob, '-12345678901234567890123456789012345.123456789012345678901234567891', 1.2345678, 0.1e0 + 0.2e0,
                 b'1111111111111111111111111111111111111111111111111111111111111111', b'101', '2024-02-29 23:59:59.123456', '2024-03-31 01:30:00.5',
                 '-838:59:59.99', 2024, '1000-01-01', '山', 'a,日', @doc, UUID(), '2001:db8::1', POINT(1.5, -2), 'invisible');
             INSERT INTO {WooPrefix}evidence_oddities (name, legacy, raw, ratio, precise, doc) VALUES (@awkward, '', X'', 3.4028234e38, 5e-324, @emptyDoc);
             INSERT INTO {WooPrefix}evidence_oddities (name, legacy, raw, at_micro) VALUES ('', NULL, NULL, '0000-00-00 00:00:00');
             """,
            ("@name", Name), ("@raw", Binary), ("@blob", blob), ("@doc", $$"""{"name": "{{JapaneseName}} \"quoted\" \\ back"}"""), ("@awkward", Awkward), ("@emptyDoc", "{}"));
    }
}

/// <summary>Restores a bundle the way a responder would: gunzip each table file and run its statements.</summary>
public static class EvidenceRestore
{
    public static async Task IntoAsync(EvidenceBundle bundle, ShopDatabase database)
    {
        await using var connection = await database.OpenAsync();
        foreach (var file in bundle.Files.Where(f => f.Table is not null))
        {
            foreach (var statement in Statements(await TextAsync(Path.Combine(bundle.Directory, file.Name))))
            {
                await using var command = new MySqlCommand(statement, connection);
                await command.ExecuteNonQueryAsync();
            }
        }
    }

    public static async Task<string> TextAsync(string path)
    {
        await using var file = File.OpenRead(path);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, new UTF8Encoding(false, throwOnInvalidBytes: true));
        return await reader.ReadToEndAsync();
    }

    /// <summary>The dump ends every statement at a line end and never breaks a line inside a value; comment lines are dropped.</summary>
    public static IEnumerable<string> Statements(string sql) =>
        sql.Split(";\n")
            .Select(s => string.Join('\n', s.Split('\n').Where(line => !line.StartsWith("-- ", StringComparison.Ordinal))))
            .Where(s => !string.IsNullOrWhiteSpace(s));

    /// <summary>What must be equal between a shop table and its restored copy: DDL, row count and CHECKSUM TABLE.</summary>
    public static async Task<(string Create, long Rows, long Checksum)> FingerprintAsync(ShopDatabase database, string table)
    {
        var name = $"`{table}`";
        var create = (string)(await database.QueryAsync($"SHOW CREATE TABLE {name}"))[0]["Create Table"]!;
        var rows = await database.ScalarAsync<long>($"SELECT COUNT(*) FROM {name}");
        var checksum = Convert.ToInt64((await database.QueryAsync($"CHECKSUM TABLE {name}"))[0]["Checksum"], System.Globalization.CultureInfo.InvariantCulture);
        return (create, rows, checksum);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CaseManagement.Shops.Evidence;
using CaseManagement.Shops.Model;
using CaseManagement.Shops.Scoping;
using CaseManagement.Shops.Tests.Infrastructure;
using FluentAssertions;
using MySqlConnector;
using static CaseManagement.Shops.Tests.Evidence.EvidenceShops;

namespace CaseManagement.Shops.Tests.Evidence;

/// <summary>
/// Bundles are written as the read-only user and restored, file by file, into fresh databases as the application
/// user; restored tables must match the shop's by DDL, row count and CHECKSUM TABLE.
/// </summary>
public sealed class when_preserving_shop_tables_as_evidence(EvidenceShops shops) : IClassFixture<EvidenceShops>, IDisposable
{
    private readonly List<DirectoryInfo> folders = [];

    public void Dispose() => folders.ForEach(f => f.Delete(recursive: true));

    [Fact]
    public async Task a_whole_woocommerce_shop_restores_with_every_table_equal_and_nothing_outside_its_prefix()
    {
        var bundle = await EvidenceDump.WriteAsync(shops.WooSettings, EvidenceScope.WholeShop, NewTarget());

        var shopTables = (await shops.Woo.QueryAsync(
                "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'"))
            .Select(r => (string)r["name"]!)
            .Where(t => t.StartsWith(WooPrefix, StringComparison.Ordinal));
        Tables(bundle).Should().BeEquivalentTo(shopTables, "the whole shop is every base table with its prefix");
        Tables(bundle).Should().NotContain(["other_app_log", $"{WooPrefix}recent_users"], "another application's table and a view are not the shop's tables");
        await using var copy = await RestoredExactlyAsync(bundle, shops.Woo);
    }

    [Fact]
    public async Task selected_magento_tables_of_a_shop_without_prefix_restore_exactly_and_alone()
    {
        var bundle = await EvidenceDump.WriteAsync(shops.MagentoSettings, new EvidenceScope(["customer_entity", "sales_order", "magento_bulk"]), NewTarget());

        bundle.Files.Select(f => f.Name).Should().Equal(
            ["customer_entity.sql.gz", "sales_order.sql.gz", "magento_bulk.sql.gz", EvidenceDump.ManifestName], "one file per named table, in the order named");
        await using var copy = await RestoredExactlyAsync(bundle, shops.Magento);
    }

    [Fact]
    public async Task a_whole_shop_without_prefix_is_every_base_table_but_no_view()
    {
        var bundle = await EvidenceDump.WriteAsync(shops.MagentoSettings, EvidenceScope.WholeShop, NewTarget());

        Tables(bundle).Should().Contain(["customer_entity", "sales_order_address", "admin_user"]).And.NotContain("recent_customers", "views hold no data of their own");
        Tables(bundle).Should().HaveCount(ShopSchemaTableCount(ShopPlatform.Magento), "an empty prefix takes all tables of the database");
        await using var copy = await RestoredExactlyAsync(bundle, shops.Magento);
    }

    [Fact]
    public async Task multi_byte_names_binary_bytes_and_awkward_values_survive_byte_exact()
    {
        var woo = await EvidenceDump.WriteAsync(shops.WooSettings, new EvidenceScope(["users", "usermeta", "evidence_oddities"]), NewTarget());
        var magento = await EvidenceDump.WriteAsync(shops.MagentoSettings, new EvidenceScope(["customer_entity", "magento_bulk"]), NewTarget());
        await using var wooCopy = await RestoredExactlyAsync(woo, shops.Woo);
        await using var magentoCopy = await RestoredExactlyAsync(magento, shops.Magento);

        (await wooCopy.ScalarAsync<string>($"SELECT HEX(display_name) FROM {WooPrefix}users WHERE user_login = 'zoe.l'"))
            .Should().Be(Hex(Name), "a multi-byte name comes back as the same UTF-8 bytes");
        (await wooCopy.ScalarAsync<string>($"SELECT HEX(meta_value) FROM {WooPrefix}usermeta WHERE meta_key = 'last_name' AND meta_value = @v", ("@v", JapaneseName)))
            .Should().Be(Hex(JapaneseName));
        (await wooCopy.ScalarAsync<string>($"SELECT HEX(raw) FROM {WooPrefix}evidence_oddities WHERE id = 2"))
            .Should().Be(Convert.ToHexString(Binary), "binary bytes, quotes and backslashes included, come back unchanged");
        (await wooCopy.ScalarAsync<string>($"SELECT HEX(legacy) FROM {WooPrefix}evidence_oddities WHERE id = 2"))
            .Should().Be("5A6FEB", "a latin1 column keeps its own single-byte encoding");
        (await wooCopy.ScalarAsync<string>($"SELECT name FROM {WooPrefix}evidence_oddities WHERE id = 3"))
            .Should().Be(Awkward, "quotes, backslashes, line breaks, NUL, Ctrl-Z and emoji are escaped, not lost");
        (await wooCopy.QueryAsync($"SELECT CAST(at_micro AS CHAR) AS at, CAST(stamped AS CHAR) AS stamped, CAST(ratio AS DOUBLE) AS ratio, BIN(flags) AS flags, hidden_note FROM {WooPrefix}evidence_oddities WHERE id = 2"))[0]
            .Should().BeEquivalentTo(new Dictionary<string, object?>
            {
                ["at"] = "2024-02-29 23:59:59.123456", ["stamped"] = "2024-03-31 01:30:00.500", ["ratio"] = (double)1.2345678f, ["flags"] = new string('1', 64),
                ["hidden_note"] = "invisible",
            }, "fractional seconds, UTC timestamps, the float's exact value, all 64 bits and invisible columns are kept");
        (await magentoCopy.ScalarAsync<string>("SELECT HEX(CONCAT(firstname, ' ', lastname)) FROM customer_entity WHERE entity_id = 1")).Should().Be(Hex(Name));
        (await magentoCopy.ScalarAsync<string>("SELECT HEX(uuid) FROM magento_bulk WHERE description = @d", ("@d", JapaneseName)))
            .Should().Be(Convert.ToHexString(Binary));
    }

    [Fact]
    public async Task table_files_keep_utf8_text_readable_and_rows_in_primary_key_order()
    {
        var bundle = await EvidenceDump.WriteAsync(shops.WooSettings, new EvidenceScope(["users", "posts"]), NewTarget());

        var users = await EvidenceRestore.TextAsync(Path.Combine(bundle.Directory, bundle.Files[0].Name));
        users.Should().Contain($"_utf8mb4'{Name}'", "responders search the files for names and emails without restoring them");
        users.Should().StartWith($"-- CaseManagement evidence: table {WooPrefix}users").And.EndWith($"-- rows: {bundle.Files[0].Rows}\n");
        var posts = await EvidenceRestore.TextAsync(Path.Combine(bundle.Directory, bundle.Files[1].Name));
        var ids = Regex.Matches(posts, @"^\((\d+),", RegexOptions.Multiline).Select(m => long.Parse(m.Groups[1].Value)).ToList();
        ids.Should().HaveCount((int)bundle.Files[1].Rows!.Value).And.BeInAscendingOrder("rows are written in primary key order, so the same data gives the same file");
    }

    [Fact]
    public async Task every_file_hash_is_the_sha256_of_its_bytes_and_the_manifest_lists_every_table_file()
    {
        var bundle = await EvidenceDump.WriteAsync(shops.MagentoSettings, EvidenceScope.WholeShop, NewTarget());

        foreach (var file in bundle.Files)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(bundle.Directory, file.Name));
            file.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(bytes)), "{0}'s recorded hash is that of the bytes on disk", file.Name);
            file.Bytes.Should().Be(bytes.Length);
        }

        bundle.Files.Should().ContainSingle(f => f.Name == EvidenceDump.ManifestName).Which.Table.Should().BeNull();
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(bundle.Directory, EvidenceDump.ManifestName)));
        var root = manifest.RootElement;
        root.GetProperty("platform").GetString().Should().Be("Magento");
        root.GetProperty("database").GetString().Should().Be(shops.Magento.Name);
        root.GetProperty("tablePrefix").GetString().Should().BeEmpty();
        root.GetProperty("serverVersion").GetString().Should().Be(bundle.ServerVersion).And.Contain("MariaDB");
        root.GetProperty("snapshotAt").GetDateTimeOffset().Should().Be(bundle.SnapshotAt);
        root.GetProperty("files").EnumerateArray()
            .Select(f => new EvidenceFile(f.GetProperty("name").GetString()!, f.GetProperty("bytes").GetInt64(), f.GetProperty("sha256").GetString()!,
                f.GetProperty("table").GetString(), f.GetProperty("rows").GetInt64()))
            .Should().Equal(bundle.Files.Where(f => f.Table is not null), "the manifest lists every table file, but cannot hold its own hash");
        bundle.SnapshotAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10), "the snapshot time is the server's UTC clock");
    }

    [Fact]
    public async Task verification_finds_a_fresh_bundle_intact_including_the_manifest_by_its_recorded_hash()
    {
        var bundle = await EvidenceDump.WriteAsync(shops.WooSettings, new EvidenceScope(["options", "users"]), NewTarget());

        var checks = await EvidenceDump.VerifyAsync(bundle.Directory, Manifest(bundle).Sha256);

        checks.Should().Equal(bundle.Files.OrderBy(f => f.Table is not null).Select(f => new EvidenceCheck(f.Name, EvidenceFileState.Ok)),
            "the manifest comes first, then each table file");
    }

    [Fact]
    public async Task a_flipped_byte_is_a_mismatch_of_that_file_only()
    {
        var bundle = await EvidenceDump.WriteAsync(shops.WooSettings, new EvidenceScope(["options", "users", "posts"]), NewTarget());
        var users = Path.Combine(bundle.Directory, bundle.Files[1].Name);
        var bytes = await File.ReadAllBytesAsync(users);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(users, bytes);

        var checks = await EvidenceDump.VerifyAsync(bundle.Directory);

        checks.Where(c => c.State != EvidenceFileState.Ok).Should().Equal([new EvidenceCheck(bundle.Files[1].Name, EvidenceFileState.Mismatch)],
            "one changed bit in one file is found, and nothing else is blamed");
        checks.Should().HaveCount(3);
    }

    [Fact]
    public async Task a_deleted_file_is_missing_and_an_edited_manifest_is_caught_by_its_recorded_hash()
    {
        var bundle = await EvidenceDump.WriteAsync(shops.WooSettings, new EvidenceScope(["options", "users"]), NewTarget());
        File.Delete(Path.Combine(bundle.Directory, bundle.Files[0].Name));
        var manifest = Path.Combine(bundle.Directory, EvidenceDump.ManifestName);
        await File.AppendAllTextAsync(manifest, " ");

        var checks = await EvidenceDump.VerifyAsync(bundle.Directory, Manifest(bundle).Sha256);

        checks.Should().Equal(
            new EvidenceCheck(EvidenceDump.ManifestName, EvidenceFileState.Mismatch),
            new EvidenceCheck(bundle.Files[0].Name, EvidenceFileState.Missing),
            new EvidenceCheck(bundle.Files[1].Name, EvidenceFileState.Ok));
        File.Delete(manifest);
        (await EvidenceDump.VerifyAsync(bundle.Directory)).Should().Equal([new EvidenceCheck(EvidenceDump.ManifestName, EvidenceFileState.Missing)],
            "without its manifest a bundle cannot be checked at all");
    }

    [Fact]
    public async Task rows_committed_after_the_snapshot_began_are_not_in_the_bundle()
    {
        await using var shop = await ShopDatabase.CreateAsync();
        await shop.ExecuteAsync(
            """
            CREATE TABLE ev_first (id int PRIMARY KEY, note varchar(20));
            CREATE TABLE ev_second (id int PRIMARY KEY, note varchar(20));
            INSERT INTO ev_first VALUES (1, 'before'), (2, 'before');
            INSERT INTO ev_second VALUES (1, 'before'), (2, 'before');
            """);
        // Progress is reported on the dumping task at each table's start, after the snapshot transaction began and
        // before any row is read: committing here, on another connection, is "during the dump" deterministically.
        var during = new OnFirstReport(() =>
        {
            using var connection = new MySqlConnection(shop.ConnectionString);
            connection.Open();
            using var insert = new MySqlCommand("INSERT INTO ev_first VALUES (3, 'during'); INSERT INTO ev_second VALUES (3, 'during');", connection);
            insert.ExecuteNonQuery();
        });

        var bundle = await EvidenceDump.WriteAsync(shop.Settings(ShopPlatform.WooCommerce, "ev_"), new EvidenceScope(["first", "second"]), NewTarget(), during);

        during.Reported.Should().BeTrue();
        (await shop.ScalarAsync<long>("SELECT COUNT(*) FROM ev_second")).Should().Be(3, "the other connection's rows were committed");
        bundle.Files.Where(f => f.Table is not null).Select(f => f.Rows).Should().Equal([2L, 2L], "the bundle shows the shop as it was when the dump began");
        await using var copy = await ShopDatabase.CreateAsync();
        await EvidenceRestore.IntoAsync(bundle, copy);
        (await copy.ScalarAsync<long>("SELECT COUNT(*) FROM ev_first WHERE note = 'during'")).Should().Be(0);
        (await copy.ScalarAsync<long>("SELECT COUNT(*) FROM ev_second WHERE note = 'during'")).Should().Be(0);
    }

    [Fact]
    public async Task an_unknown_table_fails_before_any_file_is_written()
    {
        var target = NewTarget();
        Directory.CreateDirectory(target);

        var dump = () => EvidenceDump.WriteAsync(shops.WooSettings, new EvidenceScope(["options", "no_such_table"]), target);

        (await dump.Should().ThrowAsync<ShopScopingException>()).Which.Message.Should().Contain($"{WooPrefix}no_such_table")
            .And.NotContain("casemanagement_ro", "the message names the missing table, never credentials");
        Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(target)!).Should().Equal([target], "no half bundle or staging folder is left behind");
        Directory.EnumerateFileSystemEntries(target).Should().BeEmpty();
    }

    [Fact]
    public async Task a_folder_that_already_holds_files_is_never_written_over()
    {
        var first = await EvidenceDump.WriteAsync(shops.WooSettings, new EvidenceScope(["options"]), NewTarget());
        var before = await File.ReadAllBytesAsync(Path.Combine(first.Directory, EvidenceDump.ManifestName));

        var again = () => EvidenceDump.WriteAsync(shops.WooSettings, new EvidenceScope(["users"]), first.Directory);

        await again.Should().ThrowAsync<IOException>();
        (await File.ReadAllBytesAsync(Path.Combine(first.Directory, EvidenceDump.ManifestName))).Should().Equal(before, "existing evidence stays as it was");
        (await EvidenceDump.VerifyAsync(first.Directory)).Should().OnlyContain(c => c.State == EvidenceFileState.Ok);
    }

    [Fact]
    public async Task a_large_table_is_streamed_as_inserts_of_about_a_megabyte_and_restores_exactly()
    {
        await using var shop = await ShopDatabase.CreateAsync();
        await shop.ExecuteAsync(
            """
            CREATE TABLE big_rows (id int PRIMARY KEY, email varchar(190), note text, payload varbinary(32));
            INSERT INTO big_rows SELECT seq, CONCAT('person', seq, '@example.test'), REPEAT('ä', 60), UNHEX(SHA2(seq, 256)) FROM seq_1_to_20000;
            """);
        var reports = new List<EvidenceProgress>();

        var bundle = await EvidenceDump.WriteAsync(shop.Settings(ShopPlatform.Magento, ""), EvidenceScope.WholeShop, NewTarget(), new Collect(reports));

        bundle.Files[0].Rows.Should().Be(20_000);
        reports.Select(r => r.Rows).Should().Equal([0L, 10_000L, 20_000L, 20_000L], "progress comes at the start, every 10,000 rows and at the end");
        var inserts = EvidenceRestore.Statements(await EvidenceRestore.TextAsync(Path.Combine(bundle.Directory, bundle.Files[0].Name)))
            .Where(s => s.StartsWith("INSERT", StringComparison.Ordinal))
            .ToList();
        inserts.Should().HaveCountGreaterThan(2, "20,000 rows of about 200 characters make several statements");
        inserts.Should().OnlyContain(s => s.Length < (1 << 20) + 1_000, "a statement ends at the first row past 1 MB, well within max_allowed_packet");
        await using var copy = await RestoredExactlyAsync(bundle, shop);
    }

    [Fact]
    public async Task a_cancelled_dump_leaves_nothing_behind()
    {
        var target = NewTarget();
        using var cancel = new CancellationTokenSource();

        var dump = () => EvidenceDump.WriteAsync(shops.WooSettings, EvidenceScope.WholeShop, target, new OnFirstReport(cancel.Cancel), ct: cancel.Token);

        await dump.Should().ThrowAsync<OperationCanceledException>();
        Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(target)!).Should().BeEmpty("neither the bundle folder nor its staging folder remains");
    }

    [Fact]
    public async Task bundle_files_and_folder_are_the_owners_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var bundle = await EvidenceDump.WriteAsync(shops.WooSettings, new EvidenceScope(["users"]), NewTarget());

        File.GetUnixFileMode(bundle.Directory).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            "evidence holds personal data");
        foreach (var file in bundle.Files)
        {
            File.GetUnixFileMode(Path.Combine(bundle.Directory, file.Name)).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "{0} too", file.Name);
        }
    }

    [Fact]
    public async Task with_a_key_every_file_is_stored_encrypted_and_still_hashes_and_restores_as_its_plaintext()
    {
        var key = RandomNumberGenerator.GetBytes(EvidenceCipher.KeyBytes);
        var bundle = await EvidenceDump.WriteAsync(shops.WooSettings, new EvidenceScope(["users", "usermeta"]), NewTarget(), key: key);
        var users = bundle.Files.Single(f => f.Table == $"{WooPrefix}users");
        var stored = await File.ReadAllBytesAsync(Path.Combine(bundle.Directory, users.Name));

        var plaintext = await PlaintextAsync(bundle, users.Name, key);
        Convert.ToHexStringLower(SHA256.HashData(plaintext)).Should().Be(users.Sha256, "the recorded hash is the plaintext's, so a download proves it");
        users.Bytes.Should().Be(plaintext.Length, "the recorded size is what a download serves");
        Gunzip(plaintext).Should().Contain("zoe.l@example.test", "the shopper's e-mail is in the evidence");
        stored.AsSpan().IndexOf("zoe.l@example.test"u8).Should().Be(-1, "no e-mail is on disk in clear");
        stored.AsSpan(0, 2).ToArray().Should().NotEqual(new byte[] { 0x1f, 0x8b }, "what is stored is no gzip anyone could open");
        (await File.ReadAllBytesAsync(Path.Combine(bundle.Directory, EvidenceDump.ManifestName))).AsSpan().IndexOf("usermeta"u8)
            .Should().Be(-1, "the manifest is encrypted too");
        (await EvidenceDump.VerifyAsync(bundle.Directory, Manifest(bundle).Sha256, key)).Should().OnlyContain(c => c.State == EvidenceFileState.Ok);
        (await EvidenceDump.ReadAsync(bundle.Directory, key))!.Files.Should().BeEquivalentTo(bundle.Files, "a redelivered step reads back the bundle it wrote");
    }

    [Fact]
    public async Task an_encrypted_file_with_an_altered_byte_is_a_mismatch_and_never_yields_plaintext()
    {
        var key = RandomNumberGenerator.GetBytes(EvidenceCipher.KeyBytes);
        var bundle = await EvidenceDump.WriteAsync(shops.WooSettings, new EvidenceScope(["options", "users"]), NewTarget(), key: key);
        var users = bundle.Files.Single(f => f.Table == $"{WooPrefix}users");
        var path = Path.Combine(bundle.Directory, users.Name);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^20] ^= 0x40;
        await File.WriteAllBytesAsync(path, bytes);

        (await EvidenceDump.CheckFileAsync(bundle.Directory, users.Name, users.Sha256, key)).State.Should().Be(EvidenceFileState.Mismatch);
        (await EvidenceDump.VerifyAsync(bundle.Directory, Manifest(bundle).Sha256, key)).Where(c => c.State != EvidenceFileState.Ok)
            .Should().Equal([new EvidenceCheck(users.Name, EvidenceFileState.Mismatch)], "only the altered file fails");
        var read = () => PlaintextAsync(bundle, users.Name, key);
        await read.Should().ThrowAsync<EvidenceUnreadableException>();
    }

    private static async Task<byte[]> PlaintextAsync(EvidenceBundle bundle, string name, byte[] key)
    {
        await using var file = await EvidenceDump.OpenFileAsync(new EvidenceFolder(bundle.Directory), name, key);
        using var plain = new MemoryStream();
        await file.CopyToAsync(plain);
        return plain.ToArray();
    }

    private static string Gunzip(byte[] gzip)
    {
        using var reader = new StreamReader(new System.IO.Compression.GZipStream(new MemoryStream(gzip), System.IO.Compression.CompressionMode.Decompress));
        return reader.ReadToEnd();
    }

    private string NewTarget()
    {
        var parent = Directory.CreateTempSubdirectory("evidence-");
        folders.Add(parent);
        return Path.Combine(parent.FullName, "bundle");
    }

    private static IEnumerable<string> Tables(EvidenceBundle bundle) => bundle.Files.Where(f => f.Table is not null).Select(f => f.Table!);

    private static EvidenceFile Manifest(EvidenceBundle bundle) => bundle.Files.Single(f => f.Name == EvidenceDump.ManifestName);

    private static string Hex(string text) => Convert.ToHexString(Encoding.UTF8.GetBytes(text));

    private static int ShopSchemaTableCount(ShopPlatform platform) => Schema.ShopSchema.TableNames(platform, "").Count;

    /// <summary>Restores the bundle into a fresh database and checks every table against the shop's.</summary>
    private static async Task<ShopDatabase> RestoredExactlyAsync(EvidenceBundle bundle, ShopDatabase shop)
    {
        var copy = await ShopDatabase.CreateAsync();
        await EvidenceRestore.IntoAsync(bundle, copy);
        (await copy.TablesAsync()).Should().BeEquivalentTo(Tables(bundle), "a bundle restores its tables and no others");
        foreach (var file in bundle.Files.Where(f => f.Table is not null))
        {
            var original = await EvidenceRestore.FingerprintAsync(shop, file.Table!);
            (await EvidenceRestore.FingerprintAsync(copy, file.Table!)).Should().Be(original, "{0} restores with the same DDL, rows and checksum", file.Table);
            file.Rows.Should().Be(original.Rows);
        }

        return copy;
    }

    private sealed class OnFirstReport(Action action) : IProgress<EvidenceProgress>
    {
        public bool Reported { get; private set; }

        public void Report(EvidenceProgress value)
        {
            if (!Reported)
            {
                Reported = true;
                action();
            }
        }
    }

    private sealed class Collect(List<EvidenceProgress> reports) : IProgress<EvidenceProgress>
    {
        public void Report(EvidenceProgress value) => reports.Add(value);
    }
}

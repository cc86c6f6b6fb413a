using CaseManagement.Shops.Php;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.Php;

/// <summary>Values as WordPress stores them in wp_options and wp_usermeta.</summary>
public sealed class the_word_press_examples
{
    public const string ActivePlugins = """a:1:{i:0;s:19:"akismet/akismet.php";}""";

    public const string Capabilities = """a:1:{s:13:"administrator";b:1;}""";

    public const string SessionTokenHash = "3f1e9c2b7a8d4e6f0a1b2c3d4e5f60718293a4b5c6d7e8f90123456789abcdef";

    // The user agent holds semicolons and parentheses, which only the declared byte length can delimit.
    public const string SessionTokens =
        """a:1:{s:64:"3f1e9c2b7a8d4e6f0a1b2c3d4e5f60718293a4b5c6d7e8f90123456789abcdef";a:4:{s:10:"expiration";i:1700086400;s:2:"ip";s:11:"203.0.113.7";s:2:"ua";s:111:"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";s:5:"login";i:1699913600;}}""";

    public const string ApplicationPasswords =
        """a:2:{i:0;a:7:{s:4:"uuid";s:36:"6f1d2c4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f";s:6:"app_id";s:0:"";s:4:"name";s:6:"Zapier";s:8:"password";s:34:"$P$BZ8d2GmH5nL0t0y3Qe7Rk1vUw9xYzA.";s:7:"created";i:1699913600;s:9:"last_used";i:1700000000;s:7:"last_ip";s:13:"198.51.100.23";}i:1;a:7:{s:4:"uuid";s:36:"0b9e8d7c-6f5a-4b3c-8d2e-1f0a9b8c7d6e";s:6:"app_id";s:0:"";s:4:"name";s:10:"Backup bot";s:8:"password";s:34:"$P$Bq9Wm3Lk7Jh5Gf3Ds1Az0Xc8Vb6Nm4Q";s:7:"created";i:1700050000;s:9:"last_used";N;s:7:"last_ip";N;}}""";

    [Fact]
    public void active_plugins_is_a_list_of_plugin_files()
    {
        PhpSerializer.Deserialize(ActivePlugins).Should().Be(PhpArray.List("akismet/akismet.php"));
    }

    [Fact]
    public void capabilities_map_role_names_to_true()
    {
        PhpSerializer.Deserialize(Capabilities).Should().Be(PhpArray.Map(("administrator", true)));
    }

    [Fact]
    public void session_tokens_map_a_token_hash_to_its_session()
    {
        var tokens = (PhpArray)PhpSerializer.Deserialize(SessionTokens);

        tokens.Keys.Should().Equal(PhpValue.From(SessionTokenHash));
        tokens[SessionTokenHash].Should().Be(PhpArray.Map(
            ("expiration", 1700086400),
            ("ip", "203.0.113.7"),
            ("ua", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"),
            ("login", 1699913600)));
    }

    [Fact]
    public void application_passwords_are_a_list_of_records_with_null_for_never_used()
    {
        var passwords = (PhpArray)PhpSerializer.Deserialize(ApplicationPasswords);

        passwords.IsList.Should().BeTrue();
        passwords.Values.Cast<PhpArray>().Select(p => ((PhpString)p["name"]).Text).Should().Equal("Zapier", "Backup bot");
        var backupBot = (PhpArray)passwords[1];
        backupBot["app_id"].Should().Be(PhpValue.From(""));
        backupBot["created"].Should().Be(new PhpInt(1700050000));
        backupBot["last_used"].Should().Be(PhpValue.Null);
        backupBot["last_ip"].Should().Be(PhpValue.Null);
    }

    [Theory]
    [InlineData(ActivePlugins)]
    [InlineData(Capabilities)]
    [InlineData(SessionTokens)]
    [InlineData(ApplicationPasswords)]
    public void stored_values_reserialize_byte_identical(string stored)
    {
        PhpSerializer.Serialize(PhpSerializer.Deserialize(stored)).Should().Be(stored);
    }
}

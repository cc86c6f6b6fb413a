using CaseManagement.Shops.Php;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.Php;

/// <summary>The edits incident containment makes, written back the way WordPress itself would write them.</summary>
public sealed class the_containment_edit
{
    private const string PluginsWithEvil =
        """a:3:{i:0;s:19:"akismet/akismet.php";i:1;s:20:"evil-plugin/evil.php";i:2;s:27:"woocommerce/woocommerce.php";}""";

    [Fact]
    public void removing_a_plugin_keeps_the_other_keys_as_deactivate_plugins_unset_does()
    {
        var plugins = (PhpArray)PhpSerializer.Deserialize(PluginsWithEvil);

        var key = plugins.KeyOf("evil-plugin/evil.php");
        var cleaned = plugins.Without(key!);

        key.Should().Be(new PhpInt(1));
        PhpSerializer.Serialize(cleaned).Should().Be(
            """a:2:{i:0;s:19:"akismet/akismet.php";i:2;s:27:"woocommerce/woocommerce.php";}""");
        cleaned.IsList.Should().BeFalse();
    }

    [Fact]
    public void reindexing_after_removal_gives_the_list_array_values_would()
    {
        var plugins = (PhpArray)PhpSerializer.Deserialize(PluginsWithEvil);

        var cleaned = plugins.Without(plugins.KeyOf("evil-plugin/evil.php")!).Reindexed();

        PhpSerializer.Serialize(cleaned).Should().Be(
            """a:2:{i:0;s:19:"akismet/akismet.php";i:1;s:27:"woocommerce/woocommerce.php";}""");
        cleaned.IsList.Should().BeTrue();
    }

    [Fact]
    public void removing_a_plugin_that_is_not_active_changes_nothing()
    {
        var plugins = (PhpArray)PhpSerializer.Deserialize(the_word_press_examples.ActivePlugins);

        plugins.KeyOf("evil-plugin/evil.php").Should().BeNull();
        plugins.Without("evil-plugin/evil.php").Should().BeSameAs(plugins);
    }

    [Fact]
    public void emptied_capabilities_serialize_as_an_empty_array()
    {
        var capabilities = (PhpArray)PhpSerializer.Deserialize(the_word_press_examples.Capabilities);

        var stripped = capabilities.Without("administrator");

        stripped.Should().Be(PhpArray.Empty);
        PhpSerializer.Serialize(stripped).Should().Be("a:0:{}");
    }

    [Fact]
    public void demoting_an_administrator_replaces_the_role()
    {
        var capabilities = (PhpArray)PhpSerializer.Deserialize(the_word_press_examples.Capabilities);

        var demoted = capabilities.Without("administrator").With("subscriber", true);

        PhpSerializer.Serialize(demoted).Should().Be("""a:1:{s:10:"subscriber";b:1;}""");
    }

    [Fact]
    public void setting_an_existing_key_replaces_its_value_in_place()
    {
        var session = PhpArray.Map(("expiration", 1700086400), ("ip", "203.0.113.7"), ("login", 1699913600));

        var expired = session.With("expiration", 0);

        expired.Keys.Should().Equal(session.Keys);
        expired["expiration"].Should().Be(new PhpInt(0));
    }

    [Fact]
    public void destroying_a_session_removes_its_token()
    {
        var tokens = (PhpArray)PhpSerializer.Deserialize(the_word_press_examples.SessionTokens);

        PhpSerializer.Serialize(tokens.Without(the_word_press_examples.SessionTokenHash)).Should().Be("a:0:{}");
    }

    [Fact]
    public void revoking_one_application_password_keeps_the_other_record_unchanged()
    {
        var passwords = (PhpArray)PhpSerializer.Deserialize(the_word_press_examples.ApplicationPasswords);

        var remaining = passwords.Without(0);

        remaining.Count.Should().Be(1);
        remaining[1].Should().Be(passwords[1]);
        PhpSerializer.Serialize(remaining).Should().StartWith("""a:1:{i:1;a:7:{s:4:"uuid";s:36:"0b9e8d7c""");
    }
}

using System.Security.Cryptography;
using System.Text;
using CaseManagement.Rules.Playbooks;
using FluentAssertions;

namespace CaseManagement.Rules.Tests.Playbooks;

/// <summary>The playbooks as data: published, immutable, valid, and planned correctly for a shop.</summary>
public class the_playbook_catalogue
{
    private static readonly string[] IncidentKinds = ["plugin-compromise", "checkout-skimmer", "account-takeover", "leaked-api-key", "sql-injection"];

    [Fact]
    public void every_kind_of_incident_has_a_playbook() =>
        PlaybookCatalogue.Embedded.Latest.Select(p => p.Kind).Should().BeEquivalentTo(IncidentKinds,
            "responders need shop-specific steps for each incident kind, not 'contain the breach'");

    [Fact]
    public void every_playbook_preserves_evidence_before_it_changes_anything()
    {
        foreach (var playbook in PlaybookCatalogue.Embedded.Playbooks)
        {
            playbook.Steps[0].Action.Should().Be(ContainmentActions.PreserveEvidence, "{0} must keep the evidence before its first change", playbook.Id);
            playbook.Steps[0].Required.Should().BeTrue("{0}'s evidence step cannot be optional", playbook.Id);
        }
    }

    [Fact]
    public void every_step_that_changes_the_shop_says_how_it_is_undone()
    {
        foreach (var step in PlaybookCatalogue.Embedded.Playbooks.SelectMany(p => p.Steps).Where(s => ContainmentActions.ChangesShop(s.Action)))
        {
            step.Compensation.Should().NotBeNullOrWhiteSpace("step {0} changes the shop", step.Id);
        }
    }

    [Fact]
    public void steps_that_can_break_checkout_or_sign_everyone_out_wait_for_approval()
    {
        var risky = PlaybookCatalogue.Embedded.Playbooks.SelectMany(p => p.Steps)
            .Where(s => s.Action is ContainmentActions.DeactivatePlugin or ContainmentActions.EndCustomerSessions);

        risky.Should().NotBeEmpty().And.OnlyContain(s => s.RequiresApproval, "a compliance lead approves steps that disrupt trading");
    }

    [Fact]
    public void each_run_records_the_hash_of_the_file_it_followed()
    {
        var playbook = PlaybookCatalogue.Embedded.Find("checkout-skimmer")!;
        var bytes = ReadResource("checkout-skimmer.v1.json");

        playbook.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(bytes)), "an auditor can match a run to the exact published file");
    }

    [Fact]
    public void a_published_playbook_that_was_edited_is_refused()
    {
        var files = Embedded();
        files["account-takeover.v1.json"] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(files["account-takeover.v1.json"]).Replace("Lock the account", "Lock it"));

        var load = () => PlaybookCatalogue.Load(files);

        load.Should().Throw<InvalidDataException>().WithMessage("*account-takeover.v1.json was modified after publication*",
            "runs record the version they followed, so a published version must never change");
    }

    [Fact]
    public void an_invalid_playbook_is_refused_with_every_problem_named()
    {
        var files = Embedded();
        var text = """
            { "id": "broken", "version": 1, "kind": "other", "title": "t", "purpose": "p", "source": "s",
              "parameters": [],
              "steps": [
                { "id": "a", "title": "t", "action": "format-disk", "why": "w", "requiresApproval": false, "required": true, "compensation": "none: x", "timeoutMinutes": 5 },
                { "id": "b", "title": "t", "action": "lock-admin", "with": { "login": "{who}" }, "why": "w", "requiresApproval": false, "required": true, "compensation": "unlock", "timeoutMinutes": 0 }
              ] }
            """;
        files["broken.v1.json"] = Encoding.UTF8.GetBytes(text);
        files["manifest.json"] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(files["manifest.json"])
            .Replace("{", $"{{ \"broken.v1.json\": \"{Convert.ToHexStringLower(SHA256.HashData(files["broken.v1.json"]))}\","));

        var load = () => PlaybookCatalogue.Load(files);

        load.Should().Throw<InvalidDataException>()
            .Where(e => e.Message.Contains("unknown action 'format-disk'") && e.Message.Contains("undeclared parameter 'who'")
                        && e.Message.Contains("timeoutMinutes"), "every problem is listed so an author fixes them in one go");
    }

    [Fact]
    public void planning_fills_in_the_parameters_and_leaves_out_steps_whose_parameter_is_missing()
    {
        var playbook = PlaybookCatalogue.Embedded.Find("checkout-skimmer", 1)!;

        var (without, _) = PlaybookCatalogue.Plan(playbook, new Dictionary<string, string>(), PlaybookPlatforms.Magento);
        var (with, problems) = PlaybookCatalogue.Plan(playbook, new Dictionary<string, string> { ["compromisedAdmin"] = " eve " }, PlaybookPlatforms.Magento);

        problems.Should().BeEmpty();
        without.Select(s => s.Id).Should().NotContain("lock-compromised-admin", "the step only applies when the responder names an account");
        with.Single(s => s.Id == "lock-compromised-admin").Arguments["login"].Should().Be("eve", "parameters are trimmed and substituted");
        with[0].EvidenceTables.Should().Contain("core_config_data", "Magento keeps its skimmer locations in core_config_data")
            .And.NotContain("options", "WordPress tables are not asked of a Magento shop");
    }

    [Fact]
    public void planning_names_missing_and_unknown_parameters()
    {
        var playbook = PlaybookCatalogue.Embedded.Find("account-takeover")!;

        var (steps, problems) = PlaybookCatalogue.Plan(playbook, new Dictionary<string, string> { ["adminLgin"] = "eve" }, PlaybookPlatforms.WooCommerce);

        steps.Should().BeEmpty("nothing runs on a half-understood request");
        problems.Should().ContainKey("adminLogin").WhoseValue.Should().Contain("is required");
        problems.Should().ContainKey("adminLgin").WhoseValue.Should().Contain("takes: adminLogin", "a typo is answered with what the playbook takes");
    }

    [Fact]
    public void a_leaked_key_is_a_secret_parameter() =>
        PlaybookCatalogue.Embedded.Find("leaked-api-key")!.Parameters.Single(p => p.Name == "leakedKey").Secret
            .Should().BeTrue("a leaked key must not be copied in plain text into the incident's history");

    [Fact]
    public void the_whole_shop_is_kept_when_a_playbook_names_no_tables()
    {
        var playbook = PlaybookCatalogue.Embedded.Find("sql-injection")!;

        var (steps, _) = PlaybookCatalogue.Plan(playbook, new Dictionary<string, string>(), PlaybookPlatforms.WooCommerce);

        steps[0].EvidenceTables.Should().BeNull("an injection may have reached any table");
    }

    private static Dictionary<string, byte[]> Embedded()
    {
        var assembly = typeof(PlaybookCatalogue).Assembly;
        const string prefix = "CaseManagement.Rules.Playbooks.Definitions.";
        return assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(n => n[prefix.Length..], n => ReadResource(n[prefix.Length..]));
    }

    private static byte[] ReadResource(string file)
    {
        using var stream = typeof(PlaybookCatalogue).Assembly.GetManifestResourceStream($"CaseManagement.Rules.Playbooks.Definitions.{file}")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

using CaseManagement.IntegrationTests.AuditReports;
using FluentAssertions;
using CaseManagement.IntegrationTests.Infrastructure;

namespace CaseManagement.IntegrationTests.Audit;

/// <summary>
/// An auditor files the JSON export and checks it later with build/verify-audit-report.sh (jq and sha256sum, no service,
/// no database): an untouched record holds; a record changed in PostgreSQL before the export is caught at that version.
/// </summary>
public sealed class when_an_exported_report_is_checked_offline(ChainFixture fixture) : ChainScenario(fixture)
{
    private const string Script = "build/verify-audit-report.sh";

    [Fact]
    public async Task an_untouched_incidents_report_holds_and_names_the_head_the_service_verified()
    {
        var id = await IncidentWithNotesAsync(2);
        var head = (await LinkedAsync(id, 3))["headHash"]!.GetValue<string>();

        var report = await ExportAsync(id);
        var (exitCode, output) = await CheckOfflineAsync(report);

        exitCode.Should().Be(0, "nothing touched the record: {0}", output);
        output.Should().Contain($"HOLDS: incident {id}, 1 stream, 3 events").And.Contain($"incident {id}: 3 events, head hash {head}",
            "the offline head is the one the service computed, so it can be compared with a signed checkpoint");
        var chain = report.Json["chain"]!;
        chain["status"]!.GetValue<string>().Should().Be("linked");
        chain["streams"]![0]!["verification"]!["intact"]!.GetValue<bool>().Should()
            .BeTrue("the service checked the stream when it exported: {0}", chain.ToJsonString());
    }

    [Fact]
    public async Task a_report_exported_after_an_event_was_changed_in_the_database_fails_at_that_version()
    {
        var id = await IncidentWithNotesAsync(2);
        await LinkedAsync(id, 3);
        await SqlAsync(id, "update casemanagement.mt_events set data = jsonb_set(data, '{text}', '\"nothing happened\"') " +
                           "where tenant_id = @org and stream_id = @stream and version = 2");

        var report = await ExportAsync(id);
        var (exitCode, output) = await CheckOfflineAsync(report);

        exitCode.Should().Be(1, "the file carries the changed bytes, which no longer hash to the link: {0}", output);
        output.Should().Contain($"BROKEN in incident stream {id} at version 2").And.Contain("the event was changed");
        report.Json["chain"]!["streams"]![0]!["verification"]!["firstBreak"]!["kind"]!.GetValue<string>().Should().Be("changed",
            "the service's own check in the report agrees with the offline one");
    }

    [Fact]
    public async Task a_report_whose_file_was_edited_after_export_fails()
    {
        var id = await IncidentWithNotesAsync(1);
        await LinkedAsync(id, 2);
        var report = await ExportAsync(id);

        // An edit to the filed copy: the note's text in the canonical bytes of version 2.
        var edited = report.Text.Replace("note 1: what the responder saw", "note 1: all is well", StringComparison.Ordinal);
        edited.Should().NotBe(report.Text, "the note is in the export");
        var (exitCode, output) = await CheckOfflineAsync(edited);

        exitCode.Should().Be(1, output);
        output.Should().Contain($"BROKEN in incident stream {id} at version 2");
    }

    [Fact]
    public async Task something_that_is_not_a_report_is_refused_as_unusable()
    {
        var (exitCode, output) = await CheckOfflineAsync("""{"report":"something else"}""");

        exitCode.Should().Be(2, output);
        output.Should().Contain("is not an incident audit report");
    }

    private async Task<ReportDownload> ExportAsync(Guid id) =>
        await ReportDownload.GetAsync(Fixture.Host, Api, $"/api/incidents/{id}/audit-report?format=json");

    private static Task<(int ExitCode, string Output)> CheckOfflineAsync(ReportDownload report) => CheckOfflineAsync(report.Text);

    private static async Task<(int ExitCode, string Output)> CheckOfflineAsync(string json)
    {
        var file = Path.Combine(Path.GetTempPath(), $"audit-report-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        try
        {
            return await Tools.RunAsync("bash", Script, file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

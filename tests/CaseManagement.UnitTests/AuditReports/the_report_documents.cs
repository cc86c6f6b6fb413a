using CaseManagement.Audit.Chain;
using System.Text;
using CaseManagement.Audit.Reports;
using CaseManagement.Audit.Reports.IncidentReports;
using CaseManagement.Audit.Reports.Rendering;
using CaseManagement.Incidents;
using FluentAssertions;
using static CaseManagement.UnitTests.AuditReports.RecordedHistory;

namespace CaseManagement.UnitTests.AuditReports;

/// <summary>The files auditors keep: CSV that spreadsheets read as written, HTML that shows hostile text without running it.</summary>
public class the_report_documents
{
    private const string Hostile = "<script>alert('x')</script> & \"quoted\"";

    private static AuditReport Report(string title = "Skimmer in checkout") => Build(new AuditReportInput(
        Detection(title: title)
            .Then(Sam, Detected.AddHours(1), new NoteAdded(Id, $"called the host, then: {Hostile}\nsecond line"))
            .Then(Sam, Detected.AddHours(2), new IncidentContained(Id, Detected.AddHours(2), "=HYPERLINK(\"http://evil\")"))
            .Record,
        Detected.AddDays(1), Detected.AddDays(1), Sam, null, []));

    private static AuditReport Build(AuditReportInput input) => AuditReport.BuildAsync(input).GetAwaiter().GetResult();

    [Fact]
    public void csv_is_rfc_4180_with_a_byte_order_mark_and_one_row_per_event()
    {
        var bytes = AuditReportCsv.Write(Report());

        bytes.Take(3).Should().Equal(Encoding.UTF8.GetPreamble(), "spreadsheet programs read UTF-8 only with the mark");
        var text = Encoding.UTF8.GetString(bytes[3..]);
        text.Should().StartWith(string.Join(",", AuditReportCsv.Columns) + "\r\n");
        text.Should().EndWith("\r\n");
        text.Should().Contain("\"sam@shop.test added a note: “called the host, then: <script>alert('x')</script> & \"\"quoted\"\"\nsecond line”.\"",
            "a field with quotes or a line break is quoted, its quotes doubled, its line break kept");
        Records(text).Should().Be(1 + 3, "a header and one record per event");
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("+49 30 1234", "'+49 30 1234")]
    [InlineData("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0")]
    [InlineData("-2.5", "-2.5")]
    [InlineData(null, "")]
    public void a_field_is_quoted_when_needed_and_never_read_as_a_formula(string? value, string written) =>
        Csv.Field(value).Should().Be(written);

    [Fact]
    public void html_shows_hostile_text_encoded_and_loads_nothing_from_elsewhere()
    {
        var html = Encoding.UTF8.GetString(AuditReportHtml.Write(Report(title: Hostile)));

        html.Should().NotContain("<script", "text from the record is shown, never run");
        html.Should().Contain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;");
        html.Should().NotContainAny(["<link", " src=", "@import", "url("], "the page is self-contained");
        html.Should().Contain("<style>").And.Contain("@media print").And.Contain("break-before: page");
        html.Should().Contain($"{AuditReportHtml.Heading}: &lt;script&gt;");
    }

    [Fact]
    public void html_has_a_section_per_part_of_the_report()
    {
        var html = Encoding.UTF8.GetString(AuditReportHtml.Write(Report()));

        foreach (var heading in new[] { "Summary", "Phases and response times", "Regulator deadlines", "Timeline", "Hash chain and verification" })
        {
            html.Should().Contain($"<section><h2>{heading}</h2>");
        }

        html.Should().Contain("docs/hash-chain.md");
    }

    [Fact]
    public void without_chain_links_the_chain_section_says_so_and_invents_none()
    {
        var chain = Report().Chain;

        chain.Status.Should().Be("not-recorded");
        chain.Streams.Should().ContainSingle().Which.Links.Should().BeEmpty();
    }

    [Fact]
    public void chain_links_that_exist_are_reported_per_stream_with_the_versions_still_unlinked()
    {
        var log = IncidentStreams.AccessLog(Id);
        var record = Detection().Then(Sam, Detected.AddHours(1), new NoteAdded(Id, "n"))
            .On(log, "access-log", Audrey, Detected.AddHours(2), new AuditReportExported(Id, "json", Detected.AddHours(2), 2, ["auditor"], "cafe"))
            .Record;
        var link = new ChainRecord(1, 10, "incident_detected", new string('a', 64), new string('0', 64), "{}");
        var logLink = new ChainRecord(1, 12, "audit_report_exported", new string('c', 64), new string('0', 64), "{}");

        var report = Build(new AuditReportInput(record, Detected.AddDays(1), Detected.AddDays(1), Sam, null,
            [new StreamLinks(Id, [link], null), new StreamLinks(log, [logLink], null)]));

        report.Chain.Status.Should().Be("partial", "one stream still has an unlinked event");
        report.Chain.Streams.Should().BeEquivalentTo(new[]
        {
            new { StreamId = Id, Stream = "incident", Status = "partial", Links = new[] { link } },
            new { StreamId = log, Stream = "access-log", Status = "linked", Links = new[] { logLink } },
        });
        report.Chain.Streams[0].Note.Should().EndWith("unlinked versions: 2.");
        Encoding.UTF8.GetString(AuditReportCsv.Write(report)).Should().Contain($",{new string('a', 64)},{new string('0', 64)}\r\n")
            .And.Contain($",{new string('c', 64)},{new string('0', 64)}\r\n", "each row carries the link of its own stream");
    }

    [Fact]
    public void the_services_own_check_at_export_is_told_in_words_and_a_break_is_never_softened()
    {
        var intact = new ChainVerification(Id, 4, true, null, 4, new string('b', 64), DateTimeOffset.Parse("2026-11-30T05:00:00Z"));
        var broken = intact with
        {
            Intact = false, FirstBreak = new ChainBreak(3, 30, ChainBreakKind.Changed, "the stored bytes no longer hash to the link", "x", "y"),
        };

        AuditReport.VerificationSentence(intact).Should()
            .Be($"Checked by the service at export: intact, 4 events, head version 4 hash {new string('b', 64)}, matching the checkpoint signed at 2026-11-30 05:00:00 UTC.");
        AuditReport.VerificationSentence(broken).Should().StartWith("Checked by the service at export: BROKEN, Changed at version 3");
        var report = Report();
        var chain = report.Chain with { Streams = [report.Chain.Streams[0] with { Verification = broken }] };
        Encoding.UTF8.GetString(AuditReportHtml.Write(report with { Chain = chain }))
            .Should().Contain("BROKEN, Changed at version 3", "the printed report shows a broken chain, not only the JSON");
    }

    private static int Records(string csv)
    {
        var (records, quoted) = (0, false);
        for (var i = 0; i < csv.Length; i++)
        {
            quoted ^= csv[i] == '"';
            records += !quoted && csv[i] == '\n' ? 1 : 0;
        }

        return records;
    }
}

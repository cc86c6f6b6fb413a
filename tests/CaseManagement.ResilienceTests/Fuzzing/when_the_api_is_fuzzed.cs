using CaseManagement.IntegrationTests.Infrastructure;
using FluentAssertions;
using Fuzz;
using Xunit.Abstractions;

namespace CaseManagement.ResilienceTests.Fuzzing;

/// <summary>
/// A seeded sample of hostile requests (build/fuzz/Fuzz) for every operation of the service's own OpenAPI document, against the
/// built service over a real socket: none may get a 5xx, every error the application gives is problem details, and nothing a
/// refused request named was changed by it. The longer run is `bash build/fuzz.sh` (docs/reliability.md).
/// </summary>
public sealed class when_the_api_is_fuzzed(ITestOutputHelper output)
{
    public const int SampleSize = 2_000;

    public const int Seed = 15;

    [Fact]
    public async Task a_seeded_sample_breaks_no_rule()
    {
        var log = new StringWriter();
        FuzzReport report;
        try
        {
            report = await Fuzz.Fuzzing.RunAsync(new FuzzOptions(SampleSize, Seed, Nodes.ClusterOfProcesses.ServiceDll(), TestDatabases.Marten, TestDatabases.Shop,
                Path.Combine(Tools.RepositoryRoot, "artifacts", "fuzz")), log);
        }
        finally
        {
            // What the harness made and refused to make explains a failure before the first request.
            output.WriteLine(log.ToString());
        }

        output.WriteLine(report.Summary());

        report.Outcomes.Should().HaveCount(SampleSize);
        report.Outcomes.Select(o => o.Attempt.Operation.Id).Distinct().Should().HaveCountGreaterThan(80, "every operation of the document is aimed at");
        report.Broken.Should().BeEmpty("no request may get a 5xx, an error without problem details, or record anything when refused:\n{0}", report.Summary());
    }
}

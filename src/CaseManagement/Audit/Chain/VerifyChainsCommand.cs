using JasperFx.CommandLine;
using Marten;

namespace CaseManagement.Audit.Chain;

public sealed class VerifyChainsInput : NetCoreInput
{
    [Description("Only this organisation (default: every organisation in the database)")]
    public string? OrgFlag { get; set; }

    [Description("Only this incident (or any stream) id")]
    public Guid? IncidentFlag { get; set; }
}

/// <summary>
/// `dotnet run --project src/CaseManagement -- verify-chains [--org ORG] [--incident ID]`: one line per stream and per
/// failing checkpoint; exit code 1 when anything is broken, so a scheduled job or an auditor's script can act on it.
/// </summary>
[Description("Recompute the hash chains of the stored events and check the signed checkpoints", Name = "verify-chains")]
public sealed class VerifyChainsCommand : JasperFxAsyncCommand<VerifyChainsInput>
{
    public override async Task<bool> Execute(VerifyChainsInput input)
    {
        using var host = input.BuildHost();
        return await RunAsync(host.Services, input.OrgFlag, input.IncidentFlag, Console.Out, CancellationToken.None);
    }

    /// <summary>True when every chain and checkpoint looked at holds.</summary>
    public static async Task<bool> RunAsync(IServiceProvider services, string? organisation, Guid? incident, TextWriter output, CancellationToken ct)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var verifier = services.GetRequiredService<ChainVerifier>();
        var organisations = organisation is null ? await services.GetRequiredService<ChainCheckpointing>().OrganisationsAsync(ct) : [organisation];
        var intact = true;
        var streams = 0;
        foreach (var org in organisations)
        {
            await using var session = store.QuerySession(org);
            if (incident is { } id)
            {
                if (await verifier.VerifyStreamAsync(session, id, ct) is { } one)
                {
                    output.WriteLine(Line(org, one));
                    intact &= one.Intact;
                    streams++;
                }

                continue;
            }

            var result = await verifier.VerifyOrganisationAsync(session, ct);
            foreach (var stream in result.Streams)
            {
                output.WriteLine(Line(org, stream));
            }

            foreach (var problem in result.CheckpointProblems)
            {
                output.WriteLine($"{org} checkpoint {problem.Id} of {EventCanonicalForm.Timestamp(problem.At)} INVALID: {problem.Problem}");
            }

            intact &= result.Intact;
            streams += result.Streams.Count;
        }

        if (incident is { } missing && streams == 0)
        {
            output.WriteLine($"No stream {missing} in {(organisation ?? "any organisation")}.");
            return false;
        }

        output.WriteLine(intact ? $"{streams} streams verified, all intact." : $"{streams} streams verified: BROKEN (see above).");
        return intact;
    }

    private static string Line(string organisation, ChainVerification v) => v.FirstBreak is { } b
        ? $"{organisation} {v.StreamId} BROKEN {b.Kind} at version {b.Version}: {b.Detail}"
        : $"{organisation} {v.StreamId} intact, {v.EventsChecked} events, head {v.HeadHash ?? "-"}";
}

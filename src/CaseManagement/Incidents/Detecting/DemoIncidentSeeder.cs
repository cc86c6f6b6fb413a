using CaseManagement.Obligations.Facts;
using CaseManagement.Rules.Catalogue;
using CaseManagement.Rules.Evaluation;
using Marten;

namespace CaseManagement.Incidents.Detecting;

/// <summary>
/// Seeds one realistic incident for the local demo (CaseManagement:SeedDemoIncident=true), so a newcomer
/// sees a working case at the first URL. Idempotent: a fixed stream id is written once. It is not contained: the demo shop
/// still carries the planted attack (build/tools/DemoShop), which monitoring finds and the checkout-skimmer playbook contains,
/// so the incident shows "contained" only once that run has recorded it.
/// </summary>
public sealed class DemoIncidentSeeder(IDocumentStore store, TimeProvider clock, ILogger<DemoIncidentSeeder> logger) : IHostedService
{
    public static readonly Guid DemoIncidentId = Guid.Parse("019a0000-0000-7000-8000-00000000de70");

    /// <summary>The organisation the demo incident belongs to; README shows how to get a token for it.</summary>
    public const string DemoOrganisation = "demo";

    public async Task StartAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession(DemoOrganisation);
        if (await session.Events.FetchStreamStateAsync(DemoIncidentId, ct) is not null)
        {
            logger.LogInformation("Demo incident {IncidentId} already present", DemoIncidentId);
            return;
        }

        var now = clock.GetUtcNow();
        var detected = now.AddHours(-30);
        session.LastModifiedBy = "system:demo-seed";
        session.CorrelationId = "demo-seed";
        session.Events.StartStream<Incident>(DemoIncidentId,
            new IncidentDetected(DemoIncidentId, "Card skimmer injected into checkout footer", "demo-woocommerce", IncidentKind.CheckoutSkimmer,
                detected, null, "customer complaint: unexpected charges", "A script loaded from a look-alike domain appears in the checkout page source.",
                ["payment-card", "name", "postal-address", "email"], CatalogueVersion: CatalogueStore.Embedded.Latest.Version),
            new ResponderAssigned(DemoIncidentId, "alex.responder@demo-shop.example", "incident lead"),
            new SeverityClassified(DemoIncidentId, Severity.Critical, "Card data of paying customers is exposed while checkout is live."),
            new AwarenessRecorded(DemoIncidentId, detected.AddHours(2), "Skimmer confirmed in the footer option of the WooCommerce theme settings."),
            new NoteAdded(DemoIncidentId, "Page source captured. The script is still live and the account that injected it is unknown: " +
                                          "next steps are containment (checkout-skimmer playbook) and scoping the orders placed while the script was live."),
            new AffectedCountsRecorded(DemoIncidentId,
                [new AffectedCount("US-CA", 340), new AffectedCount("US-NY", 75), new AffectedCount("DE", 25), new AffectedCount("GB", 12)],
                "manual", "Orders with card payment placed while the script was live (first estimate from the order export)."),
            new EncryptionStatusRecorded(DemoIncidentId, EncryptionStatus.Unencrypted, "The skimmer read card fields in the shopper's browser before encryption."),
            new SectorFlagsRecorded(DemoIncidentId, ["card-data"], "The shop takes card payments on its own checkout page."));
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Seeded demo incident {IncidentId}", DemoIncidentId);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

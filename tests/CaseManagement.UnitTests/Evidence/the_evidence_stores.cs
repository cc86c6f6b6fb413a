using CaseManagement.Containment.Evidence;
using CaseManagement.Shops.Evidence;
using FluentAssertions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace CaseManagement.UnitTests.Evidence;

/// <summary>ADR 36: new evidence goes to PostgreSQL unless the folder store is configured; every item is read from the store it was written to.</summary>
public sealed class the_evidence_stores
{
    private static readonly Guid Incident = Guid.Parse("01900000-0000-7000-8000-0000000000b1");
    private static readonly Guid Item = Guid.Parse("01900000-0000-7000-8000-0000000000b2");
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "evidence-stores-unit");

    private static EvidenceLocker Locker(string? store = null) =>
        new(Options.Create(store is null ? new EvidenceOptions { Root = Root } : new EvidenceOptions { Root = Root, Store = store }),
            new HostingEnvironment { EnvironmentName = Environments.Production }, null!);

    public static TheoryData<string?, Type, string> Reads => new()
    {
        { null, typeof(EvidenceFolder), "items recorded before ADR 36 name no store: their bundles are folders under the root" },
        { EvidenceStores.Folder, typeof(EvidenceFolder), "an item written by a node configured for the folder store" },
        { EvidenceStores.PostgreSql, typeof(EvidenceRows.Location), "an item written to PostgreSQL, wherever the node reading it runs" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public void an_item_is_read_from_the_store_it_names(string? store, Type expected, string because) =>
        Locker().For(store, "acme", Incident, Item).Should().BeOfType(expected, because);

    [Fact]
    public void a_folder_item_is_found_under_the_root_by_organisation_incident_and_item() =>
        Locker().For(null, "acme", Incident, Item).Name.Should().Be(Path.Combine(Root, "acme", Incident.ToString("N"), Item.ToString("N")),
            "the layout of bundles written before ADR 36 is unchanged, so they stay readable");

    [Theory]
    [InlineData(null, EvidenceStores.PostgreSql, "every node reads what any node wrote, with nothing to mount")]
    [InlineData(EvidenceStores.Folder, EvidenceStores.Folder, "an operator may keep bundles on a shared mount instead")]
    public void new_evidence_goes_to_the_configured_store(string? configured, string expected, string because) =>
        Locker(configured).NewStore.Should().Be(expected, because);

    [Fact]
    public void an_unknown_store_is_refused_with_the_choices_named()
    {
        var make = () => Locker("s3");

        make.Should().Throw<InvalidOperationException>().WithMessage("*'s3'*'postgresql'*'folder'*", "a typo must not send evidence somewhere unexpected");
    }
}

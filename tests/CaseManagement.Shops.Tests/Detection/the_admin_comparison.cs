using CaseManagement.Shops.Detection;
using FluentAssertions;

namespace CaseManagement.Shops.Tests.Detection;

/// <summary>Promotions leave no timestamp, so two snapshots of the admin set are diffed by user id.</summary>
public sealed class the_admin_comparison
{
    private static AdminAccount Account(long id, string login, string[] roles, bool fullAccess = false, bool active = true) =>
        new(id, login, $"{login}@shop.example", null, null, roles, fullAccess, active, null, null, null, "listed");

    [Fact]
    public void identical_snapshots_have_no_changes_even_when_roles_are_listed_in_another_order()
    {
        var before = new[] { Account(1, "olga", ["administrator", "shop_manager"], fullAccess: true) };
        var now = new[] { Account(1, "olga", ["shop_manager", "administrator"], fullAccess: true) };

        ShopDetections.Compare(before, now).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void an_account_only_in_the_later_snapshot_was_added()
    {
        var carl = Account(3, "carl", ["administrator"], fullAccess: true);

        var changes = ShopDetections.Compare([Account(1, "olga", ["administrator"], fullAccess: true)], [Account(1, "olga", ["administrator"], fullAccess: true), carl]);

        changes.Added.Should().Equal(new AdminChange(3, "carl", null, carl, "privileged now (administrator, full access), not in the earlier snapshot"));
        changes.Removed.Should().BeEmpty();
        changes.Changed.Should().BeEmpty();
    }

    [Fact]
    public void an_account_only_in_the_earlier_snapshot_was_removed()
    {
        var sam = Account(2, "sam", ["shop_manager"]);

        var changes = ShopDetections.Compare([sam], []);

        changes.Removed.Should().Equal(new AdminChange(2, "sam", sam, null, "was privileged (shop_manager), no longer is or was deleted"));
        changes.Added.Should().BeEmpty();
    }

    [Fact]
    public void a_changed_role_access_or_active_state_is_a_change_described_in_full()
    {
        var before = Account(2, "helper", ["Sales viewers"], active: false);
        var now = Account(2, "helper", ["Administrators"], fullAccess: true);

        var changes = ShopDetections.Compare([before], [now]);

        changes.Changed.Should().Equal(new AdminChange(2, "helper", before, now, "roles Sales viewers -> Administrators; gained full access; reactivated"));
    }

    [Fact]
    public void losing_every_role_reads_as_no_role()
    {
        var before = Account(3, "svc_backup", ["Administrators"], fullAccess: true);
        var now = Account(3, "svc_backup", [], active: false);

        ShopDetections.Compare([before], [now]).Changed.Single().Why.Should().Be("roles Administrators -> no role; lost full access; deactivated");
    }
}

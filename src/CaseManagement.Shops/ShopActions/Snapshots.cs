using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CaseManagement.Shops.ShopActions;

/// <summary>What a playbook captured, read back from a snapshot.</summary>
/// <param name="TakenAt">The shop server's clock at capture, in Unix seconds.</param>
internal sealed record Captured<TState>(TState State, long TakenAt);

/// <summary>
/// Writes and reads snapshot JSON. Besides the playbook's state it records a hash of the action's parameters (a leaked key
/// among them is not copied), the database and the table prefix, so a snapshot is never applied to another action or another
/// shop (a compensation would write its rows there).
/// </summary>
internal static class Snapshots
{
    private sealed record Envelope<TState>(string Action, string Parameters, string Database, string Prefix, long TakenAt, TState State);

    public static async Task<ActionSnapshot> CreateAsync<TState>(ContainmentSession session, ContainmentAction action, TState state, string summary)
    {
        var envelope = new Envelope<TState>(action.Name, Parameters(action), session.Database, session.P, await session.ServerUnixTimeAsync(), state);
        return new ActionSnapshot(action.Name, JsonSerializer.Serialize(envelope), summary);
    }

    /// <exception cref="ShopContainmentException">Not a snapshot of this action on this shop (permanent).</exception>
    public static Captured<TState> Read<TState>(ContainmentSession session, ContainmentAction action, ActionSnapshot snapshot)
    {
        Envelope<TState>? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope<TState>>(snapshot.Json);
        }
        catch (JsonException ex)
        {
            throw new ShopContainmentException($"The {snapshot.Action} snapshot is not one this adapter wrote: {ex.Message}", transient: false, ex);
        }

        // The parameters are not named: they may hold the leaked key.
        if (envelope is null || envelope.Action != action.Name || envelope.Parameters != Parameters(action))
        {
            throw new ShopContainmentException(
                $"The snapshot was captured for {(envelope?.Action == action.Name ? $"another {action.Name}" : envelope?.Action ?? snapshot.Action)}, "
                + $"not for this {action.Name}; pass the snapshot CaptureAsync returned for this action.", transient: false);
        }

        if (envelope.Database != session.Database || envelope.Prefix != session.P)
        {
            throw new ShopContainmentException(
                $"The snapshot was captured on database '{envelope.Database}' with table prefix '{envelope.Prefix}', not on '{session.Database}' "
                + $"with '{session.P}'; it cannot be applied to another shop.", transient: false);
        }

        return new Captured<TState>(envelope.State, envelope.TakenAt);
    }

    private static string Parameters(ContainmentAction action) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(action, action.GetType()))));
}

using JasperFx;
using Marten.Exceptions;

namespace CaseManagement.Infrastructure;

/// <summary>
/// Two writers raced for the same stream version, document version or new key. Marten reports several such failures of one
/// batch together in an <see cref="AggregateException"/>, so a retry policy that named only the single exceptions let a
/// double collision (an alert's reference and its fingerprint, say) fail the message instead of trying it again.
/// </summary>
public static class WriteCollisions
{
    public static bool Matches(Exception exception) => exception switch
    {
        ConcurrencyException or DocumentAlreadyExistsException or ExistingStreamIdCollisionException => true,
        AggregateException { InnerExceptions.Count: > 0 } many => many.InnerExceptions.All(Matches),
        _ => false,
    };
}

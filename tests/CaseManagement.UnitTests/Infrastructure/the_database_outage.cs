using System.Net.Sockets;
using CaseManagement.Infrastructure;
using FluentAssertions;
using Npgsql;

namespace CaseManagement.UnitTests.Infrastructure;

/// <summary>
/// Which failures mean "PostgreSQL is away" (a 503 with Retry-After for a request, a wait for background work) and which are
/// ordinary errors that must not be hidden behind an outage (docs/adr/0020-hostile-input.md).
/// </summary>
public class the_database_outage
{
    private static PostgresException Reported(string sqlState) => new("reported by the server", "FATAL", "FATAL", sqlState);

    public static TheoryData<Exception, bool, string> Failures => new()
    {
        { Reported("57P01"), true, "because the server is shutting down (pg_ctl stop -m fast)" },
        { Reported("57P03"), true, "because the server is starting and not yet accepting connections" },
        { Reported("08006"), true, "because the connection failed" },
        { Reported("53300"), true, "because no connection slot is left, which passes" },
        { new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)), true,
            "because nobody listens on the port while PostgreSQL is stopped" },
        { new InvalidOperationException("wrapped", new NpgsqlException("Exception while reading from stream", new IOException("reset"))), true,
            "because Marten and Wolverine wrap what Npgsql threw" },
        { new AggregateException(new InvalidOperationException("other"), new NpgsqlException("Failed to connect", new TimeoutException())), true,
            "because one of several failures was the connection" },
        { Reported("23505"), false, "because a unique key violation is the data's doing, not an outage" },
        { Reported("22P05"), false, "because a NUL in text is the request's doing" },
        { new NpgsqlException("protocol error"), false, "because an error that is not transient will not pass by waiting" },
        { new InvalidOperationException("anything else"), false, "because only database failures are outages" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void is_told_from_other_failures(Exception failure, bool outage, string because) =>
        DatabaseOutage.IsOutage(failure).Should().Be(outage, because);
}

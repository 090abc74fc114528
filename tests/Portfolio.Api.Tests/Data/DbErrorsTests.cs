using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portfolio.Api.Data;
using Portfolio.Api.Data.Postgres;
using Portfolio.Api.Employers;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Data;

// Which database failures are a 503 (the database is unavailable) and which a duplicate.
public sealed class DbErrorsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Unavailable => ["57P01", "57P03", "08006", "53300", "40P01", "40001"];

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void A_server_shutting_down_starting_or_out_of_connections_or_a_transaction_aborted_for_a_deadlock_or_a_conflict_is_unavailable(string state) =>
        Assert.True(DbErrors.IsUnavailable(new PostgresException("down", "FATAL", "FATAL", state)));

    [Fact]
    public void Connection_refused_broken_connections_and_timeouts_are_unavailable_also_when_EF_wraps_them()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));
        Assert.True(DbErrors.IsUnavailable(refused));
        Assert.True(DbErrors.IsUnavailable(new InvalidOperationException("transient", refused)));
        Assert.True(DbErrors.IsUnavailable(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.True(DbErrors.IsUnavailable(new NpgsqlException("Timeout", new TimeoutException())));
        Assert.Equal("Failed to connect to 127.0.0.1:5432: Connection refused", DbErrors.Reason(new InvalidOperationException("transient", refused)));
    }

    [Fact]
    public void SQLite_busy_or_unopenable_is_unavailable_other_SQLite_errors_are_not()
    {
        Assert.True(DbErrors.IsUnavailable(new SqliteException("database is locked", 5)));
        Assert.True(DbErrors.IsUnavailable(new SqliteException("unable to open database file", 14)));
        Assert.False(DbErrors.IsUnavailable(new SqliteException("no such table: employers", 1)));
    }

    [Fact]
    public void A_query_the_server_refuses_is_a_fault_of_ours_not_an_outage()
    {
        Assert.False(DbErrors.IsUnavailable(new PostgresException("relation does not exist", "ERROR", "ERROR", "42P01")));
        Assert.False(DbErrors.IsUnavailable(new InvalidOperationException("a bug")));
    }

    [Fact]
    public async Task A_duplicate_normalised_name_is_refused_by_the_database_as_a_unique_violation()
    {
        var name = $"unique {Guid.NewGuid():N}";
        await Seed.EmployerAsync(api, name);

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => Seed.EmployerAsync(api, name.ToUpperInvariant()));

        Assert.True(DbErrors.IsUniqueViolation(error));
    }

    [Fact]
    public void Connection_settings_fail_fast_by_default_and_keep_what_the_operator_gave()
    {
        var defaults = new NpgsqlConnectionStringBuilder(PostgresSetup.WithDefaults("Host=db;Database=portfolio"));
        var given = new NpgsqlConnectionStringBuilder(PostgresSetup.WithDefaults("Host=db;timeout=20;CommandTimeout=60;Max Auto Prepare=0;MaxPoolSize=200"));
        var largerMinimum = new NpgsqlConnectionStringBuilder(PostgresSetup.WithDefaults("Host=db;Minimum Pool Size=40"));

        Assert.Equal((3, 15, 32, 30), (defaults.Timeout, defaults.CommandTimeout, defaults.MaxAutoPrepare, defaults.MaxPoolSize));
        Assert.Equal((20, 60, 0, 200), (given.Timeout, given.CommandTimeout, given.MaxAutoPrepare, given.MaxPoolSize));
        Assert.Equal(40, largerMinimum.MaxPoolSize);
    }
}

namespace Portfolio.Api.Tests.TestHost;

// A test that only one database profile can run, with the reason in the attribute; the other
// profile's run reports it as skipped.
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute(string why)
    {
        if (TestDatabase.IsPostgresProfile)
        {
            Skip = $"SQLite profile only: {why}";
        }
    }
}

public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.IsPostgresProfile)
        {
            Skip = $"PostgreSQL profile only ({TestDatabase.ProfileVariable}=postgres)";
        }
    }
}

namespace Portfolio.Api.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    // The embedded default migrates itself; a production deployment runs `migrate` as its first step.
    public bool? MigrateOnStart { get; set; }

    public bool IsEmbedded => Provider == DatabaseProvider.Sqlite;

    public bool ShouldMigrateOnStart => MigrateOnStart ?? IsEmbedded;
}

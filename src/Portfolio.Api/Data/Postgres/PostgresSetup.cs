using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Portfolio.Api.Data.Postgres;

internal static class PostgresSetup
{
    public const int DefaultMaxPoolSize = 30;

    public static void AddPostgres(this IServiceCollection services, string? connectionString)
    {
        var settings = WithDefaults(connectionString
            ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is not set."));

        // One pool per process for EF Core; the generation read, which every request waits for,
        // keeps a connection of its own and shares each read among the requests waiting.
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(settings).Build());
        services.AddSingleton(provider => new PostgresGenerationReader(provider.GetRequiredService<NpgsqlDataSource>(), settings));
        services.AddSingleton<IGenerationReader>(provider =>
            new CoalescingGenerationReader(provider.GetRequiredService<PostgresGenerationReader>().Read));
        services.AddDbContextPool<AppDb, PostgresAppDb>((provider, db) => Configure(db, provider.GetRequiredService<NpgsqlDataSource>()));
        var poolSize = new NpgsqlConnectionStringBuilder(settings).MaxPoolSize;
        services.AddSingleton(new NpgsqlPoolSize(poolSize));
        services.AddPoolAdmission(poolSize);
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder db, NpgsqlDataSource dataSource) =>
        db.UseNpgsql(dataSource).UseSnakeCaseNamingConvention();

    // Npgsql's defaults wait 15 s to connect and 30 s for a command: while the database is down a
    // request would hang that long instead of answering 503 at once. Settings given explicitly win.
    public static string WithDefaults(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);

        // Npgsql's builder answers every key it knows; its text holds only those given, under
        // their canonical names whatever synonym the operator used.
        var given = new DbConnectionStringBuilder { ConnectionString = settings.ConnectionString };
        if (!given.ContainsKey("Timeout"))
        {
            settings.Timeout = 3;
        }

        if (!given.ContainsKey("Command Timeout"))
        {
            settings.CommandTimeout = 15;
        }

        // Npgsql's default of 100 is PostgreSQL's default max_connections: under 256 connections of
        // mixed traffic (bench/soak.sh) one instance took every connection the server had, and its
        // next opens failed with "too many clients already", each a 503; two instances could ask for
        // twice what the server has. 30 leaves room for a second instance, the commands and psql.
        if (!given.ContainsKey("Maximum Pool Size"))
        {
            settings.MaxPoolSize = Math.Max(DefaultMaxPoolSize, settings.MinPoolSize);
        }

        // Every request runs the same few statements; prepared once per connection, they skip parsing and planning.
        if (!given.ContainsKey("Max Auto Prepare"))
        {
            settings.MaxAutoPrepare = 32;
        }

        return settings.ConnectionString;
    }
}

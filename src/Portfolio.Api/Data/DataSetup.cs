using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Data.Postgres;

namespace Portfolio.Api.Data;

internal static class DataSetup
{
    public const string DefaultSqliteConnection = "Data Source=data/portfolio.db";

    public static void AddData(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Database");
        var options = section.Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddOptions<DatabaseOptions>().Bind(section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<CurrentGeneration>();
        builder.Services.AddSingleton<SqliteWriteGate>();   // taken by changes on SQLite only

        var connectionString = builder.Configuration.GetConnectionString("Default");
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString = PrepareSqlite(connectionString ?? DefaultSqliteConnection);
                builder.Services.AddSingleton(_ => new SqliteGenerationReader(connectionString));
                builder.Services.AddSingleton<IGenerationReader>(provider =>
                    new CoalescingGenerationReader(provider.GetRequiredService<SqliteGenerationReader>().Read));
                builder.Services.AddDbContextPool<AppDb, SqliteAppDb>(db => db
                    .UseSqlite(connectionString)
                    .UseSnakeCaseNamingConvention()
                    .AddInterceptors(new SqliteTuning()));
                break;
            case DatabaseProvider.Postgres:
                builder.Services.AddPostgres(connectionString);
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported by this build.");
        }
    }

    // A fresh machine has no ./data folder; SQLite will not create it.
    private static string PrepareSqlite(string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(csb.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        return csb.ToString();
    }
}

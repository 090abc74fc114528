using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace Portfolio.Api.Data.Postgres;

// `dotnet ef migrations add --context PostgresAppDb` needs the context without a database: the
// service registers only the configured provider's context.
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDb>
{
    public PostgresAppDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresAppDb>();
        PostgresSetup.Configure(builder, NpgsqlDataSource.Create("Host=localhost"));
        return new PostgresAppDb(builder.Options);
    }
}

using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Employers;
using Portfolio.Api.Media;

namespace Portfolio.Api.Data.Postgres;

public sealed class PostgresAppDb(DbContextOptions<PostgresAppDb> options) : AppDb(options)
{
    internal override IQueryable<Employer> EmployerForUpdate(long id) => Employers.FromSql($"SELECT * FROM employers WHERE id = {id} FOR UPDATE");

    internal override IQueryable<MediaImage> ImageForUpdate(long id) => Images.FromSql($"SELECT * FROM media_images WHERE id = {id} FOR UPDATE");

    internal override IQueryable<long> NewEmployerIds() =>
        Database.SqlQuery<long>($"SELECT nextval(pg_get_serial_sequence('employers', 'id')) AS \"Value\"");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // ?search= is a substring match (LIKE '%term%'), which no B-tree can serve; a trigram
        // GIN index can, and keeps it an index scan at a million employers.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<Employer>()
            .HasIndex(e => e.NormalizedName, "ix_employers_normalized_name_trgm")
            .HasDatabaseName("ix_employers_normalized_name_trgm")
            .HasMethod("gin")
            .HasOperators("gin_trgm_ops");
        modelBuilder.Entity<Employer>()
            .HasIndex(e => e.NormalizedDescription, "ix_employers_normalized_description_trgm")
            .HasDatabaseName("ix_employers_normalized_description_trgm")
            .HasMethod("gin")
            .HasOperators("gin_trgm_ops");
    }
}

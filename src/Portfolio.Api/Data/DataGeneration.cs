using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portfolio.Api.Data;

// One row whose value database triggers raise in the same transaction as every change to the
// tables that answers are made of (see the migrations). Reading it first tells a request whether
// what this instance remembers is still exactly what the database holds, on any instance.
public sealed class DataGeneration
{
    public int Id { get; set; }
    public long Value { get; set; }
}

internal sealed class DataGenerationConfiguration : IEntityTypeConfiguration<DataGeneration>
{
    public void Configure(EntityTypeBuilder<DataGeneration> generation)
    {
        generation.ToTable("data_generation");
        generation.Property(g => g.Id).ValueGeneratedNever();
        generation.HasData(new DataGeneration { Id = 1, Value = 1 });
    }
}

// Reads the generation once per request, on the request's own pooled connection.
internal sealed class CurrentGeneration(AppDb db)
{
    private long? _value;

    public async ValueTask<long> GetAsync(CancellationToken ct)
    {
        if (_value is { } known)
        {
            return known;
        }

        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }

        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM data_generation WHERE id = 1";
            _value = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            return _value.Value;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}

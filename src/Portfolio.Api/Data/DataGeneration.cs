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

// Reads the generation at most once per request.
internal sealed class CurrentGeneration(IGenerationReader reader)
{
    private long? _value;

    public async ValueTask<long> GetAsync(CancellationToken ct) => _value ??= await reader.ReadAsync(ct);
}

internal interface IGenerationReader
{
    ValueTask<long> ReadAsync(CancellationToken ct);
}

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

internal static class GenerationMiddleware
{
    // A request with credentials needs the generation (the token's holder is remembered under it),
    // and the read is shared, so it waits. Waiting here, in one shallow frame before
    // authentication, lets the token handler and the endpoint find the value ready and run to the
    // end without suspending; a wait deep in the handler suspends every async frame above it.
    public static void UseDataGeneration(this IApplicationBuilder app) =>
        app.Use((context, next) => context.Request.Headers.Authorization.Count == 0 ? next(context) : ReadThenAsync(context, next));

    private static async Task ReadThenAsync(HttpContext context, RequestDelegate next)
    {
        await context.RequestServices.GetRequiredService<CurrentGeneration>().GetAsync(context.RequestAborted);
        await next(context);
    }
}

internal interface IGenerationReader
{
    ValueTask<long> ReadAsync(CancellationToken ct);
}

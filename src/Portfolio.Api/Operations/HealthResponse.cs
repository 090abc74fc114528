namespace Portfolio.Api.Operations;

public sealed record HealthResponse(string Status);

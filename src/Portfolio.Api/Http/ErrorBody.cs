namespace Portfolio.Api.Http;

public sealed record ErrorBody(string Detail);

namespace Portfolio.Api.Http;

internal static class Timestamps
{
    // PostgreSQL keeps microseconds; truncating here makes both databases return the same value
    // that the API wrote.
    public static DateTime UtcNow(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
    }
}

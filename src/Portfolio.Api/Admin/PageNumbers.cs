namespace Portfolio.Api.Admin;

internal static class PageNumbers
{
    // How many pages `count` rows fill (one at least, for the empty list) and the page asked for,
    // kept within them.
    public static (int Pages, int Number) Of(int count, int pageSize, int page)
    {
        var pages = Math.Max(1, (count + pageSize - 1) / pageSize);
        return (pages, Math.Clamp(page, 1, pages));
    }
}

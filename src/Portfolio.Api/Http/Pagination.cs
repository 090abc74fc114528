using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Portfolio.Api.Http;

// DRF's PageNumberPagination: ?page= (1-based, or "last"), ?page_size= (default 20, at most 100),
// absolute next/previous links that keep the other query parameters.
public sealed record Page<T>(int Count, string? Next, string? Previous, IReadOnlyList<T> Results);

internal static class Pagination
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const string InvalidPage = "Invalid page.";

    // Null when the page does not exist: DRF answers 404 {"detail": "Invalid page."}.
    public static async Task<Page<TResult>?> PageAsync<TEntity, TResult>(
        IQueryable<TEntity> query, HttpRequest request, Func<TEntity, TResult> map, CancellationToken ct)
    {
        var size = PageSize(request.Query["page_size"]);
        var count = await query.CountAsync(ct);
        var pages = Math.Max(1, (count + size - 1) / size);
        if (PageNumber(request.Query["page"], pages) is not { } number)
        {
            return null;
        }

        var rows = await query.Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new Page<TResult>(
            count,
            number < pages ? Link(request, number + 1) : null,
            number > 1 ? Link(request, number - 1) : null,
            rows.Select(map).ToList());
    }

    // A page_size that is not a positive integer falls back to the default, as DRF's does.
    private static int PageSize(string? text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var size) && size > 0
            ? Math.Min(size, MaxPageSize)
            : DefaultPageSize;

    private static int? PageNumber(string? text, int pages)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 1;
        }

        if (text == "last")
        {
            return pages;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= pages
            ? number
            : null;
    }

    // The first page's link drops ?page= altogether, as DRF's does.
    private static string Link(HttpRequest request, int number)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query.Remove("page");
        if (number > 1)
        {
            query["page"] = number.ToString(CultureInfo.InvariantCulture);
        }

        var builder = new QueryBuilder(query.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? ""))));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, builder.ToQueryString());
    }
}

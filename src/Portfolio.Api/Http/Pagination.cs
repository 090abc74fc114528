using System.Globalization;
using System.Numerics;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace Portfolio.Api.Http;

public sealed record Page<T>(int Count, string? Next, string? Previous, IReadOnlyList<T> Results);

// The rows a page asks for: `Size` rows after the first `Offset`, of `Count` counted just before.
public readonly record struct PageWindow(int Offset, int Size, int Count);

// DRF's PageNumberPagination: ?page= (1-based, or "last"), ?page_size= (default 20, capped at
// 100; a value that is not a positive integer falls back to the default), absolute next and
// previous links that keep the other query parameters.
internal static class Pagination
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const string PageParameter = "page";
    public const string PageSizeParameter = "page_size";
    public const string InvalidPage = "Invalid page.";

    private const NumberStyles PythonInt = NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    // The query must be ordered (before any projection): a page of an unordered query is not a page.
    public static Task<Results<Ok<Page<T>>, NotFound<ErrorBody>>> PageAsync<T>(
        IQueryable<T> query, HttpRequest request, CancellationToken ct) =>
        PageAsync(query, request, row => row, ct);

    // `map` turns each row of the page into its response, for what SQL cannot build (absolute URLs).
    public static Task<Results<Ok<Page<TResult>>, NotFound<ErrorBody>>> PageAsync<TRow, TResult>(
        IQueryable<TRow> query, HttpRequest request, Func<TRow, TResult> map, CancellationToken ct) =>
        PageAsync(
            query.CountAsync,
            (window, token) => query.Skip(window.Offset).Take(window.Size).ToListAsync(token),
            request,
            map,
            ct);

    // For a list that reads its count and its rows in its own way (the employers under ?search=).
    public static async Task<Results<Ok<Page<TResult>>, NotFound<ErrorBody>>> PageAsync<TRow, TResult>(
        Func<CancellationToken, Task<int>> count, Func<PageWindow, CancellationToken, Task<List<TRow>>> rows,
        HttpRequest request, Func<TRow, TResult> map, CancellationToken ct)
    {
        var size = PageSize(request.Query[PageSizeParameter]);
        var total = await count(ct);
        var pages = (int)Math.Max(1, ((long)total + size - 1) / size);
        if (PageNumber(request.Query[PageParameter], pages) is not { } number)
        {
            return DrfErrors.InvalidPage();
        }

        var page = await rows(new PageWindow((number - 1) * size, size, total), ct);
        var next = number < pages ? Link(request, number + 1) : null;
        var previous = number > 1 ? Link(request, number - 1) : null;
        return TypedResults.Ok(new Page<TResult>(total, next, previous, page.ConvertAll(row => map(row))));
    }

    // Python's int() reads the value: surrounding white space and a sign are allowed.
    private static int PageSize(StringValues values)
    {
        if (!BigInteger.TryParse(values.LastOrDefault(), PythonInt, CultureInfo.InvariantCulture, out var size) || size <= 0)
        {
            return DefaultPageSize;
        }

        return (int)BigInteger.Min(size, MaxPageSize);
    }

    private static int? PageNumber(StringValues values, int pages)
    {
        // DRF: `query_params.get('page') or 1`, so an empty value is the first page too.
        var text = values.LastOrDefault();
        if (string.IsNullOrEmpty(text))
        {
            return 1;
        }

        if (text == "last")
        {
            return pages;
        }

        if (!BigInteger.TryParse(text, PythonInt, CultureInfo.InvariantCulture, out var number) || number < 1 || number > pages)
        {
            return null;
        }

        return (int)number;
    }

    // As DRF's replace_query_param: the parameters sorted by name, the first page without `page`.
    private static string Link(HttpRequest request, int page)
    {
        var parameters = request.Query.Where(p => p.Key != PageParameter).ToList();
        if (page > 1)
        {
            parameters.Add(new(PageParameter, page.ToString(CultureInfo.InvariantCulture)));
        }

        parameters.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(parameters));
    }
}

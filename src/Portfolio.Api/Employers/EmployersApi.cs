using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Accounts;
using Portfolio.Api.Audit;
using Portfolio.Api.Data;
using Portfolio.Api.Http;
using Portfolio.Api.Media;
using Portfolio.Api.Operations;

namespace Portfolio.Api.Employers;

internal static class EmployersApi
{
    private const string Path = "/api/portfolios/employers";

    private static readonly Func<AppDb, long, CancellationToken, Task<Employer?>> FindEmployer =
        EF.CompileAsyncQuery((AppDb db, long id, CancellationToken ct) => db.Employers
            .AsNoTracking()
            .Include(e => e.Image)
            .ThenInclude(i => i!.Thumbnails)
            .FirstOrDefault(e => e.Id == id));

    public static void MapEmployers(this IEndpointRouteBuilder app)
    {
        var employers = app.MapGroup(Path)
            .RequireAuthorization(Policies.PortfolioEmployer)
            .WithTags("Employers");

        employers.MapGet("", List)
            .WithPagination()
            .WithQuery(EmployerSearch.SearchParameter, "Terms split on white space and commas (\"quoted phrases\" whole); each must be in the name or the description, compared after the Persian normalisation.")
            .WithQuery(EmployerSearch.OrderingParameter, "id, name, created_at or updated_at, \"-\" for descending, comma-separated; unknown fields are ignored. Default id.")
            .Produces(StatusCodes.Status304NotModified)
            .WithName("ListPortfolioEmployers")
            .WithSummary("List employers a page at a time; ?search= in name and description, ?ordering= id, name, created_at, updated_at.");
        employers.MapPost("", Create)
            .WithJsonBody<EmployerRequest>()
            .WithName("CreatePortfolioEmployer")
            .WithSummary("Create an employer.");
        employers.MapGet("/{id}", Retrieve)
            .Produces(StatusCodes.Status304NotModified)
            .WithName("RetrievePortfolioEmployer")
            .WithSummary("Retrieve a portfolio employer by its id.");
        employers.MapPut("/{id}", Replace)
            .WithJsonBody<EmployerRequest>()
            .WithName("UpdatePortfolioEmployer")
            .WithSummary("Change an employer; name is required, fields left out keep their values.");
        employers.MapPatch("/{id}", Update)
            .WithJsonBody<EmployerRequest>()
            .WithName("PartialUpdatePortfolioEmployer")
            .WithSummary("Change some of an employer's fields.");
        employers.MapDelete("/{id}", Delete)
            .WithName("DeletePortfolioEmployer")
            .WithSummary("Delete an employer.");
        employers.MapGet("/{id}/history", AuditApi.EmployerHistory)
            .WithPagination()
            .WithName("PortfolioEmployerHistory")
            .WithSummary("The employer's audit entries, newest first; still there once the employer is deleted.");
    }

    private static async Task<Results<Ok<Page<EmployerResponse>>, StatusCodeHttpResult, NotFound<ErrorBody>, BadRequest<string[]>>> List(
        AppDb db, CurrentGeneration generation, RememberedCounts counts, MediaUrls urls,
        HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var baseUrl = urls.BaseFor(request);
        var current = await generation.GetAsync(ct);
        var tag = EmployerETag.ForList(current, request, baseUrl);
        if (tag.MatchesTag)
        {
            return tag.NotModified(response);
        }

        // DRF validates ?search= as a CharField, whose only complaint can be a NUL.
        var search = request.Query[EmployerSearch.SearchParameter].LastOrDefault();
        if (search?.Contains('\0', StringComparison.Ordinal) == true)
        {
            return TypedResults.BadRequest<string[]>([JsonFields.NullCharacters]);
        }

        var terms = EmployerSearch.Terms(search);
        if (terms.Count > EmployerSearch.MaxTerms)
        {
            return TypedResults.BadRequest<string[]>([EmployerSearch.TooManyTerms(terms.Count)]);
        }

        var plan = await SearchPlan.ForAsync(db, terms, ct);
        var count = new RememberedCount(counts, current, SearchTerms.Of(terms));
        var list = new EmployerList(db, plan, request.Query[EmployerSearch.OrderingParameter].LastOrDefault(), count);
        var answer = await Pagination.PageAsync(list.CountAsync, list.RowsAsync, request, employer => EmployerResponse.From(employer, baseUrl), ct);
        if (answer.Result is not Ok<Page<EmployerResponse>> ok)
        {
            return (NotFound<ErrorBody>)answer.Result;
        }

        if (tag.MatchesAny)
        {
            return tag.NotModified(response);
        }

        response.Headers.ETag = tag.Value;
        return ok;
    }

    // The page's endpoint, and the hot path: an answer is remembered, serialized, per data
    // generation and base URL, so that a repeated request is the generation read and a copy.
    private static async Task<Results<PreparedJson<EmployerResponse>, StatusCodeHttpResult, NotFound<ErrorBody>>> Retrieve(
        string id, CurrentGeneration generation, GenerationCache<EmployerPage, PreparedJson<EmployerResponse>> answers, MediaUrls urls,
        HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        if (!ResourceId.TryParse(id, out var key))
        {
            return DrfErrors.NotFound();
        }

        var current = await generation.GetAsync(ct);
        var baseUrl = urls.BaseFor(request);
        var page = new EmployerPage(key, baseUrl);
        if (!answers.TryGet(current, page, out var answer))
        {
            // A remembered answer needs no DbContext, so one is rented only here.
            var employer = await FindEmployer(request.HttpContext.RequestServices.GetRequiredService<AppDb>(), key, ct);
            if (employer is null)
            {
                return DrfErrors.NotFound();
            }

            answer = new PreparedJson<EmployerResponse>(EmployerResponse.From(employer, baseUrl), AppJsonContext.Web.EmployerResponse);
            answers.Add(current, page, answer);
        }

        var tag = EmployerETag.Matching(answer.ETag, request);
        if (tag.MatchesTag || tag.MatchesAny)
        {
            return tag.NotModified(response);
        }

        response.Headers.ETag = tag.Value;
        return answer;
    }

    private static async Task<Results<Created<EmployerResponse>, BadRequest<ValidationErrors>, JsonHttpResult<ErrorBody>>> Create(
        HttpRequest request, AppDb db, EmployerEditor editor, MediaUrls urls, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, ct);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var changes = EmployerChanges.Read(body.Root, errors, partial: false);
        if (await editor.CreateAsync(changes, errors, ct) is not { } employer)
        {
            return TypedResults.BadRequest(errors);
        }

        var response = await RepresentAsync(db, employer, urls.BaseFor(request), ct);
        return TypedResults.Created($"{Path}/{employer.Id}", response);
    }

    private static Task<Results<Ok<EmployerResponse>, BadRequest<ValidationErrors>, NotFound<ErrorBody>, JsonHttpResult<ErrorBody>>> Replace(
        string id, HttpRequest request, AppDb db, EmployerEditor editor, MediaUrls urls, CancellationToken ct) =>
        ChangeAsync(id, partial: false, request, db, editor, urls, ct);

    private static Task<Results<Ok<EmployerResponse>, BadRequest<ValidationErrors>, NotFound<ErrorBody>, JsonHttpResult<ErrorBody>>> Update(
        string id, HttpRequest request, AppDb db, EmployerEditor editor, MediaUrls urls, CancellationToken ct) =>
        ChangeAsync(id, partial: true, request, db, editor, urls, ct);

    private static async Task<Results<Ok<EmployerResponse>, BadRequest<ValidationErrors>, NotFound<ErrorBody>, JsonHttpResult<ErrorBody>>> ChangeAsync(
        string id, bool partial, HttpRequest request, AppDb db, EmployerEditor editor, MediaUrls urls, CancellationToken ct)
    {
        if (!ResourceId.TryParse(id, out var key))
        {
            return DrfErrors.NotFound();
        }

        // The body is read before the row, so that no database work waits on a slow client; an
        // unknown id still answers 404 before any complaint about the body, as DRF does.
        var body = await JsonBody.ReadObjectAsync(request, ct);
        if (body.Problem is { } problem)
        {
            return await editor.ExistsAsync(key, ct) ? problem : DrfErrors.NotFound();
        }

        var errors = new ValidationErrors();
        var changes = EmployerChanges.Read(body.Root, errors, partial);
        var (found, employer) = await editor.UpdateAsync(key, changes, errors, ct);
        if (!found)
        {
            return DrfErrors.NotFound();
        }

        if (employer is null)
        {
            return TypedResults.BadRequest(errors);
        }

        return TypedResults.Ok(await RepresentAsync(db, employer, urls.BaseFor(request), ct));
    }

    private static async Task<Results<NoContent, NotFound<ErrorBody>>> Delete(string id, EmployerEditor editor, CancellationToken ct)
    {
        if (!ResourceId.TryParse(id, out var key) || !await editor.DeleteAsync(key, ct))
        {
            return DrfErrors.NotFound();
        }

        return TypedResults.NoContent();
    }

    // Every write answers what a retrieve would, from the row it has just saved (as DRF's
    // serializer.data does) with its image and thumbnails, read for the answer unless the write
    // read them already.
    private static async Task<EmployerResponse> RepresentAsync(AppDb db, Employer employer, string mediaBaseUrl, CancellationToken ct)
    {
        if (employer.ImageId is { } imageId && employer.Image?.Id != imageId)
        {
            await db.Entry(employer).Reference(e => e.Image).Query().Include(i => i.Thumbnails).LoadAsync(ct);
        }

        return EmployerResponse.From(employer, mediaBaseUrl);
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Portfolio.Api.Accounts;
using Portfolio.Api.Data;
using Portfolio.Api.Http;
using Portfolio.Api.Operations;

namespace Portfolio.Api.Audit;

internal static class AuditApi
{
    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", List)
            .RequireAuthorization(Policies.Admin)
            .WithTags("Audit")
            .WithPagination()
            .WithQuery(AuditFilters.ActorParameter, "The actor's username as recorded (\"system\" for commands).")
            .WithQuery(AuditFilters.ActorIdParameter, "The actor's user id.")
            .WithQuery(AuditFilters.ActionParameter, $"One of: {string.Join(", ", AuditActions.All.Order(StringComparer.Ordinal))}.")
            .WithQuery(AuditFilters.ObjectTypeParameter, $"One of: {string.Join(", ", AuditObjects.All.Order(StringComparer.Ordinal))}.")
            .WithQuery(AuditFilters.ObjectIdParameter, "The object's id; needs object_type.")
            .WithQuery(AuditFilters.SinceParameter, "ISO 8601 date or date-time (UTC unless it says otherwise): entries at or after it.")
            .WithQuery(AuditFilters.UntilParameter, "ISO 8601 date or date-time: entries at or before it.")
            .WithName("ListAuditEntries")
            .WithSummary("The audit trail, newest first: every change, who made it, when and from where.");
    }

    // An employer's own history, for anyone who may read the employer.
    public static async Task<Results<Ok<Page<AuditEntryResponse>>, NotFound<ErrorBody>>> EmployerHistory(
        string id, AppDb db, HttpRequest request, CancellationToken ct)
    {
        if (!ResourceId.TryParse(id, out var key) || await AuditReads.EmployerHistoryAsync(db, key, ct) is not { } entries)
        {
            return DrfErrors.NotFound();
        }

        return await PageAsync(entries, request, ct);
    }

    private static async Task<Results<Ok<Page<AuditEntryResponse>>, BadRequest<ValidationErrors>, NotFound<ErrorBody>>> List(
        AppDb db, HttpRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var filters = AuditFilters.Read(request.Query, errors);
        if (errors.Count > 0)
        {
            return TypedResults.BadRequest(errors);
        }

        var page = await PageAsync(AuditReads.Trail(db, filters), request, ct);
        return page.Result is Ok<Page<AuditEntryResponse>> ok ? ok : (NotFound<ErrorBody>)page.Result;
    }

    private static Task<Results<Ok<Page<AuditEntryResponse>>, NotFound<ErrorBody>>> PageAsync(
        IQueryable<AuditEntry> ordered, HttpRequest request, CancellationToken ct) =>
        Pagination.PageAsync(ordered, request, AuditEntryResponse.From, ct);
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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

    // An employer's own history, for anyone who may read the employer; also once it is deleted,
    // since the trail is then all that is left of it.
    public static async Task<Results<Ok<Page<AuditEntryResponse>>, NotFound<ErrorBody>>> EmployerHistory(
        string id, AppDb db, HttpRequest request, CancellationToken ct)
    {
        if (!ResourceId.TryParse(id, out var key))
        {
            return DrfErrors.NotFound();
        }

        var entries = db.AuditEntries.AsNoTracking().Where(e => e.ObjectType == AuditObjects.Employer && e.ObjectId == key);
        if (!await db.Employers.AnyAsync(e => e.Id == key, ct) && !await entries.AnyAsync(ct))
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

        var page = await PageAsync(filters.Apply(db.AuditEntries.AsNoTracking()), request, ct);
        return page.Result is Ok<Page<AuditEntryResponse>> ok ? ok : (NotFound<ErrorBody>)page.Result;
    }

    private static Task<Results<Ok<Page<AuditEntryResponse>>, NotFound<ErrorBody>>> PageAsync(
        IQueryable<AuditEntry> entries, HttpRequest request, CancellationToken ct) =>
        Pagination.PageAsync(entries.OrderByDescending(e => e.Id), request, AuditEntryResponse.From, ct);
}

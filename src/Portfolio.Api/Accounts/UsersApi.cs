using System.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Audit;
using Portfolio.Api.Data;
using Portfolio.Api.Http;
using Portfolio.Api.Operations;

namespace Portfolio.Api.Accounts;

internal static class UsersApi
{
    public static void MapUsers(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users")
            .RequireAuthorization(Policies.Admin)
            .WithTags("Users");
        users.MapGet("", List).WithPagination().WithSummary("List users, a page at a time.");
        users.MapPost("", Create).WithJsonBody<UserRequest>().WithSummary("Create a user.");
        users.MapGet("/{id}", Retrieve).WithSummary("Retrieve a user by id.");
        users.MapPatch("/{id}", Update)
            .WithJsonBody<UserRequest>()
            .WithSummary("Change some of a user's fields (any of them); a new password revokes their tokens.");
        users.MapDelete("/{id}", Delete).WithSummary("Delete a user and their tokens.");

        app.MapGet("/api/permissions", Permissions)
            .RequireAuthorization(Policies.Admin)
            .WithTags("Users")
            .WithSummary("The permission codes that can be granted.");
    }

    private static Task<Results<Ok<Page<UserResponse>>, NotFound<ErrorBody>>> List(AppDb db, HttpRequest request, CancellationToken ct) =>
        Pagination.PageAsync(db.Users.AsNoTracking().OrderBy(u => u.Id).Select(UserResponse.Projection), request, ct);

    private static async Task<Results<Ok<UserResponse>, NotFound<ErrorBody>>> Retrieve(string id, AppDb db, CancellationToken ct)
    {
        if (!ResourceId.TryParse(id, out var key) || await UserResponse.FindAsync(db, key, ct) is not { } user)
        {
            return DrfErrors.NotFound();
        }

        return TypedResults.Ok(user);
    }

    private static async Task<Results<Created<UserResponse>, BadRequest<ValidationErrors>, JsonHttpResult<ErrorBody>>> Create(
        HttpRequest request, AppDb db, UserEditor editor, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, ct);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var changes = UserChanges.Read(body.Root, errors, partial: false);
        if (await editor.CreateAsync(changes, errors, ct) is not { } user)
        {
            return TypedResults.BadRequest(errors);
        }

        return TypedResults.Created((string?)null, await UserResponse.GetAsync(db, user.Id, ct));
    }

    private static async Task<Results<Ok<UserResponse>, BadRequest<ValidationErrors>, NotFound<ErrorBody>, JsonHttpResult<ErrorBody>>> Update(
        string id, HttpRequest request, AppDb db, UserEditor editor, AuditTrail audit, CancellationToken ct)
    {
        if (!ResourceId.TryParse(id, out var key))
        {
            return DrfErrors.NotFound();
        }

        // Read the body before the transaction: a slow client must not hold the database's write lock.
        var body = await JsonBody.ReadObjectAsync(request, ct);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var changes = UserChanges.Read(body.Root, errors, partial: true);
        await using var change = await audit.BeginAsync(ct, IsolationLevel.Serializable);
        if (await editor.FindAsync(key, ct) is not { } user)
        {
            return DrfErrors.NotFound();
        }

        if (!await editor.UpdateAsync(user, changes, errors, ct))
        {
            return TypedResults.BadRequest(errors);
        }

        var response = await UserResponse.GetAsync(db, key, ct);
        await change.CommitAsync(ct);
        return TypedResults.Ok(response);
    }

    private static async Task<Results<NoContent, BadRequest<ValidationErrors>, NotFound<ErrorBody>>> Delete(
        string id, UserEditor editor, AuditTrail audit, CancellationToken ct)
    {
        if (!ResourceId.TryParse(id, out var key))
        {
            return DrfErrors.NotFound();
        }

        await using var change = await audit.BeginAsync(ct, IsolationLevel.Serializable);
        if (await editor.FindAsync(key, ct) is not { } user)
        {
            return DrfErrors.NotFound();
        }

        var errors = new ValidationErrors();
        if (!await editor.DeleteAsync(user, errors, ct))
        {
            return TypedResults.BadRequest(errors);
        }

        await change.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<PermissionResponse>>> Permissions(AppDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.Permissions.AsNoTracking().OrderBy(p => p.Code).Select(p => new PermissionResponse(p.Code, p.Name)).ToListAsync(ct));
}

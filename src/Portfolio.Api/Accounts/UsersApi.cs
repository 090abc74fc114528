using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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
        string id, HttpRequest request, AppDb db, UserEditor editor, CancellationToken ct)
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
        var (found, updated) = await editor.UpdateAsync(key, changes, errors, ct);
        if (!found)
        {
            return DrfErrors.NotFound();
        }

        if (!updated)
        {
            return TypedResults.BadRequest(errors);
        }

        // Deleted since the change committed: there is no one to show.
        return await UserResponse.FindAsync(db, key, ct) is { } response ? TypedResults.Ok(response) : DrfErrors.NotFound();
    }

    private static async Task<Results<NoContent, BadRequest<ValidationErrors>, NotFound<ErrorBody>>> Delete(
        string id, UserEditor editor, CancellationToken ct)
    {
        if (!ResourceId.TryParse(id, out var key))
        {
            return DrfErrors.NotFound();
        }

        var errors = new ValidationErrors();
        var (found, deleted) = await editor.DeleteAsync(key, errors, ct);
        if (!found)
        {
            return DrfErrors.NotFound();
        }

        return deleted ? TypedResults.NoContent() : TypedResults.BadRequest(errors);
    }

    private static async Task<Ok<List<PermissionResponse>>> Permissions(AppDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.Permissions.AsNoTracking().OrderBy(p => p.Code).Select(p => new PermissionResponse(p.Code, p.Name)).ToListAsync(ct));
}
